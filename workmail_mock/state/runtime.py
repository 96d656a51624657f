"""The one door through which state reaches the outside world: clock, random ids and
state progressions.

State objects never import moto. ``install`` puts in moto's implementation (seedable
random, ``utcnow``, the state manager's progressions); until then a plain one answers,
so the state layer also works, and is unit-tested, on its own.
"""

from __future__ import annotations

import datetime
import random
import threading
import uuid
from collections.abc import Sequence
from typing import Protocol


class Progression(Protocol):
    """A state machine whose pace the test chooses (moto's ``ManagedState``)."""

    def settle(self) -> str | None:
        """The status now; an immediate or time-based progression may move on here."""

    def advance(self) -> None:
        """Count one observation towards a manual progression."""


class Runtime(Protocol):
    def now(self) -> datetime.datetime: ...

    def random_hex(self, length: int) -> str: ...

    def random_int(self, low: int, high: int) -> int: ...

    def random_string(self, length: int) -> str: ...

    def random_bytes(self, count: int) -> bytes: ...

    def uuid4(self) -> str: ...

    def progression(self, model: str, transitions: Sequence[tuple[str, str]]) -> Progression: ...


class _Finished:
    """A progression that is over at once: its last status."""

    def __init__(self, transitions: Sequence[tuple[str, str]]) -> None:
        self._status = transitions[-1][1]

    def settle(self) -> str | None:
        return self._status

    def advance(self) -> None:
        return None


class PlainRuntime:
    """The stand-in used before moto's runtime is installed (unit tests)."""

    def __init__(self) -> None:
        self._random = random.Random(0)
        self._lock = threading.Lock()

    def now(self) -> datetime.datetime:
        return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)

    def random_hex(self, length: int) -> str:
        with self._lock:
            return "".join(self._random.choice("0123456789abcdef") for _ in range(length))

    def random_int(self, low: int, high: int) -> int:
        with self._lock:
            return self._random.randint(low, high)

    def random_string(self, length: int) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        with self._lock:
            return "".join(self._random.choice(alphabet) for _ in range(length))

    def random_bytes(self, count: int) -> bytes:
        with self._lock:
            return bytes(self._random.getrandbits(8) for _ in range(count))

    def uuid4(self) -> str:
        with self._lock:
            return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def progression(self, model: str, transitions: Sequence[tuple[str, str]]) -> Progression:
        return _Finished(transitions)


_current: Runtime = PlainRuntime()


def install(runtime: Runtime) -> None:
    """Use ``runtime`` from now on (``workmail_mock.wiring.registration`` installs moto's)."""
    global _current
    _current = runtime


def current() -> Runtime:
    return _current
