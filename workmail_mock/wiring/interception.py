"""In-process interception: a botocore ``before-send`` handler for WorkMail clients.

It is registered among botocore's built-in handlers, so every WorkMail client created
after ``import workmail_mock`` has it; it answers while a ``mock_workmail`` scope is open
and otherwise lets the request go on unchanged. Under moto's ``mock_aws`` it stays out
of the way: moto's stubber, which botocore calls as well, answers through
``workmail_mock.urls``, so each request runs exactly once.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from botocore.awsrequest import AWSResponse

from workmail_mock.protocol import dispatcher
from workmail_mock.protocol.context import account_of, region_of
from workmail_mock.wiring import scope

EVENT = "before-send.workmail"

#: WorkMail's AWS endpoints. A client built with another ``endpoint_url`` (a server of its
#: own) is left alone inside ``mock_workmail``, as moto's ``mock_aws`` leaves it.
AWS_ENDPOINT = re.compile(
    r"https?://workmail[.-][^/:]*\.(amazonaws\.com(\.cn)?|api\.aws)(:\d+)?(/|$)"
)


class _RawBody(BytesIO):
    """The ``raw`` of an AWSResponse: botocore reads it through ``stream()``."""

    def stream(self, **_kwargs: Any) -> Any:
        yield self.getvalue()


def before_send(request: Any, **_kwargs: Any) -> AWSResponse | None:
    """Answer a WorkMail request in-process while mocking is on."""
    if not scope.answers_in_process() or not AWS_ENDPOINT.match(request.url):
        return None
    headers = request.headers
    status, out_headers, body = dispatcher.handle(
        headers.get("x-amz-target"),
        request.body,
        region_of(headers, request.url),
        account_of(headers),
        content_encoding=headers.get("content-encoding"),
    )
    return AWSResponse(request.url, status, out_headers, _RawBody(body))  # type: ignore[arg-type, unused-ignore]
