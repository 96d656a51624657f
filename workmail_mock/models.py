"""The WorkMail backend as moto knows it: ``WorkMailBackend`` per account and region.

moto finds a backend's URL table in the ``urls`` module beside the module that defines
the backend class, and finds ``workmail_backends`` in ``moto.workmail`` (aliased to this
module by ``workmail_mock.wiring.registration``); hence the names. The backend is a plain
holder of one account's state in one region (``state.region.RegionState``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from moto.core.base_backend import BackendDict, BaseBackend

from workmail_mock import spec
from workmail_mock.errors import NotServedByWorkMailMock
from workmail_mock.protocol import faults
from workmail_mock.state.quotas import Quotas
from workmail_mock.state.region import LOCK, AliasIndex, RegionState

#: Organization aliases are unique across every account and region of the mock.
ALIASES = AliasIndex()


def _no_scope_open() -> bool:
    return False


class WorkMailBackend(BaseBackend, RegionState):
    """All WorkMail state of one account in one region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        BaseBackend.__init__(self, region_name, account_id)
        RegionState.__init__(self, account_id, region_name, ALIASES)
        self.lock = LOCK
        for name, value in workmail_backends.quota_overrides.items():
            setattr(self.quotas, name, value)

    def reset(self) -> None:
        if workmail_backends.scope_open():  # an inner mock_aws must not wipe a scope
            return
        super().reset()


class WorkMailBackendDict(BackendDict[WorkMailBackend]):
    """moto's BackendDict, kept intact by moto's global resets while a scope is open."""

    _orphaned = False
    #: Whether a ``mock_workmail`` scope is open (set by ``workmail_mock.wiring.scope``).
    scope_open: Callable[[], bool] = staticmethod(_no_scope_open)

    def clear(self) -> None:
        if self.scope_open():
            # moto's reset drops us from BackendDict._instances after this; backend_for
            # puts us back, so that the next moto reset still wipes WorkMail.
            self._orphaned = True
            return
        super().clear()
        ALIASES.clear()
        faults.clear()

    #: Quotas every backend starts with (``mock_workmail(quotas=...)``), over the defaults.
    quota_overrides: dict[str, int] = {}  # noqa: RUF012 - replaced, never mutated

    def wipe(self) -> None:
        """Forget every account and region (the start and end of a mock_workmail scope)."""
        dict.clear(self)
        ALIASES.clear()
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
            backend_for(account, region).quotas = dataclasses.replace(quotas)


def check_quota_names(quotas: Mapping[str, int]) -> dict[str, int]:
    """``quotas`` as a dict, or ValueError naming a field ``Quotas`` does not have."""
    known = {field.name for field in dataclasses.fields(Quotas)}
    unknown = sorted(set(quotas) - known)
    if unknown:
        raise ValueError(
            f"unknown quota {', '.join(unknown)}; quotas are {', '.join(sorted(known))}"
        )
    return {name: int(value) for name, value in quotas.items()}


workmail_backends = WorkMailBackendDict(WorkMailBackend, spec.SERVICE_NAME)


def backend_for(account_id: str, region: str) -> WorkMailBackend:
    """The backend of an account and region where WorkMail is offered."""
    regions = spec.supported_regions()
    with LOCK:
        if workmail_backends._use_boto3_regions:
            # Give moto the regions from our (shared) session instead of letting each
            # account's backend open a botocore session of its own to read them again.
            workmail_backends._additional_regions = list(regions)
            workmail_backends._use_boto3_regions = False
        if workmail_backends._orphaned:
            workmail_backends._orphaned = False
            BackendDict._instances.append(workmail_backends)  # type: ignore[misc]
    if region not in regions:
        raise NotServedByWorkMailMock(
            f"WorkMail is not offered in region {region!r}; it is offered in "
            f"{', '.join(regions)}"
        )
    return workmail_backends[account_id][region]


def region_state(account_id: str, region: str) -> RegionState:
    return backend_for(account_id, region)
