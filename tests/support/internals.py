"""The workmail_mock internals that tests reach into, imported here and nowhere else in
tests (so that a change of the package's layout is remapped in this one place)."""

from __future__ import annotations

from workmail_mock import spec
from workmail_mock.models import WorkMailBackend
from workmail_mock.operations import REGISTRY
from workmail_mock.protocol import dispatcher
from workmail_mock.state.store import OrderedStore, encode_token


def serves(operation: str) -> bool:
    """Whether the mock serves a model operation."""
    return operation in REGISTRY


__all__ = [
    "REGISTRY", "OrderedStore", "WorkMailBackend", "dispatcher", "encode_token", "serves", "spec",
]
