"""Thin handlers, one module per API area, registered with what they need
(``operations.registry``). Importing this package registers every served operation."""

from workmail_mock.operations import (  # noqa: F401 - registers the handlers
    access_control,
    addresses,
    availability,
    dmarc,
    domains,
    exports,
    groups,
    identity,
    impersonation,
    mailboxes,
    membership,
    messageflow,
    mobile_device_access,
    monitoring,
    organizations,
    resources,
    retention,
    tags,
    tokens,
    users,
)
from workmail_mock.operations.registry import REGISTRY, Call, invoke

__all__ = ["REGISTRY", "Call", "invoke"]
