"""The before-send floor shared by the per-call bench scripts: a boto3 client answered with
the exact bytes workmail_mock returns, without running the mock."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
from botocore import xform_name
from botocore.awsrequest import AWSResponse

from workmail_mock.wiring.interception import EVENT, _RawBody, before_send


def raw_body(client: Any, operation: str, **params: Any) -> bytes:
    """The exact body the mock answers for a call."""
    captured: dict[str, bytes] = {}

    def keep(response_dict: dict[str, Any], **_: Any) -> None:
        captured["body"] = response_dict["body"]

    client.meta.events.register(f"before-parse.workmail.{operation}", keep)
    getattr(client, xform_name(operation))(**params)
    client.meta.events.unregister(f"before-parse.workmail.{operation}", keep)
    return captured["body"]


def canned_client(bodies: dict[str, bytes], region: str = "us-east-1") -> Any:
    """A client answered with ``bodies`` (by operation) from a ``before-send`` handler.
    botocore calls every before-send handler, so the mock's own is unregistered from it."""
    client = boto3.client("workmail", region_name=region)

    def answer(operation: str) -> Callable[..., AWSResponse]:
        def handler(request: Any, **_: Any) -> AWSResponse:
            return AWSResponse(request.url, 200, {"Content-Type": "application/x-amz-json-1.1"},
                               _RawBody(bodies[operation]))  # type: ignore[arg-type]
        return handler

    for operation in bodies:
        client.meta.events.register_first(f"before-send.workmail.{operation}", answer(operation))
    client.meta.events.unregister(EVENT, before_send)
    return client
