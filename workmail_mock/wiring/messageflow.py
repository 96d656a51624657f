"""The ways in for ``workmailmessageflow``: the same three as WorkMail's (in-process
``before-send`` hook inside ``mock_workmail``, moto's stubber under ``mock_aws`` through
``messageflow_urls``, and moto's server), all ending in ``protocol.restjson.handle``."""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from botocore.awsrequest import AWSResponse

from workmail_mock import spec
from workmail_mock.protocol import restjson
from workmail_mock.protocol.context import account_of, credential_scope, region_of
from workmail_mock.wiring import scope
from workmail_mock.wiring.interception import _RawBody
from workmail_mock.wiring.server import _body

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


def _handle(method: str, url: str, headers: Any, body: bytes | str | None) -> Any:
    return restjson.handle(
        SERVICE, method, urllib.parse.urlsplit(url).path, body, _region(headers, url),
        account_of(headers),
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
        return _handle(request.method, full_url, lowered, _body(request))


def is_messageflow(environ: dict[str, Any]) -> bool:
    """A request signed for ``workmailmessageflow``, or sent to its host name."""
    found = credential_scope(environ.get("HTTP_AUTHORIZATION"))
    if found is not None:
        return bool(found[2] == SERVICE)
    return bool(environ.get("HTTP_HOST", "").startswith("workmailmessageflow."))


def answer(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Serve one workmailmessageflow request straight from the WSGI environ."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    headers = {
        key[5:].replace("_", "-").lower(): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    path = urllib.parse.quote(environ.get("PATH_INFO", "/"))
    url = f"http://{environ.get('HTTP_HOST', 'localhost')}{path}"
    status, out_headers, payload = _handle(
        environ.get("REQUEST_METHOD", "GET"), url, headers, body
    )
    out_headers["Content-Length"] = str(len(payload))
    reason = {200: "OK", 404: "Not Found"}.get(status, "Bad Request")
    start_response(f"{status} {reason}", list(out_headers.items()))
    return [payload]
