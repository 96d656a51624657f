"""Group membership: users and groups as members of groups, both ways round.

Two indexes keep every list O(page): a group's members, and the groups an entity
belongs to (direct memberships only), each in the order the memberships were made.
"""

from __future__ import annotations

import dataclasses

from workmail_mock.state.entities import Entity, Group
from workmail_mock.state.store import OrderedStore


@dataclasses.dataclass(eq=False)
class Memberships:
    #: group id -> the group's members by id
    members: dict[str, OrderedStore[Entity]] = dataclasses.field(default_factory=dict)
    #: entity id -> the groups the entity is a direct member of
    member_of: dict[str, OrderedStore[Group]] = dataclasses.field(default_factory=dict)

    def members_of(self, group: Group) -> OrderedStore[Entity]:
        return self.members.get(group.id) or OrderedStore()

    def groups_of(self, entity: Entity) -> OrderedStore[Group]:
        return self.member_of.get(entity.id) or OrderedStore()

    def has(self, group: Group, member: Entity) -> bool:
        return member.id in self.members.get(group.id, ())

    def contains(self, group: Entity, wanted: Entity) -> bool:
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
            pending.extend(m for m in self.members.get(current.id, ()) if isinstance(m, Group))
        return False

    def add(self, group: Group, member: Entity) -> None:
        self.members.setdefault(group.id, OrderedStore()).add(member.id, member)
        self.member_of.setdefault(member.id, OrderedStore()).add(group.id, group)

    def remove(self, group: Group, member: Entity) -> bool:
        """False when ``member`` is not a member of ``group``."""
        members = self.members.get(group.id)
        if members is None or members.remove(member.id) is None:
            return False
        groups = self.member_of.get(member.id)
        if groups is not None:
            groups.remove(group.id)
        return True

    def forget(self, entity: Entity) -> None:
        for group in list(self.member_of.pop(entity.id, None) or ()):
            members = self.members.get(group.id)
            if members is not None:
                members.remove(entity.id)
        for member in list(self.members.pop(entity.id, None) or ()):
            groups = self.member_of.get(member.id)
            if groups is not None:
                groups.remove(entity.id)
