"""Start/Describe/Cancel/ListMailboxExportJobs, with moto's S3 and KMS."""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from tests.support import (
    ACCOUNT,
    MISSING_ORG,
    REGION,
    collect,
    deleted_org,
    group,
    org_missing_message,
    raises,
    resource,
    user,
)

EXPORT_MODEL = "workmail::mailbox-export-job"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/workmail-export"
KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/11111111-2222-3333-4444-555555555555"
BUCKET = "exports-bucket"


@pytest.fixture
def manual() -> Iterator[None]:
    """Export jobs run for two reads, then complete."""
    state_manager.set_transition(EXPORT_MODEL, {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition(EXPORT_MODEL)


def _start(client: Any, org: str, entity: str, key: str = KEY, bucket: str = BUCKET, **extra: Any) -> str:
    return str(client.start_mailbox_export_job(
        OrganizationId=org, EntityId=entity, RoleArn=ROLE, KmsKeyArn=key,
        S3BucketName=bucket, S3Prefix="backups/alice", **extra,
    )["JobId"])


def test_a_job_completes_at_once_by_default(client, org):
    alice = user(client, org, enabled=True)
    job_id = _start(client, org, "alice@testorg.awsapps.com", Description="offboarding")
    job = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert job["State"] == "COMPLETED"
    assert job["EstimatedProgress"] == 100
    assert job["EntityId"] == alice
    assert job["Description"] == "offboarding"
    assert (job["RoleArn"], job["KmsKeyArn"], job["S3BucketName"], job["S3Prefix"]) == (
        ROLE, KEY, BUCKET, "backups/alice"
    )
    assert job["S3Path"] == f"{BUCKET}/backups/alice/{job_id}.zip"
    assert job["EndTime"] >= job["StartTime"]
    assert "ErrorInfo" not in job


def test_a_job_runs_with_manual_progression_and_progress_moves(client, org, manual):
    user(client, org, enabled=True)
    job_id = _start(client, org, "alice")
    first = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    second = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert (first["State"], second["State"]) == ("RUNNING", "RUNNING")
    assert 0 < first["EstimatedProgress"] < second["EstimatedProgress"] < 100
    assert "EndTime" not in second
    third = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert (third["State"], third["EstimatedProgress"]) == ("COMPLETED", 100)


def test_cancel_a_running_job(client, org, manual):
    user(client, org, enabled=True)
    job_id = _start(client, org, "alice")
    client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    client.cancel_mailbox_export_job(OrganizationId=org, JobId=job_id)
    job = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert job["State"] == "CANCELLED"
    assert job["EstimatedProgress"] == 10
    assert "EndTime" in job
    client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)["State"] == "CANCELLED"


def test_cancelling_a_finished_job_changes_nothing(client, org):
    user(client, org, enabled=True)
    job_id = _start(client, org, "alice")
    client.cancel_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)["State"] == "COMPLETED"


def test_unknown_job_is_entity_not_found(client, org):
    message = f"Mailbox export job nope does not exist in organization {org}"
    with raises("EntityNotFoundException", message):
        client.describe_mailbox_export_job(OrganizationId=org, JobId="nope")
    with raises("EntityNotFoundException", message):
        client.cancel_mailbox_export_job(OrganizationId=org, JobId="nope")


def test_list_mailbox_export_jobs_in_start_order_and_paged(client, org):
    ids = []
    for name in ("alice", "bob", "carol"):
        user(client, org, name, enabled=True)
        ids.append(_start(client, org, name))
    room = resource(client, org, enabled=True)
    ids.append(_start(client, org, room))
    first = client.list_mailbox_export_jobs(OrganizationId=org, MaxResults=3)
    assert [j["JobId"] for j in first["Jobs"]] == ids[:3]
    jobs = collect(client.list_mailbox_export_jobs, "Jobs", OrganizationId=org, MaxResults=3)
    assert [j["JobId"] for j in jobs] == ids
    assert set(jobs[0]) == {
        "JobId", "EntityId", "Description", "S3BucketName", "S3Path", "EstimatedProgress",
        "State", "StartTime", "EndTime",
    } - {"Description"}
    assert jobs[3]["EntityId"] == room


