"""Resources: CreateResource, DescribeResource, ListResources, UpdateResource, DeleteResource,
AssociateDelegateToResource, DisassociateDelegateFromResource, ListResourceDelegates, and the
whole life of a room."""

from __future__ import annotations

import re
from typing import Any

import pytest
from botocore.client import BaseClient

from tests.support import (
    ACCOUNT,
    MISSING_ORG,
    REGION,
    RESOURCE_ID,
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

DEFAULT_BOOKING = {
    "AutoAcceptRequests": True,
    "AutoDeclineRecurringRequests": False,
    "AutoDeclineConflictingRequests": True,
}


def _names(client: Any, org: str, **kwargs: Any) -> list[str]:
    return [r["Name"] for r in client.list_resources(OrganizationId=org, **kwargs)["Resources"]]


def describe(client: BaseClient, org: str, resource_id: str) -> dict[str, Any]:
    return dict(client.describe_resource(OrganizationId=org, ResourceId=resource_id))


# --- CreateResource -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["ROOM", "EQUIPMENT"])
def test_create_resource_of_each_type(client, org, kind):
    resource_id = client.create_resource(OrganizationId=org, Name="thing", Type=kind)["ResourceId"]
    assert RESOURCE_ID.match(resource_id)
    assert client.describe_resource(OrganizationId=org, ResourceId=resource_id)["Type"] == kind


def test_create_resource_then_describe_resource(client, org):
    resource_id = client.create_resource(
        OrganizationId=org, Name="boardroom", Type="ROOM", Description="Top floor"
    )["ResourceId"]
    described = client.describe_resource(OrganizationId=org, ResourceId=resource_id)
    described.pop("ResponseMetadata")
    assert described == {
        "ResourceId": resource_id,
        "Name": "boardroom",
        "Type": "ROOM",
        "BookingOptions": DEFAULT_BOOKING,
        "State": "DISABLED",
        "Description": "Top floor",
        "HiddenFromGlobalAddressList": False,
    }


def test_create_resource_without_description(client, org):
    resource_id = client.create_resource(OrganizationId=org, Name="projector", Type="EQUIPMENT")[
        "ResourceId"
    ]
    assert "Description" not in client.describe_resource(OrganizationId=org, ResourceId=resource_id)


def test_create_resource_hidden_from_global_address_list(client, org):
    resource_id = client.create_resource(
        OrganizationId=org, Name="secret", Type="ROOM", HiddenFromGlobalAddressList=True
    )["ResourceId"]
    described = client.describe_resource(OrganizationId=org, ResourceId=resource_id)
    assert described["HiddenFromGlobalAddressList"] is True


def test_create_resource_type_enum_is_validated(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value 'CAR' at 'type' failed to satisfy constraint: "
        "Member must satisfy enum value set: [ROOM, EQUIPMENT]",
    ):
        client.create_resource(OrganizationId=org, Name="car", Type="CAR")


def test_create_resource_type_required(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value null at 'type' failed to satisfy constraint: "
        "Member must not be null",
    ):
        raw_client.create_resource(OrganizationId=org, Name="car")


def test_create_resource_name_of_20_characters(client, org):
    client.create_resource(OrganizationId=org, Name="r" * 20, Type="ROOM")


def test_create_resource_name_longer_than_20(client, org):
    name = "r" * 21
    with raises(
        "ValidationException",
        f"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: "
        "Member must have length less than or equal to 20",
    ):
        client.create_resource(OrganizationId=org, Name=name, Type="ROOM")


def test_create_resource_name_pattern(client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value '!!' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: "
        "[\\w\\-.]+(@[a-zA-Z0-9.\\-]+\\.[a-zA-Z0-9-]{2,})?",
    ):
        client.create_resource(OrganizationId=org, Name="!!", Type="ROOM")


def test_create_resource_description_longer_than_64_is_not_echoed(client, org):
    # Description is a sensitive member of the model: the message leaves the value out.
    with raises(
        "ValidationException",
        "1 validation error detected: Value at 'description' failed to satisfy constraint: "
        "Member must have length less than or equal to 64",
    ):
        client.create_resource(OrganizationId=org, Name="room", Type="ROOM", Description="d" * 65)


def test_create_resource_empty_description(raw_client, org):
    with raises(
        "ValidationException",
        "1 validation error detected: Value at 'description' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1",
    ):
        raw_client.create_resource(OrganizationId=org, Name="room", Type="ROOM", Description="")


def test_create_resource_name_taken_by_a_resource(client, org):
    first = client.create_resource(OrganizationId=org, Name="room", Type="ROOM")["ResourceId"]
    with raises(
        "NameAvailabilityException",
        f"The name ROOM is already used by entity {first} in this organization",
    ):
        client.create_resource(OrganizationId=org, Name="ROOM", Type="EQUIPMENT")


def test_create_resource_name_taken_by_a_group(client, org):
    group = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
    with raises(
        "NameAvailabilityException",
        f"The name staff is already used by entity {group} in this organization",
    ):
        client.create_resource(OrganizationId=org, Name="staff", Type="ROOM")


def test_create_resource_name_taken_by_a_user(client, org):
    user = client.create_user(OrganizationId=org, Name="alice", DisplayName="Alice")["UserId"]
    with raises(
        "NameAvailabilityException",
        f"The name alice is already used by entity {user} in this organization",
    ):
        client.create_resource(OrganizationId=org, Name="alice", Type="ROOM")


@pytest.mark.parametrize("name", ["administrator", "Guest", "krbtgt"])
def test_create_resource_reserved_name(client, org, name):
    with raises("ReservedNameException", f"The name {name} is reserved by WorkMail"):
        client.create_resource(OrganizationId=org, Name=name, Type="ROOM")


def test_create_resource_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.create_resource(OrganizationId=MISSING_ORG, Name="room", Type="ROOM")


def test_create_resource_deleted_organization(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted; the operation requires state Active",
    ):
        client.create_resource(OrganizationId=org, Name="room", Type="ROOM")


def test_create_resource_in_an_ad_connector_organization(client, aws):
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    with raises(
        "UnsupportedOperationException",
        f"Organization {org} uses AD Connector directory {directory}, which is read-only for "
        "WorkMail: manage users and groups in your Active Directory",
    ):
        client.create_resource(OrganizationId=org, Name="room", Type="ROOM")


def test_create_resource_when_the_directory_was_deleted(client, aws):
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    client.create_resource(OrganizationId=org, Name="room", Type="ROOM")
    aws("ds").delete_directory(DirectoryId=directory)
    with raises(
        "DirectoryUnavailableException",
        f"Directory {directory} of organization {org} is no longer available",
    ):
        client.create_resource(OrganizationId=org, Name="room2", Type="ROOM")


# --- DescribeResource ---------------------------------------------------------------------


def test_describe_resource_unknown(client, org):
    missing = "r-" + "f" * 32
    with raises(
        "EntityNotFoundException",
        f"Resource {missing} does not exist in organization {org}",
    ):
        client.describe_resource(OrganizationId=org, ResourceId=missing)


def test_describe_resource_by_name(client, org):
    resource_id = client.create_resource(OrganizationId=org, Name="room", Type="ROOM")["ResourceId"]
    assert client.describe_resource(OrganizationId=org, ResourceId="room")["ResourceId"] == (
        resource_id
    )


def test_describe_resource_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.describe_resource(OrganizationId=MISSING_ORG, ResourceId="r-" + "f" * 32)


def test_describe_resource_deleted_organization(client, org):
    resource_id = client.create_resource(OrganizationId=org, Name="room", Type="ROOM")["ResourceId"]
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted; the operation requires state Active",
    ):
        client.describe_resource(OrganizationId=org, ResourceId=resource_id)


