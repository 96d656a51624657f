"""Access control decision: what GetAccessControlEffect answers (spec section 1.1).

A rule matches a request when every condition it sets holds; a matching DENY wins, else
a matching ALLOW allows, else access is denied. The caller resolves the user or role id,
validates the action and the addresses, and rejects a request with neither (or both) of
user and role before calling :func:`evaluate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from workmail_mock.rules.matching import check_effect, decide, parse_address, parse_network

#: The protocol actions of the model's Action documentation, compared exactly and
#: case-sensitively (a guess: the model says "valid values include" and lists these 7).
ACTIONS = frozenset(
    {"ActiveSync", "AutoDiscover", "EWS", "IMAP", "SMTP", "WindowsOutlook", "WebMail"}
)
#: The only action an impersonation role may be tested with (documented in the model).
IMPERSONATION_ACTION = "EWS"


@lru_cache(maxsize=4096)
def _address(ip: str) -> tuple[int, int]:
    """An address as (IP version, integer); raises ValueError for text that is not one."""
    parsed = parse_address(ip)
    return parsed.version, int(parsed)


@lru_cache(maxsize=4096)
def _ranges(cidrs: tuple[str, ...]) -> tuple[tuple[int, int, int], ...]:
    """CIDRs as (IP version, network integer, mask integer): an address lies in one when
    the versions agree and ``address & mask == network`` (what ``ipaddress`` computes
    for ``address in network``, without its per-call overhead)."""
    networks = (parse_network(cidr) for cidr in cidrs)
    return tuple(
        (net.version, int(net.network_address), int(net.netmask)) for net in networks
    )


_Compiled = tuple[tuple[tuple[int, int, int], ...], tuple[tuple[int, int, int], ...]]


def _strings(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(values) if values else ()


# Rule attribute -> API member name, for from_api.
_LIST_MEMBERS = {
    "actions": "Actions",
    "not_actions": "NotActions",
    "ip_ranges": "IpRanges",
    "not_ip_ranges": "NotIpRanges",
    "user_ids": "UserIds",
    "not_user_ids": "NotUserIds",
    "impersonation_role_ids": "ImpersonationRoleIds",
    "not_impersonation_role_ids": "NotImpersonationRoleIds",
}


@dataclass(frozen=True)
class AccessControlRule:
    """One access control rule. An empty list sets no condition (a guess, see spec)."""

    name: str
    effect: str
    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    ip_ranges: tuple[str, ...] = ()
    not_ip_ranges: tuple[str, ...] = ()
    user_ids: tuple[str, ...] = ()
    not_user_ids: tuple[str, ...] = ()
    impersonation_role_ids: tuple[str, ...] = ()
    not_impersonation_role_ids: tuple[str, ...] = ()
    #: IpRanges and NotIpRanges compiled once (see :func:`_ranges`); None when a CIDR
    #: does not parse, so that the error surfaces where the rule is evaluated.
    compiled_ranges: _Compiled | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_effect(self.effect)
        # Accept any iterable (a stored list, say) and keep the rule hashable.
        for attribute in _LIST_MEMBERS:
            object.__setattr__(self, attribute, _strings(getattr(self, attribute)))
        try:
            compiled: _Compiled | None = (_ranges(self.ip_ranges), _ranges(self.not_ip_ranges))
        except ValueError:
            compiled = None
        object.__setattr__(self, "compiled_ranges", compiled)

    @classmethod
    def from_api(cls, rule: Mapping[str, Any]) -> AccessControlRule:
        """Build a rule from API members (``Name``, ``Effect``, ``Actions``, ...)."""
        lists = {
            attribute: _strings(rule.get(member)) for attribute, member in _LIST_MEMBERS.items()
        }
        return cls(name=rule["Name"], effect=rule["Effect"], **lists)


@dataclass(frozen=True)
class AccessRequest:
    """The request GetAccessControlEffect tests: who, from where, over which protocol.

    Exactly one of ``user_id`` and ``impersonation_role_id`` is expected; the engine
    does not enforce it (the operation answers InvalidParameterException first).
    """

    ip_address: str
    action: str
    user_id: str | None = None
    impersonation_role_id: str | None = None


@dataclass(frozen=True)
class Decision:
    """The effect and the names of the rules that produced it, in rule order."""

    effect: str
    matched_rules: tuple[str, ...] = field(default=())

    def to_api(self) -> dict[str, Any]:
        """The GetAccessControlEffect output. ``MatchedRules`` is ``[]`` rather than
        absent when nothing matched (a guess)."""
        return {"Effect": self.effect, "MatchedRules": list(self.matched_rules)}


def rule_matches(rule: AccessControlRule, request: AccessRequest) -> bool:
    """Whether every condition the rule sets holds for the request (the AND of the
    conditions is a guess, consistent with the documented mobile-rule semantics).

    Actions compare exactly and case-sensitively (a guess). ``NotUserIds`` holds for a
    role request, which has no user, and ``NotImpersonationRoleIds`` for a user request
    (a guess, spec open question 1). ``UserIds`` / ``ImpersonationRoleIds`` need the
    request to carry a user / role. The address is parsed only for a rule with ranges.

    Written as plain membership tests rather than with ``matching.include_holds``: the
    same conditions, without a call per value (GetAccessControlEffect's hot path).
    """
    action = request.action
    if rule.actions and action not in rule.actions:
        return False
    if rule.not_actions and action in rule.not_actions:
        return False
    if rule.ip_ranges or rule.not_ip_ranges:
        version, address = _address(request.ip_address)
        inside, outside = rule.compiled_ranges or (
            _ranges(rule.ip_ranges), _ranges(rule.not_ip_ranges)
        )
        # Loops rather than any(<generator>): no generator frame per rule.
        if inside:
            for v, base, mask in inside:
                if v == version and address & mask == base:
                    break
            else:
                return False
        for v, base, mask in outside:
            if v == version and address & mask == base:
                return False
    user = request.user_id
    if rule.user_ids and (user is None or user not in rule.user_ids):
        return False
    if rule.not_user_ids and user is not None and user in rule.not_user_ids:
        return False
    role = request.impersonation_role_id
    if rule.impersonation_role_ids and (role is None or role not in rule.impersonation_role_ids):
        return False
    return not (
        rule.not_impersonation_role_ids
        and role is not None
        and role in rule.not_impersonation_role_ids
    )


def evaluate(rules: Iterable[AccessControlRule], request: AccessRequest) -> Decision:
    """Decide a request against the organization's rules.

    - Some matching rule is DENY: DENY, with the names of all matching DENY rules
      (DENY winning over a matching ALLOW is documented; listing all of them is a guess).
    - Else some matching rule is ALLOW: ALLOW, with the matching ALLOW rules (a guess,
      symmetric to DENY).
    - Else DENY with no rules (documented: no rule at all blocks all access).

    Rule order never changes the effect; matched rules keep rule order (a guess).
    Raises ValueError when the request's address does not parse and a rule has IP ranges.
    """
    matching = [rule for rule in rules if rule_matches(rule, request)]
    effect, matched = decide(matching, lambda rule: rule.effect)
    return Decision(effect=effect, matched_rules=tuple(rule.name for rule in matched))
