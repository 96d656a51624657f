"""Mobile device access decision (spec section 3.1).

:func:`evaluate` simulates the rules, as GetMobileDeviceAccessEffect does, and takes an
optional override effect so that a caller deciding real device access for a (user,
device) pair can apply the override it found: an override wins over the rules. Rules
have no priority member, so their order never changes the effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workmail_mock.rules.matching import NONE_VALUE, check_effect, decide

# Rule attribute -> API member name, for from_api.
_LIST_MEMBERS = {
    "device_types": "DeviceTypes",
    "not_device_types": "NotDeviceTypes",
    "device_models": "DeviceModels",
    "not_device_models": "NotDeviceModels",
    "device_operating_systems": "DeviceOperatingSystems",
    "not_device_operating_systems": "NotDeviceOperatingSystems",
    "device_user_agents": "DeviceUserAgents",
    "not_device_user_agents": "NotDeviceUserAgents",
}

# Device attribute -> API member name of GetMobileDeviceAccessEffect's input.
_DEVICE_MEMBERS = {
    "device_type": "DeviceType",
    "device_model": "DeviceModel",
    "device_operating_system": "DeviceOperatingSystem",
    "device_user_agent": "DeviceUserAgent",
}


def _strings(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(values) if values else ()


#: One attribute condition pair, compiled: (index of the device attribute, whether the
#: positive list is set, its lower-cased prefixes, whether it holds ``$NONE``, whether
#: the negative list is set, its lower-cased prefixes without ``$NONE``).
_Condition = tuple[int, bool, tuple[str, ...], bool, bool, tuple[str, ...]]

#: The condition pairs, in the order of a device's attributes.
_PAIRS = (
    ("device_types", "not_device_types"),
    ("device_models", "not_device_models"),
    ("device_operating_systems", "not_device_operating_systems"),
    ("device_user_agents", "not_device_user_agents"),
)


def _compile(rule: MobileDeviceAccessRule) -> tuple[_Condition, ...]:
    """The rule's set conditions with their values lower-cased once, so that a decision
    is one ``str.startswith`` over a tuple of prefixes per condition (the semantics of
    ``matching.device_condition_holds``, which the unit tests compare it with)."""
    compiled = []
    for index, (positive, negative) in enumerate(_PAIRS):
        include: tuple[str, ...] = getattr(rule, positive)
        exclude: tuple[str, ...] = getattr(rule, negative)
        if not include and not exclude:
            continue
        compiled.append((
            index,
            bool(include),
            tuple(value.lower() for value in include if value != NONE_VALUE),
            NONE_VALUE in include,
            bool(exclude),
            tuple(value.lower() for value in exclude if value != NONE_VALUE),
        ))
    return tuple(compiled)


@dataclass(frozen=True)
class MobileDeviceAccessRule:
    """One mobile device access rule. Each value is a case-insensitive prefix, or
    ``$NONE`` for "not reported"; an empty list sets no condition."""

    rule_id: str
    name: str
    effect: str
    device_types: tuple[str, ...] = ()
    not_device_types: tuple[str, ...] = ()
    device_models: tuple[str, ...] = ()
    not_device_models: tuple[str, ...] = ()
    device_operating_systems: tuple[str, ...] = ()
    not_device_operating_systems: tuple[str, ...] = ()
    device_user_agents: tuple[str, ...] = ()
    not_device_user_agents: tuple[str, ...] = ()

    #: The conditions compiled once (see :func:`_compile`); not part of the rule's value.
    conditions: tuple[_Condition, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_effect(self.effect)
        # Accept any iterable (a stored list, say) and keep the rule hashable.
        for attribute in _LIST_MEMBERS:
            object.__setattr__(self, attribute, _strings(getattr(self, attribute)))
        object.__setattr__(self, "conditions", _compile(self))

    @classmethod
    def from_api(cls, rule: Mapping[str, Any]) -> MobileDeviceAccessRule:
        """Build a rule from API members (``MobileDeviceAccessRuleId``, ``Name``, ...)."""
        lists = {
            attribute: _strings(rule.get(member)) for attribute, member in _LIST_MEMBERS.items()
        }
        return cls(
            rule_id=rule["MobileDeviceAccessRuleId"],
            name=rule["Name"],
            effect=rule["Effect"],
            **lists,
        )


@dataclass(frozen=True)
class Device:
    """What a device reports; None for an attribute it does not report."""

    device_type: str | None = None
    device_model: str | None = None
    device_operating_system: str | None = None
    device_user_agent: str | None = None

    @classmethod
    def from_api(cls, request: Mapping[str, Any]) -> Device:
        """Build from GetMobileDeviceAccessEffect's input members (``DeviceType``, ...)."""
        return cls(
            **{attribute: request.get(member) for attribute, member in _DEVICE_MEMBERS.items()}
        )


