"""Groups: CreateGroup, DescribeGroup, ListGroups, UpdateGroup, DeleteGroup, and the whole
life of a group end to end."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.client import BaseClient

from tests.support import (
    ACCOUNT,
    GROUP_ID,
    MISSING_ORG,
    REGION,
    address,
    group,
    org_missing_message,
    org_state_message,
    raises,
    register,
    resource,
    user,
)
from tests.support.directories import ad_connector, simple_ad


def _names(client: Any, org: str, **kwargs: Any) -> list[str]:
    return [g["Name"] for g in client.list_groups(OrganizationId=org, **kwargs)["Groups"]]


# --- CreateGroup --------------------------------------------------------------------------


def test_create_group_returns_an_id(client, org):
    group_id = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
    assert GROUP_ID.match(group_id)


def test_create_group_then_describe_group(client, org):
    group_id = client.create_group(OrganizationId=org, Name="Sales Team")["GroupId"]
    described = client.describe_group(OrganizationId=org, GroupId=group_id)
    described.pop("ResponseMetadata")
    assert described == {
        "GroupId": group_id,
        "Name": "Sales Team",
        "State": "DISABLED",
        "HiddenFromGlobalAddressList": False,
    }


def test_create_group_hidden_from_global_address_list(client, org):
    group_id = client.create_group(
        OrganizationId=org, Name="hidden", HiddenFromGlobalAddressList=True
    )["GroupId"]
    described = client.describe_group(OrganizationId=org, GroupId=group_id)
    assert described["HiddenFromGlobalAddressList"] is True


def test_create_group_name_with_latin1_characters(client, org):
    group_id = client.create_group(OrganizationId=org, Name="Équipe Ünïcødé ~ 100%")["GroupId"]
    assert client.describe_group(OrganizationId=org, GroupId=group_id)["Name"] == (
        "Équipe Ünïcødé ~ 100%"
    )


def test_create_group_name_of_256_characters(client, org):
    client.create_group(OrganizationId=org, Name="g" * 256)


def test_create_group_name_longer_than_256(client, org):
    name = "g" * 257
    with raises(
        "ValidationException",
        f"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: "
        "Member must have length less than or equal to 256",
    ):
        client.create_group(OrganizationId=org, Name=name)


def test_create_group_name_outside_latin1(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value 'ĀĀ' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\u0020-\\u00FF]+",
    ):
        client.create_group(OrganizationId=org, Name="ĀĀ")


def test_create_group_name_required(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: "
        "Member must not be null",
    ):
        raw_client.create_group(OrganizationId=org)


def test_create_group_name_taken_by_a_group(client, org):
    first = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
    with raises(
        "NameAvailabilityException",
        f"The name Staff is already used by entity {first} in this organization",
    ):
        client.create_group(OrganizationId=org, Name="Staff")


def test_create_group_name_taken_by_a_resource(client, org):
    room = client.create_resource(OrganizationId=org, Name="boardroom", Type="ROOM")["ResourceId"]
    with raises(
        "NameAvailabilityException",
        f"The name boardroom is already used by entity {room} in this organization",
    ):
        client.create_group(OrganizationId=org, Name="boardroom")


def test_create_group_name_taken_by_a_user(client, org):
    user = client.create_user(OrganizationId=org, Name="alice", DisplayName="Alice")["UserId"]
    with raises(
        "NameAvailabilityException",
        f"The name alice is already used by entity {user} in this organization",
    ):
        client.create_group(OrganizationId=org, Name="alice")


def test_create_group_same_name_in_another_organization(client, org):
    other = client.create_organization(Alias="other")["OrganizationId"]
    client.create_group(OrganizationId=org, Name="staff")
    client.create_group(OrganizationId=other, Name="staff")


@pytest.mark.parametrize("name", ["Administrator", "guest", "KRBTGT", "Default Account"])
def test_create_group_reserved_name(client, org, name):
    with raises("ReservedNameException", f"The name {name} is reserved by WorkMail"):
        client.create_group(OrganizationId=org, Name=name)


def test_create_group_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.create_group(OrganizationId=MISSING_ORG, Name="staff")


def test_create_group_deleted_organization(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted; the operation requires state Active",
    ):
        client.create_group(OrganizationId=org, Name="staff")


def test_create_group_in_an_ad_connector_organization(client, aws):
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    with raises(
        "UnsupportedOperationException",
        f"Organization {org} uses AD Connector directory {directory}, which is read-only for "
        "WorkMail: manage users and groups in your Active Directory",
    ):
        client.create_group(OrganizationId=org, Name="staff")


def test_create_group_in_a_simple_ad_organization(client, aws):
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    client.create_group(OrganizationId=org, Name="staff")


def test_create_group_when_the_directory_was_deleted(client, aws):
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    aws("ds").delete_directory(DirectoryId=directory)
    with raises(
        "DirectoryUnavailableException",
        f"Directory {directory} of organization {org} is no longer available",
    ):
        client.create_group(OrganizationId=org, Name="staff")


# --- DescribeGroup ------------------------------------------------------------------------


def test_describe_group_unknown(client, org):
    with raises(
        "EntityNotFoundException",
        f"Group S-1-1-11-1111111111-2222222222-3333333333-4444 does not exist in organization "
        f"{org}",
    ):
        client.describe_group(
            OrganizationId=org, GroupId="S-1-1-11-1111111111-2222222222-3333333333-4444"
        )


def test_describe_group_by_name(client, org):
    group_id = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
    assert client.describe_group(OrganizationId=org, GroupId="staff")["GroupId"] == group_id


def test_describe_group_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.describe_group(OrganizationId=MISSING_ORG, GroupId="staff")


def test_describe_group_deleted_organization(client, org):
    group_id = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted; the operation requires state Active",
    ):
        client.describe_group(OrganizationId=org, GroupId=group_id)


def test_describe_group_id_pattern_is_validated(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '!!' at 'groupId' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9._%+@-]+",
    ):
        client.describe_group(OrganizationId=org, GroupId="!!")


# --- ListGroups ---------------------------------------------------------------------------


def test_list_groups_empty(client, org):
    answer = client.list_groups(OrganizationId=org)
    assert answer["Groups"] == []
    assert "NextToken" not in answer


def test_list_groups_summaries(client, org):
    group_id = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
    assert client.list_groups(OrganizationId=org)["Groups"] == [
        {"Id": group_id, "Name": "staff", "State": "DISABLED"}
    ]


def test_list_groups_only_groups(client, org):
    client.create_group(OrganizationId=org, Name="staff")
    client.create_resource(OrganizationId=org, Name="room1", Type="ROOM")
    assert _names(client, org) == ["staff"]


def test_list_groups_pagination(client, org):
    names = [f"group-{i}" for i in range(5)]
    for name in names:
        client.create_group(OrganizationId=org, Name=name)
    kwargs: dict[str, Any] = {"OrganizationId": org, "MaxResults": 2}
    seen: list[str] = []
    sizes: list[int] = []
    while True:
        answer = client.list_groups(**kwargs)
        sizes.append(len(answer["Groups"]))
        seen += [g["Name"] for g in answer["Groups"]]
        if "NextToken" not in answer:
            break
        kwargs["NextToken"] = answer["NextToken"]
    assert sizes == [2, 2, 1]
    assert seen == names


def test_list_groups_paginator(client, org):
    names = [f"group-{i}" for i in range(3)]
    for name in names:
        client.create_group(OrganizationId=org, Name=name)
    pages = client.get_paginator("list_groups").paginate(
        OrganizationId=org, PaginationConfig={"PageSize": 1}
    )
    assert [g["Name"] for page in pages for g in page["Groups"]] == names


def test_list_groups_bad_next_token(client, org):
    with raises("InvalidParameterException", "The NextToken 'garbage' is not valid"):
        client.list_groups(OrganizationId=org, NextToken="garbage")


def test_list_groups_filter_name_prefix(client, org):
    for name in ("sales-east", "sales-west", "support"):
        client.create_group(OrganizationId=org, Name=name)
    assert _names(client, org, Filters={"NamePrefix": "sales"}) == ["sales-east", "sales-west"]


def test_list_groups_filter_state(client, org):
    client.create_group(OrganizationId=org, Name="staff")
    assert _names(client, org, Filters={"State": "DISABLED"}) == ["staff"]
    assert _names(client, org, Filters={"State": "ENABLED"}) == []


def test_list_groups_filter_primary_email_prefix(client, org):
    client.create_group(OrganizationId=org, Name="staff")
    assert _names(client, org, Filters={"PrimaryEmailPrefix": "staff"}) == []


def test_list_groups_filter_state_enum_is_validated(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value 'GONE' at 'filters.state' failed to satisfy "
        "constraint: Member must satisfy enum value set: [ENABLED, DISABLED, DELETED]",
    ):
        client.list_groups(OrganizationId=org, Filters={"State": "GONE"})


def test_list_groups_filtered_pages_skip_non_matching_groups(client, org):
    for i in range(4):
        client.create_group(OrganizationId=org, Name=f"a-{i}")
        client.create_group(OrganizationId=org, Name=f"b-{i}")
    pages = client.get_paginator("list_groups").paginate(
        OrganizationId=org, Filters={"NamePrefix": "b-"}, PaginationConfig={"PageSize": 3}
    )
    assert [g["Name"] for page in pages for g in page["Groups"]] == [f"b-{i}" for i in range(4)]


def test_list_groups_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.list_groups(OrganizationId=MISSING_ORG)


def test_list_groups_deleted_organization(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted; the operation requires state Active",
    ):
        client.list_groups(OrganizationId=org)


def test_list_groups_accepts_one_filter_per_request(client, org):
    with raises(
        "InvalidParameterException",
        "ListGroups accepts one filter per request; got 2: NamePrefix, State",
    ):
        client.list_groups(OrganizationId=org, Filters={"NamePrefix": "a", "State": "ENABLED"})


# --- UpdateGroup, DeleteGroup, and a group's whole life ----------------------------------


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


@pytest.mark.parametrize("kind", ["user", "group", "resource"])
def test_delete_by_email_of_an_enabled_entity_is_refused_alike(
    client: BaseClient, org: str, kind: str
) -> None:
    """One DISABLED-delete rule for users, groups and resources: an ENABLED entity named
    by its email address is refused, and stays ENABLED (DeleteGroup used to answer 200)."""
    made = {"user": lambda: user(client, org, "alice"), "group": lambda: group(client, org),
            "resource": lambda: resource(client, org, "room1")}[kind]()
    email = register(client, org, made, "named")
    label = kind.capitalize()
    delete = {
        "user": lambda: client.delete_user(OrganizationId=org, UserId=email),
        "group": lambda: client.delete_group(OrganizationId=org, GroupId=email),
        "resource": lambda: client.delete_resource(OrganizationId=org, ResourceId=email),
    }[kind]
    with raises("EntityStateException",
                f"{label} {made} is in state ENABLED; only a DISABLED {kind} can be deleted "
                "(deregister it from WorkMail first)"):
        delete()
    found = client.describe_entity(OrganizationId=org, Email=email)
    assert found["EntityId"] == made
    described = {
        "user": lambda: client.describe_user(OrganizationId=org, UserId=made),
        "group": lambda: client.describe_group(OrganizationId=org, GroupId=made),
        "resource": lambda: client.describe_resource(OrganizationId=org, ResourceId=made),
    }[kind]()
    assert described["State"] == "ENABLED"


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


def test_group_operations_ad_connector(client: BaseClient, aws: Any) -> None:
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    with raises("UnsupportedOperationException",
                f"Organization {org} uses AD Connector directory {directory}, which is read-only "
                "for WorkMail: manage users and groups in your Active Directory"):
        client.update_group(OrganizationId=org, GroupId="team", HiddenFromGlobalAddressList=True)
    with raises("UnsupportedOperationException", re.compile(
            rf"^Organization {org} uses AD Connector directory {directory}, which is read-only")):
        client.delete_group(OrganizationId=org, GroupId="team")


def test_delete_group_directory_gone(client: BaseClient, aws: Any) -> None:
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