# --- ListResources ------------------------------------------------------------------------


def test_list_resources_empty(client, org):
    answer = client.list_resources(OrganizationId=org)
    assert answer["Resources"] == []
    assert "NextToken" not in answer


def test_list_resources_summaries(client, org):
    room = client.create_resource(OrganizationId=org, Name="room", Type="ROOM", Description="Big")[
        "ResourceId"
    ]
    listed = client.list_resources(OrganizationId=org)["Resources"]
    assert listed == [
        {"Id": room, "Name": "room", "Type": "ROOM", "State": "DISABLED", "Description": "Big"}
    ]


def test_list_resources_only_resources(client, org):
    client.create_group(OrganizationId=org, Name="staff")
    client.create_resource(OrganizationId=org, Name="room", Type="ROOM")
    assert _names(client, org) == ["room"]


def test_list_resources_pagination(client, org):
    names = [f"room-{i}" for i in range(5)]
    for name in names:
        client.create_resource(OrganizationId=org, Name=name, Type="ROOM")
    kwargs: dict[str, Any] = {"OrganizationId": org, "MaxResults": 2}
    seen: list[str] = []
    sizes: list[int] = []
    while True:
        answer = client.list_resources(**kwargs)
        sizes.append(len(answer["Resources"]))
        seen += [r["Name"] for r in answer["Resources"]]
        if "NextToken" not in answer:
            break
        kwargs["NextToken"] = answer["NextToken"]
    assert sizes == [2, 2, 1]
    assert seen == names


