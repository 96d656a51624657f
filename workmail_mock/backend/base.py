"""What every backend area shares: the lock, the organizations, lookups and idempotency."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

from moto.core.base_backend import BaseBackend

from workmail_mock.backend.quotas import Quotas
from workmail_mock.backend.store import OrderedStore
from workmail_mock.exceptions import (
    EntityStateException,
    InvalidParameterException,
    OrganizationNotFoundException,
    OrganizationStateException,
)

if TYPE_CHECKING:
    from workmail_mock.backend.entities import Entity
    from workmail_mock.backend.organizations import Organization

R = TypeVar("R")

#: One lock for the whole mock: an organization alias is unique across every account and
#: region, and server mode is multi-threaded. Requests are short, so one lock costs little.
LOCK = threading.RLock()


class BackendState(BaseBackend):
    """Per account and region: the organizations and the settings tests may adjust."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.lock = LOCK
        self.organizations: OrderedStore[Organization] = OrderedStore()
        self.quotas = Quotas.from_environment()
        self._client_tokens: dict[tuple[str, str], tuple[Hashable, Any]] = {}

    def _organization(self, organization_id: str, *, active: bool = True) -> Organization:
        """The organization, or the error AWS answers for an unknown or inactive one."""
        org = self.organizations.get(organization_id)
        if org is None:
            raise OrganizationNotFoundException(
                f"Organization {organization_id} does not exist in account {self.account_id}, "
                f"region {self.region_name}"
            )
        if active:
            state = org.state
            if state != "Active":
                raise OrganizationStateException(
                    f"Organization {organization_id} is in state {state}; "
                    "the operation requires state Active"
                )
        return org

    def _forget_entity(self, org: Organization, entity: Entity) -> None:
        """Drop every reference to an entity that is being deleted.

        Area mixins that hold references (memberships, delegates, mailbox permissions,
        ...) override this, do their part and call ``super()._forget_entity``.
        """

    def _delete_disabled_entity(self, org: Organization, identifier: str, kind: str) -> None:
        """DeleteGroup / DeleteResource: the entity, named by id or name (not email, as the
        model documents), must be DISABLED; it then stays listed as DELETED, without its
        name and its references (``_forget_entity``).

        Guesses, docs/aws-behaviour.md section 6: the DISABLED rule follows DeleteUser's
        documented one; an unknown entity is taken as already deleted, since the model lists
        no EntityNotFoundException for these operations.
        """
        entity = org.entities.get(identifier)
        if entity is None:
            holder = org.entities.names.get(identifier.casefold())
            entity = org.entities.get(holder) if holder is not None else None
        if entity is None:
            return
        label = kind.capitalize()
        if entity.KIND != kind:
            raise InvalidParameterException(
                f"Entity {identifier} is a {entity.KIND.lower()}, not a {kind.lower()}"
            )
        if entity.state != "DISABLED":
            raise EntityStateException(
                f"{label} {entity.id} is in state {entity.state}; only a DISABLED "
                f"{kind.lower()} can be deleted (deregister it from WorkMail first)"
            )
        org.entities.release_name(entity.name)
        entity.state = "DELETED"
        self._forget_entity(org, entity)

    def _idempotent(
        self,
        operation: str,
        client_token: str | None,
        parameters: Hashable,
        perform: Callable[[], R],
    ) -> R:
        """Run ``perform`` once per ClientToken: a replay with the same parameters gets the
        first answer; the same token with other parameters is refused."""
        if client_token is None:
            return perform()
        key = (operation, client_token)
        seen = self._client_tokens.get(key)
        if seen is not None:
            if seen[0] != parameters:
                raise InvalidParameterException(
                    f"ClientToken {client_token} was already used for a {operation} request "
                    "with different parameters"
                )
            return seen[1]  # type: ignore[no-any-return]
        result = perform()
        self._client_tokens[key] = (parameters, result)
        return result


def page_size(max_results: int | None) -> int:
    """WorkMail's list operations return up to 100 items when MaxResults is not given.

    A guess: the API reference gives no default; 100 is the model's maximum for each.
    """
    return max_results if max_results is not None else 100
