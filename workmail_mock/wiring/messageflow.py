"""The ways in for ``workmailmessageflow``: the same three as WorkMail's (in-process
``before-send`` hook inside ``mock_workmail``, moto's stubber under ``mock_aws`` through
``messageflow_urls``, and moto's server), all ending in ``protocol.restjson.handle``."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from botocore.awsrequest import AWSResponse

from workmail_mock import models, spec
from workmail_mock.protocol import restjson
from workmail_mock.protocol.context import account_of, credential_scope, region_of
from workmail_mock.wiring import scope, server
from workmail_mock.wiring.interception import _RawBody

SERVICE = spec.MESSAGEFLOW_SERVICE
URL_PATTERN = re.compile(r"https?://workmailmessageflow\.(.+)\.amazonaws\.com")
EVENT = "before-send.workmailmessageflow"
_HOST_REGION = re.compile(r"^https?://workmailmessageflow\.([a-z0-9-]+)\.amazonaws\.com")


def _region(headers: Any, url: str) -> str:
    """The signing region; else the one in a ``workmailmessageflow.REGION`` host."""
    if headers.get("authorization"):
        return region_of(headers, url)
    match = _HOST_REGION.match(url)
    return match.group(1) if match else region_of(headers, url)


def _handle(
    method: str, url: str, headers: Any, body: Any, states: Any = None
) -> Any:
    return restjson.handle(
        SERVICE, method, urllib.parse.urlsplit(url).path, body, _region(headers, url),
        account_of(headers), states=states,
    )


def before_send(request: Any, **_kwargs: Any) -> AWSResponse | None:
    """Answer a workmailmessageflow request in-process while a mock_workmail scope is open."""
    if not scope.answers_in_process():
        return None
    status, headers, body = _handle(request.method, request.url, request.headers, request.body)
    return AWSResponse(request.url, status, headers, _RawBody(body))  # type: ignore[arg-type, unused-ignore]


class MessageFlowResponse:
    """Adapts moto's ``(request, full_url, headers)`` calling convention."""

    @classmethod
    def dispatch(cls, request: Any, full_url: str, headers: Any) -> Any:
        lowered = {str(k).lower(): v for k, v in headers.items()}
        in_server = hasattr(request, "environ")  # a Flask/werkzeug request: moto's server
        data = getattr(request, "data", None) if in_server else getattr(request, "body", None)
        states = models.server_state if in_server else None
        return _handle(request.method, full_url, lowered, data, states)


def is_messageflow(environ: dict[str, Any]) -> bool:
    """A request signed for ``workmailmessageflow``, or sent to its host name."""
    found = credential_scope(environ.get("HTTP_AUTHORIZATION"))
    if found is not None:
        return bool(found[2] == SERVICE)
    return bool(environ.get("HTTP_HOST", "").startswith("workmailmessageflow."))


def answer(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Serve one workmailmessageflow request straight from the WSGI environ, from the
    server's own state, with the same guards as WorkMail's (``server.serve``)."""

    def handle(headers: dict[str, str], data: bytes) -> Any:
        path = urllib.parse.quote(environ.get("PATH_INFO", "/"))
        url = f"http://{environ.get('HTTP_HOST', 'localhost')}{path}"
        return _handle(
            environ.get("REQUEST_METHOD", "GET"), url, headers, data, models.server_state
        )

    return server.serve(environ, start_response, handle, restjson.error_response)
