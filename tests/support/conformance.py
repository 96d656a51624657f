"""Response conformance: every WorkMail response a test receives must fit the model.

Installed for the whole test session (see conftest): a botocore ``before-parse`` handler
checks the raw JSON body against the operation's output shape (types, required members,
no members outside the shape) and error bodies against the known error codes.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.model import Shape

from workmail_mock import spec
from workmail_mock.errors import (
    NotServedByWorkMailMock,
    common_error_classes,
    modelled_error_classes,
)
from workmail_mock.protocol.faults import RETRYABLE

#: workmail_mock.faults' retryable errors: AWS's front end may answer them to any call.
INJECTED = frozenset(RETRYABLE)
KNOWN_ERRORS = (
    frozenset(modelled_error_classes()) | frozenset(common_error_classes()) | INJECTED
)
#: AWS's common errors an operation may answer besides its own list; InternalFailure is
#: left out on purpose: it means a bug in the mock.
COMMON_ERRORS = frozenset({
    "ValidationException", "SerializationException", "AccessDeniedException",
    "UnrecognizedClientException",
}) | INJECTED
#: The mock's own code for what it does not serve (an operation or a region).
NOT_SERVED = NotServedByWorkMailMock.code


def allowed_errors(operation: str) -> frozenset[str]:
    """The error codes one operation may answer: its model list and the common ones."""
    return spec.errors_of(operation) | COMMON_ERRORS | {NOT_SERVED}

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "double": (int, float),
    "float": (int, float),
    "timestamp": (int, float),
    "blob": (str,),
}

violations: list[str] = []


def check_value(shape: Shape, value: Any, path: str, out: list[str]) -> None:
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            out.append(f"{path}: expected an object, got {value!r}")
            return
        members = shape.members  # type: ignore[attr-defined]
        for name in value:
            if name not in members:
                out.append(f"{path}.{name}: not a member of {shape.name}")
        for name in shape.required_members:  # type: ignore[attr-defined]
            if name not in value:
                out.append(f"{path}.{name}: required member missing")
        for name, item in value.items():
            if name in members:
                check_value(members[name], item, f"{path}.{name}", out)
    elif kind == "list":
        if not isinstance(value, list):
            out.append(f"{path}: expected a list, got {value!r}")
            return
        for i, item in enumerate(value):
            check_value(shape.member, item, f"{path}[{i}]", out)  # type: ignore[attr-defined]
    elif kind == "map":
        if not isinstance(value, dict):
            out.append(f"{path}: expected a map")
            return
        for k, v in value.items():
            check_value(shape.value, v, f"{path}[{k}]", out)  # type: ignore[attr-defined]
    else:
        expected = _TYPES.get(kind, (object,))
        if isinstance(value, bool) and bool not in expected:
            out.append(f"{path}: expected {kind}, got a boolean")
        elif not isinstance(value, expected):
            out.append(f"{path}: expected {kind}, got {value!r}")
        elif kind == "string" and getattr(shape, "enum", None) and value not in shape.enum:  # type: ignore[attr-defined]
            out.append(f"{path}: {value!r} is not in the enum of {shape.name}")


def check_response(operation_model: Any, status: int, body: bytes) -> list[str]:
    """What is wrong with one raw WorkMail response (empty when it conforms)."""
    out: list[str] = []
    name = operation_model.name
    try:
        data = json.loads(body) if body else {}
    except ValueError:
        return [f"{name}: body is not JSON: {body[:200]!r}"]
    if status >= 300:
        code = data.get("__type", "")
        if code not in KNOWN_ERRORS and code != NOT_SERVED:
            out.append(f"{name}: error code {code!r} is not known to the model")
        elif code not in allowed_errors(name):
            out.append(f"{name}: error code {code!r} is not in {name}'s model error list")
        if status >= 500 and code not in INJECTED:
            out.append(f"{name}: HTTP {status}: {data}")
        return out
    shape = operation_model.output_shape
    if shape is None:
        if data:
            out.append(f"{name}: expected an empty body, got {data}")
        return out
    check_value(shape, data, name, out)
    return out


def before_parse(operation_model: Any, response_dict: dict[str, Any], **_: Any) -> None:
    problems = check_response(
        operation_model, response_dict["status_code"], response_dict.get("body") or b""
    )
    violations.extend(problems)


def check_messageflow_response(
    operation_model: Any, status: int, headers: Any, body: Any
) -> list[str]:
    """What is wrong with one raw ``workmailmessageflow`` (rest-json) response: an error
    must be in the operation's model error list (or common), with the model's HTTP status
    and a body of just the lower-case ``message``; a success of an operation without a
    streaming payload must be a JSON body fitting the output shape."""
    name = operation_model.name
    out: list[str] = []
    if status >= 300:
        code = str(headers.get("x-amzn-errortype", "")).split(":", 1)[0]
        allowed = {s.name: s for s in operation_model.error_shapes}
        if code not in allowed and code not in COMMON_ERRORS:
            out.append(f"{name}: error code {code!r} is not in {name}'s model error list")
        elif code in allowed:
            expected = allowed[code].metadata.get("error", {}).get("httpStatusCode", 400)
            if status != expected:
                out.append(f"{name}: {code} answered HTTP {status}, the model says {expected}")
        data = json.loads(body) if isinstance(body, bytes) and body else {}
        if set(data) != {"message"}:
            out.append(f"{name}: error body {data} is not {{'message': ...}}")
        return out
    if operation_model.has_streaming_output:
        return out
    data = json.loads(body) if isinstance(body, bytes) and body else {}
    shape = operation_model.output_shape
    if shape is None and data:
        out.append(f"{name}: expected an empty body, got {data}")
    elif shape is not None:
        check_value(shape, data, name, out)
    return out


def before_parse_messageflow(
    operation_model: Any, response_dict: dict[str, Any], **_: Any
) -> None:
    violations.extend(
        check_messageflow_response(
            operation_model, response_dict["status_code"], response_dict.get("headers", {}),
            response_dict.get("body"),
        )
    )
