"""What the user, group and resource operations share: the one delete rule and the one
list handler."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import EntityNotFoundException
from workmail_mock.operations.registry import Call, Handler, page_size
from workmail_mock.state.directory import filtered_page
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


def list_entities(kind: type[Entity], member: str) -> Handler:
    """The handler of ListUsers / ListGroups / ListResources: a page of ``kind``, filtered
    (``filtered_page``), returned in the output member ``member``."""

    def handler(
        call: Call,
        next_token: str | None = None,
        max_results: int | None = None,
        filters: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        page, token = filtered_page(
            call.org.directory, kind, page_size(max_results), next_token, filters,
            call.operation,
        )
        return {member: page, "NextToken": token}

    return handler
