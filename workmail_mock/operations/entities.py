"""What the user, group and resource operations share: the one delete rule."""

from __future__ import annotations

from workmail_mock.errors import EntityNotFoundException
from workmail_mock.operations.registry import Call
from workmail_mock.state.entities import Entity


def delete_entity(call: Call, identifier: str, kind: type[Entity]) -> None:
    """DeleteUser / DeleteGroup / DeleteResource: the entity, named by id, email or name,
    must be DISABLED (``Organization.delete_entity``).

    An unknown entity is taken as already deleted, since the model lists no
    EntityNotFoundException for these operations (a guess, docs/aws-behaviour.md 6).
    """
    try:
        entity = call.find(identifier, kind, wrong_kind=f", not a {kind.LABEL.lower()}")
    except EntityNotFoundException:
        return
    call.org.delete_entity(entity)
