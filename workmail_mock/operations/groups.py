"""Groups: create, describe, list, update, delete."""

from __future__ import annotations

from typing import Any

from workmail_mock.operations.entities import delete_entity
from workmail_mock.operations.registry import Call, Directory, operation, page_size
from workmail_mock.state import ids
from workmail_mock.state.directory import filtered_page
from workmail_mock.state.entities import Group


@operation("CreateGroup", directory=Directory.WRITABLE)
def create_group(
    call: Call, name: str, hidden_from_global_address_list: bool | None = None
) -> dict[str, str]:
    org = call.org
    group = Group(
        id=ids.entity_id(org.external_directory),
        name=name,
        hidden_from_global_address_list=bool(hidden_from_global_address_list),
    )
    org.directory.add(group)
    return {"GroupId": group.id}


@operation("DescribeGroup")
def describe_group(call: Call, group_id: str) -> Group:
    """By id, email address or name, as the model documents."""
    return call.find(group_id, Group)


@operation("ListGroups")
def list_groups(
    call: Call,
    next_token: str | None = None,
    max_results: int | None = None,
    filters: dict[str, str] | None = None,
) -> dict[str, Any]:
    page, token = filtered_page(
        call.org.directory, Group, page_size(max_results), next_token, filters, "ListGroups"
    )
    return {"Groups": page, "NextToken": token}


@operation("UpdateGroup", directory=Directory.NOT_READ_ONLY)
def update_group(
    call: Call, group_id: str, hidden_from_global_address_list: bool | None = None
) -> None:
    group = call.find(group_id, Group, live=True)
    if hidden_from_global_address_list is not None:
        group.hidden_from_global_address_list = hidden_from_global_address_list


@operation("DeleteGroup", directory=Directory.WRITABLE)
def delete_group(call: Call, group_id: str) -> None:
    """A DISABLED group stays listed as DELETED, without its name, addresses and
    memberships."""
    delete_entity(call, group_id, Group)
