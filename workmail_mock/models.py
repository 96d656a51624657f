"""The WorkMail backend as moto knows it: ``WorkMailBackend`` per account and region.

moto finds a backend's URL table in the ``urls`` module beside the module that defines
the backend class, and finds ``workmail_backends`` in ``moto.workmail`` (aliased to this
module by ``workmail_mock.wiring.registration``); hence the names. The backend is a plain
holder of one account's state in one region (``state.region.RegionState``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import ClassVar

from moto.core.base_backend import BackendDict, BaseBackend

from workmail_mock import spec
from workmail_mock.errors import NotServedByWorkMailMock
from workmail_mock.protocol import faults
from workmail_mock.state.quotas import Quotas
from workmail_mock.state.region import LOCK, AliasIndex, RegionState

#: Organization aliases are unique across every account and region of a state: one index
#: for the in-process state (``mock_workmail``, ``mock_aws``), one for the server's.
ALIASES = AliasIndex()
SERVER_ALIASES = AliasIndex()


def _no_scope_open() -> bool:
    return False


class WorkMailBackend(BaseBackend, RegionState):
    """All in-process WorkMail state of one account in one region."""

    alias_index: ClassVar[AliasIndex] = ALIASES

    def __init__(self, region_name: str, account_id: str) -> None:
        BaseBackend.__init__(self, region_name, account_id)
        RegionState.__init__(self, account_id, region_name, type(self).alias_index)
        self.lock = LOCK
        if type(self).alias_index is ALIASES:  # the in-process state (not the server's)
            for name, value in workmail_backends.quota_overrides.items():
                setattr(self.quotas, name, value)

    def reset(self) -> None:
        if workmail_backends.scope_open():  # an inner mock_aws must not wipe a scope
            return
        super().reset()


class ServerWorkMailBackend(WorkMailBackend):
    """All WorkMail state of one account in one region of moto's server (ThreadedMotoServer
    or ``python -m workmail_mock``): apart from the in-process state, so that opening or
    closing a ``mock_workmail`` scope never touches a server running in the same process."""

    alias_index: ClassVar[AliasIndex] = SERVER_ALIASES

    def reset(self) -> None:
        BaseBackend.reset(self)


class WorkMailBackendDict(BackendDict[WorkMailBackend]):
    """moto's BackendDict; the in-process one is kept intact by moto's global resets while
    a ``mock_workmail`` scope is open."""

    _orphaned = False
    #: Whether a ``mock_workmail`` scope is open (set by ``workmail_mock.wiring.scope``).
    scope_open: Callable[[], bool] = staticmethod(_no_scope_open)

    def __init__(
        self, backend: type[WorkMailBackend], aliases: AliasIndex, *, guarded: bool
    ) -> None:
        super().__init__(backend, spec.SERVICE_NAME)
        self.aliases = aliases
        self.guarded = guarded

    def clear(self) -> None:
        if self.guarded and self.scope_open():
            # moto's reset drops us from BackendDict._instances after this; backend_for
            # puts us back, so that the next moto reset still wipes WorkMail.
            self._orphaned = True
            return
        super().clear()
        self.aliases.clear()
        faults.clear()

    #: Quotas every backend starts with (``mock_workmail(quotas=...)``), over the defaults.
    quota_overrides: dict[str, int] = {}  # noqa: RUF012 - replaced, never mutated

    def wipe(self) -> None:
        """Forget every account and region (the start and end of a mock_workmail scope)."""
        with LOCK:
            dict.clear(self)
            self.aliases.clear()
            faults.clear()

    def adjusted_quotas(self) -> dict[tuple[str, str], Quotas]:
        """The quotas of each backend whose quotas differ from what a new one gets."""
        fresh = Quotas.from_environment()
        return {
            (account, region): dataclasses.replace(backend.quotas)
            for account, regions in self.items()
            for region, backend in regions.items()
            if backend.quotas != fresh
        }

    def restore_quotas(self, adjusted: Mapping[tuple[str, str], Quotas]) -> None:
        for (account, region), quotas in adjusted.items():
            backend_for(account, region, server=not self.guarded).quotas = (
                dataclasses.replace(quotas)
            )


def check_quota_names(quotas: Mapping[str, int]) -> dict[str, int]:
    """``quotas`` as a dict, or ValueError naming a field ``Quotas`` does not have."""
    known = {field.name for field in dataclasses.fields(Quotas)}
    unknown = sorted(set(quotas) - known)
    if unknown:
        raise ValueError(
            f"unknown quota {', '.join(unknown)}; quotas are {', '.join(sorted(known))}"
        )
    return {name: int(value) for name, value in quotas.items()}


#: The in-process state: ``mock_workmail`` scopes (every thread's) and ``mock_aws``.
workmail_backends = WorkMailBackendDict(WorkMailBackend, ALIASES, guarded=True)
#: The state of moto's server when it runs in this process (ThreadedMotoServer).
server_backends = WorkMailBackendDict(ServerWorkMailBackend, SERVER_ALIASES, guarded=False)


def _mocking() -> bool:
    from moto.core.models import botocore_stubber

    return workmail_backends.scope_open() or bool(botocore_stubber.enabled)


#: Whether moto's server app was made in this process (ThreadedMotoServer, ``python -m
#: workmail_mock``); set by ``wiring.registration``.
server_in_process = False


def current_backends() -> WorkMailBackendDict:
    """The state ``backend_for`` and ``workmail_mock.testing`` look at by default: the
    in-process one while ``mock_workmail`` or ``mock_aws`` is on, or while no moto server
    runs in this process (so that quotas set before a scope are the scope's); else the
    server's."""
    return workmail_backends if _mocking() or not server_in_process else server_backends


def backend_for(
    account_id: str, region: str, *, server: bool | None = None
) -> WorkMailBackend:
    """The backend of an account and region where WorkMail is offered: of the in-process
    state while ``mock_workmail`` or ``mock_aws`` is on, else of moto's server running in
    this process (``server=`` picks one explicitly)."""
    if server is None:
        backends = current_backends()
    else:
        backends = server_backends if server else workmail_backends
    regions = spec.supported_regions()
    with LOCK:
        if backends._use_boto3_regions:
            # Give moto the regions from our (shared) session instead of letting each
            # account's backend open a botocore session of its own to read them again.
            backends._additional_regions = list(regions)
            backends._use_boto3_regions = False
        if backends._orphaned:
            backends._orphaned = False
            BackendDict._instances.append(backends)  # type: ignore[misc]
    if region not in regions:
        raise NotServedByWorkMailMock(
            f"WorkMail is not offered in region {region!r}; it is offered in "
            f"{', '.join(regions)}"
        )
    return backends[account_id][region]


def region_state(account_id: str, region: str) -> RegionState:
    """The in-process state source (the botocore hook and moto's stubber)."""
    return backend_for(account_id, region, server=False)


def server_state(account_id: str, region: str) -> RegionState:
    """The state source of moto's server."""
    return backend_for(account_id, region, server=True)
