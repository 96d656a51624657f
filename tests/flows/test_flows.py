"""The admin flows users run, end to end, in-process and against the server."""

from __future__ import annotations

import pytest
from botocore.client import BaseClient

from tests.support import collect, raises
from workmail_mock.testing import snapshot

DOMAIN = "corp.example.com"


@pytest.fixture
def corp(client: BaseClient, org: str) -> str:
    client.register_mail_domain(OrganizationId=org, DomainName=DOMAIN)
    return org


def test_onboard_then_offboard_a_user(client: BaseClient, corp: str) -> None:
    staff = client.create_group(OrganizationId=corp, Name="staff")["GroupId"]
    client.register_to_work_mail(OrganizationId=corp, EntityId=staff, Email=f"staff@{DOMAIN}")
    # Onboard
    user = client.create_user(
        OrganizationId=corp, Name="jdoe", DisplayName="Jane Doe", Password="Corr3ct-Horse!"
    )["UserId"]
    assert client.describe_user(OrganizationId=corp, UserId=user)["State"] == "DISABLED"
    client.register_to_work_mail(OrganizationId=corp, EntityId=user, Email=f"jdoe@{DOMAIN}")
    described = client.describe_user(OrganizationId=corp, UserId=user)
    assert described["State"] == "ENABLED"
    assert described["Email"] == f"jdoe@{DOMAIN}"
    assert "EnabledDate" in described
    client.associate_member_to_group(OrganizationId=corp, GroupId=staff, MemberId=user)
    client.create_alias(OrganizationId=corp, EntityId=user, Alias=f"jane@{DOMAIN}")
    assert [m["Id"] for m in client.list_group_members(OrganizationId=corp, GroupId=staff)["Members"]] == [user]
    assert client.list_aliases(OrganizationId=corp, EntityId=user)["Aliases"] == [
        f"jdoe@{DOMAIN}", f"jane@{DOMAIN}"]

    # Offboard: an ENABLED user can't be deleted
    with raises("EntityStateException", f"User {user} is in state ENABLED; only a DISABLED user can be deleted (deregister it from WorkMail first)"):
        client.delete_user(OrganizationId=corp, UserId=user)
    client.deregister_from_work_mail(OrganizationId=corp, EntityId=user)
    described = client.describe_user(OrganizationId=corp, UserId=user)
    assert described["State"] == "DISABLED"
    assert "DisabledDate" in described
    client.delete_user(OrganizationId=corp, UserId=user)
    assert client.describe_user(OrganizationId=corp, UserId=user)["State"] == "DELETED"
    assert client.list_group_members(OrganizationId=corp, GroupId=staff)["Members"] == []
    # Its name and addresses are free again
    again = client.create_user(OrganizationId=corp, Name="jdoe", DisplayName="Jane Doe II")["UserId"]
    client.register_to_work_mail(OrganizationId=corp, EntityId=again, Email=f"jdoe@{DOMAIN}")
    client.create_alias(OrganizationId=corp, EntityId=again, Alias=f"jane@{DOMAIN}")


