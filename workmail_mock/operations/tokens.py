"""Personal access tokens (spec section 10): listed, read and deleted through the API;
issued by ``issue_token`` for tests (``workmail_mock.testing``), since only the WorkMail
web application creates them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from workmail_mock import spec
from workmail_mock.errors import ResourceNotFoundException, ValidationException
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


@dataclasses.dataclass(frozen=True)
class TokenRequest:
    """A checked request to issue a token (``workmail_mock.testing`` in-process, or the
    server's control endpoint)."""

    account_id: str
    region: str
    organization_id: str
    user_id: str
    name: str
    scopes: list[str]
    lifetime_days: int | None


def _text(request: Mapping[str, Any], member: str, shape: str | None = None) -> str:
    value = request.get(member)
    if not isinstance(value, str) or not value:
        raise ValidationException(f"{member} must be a non-empty string, not {value!r:.80}")
    if shape is not None:
        low, high = spec.bounds_of(shape)
        if not low <= len(value) <= high:
            raise ValidationException(
                f"{member} must be {low} to {high} characters long, not {len(value)}"
            )
    return value


_WIRE_MEMBERS = {
    "AccountId", "Region", "OrganizationId", "UserId", "Name", "Scopes", "LifetimeInDays",
}


def token_request(request: Any) -> TokenRequest:
    """The one check of a token request, a JSON object with AccountId, Region,
    OrganizationId, UserId, Name, Scopes and LifetimeInDays (optional). Any problem is a
    ValidationException that names it. Bounds come from botocore's model: Name and each
    scope as PersonalAccessTokenName/Scope, Scopes as PersonalAccessTokenScopeList,
    LifetimeInDays as PersonalAccessTokenConfiguration's. The account id's form is the
    caller's to check (``protocol.context.check_account``, as for API requests)."""
    if not isinstance(request, Mapping):
        raise ValidationException(
            f"The request must be a JSON object, not {type(request).__name__}"
        )
    unknown = sorted(str(k) for k in set(request) - _WIRE_MEMBERS)
    if unknown:
        raise ValidationException(f"Unknown members: {', '.join(unknown)[:200]}")
    account_id, region, organization_id, user_id = (
        _text(request, member) for member in ("AccountId", "Region", "OrganizationId", "UserId")
    )
    name = _text(request, "Name", "PersonalAccessTokenName")
    if region not in spec.supported_regions():
        raise ValidationException(f"WorkMail is not offered in region {region[:40]!r}")
    scopes = request.get("Scopes")
    low, high = spec.bounds_of("PersonalAccessTokenScopeList")
    if not isinstance(scopes, list) or not low <= len(scopes) <= high:
        raise ValidationException(
            f"Scopes must be a list of {low} to {high} strings, not {scopes!r:.80}"
        )
    scope_low, scope_high = spec.bounds_of("PersonalAccessTokenScope")
    for scope in scopes:
        if not isinstance(scope, str) or not scope_low <= len(scope) <= scope_high:
            raise ValidationException(
                f"Each scope must be a string of {scope_low} to {scope_high} characters, "
                f"not {scope!r:.80}"
            )
    lifetime = request.get("LifetimeInDays")
    if lifetime is not None:
        low, high = spec.bounds_of("PersonalAccessTokenConfiguration", "LifetimeInDays")
        if isinstance(lifetime, bool) or not isinstance(lifetime, int) or not (
            low <= lifetime <= high
        ):
            raise ValidationException(
                f"LifetimeInDays must be an integer from {low} to {high}, not {lifetime!r:.80}"
            )
    return TokenRequest(
        account_id, region, organization_id, user_id, name, list(scopes), lifetime
    )


def issue_token(region: RegionState, request: TokenRequest) -> dict[str, Any]:
    """Issue a token for a user, as the web application does (the test helper's core),
    in the state of the request's account and region (``region``).

    Without ``lifetime_days`` the organization's PersonalAccessTokenConfiguration
    lifetime applies, else 365 days. The user is found by id, email or name and must not
    be DELETED.
    """
    org = region.organization(request.organization_id)
    user = org.directory.find(request.user_id, User, live=True, operation="issue_token")
    lifetime_days = request.lifetime_days
    if lifetime_days is None:
        configured = org.settings.identity_provider
        lifetime_days = DEFAULT_LIFETIME_DAYS
        if configured is not None:
            lifetime_days = int(
                configured.personal_access_token_configuration.get(
                    "LifetimeInDays", DEFAULT_LIFETIME_DAYS
                )
            )
    return org.tokens.issue(user.id, request.name, request.scopes, lifetime_days).view()
