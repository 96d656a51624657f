"""PutInboundDmarcSettings and DescribeInboundDmarcSettings."""

from __future__ import annotations

from tests.support import MISSING_ORG, deleted_org, org_missing_message, raises


def test_new_organizations_enforce_dmarc(client, org):
    assert client.describe_inbound_dmarc_settings(OrganizationId=org)["Enforced"] is True


def test_put_inbound_dmarc_settings(client, org):
    client.put_inbound_dmarc_settings(OrganizationId=org, Enforced=False)
    assert client.describe_inbound_dmarc_settings(OrganizationId=org)["Enforced"] is False
    client.put_inbound_dmarc_settings(OrganizationId=org, Enforced=True)
    assert client.describe_inbound_dmarc_settings(OrganizationId=org)["Enforced"] is True


def test_settings_belong_to_one_organization(client, org):
    other = client.create_organization(Alias="other")["OrganizationId"]
    client.put_inbound_dmarc_settings(OrganizationId=org, Enforced=False)
    assert client.describe_inbound_dmarc_settings(OrganizationId=other)["Enforced"] is True


def test_unknown_and_deleted_organizations(client, org):
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.put_inbound_dmarc_settings(OrganizationId=MISSING_ORG, Enforced=False)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.describe_inbound_dmarc_settings(OrganizationId=MISSING_ORG)
    message = deleted_org(client, org)
    with raises("OrganizationStateException", message):
        client.put_inbound_dmarc_settings(OrganizationId=org, Enforced=False)
    with raises("OrganizationStateException", message):
        client.describe_inbound_dmarc_settings(OrganizationId=org)