def test_offboard_a_thousand_users_found_through_pages(client: BaseClient, corp: str) -> None:
    staff = client.create_group(OrganizationId=corp, Name="staff")["GroupId"]
    keep = client.create_user(OrganizationId=corp, Name="keeper", DisplayName="Keeper")["UserId"]
    client.register_to_work_mail(OrganizationId=corp, EntityId=keep, Email=f"keeper@{DOMAIN}")
    client.associate_member_to_group(OrganizationId=corp, GroupId=staff, MemberId=keep)
    room = client.create_resource(OrganizationId=corp, Name="room1", Type="ROOM")["ResourceId"]
    leavers = []
    for i in range(1000):
        user = client.create_user(OrganizationId=corp, Name=f"leaver{i}", DisplayName=f"Leaver {i}")["UserId"]
        leavers.append(user)
        if i % 10 == 0:
            client.register_to_work_mail(OrganizationId=corp, EntityId=user, Email=f"leaver{i}@{DOMAIN}")
            client.associate_member_to_group(OrganizationId=corp, GroupId=staff, MemberId=user)
    before = {
        "groups": client.list_groups(OrganizationId=corp)["Groups"],
        "resources": client.list_resources(OrganizationId=corp)["Resources"],
        "keeper": client.describe_user(OrganizationId=corp, UserId=keep),
        "domains": client.list_mail_domains(OrganizationId=corp)["MailDomains"],
    }
    found = [
        u for u in collect(client.list_users, "Users", OrganizationId=corp, MaxResults=100)
        if u["Name"].startswith("leaver")
    ]
    assert sorted(u["Id"] for u in found) == sorted(leavers)
    for entry in found:
        if entry["State"] == "ENABLED":
            client.deregister_from_work_mail(OrganizationId=corp, EntityId=entry["Id"])
        client.delete_user(OrganizationId=corp, UserId=entry["Id"])

    states = {u["Id"]: u["State"] for u in collect(client.list_users, "Users", OrganizationId=corp, MaxResults=100)}
    assert all(states[u] == "DELETED" for u in leavers)
    assert states[keep] == "ENABLED"
    members = collect(client.list_group_members, "Members", OrganizationId=corp, GroupId=staff)
    assert [m["Id"] for m in members] == [keep]
    for key, value in before.items():
        if key == "groups":
            assert client.list_groups(OrganizationId=corp)["Groups"] == value
        elif key == "resources":
            assert client.list_resources(OrganizationId=corp)["Resources"] == value
        elif key == "keeper":
            now = client.describe_user(OrganizationId=corp, UserId=keep)
            now.pop("ResponseMetadata"), value.pop("ResponseMetadata")
            assert now == value
        else:
            assert client.list_mail_domains(OrganizationId=corp)["MailDomains"] == value
    assert client.describe_resource(OrganizationId=corp, ResourceId=room)["State"] == "DISABLED"
    # The domain is no longer used by any leaver's address: only the keeper holds one.
    with raises("MailDomainInUseException", f"Domain {DOMAIN} is still used by 1 email addresses or aliases in organization {corp}; remove them first"):
        client.deregister_mail_domain(OrganizationId=corp, DomainName=DOMAIN)


def test_offboarding_leaves_no_dangling_ids(client: BaseClient, corp: str) -> None:
    """Deleting a user removes it from groups, delegations and mailbox permissions."""
    boss = client.create_user(OrganizationId=corp, Name="boss", DisplayName="Boss")["UserId"]
    aide = client.create_user(OrganizationId=corp, Name="aide", DisplayName="Aide")["UserId"]
    for name, entity in (("boss", boss), ("aide", aide)):
        client.register_to_work_mail(OrganizationId=corp, EntityId=entity, Email=f"{name}@{DOMAIN}")
    team = client.create_group(OrganizationId=corp, Name="team")["GroupId"]
    room = client.create_resource(OrganizationId=corp, Name="board", Type="ROOM")["ResourceId"]
    client.register_to_work_mail(OrganizationId=corp, EntityId=room, Email=f"board@{DOMAIN}")
    client.associate_member_to_group(OrganizationId=corp, GroupId=team, MemberId=aide)
    client.associate_delegate_to_resource(OrganizationId=corp, ResourceId=room, EntityId=aide)
    client.put_mailbox_permissions(OrganizationId=corp, EntityId=boss, GranteeId=aide, PermissionValues=["FULL_ACCESS"])
    client.deregister_from_work_mail(OrganizationId=corp, EntityId=aide)
    client.delete_user(OrganizationId=corp, UserId=aide)
    assert client.list_group_members(OrganizationId=corp, GroupId=team)["Members"] == []
    assert client.list_resource_delegates(OrganizationId=corp, ResourceId=room)["Delegates"] == []
    assert client.list_mailbox_permissions(OrganizationId=corp, EntityId=boss)["Permissions"] == []


def test_snapshot_is_plain_data(client: BaseClient, mode: str, corp: str) -> None:
    assert corp in str(snapshot())
