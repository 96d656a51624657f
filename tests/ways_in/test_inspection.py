"""``workmail_mock.testing.inspection``: typed, read-only views of the live state."""

from __future__ import annotations

import dataclasses

import boto3
import pytest

from workmail_mock import mock_workmail
from workmail_mock.testing import inspection, snapshot


@mock_workmail
def test_views_of_an_organization() -> None:
    client = boto3.client("workmail", region_name="us-east-1")
    org_id = client.create_organization(Alias="acme")["OrganizationId"]
    client.register_mail_domain(OrganizationId=org_id, DomainName="example.com")
    alice = client.create_user(OrganizationId=org_id, Name="alice", DisplayName="Alice")["UserId"]
    client.register_to_work_mail(OrganizationId=org_id, EntityId=alice, Email="alice@example.com")
    client.create_alias(OrganizationId=org_id, EntityId=alice, Alias="al@example.com")
    team = client.create_group(OrganizationId=org_id, Name="team")["GroupId"]
    client.associate_member_to_group(OrganizationId=org_id, GroupId=team, MemberId=alice)
    room = client.create_resource(OrganizationId=org_id, Name="room", Type="ROOM")["ResourceId"]
    client.associate_delegate_to_resource(OrganizationId=org_id, ResourceId=room, EntityId=alice)

    org = inspection.organization("acme")
    assert org.id == org_id and org.state == "Active" and org.account == "123456789012"
    assert "example.com" in [d.name for d in org.domains]
    user = org.entity("alice")
    assert (user.id, user.kind, user.email, user.state) == (
        alice, "USER", "alice@example.com", "ENABLED"
    )
    assert user.aliases == ("al@example.com",) and user.display_name == "Alice"
    assert "password" not in user.attributes
    assert org.entity(team).kind == "GROUP" and org.members == {team: (alice,)}
    assert org.delegates == {room: (alice,)}
    assert inspection.organizations() == (org,)
    assert inspection.organizations(region="eu-west-1") == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        org.alias = "other"  # type: ignore[misc]


@mock_workmail
def test_snapshot_is_built_on_the_views_and_has_no_private_keys() -> None:
    client = boto3.client("workmail", region_name="eu-west-1")
    client.create_organization(Alias="acme")
    shot = snapshot()
    assert list(shot) == ["123456789012/eu-west-1"]
    region = shot["123456789012/eu-west-1"]
    assert region["organizations"][0]["alias"] == "acme"
    assert region["quotas"]["organizations_per_region"] == 100
    assert "'_" not in repr(shot), "private keys leak into the snapshot"
    (view,) = inspection.state()
    assert region["organizations"][0]["id"] == view.organizations[0].id
