"""Each request runs exactly once, whichever scopes are open (botocore calls every
``before-send`` handler, moto's stubber included)."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from tests.support.internals import dispatcher
from workmail_mock import mock_workmail


@pytest.mark.parametrize("scopes", ["workmail", "aws", "workmail+aws", "aws+workmail"])
def test_a_request_is_dispatched_once(scopes: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = dispatcher.handle

    def counting(*args: object, **kwargs: object) -> dispatcher.Response:
        calls.append(str(args[0]))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dispatcher, "handle", counting)
    managers = {"workmail": mock_workmail, "aws": mock_aws}
    outer, _, inner = scopes.partition("+")
    with managers[outer]():
        if inner:
            with managers[inner]():
                boto3.client("workmail", region_name="us-east-1").list_organizations()
        else:
            boto3.client("workmail", region_name="us-east-1").list_organizations()
    assert len(calls) == 1, calls
