"""Shared fixtures: every behaviour test runs in-process and against moto's server.

- ``client``: a boto3 WorkMail client, parametrized over the ways in: ``inprocess``
  (inside ``mock_workmail``) and ``server`` (a ThreadedMotoServer with WorkMail
  registered, reset before each test through ``/moto-api/reset``).
- ``org``: the id of a fresh Active organization (alias ``testorg``).
- ``aws``: clients of moto's other services (ds, ec2, kms) for the current way in.
- ``pending_domain``: a mail domain of ``org`` whose verification stays PENDING.
Every response the tests receive is checked against the model
(``tests/support/conformance.py``); helpers such as ``raises`` are in ``tests/support``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.client import BaseClient
from botocore.config import Config
from botocore.handlers import BUILTIN_HANDLERS
from moto import mock_aws
from moto.moto_api import state_manager

from tests.support import (
    PENDING_DOMAIN,
    REGION,
    VERIFICATION_MODEL,
    conformance,
    free_port,
    reset,
    server_client,
    workmail_client,
)
from tests.support.directories import AwsFactory
from workmail_mock import mock_workmail

BUILTIN_HANDLERS.append(("before-parse.workmail", conformance.before_parse))
BUILTIN_HANDLERS.append(
    ("before-parse.workmailmessageflow", conformance.before_parse_messageflow)
)


def pytest_configure(config: pytest.Config) -> None:
    """The plugin comes in through its ``pytest11`` entry point once the package is
    installed; from a checkout on ``PYTHONPATH`` only, register it here."""
    from workmail_mock import pytest_plugin

    if not config.pluginmanager.is_registered(pytest_plugin):
        config.pluginmanager.register(pytest_plugin, "workmail_mock")


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    port = free_port()
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
        reset(url)

        def make(region: str = REGION, **kwargs: Any) -> BaseClient:
            return server_client(url, region, **kwargs)

        yield make
        reset(url)
    else:
        with mock_workmail():

            def make(region: str = REGION, **kwargs: Any) -> BaseClient:
                return workmail_client(region, **kwargs)

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


@pytest.fixture
def aws(mode: str, make_client: Any, request: pytest.FixtureRequest) -> Iterator[AwsFactory]:
    """Builds clients of other moto services (ds, ec2, kms) for the current way in:
    in-process it opens moto's ``mock_aws`` inside the ``mock_workmail`` scope of the
    ``client`` fixture; in server mode it builds clients of the same ThreadedMotoServer
    (one process, so one ds backend)."""
    if mode == "server":
        url = request.getfixturevalue("server_url")

        def make(service: str) -> Any:
            return boto3.client(
                service,
                region_name=REGION,
                endpoint_url=url,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
            )

        yield make
    else:
        with mock_aws():
            yield lambda service: boto3.client(service, region_name=REGION)


@pytest.fixture
def pending_domain(client: BaseClient, org: str) -> Iterator[str]:
    """A registered mail domain of ``org`` whose verification stays PENDING."""
    state_manager.set_transition(VERIFICATION_MODEL, {"progression": "manual", "times": 10**6})
    try:
        client.register_mail_domain(OrganizationId=org, DomainName=PENDING_DOMAIN)
        yield PENDING_DOMAIN
    finally:
        state_manager.unset_transition(VERIFICATION_MODEL)


@pytest.fixture
def endpoint(mode: str, request: pytest.FixtureRequest) -> str | None:
    """``endpoint_url`` for ``workmail_mock.testing``'s mail helpers: None in-process, the
    server's URL in server mode."""
    return str(request.getfixturevalue("server_url")) if mode == "server" else None


@pytest.fixture
def messageflow(mode: str, client: BaseClient, request: pytest.FixtureRequest) -> BaseClient:
    """A ``workmailmessageflow`` client for the current way in."""
    if mode == "server":
        return boto3.client(
            "workmailmessageflow", region_name=REGION,
            endpoint_url=request.getfixturevalue("server_url"),
            aws_access_key_id="testing", aws_secret_access_key="testing",
        )
    return boto3.client("workmailmessageflow", region_name=REGION)
