"""The entry point moto's stubber and moto's server call for a WorkMail request."""

from __future__ import annotations

from typing import Any

from workmail_mock.protocol import dispatcher
from workmail_mock.protocol.context import account_of, region_of


def _body(request: Any) -> bytes | str | None:
    data = getattr(request, "data", None)  # a Flask/werkzeug request (server mode)
    if data is None:
        data = getattr(request, "body", None)  # a botocore request (moto's stubber)
    if hasattr(data, "read"):
        data = data.read()
    return data  # type: ignore[no-any-return]


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
