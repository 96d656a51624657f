"""Groups: UpdateGroup, DeleteGroup, and the whole life of a group end to end."""

from __future__ import annotations

import re
from typing import Any

from botocore.client import BaseClient

from tests.conftest import raises
from tests.directories import (
    ad_connector,
    aws,  # noqa: F401 - a fixture
    simple_ad,
)
from tests.entity_helpers import (
    MISSING_ORG,
    address,
    group,
    org_missing_message,
    org_state_message,
    register,
    resource,
    user,
)


def test_update_group(client: BaseClient, org: str) -> None:
    team = group(client, org)
    register(client, org, team, "team")
    for identifier, hidden in ((team, True), ("team", False), (address("team"), True)):
        client.update_group(OrganizationId=org, GroupId=identifier,
                            HiddenFromGlobalAddressList=hidden)
        described = client.describe_group(OrganizationId=org, GroupId=team)
        assert described["HiddenFromGlobalAddressList"] is hidden
    client.update_group(OrganizationId=org, GroupId=team)  # nothing to change
    assert client.describe_group(OrganizationId=org, GroupId=team)["HiddenFromGlobalAddressList"]


def test_update_group_errors(client: BaseClient, org: str) -> None:
    alice = user(client, org)
    for missing in ("nogroup", alice):
        with raises("EntityNotFoundException",
                    f"Group {missing} does not exist in organization {org}"):
            client.update_group(OrganizationId=org, GroupId=missing,
                                HiddenFromGlobalAddressList=True)
    gone = group(client, org)
    client.delete_group(OrganizationId=org, GroupId=gone)
    with raises("EntityStateException",
                f"Group {gone} is in state DELETED; UpdateGroup can't be used on a deleted entity"):
        client.update_group(OrganizationId=org, GroupId=gone, HiddenFromGlobalAddressList=True)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.update_group(OrganizationId=MISSING_ORG, GroupId=gone)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.update_group(OrganizationId=org, GroupId=gone)


def test_delete_group(client: BaseClient, org: str) -> None:
    team = group(client, org)
    client.delete_group(OrganizationId=org, GroupId="team")  # by name
    described = client.describe_group(OrganizationId=org, GroupId=team)
    assert described["State"] == "DELETED"
    listed = client.list_groups(OrganizationId=org)["Groups"]
    assert [(g["Id"], g["State"]) for g in listed] == [(team, "DELETED")]
    only_deleted = client.list_groups(OrganizationId=org, Filters={"State": "DELETED"})
    assert [g["Id"] for g in only_deleted["Groups"]] == [team]
    # The name is free again, for any kind of entity.
    again = group(client, org, "team")
    assert again != team
    client.delete_group(OrganizationId=org, GroupId=again)
    resource(client, org, "team")


def test_delete_group_state_rules(client: BaseClient, org: str) -> None:
    team = group(client, org)
    email = register(client, org, team, "team")
    message = (f"Group {team} is in state ENABLED; only a DISABLED group can be deleted "
               "(deregister it from WorkMail first)")
    with raises("EntityStateException", message):
        client.delete_group(OrganizationId=org, GroupId=team)
    assert client.describe_group(OrganizationId=org, GroupId=team)["State"] == "ENABLED"
    client.deregister_from_work_mail(OrganizationId=org, EntityId=team)
    client.delete_group(OrganizationId=org, GroupId=team)
    with raises("EntityStateException",
                f"Group {team} is in state DELETED; only a DISABLED group can be deleted "
                "(deregister it from WorkMail first)"):
        client.delete_group(OrganizationId=org, GroupId=team)
    # Its address was released at deregistration.
    register(client, org, group(client, org, "other"), email.split("@")[0])


def test_delete_group_unknown_and_wrong_kind(client: BaseClient, org: str) -> None:
    client.delete_group(OrganizationId=org, GroupId="nogroup")  # nothing to delete
    client.delete_group(OrganizationId=org,
                        GroupId="S-1-1-11-1111111111-2222222222-3333333333-4444")
    alice = user(client, org)
    with raises("InvalidParameterException", "Entity alice is a user, not a group"):
        client.delete_group(OrganizationId=org, GroupId="alice")
    assert client.describe_user(OrganizationId=org, UserId=alice)["State"] == "DISABLED"


