"""ListPersonalAccessTokens, GetPersonalAccessTokenMetadata and DeletePersonalAccessToken,
with tokens issued by ``workmail_mock.testing.issue_personal_access_token``."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from tests.support import MISSING_ORG, collect, deleted_org, org_missing_message, raises, user
from workmail_mock.errors import EntityNotFoundException, OrganizationNotFoundException
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