def test_list_resources_paginator(client, org):
    names = [f"room-{i}" for i in range(3)]
    for name in names:
        client.create_resource(OrganizationId=org, Name=name, Type="ROOM")
    pages = client.get_paginator("list_resources").paginate(
        OrganizationId=org, PaginationConfig={"PageSize": 1}
    )
    assert [r["Name"] for page in pages for r in page["Resources"]] == names


def test_list_resources_bad_next_token(client, org):
    with raises("InvalidParameterException", "The NextToken 'garbage' is not valid"):
        client.list_resources(OrganizationId=org, NextToken="garbage")


def test_list_resources_filter_name_prefix(client, org):
    for name in ("room-a", "room-b", "van"):
        client.create_resource(OrganizationId=org, Name=name, Type="ROOM")
    assert _names(client, org, Filters={"NamePrefix": "room"}) == ["room-a", "room-b"]


def test_list_resources_filter_state(client, org):
    client.create_resource(OrganizationId=org, Name="room", Type="ROOM")
    assert _names(client, org, Filters={"State": "DISABLED"}) == ["room"]
    assert _names(client, org, Filters={"State": "ENABLED"}) == []


def test_list_resources_filter_primary_email_prefix(client, org):
    client.create_resource(OrganizationId=org, Name="room", Type="ROOM")
    assert _names(client, org, Filters={"PrimaryEmailPrefix": "room"}) == []


