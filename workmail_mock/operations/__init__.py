"""Thin handlers, one module per API area, registered with what they need
(``operations.registry``). Importing this package registers every served operation."""

from workmail_mock.operations import (  # noqa: F401 - registers the handlers
    access_control,
    addresses,
    domains,
    groups,
    impersonation,
    mailboxes,
    membership,
    mobile_device_access,
    organizations,
    resources,
    users,
)
from workmail_mock.operations.registry import REGISTRY, Call, invoke

__all__ = ["REGISTRY", "Call", "invoke"]
