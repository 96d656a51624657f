"""ListPersonalAccessTokens, GetPersonalAccessTokenMetadata and DeletePersonalAccessToken,
with tokens issued by ``workmail_mock.testing.issue_personal_access_token``."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.support import (
    MISSING_ORG,
    collect,
    deleted_org,
    org_missing_message,
    raises,
    reset,
    server_client,
    user,
)
from workmail_mock.errors import (
    EntityNotFoundException,
    OrganizationNotFoundException,
    UnrecognizedClientException,
    ValidationException,
)
from workmail_mock.testing import issue_personal_access_token


def _issue(client: Any, org: str, user_id: str, **extra: Any) -> str:
    """Issue through the server's control endpoint in server mode, in-process otherwise."""
    url = client.meta.endpoint_url
    endpoint = url if url.startswith("http://127.0.0.1") else None
    return issue_personal_access_token(org, user_id, endpoint_url=endpoint, **extra)


def _listed(client: Any, org: str, **extra: Any) -> list[dict[str, Any]]:
    return collect(
        client.list_personal_access_tokens, "PersonalAccessTokenSummaries", OrganizationId=org,
        **extra,
    )


def test_a_new_organization_has_no_tokens(client, org):
    assert _listed(client, org) == []


def test_an_issued_token_is_listed_and_read(client, org):
    alice = user(client, org, enabled=True)
    token_id = _issue(client, org, "alice", name="laptop", scopes=["imap", "smtp"])
    (listed,) = _listed(client, org)
    metadata = client.get_personal_access_token_metadata(
        OrganizationId=org, PersonalAccessTokenId=token_id
    )
    metadata.pop("ResponseMetadata")
    assert listed == metadata
    assert (metadata["PersonalAccessTokenId"], metadata["UserId"], metadata["Name"]) == (
        token_id, alice, "laptop"
    )
    assert metadata["Scopes"] == ["imap", "smtp"]
    assert metadata["ExpiresTime"] - metadata["DateCreated"] == datetime.timedelta(days=365)
    assert "DateLastUsed" not in metadata


def test_the_lifetime_follows_the_argument(client, org):
    user(client, org, enabled=True)
    token_id = _issue(client, org, "alice", lifetime_days=7)
    metadata = client.get_personal_access_token_metadata(
        OrganizationId=org, PersonalAccessTokenId=token_id
    )
    assert metadata["ExpiresTime"] - metadata["DateCreated"] == datetime.timedelta(days=7)


def test_list_filters_by_user_and_pages(client, org):
    user(client, org, enabled=True)
    bob = user(client, org, "bob", enabled=True)
    ids = [_issue(client, org, name) for name in ("alice", "bob", "alice", "bob")]
    assert [t["PersonalAccessTokenId"] for t in _listed(client, org, MaxResults=1)] == ids
    by_bob = _listed(client, org, UserId="bob@testorg.awsapps.com", MaxResults=1)
    assert [t["PersonalAccessTokenId"] for t in by_bob] == [ids[1], ids[3]]
    assert {t["UserId"] for t in by_bob} == {bob}
    pages = client.get_paginator("list_personal_access_tokens").paginate(OrganizationId=org)
    assert sum(len(p["PersonalAccessTokenSummaries"]) for p in pages) == 4


def test_list_for_an_unknown_user_is_entity_not_found(client, org):
    with raises("EntityNotFoundException", f"User nobody does not exist in organization {org}"):
        client.list_personal_access_tokens(OrganizationId=org, UserId="nobody")


def test_a_deleted_users_tokens_go_and_listing_them_is_entity_state(client, org):
    alice = user(client, org, enabled=True)
    user(client, org, "bob", enabled=True)
    _issue(client, org, "alice")
    kept = _issue(client, org, "bob")
    client.deregister_from_work_mail(OrganizationId=org, EntityId=alice)
    client.delete_user(OrganizationId=org, UserId=alice)
    assert [t["PersonalAccessTokenId"] for t in _listed(client, org)] == [kept]
    with raises(
        "EntityStateException",
        f"User {alice} is in state DELETED; ListPersonalAccessTokens can't be used on a "
        "deleted entity",
    ):
        client.list_personal_access_tokens(OrganizationId=org, UserId=alice)


