"""Per-call cost of issue 9's operations against the before-send floor.

Run: ``python bench/bench_settings.py`` (prints a markdown table; see bench/README.md).

- floor: the same boto3 client answered with the exact body the mock returns, from a
  ``before-send`` handler (the mock's own handler unregistered from that client).
- mock: workmail_mock in-process (``mock_workmail``).

Calls: DescribeMailboxExportJob (one completed job) and ListMailboxExportJobs (a page of
20 jobs), in an organization with 20 users, each with an exported mailbox.
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import boto3

from bench._floor import canned_client, raw_body
from bench._timing import side_by_side
from workmail_mock import mock_workmail

REGION = "us-east-1"
CALLS = int(os.environ.get("BENCH_CALLS", "200"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))
TARGET = 1.3


def main() -> None:
    with mock_workmail():
        mock = boto3.client("workmail", region_name=REGION)
        org = mock.create_organization(Alias="bench")["OrganizationId"]
        jobs = []
        for i in range(20):
            user = mock.create_user(OrganizationId=org, Name=f"u{i}", DisplayName=f"U {i}")["UserId"]
            mock.register_to_work_mail(OrganizationId=org, EntityId=user, Email=f"u{i}@bench.awsapps.com")
            jobs.append(mock.start_mailbox_export_job(
                OrganizationId=org, EntityId=user, RoleArn="arn:aws:iam::123456789012:role/export",
                KmsKeyArn="arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
                S3BucketName="bench-bucket", S3Prefix="exports",
            )["JobId"])
        job = jobs[0]
        floor = canned_client({
            "DescribeMailboxExportJob": raw_body(mock, "DescribeMailboxExportJob", OrganizationId=org, JobId=job),
            "ListMailboxExportJobs": raw_body(mock, "ListMailboxExportJobs", OrganizationId=org, MaxResults=20),
        })
        describe = side_by_side({
            "floor": lambda: floor.describe_mailbox_export_job(OrganizationId=org, JobId=job),
            "mock": lambda: mock.describe_mailbox_export_job(OrganizationId=org, JobId=job),
        }, CALLS, ROUNDS)
        listing = side_by_side({
            "floor": lambda: floor.list_mailbox_export_jobs(OrganizationId=org, MaxResults=20),
            "mock": lambda: mock.list_mailbox_export_jobs(OrganizationId=org, MaxResults=20),
        }, CALLS, ROUNDS)
    print("| call | floor (before-send) | workmail_mock | mock / floor | target |")
    print("|---|---|---|---|---|")
    for name, r in (("DescribeMailboxExportJob", describe), ("ListMailboxExportJobs (20 per page)", listing)):
        print(f"| {name} | {r['floor'] * 1e6:.0f} µs | {r['mock'] * 1e6:.0f} µs | "
              f"{r['mock'] / r['floor']:.2f}× | ≤ {TARGET}× |")


if __name__ == "__main__":
    main()
