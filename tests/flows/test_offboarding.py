"""Offboarding with compliance: export the mailbox to moto's S3 (watching the job run),
check the archive, then deregister and delete the user; nothing else changes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.client import BaseClient
from moto.moto_api import state_manager

from tests.support import ACCOUNT, REGION, user
from workmail_mock.testing import issue_personal_access_token

EXPORT_MODEL = "workmail::mailbox-export-job"
BUCKET = "offboarding-archive"


@pytest.fixture
def watched_jobs() -> Iterator[None]:
    """Export jobs stay RUNNING for three reads, then complete."""
    state_manager.set_transition(EXPORT_MODEL, {"progression": "manual", "times": 3})
    try:
        yield
    finally:
        state_manager.unset_transition(EXPORT_MODEL)


def _wait(client: BaseClient, org: str, job_id: str) -> list[dict[str, Any]]:
    """DescribeMailboxExportJob until the job ends; every answer seen."""
    seen = []
    for _ in range(20):
        job = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
        seen.append(job)
        if job["State"] != "RUNNING":
            return seen
    raise AssertionError("the export job never ended")


def test_export_then_offboard_a_user(client: BaseClient, org: str, aws: Any, watched_jobs: None) -> None:
    arn = f"arn:aws:workmail:{REGION}:{ACCOUNT}:organization/{org}"
    client.tag_resource(ResourceARN=arn, Tags=[{"Key": "cost-center", "Value": "it"}])
    leaver = user(client, org, "leaver", enabled=True)
    stayer = user(client, org, "stayer", enabled=True)
    url = client.meta.endpoint_url
    endpoint = url if url.startswith("http://127.0.0.1") else None
    issue_personal_access_token(org, leaver, endpoint_url=endpoint)
    kept_token = issue_personal_access_token(org, stayer, endpoint_url=endpoint)
    s3 = aws("s3")
    s3.create_bucket(Bucket=BUCKET)
    key = aws("kms").create_key(Description="archive")["KeyMetadata"]["Arn"]

    job_id = client.start_mailbox_export_job(
        OrganizationId=org, EntityId="leaver@testorg.awsapps.com", Description="offboarding",
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/WorkMailExport", KmsKeyArn=key,
        S3BucketName=BUCKET, S3Prefix="leavers/leaver",
    )["JobId"]
    seen = _wait(client, org, job_id)
    states = [job["State"] for job in seen]
    assert states == ["RUNNING", "RUNNING", "RUNNING", "COMPLETED"]
    progress = [job["EstimatedProgress"] for job in seen]
    assert progress == sorted(progress) and progress[-1] == 100 and progress[0] < 100
    done = seen[-1]
    object_key = done["S3Path"].split("/", 1)[1]
    assert done["S3Path"] == f"{BUCKET}/leavers/leaver/{job_id}.zip"
    head = s3.head_object(Bucket=BUCKET, Key=object_key)
    assert (head["ServerSideEncryption"], head["SSEKMSKeyId"]) == ("aws:kms", key)
    archive = s3.get_object(Bucket=BUCKET, Key=object_key)["Body"].read()
    assert zipfile.ZipFile(io.BytesIO(archive)).testzip() is None

    client.deregister_from_work_mail(OrganizationId=org, EntityId=leaver)
    client.delete_user(OrganizationId=org, UserId=leaver)

    assert client.describe_user(OrganizationId=org, UserId=leaver)["State"] == "DELETED"
    assert client.describe_user(OrganizationId=org, UserId=stayer)["State"] == "ENABLED"
    tokens = client.list_personal_access_tokens(OrganizationId=org)["PersonalAccessTokenSummaries"]
    assert [t["PersonalAccessTokenId"] for t in tokens] == [kept_token]
    assert client.list_tags_for_resource(ResourceARN=arn)["Tags"] == [
        {"Key": "cost-center", "Value": "it"}
    ]
    jobs = client.list_mailbox_export_jobs(OrganizationId=org)["Jobs"]
    assert [(j["JobId"], j["EntityId"], j["State"]) for j in jobs] == [(job_id, leaver, "COMPLETED")]
    assert s3.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 2  # the zip and its log
