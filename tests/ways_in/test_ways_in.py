"""The three ways in: ``mock_workmail`` (decorator and context manager), moto's
``mock_aws``, and moto's server (ThreadedMotoServer and ``python -m workmail_mock``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import unittest
from typing import Any

import boto3
import pytest
import requests
from moto import mock_aws

from tests.support import (
    REGION,
    aliases,
    free_port,
    post_unsigned,
    reset,
    server_client,
    workmail_client,
)
from workmail_mock import mock_workmail

# --- mock_workmail as a function decorator and a context manager --------------------------


@mock_workmail
def test_bare_decorator_on_a_function():
    client = workmail_client()
    client.create_organization(Alias="acme")
    assert aliases(client) == ["acme"]


@mock_workmail()
def test_called_decorator_on_a_function():
    assert aliases(workmail_client()) == []


def test_decorated_function_keeps_its_name_and_return_value():
    @mock_workmail
    def create(alias: str) -> str:
        return str(workmail_client().create_organization(Alias=alias)["OrganizationId"])

    assert create.__name__ == "create"
    assert create("acme").startswith("m-")


def test_context_manager():
    with mock_workmail() as scope:
        assert isinstance(scope, mock_workmail)
        workmail_client().create_organization(Alias="acme")
        assert aliases(workmail_client()) == ["acme"]


def test_start_and_stop():
    scope = mock_workmail()
    scope.start()
    try:
        workmail_client().create_organization(Alias="acme")
        assert aliases(workmail_client()) == ["acme"]
    finally:
        scope.stop()


def test_each_new_outermost_scope_starts_empty():
    @mock_workmail
    def count_and_create() -> int:
        client = workmail_client()
        before = len(aliases(client))
        client.create_organization(Alias="acme")
        return before

    assert count_and_create() == 0
    assert count_and_create() == 0
    with mock_workmail():
        assert aliases(workmail_client()) == []


def test_inner_mock_workmail_scope_keeps_the_outer_state():
    with mock_workmail():
        workmail_client().create_organization(Alias="outer")
        with mock_workmail():
            assert aliases(workmail_client()) == ["outer"]
            workmail_client().create_organization(Alias="inner")
        assert aliases(workmail_client()) == ["outer", "inner"]


def test_a_client_made_before_the_scope_is_served():
    client = workmail_client(aws_access_key_id="x", aws_secret_access_key="y")
    with mock_workmail():
        assert aliases(client) == []


# --- mock_workmail on classes -------------------------------------------------------------


@mock_workmail
class TestPlainClass:
    def test_first_method_starts_empty(self):
        client = workmail_client()
        assert aliases(client) == []
        client.create_organization(Alias="acme")

    def test_second_method_starts_empty(self):
        client = workmail_client()
        assert aliases(client) == []
        client.create_organization(Alias="acme")


@mock_workmail
class TestPlainClassWithSetupMethod:
    def setup_method(self, method: Any) -> None:
        self.client = workmail_client()
        self.org = self.client.create_organization(Alias="fromsetup")["OrganizationId"]

    def teardown_method(self, method: Any) -> None:
        assert aliases(self.client) == ["fromsetup"]

    def test_setup_state_is_visible(self):
        described = self.client.describe_organization(OrganizationId=self.org)
        assert described["Alias"] == "fromsetup"

    def test_each_test_starts_from_setup_state_only(self):
        assert aliases(self.client) == ["fromsetup"]


@mock_workmail
class TestUnittestCase(unittest.TestCase):
    def setUp(self) -> None:
        self.client = workmail_client()
        self.org = self.client.create_organization(Alias="fromsetup")["OrganizationId"]

    def test_setup_state_is_visible(self):
        described = self.client.describe_organization(OrganizationId=self.org)
        self.assertEqual(described["Alias"], "fromsetup")

    def test_each_test_starts_from_setup_state_only(self):
        self.assertEqual(aliases(self.client), ["fromsetup"])


# --- nesting with moto's mock_aws ---------------------------------------------------------


def test_mock_aws_inside_mock_workmail_shares_and_keeps_the_state():
    with mock_workmail():
        workmail_client().create_organization(Alias="outer")
        with mock_aws():
            assert aliases(workmail_client()) == ["outer"]
            workmail_client().create_organization(Alias="inner")
            boto3.client("s3", region_name=REGION).create_bucket(Bucket="shared")
        # leaving mock_aws neither wiped nor disabled the outer scope
        assert aliases(workmail_client()) == ["outer", "inner"]


def test_mock_workmail_inside_mock_aws_shares_and_keeps_the_state():
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket="outer")
        workmail_client().create_organization(Alias="outer")
        with mock_workmail():
            assert aliases(workmail_client()) == ["outer"]
            workmail_client().create_organization(Alias="inner")
        assert aliases(workmail_client()) == ["outer", "inner"]
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["outer"]


def test_mock_aws_alone_serves_workmail():
    with mock_aws():
        client = workmail_client()
        client.create_organization(Alias="acme")
        assert aliases(client) == ["acme"]
    with mock_aws():
        assert aliases(workmail_client()) == []


@mock_aws
def test_mock_aws_decorator_serves_workmail_and_s3_together():
    boto3.client("s3", region_name=REGION).create_bucket(Bucket="mail-archive")
    org = workmail_client().create_organization(Alias="acme")["OrganizationId"]
    assert workmail_client().describe_organization(OrganizationId=org)["State"] == "Active"


# --- moto's server ------------------------------------------------------------------------


@pytest.fixture
def server(server_url: str) -> Any:
    reset(server_url)
    yield server_url
    reset(server_url)


def test_server_signed_requests(server):
    client = server_client(server)
    client.create_organization(Alias="acme")
    assert aliases(client) == ["acme"]


def test_server_unsigned_requests(server):
    created = post_unsigned(server, "WorkMailService.CreateOrganization", {"Alias": "acme"})
    assert created.status_code == 200
    org = created.json()["OrganizationId"]
    listed = post_unsigned(server, "WorkMailService.ListOrganizations", {})
    assert listed.status_code == 200
    assert [o["OrganizationId"] for o in listed.json()["OrganizationSummaries"]] == [org]
    # signed and unsigned requests see the same state
    assert aliases(server_client(server)) == ["acme"]


def test_server_reset_wipes_workmail(server):
    client = server_client(server)
    client.create_organization(Alias="acme")
    assert requests.post(f"{server}/moto-api/reset", timeout=10).status_code == 200
    assert aliases(client) == []


def test_server_seed_makes_ids_reproducible(server):
    client = server_client(server)

    def seeded_ids() -> list[str]:
        requests.post(f"{server}/moto-api/reset", timeout=10)
        requests.post(f"{server}/moto-api/seed?a=42", timeout=10)
        org = client.create_organization(Alias="acme")["OrganizationId"]
        group = client.create_group(OrganizationId=org, Name="staff")["GroupId"]
        room = client.create_resource(OrganizationId=org, Name="room", Type="ROOM")["ResourceId"]
        return [org, group, room]

    assert seeded_ids() == seeded_ids()


def test_python_m_workmail_mock_serves_create_organization():
    port = free_port()
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
        client = server_client(url)
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
        self.client = workmail_client()
        self.client.create_organization(Alias="fromsetup")

    def test_setup_state_is_visible(self):
        assert aliases(self.client) == ["fromsetup"]
