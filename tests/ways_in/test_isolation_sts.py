"""Accounts from access keys: moto's STS AssumeRole keys map to the role's account."""

from __future__ import annotations

import boto3
from moto import mock_aws

import workmail_mock  # noqa: F401


@mock_aws
def test_assumed_role_keys_see_their_own_account() -> None:
    other = "111111111111"
    sts = boto3.client("sts", region_name="us-east-1")
    role_arn = f"arn:aws:iam::{other}:role/admin"
    boto3.client("iam", region_name="us-east-1")  # moto maps keys through its IAM backend
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="session")["Credentials"]
    assumed = boto3.client(
        "workmail", region_name="us-east-1",
        aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    mine = boto3.client("workmail", region_name="us-east-1")
    org = assumed.create_organization(Alias="other-account")["OrganizationId"]
    assert assumed.describe_organization(OrganizationId=org)["ARN"].split(":")[4] == other
    assert mine.list_organizations()["OrganizationSummaries"] == []
    assert [o["OrganizationId"] for o in assumed.list_organizations()["OrganizationSummaries"]] == [org]
