"""The WorkMail backend as moto knows it: ``WorkMailBackend`` per account and region.

moto finds a backend's URL table in the ``urls`` module beside the module that
defines the backend class, and finds ``workmail_backends`` in ``moto.workmail``
(aliased to this module by ``workmail_mock.core.registration``); hence the names.
"""

from __future__ import annotations

from moto.core.base_backend import BackendDict

from workmail_mock.backend.addresses import AddressesMixin
from workmail_mock.backend.domains import DomainsMixin
from workmail_mock.backend.groups import GroupsMixin
from workmail_mock.backend.mailboxes import MailboxesMixin
from workmail_mock.backend.membership import MembershipMixin
from workmail_mock.backend.organizations import OrganizationsMixin
from workmail_mock.backend.resources import ResourcesMixin
from workmail_mock.backend.users import UsersMixin
from workmail_mock.core import scope
from workmail_mock.exceptions import UnsupportedOperationException
from workmail_mock.protocol import spec


class WorkMailBackend(
    OrganizationsMixin,
    DomainsMixin,
    UsersMixin,
    GroupsMixin,
    ResourcesMixin,
    AddressesMixin,
    MembershipMixin,
    MailboxesMixin,
):
    """All WorkMail state of one account in one region."""

    def reset(self) -> None:
        if scope.depth():  # an inner mock_aws must not wipe an open mock_workmail scope
            return
        super().reset()


class WorkMailBackendDict(BackendDict[WorkMailBackend]):
    """moto's BackendDict, kept intact by moto's global resets while a scope is open."""

    _orphaned = False

    def clear(self) -> None:
        if scope.depth():
            # moto's reset drops us from BackendDict._instances after this; backend_for
            # puts us back, so that the next moto reset still wipes WorkMail.
            self._orphaned = True
            return
        super().clear()

    def wipe(self) -> None:
        """Forget every account and region (the start and end of a mock_workmail scope)."""
        dict.clear(self)


workmail_backends = WorkMailBackendDict(WorkMailBackend, spec.SERVICE_NAME)


def _regions_from_spec() -> None:
    """Give moto the regions from our (shared) session instead of letting each account's
    backend open a botocore session of its own to read the endpoint data again."""
    workmail_backends._use_boto3_regions = False
    workmail_backends._additional_regions = list(spec.supported_regions())


def backend_for(account_id: str, region: str) -> WorkMailBackend:
    """The backend of an account and region where WorkMail is offered."""
    regions = spec.supported_regions()
    if workmail_backends._use_boto3_regions:
        _regions_from_spec()
    if workmail_backends._orphaned:
        workmail_backends._orphaned = False
        BackendDict._instances.append(workmail_backends)  # type: ignore[misc]
    if region not in regions:
        raise UnsupportedOperationException(
            f"WorkMail is not offered in region {region!r}; it is offered in "
            f"{', '.join(regions)}"
        )
    return workmail_backends[account_id][region]
