"""One request in, one response out: target -> validate -> backend method -> serialize.

Shared by the in-process interceptor and moto's server; both hand over the raw
pieces of an AWS JSON 1.1 request and get back ``(status, headers, body)``.
"""

from __future__ import annotations

import functools
import json
import traceback
import uuid
from typing import Any

from botocore import xform_name

from workmail_mock.exceptions import (
    InternalFailure,
    SerializationException,
    UnknownOperationException,
    UnsupportedOperationException,
    WorkMailError,
)
from workmail_mock.protocol import spec
from workmail_mock.protocol.serializer import encode, serialize
from workmail_mock.protocol.validator import validate

TARGET_PREFIX = "WorkMailService."
CONTENT_TYPE = "application/x-amz-json-1.1"

Response = tuple[int, dict[str, str], bytes]


@functools.cache
def _keywords(operation: str) -> dict[str, str]:
    shape = spec.operation_model(operation).input_shape
    return {name: xform_name(name) for name in shape.members} if shape is not None else {}


@functools.cache
def _method_name(operation: str) -> str:
    return str(xform_name(operation))


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
        params = validate(operation, _decode(body))
        from workmail_mock.models import backend_for  # the backend module imports moto lazily

        backend = backend_for(account, region)
        method = getattr(backend, _method_name(operation), None)
        if method is None:
            raise UnsupportedOperationException(
                f"workmail_mock does not support the operation {operation} yet; "
                "see the README for the supported operations"
            )
        keywords = _keywords(operation)
        kwargs = {keywords[name]: value for name, value in params.items()}
        with backend.lock:
            result = method(**kwargs)
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
                f"{where.filename}:{where.lineno}; please report it"
            )
        )
