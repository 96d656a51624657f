"""Shared fixtures: every behaviour test runs in-process and against moto's server.

- ``client``: a boto3 WorkMail client, parametrized over the ways in: ``inprocess``
  (inside ``mock_workmail``) and ``server`` (a ThreadedMotoServer with WorkMail
  registered, reset before each test through ``/moto-api/reset``).
- ``org``: the id of a fresh Active organization (alias ``testorg``).
- ``raises(code, message)``: asserts a ClientError's ``Code`` and ``Message``.
Every response the tests receive is checked against the model (``tests/support/conformance.py``).
"""

from __future__ import annotations

import contextlib
import re
import socket
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.handlers import BUILTIN_HANDLERS

import workmail_mock
from tests.support import conformance
from workmail_mock import mock_workmail

BUILTIN_HANDLERS.append(("before-parse.workmail", conformance.before_parse))

REGION = "us-east-1"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture(autouse=True)
def _conformance() -> Iterator[None]:
    conformance.violations.clear()
    yield
    problems = list(conformance.violations)
    conformance.violations.clear()
    assert not problems, "responses that do not fit the model:\n" + "\n".join(problems)


Factory = Callable[..., BaseClient]


@pytest.fixture(params=["inprocess", "server"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_client(mode: str, request: pytest.FixtureRequest) -> Iterator[Factory]:
    """Builds WorkMail clients for the current way in (region, config, headers as asked)."""
    if mode == "server":
        url = request.getfixturevalue("server_url")
        requests.post(f"{url}/moto-api/reset", timeout=10)

        def make(region: str = REGION, **kwargs: Any) -> BaseClient:
            return boto3.client(
                "workmail", region_name=region, endpoint_url=url,
                aws_access_key_id="testing", aws_secret_access_key="testing", **kwargs,
            )

        yield make
        requests.post(f"{url}/moto-api/reset", timeout=10)
    else:
        with mock_workmail():

            def make(region: str = REGION, **kwargs: Any) -> BaseClient:
                return boto3.client("workmail", region_name=region, **kwargs)

            yield make


@pytest.fixture
def client(make_client: Factory) -> BaseClient:
    return make_client()


@pytest.fixture
def raw_client(make_client: Factory) -> BaseClient:
    """A client with botocore's own parameter validation off: the mock must validate."""
    return make_client(config=Config(parameter_validation=False))


@pytest.fixture
def org(client: BaseClient) -> str:
    return str(client.create_organization(Alias="testorg")["OrganizationId"])


@contextlib.contextmanager
def raises(code: str, message: str | re.Pattern[str]) -> Iterator[pytest.ExceptionInfo[ClientError]]:
    """Expect a ClientError with this Code whose Message equals (or, for a compiled
    pattern, matches) the given text."""
    with pytest.raises(ClientError) as info:
        yield info
    error = info.value.response["Error"]
    assert error["Code"] == code, error
    if isinstance(message, re.Pattern):
        assert message.search(error["Message"]), error
    else:
        assert error["Message"] == message, error


__all__ = ["REGION", "raises", "workmail_mock"]
