"""WorkMail URLs requested with ``requests`` (signed by hand) are answered in-process while
a scope is open; other URLs pass through."""

from __future__ import annotations

import json

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from tests.support import reset
from workmail_mock import mock_workmail
from workmail_mock.wiring import http_clients

URL = "https://workmail.eu-west-1.amazonaws.com/"


def signed(target: str, body: dict[str, object]) -> requests.Response:
    request = AWSRequest(
        method="POST", url=URL, data=json.dumps(body),
        headers={"X-Amz-Target": f"WorkMailService.{target}",
                 "Content-Type": "application/x-amz-json-1.1"},
    )
    SigV4Auth(Credentials("testing", "testing"), "workmail", "eu-west-1").add_auth(request)
    return requests.post(URL, data=request.body, headers=dict(request.headers), timeout=10)


def test_a_hand_signed_request_is_answered_in_process() -> None:
    with mock_workmail():
        created = signed("CreateOrganization", {"Alias": "byhand"})
        assert created.status_code == 200, created.text
        listed = signed("ListOrganizations", {}).json()["OrganizationSummaries"]
        assert [o["Alias"] for o in listed] == ["byhand"]
        missing = signed("DescribeOrganization", {"OrganizationId": "m-" + "0" * 32})
        assert missing.status_code == 400
        assert missing.json()["__type"] == "OrganizationNotFoundException"
    assert http_clients._mock is None


def test_other_urls_pass_through(server_url: str) -> None:
    with mock_workmail():
        assert reset(server_url).status_code == 200
