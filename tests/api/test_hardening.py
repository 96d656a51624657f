"""Issue 12's points that live in the state and configuration (both ways in through the
``client`` fixture, or a subprocess for what happens at start): #7 a rename onto an own
alias, #14 quota settings, #15 domain names, #16 InternalFailure messages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest

from tests.support import DOMAIN, REGION, raises, register, resource
from tests.support.internals import dispatcher
from workmail_mock.state.quotas import InvalidQuotaSetting, Quotas

# --- 7. renaming an ENABLED resource onto one of its own aliases ------------------------


def test_rename_enabled_resource_onto_its_own_alias(client: Any, org: str) -> None:
    room = resource(client, org, "room1", enabled=True)
    client.create_alias(OrganizationId=org, EntityId=room, Alias=f"room2@{DOMAIN}")
    client.update_resource(OrganizationId=org, ResourceId=room, Name="room2")
    assert client.describe_resource(OrganizationId=org, ResourceId=room)["Email"] == (
        f"room2@{DOMAIN}"
    )
    # ListAliases lists the primary address first (docs/aws-behaviour.md section 8), and
    # only once: the alias it was is gone.
    assert client.list_aliases(OrganizationId=org, EntityId=room)["Aliases"] == [
        f"room2@{DOMAIN}"
    ]
    # The old primary is free again: another entity can take it.
    other = resource(client, org, "room3")
    register(client, org, other, "room1")


# --- 15. domain names must be DNS names -------------------------------------------------


@pytest.mark.parametrize("name", ["...", "a..b", ".acme.example", "acme.example.", "nodots",
                                  "-acme.example", "acme-.example", "x" * 64 + ".example"])
def test_register_mail_domain_refuses_names_that_are_no_dns_name(
    client: Any, org: str, name: str
) -> None:
    with raises(
        "InvalidParameterException",
        f"Domain name {name!r} is not valid: it must be a DNS name of two or more labels "
        "separated by single dots",
    ):
        client.register_mail_domain(OrganizationId=org, DomainName=name)
    assert [d["DomainName"] for d in client.list_mail_domains(OrganizationId=org)["MailDomains"]
            ] == [DOMAIN]


def test_register_mail_domain_accepts_usual_names(client: Any, org: str) -> None:
    for name in ["a-b.example", "x" * 63 + ".example", "mail.sub.example.co.uk"]:
        client.register_mail_domain(OrganizationId=org, DomainName=name)


# --- 14. quota settings are validated when read ------------------------------------------


@pytest.mark.parametrize("raw", ["²", "2.5", "-1", "", "two", "1" * 10])
def test_invalid_quota_setting_is_reported_clearly(monkeypatch: Any, raw: str) -> None:
    monkeypatch.setenv("WORKMAIL_MOCK_QUOTA_ORGANIZATIONS_PER_REGION", raw)
    with pytest.raises(InvalidQuotaSetting) as info:
        Quotas.from_environment()
    assert str(info.value) == (
        f"WORKMAIL_MOCK_QUOTA_ORGANIZATIONS_PER_REGION={raw!r} is not valid: a quota is a "
        "whole number of ASCII digits (0 to 999999999)"
    )


def test_valid_quota_setting_is_read(monkeypatch: Any) -> None:
    monkeypatch.setenv("WORKMAIL_MOCK_QUOTA_ALIASES_PER_ENTITY", " 7 ")
    assert Quotas.from_environment().aliases_per_entity == 7


def test_invalid_quota_setting_stops_the_server_at_start() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOTO_")}
    env["WORKMAIL_MOCK_QUOTA_ORGANIZATIONS_PER_REGION"] = "²"
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    done = subprocess.run(
        [sys.executable, "-m", "workmail_mock", "--host", "127.0.0.1", "--port", "1"],
        capture_output=True, env=env, timeout=60, check=False,
    )
    assert done.returncode != 0
    assert (
        "WORKMAIL_MOCK_QUOTA_ORGANIZATIONS_PER_REGION='²' is not valid: a quota is a whole "
        "number of ASCII digits"
    ) in done.stderr.decode()


# --- 16. InternalFailure names no path --------------------------------------------------


def test_internal_failure_reveals_no_path(monkeypatch: Any) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise ValueError("x" * 1000)

    monkeypatch.setattr(dispatcher, "invoke", broken)
    monkeypatch.setattr(dispatcher, "_state_for", lambda account, region: None)
    status, _headers, raw = dispatcher.handle(
        dispatcher.TARGET_PREFIX + "ListOrganizations", b"{}", REGION, "123456789012"
    )
    message = json.loads(raw)["Message"]
    assert status == 400
    assert re.fullmatch(
        r"workmail_mock internal error \(ValueError: x{200}\) at test_hardening\.py:\d+; "
        r"please report it", message
    ), message
    assert os.sep not in message
