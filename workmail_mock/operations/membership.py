"""Group membership: users and groups as members of groups, both ways round."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import EntityNotFoundException, InvalidParameterException
from workmail_mock.operations.registry import Call, Directory, operation, page_size
from workmail_mock.state.directory import require_live
from workmail_mock.state.entities import Entity, Group, User


def _member(call: Call, identifier: str, *, live: bool = True) -> Entity:
    """A user or group that can be a member. A resource can't (the model: "Users and
    groups can be members of a group"); InvalidParameterException is a guess."""
    return call.find(
        identifier, (User, Group), live=live,
        wrong_kind="; only users and groups can be members of a group",
    )


def _pair(call: Call, group_id: str, member_id: str) -> tuple[Group, Entity]:
    """The group and the member, both found before either is checked for deletion."""
    group = call.find(group_id, Group)
    member = _member(call, member_id, live=False)
    require_live(group, call.operation)
    require_live(member, call.operation)
    return group, member


@operation("AssociateMemberToGroup", directory=Directory.WRITABLE)
def associate_member_to_group(call: Call, group_id: str, member_id: str) -> None:
    """A member that is already in the group stays there: a no-op (a guess,
    docs/aws-behaviour.md section 9). DISABLED groups and members are accepted: the
    model documents no state rule besides deleted entities (a guess). Memberships of an
    AD Connector directory live in the on-premises AD."""
    group, member = _pair(call, group_id, member_id)
    memberships = call.org.memberships
    if memberships.has(group, member):
        return
    if isinstance(member, Group) and memberships.contains(member, group):
        if member.id == group.id:
            raise InvalidParameterException(f"Group {group.id} can't be a member of itself")
        raise InvalidParameterException(
            f"Group {member.id} can't be made a member of group {group.id}, which is "
            "already a member of it (directly or through nested groups)"
        )
    memberships.add(group, member)


@operation("DisassociateMemberFromGroup", directory=Directory.WRITABLE)
def disassociate_member_from_group(call: Call, group_id: str, member_id: str) -> None:
    group, member = _pair(call, group_id, member_id)
    if not call.org.memberships.remove(group, member):
        # A guess (docs/aws-behaviour.md section 9): the membership is what is not found.
        raise EntityNotFoundException(
            f"{member.name} ({member.id}) is not a member of group {group.id}"
        )


@operation("ListGroupMembers")
def list_group_members(
    call: Call, group_id: str, next_token: str | None = None, max_results: int | None = None
) -> dict[str, Any]:
    group = call.find(group_id, Group, live=True)
    page, token = call.org.memberships.members_of(group).page(page_size(max_results), next_token)
    members = [
        {
            "Id": m.id,
            "Name": m.name,
            "Type": m.KIND.value,
            "State": m.state,
            "EnabledDate": m.enabled_date,
            "DisabledDate": m.disabled_date,
        }
        for m in page
    ]
    return {"Members": members, "NextToken": token}


@operation("ListGroupsForEntity")
def list_groups_for_entity(
    call: Call,
    entity_id: str,
    filters: dict[str, str] | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
) -> dict[str, Any]:
    """The groups an entity is a direct member of (a guess: nested memberships are not
    followed, docs/aws-behaviour.md section 9)."""
    entity = _member(call, entity_id)
    prefix = (filters or {}).get("GroupNamePrefix")
    keep = (lambda g: g.name.startswith(prefix)) if prefix else None
    page, token = call.org.memberships.groups_of(entity).page(
        page_size(max_results), next_token, keep
    )
    return {"Groups": [{"GroupId": g.id, "GroupName": g.name} for g in page], "NextToken": token}
