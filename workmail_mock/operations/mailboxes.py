"""Mailboxes: a user's quota and size, and who may use whose mailbox (permissions)."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import (
    EntityNotFoundException,
    EntityStateException,
    InvalidParameterException,
)
from workmail_mock.operations.registry import Call, operation, page_size
from workmail_mock.state.entities import DEFAULT_MAILBOX_QUOTA, Entity, Resource, User
from workmail_mock.state.kinds import EntityState


@operation("GetMailboxDetails")
def get_mailbox_details(call: Call, user_id: str) -> User:
    user = call.find(user_id, User)
    if user.state != EntityState.ENABLED:
        # Only a registered user has a mailbox. The model lists no EntityStateException
        # here, so the missing mailbox is reported as not found (a guess).
        raise EntityNotFoundException(
            f"User {user.id} is in state {user.state} and has no mailbox; register it to "
            "WorkMail first"
        )
    return user


@operation("UpdateMailboxQuota")
def update_mailbox_quota(call: Call, user_id: str, mailbox_quota: int) -> None:
    user = call.find(user_id, User)
    if user.state != EntityState.ENABLED:
        raise EntityStateException(
            f"User {user.id} is in state {user.state} and has no mailbox; its quota can be "
            "changed once it is registered to WorkMail"
        )
    # The model sets no maximum; the admin guide allows 1 to 51200 MB, so a larger
    # value is refused as an invalid parameter (a guess at the error).
    if mailbox_quota > DEFAULT_MAILBOX_QUOTA:
        raise InvalidParameterException(
            f"MailboxQuota {mailbox_quota} MB exceeds the maximum of {DEFAULT_MAILBOX_QUOTA} MB"
        )
    user.mailbox_quota = mailbox_quota


def _party(call: Call, identifier: str, role: str) -> Entity:
    """The mailbox owner or the grantee (any kind of entity, by id, email or name)."""
    entity = call.org.directory.resolve(identifier)
    if entity is None:
        raise EntityNotFoundException(
            f"{role} {identifier} does not exist in organization {call.org.id}"
        )
    return entity


def _require_state(entity: Entity, role: str, allowed: tuple[EntityState, ...]) -> None:
    if entity.state not in allowed:
        raise EntityStateException(
            f"{role} {entity.id} ({entity.noun} {entity.name}) is in state {entity.state}; "
            f"the operation needs state {' or '.join(allowed)}"
        )


def _parties(
    call: Call, entity_id: str, grantee_id: str, allowed: tuple[EntityState, ...]
) -> tuple[Entity, Entity]:
    owner = _party(call, entity_id, "Mailbox owner")
    grantee = _party(call, grantee_id, "Grantee")
    _require_state(owner, "Mailbox owner", allowed)
    _require_state(grantee, "Grantee", allowed)
    return owner, grantee


@operation("PutMailboxPermissions")
def put_mailbox_permissions(
    call: Call, entity_id: str, grantee_id: str, permission_values: list[str]
) -> None:
    """Replace the grantee's permissions on the mailbox; an empty list revokes them.
    Both ends must be registered: only an enabled entity has a mailbox or appears in the
    address book the console picks grantees from (a guess for grantees)."""
    owner, grantee = _parties(call, entity_id, grantee_id, (EntityState.ENABLED,))
    if isinstance(grantee, Resource):
        raise InvalidParameterException(
            f"Grantee {grantee.id} is a {grantee.type.lower()} resource; only users and "
            "groups can be granted mailbox permissions"
        )
    if grantee is owner:
        raise InvalidParameterException(
            f"Entity {owner.id} can't be granted permissions on its own mailbox"
        )
    call.org.permissions.grant(owner, grantee, list(dict.fromkeys(permission_values)))


@operation("DeleteMailboxPermissions")
def delete_mailbox_permissions(call: Call, entity_id: str, grantee_id: str) -> None:
    """Revoke everything the grantee has on the mailbox; nothing granted is a no-op (a
    guess: the model lists no error for it). A deregistered entity's grants can still be
    cleaned up; a deleted one has none."""
    owner, grantee = _parties(
        call, entity_id, grantee_id, (EntityState.ENABLED, EntityState.DISABLED)
    )
    call.org.permissions.revoke(owner.id, grantee.id)


@operation("ListMailboxPermissions")
def list_mailbox_permissions(
    call: Call, entity_id: str, next_token: str | None = None, max_results: int | None = None
) -> dict[str, Any]:
    owner = _party(call, entity_id, "Mailbox owner")
    page, token = call.org.permissions.of_mailbox(owner).page(page_size(max_results), next_token)
    return {"Permissions": page, "NextToken": token}
