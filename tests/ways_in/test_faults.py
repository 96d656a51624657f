"""``workmail_mock.faults``: injected errors, throttling and 5xx that botocore retries,
latency; in-process and in moto's server; cleared at scope exit and on reset."""

from __future__ import annotations

import time

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

from tests.support import reset, server_client
from workmail_mock import faults, mock_workmail
from workmail_mock.testing import clear_faults, inject_fault

STANDARD = Config(retries={"mode": "standard", "max_attempts": 3})
NO_RETRY = Config(retries={"mode": "standard", "total_max_attempts": 1})


def client(config: Config = NO_RETRY) -> object:
    return boto3.client("workmail", region_name="us-east-1", config=config)


@mock_workmail
def test_standard_retries_recover_from_injected_throttling() -> None:
    fault = faults.inject("ListOrganizations", "ThrottlingException", times=2)
    answer = client(STANDARD).list_organizations()  # type: ignore[attr-defined]
    assert answer["OrganizationSummaries"] == []
    assert fault.fired == 2
    assert answer["ResponseMetadata"]["RetryAttempts"] == 2


@mock_workmail
@pytest.mark.parametrize(("error", "status"), [("InternalServerError", 500), ("ServiceUnavailable", 503)])
def test_standard_retries_recover_from_a_5xx(error: str, status: int) -> None:
    fault = faults.inject("CreateOrganization", error, times=1)
    with pytest.raises(ClientError) as raised:
        client().create_organization(Alias="acme")  # type: ignore[attr-defined]
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert fault.fired == 1
    fault.fired = 0
    fault.times = 1
    assert client(STANDARD).create_organization(Alias="acme")["OrganizationId"]  # type: ignore[attr-defined]
    assert fault.fired == 1


@mock_workmail
def test_a_declared_error_and_nothing_changes() -> None:
    faults.inject("CreateOrganization", "LimitExceededException", message="no more")
    wm = client()
    with pytest.raises(wm.exceptions.LimitExceededException, match="no more"):  # type: ignore[attr-defined]
        wm.create_organization(Alias="acme")  # type: ignore[attr-defined]
    faults.clear()
    assert wm.list_organizations()["OrganizationSummaries"] == []  # type: ignore[attr-defined]


def test_only_declared_or_retryable_errors_are_accepted() -> None:
    with pytest.raises(ValueError, match="ListUsers cannot fail with 'DirectoryInUseException'"):
        faults.inject("ListUsers", "DirectoryInUseException")
    with pytest.raises(ValueError, match="no operation"):
        faults.inject("ListUser", "ThrottlingException")
    assert faults.active() == ()


@mock_workmail
def test_seeded_probability_is_reproducible() -> None:
    def pattern() -> list[bool]:
        faults.clear()
        faults.inject("ListOrganizations", "ThrottlingException", probability=0.5, seed=42)
        outcomes = []
        for _ in range(12):
            try:
                client().list_organizations()  # type: ignore[attr-defined]
                outcomes.append(True)
            except ClientError:
                outcomes.append(False)
        return outcomes

    first = pattern()
    assert first == pattern()
    assert True in first and False in first


@mock_workmail
def test_latency() -> None:
    with faults.injected("*", latency=0.3):
        began = time.monotonic()
        client().list_organizations()  # type: ignore[attr-defined]
        assert time.monotonic() - began >= 0.3
    assert faults.active() == ()


def test_cleared_when_the_scope_closes_and_on_reset() -> None:
    with mock_workmail():
        faults.inject("ListOrganizations", "ThrottlingException")
    assert faults.active() == ()
    faults.inject("ListOrganizations", "ThrottlingException")
    from moto.moto_api import _internal

    _internal.moto_api_backend.reset()  # what /moto-api/reset and mock_aws's reset call
    assert faults.active() == ()


def test_in_the_server(server_url: str) -> None:
    reset(server_url)
    inject_fault("ListOrganizations", "ThrottlingException", times=1, endpoint_url=server_url)
    wm = server_client(server_url, config=STANDARD)
    assert wm.list_organizations()["ResponseMetadata"]["RetryAttempts"] == 1
    inject_fault("CreateOrganization", "ServiceUnavailable", endpoint_url=server_url)
    with pytest.raises(ClientError):
        server_client(server_url, config=NO_RETRY).create_organization(Alias="x")
    clear_faults(endpoint_url=server_url)
    assert server_client(server_url).create_organization(Alias="x")["OrganizationId"]
    bad = requests.post(f"{server_url}/_workmail_mock/faults", json={"Operation": "Nope"}, timeout=10)
    assert bad.status_code == 400
    inject_fault("ListOrganizations", "ThrottlingException", endpoint_url=server_url)
    reset(server_url)
    assert faults.active() == ()
