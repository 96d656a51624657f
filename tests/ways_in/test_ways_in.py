"""The three ways in: ``mock_workmail`` (decorator and context manager), moto's
``mock_aws``, and moto's server (ThreadedMotoServer and ``python -m workmail_mock``)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import unittest
from typing import Any

import boto3
import pytest
import requests
from moto import mock_aws

from workmail_mock import mock_workmail

REGION = "us-east-1"


def _client(**kwargs: Any) -> Any:
    return boto3.client("workmail", region_name=REGION, **kwargs)


def _aliases(client: Any) -> list[str]:
    return [o["Alias"] for o in client.list_organizations()["OrganizationSummaries"]]


# --- mock_workmail as a function decorator and a context manager --------------------------


@mock_workmail
def test_bare_decorator_on_a_function():
    client = _client()
    client.create_organization(Alias="acme")
    assert _aliases(client) == ["acme"]


@mock_workmail()
def test_called_decorator_on_a_function():
    assert _aliases(_client()) == []


def test_decorated_function_keeps_its_name_and_return_value():
    @mock_workmail
    def create(alias: str) -> str:
        return str(_client().create_organization(Alias=alias)["OrganizationId"])

    assert create.__name__ == "create"
    assert create("acme").startswith("m-")


def test_context_manager():
    with mock_workmail() as scope:
        assert isinstance(scope, mock_workmail)
        _client().create_organization(Alias="acme")
        assert _aliases(_client()) == ["acme"]


def test_start_and_stop():
    scope = mock_workmail()
    scope.start()
    try:
        _client().create_organization(Alias="acme")
        assert _aliases(_client()) == ["acme"]
    finally:
        scope.stop()


def test_each_new_outermost_scope_starts_empty():
    @mock_workmail
    def count_and_create() -> int:
        client = _client()
        before = len(_aliases(client))
        client.create_organization(Alias="acme")
        return before

    assert count_and_create() == 0
    assert count_and_create() == 0
    with mock_workmail():
        assert _aliases(_client()) == []


def test_inner_mock_workmail_scope_keeps_the_outer_state():
    with mock_workmail():
        _client().create_organization(Alias="outer")
        with mock_workmail():
            assert _aliases(_client()) == ["outer"]
            _client().create_organization(Alias="inner")
        assert _aliases(_client()) == ["outer", "inner"]


def test_a_client_made_before_the_scope_is_served():
    client = _client(aws_access_key_id="x", aws_secret_access_key="y")
    with mock_workmail():
        assert _aliases(client) == []


# --- mock_workmail on classes -------------------------------------------------------------


@mock_workmail
class TestPlainClass:
    def test_first_method_starts_empty(self):
        client = _client()
        assert _aliases(client) == []
        client.create_organization(Alias="acme")

    def test_second_method_starts_empty(self):
        client = _client()
        assert _aliases(client) == []
        client.create_organization(Alias="acme")


@mock_workmail
class TestPlainClassWithSetupMethod:
    def setup_method(self, method: Any) -> None:
        self.client = _client()
        self.org = self.client.create_organization(Alias="fromsetup")["OrganizationId"]

    def teardown_method(self, method: Any) -> None:
        assert _aliases(self.client) == ["fromsetup"]

    def test_setup_state_is_visible(self):
        described = self.client.describe_organization(OrganizationId=self.org)
        assert described["Alias"] == "fromsetup"

    def test_each_test_starts_from_setup_state_only(self):
        assert _aliases(self.client) == ["fromsetup"]


@mock_workmail
class TestUnittestCase(unittest.TestCase):
    def setUp(self) -> None:
        self.client = _client()
        self.org = self.client.create_organization(Alias="fromsetup")["OrganizationId"]

    def test_setup_state_is_visible(self):
        described = self.client.describe_organization(OrganizationId=self.org)
        self.assertEqual(described["Alias"], "fromsetup")

    def test_each_test_starts_from_setup_state_only(self):
        self.assertEqual(_aliases(self.client), ["fromsetup"])


# --- nesting with moto's mock_aws ---------------------------------------------------------


def test_mock_aws_inside_mock_workmail_shares_and_keeps_the_state():
    with mock_workmail():
        _client().create_organization(Alias="outer")
        with mock_aws():
            assert _aliases(_client()) == ["outer"]
            _client().create_organization(Alias="inner")
            boto3.client("s3", region_name=REGION).create_bucket(Bucket="shared")
        # leaving mock_aws neither wiped nor disabled the outer scope
        assert _aliases(_client()) == ["outer", "inner"]


def test_mock_workmail_inside_mock_aws_shares_and_keeps_the_state():
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket="outer")
        _client().create_organization(Alias="outer")
        with mock_workmail():
            assert _aliases(_client()) == ["outer"]
            _client().create_organization(Alias="inner")
        assert _aliases(_client()) == ["outer", "inner"]
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["outer"]


def test_mock_aws_alone_serves_workmail():
    with mock_aws():
        client = _client()
        client.create_organization(Alias="acme")
        assert _aliases(client) == ["acme"]
    with mock_aws():
        assert _aliases(_client()) == []


@mock_aws
def test_mock_aws_decorator_serves_workmail_and_s3_together():
    boto3.client("s3", region_name=REGION).create_bucket(Bucket="mail-archive")
    org = _client().create_organization(Alias="acme")["OrganizationId"]
    assert _client().describe_organization(OrganizationId=org)["State"] == "Active"


# --- moto's server ------------------------------------------------------------------------


@pytest.fixture
def server(server_url: str) -> Any:
    requests.post(f"{server_url}/moto-api/reset", timeout=10)
    yield server_url
    requests.post(f"{server_url}/moto-api/reset", timeout=10)


def _server_client(url: str) -> Any:
    return _client(endpoint_url=url, aws_access_key_id="k", aws_secret_access_key="s")


def _unsigned(url: str, target: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(
        f"{url}/",
        data=json.dumps(body),
        headers={
            "X-Amz-Target": f"WorkMailService.{target}",
            "Content-Type": "application/x-amz-json-1.1",
        },
        timeout=10,
    )


def test_server_signed_requests(server):
    client = _server_client(server)
    client.create_organization(Alias="acme")
    assert _aliases(client) == ["acme"]


def test_server_unsigned_requests(server):
    created = _unsigned(server, "CreateOrganization", {"Alias": "acme"})
    assert created.status_code == 200
    org = created.json()["OrganizationId"]
    listed = _unsigned(server, "ListOrganizations", {})
    assert listed.status_code == 200
    assert [o["OrganizationId"] for o in listed.json()["OrganizationSummaries"]] == [org]
    # signed and unsigned requests see the same state
    assert _aliases(_server_client(server)) == ["acme"]


def test_server_reset_wipes_workmail(server):
    client = _server_client(server)
    client.create_organization(Alias="acme")
    assert requests.post(f"{server}/moto-api/reset", timeout=10).status_code == 200
    assert _aliases(client) == []


def test_server_seed_makes_ids_reproducible(server):
    client = _server_client(server)

    def seeded_ids() -> list[str]:
        requests.post(f"{server}/moto-api/reset", timeout=10)
        requests.post(f"{server}/moto-api/seed?a=42", timeout=10)
        org = client.create_organization(Alias="acme")["OrganizationId"]
        group = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
        room = client.create_resource(OrganizationId=org, Name="room", Type="ROOM")["ResourceId"]
        return [org, group, room]

    assert seeded_ids() == seeded_ids()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_python_m_workmail_mock_serves_create_organization():
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "MOTO_ACCOUNT_ID"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workmail_mock", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{url}/moto-api/", timeout=1)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("python -m workmail_mock did not start")
                time.sleep(0.1)
        client = _server_client(url)
        org = client.create_organization(Alias="demo")["OrganizationId"]
        assert client.describe_organization(OrganizationId=org)["DefaultMailDomain"] == (
            "demo.awsapps.com"
        )
    finally:
        process.terminate()
        process.wait(timeout=10)


@mock_workmail
class TestPlainClassWithArgumentlessSetupMethod:
    def setup_method(self) -> None:
        self.client = _client()
        self.client.create_organization(Alias="fromsetup")

    def test_setup_state_is_visible(self):
        assert _aliases(self.client) == ["fromsetup"]
