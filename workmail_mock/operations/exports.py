"""Mailbox export jobs (spec section 8): a job runs through moto's state manager and, on
completion, writes the mailbox's ``.zip`` into moto's S3, encrypted by the KMS key."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    EntityNotFoundException,
    InvalidParameterException,
    LimitExceededException,
)
from workmail_mock.integrations import iam, kms, s3
from workmail_mock.operations.registry import Call, operation, page_size
from workmail_mock.state import runtime
from workmail_mock.state.entities import Resource, User
from workmail_mock.state.exports import LISTED_FOR, ONE_JOB_PER, ExportJob, export_files, new_job
from workmail_mock.state.kinds import EntityState


def _deliver(call: Call, job: ExportJob) -> None:
    """Finish a job whose progression completed: FAILED when IAM, KMS or S3 is in use and
    the role, key or bucket is not usable (a guess: AWS reports such problems on the job), else
    COMPLETED, with the export written when S3 is in use."""
    if iam.role_exists(call.account_id, job.role_arn) is False:
        job.fail(f"IAM role {job.role_arn} does not exist")
        return
    key = kms.check_key(call.account_id, call.region_name, job.kms_key_arn)
    if key is not None and not key.known:
        job.fail(f"KMS key {job.kms_key_arn} does not exist")
        return
    if key is not None and key.state != "Enabled":
        job.fail(f"KMS key {job.kms_key_arn} is {key.state}")
        return
    bucket = s3.bucket_exists(call.account_id, job.s3_bucket_name)
    if bucket is False:
        job.fail(f"S3 bucket {job.s3_bucket_name} does not exist")
        return
    end = runtime.current().now()
    if bucket:
        messages = [(m.folder, m.content) for m in call.org.mail.mailbox(job.entity_id)]
        archive, log = export_files(job, end, messages)
        # S3 records the key's own ARN, also when the job names it by an alias ARN.
        key_arn = key.arn if key is not None and key.arn else job.kms_key_arn
        s3.put_encrypted(call.account_id, job.s3_bucket_name, job.s3_key, archive, key_arn)
        s3.put_encrypted(call.account_id, job.s3_bucket_name, job.log_key, log, key_arn)
    job.complete(end)


def _finish_if_due(call: Call, job: ExportJob) -> None:
    if job.due():
        _deliver(call, job)


def _job(call: Call, job_id: str) -> ExportJob:
    job = call.org.exports.get(job_id)
    if job is None:  # a guess: the only not-found error modelled
        raise EntityNotFoundException(
            f"Mailbox export job {job_id} does not exist in organization {call.org.id}"
        )
    _finish_if_due(call, job)
    return job


@operation("StartMailboxExportJob")
def start_mailbox_export_job(
    call: Call,
    entity_id: str,
    role_arn: str,
    kms_key_arn: str,
    s3_bucket_name: str,
    s3_prefix: str,
    description: str | None = None,
) -> dict[str, str]:
    org = call.org
    entity = call.find(entity_id, (User, Resource), wrong_kind=", which has no mailbox")
    if entity.state != EntityState.ENABLED:
        # A guess: only an ENABLED user or resource has a mailbox to export.
        raise InvalidParameterException(
            f"{entity.LABEL} {entity.id} is in state {entity.state}; only an ENABLED user or "
            "resource has a mailbox to export"
        )
    key_region = kms_key_arn.split(":")[3] if kms_key_arn.count(":") >= 5 else ""
    if key_region != call.region_name:
        # The admin guide: the organization, the key and the bucket share a region.
        raise InvalidParameterException(
            f"KMS key {kms_key_arn} is not in region {call.region_name} of organization {org.id}"
        )
    running = sum(1 for job in org.exports.running() if not job.due())
    quota = call.region.quotas.concurrent_mailbox_export_jobs
    if running >= quota:
        raise LimitExceededException(
            f"Organization {org.id} already runs {running} mailbox export jobs; the quota is "
            f"{quota}"
        )
    now = runtime.current().now()
    last = org.exports.last_start(entity.id)
    if last is not None and now - last < ONE_JOB_PER:
        raise LimitExceededException(
            f"A mailbox export job for {entity.noun} {entity.id} started at "
            f"{last.isoformat()}Z; a mailbox can be exported once every 24 hours"
        )
    job = new_job(
        runtime.current().uuid4(), entity.id, description, role_arn, kms_key_arn,
        s3_bucket_name, s3_prefix,
    )
    org.exports.add(job)
    _finish_if_due(call, job)  # with the default (immediate) progression: done at once
    return {"JobId": job.id}


@operation("DescribeMailboxExportJob")
def describe_mailbox_export_job(call: Call, job_id: str) -> ExportJob:
    job = _job(call, job_id)
    job.observe()
    return job


@operation("CancelMailboxExportJob")
def cancel_mailbox_export_job(call: Call, job_id: str) -> None:
    _job(call, job_id).cancel()


@operation("ListMailboxExportJobs")
def list_mailbox_export_jobs(
    call: Call, next_token: str | None = None, max_results: int | None = None
) -> dict[str, Any]:
    since = runtime.current().now() - LISTED_FOR
    page, token = call.org.exports.jobs.page(
        page_size(max_results), next_token, lambda job: job.start_time >= since
    )
    for job in page:
        _finish_if_due(call, job)
        job.observe()
    return {"Jobs": page, "NextToken": token}
