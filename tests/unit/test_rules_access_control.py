"""The access control decision (spec section 1.1): GetAccessControlEffect's answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workmail_mock.rules.access_control import (
    AccessControlRule,
    AccessRequest,
    Decision,
    evaluate,
    rule_matches,
)
from workmail_mock.rules.matching import ip_in_cidr, pair_holds

USER = "S-1-1-11-1111111111-2222222222-3333333333-1111"
OTHER_USER = "S-1-1-11-1111111111-2222222222-3333333333-2222"
ROLE = "role-1"
OTHER_ROLE = "role-2"

DEFAULT = AccessControlRule(name="default", effect="ALLOW")


def user_request(
    action: str = "WindowsOutlook", ip: str = "192.0.2.0", user: str = USER
) -> AccessRequest:
    return AccessRequest(ip_address=ip, action=action, user_id=user)


def role_request(ip: str = "192.0.2.0", role: str = ROLE) -> AccessRequest:
    return AccessRequest(ip_address=ip, action="EWS", impersonation_role_id=role)


# -- Documented examples ------------------------------------------------------------------


def test_cli_example_deny_wins_and_the_allow_rule_is_not_listed() -> None:
    # CLI get-access-control-effect + list-access-control-rules: default ALLOW plus
    # myRule DENY for the user; the user on WindowsOutlook from 192.0.2.0 is denied.
    my_rule = AccessControlRule(name="myRule", effect="DENY", user_ids=(USER,))
    decision = evaluate([DEFAULT, my_rule], user_request())
    assert decision == Decision(effect="DENY", matched_rules=("myRule",))
    assert decision.to_api() == {"Effect": "DENY", "MatchedRules": ["myRule"]}


def test_the_default_rule_allows_every_request() -> None:
    for request in (user_request(), role_request(), user_request("IMAP", "10.9.8.7", OTHER_USER)):
        assert evaluate([DEFAULT], request) == Decision("ALLOW", ("default",))


def test_no_rules_blocks_all_access_with_an_empty_list() -> None:
    decision = evaluate([], user_request())
    assert decision == Decision("DENY", ())
    assert decision.to_api() == {"Effect": "DENY", "MatchedRules": []}


def test_no_matching_rule_denies() -> None:
    only_imap = AccessControlRule(name="imap", effect="ALLOW", actions=("IMAP",))
    assert evaluate([only_imap], user_request("EWS")) == Decision("DENY", ())


# -- One condition at a time --------------------------------------------------------------

CONDITION_CASES: list[tuple[dict[str, Any], AccessRequest, bool]] = [
    ({"actions": ("EWS", "IMAP")}, user_request("EWS"), True),
    ({"actions": ("EWS", "IMAP")}, user_request("SMTP"), False),
    ({"actions": ("ews",)}, user_request("EWS"), False),  # case-sensitive (a guess)
    ({"not_actions": ("EWS",)}, user_request("EWS"), False),
    ({"not_actions": ("EWS",)}, user_request("WebMail"), True),
    ({"ip_ranges": ("192.0.2.0/24",)}, user_request(ip="192.0.2.77"), True),
    ({"ip_ranges": ("192.0.2.0/24",)}, user_request(ip="198.51.100.1"), False),
    ({"ip_ranges": ("10.0.0.0/8", "192.0.2.0/24")}, user_request(ip="192.0.2.1"), True),
    ({"not_ip_ranges": ("192.0.2.0/24",)}, user_request(ip="192.0.2.77"), False),
    ({"not_ip_ranges": ("192.0.2.0/24",)}, user_request(ip="198.51.100.1"), True),
    ({"user_ids": (USER,)}, user_request(), True),
    ({"user_ids": (USER,)}, user_request(user=OTHER_USER), False),
    ({"user_ids": (USER,)}, role_request(), False),  # a role request has no user
    ({"not_user_ids": (USER,)}, user_request(), False),
    ({"not_user_ids": (USER,)}, user_request(user=OTHER_USER), True),
    ({"not_user_ids": (USER,)}, role_request(), True),  # a guess: no user, so it holds
    ({"impersonation_role_ids": (ROLE,)}, role_request(), True),
    ({"impersonation_role_ids": (ROLE,)}, role_request(role=OTHER_ROLE), False),
    ({"impersonation_role_ids": (ROLE,)}, user_request(), False),  # a user request has no role
    ({"not_impersonation_role_ids": (ROLE,)}, role_request(), False),
    ({"not_impersonation_role_ids": (ROLE,)}, role_request(role=OTHER_ROLE), True),
    ({"not_impersonation_role_ids": (ROLE,)}, user_request(), True),  # a guess
    # A list and its Not twin together: both must hold (a guess).
    (
        {"ip_ranges": ("10.0.0.0/8",), "not_ip_ranges": ("10.1.0.0/16",)},
        user_request(ip="10.2.0.1"),
        True,
    ),
    (
        {"ip_ranges": ("10.0.0.0/8",), "not_ip_ranges": ("10.1.0.0/16",)},
        user_request(ip="10.1.0.1"),
        False,
    ),
    # Every condition of a rule must hold.
    ({"actions": ("EWS",), "user_ids": (USER,)}, user_request("EWS"), True),
    ({"actions": ("EWS",), "user_ids": (USER,)}, user_request("IMAP"), False),
    ({"actions": ("EWS",), "user_ids": (USER,)}, user_request("EWS", user=OTHER_USER), False),
    # An empty list is no condition.
    ({"actions": (), "user_ids": [], "ip_ranges": ()}, user_request(), True),
]


@pytest.mark.parametrize(("conditions", "request_", "matches"), CONDITION_CASES)
def test_conditions(conditions: dict[str, Any], request_: AccessRequest, matches: bool) -> None:
    for effect in ("ALLOW", "DENY"):
        rule = AccessControlRule(name="r", effect=effect, **conditions)
        assert rule_matches(rule, request_) is matches
        expected = Decision(effect, ("r",)) if matches else Decision("DENY", ())
        assert evaluate([rule], request_) == expected


# -- Decision shape -----------------------------------------------------------------------


def test_all_matching_deny_rules_are_listed_in_rule_order() -> None:
    rules = [
        AccessControlRule(name="d1", effect="DENY", actions=("EWS",)),
        DEFAULT,
        AccessControlRule(name="d2", effect="DENY"),
        AccessControlRule(name="d3", effect="DENY", actions=("IMAP",)),
    ]
    assert evaluate(rules, user_request("EWS")) == Decision("DENY", ("d1", "d2"))


def test_all_matching_allow_rules_are_listed_when_nothing_denies() -> None:
    rules = [
        AccessControlRule(name="a1", effect="ALLOW", actions=("EWS",)),
        AccessControlRule(name="d1", effect="DENY", actions=("IMAP",)),
        DEFAULT,
    ]
    assert evaluate(rules, user_request("EWS")) == Decision("ALLOW", ("a1", "default"))


def test_from_api_reads_api_members_and_leaves_out_absent_lists() -> None:
    rule = AccessControlRule.from_api(
        {
            "Name": "r",
            "Effect": "DENY",
            "Description": "ignored",
            "Actions": ["EWS"],
            "NotIpRanges": ["10.0.0.0/8"],
            "UserIds": [USER],
            "DateCreated": 0.0,
        }
    )
    assert rule == AccessControlRule(
        name="r", effect="DENY", actions=("EWS",), not_ip_ranges=("10.0.0.0/8",), user_ids=(USER,)
    )
    assert rule.impersonation_role_ids == ()
    assert hash(rule) == hash(
        AccessControlRule.from_api(
            {
                "Name": "r",
                "Effect": "DENY",
                "Actions": ["EWS"],
                "NotIpRanges": ["10.0.0.0/8"],
                "UserIds": [USER],
            }
        )
    )


def test_the_default_rule_from_api_has_no_condition() -> None:
    rule = AccessControlRule.from_api(
        {"Name": "default", "Effect": "ALLOW", "Description": "Default WorkMail Rule"}
    )
    assert rule == DEFAULT


def test_an_unknown_effect_is_refused() -> None:
    with pytest.raises(ValueError):
        AccessControlRule(name="r", effect="allow")


def test_a_bad_address_raises_only_when_a_rule_looks_at_it() -> None:
    bad = AccessRequest(ip_address="300.1.1.1", action="EWS", user_id=USER)
    assert evaluate([DEFAULT], bad) == Decision("ALLOW", ("default",))
    with pytest.raises(ValueError):
        evaluate([AccessControlRule(name="r", effect="ALLOW", ip_ranges=("10.0.0.0/8",))], bad)


# -- Properties ---------------------------------------------------------------------------

ACTIONS = ["ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"]
CIDRS = [
    "0.0.0.0/0",
    "10.0.0.0/8",
    "10.1.0.0/16",
    "192.0.2.0/24",
    "192.0.2.128/25",
    "198.51.100.7/32",
]
IPS = ["10.1.2.3", "10.2.0.1", "192.0.2.1", "192.0.2.200", "198.51.100.7", "203.0.113.5"]
USERS = [USER, OTHER_USER, "S-1-1-11-3"]
ROLES = [ROLE, OTHER_ROLE, "role-3"]


UNIVERSES = {
    "actions": ACTIONS,
    "not_actions": ACTIONS,
    "ip_ranges": CIDRS,
    "not_ip_ranges": CIDRS,
    "user_ids": USERS,
    "not_user_ids": USERS,
    "impersonation_role_ids": ROLES,
    "not_impersonation_role_ids": ROLES,
}


@st.composite
def rules_(draw: st.DrawFn, effect: str | None = None) -> AccessControlRule:
    # Few conditions per rule, so that matching rules are common.
    chosen = draw(st.lists(st.sampled_from(sorted(UNIVERSES)), max_size=3, unique=True))
    lists: dict[str, Any] = {
        name: tuple(draw(st.lists(st.sampled_from(UNIVERSES[name]), min_size=1, max_size=3)))
        for name in chosen
    }
    return AccessControlRule(
        name=draw(st.text(alphabet="abcdefgh", min_size=1, max_size=6)),
        effect=effect or draw(st.sampled_from(["ALLOW", "DENY"])),
        **lists,
    )


@st.composite
def requests_(draw: st.DrawFn) -> AccessRequest:
    ip = draw(st.sampled_from(IPS))
    if draw(st.booleans()):
        return AccessRequest(
            ip, draw(st.sampled_from(ACTIONS)), user_id=draw(st.sampled_from(USERS))
        )
    return AccessRequest(ip, "EWS", impersonation_role_id=draw(st.sampled_from(ROLES)))


rule_lists = st.lists(rules_(), max_size=6)


@given(rule_lists, rules_(effect="ALLOW"), requests_())
def test_adding_an_allow_rule_never_turns_allow_into_deny(
    rules: list[AccessControlRule], allow: AccessControlRule, request: AccessRequest
) -> None:
    before = evaluate(rules, request)
    after = evaluate([*rules, allow], request)
    if before.effect == "ALLOW":
        assert after.effect == "ALLOW"
    if after.effect == "DENY":
        assert after.matched_rules == before.matched_rules


@given(rule_lists, rules_(effect="DENY"), requests_())
def test_adding_a_deny_rule_never_turns_deny_into_allow(
    rules: list[AccessControlRule], deny: AccessControlRule, request: AccessRequest
) -> None:
    before = evaluate(rules, request)
    after = evaluate([deny, *rules], request)
    if before.effect == "DENY":
        assert after.effect == "DENY"


@given(rule_lists, requests_(), st.randoms(use_true_random=False))
def test_rule_order_never_changes_the_effect_or_the_matched_set(
    rules: list[AccessControlRule], request: AccessRequest, random: Any
) -> None:
    shuffled = list(rules)
    random.shuffle(shuffled)
    before, after = evaluate(rules, request), evaluate(shuffled, request)
    assert before.effect == after.effect
    assert sorted(before.matched_rules) == sorted(after.matched_rules)


@given(rule_lists, requests_())
def test_matched_rules_are_exactly_the_matching_rules_of_the_winning_effect(
    rules: list[AccessControlRule], request: AccessRequest
) -> None:
    decision = evaluate(rules, request)
    expected = [r.name for r in rules if r.effect == decision.effect and rule_matches(r, request)]
    assert list(decision.matched_rules) == expected
    if not expected:
        assert decision.effect == "DENY"
    if any(r.effect == "DENY" and rule_matches(r, request) for r in rules):
        assert decision.effect == "DENY"


LIST_PAIRS = [
    ("actions", "not_actions", ACTIONS),
    ("ip_ranges", "not_ip_ranges", CIDRS),
    ("user_ids", "not_user_ids", USERS),
    ("impersonation_role_ids", "not_impersonation_role_ids", ROLES),
]


@given(st.sampled_from(LIST_PAIRS), st.data(), requests_())
def test_a_not_list_is_the_complement_of_its_twin(
    pair: tuple[str, str, list[str]], data: st.DataObject, request: AccessRequest
) -> None:
    positive, negative, universe = pair
    values = tuple(
        data.draw(st.lists(st.sampled_from(universe), min_size=1, max_size=3, unique=True))
    )
    include = AccessControlRule("in", "ALLOW", **{positive: values})
    exclude = AccessControlRule("out", "ALLOW", **{negative: values})
    subject_missing = (positive == "user_ids" and request.user_id is None) or (
        positive == "impersonation_role_ids" and request.impersonation_role_id is None
    )
    if subject_missing:
        # The request is of the other kind: the positive list cannot hold, the Not list
        # holds (a guess).
        assert not rule_matches(include, request)
        assert rule_matches(exclude, request)
    else:
        assert rule_matches(exclude, request) is not rule_matches(include, request)


def _reference_matches(rule: AccessControlRule, request: AccessRequest) -> bool:
    """The conditions of spec section 1.1 written with the shared matching module."""

    def equals(value: str | None) -> Callable[[str], bool]:
        return lambda entry: value is not None and entry == value

    def in_range(cidr: str) -> bool:
        return ip_in_cidr(request.ip_address, cidr)

    return (
        pair_holds(rule.actions, rule.not_actions, equals(request.action))
        and pair_holds(rule.ip_ranges, rule.not_ip_ranges, in_range)
        and pair_holds(rule.user_ids, rule.not_user_ids, equals(request.user_id))
        and pair_holds(
            rule.impersonation_role_ids, rule.not_impersonation_role_ids,
            equals(request.impersonation_role_id),
        )
    )


@given(rules_(), requests_())
def test_rule_matches_agrees_with_the_shared_matching_module(
    rule: AccessControlRule, request: AccessRequest
) -> None:
    assert rule_matches(rule, request) is _reference_matches(rule, request)
