"""Group membership: AssociateMemberToGroup, DisassociateMemberFromGroup, ListGroupMembers,
ListGroupsForEntity."""

from __future__ import annotations

import re
from typing import Any

from botocore.client import BaseClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import (
    MISSING_ORG,
    address,
    collect,
    group,
    org_missing_message,
    org_state_message,
    raises,
    register,
    resource,
    user,
)
from tests.support.directories import ad_connector, simple_ad


def members(client: BaseClient, org: str, group_id: str) -> list[tuple[str, str]]:
    listed = collect(client.list_group_members, "Members", OrganizationId=org, GroupId=group_id)
    return [(m["Name"], m["Type"]) for m in listed]


def groups_of(client: BaseClient, org: str, entity_id: str, **extra: Any) -> list[str]:
    listed = collect(client.list_groups_for_entity, "Groups", OrganizationId=org,
                     EntityId=entity_id, **extra)
    return [g["GroupName"] for g in listed]


def test_associate_users_and_groups(client: BaseClient, org: str) -> None:
    team = group(client, org, "team")
    sub = group(client, org, "sub")
    alice = user(client, org, "alice")
    email = register(client, org, alice, "alice")
    bob = user(client, org, "bob")
    register(client, org, team, "team")
    # Ids, names and emails, as the model documents for both parameters.
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)
    client.associate_member_to_group(OrganizationId=org, GroupId="team", MemberId="bob")
    client.associate_member_to_group(OrganizationId=org, GroupId=address("team"), MemberId="sub")
    client.associate_member_to_group(OrganizationId=org, GroupId=sub, MemberId=email)
    # Associating a member twice changes nothing.
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId="ALICE")
    listed = client.list_group_members(OrganizationId=org, GroupId=team)["Members"]
    assert [(m["Id"], m["Name"], m["Type"], m["State"]) for m in listed] == [
        (alice, "alice", "USER", "ENABLED"),
        (bob, "bob", "USER", "DISABLED"),
        (sub, "sub", "GROUP", "DISABLED"),
    ]
    assert "EnabledDate" in listed[0] and "EnabledDate" not in listed[1]
    assert groups_of(client, org, alice) == ["team", "sub"]
    assert groups_of(client, org, "sub") == ["team"]
    assert groups_of(client, org, team) == []


def test_member_dates_follow_the_member(client: BaseClient, org: str) -> None:
    team = group(client, org)
    alice = user(client, org)
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)
    register(client, org, alice, "alice")
    client.deregister_from_work_mail(OrganizationId=org, EntityId=alice)
    (member,) = client.list_group_members(OrganizationId=org, GroupId=team)["Members"]
    described = client.describe_user(OrganizationId=org, UserId=alice)
    assert member["State"] == "DISABLED"
    assert member["DisabledDate"] == described["DisabledDate"]
    assert member["EnabledDate"] == described["EnabledDate"]


def test_group_cannot_contain_itself(client: BaseClient, org: str) -> None:
    a, b, c = (group(client, org, name) for name in ("a", "b", "c"))
    with raises("InvalidParameterException", f"Group {a} can't be a member of itself"):
        client.associate_member_to_group(OrganizationId=org, GroupId=a, MemberId="a")
    client.associate_member_to_group(OrganizationId=org, GroupId=a, MemberId=b)
    client.associate_member_to_group(OrganizationId=org, GroupId=b, MemberId=c)
    for inner, outer in ((a, b), (a, c)):
        with raises("InvalidParameterException",
                    f"Group {inner} can't be made a member of group {outer}, which is already a "
                    "member of it (directly or through nested groups)"):
            client.associate_member_to_group(OrganizationId=org, GroupId=outer, MemberId=inner)
    # Diamonds are fine: c in a directly as well as through b.
    client.associate_member_to_group(OrganizationId=org, GroupId=a, MemberId=c)
    assert members(client, org, a) == [("b", "GROUP"), ("c", "GROUP")]


def test_associate_errors(client: BaseClient, org: str) -> None:
    team = group(client, org)
    alice = user(client, org)
    room = resource(client, org)
    with raises("InvalidParameterException",
                "Entity room1 is a resource; only users and groups can be members of a group"):
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId="room1")
    with raises("EntityNotFoundException",
                f"User or group nobody does not exist in organization {org}"):
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId="nobody")
    for not_a_group in ("nogroup", alice, room):
        with raises("EntityNotFoundException",
                    f"Group {not_a_group} does not exist in organization {org}"):
            client.associate_member_to_group(
                OrganizationId=org, GroupId=not_a_group, MemberId=alice)
    gone = group(client, org, "gone")
    client.delete_group(OrganizationId=org, GroupId=gone)
    message = (f"Group {gone} is in state DELETED; AssociateMemberToGroup can't be used on a "
               "deleted entity")
    with raises("EntityStateException", message):
        client.associate_member_to_group(OrganizationId=org, GroupId=gone, MemberId=alice)
    with raises("EntityStateException", message):
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=gone)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.associate_member_to_group(OrganizationId=MISSING_ORG, GroupId=team, MemberId=alice)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)


