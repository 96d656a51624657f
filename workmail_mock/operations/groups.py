"""Groups: create, describe, list, update, delete."""

from __future__ import annotations

from workmail_mock.operations.entities import delete_entity, list_entities
from workmail_mock.operations.registry import Call, Directory, operation
from workmail_mock.state import ids
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


list_groups = operation("ListGroups")(list_entities(Group, "Groups"))


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
