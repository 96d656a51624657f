"""moto's Directory Service: the directories an organization can be created on."""

from __future__ import annotations

import dataclasses
from typing import Any

from workmail_mock.integrations import backend_in_use

#: Directory Service types (moto ds names) -> the DirectoryType WorkMail reports.
_DIRECTORY_TYPES = {
    "SimpleAD": "SimpleAD",
    "ADConnector": "ADConnector",
    "MicrosoftAD": "MicrosoftAD",
}


@dataclasses.dataclass(frozen=True)
class Directory:
    id: str
    alias: str
    stage: str
    #: the DirectoryType WorkMail reports for it
    workmail_type: str
    is_ad_connector: bool


def _backend(account_id: str, region: str) -> Any:
    return backend_in_use("moto.ds.models", "ds_backends", account_id, region)


def find(account_id: str, region: str, directory_id: str) -> Directory | None:
    backend = _backend(account_id, region)
    directory = getattr(backend, "directories", {}).get(directory_id)
    if directory is None:
        return None
    kind = str(directory.directory_type)
    return Directory(
        id=directory_id,
        alias=str(directory.alias),
        stage=str(directory.stage),
        workmail_type=_DIRECTORY_TYPES.get(kind, kind),
        is_ad_connector=kind == "ADConnector",
    )


def exists(account_id: str, region: str, directory_id: str) -> bool:
    return directory_id in getattr(_backend(account_id, region), "directories", {})


def delete(account_id: str, region: str, directory_id: str) -> None:
    """DeleteOrganization's DeleteDirectory: the directory goes from moto's DS too."""
    backend = _backend(account_id, region)
    if backend is not None and directory_id in backend.directories:
        backend.delete_directory(directory_id)
