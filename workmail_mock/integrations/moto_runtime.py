"""moto's clock, seedable random source and state manager, in the shape of
``state.runtime.Runtime`` (matched structurally: integrations and state don't import each
other)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from moto.core.utils import utcnow
from moto.moto_api import state_manager
from moto.moto_api._internal import mock_random
from moto.moto_api._internal.managed_state_model import ManagedState


class _Managed(ManagedState):
    """A ManagedState whose status is read by an explicit call."""

    def settle(self) -> str | None:
        status: str | None = self.status
        return status


class MotoRuntime:
    def __init__(self) -> None:
        self._registered: set[str] = set()

    def now(self) -> datetime.datetime:
        return utcnow()

    def random_hex(self, length: int) -> str:
        return str(mock_random.get_random_hex(length))

    def random_int(self, low: int, high: int) -> int:
        return int(mock_random.randint(low, high))

    def random_string(self, length: int) -> str:
        return str(mock_random.get_random_string(length=length))

    def random_bytes(self, count: int) -> bytes:
        return bytes(mock_random.getrandbits(8) for _ in range(count))

    def uuid4(self) -> str:
        return str(mock_random.uuid4())

    def progression(self, model: str, transitions: Sequence[tuple[str, str]]) -> _Managed:
        if model not in self._registered:
            state_manager.register_default_transition(model, {"progression": "immediate"})
            self._registered.add(model)
        steps: list[tuple[str | None, str]] = [(a, b) for a, b in transitions]
        return _Managed(model, steps)
