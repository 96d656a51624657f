"""Test-only controls, apart from the API surface.

- ``inspection``: a typed, read-only view of the live state (organizations, entities,
  domains, memberships, delegates, permissions); ``snapshot()`` renders it as plain data,
  so a test can assert that a rejected request changed nothing (``before == after``).
- ``issue_personal_access_token(...)`` issues a personal access token for a user, as a
  user does in the WorkMail web application (no API creates one), so that
  ListPersonalAccessTokens, GetPersonalAccessTokenMetadata and DeletePersonalAccessToken
  have something to show. In-process it writes the mock's state; with ``endpoint_url``
  it asks a moto server running workmail_mock.
"""

from __future__ import annotations

import dataclasses
import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from workmail_mock.errors import WorkMailError, common_error_classes, modelled_error_classes
from workmail_mock.operations.tokens import issue_token
from workmail_mock.protocol import faults
from workmail_mock.state.region import LOCK
from workmail_mock.testing import inspection
from workmail_mock.testing.inspection import plain


def snapshot() -> dict[str, Any]:
    """All WorkMail state, by ``"account/region"``, as nested plain data: the
    ``inspection.state()`` views as dicts (``before == after`` comparisons)."""
    return {
        f"{region.account}/{region.region}": plain(dataclasses.asdict(region))
        for region in inspection.state()
    }


#: moto's default account, the one boto3 clients of the mock act in unless told.
DEFAULT_ACCOUNT = "123456789012"
#: A guess: AWS documents no scope values; tokens issued without ``scopes`` get this.
DEFAULT_SCOPES = ("email",)
_TOKENS_PATH = "/_workmail_mock/personal-access-tokens"


def issue_personal_access_token(
    organization_id: str,
    user_id: str,
    *,
    name: str = "token",
    scopes: Sequence[str] = DEFAULT_SCOPES,
    lifetime_days: int | None = None,
    account_id: str = DEFAULT_ACCOUNT,
    region: str = "us-east-1",
    endpoint_url: str | None = None,
) -> str:
    """Issue a personal access token for a user and return its PersonalAccessTokenId.

    ``user_id`` is the user's id, email address or name. Without ``lifetime_days`` the
    token expires after the organization's PersonalAccessTokenConfiguration lifetime, or
    365 days. Raises the WorkMail error the API would (``OrganizationNotFoundException``,
    ``EntityNotFoundException``, ``EntityStateException`` for a deleted user). With
    ``endpoint_url`` (a moto server started by ``python -m workmail_mock`` or
    ``ThreadedMotoServer``) the token is issued in that server's state.
    """
    request = {
        "AccountId": account_id, "Region": region, "OrganizationId": organization_id,
        "UserId": user_id, "Name": name, "Scopes": list(scopes),
        "LifetimeInDays": lifetime_days,
    }
    if endpoint_url is None:
        from workmail_mock.models import backend_for

        with LOCK:
            token = issue_token(
                backend_for(account_id, region), organization_id, user_id, name,
                list(scopes), lifetime_days,
            )
        return str(token["PersonalAccessTokenId"])
    post = urllib.request.Request(
        endpoint_url.rstrip("/") + _TOKENS_PATH, data=json.dumps(request).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(post, timeout=10) as response:
            return str(json.loads(response.read())["PersonalAccessTokenId"])
    except urllib.error.HTTPError as error:
        answer = json.loads(error.read() or b"{}")
        known = {**modelled_error_classes(), **common_error_classes()}
        raise known.get(answer.get("__type", ""), WorkMailError)(
            str(answer.get("message", error))
        ) from None


_FAULTS_PATH = "/_workmail_mock/faults"


def inject_fault(
    operation: str, error: str | None = None, *, endpoint_url: str | None = None,
    times: int | None = None, probability: float = 1.0, seed: int | None = None,
    latency: float = 0.0, message: str | None = None,
) -> None:
    """``workmail_mock.faults.inject`` in-process, or in the moto server at ``endpoint_url``."""
    if endpoint_url is None:
        faults.inject(
            operation, error, times=times, probability=probability, seed=seed,
            latency=latency, message=message,
        )
        return
    request = {
        "Operation": operation, "Error": error, "Times": times, "Probability": probability,
        "Seed": seed, "Latency": latency, "Message": message,
    }
    _control(endpoint_url, "POST", request)


def clear_faults(*, endpoint_url: str | None = None) -> None:
    """Forget every injected fault, in-process or in the server at ``endpoint_url``."""
    if endpoint_url is None:
        faults.clear()
    else:
        _control(endpoint_url, "DELETE", {})


def _control(endpoint_url: str, method: str, request: dict[str, Any]) -> None:
    post = urllib.request.Request(
        endpoint_url.rstrip("/") + _FAULTS_PATH, data=json.dumps(request).encode(),
        headers={"Content-Type": "application/json"}, method=method,
    )
    try:
        with urllib.request.urlopen(post, timeout=10):
            pass
    except urllib.error.HTTPError as error:
        answer = json.loads(error.read() or b"{}")
        raise ValueError(str(answer.get("message", error))) from None


def device_access(
    account_id: str,
    region: str,
    organization_id: str,
    user: str,
    device_id: str,
    **attributes: str,
) -> dict[str, Any]:
    """What the mock decides when a user's ActiveSync device connects: the override for
    the (user, device id) pair if there is one (it wins over the rules, admin guide),
    otherwise the mobile device access rules over the device's attributes
    (``DeviceType``, ``DeviceModel``, ``DeviceOperatingSystem``, ``DeviceUserAgent``).

    No API operation answers this (GetMobileDeviceAccessEffect takes no user); it lets a
    test check "user X's iPhone is denied" after a script changed rules and overrides.
    Returns ``{"Effect": ..., "MatchedRules": [...], "ByOverride": bool}``.
    """
    from workmail_mock.models import backend_for
    from workmail_mock.rules.mobile_device import Device
    from workmail_mock.state.entities import User

    with LOCK:
        org = backend_for(account_id, region).organization(organization_id)
        found = org.directory.find(user, User)
        decision = org.policies.decide_device_of(found.id, device_id, Device.from_api(attributes))
        return {**decision.to_api(), "ByOverride": decision.by_override}
