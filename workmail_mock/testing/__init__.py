"""Test-only controls, apart from the API surface.

- ``inspection``: a typed, read-only view of every part of the live state (organizations,
  entities, domains, memberships, delegates, permissions, settings, policies, export
  jobs, tokens, tags, mail, quotas); ``snapshot()`` renders it as plain data,
  so a test can assert that a rejected request changed nothing (``before == after``).
- ``issue_personal_access_token(...)`` issues a personal access token for a user, as a
  user does in the WorkMail web application (no API creates one), so that
  ListPersonalAccessTokens, GetPersonalAccessTokenMetadata and DeletePersonalAccessToken
  have something to show. In-process it writes the mock's state; with ``endpoint_url``
  it asks a moto server running workmail_mock.
- mail (``workmail_mock.testing.mail``, re-exported here): ``deliver_message``,
  ``mailbox_messages``, ``put_in_transit_message`` and ``run_email_flow``, the harness
  for email flow Lambda functions (README, "Testing WorkMail Lambda functions").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workmail_mock.operations.tokens import issue_token, token_request
from workmail_mock.protocol import faults
from workmail_mock.state.region import LOCK
from workmail_mock.testing import _control, inspection
from workmail_mock.testing.mail import (
    DeliveryReport,
    EmailFlowResult,
    EmailFlowRule,
    LambdaContext,
    MailboxMessage,
    deliver_message,
    mailbox_messages,
    put_in_transit_message,
    register_email_flow,
    run_email_flow,
)

__all__ = [
    "DeliveryReport", "EmailFlowResult", "EmailFlowRule", "LambdaContext", "MailboxMessage",
    "clear_faults", "deliver_message", "device_access", "inject_fault", "inspection",
    "issue_personal_access_token", "mailbox_messages",
    "put_in_transit_message", "register_email_flow", "run_email_flow", "snapshot",
]

def snapshot() -> dict[str, Any]:
    """All WorkMail state, by account and region (``"ACCOUNT/REGION"``), as nested plain
    data: ``inspection.state()`` rendered by ``inspection.as_data`` (the in-process state
    while ``mock_workmail`` or ``mock_aws`` is on, else the in-process server's). No
    private keys: no serializer caches, locks, progressions or indexes."""
    with LOCK:
        return {
            f"{view.account}/{view.region}": inspection.as_data(view)
            for view in inspection.state()
        }


#: moto's default account, the one boto3 clients of the mock act in unless told.
DEFAULT_ACCOUNT = "123456789012"
#: A guess: AWS documents no scope values; tokens issued without ``scopes`` get this.
DEFAULT_SCOPES = ("email",)


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
    365 days. A name, scopes, lifetime, account or region of the wrong form is a
    ``ValidationException`` (``UnrecognizedClientException`` for the account), in-process
    and from the server alike. Raises the WorkMail error the API would
    (``OrganizationNotFoundException``,
    ``EntityNotFoundException``, ``EntityStateException`` for a deleted user). With
    ``endpoint_url`` (a moto server started by ``python -m workmail_mock`` or
    ``ThreadedMotoServer``) the token is issued in that server's state.
    """
    request = {
        "AccountId": account_id, "Region": region, "OrganizationId": organization_id,
        "UserId": user_id, "Name": name,
        # a str stays one, so the check refuses it instead of splitting it into letters
        "Scopes": list(scopes) if isinstance(scopes, (list, tuple)) else scopes,
        "LifetimeInDays": lifetime_days,
    }
    if endpoint_url is None:
        from workmail_mock.models import backend_for
        from workmail_mock.protocol.context import check_account

        checked = token_request(request)  # the server's control endpoint checks the same
        check_account(checked.account_id)
        with LOCK:
            token = issue_token(backend_for(account_id, region), checked)
        return str(token["PersonalAccessTokenId"])
    return str(_control.post(endpoint_url, _control.TOKENS_PATH, request)["PersonalAccessTokenId"])




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
    _control.post(endpoint_url, _control.FAULTS_PATH, request)


def clear_faults(*, endpoint_url: str | None = None) -> None:
    """Forget every injected fault, in-process or in the server at ``endpoint_url``."""
    if endpoint_url is None:
        faults.clear()
    else:
        _control.post(endpoint_url, _control.FAULTS_PATH, {}, method="DELETE")



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
