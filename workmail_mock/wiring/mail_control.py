"""Test-only HTTP endpoint of a moto server running workmail_mock, not part of any AWS
API: ``POST /_workmail_mock/mail`` with a JSON body
``{"AccountId", "Region", "Action", ...}`` runs ``operations.mail.control`` on that
account's and region's state (``workmail_mock.testing`` posts here when given
``endpoint_url``). Errors answer ``{"__type", "message"}`` with the error's status.
"""

from __future__ import annotations

import json
from typing import Any

from workmail_mock.errors import WorkMailError

PATH = "/_workmail_mock/mail"


def is_control(environ: dict[str, Any]) -> bool:
    return bool(environ.get("PATH_INFO") == PATH and environ.get("REQUEST_METHOD") == "POST")


def answer(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    from workmail_mock.models import backend_for
    from workmail_mock.operations.mail import control
    from workmail_mock.state.region import LOCK

    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        request = json.loads(environ["wsgi.input"].read(length) or b"{}")
        with LOCK:
            payload = control(backend_for(request["AccountId"], request["Region"]), request)
        status = "200 OK"
    except WorkMailError as error:
        status = f"{error.status} Error"
        payload = {"__type": error.code, "message": error.message}
    except (ValueError, KeyError, TypeError) as error:
        status = "400 Bad Request"
        payload = {"__type": "ValidationException", "message": str(error)}
    body = json.dumps(payload).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
