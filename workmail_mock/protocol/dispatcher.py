"""One request in, one response out: target -> validate -> registered operation -> serialize.

Shared by the in-process interceptor and moto's server; both hand over the raw
pieces of an AWS JSON 1.1 request and get back ``(status, headers, body)``.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable
from typing import Any

from workmail_mock import spec
from workmail_mock.errors import (
    InternalFailure,
    NotServedByWorkMailMock,
    UnknownOperationException,
    WorkMailError,
)
from workmail_mock.operations import REGISTRY, invoke
from workmail_mock.protocol import faults
from workmail_mock.protocol.body import parse as parse_body
from workmail_mock.protocol.context import check_account
from workmail_mock.protocol.serializer import encode, serialize
from workmail_mock.protocol.validator import validate
from workmail_mock.state.region import LOCK, RegionState

TARGET_PREFIX = "WorkMailService."
CONTENT_TYPE = "application/x-amz-json-1.1"

Response = tuple[int, dict[str, str], bytes]
StateSource = Callable[[str, str], RegionState]


def _no_state(account: str, region: str) -> RegionState:
    raise RuntimeError("workmail_mock is not registered: import workmail_mock first")


_state_for: StateSource = _no_state


def install_state_source(source: StateSource) -> None:
    """Where requests find the state of an account and region (moto's backends; set by
    ``workmail_mock.wiring.registration``)."""
    global _state_for
    _state_for = source


def operation_from_target(target: str | bytes | None) -> str:
    """The operation an ``X-Amz-Target`` header names, or UnknownOperationException."""
    if isinstance(target, bytes):
        target = target.decode("utf-8", "replace")
    if target and target.startswith(TARGET_PREFIX):
        name = target[len(TARGET_PREFIX):]
        if name in spec.operation_names():
            return name
    raise UnknownOperationException(
        f"X-Amz-Target {target if target is None else target[:100]!r} names no WorkMail operation "
        f"(expected '{TARGET_PREFIX}<Operation>')"
    )


def request_id() -> str:
    """A random id in UUID form, as AWS's request ids are (cheaper than ``uuid.uuid4``)."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"


def _headers() -> dict[str, str]:
    return {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": request_id()}


def error_response(error: WorkMailError) -> Response:
    body = json.dumps({"__type": error.code, "Message": error.message}).encode()
    headers = _headers()
    headers["x-amzn-ErrorType"] = error.code
    return error.status, headers, body


def handle(
    target: str | bytes | None,
    body: Any,
    region: str,
    account: str,
    content_encoding: str | None = None,
    states: StateSource | None = None,
) -> Response:
    """Answer one WorkMail request; never raises. ``body`` is whatever the way in has
    (bytes, str, a buffer or a stream): ``protocol.body`` reads it, with its bounds.
    ``states`` is where the state is (the installed source unless given: the server
    has its own)."""
    try:
        operation = operation_from_target(target)
        faults.apply(operation)  # resilience tests: workmail_mock.faults
        check_account(account)
        params = validate(operation, parse_body(body, content_encoding))
        payload = run(operation, params, (states or _state_for)(account, region))
        return 200, _headers(), encode(payload)
    except WorkMailError as error:
        return error_response(error)
    except Exception as exc:  # a bug in the mock: say so instead of leaking a traceback
        return error_response(internal_failure(exc))


def run(operation: str, params: dict[str, Any], state: RegionState) -> dict[str, Any]:
    """Invoke a validated request and serialize its answer, under the lock (the result
    may be a live domain object). Both protocols (JSON 1.1 here, rest-json) end here."""
    if operation not in REGISTRY:
        raise NotServedByWorkMailMock(
            f"workmail_mock does not serve the operation {operation} yet; "
            "see the README for the operations it serves"
        )
    with LOCK:
        return serialize(operation, invoke(operation, state, params))


def internal_failure(exc: Exception) -> InternalFailure:
    """A bug in the mock, said as such: the error, and where (a file name, no path)."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return InternalFailure(
        f"workmail_mock internal error ({type(exc).__name__}: {str(exc)[:200]}) at "
        f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno}; please report it"
    )


def state_for(account: str, region: str, states: StateSource | None = None) -> RegionState:
    """The state of an account and region: from ``states`` when given (moto's server has
    its own), else from the installed state source."""
    return (states or _state_for)(account, region)
