"""The rest-json front end, for ``workmailmessageflow``: method and path -> operation ->
the same validator, operation registry and serializer as WorkMail's JSON 1.1.

What rest-json adds, read from the operation's model:
- the operation is found by HTTP method and ``requestUri`` (``/messages/{messageId}``);
- members with ``location: uri`` come from path labels (URL-decoded), the other input
  members from the JSON body; together they are one input structure for ``validate``;
- an output shape with a ``payload`` member of type blob (``streaming``) is answered as
  the raw bytes of that member (GetRawMessageContent's MIME), otherwise as JSON;
- errors carry ``message`` in lower case, as this model's error shapes have it, and the
  HTTP status of the error shape (404 for ResourceNotFoundException).
"""

from __future__ import annotations

import functools
import json
import re
import urllib.parse
from typing import Any

from workmail_mock import spec
from workmail_mock.errors import (
    UnknownOperationException,
    WorkMailError,
)
from workmail_mock.protocol import body as body_reader
from workmail_mock.protocol.context import check_account
from workmail_mock.protocol.dispatcher import (
    Response,
    StateSource,
    internal_failure,
    request_id,
    run,
    state_for,
)
from workmail_mock.protocol.serializer import encode
from workmail_mock.protocol.validator import validate

_LABEL = re.compile(r"\{([^}+]+)\+?\}")


@functools.cache
def _routes(service: str) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(method, path pattern, operation) for each operation of a rest-json model."""
    model = spec.service_model(service)
    routes = []
    for name in model.operation_names:
        http = model.operation_model(name).http
        path = http["requestUri"].split("?", 1)[0]
        pattern = "^" + _LABEL.sub(
            lambda m: f"(?P<{m.group(1)}>[^/]+)", re.escape(path).replace(r"\{", "{")
            .replace(r"\}", "}")
        ) + "/?$"
        routes.append((http["method"], re.compile(pattern), name))
    return tuple(routes)


def route(service: str, method: str, path: str) -> tuple[str, dict[str, str]]:
    """The operation and its path labels, or UnknownOperationException."""
    for verb, pattern, name in _routes(service):
        match = pattern.match(path)
        if match is not None and verb == method.upper():
            labels = {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
            return name, labels
    raise UnknownOperationException(f"{method} {path} names no {service} operation")


def _label_members(operation: str) -> dict[str, str]:
    """Path label name -> input member name."""
    shape = spec.operation_model(operation).input_shape
    if shape is None:
        return {}
    return {
        str(member.serialization.get("name", name)): str(name)
        for name, member in spec.members_of(shape).items()
        if member.serialization.get("location") == "uri"
    }


def _input(operation: str, labels: dict[str, str], body: bytes | str | None) -> Any:
    params: Any = body_reader.parse(body)  # bounded in size and nesting, as for WorkMail
    if not isinstance(params, dict):
        return params  # the validator answers the wrong type
    members = _label_members(operation)
    for label, value in labels.items():
        params[members.get(label, label)] = value
    return params


def _headers(content_type: str) -> dict[str, str]:
    return {"Content-Type": content_type, "x-amzn-RequestId": request_id()}


def error_response(error: WorkMailError) -> Response:
    body = json.dumps({"message": error.message}).encode()
    headers = _headers("application/json")
    headers["x-amzn-ErrorType"] = error.code
    return error.status, headers, body


def _respond(operation: str, payload: dict[str, Any]) -> Response:
    shape = spec.operation_model(operation).output_shape
    member = shape.serialization.get("payload") if shape is not None else None
    if shape is not None and member is not None:
        kind = spec.members_of(shape)[member].type_name
        if kind == "blob":
            data = payload.get(member) or b""
            return 200, _headers("application/octet-stream"), bytes(data)
        return 200, _headers("application/json"), json.dumps(payload.get(member, {})).encode()
    return 200, _headers("application/json"), encode(payload)


def handle(
    service: str, method: str, path: str, body: bytes | str | None, region: str, account: str,
    states: StateSource | None = None,
) -> Response:
    """Answer one rest-json request of ``service``; never raises. ``states`` as for
    ``dispatcher.handle``."""
    try:
        operation, labels = route(service, method, urllib.parse.urlsplit(path).path)
        check_account(account)
        params = validate(operation, _input(operation, labels, body))
        payload = run(operation, params, state_for(account, region, states))
        return _respond(operation, payload)
    except WorkMailError as error:
        return error_response(error)
    except Exception as exc:  # a bug in the mock: say so instead of leaking a traceback
        return error_response(internal_failure(exc))
