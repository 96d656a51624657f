"""The operation registry: each handler declares what it needs, and ``invoke`` enforces
the declaration, so no handler looks up its organization, guards its directory or
replays a ClientToken by hand.

A handler is ``def handler(call: Call, **members) -> result``: the input members as
snake_case keywords, without OrganizationId (``call.org``) and without the idempotency
token. It returns the domain object when the output shape is a view of it, otherwise a
dict keyed by output member names; the protocol layer serializes either.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from typing import Any, TypeVar, overload

from botocore import xform_name

from workmail_mock import spec
from workmail_mock.errors import (
    DirectoryUnavailableException,
    UnsupportedOperationException,
    organization_state,
)
from workmail_mock.integrations import directory_service
from workmail_mock.state.entities import Entity
from workmail_mock.state.kinds import OrganizationState
from workmail_mock.state.organization import Organization
from workmail_mock.state.region import RegionState

E = TypeVar("E", bound=Entity)
Handler = Callable[..., Any]


class Org(enum.Enum):
    """What an operation needs of the organization named by its OrganizationId."""

    NONE = "none"  # no OrganizationId member
    ANY_STATE = "any"  # it must exist
    ACTIVE = "active"  # it must exist and be Active (the rule for almost every operation)


class Directory(enum.Enum):
    """What an operation needs of the organization's directory."""

    ANY = "any"
    #: A Directory Service directory deleted since the organization was created:
    #: DirectoryUnavailableException.
    AVAILABLE = "available"
    #: An AD Connector directory is read-only for WorkMail: UnsupportedOperationException.
    NOT_READ_ONLY = "not-read-only"
    #: Both of the above.
    WRITABLE = "writable"


@dataclasses.dataclass
class Call:
    """One request as a handler sees it."""

    operation: str
    region: RegionState
    _org: Organization | None = None

    @property
    def account_id(self) -> str:
        return self.region.account_id

    @property
    def region_name(self) -> str:
        return self.region.region_name

    @property
    def org(self) -> Organization:
        """The organization the declaration looked up (handlers declared Org.NONE have
        none)."""
        if self._org is None:
            raise RuntimeError(f"{self.operation} declares no organization")
        return self._org

    @overload
    def find(
        self, identifier: str, kind: type[E], *, live: bool = ..., by_id: bool = ...,
        wrong_kind: str | None = ...,
    ) -> E: ...

    @overload
    def find(
        self, identifier: str, kind: tuple[type[Entity], ...], *, live: bool = ...,
        by_id: bool = ..., wrong_kind: str | None = ...,
    ) -> Entity: ...

    def find(
        self,
        identifier: str,
        kind: Any,
        *,
        live: bool = False,
        by_id: bool = False,
        wrong_kind: str | None = None,
    ) -> Any:
        """The entity of the organization an identifier names (``EntityDirectory.find``)."""
        return self.org.directory.find(
            identifier, kind, live=live, by_id=by_id, operation=self.operation,
            wrong_kind=wrong_kind,
        )


@dataclasses.dataclass(frozen=True)
class Operation:
    name: str
    handler: Handler
    org: Org
    directory: Directory
    #: The input member with the model's idempotencyToken trait, if any.
    token_member: str | None
    #: input member -> handler keyword (OrganizationId and the token left out)
    keywords: dict[str, str]


REGISTRY: dict[str, Operation] = {}


def operation(
    name: str, *, org: Org = Org.ACTIVE, directory: Directory = Directory.ANY
) -> Callable[[Handler], Handler]:
    """Register a handler for a model operation, with what it needs."""
    model = spec.operation_model(name)  # a typo in ``name`` fails at import
    members = list(model.input_shape.members) if model.input_shape is not None else []
    if (org is Org.NONE) == ("OrganizationId" in members):
        raise TypeError(f"{name}: the org declaration does not fit its input shape")
    token = spec.idempotency_member(name)

    def register(handler: Handler) -> Handler:
        keywords = {
            member: xform_name(member)
            for member in members
            if member != token and not (member == "OrganizationId" and org is not Org.NONE)
        }
        REGISTRY[name] = Operation(name, handler, org, directory, token, keywords)
        return handler

    return register


def _guard_directory(call: Call, need: Directory) -> None:
    org = call.org
    if need in (Directory.NOT_READ_ONLY, Directory.WRITABLE) and org.read_only:
        raise UnsupportedOperationException(
            f"Organization {org.id} uses AD Connector directory {org.directory_id}, which is "
            "read-only for WorkMail: manage users and groups in your Active Directory"
        )
    if (
        need in (Directory.AVAILABLE, Directory.WRITABLE)
        and org.external_directory
        and not directory_service.exists(call.account_id, call.region_name, org.directory_id)
    ):
        raise DirectoryUnavailableException(
            f"Directory {org.directory_id} of organization {org.id} is no longer available"
        )


def _run(op: Operation, region: RegionState, params: dict[str, Any]) -> Any:
    call = Call(op.name, region)
    if op.org is not Org.NONE:
        org = region.organization(params["OrganizationId"])
        state = org.refresh()
        if op.org is Org.ACTIVE and state != OrganizationState.ACTIVE:
            raise organization_state(org.id, state)
        call._org = org
        _guard_directory(call, op.directory)
    keywords = op.keywords
    return op.handler(call, **{keywords[k]: v for k, v in params.items() if k in keywords})


def invoke(name: str, region: RegionState, params: dict[str, Any]) -> Any:
    """Run a registered operation on validated input, with its declared preconditions."""
    op = REGISTRY[name]
    token = params.get(op.token_member) if op.token_member is not None else None
    if token is None:
        return _run(op, region, params)
    request = {k: v for k, v in params.items() if k != op.token_member}
    fingerprint = region.client_tokens.fingerprint(request)
    replayed, answer = region.client_tokens.replay(name, token, fingerprint)
    if replayed:
        return answer
    answer = _run(op, region, params)
    region.client_tokens.remember(name, token, fingerprint, answer)
    return answer


def page_size(max_results: int | None) -> int:
    """WorkMail's list operations return up to 100 items when MaxResults is not given.

    A guess: the API reference gives no default; 100 is the model's maximum for each.
    """
    return max_results if max_results is not None else 100
