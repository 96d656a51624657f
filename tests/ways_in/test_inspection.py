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


def test_views_cover_every_part() -> None:
    from moto import mock_aws

    from tests.ways_in.test_declarative import build_everything

    with mock_aws():
        ids = build_everything()
        org = inspection.organization("acme")
        assert org.mailbox_permissions == {ids["bob"]: {ids["alice"]: ("FULL_ACCESS", "SEND_AS")}}
        assert org.settings.retention_policy is not None
        assert org.settings.retention_policy.name == "keep"
        assert [a.domain_name for a in org.settings.availability_configurations] == [
            "partner.example"]
        assert org.settings.email_monitoring is not None and not org.settings.dmarc_enforced
        assert org.settings.identity_provider is not None
        assert [r.name for r in org.policies.access_control_rules] == ["default", "imap"]
        assert org.policies.access_control_rules[1].conditions == {
            "actions": ("IMAP",), "not_ip_ranges": ("203.0.113.0/24",)}
        assert ids["device_rule"] in [r.id for r in org.policies.mobile_device_access_rules]
        assert [o.device_id for o in org.policies.mobile_device_access_overrides] == ["PHONE1"]
        (role,) = org.policies.impersonation_roles
        assert role.resolved == {"r1": ("ALLOW", (ids["bob"],), ())}
        assert [r for r, _ in org.policies.impersonation_tokens.values()] == [ids["role"]]
        assert [j.id for j in org.export_jobs] == [ids["job"]]
        assert [t.id for t in org.personal_access_tokens] == [ids["token"]]
        assert org.tags == {"team": "mail"}
        assert [m.message_id for m in org.in_transit_messages] == [ids["message"]]
        assert b"Subject: hello" in org.mailboxes[ids["bob"]][0].content
        regions = {(r.account, r.region): r for r in inspection.state()}
        assert regions[("123456789012", "us-west-2")].quotas["tags_per_resource"] == 7
        assert len(regions[("123456789012", "us-east-1")].identity_center_applications) == 1
        shot = snapshot()

        def keys(value: object) -> set[str]:
            if isinstance(value, dict):
                return set(value) | {k for v in value.values() for k in keys(v)}
            if isinstance(value, list):
                return {k for v in value for k in keys(v)}
            return set()

        assert not [k for k in keys(shot) if k.startswith("_") and not k.startswith("_amazon")]
        assert not keys(shot) & {"lock", "progression", "lifecycle", "name_index", "matcher"}
        view = shot["123456789012/us-east-1"]["organizations"][0]
        assert view["tags"] == {"team": "mail"} and view["export_jobs"][0]["id"] == ids["job"]