def test_list_resources_unknown_organization(client):
    with raises(
        "OrganizationNotFoundException",
        f"Organization {MISSING_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.list_resources(OrganizationId=MISSING_ORG)


def test_list_resources_deleted_organization(client, org):
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises(
        "OrganizationStateException",
        f"Organization {org} is in state Deleted; the operation requires state Active",
    ):
        client.list_resources(OrganizationId=org)


def test_list_resources_accepts_one_filter_per_request(client, org):
    with raises(
        "InvalidParameterException",
        "ListResources accepts one filter per request; got 2: NamePrefix, State",
    ):
        client.list_resources(OrganizationId=org, Filters={"NamePrefix": "a", "State": "ENABLED"})


# --- UpdateResource ---------------------------------------------------------------------


def test_update_resource_every_parameter(client: BaseClient, org: str) -> None:
    room = resource(client, org, "room1")
    client.associate_delegate_to_resource(
        OrganizationId=org, ResourceId=room, EntityId=user(client, org))
    client.update_resource(
        OrganizationId=org, ResourceId="room1", Name="projector", Type="EQUIPMENT",
        Description="4K projector", HiddenFromGlobalAddressList=True,
        BookingOptions={"AutoAcceptRequests": False, "AutoDeclineRecurringRequests": True,
                        "AutoDeclineConflictingRequests": False},
    )
    described = describe(client, org, room)
    assert (described["Name"], described["Type"], described["Description"]) == (
        "projector", "EQUIPMENT", "4K projector")
    assert described["HiddenFromGlobalAddressList"] is True
    assert described["BookingOptions"] == {
        "AutoAcceptRequests": False, "AutoDeclineRecurringRequests": True,
        "AutoDeclineConflictingRequests": False}
    # Members left out of BookingOptions keep their values; an empty description clears it.
    client.update_resource(OrganizationId=org, ResourceId="projector", Description="",
                           BookingOptions={"AutoAcceptRequests": True})
    described = describe(client, org, room)
    assert "Description" not in described
    assert described["BookingOptions"] == {
        "AutoAcceptRequests": True, "AutoDeclineRecurringRequests": True,
        "AutoDeclineConflictingRequests": False}
    client.update_resource(OrganizationId=org, ResourceId=room)  # nothing to change
    assert describe(client, org, room)["Name"] == "projector"


def test_rename_releases_and_claims_names(client: BaseClient, org: str) -> None:
    room = resource(client, org, "room1")
    client.update_resource(OrganizationId=org, ResourceId=room, Name="Room1")  # case only
    assert describe(client, org, room)["Name"] == "Room1"
    client.update_resource(OrganizationId=org, ResourceId=room, Name="room2")
    group(client, org, "room1")  # the old name is free again
    user(client, org, "alice")
    with raises("NameAvailabilityException",
                f"The name ALICE is already used by entity "
                f"{client.describe_user(OrganizationId=org, UserId='alice')['UserId']} in this "
                "organization"):
        client.update_resource(OrganizationId=org, ResourceId=room, Name="ALICE")
    with raises("NameAvailabilityException", "The name Guest is reserved by WorkMail"):
        client.update_resource(OrganizationId=org, ResourceId=room, Name="Guest")
    assert describe(client, org, room)["Name"] == "room2"


def test_rename_enabled_resource_moves_its_address(client: BaseClient, org: str) -> None:
    client.register_mail_domain(OrganizationId=org, DomainName="example.com")
    room = resource(client, org, "room1")
    register(client, org, room, "room1")
    client.update_resource(OrganizationId=org, ResourceId=room, Name="room2")
    assert describe(client, org, room)["Email"] == address("room2")
    # The old address is released.
    register(client, org, group(client, org), "room1")
    # A name of the form name@domain moves the address to that domain.
    client.update_resource(OrganizationId=org, ResourceId=room, Name="room3@example.com")
    described = describe(client, org, room)
    assert (described["Name"], described["Email"]) == ("room3@example.com", "room3@example.com")
    assert client.describe_entity(OrganizationId=org, Email="room3@example.com")["EntityId"] == room


def test_update_resource_address_errors(
    client: BaseClient, org: str, pending_domain: str
) -> None:
    room = resource(client, org, "room1")
    register(client, org, room, "room1")
    taken = group(client, org, "team")
    register(client, org, taken, "room9")
    with raises("EmailAddressInUseException",
                f"The email address {address('room9')} is already used by entity {taken} in "
                f"organization {org}"):
        client.update_resource(OrganizationId=org, ResourceId=room, Name="room9")
    with raises("MailDomainNotFoundException",
                f"Domain nowhere.com of room2@nowhere.com is not a mail domain of organization "
                f"{org}"):
        client.update_resource(OrganizationId=org, ResourceId=room, Name="room2@nowhere.com")
    with raises("MailDomainStateException", re.compile(f"^Domain {pending_domain} .* PENDING")):
        client.update_resource(OrganizationId=org, ResourceId=room,
                               Name=f"r2@{pending_domain}")
    # A DISABLED resource has no address, but its name's domain is checked all the same.
    idle = resource(client, org, "idle")
    with raises("MailDomainNotFoundException", re.compile("^Domain nowhere.com of idle2@")):
        client.update_resource(OrganizationId=org, ResourceId=idle, Name="idle2@nowhere.com")
    described = describe(client, org, room)
    assert (described["Name"], described["Email"]) == ("room1", address("room1"))


def test_update_resource_booking_needs_a_delegate(client: BaseClient, org: str) -> None:
    room = resource(client, org)
    message = (f"Resource {room} can't stop auto-accepting requests without a delegate: a "
               "resource must either be able to auto-respond to requests or have at least one "
               "delegate associated that can do so on its behalf")
    with raises("InvalidConfigurationException", message):
        client.update_resource(OrganizationId=org, ResourceId=room,
                               BookingOptions={"AutoAcceptRequests": False})
    assert describe(client, org, room)["BookingOptions"]["AutoAcceptRequests"] is True
    client.associate_delegate_to_resource(
        OrganizationId=org, ResourceId=room, EntityId=group(client, org))
    client.update_resource(OrganizationId=org, ResourceId=room,
                           BookingOptions={"AutoAcceptRequests": False})
    assert describe(client, org, room)["BookingOptions"]["AutoAcceptRequests"] is False


def test_update_resource_errors(client: BaseClient, org: str) -> None:
    alice = user(client, org)
    for missing in ("noroom", alice):
        with raises("EntityNotFoundException",
                    f"Resource {missing} does not exist in organization {org}"):
            client.update_resource(OrganizationId=org, ResourceId=missing, Type="ROOM")
    room = resource(client, org)
    client.delete_resource(OrganizationId=org, ResourceId=room)
    with raises("EntityStateException",
                f"Resource {room} is in state DELETED; UpdateResource can't be used on a "
                "deleted entity"):
        client.update_resource(OrganizationId=org, ResourceId=room, Type="ROOM")
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.update_resource(OrganizationId=MISSING_ORG, ResourceId=room)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.update_resource(OrganizationId=org, ResourceId=room)


# --- DeleteResource ---------------------------------------------------------------------


def test_delete_resource(client: BaseClient, org: str) -> None:
    room = resource(client, org, "room1")
    register(client, org, room, "room1")
    message = (f"Resource {room} is in state ENABLED; only a DISABLED resource can be deleted "
               "(deregister it from WorkMail first)")
    with raises("EntityStateException", message):
        client.delete_resource(OrganizationId=org, ResourceId=room)
    client.deregister_from_work_mail(OrganizationId=org, EntityId=room)
    client.delete_resource(OrganizationId=org, ResourceId="room1")  # by name
    assert describe(client, org, room)["State"] == "DELETED"
    listed = client.list_resources(OrganizationId=org)["Resources"]
    assert [(r["Id"], r["State"]) for r in listed] == [(room, "DELETED")]
    with raises("EntityStateException",
                f"Resource {room} is in state DELETED; only a DISABLED resource can be deleted "
                "(deregister it from WorkMail first)"):
        client.delete_resource(OrganizationId=org, ResourceId=room)
    resource(client, org, "room1")  # the name is free again


def test_delete_resource_unknown_and_wrong_kind(client: BaseClient, org: str) -> None:
    client.delete_resource(OrganizationId=org, ResourceId="noroom")
    client.delete_resource(OrganizationId=org, ResourceId="r-" + "0" * 32)
    group(client, org)
    with raises("InvalidParameterException", "Entity team is a group, not a resource"):
        client.delete_resource(OrganizationId=org, ResourceId="team")
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.delete_resource(OrganizationId=MISSING_ORG, ResourceId="team")
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    with raises("OrganizationStateException", org_state_message(org)):
        client.delete_resource(OrganizationId=org, ResourceId="team")


# --- delegates --------------------------------------------------------------------------


def test_delegates(client: BaseClient, org: str) -> None:
    room = resource(client, org, "room1")
    register(client, org, room, "room1")
    alice = user(client, org)
    register(client, org, alice, "alice")
    team = group(client, org)
    client.associate_delegate_to_resource(OrganizationId=org, ResourceId=room, EntityId=alice)
    client.associate_delegate_to_resource(
        OrganizationId=org, ResourceId=address("room1"), EntityId="team")
    client.associate_delegate_to_resource(
        OrganizationId=org, ResourceId="room1", EntityId=address("alice"))  # again: no-op
    listed = client.list_resource_delegates(OrganizationId=org, ResourceId=room)
    assert listed["Delegates"] == [{"Id": alice, "Type": "USER"}, {"Id": team, "Type": "GROUP"}]
    assert "NextToken" not in listed
    client.disassociate_delegate_from_resource(
        OrganizationId=org, ResourceId="room1", EntityId="alice")
    assert client.list_resource_delegates(OrganizationId=org, ResourceId=room)["Delegates"] == [
        {"Id": team, "Type": "GROUP"}]
    with raises("EntityNotFoundException", f"alice ({alice}) is not a delegate of resource {room}"):
        client.disassociate_delegate_from_resource(
            OrganizationId=org, ResourceId=room, EntityId=alice)


def test_delegates_pages(client: BaseClient, org: str) -> None:
    room = resource(client, org)
    made = [user(client, org, f"u{i}") for i in range(5)]
    for delegate in made:
        client.associate_delegate_to_resource(
            OrganizationId=org, ResourceId=room, EntityId=delegate)
    first = client.list_resource_delegates(OrganizationId=org, ResourceId=room, MaxResults=3)
    assert [d["Id"] for d in first["Delegates"]] == made[:3]
    rest = collect(client.list_resource_delegates, "Delegates", OrganizationId=org,
                   ResourceId=room, MaxResults=3, NextToken=first["NextToken"])
    assert [d["Id"] for d in rest] == made[3:]
    with raises("InvalidParameterException", "The NextToken 'bogus' is not valid"):
        client.list_resource_delegates(OrganizationId=org, ResourceId=room, NextToken="bogus")


def test_removing_the_last_delegate_is_allowed(client: BaseClient, org: str) -> None:
    room = resource(client, org)
    alice = user(client, org)
    client.associate_delegate_to_resource(OrganizationId=org, ResourceId=room, EntityId=alice)
    client.update_resource(OrganizationId=org, ResourceId=room,
                           BookingOptions={"AutoAcceptRequests": False})
    client.disassociate_delegate_from_resource(OrganizationId=org, ResourceId=room, EntityId=alice)
    assert client.list_resource_delegates(OrganizationId=org, ResourceId=room)["Delegates"] == []


def test_delegate_errors(client: BaseClient, org: str) -> None:
    room = resource(client, org, "room1")
    resource(client, org, "room2")
    alice = user(client, org)
    calls = {
        "AssociateDelegateToResource": client.associate_delegate_to_resource,
        "DisassociateDelegateFromResource": client.disassociate_delegate_from_resource,
    }
    for call in calls.values():
        with raises("EntityNotFoundException",
                    f"Resource noroom does not exist in organization {org}"):
            call(OrganizationId=org, ResourceId="noroom", EntityId=alice)
        with raises("EntityNotFoundException",
                    f"Resource {alice} does not exist in organization {org}"):
            call(OrganizationId=org, ResourceId=alice, EntityId=alice)
        with raises("EntityNotFoundException",
                    f"User or group nobody does not exist in organization {org}"):
            call(OrganizationId=org, ResourceId=room, EntityId="nobody")
        with raises("InvalidParameterException",
                    "Entity room2 is a resource; only users and groups can be delegates"):
            call(OrganizationId=org, ResourceId=room, EntityId="room2")
    with raises("EntityNotFoundException", f"Resource noroom does not exist in organization {org}"):
        client.list_resource_delegates(OrganizationId=org, ResourceId="noroom")
    gone = user(client, org, "gone")
    client.delete_user(OrganizationId=org, UserId=gone)
    for name, call in calls.items():
        with raises("EntityStateException",
                    f"User {gone} is in state DELETED; {name} can't be used on a deleted entity"):
            call(OrganizationId=org, ResourceId=room, EntityId=gone)
    client.delete_resource(OrganizationId=org, ResourceId=room)
    for name, call in calls.items():
        with raises("EntityStateException",
                    f"Resource {room} is in state DELETED; {name} can't be used on a deleted "
                    "entity"):
            call(OrganizationId=org, ResourceId=room, EntityId=alice)
    with raises("EntityStateException",
                f"Resource {room} is in state DELETED; ListResourceDelegates can't be used on a "
                "deleted entity"):
        client.list_resource_delegates(OrganizationId=org, ResourceId=room)
    for call in calls.values():
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(OrganizationId=MISSING_ORG, ResourceId=room, EntityId=alice)
    with raises("OrganizationNotFoundException", org_missing_message()):
        client.list_resource_delegates(OrganizationId=MISSING_ORG, ResourceId=room)
    client.delete_organization(OrganizationId=org, DeleteDirectory=True)
    for call in calls.values():
        with raises("OrganizationStateException", org_state_message(org)):
            call(OrganizationId=org, ResourceId=room, EntityId=alice)
    with raises("OrganizationStateException", org_state_message(org)):
        client.list_resource_delegates(OrganizationId=org, ResourceId=room)


def test_deleting_a_delegate_drops_it(client: BaseClient, org: str) -> None:
    rooms = [resource(client, org, f"room{i}") for i in range(2)]
    alice = user(client, org)
    team = group(client, org)
    for room in rooms:
        for delegate in (alice, team):
            client.associate_delegate_to_resource(
                OrganizationId=org, ResourceId=room, EntityId=delegate)
    client.delete_user(OrganizationId=org, UserId=alice)
    client.delete_group(OrganizationId=org, GroupId=team)
    for room in rooms:
        listed = client.list_resource_delegates(OrganizationId=org, ResourceId=room)
        assert listed["Delegates"] == []


def test_resource_operations_ad_connector(client: BaseClient, aws: Any) -> None:
    directory = ad_connector(aws, alias="onprem")
    org = client.create_organization(Alias="onprem", DirectoryId=directory)["OrganizationId"]
    read_only = (f"Organization {org} uses AD Connector directory {directory}, which is "
                 "read-only for WorkMail: manage users and groups in your Active Directory")
    for _name, call in (
        ("DeleteResource", lambda: client.delete_resource(OrganizationId=org, ResourceId="r")),
        ("AssociateDelegateToResource", lambda: client.associate_delegate_to_resource(
            OrganizationId=org, ResourceId="r", EntityId="alice")),
        ("DisassociateDelegateFromResource", lambda: client.disassociate_delegate_from_resource(
            OrganizationId=org, ResourceId="r", EntityId="alice")),
        ("ListResourceDelegates", lambda: client.list_resource_delegates(
            OrganizationId=org, ResourceId="r")),
    ):
        with raises("UnsupportedOperationException", read_only):
            call()
    with raises("UnsupportedOperationException", re.compile(
            rf"^Organization {org} uses AD Connector directory {directory}, which is read-only")):
        client.update_resource(OrganizationId=org, ResourceId="r", Type="ROOM")


def test_update_resource_directory_gone(client: BaseClient, aws: Any) -> None:
    directory = simple_ad(aws, alias="corp")
    org = client.create_organization(Alias="corp", DirectoryId=directory)["OrganizationId"]
    room = resource(client, org)
    aws("ds").delete_directory(DirectoryId=directory)
    with raises("DirectoryUnavailableException",
                f"Directory {directory} of organization {org} is no longer available"):
        client.update_resource(OrganizationId=org, ResourceId=room, Type="EQUIPMENT")


def test_rooms_and_equipment_end_to_end(client: BaseClient, org: str) -> None:
    """CreateResource -> RegisterToWorkMail -> UpdateResource -> AssociateDelegateToResource /
    ListResourceDelegates / DisassociateDelegateFromResource -> DeleteResource."""
    room = client.create_resource(OrganizationId=org, Name="boardroom", Type="ROOM",
                                  Description="12 seats")["ResourceId"]
    beamer = client.create_resource(OrganizationId=org, Name="beamer", Type="EQUIPMENT")[
        "ResourceId"]
    client.register_to_work_mail(OrganizationId=org, EntityId=room, Email=address("boardroom"))
    client.register_to_work_mail(OrganizationId=org, EntityId="beamer", Email=address("beamer"))
    assert describe(client, org, room)["State"] == "ENABLED"
    assert client.describe_entity(OrganizationId=org, Email=address("beamer"))["Type"] == "RESOURCE"

    alice = user(client, org)
    register(client, org, alice, "alice")
    facilities = group(client, org, "facilities")
    client.associate_delegate_to_resource(OrganizationId=org, ResourceId=room, EntityId=alice)
    client.associate_delegate_to_resource(
        OrganizationId=org, ResourceId=address("boardroom"), EntityId="facilities")
    delegates = client.list_resource_delegates(OrganizationId=org, ResourceId="boardroom")
    assert delegates["Delegates"] == [
        {"Id": alice, "Type": "USER"}, {"Id": facilities, "Type": "GROUP"}]

    client.update_resource(
        OrganizationId=org, ResourceId=room, Name="bigroom", Description="20 seats",
        HiddenFromGlobalAddressList=True,
        BookingOptions={"AutoAcceptRequests": False, "AutoDeclineRecurringRequests": True,
                        "AutoDeclineConflictingRequests": True},
    )
    described = describe(client, org, room)
    assert (described["Name"], described["Email"], described["Description"]) == (
        "bigroom", address("bigroom"), "20 seats")
    assert described["BookingOptions"]["AutoAcceptRequests"] is False
    client.update_resource(OrganizationId=org, ResourceId=beamer, Type="ROOM")
    assert describe(client, org, beamer)["Type"] == "ROOM"

    client.disassociate_delegate_from_resource(OrganizationId=org, ResourceId=room, EntityId=alice)
    assert client.list_resource_delegates(OrganizationId=org, ResourceId=room)["Delegates"] == [
        {"Id": facilities, "Type": "GROUP"}]

    client.deregister_from_work_mail(OrganizationId=org, EntityId=room)
    client.delete_resource(OrganizationId=org, ResourceId=room)
    assert describe(client, org, room)["State"] == "DELETED"
    states = {r["Name"]: r["State"] for r in client.list_resources(OrganizationId=org)["Resources"]}
    assert states == {"bigroom": "DELETED", "beamer": "ENABLED"}
    # The deleted room's name and address can be used again.
    again = resource(client, org, "bigroom")
    register(client, org, again, "bigroom")