def test_get_an_unknown_token_is_resource_not_found(client, org):
    with raises(
        "ResourceNotFoundException",
        f"Personal access token nope does not exist in organization {org}",
    ):
        client.get_personal_access_token_metadata(OrganizationId=org, PersonalAccessTokenId="nope")


def test_delete_personal_access_token(client, org):
    user(client, org, enabled=True)
    token_id = _issue(client, org, "alice")
    client.delete_personal_access_token(OrganizationId=org, PersonalAccessTokenId=token_id)
    client.delete_personal_access_token(OrganizationId=org, PersonalAccessTokenId=token_id)
    assert _listed(client, org) == []


def test_the_helper_raises_the_api_errors(client, org):
    with pytest.raises(EntityNotFoundException, match=f"User nobody does not exist in organization {org}"):
        _issue(client, org, "nobody")
    with pytest.raises(OrganizationNotFoundException, match=f"Organization {MISSING_ORG} does not exist"):
        _issue(client, MISSING_ORG, "alice")


def test_unknown_and_deleted_organizations(client, org):
    calls = [
        lambda o: client.list_personal_access_tokens(OrganizationId=o),
        lambda o: client.get_personal_access_token_metadata(OrganizationId=o, PersonalAccessTokenId="t"),
        lambda o: client.delete_personal_access_token(OrganizationId=o, PersonalAccessTokenId="t"),
    ]
    for call in calls:
        with raises("OrganizationNotFoundException", org_missing_message()):
            call(MISSING_ORG)
    message = deleted_org(client, org)
    for call in calls:
        with raises("OrganizationStateException", message):
            call(org)


def test_a_bad_next_token_is_invalid_parameter(client, org):
    with raises("InvalidParameterException", "The NextToken 'bad' is not valid"):
        client.list_personal_access_tokens(OrganizationId=org, NextToken="bad")


# --- the checks of a token request: the helper in-process and the server's endpoint ------

TOKENS_PATH = "/_workmail_mock/personal-access-tokens"
#: PersonalAccessTokenConfiguration LifetimeInDays in botocore's model.
LIFETIME = "LifetimeInDays must be an integer from 1 to 3653"
#: (changes to a valid request, the ValidationException message)
BAD_REQUESTS: list[tuple[dict[str, Any], str]] = [
    ({"Name": ""}, "Name must be a non-empty string, not ''"),
    ({"Name": 5}, "Name must be a non-empty string, not 5"),
    ({"Name": "n" * 65}, "Name must be 1 to 64 characters long, not 65"),
    ({"Scopes": []}, "Scopes must be a list of 1 to 10 strings, not []"),
    ({"Scopes": "email"}, "Scopes must be a list of 1 to 10 strings, not 'email'"),
    ({"Scopes": [1]}, "Each scope must be a string of 1 to 256 characters, not 1"),
    ({"Scopes": [""]}, "Each scope must be a string of 1 to 256 characters, not ''"),
    ({"LifetimeInDays": 0}, f"{LIFETIME}, not 0"),
    ({"LifetimeInDays": 3654}, f"{LIFETIME}, not 3654"),
    ({"LifetimeInDays": 10**40}, f"{LIFETIME}, not {10**40}"),
    ({"LifetimeInDays": "7"}, f"{LIFETIME}, not '7'"),
    ({"LifetimeInDays": True}, f"{LIFETIME}, not True"),
    ({"LifetimeInDays": 1.5}, f"{LIFETIME}, not 1.5"),
    ({"Region": "mars-1"}, "WorkMail is not offered in region 'mars-1'"),
    ({"UserId": None}, "UserId must be a non-empty string, not None"),
    ({"Extra": 1}, "Unknown members: Extra"),
]


def test_the_helper_checks_the_request(client, org):
    user(client, org, enabled=True)
    cases = [
        ({"name": ""}, "Name must be a non-empty string, not ''"),
        ({"scopes": "email"}, "Scopes must be a list of 1 to 10 strings, not 'email'"),
        ({"scopes": []}, "Scopes must be a list of 1 to 10 strings, not []"),
        ({"lifetime_days": 0}, f"{LIFETIME}, not 0"),
        ({"lifetime_days": 3654}, f"{LIFETIME}, not 3654"),
    ]
    for extra, message in cases:
        with pytest.raises(ValidationException) as info:
            _issue(client, org, "alice", **extra)
        assert str(info.value) == message
    assert _listed(client, org) == []
    token_id = _issue(client, org, "alice", lifetime_days=3653)
    assert [t["PersonalAccessTokenId"] for t in _listed(client, org)] == [token_id]