def test_the_client_token_makes_start_idempotent(client, org):
    user(client, org, enabled=True)
    first = _start(client, org, "alice", ClientToken="tok-1")
    assert _start(client, org, "alice", ClientToken="tok-1") == first
    with raises(
        "InvalidParameterException",
        "ClientToken tok-1 was already used for a StartMailboxExportJob request with different "
        "parameters",
    ):
        _start(client, org, "alice", ClientToken="tok-1", Description="other")


def test_one_job_per_mailbox_every_24_hours(client, org):
    alice = user(client, org, enabled=True)
    _start(client, org, "alice")
    with raises(
        "LimitExceededException",
        re.compile(
            rf"^A mailbox export job for user {alice} started at \d{{4}}-\d\d-\d\dT[\d:.]+Z; "
            "a mailbox can be exported once every 24 hours$"
        ),
    ):
        _start(client, org, "alice")


def test_ten_concurrent_jobs_per_organization(client, org, manual):
    for i in range(10):
        user(client, org, f"u{i}", enabled=True)
        _start(client, org, f"u{i}")
    user(client, org, "late", enabled=True)
    with raises(
        "LimitExceededException",
        f"Organization {org} already runs 10 mailbox export jobs; the quota is 10",
    ):
        _start(client, org, "late")


def test_unknown_entity_is_entity_not_found(client, org):
    with raises("EntityNotFoundException", f"Entity nobody does not exist in organization {org}"):
        _start(client, org, "nobody")


def test_a_bad_next_token_is_invalid_parameter(client, org):
    with raises("InvalidParameterException", "The NextToken 'bad' is not valid"):
        client.list_mailbox_export_jobs(OrganizationId=org, NextToken="bad")


def test_a_group_or_a_disabled_user_has_no_mailbox(client, org):
    team = group(client, org, enabled=True)
    with raises("InvalidParameterException", f"Entity {team} is a group, which has no mailbox"):
        _start(client, org, team)
    alice = user(client, org)
    with raises(
        "InvalidParameterException",
        f"User {alice} is in state DISABLED; only an ENABLED user or resource has a mailbox to "
        "export",
    ):
        _start(client, org, alice)


def test_a_key_of_another_region_is_refused(client, org):
    user(client, org, enabled=True)
    key = KEY.replace(REGION, "eu-west-1")
    with raises(
        "InvalidParameterException",
        f"KMS key {key} is not in region {REGION} of organization {org}",
    ):
        _start(client, org, "alice", key=key)


def test_unknown_and_deleted_organizations(client, org):
    calls = [
        lambda o: _start(client, o, "alice"),
        lambda o: client.describe_mailbox_export_job(OrganizationId=o, JobId="j"),
        lambda o: client.cancel_mailbox_export_job(OrganizationId=o, JobId="j"),
        lambda o: client.list_mailbox_export_jobs(OrganizationId=o),
    ]
    for call in calls:
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(MISSING_ORG)
    message = deleted_org(client, org)
    for call in calls:
        with raises("OrganizationStateException", message):
            call(org)


# --- with moto's S3 and KMS ----------------------------------------------------------------


def _key(aws: Any, enabled: bool = True) -> str:
    kms = aws("kms")
    key = kms.create_key()["KeyMetadata"]
    if not enabled:
        kms.disable_key(KeyId=key["KeyId"])
    return str(key["Arn"])


def test_a_key_named_by_its_alias_arn_is_recorded_by_its_key_arn(client, org, aws):
    """S3 reports an object's SSEKMSKeyId as the key's ARN, also when the request named
    the key by an alias."""
    user(client, org, enabled=True)
    s3 = aws("s3")
    s3.create_bucket(Bucket=BUCKET)
    key = _key(aws)
    aws("kms").create_alias(AliasName="alias/exports", TargetKeyId=key)
    alias_arn = f"arn:aws:kms:{REGION}:{ACCOUNT}:alias/exports"
    job_id = _start(client, org, "alice", key=alias_arn)
    assert client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)["State"] == "COMPLETED"
    head = s3.head_object(Bucket=BUCKET, Key=f"backups/alice/{job_id}.zip")
    assert (head["ServerSideEncryption"], head["SSEKMSKeyId"]) == ("aws:kms", key)


