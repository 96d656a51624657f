"""``responses``-level interception: WorkMail URLs requested with ``requests`` (tools that
sign their requests by hand, not through botocore) are answered in-process while a
``mock_workmail`` scope is open. Every other URL passes through untouched.

botocore's own requests never get here: the ``before-send`` handler
(``wiring.interception``) answers them first. Under moto's ``mock_aws``, moto's own
``responses`` mock is in charge and this one is not started.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import responses

from workmail_mock.protocol import dispatcher
from workmail_mock.protocol.context import account_of, region_of

WORKMAIL_URL = re.compile(r"https?://workmail\.[a-z0-9-]+\.amazonaws\.com(:\d+)?(/.*)?$")
_lock = threading.Lock()
_mock: responses.RequestsMock | None = None


def _answer(request: Any) -> tuple[int, dict[str, str], bytes]:
    headers = request.headers
    status, out_headers, body = dispatcher.handle(
        headers.get("X-Amz-Target"), request.body, region_of(headers, request.url),
        account_of(headers),
    )
    return status, dict(out_headers), body


def start() -> None:
    global _mock
    with _lock:
        if _mock is not None:
            return
        mock = responses.RequestsMock(assert_all_requests_are_fired=False)
        for method in (responses.POST, responses.GET, responses.PUT, responses.DELETE):
            mock.add_callback(method, WORKMAIL_URL, callback=_answer)
        mock.add_passthru(re.compile(r".*"))
        mock.start()
        _mock = mock


def stop() -> None:
    global _mock
    with _lock:
        if _mock is None:
            return
        _mock.stop()
        _mock.reset()
        _mock = None
