"""The workmail_mock internals that tests reach into, imported here and nowhere else in
tests (so that a change of the package's layout is remapped in this one place)."""

from __future__ import annotations

from workmail_mock import models, spec
from workmail_mock.models import WorkMailBackend
from workmail_mock.operations import REGISTRY
from workmail_mock.protocol import dispatcher, validator
from workmail_mock.state.directory import EntityDirectory, PrefixIndex, filtered_page
from workmail_mock.state.entities import User
from workmail_mock.state.store import OrderedStore, encode_token


def serves(operation: str) -> bool:
    """Whether the mock serves a model operation."""
    return operation in REGISTRY


def cold_validator() -> None:
    """Forget every compiled input check, as in a fresh process."""
    validator._compile_shape = validator._compiler()
    validator._checkers.clear()


def cold_backends() -> None:
    """Forget every account, and make the next ``backend_for`` set moto's region list
    again, as in a fresh process."""
    with models.LOCK:
        models.workmail_backends.wipe()
        models.workmail_backends._use_boto3_regions = True
        models.workmail_backends._additional_regions = None


__all__ = [
    "REGISTRY",
    "EntityDirectory",
    "OrderedStore",
    "PrefixIndex",
    "User",
    "WorkMailBackend",
    "cold_backends",
    "cold_validator",
    "dispatcher",
    "encode_token",
    "filtered_page",
    "models",
    "serves",
    "spec",
    "validator",
]
