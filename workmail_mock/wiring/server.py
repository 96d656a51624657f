"""The entry point moto's stubber and moto's server call for a WorkMail request.

moto's server answers from its own WorkMail state (``models.server_backends``), apart
from the in-process one that ``mock_workmail`` and ``mock_aws`` use."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from workmail_mock import models
from workmail_mock.errors import (
    AccessDeniedException,
    SerializationException,
    ValidationException,
    WorkMailError,
)
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
    """

    def handle(headers: dict[str, str], data: bytes) -> dispatcher.Response:
        host = environ.get("HTTP_HOST", "")
        return dispatcher.handle(
            headers.get("x-amz-target"), data, region_of(headers, f"http://{host}/"),
            account_of(headers), content_encoding=headers.get("content-encoding"),
            states=models.server_state,
        )

    return serve(environ, start_response, handle, dispatcher.error_response)


def serve(
    environ: dict[str, Any],
    start_response: Any,
    handle: Callable[[dict[str, str], bytes], dispatcher.Response],
    error_response: Callable[[WorkMailError], dispatcher.Response],
) -> list[bytes]:
    """The guards every request answered before moto's routing gets, whatever its
    protocol: a request sent by a web page of another origin (browsers send ``Origin``;
    SDKs never do) is refused before it is read, as moto's CORS answers any preflight
    and a page must not change a local server's state; the body is read with its bounds;
    HEAD gets the headers without a body."""
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
        status, out_headers, payload = error_response(error)
    else:
        status, out_headers, payload = handle(headers, data)
    out_headers["Content-Length"] = str(len(payload))
    if close:
        out_headers["Connection"] = "close"
    start_response(f"{status} {HTTPStatus(status).phrase}", list(out_headers.items()))
    if environ.get("REQUEST_METHOD") == "HEAD":
        return []
    return [payload]


#: Test-only control endpoints, not part of any AWS API: path -> what a JSON request does
#: there. ``workmail_mock.testing`` posts here when given ``endpoint_url``.
TOKENS_PATH = "/_workmail_mock/personal-access-tokens"
MAIL_PATH = "/_workmail_mock/mail"


def _issue_token(request: Any) -> dict[str, Any]:
    from workmail_mock.operations.tokens import issue_token, token_request

    checked = token_request(request)
    check_account(checked.account_id)
    token = issue_token(models.backend_for(checked.account_id, checked.region, server=True),
                        checked)
    return {"PersonalAccessTokenId": token["PersonalAccessTokenId"]}


def _mail(request: Any) -> dict[str, Any]:
    from workmail_mock.operations.mail import control

    if not isinstance(request, dict) or not isinstance(request.get("AccountId"), str) \
            or not isinstance(request.get("Region"), str):
        raise ValidationException("The request must be a JSON object with AccountId and Region")
    check_account(request["AccountId"])
    try:
        return control(models.backend_for(request["AccountId"], request["Region"], server=True),
                       request)
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationException(f"The mail control request is not valid: {error!r}") from None


def _inject_fault(request: Any) -> dict[str, Any]:
    from workmail_mock.protocol import faults

    if not isinstance(request, dict) or not isinstance(request.get("Operation"), str):
        raise ValidationException("The request must be a JSON object with an Operation")
    try:
        faults.inject(
            request["Operation"], request.get("Error"), times=request.get("Times"),
            probability=float(request.get("Probability", 1.0)), seed=request.get("Seed"),
            latency=float(request.get("Latency", 0.0)), message=request.get("Message"),
        )
    except (TypeError, ValueError) as error:
        raise ValidationException(f"The fault is not valid: {error}") from None
    return {"Faults": len(faults.active())}


def _clear_faults(request: Any) -> dict[str, Any]:
    from workmail_mock.protocol import faults

    faults.clear()
    return {}


def _dump_state(request: Any) -> dict[str, Any]:
    from workmail_mock import declarative

    return declarative.dump()


def _load_state(request: Any) -> dict[str, Any]:
    from workmail_mock import declarative

    try:
        declarative.load(request)
    except ValueError as error:
        raise ValidationException(str(error)[:2000]) from None
    return {}


#: Test-only control: ``workmail_mock.faults`` in the server (POST a fault, DELETE all).
FAULTS_PATH = "/_workmail_mock/faults"
#: The server's WorkMail state: GET dumps it, POST loads it (``workmail_mock.load``'s format).
STATE_PATH = "/_workmail_mock/state"

_CONTROLS: dict[tuple[str, str], Callable[[Any], dict[str, Any]]] = {
    (TOKENS_PATH, "POST"): _issue_token,
    (MAIL_PATH, "POST"): _mail,
    (FAULTS_PATH, "POST"): _inject_fault,
    (FAULTS_PATH, "DELETE"): _clear_faults,
    (STATE_PATH, "GET"): _dump_state,
    (STATE_PATH, "POST"): _load_state,
}


def is_control(environ: dict[str, Any]) -> bool:
    return (environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")) in _CONTROLS


def answer_control(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """A test-only control request, in the server's state, behind the same guards as the
    WorkMail endpoint (``serve``): a JSON body read with its bounds in, a JSON answer
    out; every refusal a JSON error (4xx), never a 500."""
    from workmail_mock.state.region import LOCK

    run = _CONTROLS[(environ["PATH_INFO"], environ["REQUEST_METHOD"])]

    def handle(headers: dict[str, str], data: bytes) -> dispatcher.Response:
        try:
            request = body.parse(data, headers.get("content-encoding"))
            with LOCK:
                answer = run(request)
        except WorkMailError as error:
            return dispatcher.error_response(error)
        return 200, {"Content-Type": "application/json"}, json.dumps(answer).encode()

    return serve(environ, start_response, handle, dispatcher.error_response)
