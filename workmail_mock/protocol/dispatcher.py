"""One request in, one response out: target -> validate -> registered operation -> serialize.

Shared by the in-process interceptor and moto's server; both hand over the raw
pieces of an AWS JSON 1.1 request and get back ``(status, headers, body)``.
"""

from __future__ import annotations

import json
import traceback
import uuid
from collections.abc import Callable
from typing import Any

from workmail_mock import spec
from workmail_mock.errors import (
    InternalFailure,
    NotServedByWorkMailMock,
    SerializationException,
    UnknownOperationException,
    WorkMailError,
)
from workmail_mock.operations import REGISTRY, invoke
from workmail_mock.protocol import faults
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
        f"X-Amz-Target {target!r} names no WorkMail operation "
        f"(expected '{TARGET_PREFIX}<Operation>')"
    )


def _decode(body: bytes | str | None) -> Any:
    if not body:
        return {}
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SerializationException(f"The request body is not valid JSON: {exc}") from None


def _headers() -> dict[str, str]:
    return {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": str(uuid.uuid4())}


def error_response(error: WorkMailError) -> Response:
    body = json.dumps({"__type": error.code, "Message": error.message}).encode()
    headers = _headers()
    headers["x-amzn-ErrorType"] = error.code
    return error.status, headers, body


def handle(
    target: str | bytes | None, body: bytes | str | None, region: str, account: str
) -> Response:
    """Answer one WorkMail request; never raises."""
    try:
        operation = operation_from_target(target)
        faults.apply(operation)  # resilience tests: workmail_mock.faults
        params = validate(operation, _decode(body))
        state = _state_for(account, region)
        if operation not in REGISTRY:
            raise NotServedByWorkMailMock(
                f"workmail_mock does not serve the operation {operation} yet; "
                "see the README for the operations it serves"
            )
        with LOCK:
            result = invoke(operation, state, params)
            # Serialize under the lock: the result may be a live domain object.
            payload = serialize(operation, result)
        return 200, _headers(), encode(payload)
    except WorkMailError as error:
        return error_response(error)
    except Exception as exc:  # a bug in the mock: say so instead of leaking a traceback
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return error_response(
            InternalFailure(
                f"workmail_mock internal error ({type(exc).__name__}: {exc}) at "
                f"{where.filename.rsplit('/', 1)[-1]}:{where.lineno}; please report it"
            )
        )
