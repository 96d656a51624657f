"""state.policies: defaults, replace-by-name, overrides keyed case-insensitively, what
deleting a user forgets, and token expiry."""

from __future__ import annotations

import datetime

import pytest

from workmail_mock.errors import LimitExceededException
from workmail_mock.rules.access_control import AccessRequest
from workmail_mock.rules.mobile_device import Device
from workmail_mock.state.entities import Group, User
from workmail_mock.state.policies import (
    EPOCH,
    TOKEN_LIFETIME,
    AccessControlRule,
    ImpersonationRole,
    Policies,
)

NOW = datetime.datetime(2026, 1, 1)


def rule(name: str, effect: str = "DENY", **lists: list[str]) -> AccessControlRule:
    return AccessControlRule(
        name=name, effect=effect, description=name, date_created=NOW, date_modified=NOW, **lists
    )


def test_a_new_organization_has_the_default_rules() -> None:
    policies = Policies("m-1")
    (default,) = policies.access_rules.values()
    assert (default.name, default.effect, default.description) == (
        "default", "ALLOW", "Default WorkMail Rule",
    )
    assert default.date_created == default.date_modified == EPOCH
    (device,) = policies.device_rules.values()
    assert (device.name, device.effect, device.description) == ("default", "ALLOW", None)
    assert policies.decide_device(Device()).effect == "ALLOW"


def test_empty_lists_are_stored_as_absent() -> None:
    stored = rule("r", actions=[], ip_ranges=["10.0.0.0/8"])
    assert stored.actions is None
    assert stored.ip_ranges == ["10.0.0.0/8"]
    assert stored.matcher.ip_ranges == ("10.0.0.0/8",)


def test_a_replace_keeps_place_and_date_created() -> None:
    policies = Policies("m-1")
    policies.put_access_rule(rule("a"), 10)
    policies.put_access_rule(rule("b"), 10)
    later = NOW + datetime.timedelta(days=1)
    replacement = AccessControlRule(
        name="a", effect="ALLOW", description="new", date_created=later, date_modified=later
    )
    policies.put_access_rule(replacement, 3)
    assert list(policies.access_rules) == ["default", "a", "b"]
    assert policies.access_rules["a"].date_created == NOW
    assert policies.access_rules["a"].date_modified == later
    with pytest.raises(LimitExceededException):
        policies.put_access_rule(rule("c"), 3)


def test_decide_access_uses_the_stored_rules() -> None:
    policies = Policies("m-1")
    policies.put_access_rule(rule("office", not_ip_ranges=["10.0.0.0/8"]), 10)
    outside = AccessRequest(ip_address="192.0.2.1", action="IMAP", user_id="u")
    inside = AccessRequest(ip_address="10.0.0.1", action="IMAP", user_id="u")
    assert policies.decide_access(outside).matched_rules == ("office",)
    assert policies.decide_access(inside).matched_rules == ("default",)


def test_overrides_are_keyed_on_user_and_case_insensitive_device() -> None:
    policies = Policies("m-1")
    policies.put_override("u1", "abc", "DENY", "lost")
    policies.put_override("u1", "ABC", "ALLOW", None)
    assert len(policies.overrides) == 1
    override = policies.override_of("u1", "aBc")
    assert override is not None
    assert (override.device_id, override.effect, override.description) == ("ABC", "ALLOW", None)
    assert policies.decide_device_of("u1", "abc", Device()).by_override
    assert not policies.decide_device_of("u2", "abc", Device()).by_override


def test_forgetting_a_user_drops_only_its_overrides() -> None:
    policies = Policies("m-1")
    for user_id in ("u1", "u2"):
        for device in ("d1", "d2"):
            policies.put_override(user_id, device, "DENY", None)
    policies.forget(Group(id="u2", name="g"))  # a group holds no overrides
    policies.forget(User(id="u1", name="alice"))
    assert [(o.user_id, o.device_id) for o in policies.overrides] == [("u2", "d1"), ("u2", "d2")]


def test_removing_a_role_ends_its_tokens() -> None:
    policies = Policies("m-1")
    role = ImpersonationRole(
        impersonation_role_id="r1", name="r", type="READ_ONLY", rules=[], matchers=(),
        date_created=NOW, date_modified=NOW,
    )
    policies.add_role(role, 20)
    held = policies.issue_token("r1", "t1")
    policies.issue_token("r2", "t2")
    assert TOKEN_LIFETIME == datetime.timedelta(seconds=900)
    assert held.role_id == "r1"
    policies.remove_role("r1")
    assert list(policies.tokens) == ["t2"]
    with pytest.raises(LimitExceededException):
        policies.add_role(role, 0)
