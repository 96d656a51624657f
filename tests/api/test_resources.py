"""CreateResource, DescribeResource and ListResources (updates, deletes and delegates are
in test_resource_lifecycle)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import REGION, raises
from tests.directories import ad_connector, aws_fixture, simple_ad  # noqa: F401 - fixture
from workmail_mock.models import WorkMailBackend

ACCOUNT = "123456789012"
UNKNOWN_ORG = "m-" + "0" * 32
RESOURCE_ID = re.compile(r"^r-[0-9a-f]{32}$")
DEFAULT_BOOKING = {
    "AutoAcceptRequests": True,
    "AutoDeclineRecurringRequests": False,
    "AutoDeclineConflictingRequests": True,
}


def _names(client: Any, org: str, **kwargs: Any) -> list[str]:
    return [r["Name"] for r in client.list_resources(OrganizationId=org, **kwargs)["Resources"]]


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
    if not hasattr(WorkMailBackend, "create_user"):
        pytest.skip("needs CreateUser (implemented by another area)")
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
        f"Organization {UNKNOWN_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.create_resource(OrganizationId=UNKNOWN_ORG, Name="room", Type="ROOM")


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
        f"Organization {UNKNOWN_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.describe_resource(OrganizationId=UNKNOWN_ORG, ResourceId="r-" + "f" * 32)


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
        f"Organization {UNKNOWN_ORG} does not exist in account {ACCOUNT}, region {REGION}",
    ):
        client.list_resources(OrganizationId=UNKNOWN_ORG)


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