def test_the_helper_checks_the_account_in_process():
    with pytest.raises(UnrecognizedClientException) as info:
        issue_personal_access_token("m-" + "0" * 32, "alice", account_id="../x")
    assert str(info.value) == (
        "The account id '../x' is not valid: an AWS account id is 12 digits"
    )


@pytest.fixture
def served(server_url: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The server's URL and a valid token request for alice of a fresh organization."""
    reset(server_url)
    api = server_client(server_url)
    org = api.create_organization(Alias="testorg")["OrganizationId"]
    user(api, org, enabled=True)
    yield server_url, {
        "AccountId": "123456789012", "Region": "us-east-1", "OrganizationId": org,
        "UserId": "alice", "Name": "laptop", "Scopes": ["imap"], "LifetimeInDays": 7,
    }
    reset(server_url)


def _post(url: str, payload: bytes, **headers: str) -> requests.Response:
    return requests.post(url + TOKENS_PATH, data=payload, headers=headers, timeout=20)


def _answer(response: requests.Response) -> tuple[int, str, str]:
    data = response.json()
    return response.status_code, data["__type"], data["Message"]


def _tokens(url: str, org: str) -> list[dict[str, Any]]:
    api = server_client(url)
    return list(api.list_personal_access_tokens(OrganizationId=org)["PersonalAccessTokenSummaries"])


def test_the_endpoint_issues_a_token(served):
    url, request = served
    response = _post(url, json.dumps(request).encode(), Origin="http://localhost:5173")
    assert response.status_code == 200, response.text
    (token,) = _tokens(url, request["OrganizationId"])
    assert response.json() == {"PersonalAccessTokenId": token["PersonalAccessTokenId"]}


@pytest.mark.parametrize(("change", "message"), BAD_REQUESTS)
def test_the_endpoint_refuses_a_bad_request(served, change, message):
    url, request = served
    response = _post(url, json.dumps({**request, **change}).encode())
    assert _answer(response) == (400, "ValidationException", message)
    assert _tokens(url, request["OrganizationId"]) == []


@pytest.mark.parametrize(("payload", "message"), [
    (b"[1]", "The request must be a JSON object, not list"),
    (b'"x"', "The request must be a JSON object, not str"),
    (b"", "AccountId must be a non-empty string, not None"),
])
def test_the_endpoint_refuses_a_body_that_is_no_request(served, payload, message):
    url, _ = served
    assert _answer(_post(url, payload)) == (400, "ValidationException", message)


def test_the_endpoint_reads_the_body_as_the_api_does(served):
    url, request = served
    assert _answer(_post(url, b"{nope")) == (
        400, "SerializationException",
        "The request body is not valid JSON: Expecting property name enclosed in double "
        "quotes: line 1 column 2 (char 1)",
    )
    assert _answer(_post(url, b"[" * 40 + b"]" * 40))[:2] == (400, "SerializationException")
    assert _answer(_post(url, b" " * (5 * 1024 * 1024))) == (
        400, "SerializationException",
        "The request body is 5242880 bytes; workmail_mock reads at most 4194304",
    )
    assert _tokens(url, request["OrganizationId"]) == []


@pytest.mark.parametrize("account", ["../../x", "12345", "12345678901a"])
def test_the_endpoint_checks_the_account(served, account):
    url, request = served
    response = _post(url, json.dumps({**request, "AccountId": account}).encode())
    assert _answer(response) == (
        403, "UnrecognizedClientException",
        f"The account id {account!r} is not valid: an AWS account id is 12 digits",
    )


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.evil.com"])
def test_the_endpoint_refuses_other_origins(served, origin):
    url, request = served
    response = _post(url, json.dumps(request).encode(), Origin=origin)
    assert _answer(response) == (
        403, "AccessDeniedException",
        f"workmail_mock refuses cross-origin requests (Origin {origin!r}); only pages "
        "served from a loopback address may call it",
    )
    assert _tokens(url, request["OrganizationId"]) == []


def test_the_helper_gets_the_endpoints_checks(served):
    url, request = served
    with pytest.raises(ValidationException) as info:
        issue_personal_access_token(
            request["OrganizationId"], "alice", lifetime_days=0, endpoint_url=url
        )
    assert str(info.value) == f"{LIFETIME}, not 0"
