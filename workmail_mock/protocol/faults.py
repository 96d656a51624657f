"""Fault injection for resilience tests: chosen operations fail, or answer late.

::

    from workmail_mock import faults

    faults.inject("CreateUser", "ThrottlingException", times=2)   # then it succeeds
    faults.inject("ListUsers", "InternalServerError", probability=0.3, seed=7)
    faults.inject("DescribeUser", "EntityNotFoundException")       # an error the model declares
    faults.inject("*", latency=0.2)                                 # every operation, 200 ms late
    faults.clear()

An error is any error the model declares for the operation, or one that botocore retries:
``ThrottlingException`` (HTTP 400), ``InternalServerError`` (500), ``ServiceUnavailable``
(503). ``times`` limits how often a fault fires (None: every time); ``probability`` with
``seed`` makes it fire at random, reproducibly. A fault fires before validation, as AWS's
front end would. Faults are cleared when the outermost ``mock_workmail`` scope opens or
closes and on moto's reset; a moto server takes them at ``/_workmail_mock/faults``
(``workmail_mock.testing.inject_fault(..., endpoint_url=...)``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import random
import threading
import time
from collections.abc import Iterator
from typing import ClassVar

from workmail_mock import spec
from workmail_mock.errors import WorkMailError, modelled_error_classes


class InjectedFault(WorkMailError):
    """An error that ``faults.inject`` made up; not an error shape of the model."""

    modelled: ClassVar[bool] = False


class ThrottlingException(InjectedFault):
    """AWS's throttling error: botocore retries it (a throttling code)."""


class InternalServerError(InjectedFault):
    status: ClassVar[int] = 500


class ServiceUnavailable(InjectedFault):
    status: ClassVar[int] = 503


RETRYABLE: dict[str, type[InjectedFault]] = {
    cls.code: cls for cls in (ThrottlingException, InternalServerError, ServiceUnavailable)
}
ANY_OPERATION = "*"


@dataclasses.dataclass
class Fault:
    operation: str
    error: str | None
    message: str
    times: int | None
    probability: float
    latency: float
    seed: int | None
    fired: int = 0
    _random: random.Random = dataclasses.field(default_factory=random.Random, repr=False)

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def fires(self, operation: str) -> bool:
        if self.operation not in (operation, ANY_OPERATION):
            return False
        if self.times is not None and self.fired >= self.times:
            return False
        if self.probability < 1.0 and self._random.random() >= self.probability:
            return False
        self.fired += 1
        return True

    def exception(self) -> WorkMailError | None:
        if self.error is None:
            return None
        cls = RETRYABLE.get(self.error) or modelled_error_classes()[self.error]
        return cls(self.message)


_lock = threading.Lock()
_faults: list[Fault] = []


def inject(
    operation: str,
    error: str | None = None,
    *,
    times: int | None = None,
    probability: float = 1.0,
    seed: int | None = None,
    latency: float = 0.0,
    message: str | None = None,
) -> Fault:
    """Make ``operation`` (``"*"``: every operation) fail with ``error`` and/or answer
    ``latency`` seconds late. Returns the fault; its ``fired`` counts the requests it hit."""
    if operation != ANY_OPERATION and operation not in spec.operation_names():
        raise ValueError(f"WorkMail has no operation {operation!r}")
    if error is None and latency <= 0:
        raise ValueError("a fault needs an error or a latency")
    if error is not None and error not in RETRYABLE:
        declared = spec.errors_of(operation) if operation != ANY_OPERATION else frozenset()
        if error not in declared:
            allowed = sorted(RETRYABLE) + sorted(declared)
            raise ValueError(
                f"{operation} cannot fail with {error!r}; it can with {', '.join(allowed)}"
            )
    if times is not None and times < 1:
        raise ValueError("times must be at least 1 (or None: every time)")
    if not 0.0 < probability <= 1.0:
        raise ValueError("probability must be in (0, 1]")
    if message is None:
        message = "Rate exceeded" if error == ThrottlingException.code else (
            f"{error} injected by workmail_mock.faults"
        )
    fault = Fault(operation, error, message, times, probability, max(latency, 0.0), seed)
    with _lock:
        _faults.append(fault)
    return fault


def clear() -> None:
    """Forget every fault."""
    with _lock:
        _faults.clear()


def active() -> tuple[Fault, ...]:
    with _lock:
        return tuple(_faults)


@contextlib.contextmanager
def injected(
    operation: str, error: str | None = None, **options: object
) -> Iterator[Fault]:
    """``inject`` for the ``with`` block only."""
    fault = inject(operation, error, **options)  # type: ignore[arg-type]
    try:
        yield fault
    finally:
        with _lock, contextlib.suppress(ValueError):
            _faults.remove(fault)


def apply(operation: str) -> None:
    """Called by the dispatcher for every request: sleep and raise as the faults say."""
    if not _faults:
        return
    with _lock:
        hits = [fault for fault in _faults if fault.fires(operation)]
    delay = sum(fault.latency for fault in hits)
    if delay:
        time.sleep(delay)
    for fault in hits:
        error = fault.exception()
        if error is not None:
            raise error
