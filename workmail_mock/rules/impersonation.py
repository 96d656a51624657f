"""Impersonation role decision: what GetImpersonationRoleEffect answers (spec section 2).

The caller resolves the target user and every ``TargetUsers`` / ``NotTargetUsers``
entry (an id, email or name) to user ids first; this engine compares ids only. A role
without rules impersonates nobody; an ALLOW rule without conditions allows everyone
(both documented).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workmail_mock.rules.matching import check_effect, decide


def _strings(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(values) if values else ()


@dataclass(frozen=True)
class ImpersonationRule:
    """One rule of a role, with its target lists already resolved to user ids."""

    rule_id: str
    effect: str
    name: str | None = None
    target_users: tuple[str, ...] = ()
    not_target_users: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_effect(self.effect)
        object.__setattr__(self, "target_users", _strings(self.target_users))
        object.__setattr__(self, "not_target_users", _strings(self.not_target_users))

    @classmethod
    def from_api(
        cls,
        rule: Mapping[str, Any],
        resolve: Callable[[str], str] | None = None,
    ) -> ImpersonationRule:
        """Build a rule from API members (``ImpersonationRuleId``, ``Effect``, ``Name``,
        ``TargetUsers``, ``NotTargetUsers``). ``resolve``, when given, maps each target
        entry (id, email or name) to a user id; otherwise entries are taken as ids."""

        def convert(entry: str) -> str:
            return resolve(entry) if resolve is not None else entry

        return cls(
            rule_id=rule["ImpersonationRuleId"],
            effect=rule["Effect"],
            name=rule.get("Name"),
            target_users=tuple(convert(entry) for entry in rule.get("TargetUsers") or ()),
            not_target_users=tuple(convert(entry) for entry in rule.get("NotTargetUsers") or ()),
        )


@dataclass(frozen=True)
class ImpersonationMatchedRule:
    """A rule in ``MatchedRules``: its id and its name (None when the rule has none)."""

    rule_id: str
    name: str | None = None

    def to_api(self) -> dict[str, str]:
        member = {"ImpersonationRuleId": self.rule_id}
        if self.name is not None:
            member["Name"] = self.name
        return member


@dataclass(frozen=True)
class ImpersonationDecision:
    """The role's type, the effect, and the matching rules of that effect (rule order)."""

    role_type: str
    effect: str
    matched_rules: tuple[ImpersonationMatchedRule, ...] = ()

    def to_api(self) -> dict[str, Any]:
        """The GetImpersonationRoleEffect output (``MatchedRules`` is always present)."""
        return {
            "Type": self.role_type,
            "Effect": self.effect,
            "MatchedRules": [rule.to_api() for rule in self.matched_rules],
        }


def rule_matches(rule: ImpersonationRule, target_user_id: str) -> bool:
    """Whether each condition the rule sets holds for the target (the AND is a guess).

    ``TargetUsers`` holds when the target is one of them, ``NotTargetUsers`` when it is
    none of them; a rule without conditions matches everyone (documented). Plain
    membership tests: ``matching.include_holds`` / ``exclude_holds`` over equality,
    without a call per entry (GetImpersonationRoleEffect's hot path).
    """
    if rule.target_users and target_user_id not in rule.target_users:
        return False
    return not (rule.not_target_users and target_user_id in rule.not_target_users)


def evaluate(
    role_type: str, rules: Iterable[ImpersonationRule], target_user_id: str
) -> ImpersonationDecision:
    """Decide whether a role may impersonate the target user.

    A matching DENY denies, else a matching ALLOW allows, else DENY (documented).
    ``MatchedRules`` lists the matching rules of the decided effect in rule order (a
    guess, by analogy with access control); DENY with no match lists none. The role type
    is echoed and never changes the effect (a guess: it only limits EWS operations).
    """
    matching = [rule for rule in rules if rule_matches(rule, target_user_id)]
    effect, matched = decide(matching, lambda rule: rule.effect)
    return ImpersonationDecision(
        role_type=role_type,
        effect=effect,
        matched_rules=tuple(ImpersonationMatchedRule(rule.rule_id, rule.name) for rule in matched),
    )
