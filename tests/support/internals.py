"""The workmail_mock internals that tests reach into, imported here and nowhere else in
tests (so that a change of the package's layout is remapped in this one place)."""

from __future__ import annotations

from workmail_mock.backend.store import OrderedStore, encode_token
from workmail_mock.models import WorkMailBackend
from workmail_mock.protocol import dispatcher, spec

__all__ = ["OrderedStore", "WorkMailBackend", "dispatcher", "encode_token", "spec"]
