"""The pytest plugin (``workmail_mock.pytest_plugin``, entry point ``pytest11``), run with
pytester in a project of its own."""

from __future__ import annotations

from importlib import metadata

import pytest


def plugin_args() -> list[str]:
    """``-p`` the plugin only when it is not installed (a checkout on PYTHONPATH)."""
    installed = any(
        ep.value == "workmail_mock.pytest_plugin"
        for ep in metadata.entry_points(group="pytest11")
    )
    return ["-p", "no:cacheprovider"] + ([] if installed else ["-p", "workmail_mock.pytest_plugin"])


def run(pytester: pytest.Pytester, body: str, *extra: str) -> pytest.RunResult:
    pytester.makepyfile(test_case=body)
    return pytester.runpytest_inprocess(*plugin_args(), *extra)


def test_the_entry_point_is_declared() -> None:
    import pathlib

    pyproject = (pathlib.Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    section = pyproject.split("[project.entry-points.pytest11]\n")[1].split("\n\n")[0]
    assert section.strip() == 'workmail_mock = "workmail_mock.pytest_plugin"'


def test_workmail_client_in_a_fresh_scope(pytester: pytest.Pytester) -> None:
    result = run(pytester, '''
def test_one(workmail):
    workmail.create_organization(Alias="acme")
    assert len(workmail.list_organizations()["OrganizationSummaries"]) == 1

def test_two_starts_empty(workmail):
    assert workmail.list_organizations()["OrganizationSummaries"] == []
''')
    result.assert_outcomes(passed=2)


def test_organization_factory(pytester: pytest.Pytester) -> None:
    result = run(pytester, '''
def test_factory(workmail, workmail_organization):
    org = workmail_organization("acme", domains=["example.com"], users=["alice", "bob"])
    assert org.alias == "acme" and org.domains == ("example.com",)
    user = workmail.describe_user(OrganizationId=org.id, UserId=org.users["alice"])
    assert user["Email"] == "alice@example.com" and user["State"] == "ENABLED"
    other = workmail_organization()
    assert other.alias == "org-2" and other.users == {}
''')
    result.assert_outcomes(passed=1)


def test_fake_credentials_and_the_marker(pytester: pytest.Pytester) -> None:
    result = run(pytester, '''
import os
import pytest

def test_credentials(aws_credentials):
    assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
    assert os.environ["AWS_DEFAULT_REGION"] == "us-east-1"

@pytest.mark.workmail(region="eu-west-1", account="111122223333")
def test_marker(workmail):
    org_id = workmail.create_organization(Alias="acme")["OrganizationId"]
    arn = workmail.describe_organization(OrganizationId=org_id)["ARN"]
    assert arn.startswith("arn:aws:workmail:eu-west-1:111122223333:organization/")
''', "--strict-markers")
    result.assert_outcomes(passed=2)


def test_session_server_is_reset_between_tests(pytester: pytest.Pytester) -> None:
    result = run(pytester, '''
import boto3

def test_one(workmail_server, workmail_endpoint_url):
    assert workmail_endpoint_url == workmail_server.endpoint_url
    workmail_server.client().create_organization(Alias="acme")
    client = boto3.client("workmail", region_name="us-east-1", endpoint_url=workmail_endpoint_url,
                          aws_access_key_id="k", aws_secret_access_key="s")
    assert len(client.list_organizations()["OrganizationSummaries"]) == 1

def test_two(workmail_server, workmail_endpoint_url):
    assert workmail_server.client().list_organizations()["OrganizationSummaries"] == []
''')
    result.assert_outcomes(passed=2)