def test_the_export_lands_in_moto_s3_encrypted_by_the_key(client, org, aws):
    user(client, org, enabled=True)
    s3 = aws("s3")
    s3.create_bucket(Bucket=BUCKET)
    key = _key(aws)
    job_id = _start(client, org, "alice", key=key)
    job = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert job["State"] == "COMPLETED"
    head = s3.head_object(Bucket=BUCKET, Key=f"backups/alice/{job_id}.zip")
    assert (head["ServerSideEncryption"], head["SSEKMSKeyId"]) == ("aws:kms", key)
    body = s3.get_object(Bucket=BUCKET, Key=f"backups/alice/{job_id}.zip")["Body"].read()
    assert zipfile.ZipFile(io.BytesIO(body)).namelist() == []
    log = json.loads(
        s3.get_object(Bucket=BUCKET, Key=f"backups/alice/{job_id}.log.json")["Body"].read()
    )
    assert log["totalMessages"] == 0 and log["totalBytes"] == len(body)
    assert set(log) == {
        "totalNonExportableItems", "totalMessages", "sha384Hash", "totalBytes", "totalFolders",
        "startTime", "endTime",
    }


def test_a_prefix_ending_in_a_slash_is_not_doubled(client, org, aws):
    user(client, org, enabled=True)
    aws("s3").create_bucket(Bucket=BUCKET)
    job_id = str(client.start_mailbox_export_job(
        OrganizationId=org, EntityId="alice", RoleArn=ROLE, KmsKeyArn=_key(aws),
        S3BucketName=BUCKET, S3Prefix="backups/",
    )["JobId"])
    job = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert job["S3Path"] == f"{BUCKET}/backups/{job_id}.zip"
    aws("s3").head_object(Bucket=BUCKET, Key=f"backups/{job_id}.zip")


def test_a_missing_bucket_fails_the_job(client, org, aws):
    user(client, org, enabled=True)
    aws("s3").create_bucket(Bucket="some-other-bucket")
    job_id = _start(client, org, "alice", key=_key(aws))
    job = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert job["State"] == "FAILED"
    assert job["ErrorInfo"] == f"S3 bucket {BUCKET} does not exist"
    assert "EndTime" in job
    listed = client.list_mailbox_export_jobs(OrganizationId=org)["Jobs"]
    assert listed[0]["State"] == "FAILED" and "ErrorInfo" not in listed[0]


def test_an_unknown_or_disabled_key_fails_the_job(client, org, aws):
    user(client, org, enabled=True)
    user(client, org, "bob", enabled=True)
    aws("s3").create_bucket(Bucket=BUCKET)
    disabled = _key(aws, enabled=False)
    unknown = _start(client, org, "alice", key=KEY)
    off = _start(client, org, "bob", key=disabled)
    assert client.describe_mailbox_export_job(OrganizationId=org, JobId=unknown)["ErrorInfo"] == (
        f"KMS key {KEY} does not exist"
    )
    job = client.describe_mailbox_export_job(OrganizationId=org, JobId=off)
    assert (job["State"], job["ErrorInfo"]) == ("FAILED", f"KMS key {disabled} is Disabled")
    assert aws("s3").list_objects_v2(Bucket=BUCKET)["KeyCount"] == 0


def test_jobs_are_listed_for_seven_days(client, org):
    import workmail_mock

    user(client, org, enabled=True)
    job_id = _start(client, org, "alice")
    backend = workmail_mock.backend_for(ACCOUNT, REGION)
    job = backend.organizations.get(org).exports.get(job_id)
    job.start_time -= datetime.timedelta(days=7, seconds=1)
    assert client.list_mailbox_export_jobs(OrganizationId=org)["Jobs"] == []


def test_a_role_that_moto_iam_lacks_fails_the_job(client, org, aws):
    user(client, org, enabled=True)
    aws("iam").create_role(RoleName="some-other-role", AssumeRolePolicyDocument="{}")
    job_id = _start(client, org, "alice")
    job = client.describe_mailbox_export_job(OrganizationId=org, JobId=job_id)
    assert (job["State"], job["ErrorInfo"]) == ("FAILED", f"IAM role {ROLE} does not exist")
