"""Mailbox export jobs (spec section 8): RUNNING until moto's state manager lets them
complete; the operations layer delivers the ``.zip`` to S3 when a job completes."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import ClassVar

from workmail_mock.state import runtime
from workmail_mock.state.runtime import Progression
from workmail_mock.state.store import OrderedStore

#: moto state-manager model of an export job: ``immediate`` by default (the first read
#: shows COMPLETED); ``manual`` lets a test watch it run.
EXPORT_MODEL = "workmail::mailbox-export-job"
_RUNS = [("RUNNING", "COMPLETED")]
RUNNING, COMPLETED, FAILED, CANCELLED = "RUNNING", "COMPLETED", "FAILED", "CANCELLED"
#: Jobs are listed for 7 days after they start (model doc of ListMailboxExportJobs).
LISTED_FOR = timedelta(days=7)
#: One job per mailbox every 24 hours (admin guide, mail-export).
ONE_JOB_PER = timedelta(hours=24)
#: A guess: each read of a RUNNING job shows this much more progress, up to 99.
PROGRESS_STEP = 10


@dataclasses.dataclass(eq=False)
class ExportJob:
    id: str
    entity_id: str
    description: str | None
    role_arn: str
    kms_key_arn: str
    s3_bucket_name: str
    s3_prefix: str
    start_time: datetime
    progression: Progression = dataclasses.field(repr=False)
    state: str = RUNNING
    estimated_progress: int = 0
    error_info: str | None = None
    end_time: datetime | None = None

    #: Describe and List serialize the job itself; the serializer may keep its encoded
    #: JSON for list pages (``protocol.serializer``), and setting any attribute drops it.
    _wire_cacheable: ClassVar[bool] = True

    def __setattr__(self, name: str, value: object) -> None:
        self.__dict__.pop("_wire", None)
        object.__setattr__(self, name, value)

    @property
    def job_id(self) -> str:
        return self.id

    @property
    def s3_key(self) -> str:
        """``<S3Prefix>/<JobId>.zip`` (no doubled slash): a guess, AWS names no key."""
        separator = "" if self.s3_prefix.endswith("/") else "/"
        return f"{self.s3_prefix}{separator}{self.id}.zip"

    @property
    def log_key(self) -> str:
        return self.s3_key[: -len(".zip")] + ".log.json"

    @property
    def s3_path(self) -> str:
        """A guess at the form: ``<bucket>/<key>`` ("the path to the S3 bucket and file")."""
        return f"{self.s3_bucket_name}/{self.s3_key}"

    def due(self) -> bool:
        """True when a RUNNING job's progression has reached COMPLETED (the operations
        layer then delivers the export and calls ``complete`` or ``fail``)."""
        return self.state == RUNNING and self.progression.settle() == COMPLETED

    def observe(self) -> None:
        """One read of the job: counts towards a manual progression, and progress moves."""
        if self.state == RUNNING:
            self.progression.advance()
            self.estimated_progress = min(99, self.estimated_progress + PROGRESS_STEP)

    def complete(self, end: datetime) -> None:
        self.state, self.estimated_progress, self.end_time = COMPLETED, 100, end

    def fail(self, reason: str) -> None:
        self.state, self.error_info = FAILED, reason[:1024]
        self.end_time = runtime.current().now()

    def cancel(self) -> None:
        """RUNNING -> CANCELLED, keeping its progress; a finished job stays as it is (a
        guess: AWS says only that a job near completion may not be cancellable)."""
        if self.state == RUNNING:
            self.state = CANCELLED
            self.end_time = runtime.current().now()


def new_job(
    job_id: str, entity_id: str, description: str | None, role_arn: str, kms_key_arn: str,
    s3_bucket_name: str, s3_prefix: str,
) -> ExportJob:
    now = runtime.current().now()
    return ExportJob(
        job_id, entity_id, description, role_arn, kms_key_arn, s3_bucket_name, s3_prefix,
        now, runtime.current().progression(EXPORT_MODEL, _RUNS),
    )


@dataclasses.dataclass(eq=False)
class ExportJobs:
    jobs: OrderedStore[ExportJob] = dataclasses.field(default_factory=OrderedStore)

    def get(self, job_id: str) -> ExportJob | None:
        return self.jobs.get(job_id)

    def add(self, job: ExportJob) -> None:
        self.jobs.add(job.id, job)

    def running(self) -> list[ExportJob]:
        return [job for job in self.jobs if job.state == RUNNING]

    def last_start(self, entity_id: str) -> datetime | None:
        starts = [job.start_time for job in self.jobs if job.entity_id == entity_id]
        return max(starts) if starts else None


def export_files(
    job: ExportJob, end: datetime, messages: Sequence[tuple[str, bytes]] = ()
) -> tuple[bytes, bytes]:
    """The job's ``.zip`` and its output log (admin guide, mail-export).

    The zip holds the mailbox's messages (``(folder, MIME)``, delivered through
    ``workmail_mock.testing`` or SES), one ``<folder>/<n>.eml`` each: the layout is a
    guess. The log has the fields of the admin guide's example. Writing the log as a
    JSON object next to the zip, named ``<JobId>.log.json``, is a guess.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive_file:
        for number, (folder, content) in enumerate(messages, 1):
            archive_file.writestr(f"{folder}/{number}.eml", content)
    archive = buffer.getvalue()
    log = {
        "totalNonExportableItems": 0,
        "totalMessages": len(messages),
        "sha384Hash": hashlib.sha384(archive).hexdigest(),
        "totalBytes": len(archive),
        "totalFolders": len({folder for folder, _ in messages}),
        "startTime": int(job.start_time.timestamp() * 1000),
        "endTime": int(end.timestamp() * 1000),
    }
    return archive, json.dumps(log).encode()
