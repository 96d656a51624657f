"""WorkMail state is isolated between regions, accounts and decorated tests."""

from __future__ import annotations

from typing import Any

import boto3

from tests.support import aliases, raises
from workmail_mock import mock_workmail


def test_regions_are_isolated(make_client):
    east, west, ireland = (make_client(region=r) for r in ("us-east-1", "us-west-2", "eu-west-1"))
    org = east.create_organization(Alias="east")["OrganizationId"]
    west.create_organization(Alias="west")
    assert aliases(east) == ["east"]
    assert aliases(west) == ["west"]
    assert aliases(ireland) == []
    with raises(
        "OrganizationNotFoundException",
        f"Organization {org} does not exist in account 123456789012, region us-west-2",
    ):
        west.describe_organization(OrganizationId=org)


def test_accounts_are_isolated_by_moto_account_id(client, monkeypatch):
    org = client.create_organization(Alias="first")["OrganizationId"]
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    assert aliases(client) == []
    with raises(
        "OrganizationNotFoundException",
        f"Organization {org} does not exist in account 111122223333, region us-east-1",
    ):
        client.describe_organization(OrganizationId=org)
    second = client.create_organization(Alias="second")["OrganizationId"]
    assert (
        client.describe_organization(OrganizationId=second)["ARN"].split(":")[4] == "111122223333"
    )
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    assert aliases(client) == ["first"]


def _with_account_header(client: Any, account: str) -> Any:
    def add_header(request: Any, **_kwargs: Any) -> None:
        request.headers["x-moto-account-id"] = account

    client.meta.events.register("before-sign.workmail", add_header)
    return client


def test_accounts_are_isolated_by_the_moto_account_header(make_client):
    default = make_client()
    other = _with_account_header(make_client(), "444455556666")
    default.create_organization(Alias="first")
    org = other.create_organization(Alias="second")["OrganizationId"]
    assert aliases(default) == ["first"]
    assert aliases(other) == ["second"]
    arn = other.describe_organization(OrganizationId=org)["ARN"]
    assert arn == f"arn:aws:workmail:us-east-1:444455556666:organization/{org}"


def test_entities_are_isolated_between_organizations(client):
    first = client.create_organization(Alias="first")["OrganizationId"]
    second = client.create_organization(Alias="second")["OrganizationId"]
    client.create_group(OrganizationId=first, Name="staff")
    assert client.list_groups(OrganizationId=second)["Groups"] == []
    client.create_group(OrganizationId=second, Name="staff")


@mock_workmail
def test_decorated_test_one_starts_empty_and_leaves_state_behind():
    client = boto3.client("workmail", region_name="us-east-1")
    assert aliases(client) == []
    client.create_organization(Alias="leftover")
    assert aliases(client) == ["leftover"]


@mock_workmail
def test_decorated_test_two_does_not_see_the_state_of_test_one():
    client = boto3.client("workmail", region_name="us-east-1")
    assert aliases(client) == []
    client.create_organization(Alias="leftover")
