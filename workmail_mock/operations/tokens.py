"""Personal access tokens (spec section 10): listed, read and deleted through the API;
issued by ``issue_token`` for tests (``workmail_mock.testing``), since only the WorkMail
web application creates them."""

from __future__ import annotations

from typing import Any

from workmail_mock.errors import ResourceNotFoundException
from workmail_mock.operations.registry import Call, operation, page_size
from workmail_mock.state.entities import User
from workmail_mock.state.region import RegionState
from workmail_mock.state.tokens import DEFAULT_LIFETIME_DAYS


@operation("ListPersonalAccessTokens")
def list_personal_access_tokens(
    call: Call,
    user_id: str | None = None,
    next_token: str | None = None,
    max_results: int | None = None,
) -> dict[str, Any]:
    owner = None
    if user_id is not None:
        owner = call.find(user_id, User, live=True).id
    page, token = call.org.tokens.tokens.page(
        page_size(max_results), next_token,
        None if owner is None else (lambda t: t.user_id == owner),
    )
    return {"PersonalAccessTokenSummaries": [t.view() for t in page], "NextToken": token}


@operation("GetPersonalAccessTokenMetadata")
def get_personal_access_token_metadata(
    call: Call, personal_access_token_id: str
) -> dict[str, Any]:
    token = call.org.tokens.get(personal_access_token_id)
    if token is None:
        raise ResourceNotFoundException(
            f"Personal access token {personal_access_token_id} does not exist in organization "
            f"{call.org.id}"
        )
    return token.view()


@operation("DeletePersonalAccessToken")
def delete_personal_access_token(call: Call, personal_access_token_id: str) -> None:
    call.org.tokens.remove(personal_access_token_id)  # unknown: a no-op (a guess)


def issue_token(
    region: RegionState,
    organization_id: str,
    user_id: str,
    name: str,
    scopes: list[str],
    lifetime_days: int | None = None,
) -> dict[str, Any]:
    """Issue a token for a user, as the web application does (the test helper's core).

    Without ``lifetime_days`` the organization's PersonalAccessTokenConfiguration
    lifetime applies, else 365 days. The user is found by id, email or name and must not
    be DELETED.
    """
    org = region.organization(organization_id)
    user = org.directory.find(user_id, User, live=True, operation="issue_token")
    if lifetime_days is None:
        configured = org.settings.identity_provider
        lifetime_days = DEFAULT_LIFETIME_DAYS
        if configured is not None:
            lifetime_days = int(
                configured.personal_access_token_configuration.get(
                    "LifetimeInDays", DEFAULT_LIFETIME_DAYS
                )
            )
    return org.tokens.issue(user.id, name, scopes, lifetime_days).view()