def test_disassociate(client: BaseClient, org: str) -> None:
    team = group(client, org)
    alice = user(client, org)
    bob = user(client, org, "bob")
    for member in (alice, bob):
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=member)
    client.disassociate_member_from_group(OrganizationId=org, GroupId="team", MemberId="alice")
    assert members(client, org, team) == [("bob", "USER")]
    assert groups_of(client, org, alice) == []
    assert groups_of(client, org, bob) == ["team"]
    with raises("EntityNotFoundException", f"alice ({alice}) is not a member of group {team}"):
        client.disassociate_member_from_group(OrganizationId=org, GroupId=team, MemberId=alice)
    # Associating again puts the member at the end.
    client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)
    assert members(client, org, team) == [("bob", "USER"), ("alice", "USER")]


def test_disassociate_errors(client: BaseClient, org: str) -> None:
    team = group(client, org)
    alice = user(client, org)
    resource(client, org)
    with raises("EntityNotFoundException", f"Group nogroup does not exist in organization {org}"):
        client.disassociate_member_from_group(OrganizationId=org, GroupId="nogroup", MemberId=alice)
    with raises("EntityNotFoundException",
                f"User or group nobody does not exist in organization {org}"):
        client.disassociate_member_from_group(OrganizationId=org, GroupId=team, MemberId="nobody")
    with raises("InvalidParameterException",
                "Entity room1 is a resource; only users and groups can be members of a group"):
        client.disassociate_member_from_group(OrganizationId=org, GroupId=team, MemberId="room1")
    client.delete_user(OrganizationId=org, UserId=alice)
    with raises("EntityStateException",
                f"User {alice} is in state DELETED; DisassociateMemberFromGroup can't be used on "
                "a deleted entity"):
        client.disassociate_member_from_group(OrganizationId=org, GroupId=team, MemberId=alice)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.disassociate_member_from_group(
            OrganizationId=MISSING_ORG, GroupId=team, MemberId=alice)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.disassociate_member_from_group(OrganizationId=org, GroupId=team, MemberId=alice)


def test_ad_connector_memberships_are_read_only(client: BaseClient, aws: Any) -> None:
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    message = re.compile(
        rf"^Organization {org} uses AD Connector directory {directory}, which is read-only")
    with raises("UnsupportedOperationException", message):
        client.associate_member_to_group(OrganizationId=org, GroupId="team", MemberId="alice")
    with raises("UnsupportedOperationException", message):
        client.disassociate_member_from_group(OrganizationId=org, GroupId="team", MemberId="alice")


def test_memberships_directory_gone(client: BaseClient, aws: Any) -> None:
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    team = group(client, org)
    alice = user(client, org)
    aws("ds").delete_directory(DirectoryId=directory)
    gone = f"Directory {directory} of organization {org} is no longer available"
    with raises("DirectoryUnavailableException", gone):
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=alice)
    with raises("DirectoryUnavailableException", gone):
        client.disassociate_member_from_group(OrganizationId=org, GroupId=team, MemberId=alice)


def test_list_group_members_pages(client: BaseClient, org: str) -> None:
    team = group(client, org)
    made = [user(client, org, f"u{i}") for i in range(5)]
    for member in made:
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=member)
    first = client.list_group_members(OrganizationId=org, GroupId=team, MaxResults=2)
    assert [m["Id"] for m in first["Members"]] == made[:2]
    rest = collect(client.list_group_members, "Members", OrganizationId=org, GroupId=team,
                   MaxResults=2, NextToken=first["NextToken"])
    assert [m["Id"] for m in rest] == made[2:]
    with raises("InvalidParameterException", "The NextToken 'bogus' is not valid"):
        client.list_group_members(OrganizationId=org, GroupId=team, NextToken="bogus")