@dataclass(frozen=True)
class MatchedRule:
    """A rule in ``MatchedRules``: its id and name."""

    rule_id: str
    name: str

    def to_api(self) -> dict[str, str]:
        return {"MobileDeviceAccessRuleId": self.rule_id, "Name": self.name}


@dataclass(frozen=True)
class MobileDecision:
    """The effect, the applying rules with that effect (rule order), and whether an
    override decided instead of the rules (then no rule is listed)."""

    effect: str
    matched_rules: tuple[MatchedRule, ...] = ()
    by_override: bool = False

    def to_api(self) -> dict[str, Any]:
        """The GetMobileDeviceAccessEffect output (``MatchedRules`` is always present)."""
        return {
            "Effect": self.effect,
            "MatchedRules": [rule.to_api() for rule in self.matched_rules],
        }


def _applies(rule: MobileDeviceAccessRule, attributes: tuple[str | None, ...]) -> bool:
    """``rule_applies`` over the device's attributes already lower-cased (None: not
    reported)."""
    for index, has_include, include, include_none, has_exclude, exclude in rule.conditions:
        attribute = attributes[index]
        if attribute is None:
            # $NONE matches an unreported attribute; a negative list never holds for one.
            if (has_include and not include_none) or has_exclude:
                return False
        elif (has_include and not attribute.startswith(include)) or (
            has_exclude and attribute.startswith(exclude)
        ):
            return False
    return True


def _lowered(device: Device) -> tuple[str | None, ...]:
    return tuple(
        None if value is None else value.lower()
        for value in (
            device.device_type,
            device.device_model,
            device.device_operating_system,
            device.device_user_agent,
        )
    )


def rule_applies(rule: MobileDeviceAccessRule, device: Device) -> bool:
    """Whether all four attribute conditions of the rule hold for the device
    (``matching.device_condition_holds`` for each pair); a rule without conditions
    applies to every device (documented)."""
    return _applies(rule, _lowered(device))


def evaluate(
    rules: Iterable[MobileDeviceAccessRule],
    device: Device,
    override: str | None = None,
) -> MobileDecision:
    """Decide a device's access.

    With an ``override`` effect (the caller's lookup for the user and device, see
    :func:`override_key`), the override decides and no rule is listed: an override wins
    over the rules (documented). GetMobileDeviceAccessEffect passes no override.

    Otherwise: an applying DENY rule denies, else an applying ALLOW rule allows, else
    DENY (documented). ``MatchedRules`` lists the applying rules of the decided effect,
    in rule order (a guess, as for access control); DENY with no rule lists none.
    """
    if override is not None:
        check_effect(override)
        return MobileDecision(effect=override, by_override=True)
    attributes = _lowered(device)
    applying = [rule for rule in rules if _applies(rule, attributes)]
    effect, matched = decide(applying, lambda rule: rule.effect)
    return MobileDecision(
        effect=effect,
        matched_rules=tuple(MatchedRule(rule.rule_id, rule.name) for rule in matched),
    )


def normalize_device_id(device_id: str) -> str:
    """Device ids are case-insensitive (documented); compare them upper-cased."""
    return device_id.upper()


def override_key(user_id: str, device_id: str) -> tuple[str, str]:
    """The key of an override: the resolved user id (compared exactly) and the device
    id upper-cased. The caller resolves an email or name to the user id first."""
    return user_id, normalize_device_id(device_id)


def find_override(
    overrides: Mapping[tuple[str, str], str], user_id: str, device_id: str
) -> str | None:
    """The override effect stored under :func:`override_key` for the pair, if any."""
    return overrides.get(override_key(user_id, device_id))
