"""Checks that tie an organization to its directory before entities are written."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from workmail_mock.exceptions import DirectoryUnavailableException, UnsupportedOperationException

if TYPE_CHECKING:
    from workmail_mock.backend.organizations import Organization


def check_writable(org: Organization, account_id: str, region: str) -> None:
    """Entities can be created only in a directory WorkMail may write to.

    An AD Connector directory is read-only for WorkMail (users and groups come from the
    on-premises AD): UnsupportedOperationException. A Directory Service directory that
    was deleted since the organization was created: DirectoryUnavailableException.
    """
    if org.external_directory and org.directory_type == "ADConnector":
        raise UnsupportedOperationException(
            f"Organization {org.id} uses AD Connector directory {org.directory_id}, which is "
            "read-only for WorkMail: manage users and groups in your Active Directory"
        )
    check_directory_available(org, account_id, region)


def check_directory_available(org: Organization, account_id: str, region: str) -> None:
    """DirectoryUnavailableException when the organization's Directory Service directory
    was deleted since the organization was created."""
    if not org.external_directory:
        return
    module = sys.modules.get("moto.ds.models")
    directories = module.ds_backends[account_id][region].directories if module else {}
    if org.directory_id not in directories:
        raise DirectoryUnavailableException(
            f"Directory {org.directory_id} of organization {org.id} is no longer available"
        )


def check_not_read_only(org: Organization, operation: str) -> None:
    """An AD Connector directory is read-only for WorkMail: UnsupportedOperationException."""
    if org.external_directory and org.directory_type == "ADConnector":
        raise UnsupportedOperationException(
            f"{operation} is not supported for organization {org.id}: it uses AD Connector "
            f"directory {org.directory_id}, which is read-only for WorkMail"
        )
