"""The impersonation role decision (spec section 2): GetImpersonationRoleEffect's answer."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workmail_mock.rules.impersonation import (
    ImpersonationDecision,
    ImpersonationMatchedRule,
    ImpersonationRule,
    evaluate,
    rule_matches,
)

ALICE, BOB, CAROL = "user-alice", "user-bob", "user-carol"


def rule(
    effect: str = "ALLOW", rule_id: str = "r1", name: str | None = "rule", **targets: Any
) -> ImpersonationRule:
    return ImpersonationRule(rule_id=rule_id, effect=effect, name=name, **targets)


# -- Documented behaviour -----------------------------------------------------------------


def test_a_role_without_rules_impersonates_nobody() -> None:
    decision = evaluate("FULL_ACCESS", [], ALICE)
    assert decision == ImpersonationDecision("FULL_ACCESS", "DENY", ())
    assert decision.to_api() == {"Type": "FULL_ACCESS", "Effect": "DENY", "MatchedRules": []}


def test_an_allow_rule_without_conditions_allows_everyone() -> None:
    everyone = rule("ALLOW", "all", "everyone")
    for user in (ALICE, BOB, CAROL):
        decision = evaluate("READ_ONLY", [everyone], user)
        assert decision.to_api() == {
            "Type": "READ_ONLY",
            "Effect": "ALLOW",
            "MatchedRules": [{"ImpersonationRuleId": "all", "Name": "everyone"}],
        }


def test_deny_wins_and_only_the_deny_rules_are_listed() -> None:
    rules = [
        rule("ALLOW", "all", "everyone"),
        rule("DENY", "no-bob", "not bob", target_users=(BOB,)),
    ]
    assert evaluate("FULL_ACCESS", rules, BOB).matched_rules == (
        ImpersonationMatchedRule("no-bob", "not bob"),
    )
    assert evaluate("FULL_ACCESS", rules, BOB).effect == "DENY"
    assert evaluate("FULL_ACCESS", rules, ALICE).effect == "ALLOW"


@pytest.mark.parametrize("role_type", ["FULL_ACCESS", "READ_ONLY"])
def test_the_role_type_is_echoed_and_never_changes_the_effect(role_type: str) -> None:
    rules = [rule("ALLOW", target_users=(ALICE,))]
    allowed, denied = evaluate(role_type, rules, ALICE), evaluate(role_type, rules, BOB)
    assert (allowed.role_type, allowed.effect) == (role_type, "ALLOW")
    assert (denied.role_type, denied.effect) == (role_type, "DENY")


def test_role_types_are_the_model_enum() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("workmail")
    assert set(model.shape_for("ImpersonationRoleType").metadata["enum"]) == {
        "FULL_ACCESS",
        "READ_ONLY",
    }


# -- Conditions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("targets", "user", "matches"),
    [
        ({}, ALICE, True),
        ({"target_users": (ALICE,)}, ALICE, True),
        ({"target_users": (ALICE, BOB)}, BOB, True),
        ({"target_users": (ALICE,)}, BOB, False),
        ({"not_target_users": (ALICE,)}, ALICE, False),
        ({"not_target_users": (ALICE,)}, BOB, True),
        ({"target_users": (ALICE, BOB), "not_target_users": (BOB,)}, ALICE, True),  # AND (a guess)
        ({"target_users": (ALICE, BOB), "not_target_users": (BOB,)}, BOB, False),
        ({"target_users": (ALICE, BOB), "not_target_users": (BOB,)}, CAROL, False),
        ({"target_users": ("USER-ALICE",)}, ALICE, False),  # ids compare exactly
        ({"target_users": [], "not_target_users": []}, ALICE, True),
    ],
)
def test_conditions(targets: dict[str, Any], user: str, matches: bool) -> None:
    for effect in ("ALLOW", "DENY"):
        candidate = rule(effect, **targets)
        assert rule_matches(candidate, user) is matches
        decision = evaluate("FULL_ACCESS", [candidate], user)
        assert decision.effect == (effect if matches else "DENY")
        assert decision.matched_rules == (
            (ImpersonationMatchedRule("r1", "rule"),) if matches else ()
        )


def test_matched_rules_keep_rule_order_and_an_unnamed_rule_has_no_name_member() -> None:
    rules = [
        rule("ALLOW", "a1", None, target_users=(ALICE,)),
        rule("DENY", "d1", "deny carol", target_users=(CAROL,)),
        rule("ALLOW", "a2", "all but bob", not_target_users=(BOB,)),
    ]
    decision = evaluate("READ_ONLY", rules, ALICE)
    assert decision.to_api()["MatchedRules"] == [
        {"ImpersonationRuleId": "a1"},
        {"ImpersonationRuleId": "a2", "Name": "all but bob"},
    ]
    assert evaluate("READ_ONLY", rules, BOB) == ImpersonationDecision("READ_ONLY", "DENY", ())


def test_from_api_resolves_targets_with_the_callers_resolver() -> None:
    directory = {"alice@example.com": ALICE, "bob": BOB, BOB: BOB}
    stored = {
        "ImpersonationRuleId": "r1",
        "Name": "n",
        "Description": "d",
        "Effect": "DENY",
        "TargetUsers": ["alice@example.com"],
        "NotTargetUsers": ["bob"],
    }
    resolved = ImpersonationRule.from_api(stored, directory.__getitem__)
    assert resolved == ImpersonationRule("r1", "DENY", "n", (ALICE,), (BOB,))
    as_given = ImpersonationRule.from_api(stored)
    assert as_given.target_users == ("alice@example.com",)
    assert ImpersonationRule.from_api(
        {"ImpersonationRuleId": "x", "Effect": "ALLOW"}
    ) == ImpersonationRule("x", "ALLOW")


def test_an_unknown_effect_is_refused() -> None:
    with pytest.raises(ValueError):
        ImpersonationRule(rule_id="r", effect="Allow")


# -- Properties ---------------------------------------------------------------------------

USERS = [ALICE, BOB, CAROL, "user-dave"]
targets = st.one_of(
    st.just(()), st.lists(st.sampled_from(USERS), min_size=1, max_size=3).map(tuple)
)


@st.composite
def rules_(draw: st.DrawFn, effect: str | None = None) -> ImpersonationRule:
    return ImpersonationRule(
        rule_id=draw(st.text(alphabet="abc123_-", min_size=1, max_size=6)),
        effect=effect or draw(st.sampled_from(["ALLOW", "DENY"])),
        name=draw(st.one_of(st.none(), st.text(min_size=1, max_size=6))),
        target_users=draw(targets),
        not_target_users=draw(targets),
    )


rule_lists = st.lists(rules_(), max_size=6)
users = st.sampled_from(USERS)
role_types = st.sampled_from(["FULL_ACCESS", "READ_ONLY"])


@given(rule_lists, rules_(effect="ALLOW"), users, role_types)
def test_adding_an_allow_rule_never_turns_allow_into_deny(
    rules: list[ImpersonationRule], allow: ImpersonationRule, user: str, role_type: str
) -> None:
    if evaluate(role_type, rules, user).effect == "ALLOW":
        assert evaluate(role_type, [allow, *rules], user).effect == "ALLOW"


@given(rule_lists, rules_(effect="DENY"), users, role_types)
def test_adding_a_deny_rule_never_turns_deny_into_allow(
    rules: list[ImpersonationRule], deny: ImpersonationRule, user: str, role_type: str
) -> None:
    if evaluate(role_type, rules, user).effect == "DENY":
        assert evaluate(role_type, [*rules, deny], user).effect == "DENY"


@given(rule_lists, users, st.randoms(use_true_random=False))
def test_rule_order_never_changes_the_effect(
    rules: list[ImpersonationRule], user: str, random: Any
) -> None:
    shuffled = list(rules)
    random.shuffle(shuffled)
    before, after = evaluate("FULL_ACCESS", rules, user), evaluate("FULL_ACCESS", shuffled, user)
    assert before.effect == after.effect
    assert sorted(before.matched_rules, key=repr) == sorted(after.matched_rules, key=repr)


@given(rule_lists, users, role_types)
def test_matched_rules_are_exactly_the_matching_rules_of_the_winning_effect(
    rules: list[ImpersonationRule], user: str, role_type: str
) -> None:
    decision = evaluate(role_type, rules, user)
    assert decision.role_type == role_type
    expected = tuple(
        ImpersonationMatchedRule(r.rule_id, r.name)
        for r in rules
        if r.effect == decision.effect and rule_matches(r, user)
    )
    assert decision.matched_rules == expected
    if not expected:
        assert decision.effect == "DENY"


@given(st.lists(st.sampled_from(USERS), min_size=1, max_size=3), users)
def test_not_target_users_is_the_complement_of_target_users(listed: list[str], user: str) -> None:
    include = rule(target_users=tuple(listed))
    exclude = rule(not_target_users=tuple(listed))
    assert rule_matches(include, user) is (user in listed)
    assert rule_matches(exclude, user) is not rule_matches(include, user)