def test_list_group_members_errors(client: BaseClient, org: str) -> None:
    alice = user(client, org)
    for missing in ("nogroup", alice):
        with raises("EntityNotFoundException",
                    f"Group {missing} does not exist in organization {org}"):
            client.list_group_members(OrganizationId=org, GroupId=missing)
    gone = group(client, org)
    client.delete_group(OrganizationId=org, GroupId=gone)
    with raises("EntityStateException",
                f"Group {gone} is in state DELETED; ListGroupMembers can't be used on a deleted "
                "entity"):
        client.list_group_members(OrganizationId=org, GroupId=gone)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.list_group_members(OrganizationId=MISSING_ORG, GroupId=gone)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.list_group_members(OrganizationId=org, GroupId=gone)


def test_list_groups_for_entity_filter_and_pages(client: BaseClient, org: str) -> None:
    alice = user(client, org)
    names = ["sales-eu", "dev", "sales-us", "sales-asia", "ops"]
    for name in names:
        client.associate_member_to_group(
            OrganizationId=org, GroupId=group(client, org, name), MemberId=alice)
    assert groups_of(client, org, "alice") == names
    assert groups_of(client, org, alice, Filters={"GroupNamePrefix": "sales-"},
                     MaxResults=1) == ["sales-eu", "sales-us", "sales-asia"]
    assert groups_of(client, org, alice, Filters={"GroupNamePrefix": "x"}) == []
    page = client.list_groups_for_entity(OrganizationId=org, EntityId=alice, MaxResults=2)
    assert [g["GroupName"] for g in page["Groups"]] == names[:2]
    assert set(page["Groups"][0]) == {"GroupId", "GroupName"}
    with raises("InvalidParameterException", "The NextToken 'bogus' is not valid"):
        client.list_groups_for_entity(OrganizationId=org, EntityId=alice, NextToken="bogus")


def test_list_groups_for_entity_errors(client: BaseClient, org: str) -> None:
    resource(client, org)
    with raises("EntityNotFoundException",
                f"User or group nobody does not exist in organization {org}"):
        client.list_groups_for_entity(OrganizationId=org, EntityId="nobody")
    with raises("InvalidParameterException",
                "Entity room1 is a resource; only users and groups can be members of a group"):
        client.list_groups_for_entity(OrganizationId=org, EntityId="room1")
    alice = user(client, org)
    client.delete_user(OrganizationId=org, UserId=alice)
    with raises("EntityStateException",
                f"User {alice} is in state DELETED; ListGroupsForEntity can't be used on a "
                "deleted entity"):
        client.list_groups_for_entity(OrganizationId=org, EntityId=alice)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.list_groups_for_entity(OrganizationId=MISSING_ORG, EntityId=alice)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.list_groups_for_entity(OrganizationId=org, EntityId=alice)


def test_deleting_entities_drops_memberships(client: BaseClient, org: str) -> None:
    outer = group(client, org, "outer")
    inner = group(client, org, "inner")
    alice = user(client, org)
    bob = user(client, org, "bob")
    client.associate_member_to_group(OrganizationId=org, GroupId=outer, MemberId=inner)
    client.associate_member_to_group(OrganizationId=org, GroupId=outer, MemberId=alice)
    client.associate_member_to_group(OrganizationId=org, GroupId=inner, MemberId=alice)
    client.associate_member_to_group(OrganizationId=org, GroupId=inner, MemberId=bob)
    client.delete_user(OrganizationId=org, UserId=alice)
    assert members(client, org, outer) == [("inner", "GROUP")]
    assert members(client, org, inner) == [("bob", "USER")]
    client.delete_group(OrganizationId=org, GroupId=inner)
    assert members(client, org, outer) == []
    assert groups_of(client, org, bob) == []
    # A new group with the deleted one's name starts empty.
    again = group(client, org, "inner")
    assert members(client, org, again) == []


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(count=st.integers(0, 10), size=st.integers(1, 4), drop=st.sets(st.integers(0, 9)))
def test_list_group_members_pagination_property(
    client: BaseClient, count: int, size: int, drop: set[int]
) -> None:
    """Pages of any size, read to the end, give every member once, in association order."""
    alias = f"gm{count}x{size}x{len(drop)}"
    org = client.create_organization(Alias=alias)["OrganizationId"]
    team = group(client, org, "team")
    made = [group(client, org, f"g{i}") for i in range(count)]
    for member in made:
        client.associate_member_to_group(OrganizationId=org, GroupId=team, MemberId=member)
    for i in sorted(drop):
        if i < count:
            client.disassociate_member_from_group(OrganizationId=org, GroupId=team,
                                                  MemberId=made[i])
    listed = collect(client.list_group_members, "Members", OrganizationId=org, GroupId=team,
                     MaxResults=size)
    assert [m["Id"] for m in listed] == [m for i, m in enumerate(made) if i not in drop]
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
