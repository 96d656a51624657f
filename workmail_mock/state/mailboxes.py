"""Mailbox permissions: who may use whose mailbox, with a reverse index by grantee so
that deleting an entity drops its grants in O(grants)."""

from __future__ import annotations

import dataclasses

from workmail_mock.state.entities import Entity
from workmail_mock.state.store import OrderedStore


@dataclasses.dataclass
class MailboxPermission:
    """What one grantee may do with one mailbox."""

    grantee_id: str
    grantee_type: str
    permission_values: list[str]


@dataclasses.dataclass(eq=False)
class MailboxPermissions:
    #: owner id -> grantee id -> permission
    by_owner: dict[str, OrderedStore[MailboxPermission]] = dataclasses.field(
        default_factory=dict
    )
    #: grantee id -> ids of the owners that granted it something
    by_grantee: dict[str, set[str]] = dataclasses.field(default_factory=dict)

    def of_mailbox(self, owner: Entity) -> OrderedStore[MailboxPermission]:
        return self.by_owner.get(owner.id) or OrderedStore()

    def grant(self, owner: Entity, grantee: Entity, values: list[str]) -> None:
        """Replace what ``grantee`` may do with ``owner``'s mailbox; nothing revokes."""
        if not values:
            self.revoke(owner.id, grantee.id)
            return
        store = self.by_owner.setdefault(owner.id, OrderedStore())
        store.add(grantee.id, MailboxPermission(grantee.id, grantee.KIND.value, values))
        self.by_grantee.setdefault(grantee.id, set()).add(owner.id)

    def revoke(self, owner_id: str, grantee_id: str) -> None:
        store = self.by_owner.get(owner_id)
        if store is not None:
            store.remove(grantee_id)
            if not len(store):
                del self.by_owner[owner_id]
        owners = self.by_grantee.get(grantee_id)
        if owners is not None:
            owners.discard(owner_id)
            if not owners:
                del self.by_grantee[grantee_id]

    def forget(self, entity: Entity) -> None:
        """A deleted entity's permissions go, both as owner and as grantee."""
        for permission in list(self.by_owner.get(entity.id, ())):
            self.revoke(entity.id, permission.grantee_id)
        for owner_id in list(self.by_grantee.get(entity.id, ())):
            self.revoke(owner_id, entity.id)
