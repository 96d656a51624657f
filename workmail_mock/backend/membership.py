"""Group membership: users and groups as members of groups, both ways round.

Two indexes per organization keep every list O(page): a group's members, and the
groups an entity belongs to (direct memberships only), each in the order the
memberships were made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.directory import check_writable
from workmail_mock.backend.entities import Entity, check_not_deleted, find_entity
from workmail_mock.backend.store import OrderedStore
from workmail_mock.exceptions import EntityNotFoundException, InvalidParameterException

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization

_MEMBER_KINDS = ("USER", "GROUP")


class MembershipMixin(BackendState):
    """AssociateMemberToGroup, DisassociateMemberFromGroup, ListGroupMembers,
    ListGroupsForEntity."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        #: (organization id, group id) -> the group's members by id
        self._group_members: dict[tuple[str, str], OrderedStore[Entity]] = {}
        #: (organization id, entity id) -> the groups the entity is a direct member of
        self._member_of: dict[tuple[str, str], OrderedStore[Entity]] = {}

    def _members(self, org: Organization, group: Entity) -> OrderedStore[Entity]:
        return self._group_members.setdefault((org.id, group.id), OrderedStore())

    def _groups_of(self, org: Organization, entity: Entity) -> OrderedStore[Entity]:
        return self._member_of.setdefault((org.id, entity.id), OrderedStore())

    def _member(self, org: Organization, identifier: str) -> Entity:
        """A user or group that can be a member. A resource can't (the model: "Users and
        groups can be members of a group"); InvalidParameterException is a guess."""
        entity = org.entities.resolve(identifier)
        if entity is not None and entity.KIND == "RESOURCE":
            raise InvalidParameterException(
                f"Entity {identifier} is a resource; only users and groups can be members of "
                "a group"
            )
        return find_entity(org, identifier, _MEMBER_KINDS, "User or group")

    def _contains(self, org: Organization, group: Entity, wanted: Entity) -> bool:
        """Whether ``wanted`` is ``group`` or a member of it at any depth."""
        seen: set[str] = set()
        pending = [group]
        while pending:
            current = pending.pop()
            if current.id == wanted.id:
                return True
            if current.id in seen:
                continue
            seen.add(current.id)
            members = self._group_members.get((org.id, current.id))
            if members is not None:
                pending.extend(m for m in members if m.KIND == "GROUP")
        return False

    def _forget_entity(self, org: Organization, entity: Entity) -> None:
        for group in list(self._member_of.pop((org.id, entity.id), None) or ()):
            members = self._group_members.get((org.id, group.id))
            if members is not None:
                members.remove(entity.id)
        for member in list(self._group_members.pop((org.id, entity.id), None) or ()):
            groups = self._member_of.get((org.id, member.id))
            if groups is not None:
                groups.remove(entity.id)
        super()._forget_entity(org, entity)

    def associate_member_to_group(
        self, organization_id: str, group_id: str, member_id: str
    ) -> None:
        """A member that is already in the group stays there: a no-op (a guess,
        docs/aws-behaviour.md section 9). DISABLED groups and members are accepted: the
        model documents no state rule besides deleted entities (a guess)."""
        org = self._organization(organization_id)
        # Memberships of an AD Connector directory live in the on-premises AD.
        check_writable(org, self.account_id, self.region_name)
        group = find_entity(org, group_id, ("GROUP",), "Group")
        member = self._member(org, member_id)
        check_not_deleted(group, "AssociateMemberToGroup")
        check_not_deleted(member, "AssociateMemberToGroup")
        if member.id in self._group_members.get((org.id, group.id), ()):
            return
        if member.KIND == "GROUP" and self._contains(org, member, group):
            if member.id == group.id:
                raise InvalidParameterException(f"Group {group.id} can't be a member of itself")
            raise InvalidParameterException(
                f"Group {member.id} can't be made a member of group {group.id}, which is "
                "already a member of it (directly or through nested groups)"
            )
        self._members(org, group).add(member.id, member)
        self._groups_of(org, member).add(group.id, group)

    def disassociate_member_from_group(
        self, organization_id: str, group_id: str, member_id: str
    ) -> None:
        org = self._organization(organization_id)
        check_writable(org, self.account_id, self.region_name)
        group = find_entity(org, group_id, ("GROUP",), "Group")
        member = self._member(org, member_id)
        check_not_deleted(group, "DisassociateMemberFromGroup")
        check_not_deleted(member, "DisassociateMemberFromGroup")
        members = self._group_members.get((org.id, group.id))
        if members is None or members.remove(member.id) is None:
            # A guess (docs/aws-behaviour.md section 9): the membership is what is not found.
            raise EntityNotFoundException(
                f"{member.name} ({member.id}) is not a member of group {group.id}"
            )
        groups = self._member_of.get((org.id, member.id))
        if groups is not None:
            groups.remove(group.id)

    def list_group_members(
        self,
        organization_id: str,
        group_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        group = find_entity(org, group_id, ("GROUP",), "Group")
        check_not_deleted(group, "ListGroupMembers")
        store = self._group_members.get((org.id, group.id)) or OrderedStore()
        page, token = store.page(page_size(max_results), next_token)
        members = [
            {
                "Id": m.id,
                "Name": m.name,
                "Type": m.KIND,
                "State": m.state,
                "EnabledDate": m.enabled_date,
                "DisabledDate": m.disabled_date,
            }
            for m in page
        ]
        return {"Members": members, "NextToken": token}

    def list_groups_for_entity(
        self,
        organization_id: str,
        entity_id: str,
        filters: dict[str, str] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        """The groups an entity is a direct member of (a guess: nested memberships are not
        followed, docs/aws-behaviour.md section 9)."""
        org = self._organization(organization_id)
        entity = self._member(org, entity_id)
        check_not_deleted(entity, "ListGroupsForEntity")
        prefix = (filters or {}).get("GroupNamePrefix")
        keep = (lambda g: g.name.startswith(prefix)) if prefix else None
        store = self._member_of.get((org.id, entity.id)) or OrderedStore()
        page, token = store.page(page_size(max_results), next_token, keep)
        groups = [{"GroupId": g.id, "GroupName": g.name} for g in page]
        return {"Groups": groups, "NextToken": token}
