"""Mailboxes: a user's quota and size, and who may use whose mailbox (permissions).

Permissions live on the backend, per organization and mailbox owner, with a reverse
index by grantee so that deleting an entity drops its grants in O(grants).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from workmail_mock.backend.base import BackendState, page_size
from workmail_mock.backend.entities import Entity
from workmail_mock.backend.store import OrderedStore
from workmail_mock.backend.users import DEFAULT_MAILBOX_QUOTA, User
from workmail_mock.exceptions import (
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
)

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization

#: Kinds that can be granted permissions: the output's GranteeType knows USER and GROUP only.
_GRANTEE_KINDS = frozenset({"USER", "GROUP"})


@dataclasses.dataclass
class MailboxPermission:
    """What one grantee may do with one mailbox."""

    grantee_id: str
    grantee_type: str
    permission_values: list[str]


class MailboxesMixin(BackendState):
    """GetMailboxDetails, UpdateMailboxQuota, PutMailboxPermissions,
    DeleteMailboxPermissions, ListMailboxPermissions."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        #: (organization id, owner id) -> grantee id -> permission
        self.mailbox_permissions: dict[tuple[str, str], OrderedStore[MailboxPermission]] = {}
        #: (organization id, grantee id) -> ids of the owners that granted it something
        self._grants_by_grantee: dict[tuple[str, str], set[str]] = {}

    # --- mailbox details --------------------------------------------------------------

    def _mailbox_user(self, org: Organization, user_id: str) -> User:
        entity = org.entities.resolve(user_id)
        if not isinstance(entity, User):
            raise EntityNotFoundException(
                f"User {user_id} does not exist in organization {org.id}"
            )
        return entity

    def get_mailbox_details(self, organization_id: str, user_id: str) -> dict[str, Any]:
        org = self._organization(organization_id)
        user = self._mailbox_user(org, user_id)
        if user.state != "ENABLED":
            # Only a registered user has a mailbox. The model lists no EntityStateException
            # here, so the missing mailbox is reported as not found (a guess).
            raise EntityNotFoundException(
                f"User {user.id} is in state {user.state} and has no mailbox; register it to "
                "WorkMail first"
            )
        return {"MailboxQuota": user.mailbox_quota, "MailboxSize": user.mailbox_size}

    def update_mailbox_quota(self, organization_id: str, user_id: str, mailbox_quota: int) -> None:
        org = self._organization(organization_id)
        user = self._mailbox_user(org, user_id)
        if user.state != "ENABLED":
            raise EntityStateException(
                f"User {user.id} is in state {user.state} and has no mailbox; its quota can be "
                "changed once it is registered to WorkMail"
            )
        # The model sets no maximum; the admin guide allows 1 to 51200 MB, so a larger
        # value is refused as an invalid parameter (a guess at the error).
        if mailbox_quota > DEFAULT_MAILBOX_QUOTA:
            raise InvalidParameterException(
                f"MailboxQuota {mailbox_quota} MB exceeds the maximum of "
                f"{DEFAULT_MAILBOX_QUOTA} MB"
            )
        user.mailbox_quota = mailbox_quota

    # --- permissions ------------------------------------------------------------------

    @staticmethod
    def _permission_entity(org: Organization, identifier: str, role: str) -> Entity:
        entity = org.entities.resolve(identifier)
        if entity is None:
            raise EntityNotFoundException(
                f"{role} {identifier} does not exist in organization {org.id}"
            )
        return entity

    @staticmethod
    def _require_state(entity: Entity, role: str, allowed: tuple[str, ...]) -> None:
        if entity.state not in allowed:
            raise EntityStateException(
                f"{role} {entity.id} ({entity.KIND.lower()} {entity.name}) is in state "
                f"{entity.state}; the operation needs state {' or '.join(allowed)}"
            )

    def put_mailbox_permissions(
        self,
        organization_id: str,
        entity_id: str,
        grantee_id: str,
        permission_values: list[str],
    ) -> None:
        """Replace the grantee's permissions on the mailbox; an empty list revokes them."""
        org = self._organization(organization_id)
        owner = self._permission_entity(org, entity_id, "Mailbox owner")
        grantee = self._permission_entity(org, grantee_id, "Grantee")
        # Both ends must be registered: only an enabled entity has a mailbox or appears
        # in the address book the console picks grantees from (a guess for grantees).
        self._require_state(owner, "Mailbox owner", ("ENABLED",))
        self._require_state(grantee, "Grantee", ("ENABLED",))
        if grantee.KIND not in _GRANTEE_KINDS:
            raise InvalidParameterException(
                f"Grantee {grantee.id} is a {grantee.type.lower()} resource; only users and "
                "groups can be granted mailbox permissions"
            )
        if grantee is owner:
            raise InvalidParameterException(
                f"Entity {owner.id} can't be granted permissions on its own mailbox"
            )
        values = list(dict.fromkeys(permission_values))
        key = (org.id, owner.id)
        if not values:
            self._revoke(org, owner.id, grantee.id)
            return
        store = self.mailbox_permissions.setdefault(key, OrderedStore())
        store.add(grantee.id, MailboxPermission(grantee.id, grantee.KIND, values))
        self._grants_by_grantee.setdefault((org.id, grantee.id), set()).add(owner.id)

    def delete_mailbox_permissions(
        self, organization_id: str, entity_id: str, grantee_id: str
    ) -> None:
        """Revoke everything the grantee has on the mailbox; nothing granted is a no-op
        (a guess: the model lists no error for it)."""
        org = self._organization(organization_id)
        owner = self._permission_entity(org, entity_id, "Mailbox owner")
        grantee = self._permission_entity(org, grantee_id, "Grantee")
        # A deregistered entity's grants can still be cleaned up; a deleted one has none.
        self._require_state(owner, "Mailbox owner", ("ENABLED", "DISABLED"))
        self._require_state(grantee, "Grantee", ("ENABLED", "DISABLED"))
        self._revoke(org, owner.id, grantee.id)

    def list_mailbox_permissions(
        self,
        organization_id: str,
        entity_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> dict[str, Any]:
        org = self._organization(organization_id)
        owner = self._permission_entity(org, entity_id, "Mailbox owner")
        store = self.mailbox_permissions.get((org.id, owner.id))
        if store is None:
            store = OrderedStore()  # an empty store still checks the NextToken
        page, token = store.page(page_size(max_results), next_token)
        return {"Permissions": page, "NextToken": token}

    def _revoke(self, org: Organization, owner_id: str, grantee_id: str) -> None:
        store = self.mailbox_permissions.get((org.id, owner_id))
        if store is not None:
            store.remove(grantee_id)
            if not len(store):
                del self.mailbox_permissions[(org.id, owner_id)]
        owners = self._grants_by_grantee.get((org.id, grantee_id))
        if owners is not None:
            owners.discard(owner_id)
            if not owners:
                del self._grants_by_grantee[(org.id, grantee_id)]

    def _forget_entity(self, org: Organization, entity: Entity) -> None:
        """A deleted entity's mailbox permissions go, both as owner and as grantee."""
        store = self.mailbox_permissions.pop((org.id, entity.id), None)
        for permission in store or ():
            owners = self._grants_by_grantee.get((org.id, permission.grantee_id))
            if owners is not None:
                owners.discard(entity.id)
                if not owners:
                    del self._grants_by_grantee[(org.id, permission.grantee_id)]
        for owner_id in list(self._grants_by_grantee.get((org.id, entity.id), ())):
            self._revoke(org, owner_id, entity.id)
        super()._forget_entity(org, entity)