def test_delete_group_organization_errors(client: BaseClient, org: str) -> None:
    team = group(client, org)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.delete_group(OrganizationId=MISSING_ORG, GroupId=team)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.delete_group(OrganizationId=org, GroupId=team)


def test_group_operations_ad_connector(client: BaseClient, aws: Any) -> None:  # noqa: F811
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    with raises("UnsupportedOperationException",
                f"UpdateGroup is not supported for organization {org}: it uses AD Connector "
                f"directory {directory}, which is read-only for WorkMail"):
        client.update_group(OrganizationId=org, GroupId="team", HiddenFromGlobalAddressList=True)
    with raises("UnsupportedOperationException", re.compile(
            rf"^Organization {org} uses AD Connector directory {directory}, which is read-only")):
        client.delete_group(OrganizationId=org, GroupId="team")


def test_delete_group_directory_gone(client: BaseClient, aws: Any) -> None:  # noqa: F811
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    team = group(client, org)
    aws("ds").delete_directory(DirectoryId=directory)
    with raises("DirectoryUnavailableException",
                f"Directory {directory} of organization {org} is no longer available"):
        client.delete_group(OrganizationId=org, GroupId=team)


def test_groups_end_to_end(client: BaseClient, org: str) -> None:
    """RegisterToWorkMail for groups, AssociateMemberToGroup with users and with other
    groups, ListGroupMembers, ListGroupsForEntity, UpdateGroup, DisassociateMemberFromGroup,
    DeleteGroup."""
    staff = group(client, org, "staff")
    devs = group(client, org, "devs")
    alice = user(client, org, "alice")
    bob = user(client, org, "bob")
    register(client, org, staff, "staff")
    register(client, org, devs, "devs")
    register(client, org, alice, "alice")
    assert client.describe_group(OrganizationId=org, GroupId=staff)["Email"] == address("staff")
    assert client.describe_entity(OrganizationId=org, Email=address("devs"))["Type"] == "GROUP"

    client.associate_member_to_group(OrganizationId=org, GroupId=staff, MemberId=alice)
    client.associate_member_to_group(OrganizationId=org, GroupId="staff", MemberId="devs")
    client.associate_member_to_group(OrganizationId=org, GroupId=address("devs"), MemberId="bob")
    staff_members = client.list_group_members(OrganizationId=org, GroupId=staff)["Members"]
    assert [(m["Id"], m["Type"], m["State"]) for m in staff_members] == [
        (alice, "USER", "ENABLED"), (devs, "GROUP", "ENABLED")]
    devs_members = client.list_group_members(OrganizationId=org, GroupId=devs)["Members"]
    assert [(m["Id"], m["Type"], m["State"]) for m in devs_members] == [(bob, "USER", "DISABLED")]
    for entity, expected in ((alice, ["staff"]), (devs, ["staff"]), (bob, ["devs"])):
        found = client.list_groups_for_entity(OrganizationId=org, EntityId=entity)["Groups"]
        assert [g["GroupName"] for g in found] == expected
    found = client.list_groups_for_entity(
        OrganizationId=org, EntityId=bob, Filters={"GroupNamePrefix": "st"})["Groups"]
    assert found == []

    client.update_group(OrganizationId=org, GroupId=devs, HiddenFromGlobalAddressList=True)
    assert client.describe_group(OrganizationId=org, GroupId=devs)["HiddenFromGlobalAddressList"]

    client.disassociate_member_from_group(OrganizationId=org, GroupId=staff, MemberId=devs)
    assert client.list_groups_for_entity(OrganizationId=org, EntityId=devs)["Groups"] == []

    client.deregister_from_work_mail(OrganizationId=org, EntityId=devs)
    client.delete_group(OrganizationId=org, GroupId=devs)
    assert client.describe_group(OrganizationId=org, GroupId=devs)["State"] == "DELETED"
    assert client.list_groups_for_entity(OrganizationId=org, EntityId=bob)["Groups"] == []
    states = {g["Name"]: g["State"] for g in client.list_groups(OrganizationId=org)["Groups"]}
    assert states == {"staff": "ENABLED", "devs": "DELETED"}
    # The released address goes to someone else.
    register(client, org, bob, "devs")
    assert client.describe_entity(OrganizationId=org, Email=address("devs"))["EntityId"] == bob
