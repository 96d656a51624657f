"""The entry point moto's stubber and moto's server call for a WorkMail request.

moto's server answers from its own WorkMail state (``models.server_backends``), apart
from the in-process one that ``mock_workmail`` and ``mock_aws`` use."""

from __future__ import annotations

import ipaddress
import json
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from workmail_mock import models
from workmail_mock.errors import AccessDeniedException, SerializationException, WorkMailError
from workmail_mock.protocol import body, dispatcher
from workmail_mock.protocol.context import (
    account_of,
    check_account,
    credential_scope,
    region_of,
)


class WorkMailResponse:
    """Adapts moto's ``(request, full_url, headers)`` calling convention."""

    @classmethod
    def dispatch(cls, request: Any, full_url: str, headers: Any) -> dispatcher.Response:
        headers = {str(k).lower(): v for k, v in headers.items()}
        in_server = hasattr(request, "environ")  # a Flask/werkzeug request: moto's server
        data = getattr(request, "data", None) if in_server else getattr(request, "body", None)
        return dispatcher.handle(
            headers.get("x-amz-target"),
            data,
            region_of(headers, full_url),
            account_of(headers),
            content_encoding=headers.get("content-encoding"),
            states=models.server_state if in_server else None,
        )


def is_workmail(environ: dict[str, Any]) -> bool:
    """A request for WorkMail: its X-Amz-Target names the WorkMail service, or it is
    signed for the ``workmail`` service."""
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("WorkMailService"):
        return True
    scope = credential_scope(environ.get("HTTP_AUTHORIZATION"))
    return scope is not None and scope[2] == "workmail"


def _loopback(origin: str) -> bool:
    """Whether an Origin names a page on this machine: its hostname is ``localhost`` or
    an IP address ``ipaddress`` calls loopback (``127.0.0.0/8``, ``::1``). A name that
    merely starts with ``127.`` (``127.evil.com``) is not."""
    try:
        host = urlsplit(origin).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_origin(headers: dict[str, Any]) -> None:
    """Refuse a request a web page of another origin sent (browsers send ``Origin``; SDKs
    never do): moto's CORS answers any preflight, and a page must not change a local
    server's state."""
    origin = headers.get("origin")
    if origin is not None and not _loopback(origin):
        raise AccessDeniedException(
            f"workmail_mock refuses cross-origin requests (Origin {origin[:100]!r}); "
            "only pages served from a loopback address may call it"
        )


def _headers(environ: dict[str, Any]) -> dict[str, Any]:
    return {
        key[5:].replace("_", "-").lower(): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }


def _read(environ: dict[str, Any]) -> bytes:
    """The body, bounded: a Content-Length is checked before anything is read, and a
    chunked body (werkzeug dechunks it) is read to its end, at most the limit."""
    stream = environ["wsgi.input"]
    raw_length = (environ.get("CONTENT_LENGTH") or "").strip()
    if environ.get("wsgi.input_terminated") or (
        not raw_length and "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    ):
        return body.read_stream(stream)
    if not raw_length:
        return b""
    if not raw_length.isascii() or not raw_length.isdigit():
        raise SerializationException(f"The Content-Length {raw_length[:40]!r} is not valid")
    if len(raw_length) > 12:  # clearly more than the limit; don't make a huge int
        raise body.too_large(raw_length[:40])
    return body.read_stream(stream, int(raw_length))


def answer(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Serve one WorkMail request straight from the WSGI environ.

    moto's router lists its service folders on disk twice per request to find a backend
    (and reads form bodies of unsigned requests before that); skipping it and Flask for
    WorkMail makes a call several times cheaper and keeps odd bodies away from it.

    A request sent by a web page of another origin (browsers send ``Origin``; SDKs never
    do) is refused before it is read: moto's CORS answers any preflight, and WorkMail must
    not let a page change a local server's state. HEAD gets the headers without a body.
    """
    headers = _headers(environ)
    close = False
    try:
        _check_origin(headers)
        try:
            data = _read(environ)
        except WorkMailError:
            close = True  # the rest of the body stays unread: don't reuse the connection
            raise
    except WorkMailError as error:
        status, out_headers, payload = dispatcher.error_response(error)
    else:
        host = environ.get("HTTP_HOST", "")
        status, out_headers, payload = dispatcher.handle(
            headers.get("x-amz-target"), data, region_of(headers, f"http://{host}/"),
            account_of(headers), content_encoding=headers.get("content-encoding"),
            states=models.server_state,
        )
    out_headers["Content-Length"] = str(len(payload))
    if close:
        out_headers["Connection"] = "close"
    start_response(f"{status} {HTTPStatus(status).phrase}", list(out_headers.items()))
    if environ.get("REQUEST_METHOD") == "HEAD":
        return []
    return [payload]


#: Test-only control, not part of the WorkMail API: ``workmail_mock.testing.
#: issue_personal_access_token(..., endpoint_url=...)`` posts here.
TOKENS_PATH = "/_workmail_mock/personal-access-tokens"


def is_control(environ: dict[str, Any]) -> bool:
    return bool(
        environ.get("PATH_INFO") == TOKENS_PATH and environ.get("REQUEST_METHOD") == "POST"
    )


def answer_control(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Issue a personal access token in the server's state (body: the helper's JSON).

    The same protections as the WorkMail endpoint (``answer``): a page of another origin
    is refused, the body is read with ``protocol/body.py``'s bounds and the account id
    must be 12 digits; the request is checked by ``operations.tokens.token_request``, as
    the in-process helper's. Every refusal is a JSON error (4xx), never a 500."""
    from workmail_mock.operations.tokens import issue_token, token_request
    from workmail_mock.state.region import LOCK

    headers = _headers(environ)
    close = False
    try:
        _check_origin(headers)
        try:
            data = _read(environ)
        except WorkMailError:
            close = True
            raise
        request = token_request(body.parse(data, headers.get("content-encoding")))
        check_account(request.account_id)
        with LOCK:
            token = issue_token(
                models.backend_for(request.account_id, request.region, server=True), request
            )
    except WorkMailError as error:
        status, out_headers, payload = dispatcher.error_response(error)
    else:
        status, out_headers = 200, {"Content-Type": "application/json"}
        payload = json.dumps({"PersonalAccessTokenId": token["PersonalAccessTokenId"]}).encode()
    out_headers["Content-Length"] = str(len(payload))
    if close:
        out_headers["Connection"] = "close"
    start_response(f"{status} {HTTPStatus(status).phrase}", list(out_headers.items()))
    return [payload]
