"""The entry point moto's stubber and moto's server call for a WorkMail request."""

from __future__ import annotations

from typing import Any

from workmail_mock.protocol import dispatcher
from workmail_mock.protocol.context import account_of, credential_scope, region_of


def _body(request: Any) -> bytes | str | None:
    data = getattr(request, "data", None)  # a Flask/werkzeug request (server mode)
    if data is None:
        data = getattr(request, "body", None)  # a botocore request (moto's stubber)
    read = getattr(data, "read", None)
    if read is not None:
        data = read()
    return data  # type: ignore[no-any-return, unused-ignore]


class WorkMailResponse:
    """Adapts moto's ``(request, full_url, headers)`` calling convention."""

    @classmethod
    def dispatch(cls, request: Any, full_url: str, headers: Any) -> dispatcher.Response:
        headers = {str(k).lower(): v for k, v in headers.items()}
        return dispatcher.handle(
            headers.get("x-amz-target"),
            _body(request),
            region_of(headers, full_url),
            account_of(headers),
        )


def is_workmail(environ: dict[str, Any]) -> bool:
    """A request for WorkMail: its X-Amz-Target names the WorkMail service, or it is
    signed for the ``workmail`` service."""
    if environ.get("HTTP_X_AMZ_TARGET", "").startswith("WorkMailService"):
        return True
    scope = credential_scope(environ.get("HTTP_AUTHORIZATION"))
    return scope is not None and scope[2] == "workmail"


def answer(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Serve one WorkMail request straight from the WSGI environ.

    moto's router lists its service folders on disk twice per request to find a backend
    (and reads form bodies of unsigned requests before that); skipping it and Flask for
    WorkMail makes a call several times cheaper and keeps odd bodies away from it.
    """
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    if environ.get("HTTP_CONTENT_ENCODING", "").lower() == "gzip":
        import gzip

        try:
            body = gzip.decompress(body)
        except (OSError, EOFError):
            pass  # left as is: the dispatcher answers SerializationException
    headers = {
        key[5:].replace("_", "-").lower(): value
        for key, value in environ.items()
        if key.startswith("HTTP_")
    }
    host = environ.get("HTTP_HOST", "")
    status, out_headers, payload = dispatcher.handle(
        headers.get("x-amz-target"), body, region_of(headers, f"http://{host}/"),
        account_of(headers),
    )
    out_headers["Content-Length"] = str(len(payload))
    start_response(f"{status} {'OK' if status == 200 else 'Bad Request'}",
                   list(out_headers.items()))
    return [payload]


#: Test-only control, not part of the WorkMail API: ``workmail_mock.testing.
#: issue_personal_access_token(..., endpoint_url=...)`` posts here.
TOKENS_PATH = "/_workmail_mock/personal-access-tokens"


#: Test-only control: ``workmail_mock.faults`` in the server (POST a fault, DELETE all).
FAULTS_PATH = "/_workmail_mock/faults"
#: The server's WorkMail state: GET dumps it, POST loads it (``workmail_mock.load``'s format).
STATE_PATH = "/_workmail_mock/state"


def is_control(environ: dict[str, Any]) -> bool:
    method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO")
    return bool(
        (path == TOKENS_PATH and method == "POST")
        or (path == FAULTS_PATH and method in ("POST", "DELETE"))
        or (path == STATE_PATH and method in ("GET", "POST"))
    )


def answer_control(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Issue a personal access token in the server's state (body: the helper's JSON)."""
    import json

    from workmail_mock.errors import WorkMailError
    from workmail_mock.models import backend_for
    from workmail_mock.operations.tokens import issue_token
    from workmail_mock.state.region import LOCK

    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = json.loads(environ["wsgi.input"].read(length) or b"{}")
        if environ.get("PATH_INFO") == STATE_PATH:
            from workmail_mock import declarative

            if environ.get("REQUEST_METHOD") == "GET":
                payload = declarative.dump()
            else:
                declarative.load(request)
                payload = {}
            body = json.dumps(payload).encode()
            start_response("200 OK", [("Content-Type", "application/json"),
                                      ("Content-Length", str(len(body)))])
            return [body]
        if environ.get("PATH_INFO") == FAULTS_PATH:
            from workmail_mock.protocol import faults

            if environ.get("REQUEST_METHOD") == "DELETE":
                faults.clear()
                payload = {}
            else:
                faults.inject(
                    request["Operation"], request.get("Error"), times=request.get("Times"),
                    probability=float(request.get("Probability", 1.0)),
                    seed=request.get("Seed"), latency=float(request.get("Latency", 0.0)),
                    message=request.get("Message"),
                )
                payload = {"Faults": len(faults.active())}
            body = json.dumps(payload).encode()
            start_response("200 OK", [("Content-Type", "application/json"),
                                      ("Content-Length", str(len(body)))])
            return [body]
        with LOCK:
            token = issue_token(
                backend_for(request["AccountId"], request["Region"]),
                request["OrganizationId"], request["UserId"], request["Name"],
                list(request["Scopes"]), request.get("LifetimeInDays"),
            )
        status, payload = "200 OK", {"PersonalAccessTokenId": token["PersonalAccessTokenId"]}
    except WorkMailError as error:
        status, payload = "400 Bad Request", {"__type": error.code, "message": error.message}
    except (ValueError, KeyError, TypeError) as error:
        status = "400 Bad Request"
        payload = {"__type": "ValidationException", "message": str(error)}
    body = json.dumps(payload).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
