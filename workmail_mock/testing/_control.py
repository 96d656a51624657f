"""Posting to a server's test-only control endpoints (``wiring/server.py``), shared by the
helpers that also work against a server (``endpoint_url``)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from workmail_mock.errors import (
    WorkMailError,
    common_error_classes,
    messageflow_error_classes,
    modelled_error_classes,
)

TOKENS_PATH = "/_workmail_mock/personal-access-tokens"
MAIL_PATH = "/_workmail_mock/mail"
FAULTS_PATH = "/_workmail_mock/faults"


def post(
    endpoint_url: str, path: str, request: dict[str, Any], method: str = "POST"
) -> dict[str, Any]:
    """The JSON answer of a control request; the error the server answered, raised as the
    same WorkMailError class it would be in-process."""
    call = urllib.request.Request(
        endpoint_url.rstrip("/") + path, data=json.dumps(request).encode(),
        headers={"Content-Type": "application/json"}, method=method,
    )
    try:
        with urllib.request.urlopen(call, timeout=10) as response:
            answer: dict[str, Any] = json.loads(response.read() or b"{}")
            return answer
    except urllib.error.HTTPError as error:
        body = json.loads(error.read() or b"{}")
        known = {
            **modelled_error_classes(), **common_error_classes(), **messageflow_error_classes()
        }
        message = body.get("Message") or body.get("message") or str(error)
        raise known.get(body.get("__type", ""), WorkMailError)(str(message)) from None
