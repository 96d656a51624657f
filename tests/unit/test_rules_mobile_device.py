"""The mobile device access decision (spec section 3.1) and overrides."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workmail_mock.rules.matching import NONE_VALUE, device_condition_holds
from workmail_mock.rules.mobile_device import (
    Device,
    MatchedRule,
    MobileDecision,
    MobileDeviceAccessRule,
    evaluate,
    find_override,
    normalize_device_id,
    override_key,
    rule_applies,
)

ALLOW_ALL = MobileDeviceAccessRule(rule_id="r-default", name="default", effect="ALLOW")

IPHONE = Device(
    device_type="iPhone",
    device_model="iPhone10C1",
    device_operating_system="iOS 12.3.1 16F203",
    device_user_agent="iOS/14.2 (18B92) exchangesyncd/1.0",
)
ANDROID = Device(
    device_type="Android",
    device_model="Pixel 7",
    device_operating_system="Android 14",
    device_user_agent="Android-Mail/2023.1",
)
SILENT = Device()  # reports nothing


def rule(
    effect: str = "ALLOW", rule_id: str = "r1", name: str = "rule", **lists: Any
) -> MobileDeviceAccessRule:
    return MobileDeviceAccessRule(rule_id=rule_id, name=name, effect=effect, **lists)


# -- Documented behaviour -----------------------------------------------------------------


def test_the_default_allow_all_rule_allows_any_device() -> None:
    for device in (IPHONE, ANDROID, SILENT):
        decision = evaluate([ALLOW_ALL], device)
        assert decision == MobileDecision("ALLOW", (MatchedRule("r-default", "default"),))


def test_no_rules_block_all_mobile_access() -> None:
    decision = evaluate([], IPHONE)
    assert decision == MobileDecision("DENY", ())
    assert decision.to_api() == {"Effect": "DENY", "MatchedRules": []}


def test_deny_beats_allow_and_only_deny_rules_are_listed() -> None:
    deny_iphones = rule("DENY", "r2", "no-iphones", device_types=("iphone",))
    decision = evaluate([ALLOW_ALL, deny_iphones], IPHONE)
    assert decision.to_api() == {
        "Effect": "DENY",
        "MatchedRules": [{"MobileDeviceAccessRuleId": "r2", "Name": "no-iphones"}],
    }
    assert evaluate([ALLOW_ALL, deny_iphones], ANDROID).effect == "ALLOW"


def test_mdm_pattern_default_deny_all_with_allow_overrides() -> None:
    # AG mdm-integration: a DefaultDenyAll rule plus per-device ALLOW overrides.
    deny_all = rule("DENY", "r-deny", "DefaultDenyAll")
    assert evaluate([deny_all], IPHONE) == MobileDecision(
        "DENY", (MatchedRule("r-deny", "DefaultDenyAll"),)
    )
    assert evaluate([deny_all], IPHONE, override="ALLOW") == MobileDecision(
        "ALLOW", (), by_override=True
    )


# -- Conditions ---------------------------------------------------------------------------

CONDITION_CASES: list[tuple[dict[str, Any], Device, bool]] = [
    # Case-insensitive prefix on each attribute, with the guide's example values.
    ({"device_types": ("iphone",)}, IPHONE, True),
    ({"device_types": ("IPHONE",)}, IPHONE, True),
    ({"device_types": ("iphone",)}, ANDROID, False),
    ({"device_models": ("iPhone10",)}, IPHONE, True),
    ({"device_models": ("iPhone11",)}, IPHONE, False),
    ({"device_operating_systems": ("ios 12",)}, IPHONE, True),
    ({"device_operating_systems": ("iOS 13",)}, IPHONE, False),
    ({"device_user_agents": ("iOS/14.2",)}, IPHONE, True),
    ({"device_user_agents": ("exchangesyncd",)}, IPHONE, False),  # prefix, not substring
    # The documented list ["iphone", "ipad", "$NONE"].
    ({"device_types": ("iphone", "ipad", NONE_VALUE)}, IPHONE, True),
    ({"device_types": ("iphone", "ipad", NONE_VALUE)}, Device(device_type="iPad"), True),
    ({"device_types": ("iphone", "ipad", NONE_VALUE)}, SILENT, True),
    ({"device_types": ("iphone", "ipad", NONE_VALUE)}, ANDROID, False),
    ({"device_types": ("iphone",)}, SILENT, False),
    # Negative lists need a reported attribute.
    ({"not_device_types": ("iphone",)}, ANDROID, True),
    ({"not_device_types": ("iphone",)}, IPHONE, False),
    ({"not_device_types": ("iphone",)}, SILENT, False),
    ({"not_device_user_agents": ("android",)}, IPHONE, True),
    ({"not_device_user_agents": ("android",)}, Device(device_type="iPhone"), False),
    ({"not_device_types": (NONE_VALUE,)}, IPHONE, True),  # a guess: $NONE there matches nothing
    ({"not_device_types": (NONE_VALUE,)}, SILENT, False),
    # No wildcards.
    ({"device_types": ("*",)}, IPHONE, False),
    # A rule applies when all of its conditions hold.
    ({"device_types": ("iphone",), "device_operating_systems": ("iOS 12",)}, IPHONE, True),
    ({"device_types": ("iphone",), "device_operating_systems": ("iOS 13",)}, IPHONE, False),
    ({"device_types": ("i",), "not_device_types": ("ipad",)}, IPHONE, True),
    ({"device_types": ("i",), "not_device_types": ("ipad",)}, Device(device_type="iPad"), False),
    # $NONE for one attribute, a value for another.
    (
        {"device_types": (NONE_VALUE,), "device_models": ("pixel",)},
        Device(device_model="Pixel 7"),
        True,
    ),
    ({"device_types": (NONE_VALUE,), "device_models": ("pixel",)}, ANDROID, False),
]


@pytest.mark.parametrize(("lists", "device", "applies"), CONDITION_CASES)
def test_conditions(lists: dict[str, Any], device: Device, applies: bool) -> None:
    for effect in ("ALLOW", "DENY"):
        candidate = rule(effect, **lists)
        assert rule_applies(candidate, device) is applies
        expected = (
            MobileDecision(effect, (MatchedRule("r1", "rule"),))
            if applies
            else MobileDecision("DENY", ())
        )
        assert evaluate([candidate], device) == expected


def test_matched_rules_keep_rule_order_and_only_the_decided_effect() -> None:
    rules = [
        rule("ALLOW", "a1", "apple", device_types=("iphone", "ipad")),
        rule("DENY", "d1", "old-ios", device_operating_systems=("iOS 11",)),
        rule("ALLOW", "a2", "any"),
        rule("ALLOW", "a3", "android", device_types=("android",)),
    ]
    assert evaluate(rules, IPHONE).matched_rules == (
        MatchedRule("a1", "apple"),
        MatchedRule("a2", "any"),
    )
    old = Device(device_type="iPhone", device_operating_system="iOS 11.4")
    assert evaluate(rules, old).matched_rules == (MatchedRule("d1", "old-ios"),)


# -- Overrides ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "rules", "effect"),
    [
        ("ALLOW", [], "ALLOW"),
        ("ALLOW", [rule("DENY")], "ALLOW"),
        ("DENY", [ALLOW_ALL], "DENY"),
        ("DENY", [], "DENY"),
        (None, [ALLOW_ALL], "ALLOW"),
        (None, [], "DENY"),
    ],
)
def test_an_override_wins_over_the_rules(
    override: str | None, rules: list[MobileDeviceAccessRule], effect: str
) -> None:
    decision = evaluate(rules, IPHONE, override=override)
    assert decision.effect == effect
    assert decision.by_override is (override is not None)
    if override is not None:
        assert decision.matched_rules == ()


def test_an_unknown_override_effect_is_refused() -> None:
    with pytest.raises(ValueError):
        evaluate([ALLOW_ALL], IPHONE, override="allow")


def test_device_ids_are_case_insensitive_in_override_keys() -> None:
    assert normalize_device_id("abc123XYZ") == "ABC123XYZ"
    assert override_key("user-1", "abcDEF1") == override_key("user-1", "ABCdef1")
    assert override_key("user-1", "abc") != override_key("user-2", "abc")
    overrides = {override_key("user-1", "Device1"): "ALLOW"}
    assert find_override(overrides, "user-1", "DEVICE1") == "ALLOW"
    assert find_override(overrides, "user-1", "device1") == "ALLOW"
    assert find_override(overrides, "user-2", "device1") is None
    assert find_override(overrides, "user-1", "device2") is None


# -- from_api -----------------------------------------------------------------------------


def test_rule_and_device_from_api() -> None:
    stored = {
        "MobileDeviceAccessRuleId": "r9",
        "Name": "n",
        "Description": "d",
        "Effect": "DENY",
        "DeviceTypes": ["iphone", NONE_VALUE],
        "NotDeviceUserAgents": ["bad"],
    }
    assert MobileDeviceAccessRule.from_api(stored) == rule(
        "DENY", "r9", "n", device_types=("iphone", NONE_VALUE), not_device_user_agents=("bad",)
    )
    request = {"OrganizationId": "m-1", "DeviceType": "iPhone", "DeviceUserAgent": "ua"}
    assert Device.from_api(request) == Device(device_type="iPhone", device_user_agent="ua")


# -- Properties ---------------------------------------------------------------------------

VALUES = ["i", "iphone", "IPAD", "and", "pixel", "ios 1", NONE_VALUE]
REPORTED = ["iPhone", "iPad", "Android", "Pixel 7", "iOS 12", "ios 17"]
LISTS = [
    "device_types",
    "not_device_types",
    "device_models",
    "not_device_models",
    "device_operating_systems",
    "not_device_operating_systems",
    "device_user_agents",
    "not_device_user_agents",
]
attribute = st.one_of(st.none(), st.sampled_from(REPORTED))
devices = st.builds(
    Device,
    device_type=attribute,
    device_model=attribute,
    device_operating_system=attribute,
    device_user_agent=attribute,
)


@st.composite
def rules_(draw: st.DrawFn, effect: str | None = None) -> MobileDeviceAccessRule:
    chosen = draw(st.lists(st.sampled_from(LISTS), max_size=2, unique=True))
    lists = {
        name: tuple(draw(st.lists(st.sampled_from(VALUES), min_size=1, max_size=3)))
        for name in chosen
    }
    return MobileDeviceAccessRule(
        rule_id=draw(st.text(alphabet="abc123", min_size=1, max_size=5)),
        name=draw(st.text(min_size=1, max_size=5)),
        effect=effect or draw(st.sampled_from(["ALLOW", "DENY"])),
        **lists,
    )


rule_lists = st.lists(rules_(), max_size=6)


@given(rule_lists, rules_(effect="ALLOW"), devices)
def test_adding_an_allow_rule_never_turns_allow_into_deny(
    rules: list[MobileDeviceAccessRule], allow: MobileDeviceAccessRule, device: Device
) -> None:
    if evaluate(rules, device).effect == "ALLOW":
        assert evaluate([*rules, allow], device).effect == "ALLOW"


@given(rule_lists, rules_(effect="DENY"), devices)
def test_adding_a_deny_rule_never_turns_deny_into_allow(
    rules: list[MobileDeviceAccessRule], deny: MobileDeviceAccessRule, device: Device
) -> None:
    if evaluate(rules, device).effect == "DENY":
        assert evaluate([deny, *rules], device).effect == "DENY"


@given(rule_lists, devices, st.randoms(use_true_random=False))
def test_rule_order_never_changes_the_effect(
    rules: list[MobileDeviceAccessRule], device: Device, random: Any
) -> None:
    shuffled = list(rules)
    random.shuffle(shuffled)
    before, after = evaluate(rules, device), evaluate(shuffled, device)
    assert before.effect == after.effect
    assert sorted(before.matched_rules, key=repr) == sorted(after.matched_rules, key=repr)


@given(rule_lists, devices)
def test_matched_rules_are_exactly_the_applying_rules_of_the_winning_effect(
    rules: list[MobileDeviceAccessRule], device: Device
) -> None:
    decision = evaluate(rules, device)
    expected = tuple(
        MatchedRule(r.rule_id, r.name)
        for r in rules
        if r.effect == decision.effect and rule_applies(r, device)
    )
    assert decision.matched_rules == expected
    if not expected:
        assert decision.effect == "DENY"


@given(rule_lists, devices, st.sampled_from(["ALLOW", "DENY"]))
def test_an_override_decides_whatever_the_rules(
    rules: list[MobileDeviceAccessRule], device: Device, override: str
) -> None:
    assert evaluate(rules, device, override=override) == MobileDecision(
        override, (), by_override=True
    )


@given(st.sampled_from([(LISTS[i], LISTS[i + 1]) for i in range(0, 8, 2)]), st.data(), devices)
def test_a_not_list_is_the_complement_for_reported_attributes(
    pair: tuple[str, str], data: st.DataObject, device: Device
) -> None:
    positive, negative = pair
    values = tuple(data.draw(st.lists(st.sampled_from(VALUES), min_size=1, max_size=3)))
    include_lists: dict[str, Any] = {positive: values}
    exclude_lists: dict[str, Any] = {negative: values}
    include, exclude = rule(**include_lists), rule(**exclude_lists)
    reported = getattr(device, positive.removesuffix("s"))
    if reported is None:
        assert not rule_applies(exclude, device)
        assert rule_applies(include, device) is (NONE_VALUE in values)
    else:
        assert rule_applies(exclude, device) is not rule_applies(include, device)


@given(
    st.sampled_from(["device_types", "device_models", "device_user_agents"]),
    st.sampled_from(REPORTED),
    st.data(),
)
def test_matching_is_case_insensitive(attribute: str, reported: str, data: st.DataObject) -> None:
    cut = data.draw(st.integers(min_value=1, max_value=len(reported)))
    prefix = reported[:cut]
    field = attribute.removesuffix("s")
    device = Device(**{field: reported})
    for value in (prefix, prefix.upper(), prefix.lower(), prefix.swapcase()):
        lists: dict[str, Any] = {attribute: (value,)}
        assert rule_applies(rule(**lists), device)


@st.composite
def any_rules(draw: st.DrawFn) -> MobileDeviceAccessRule:
    """Rules over every list, with values drawn from Latin-1 text as well."""
    value = st.one_of(st.sampled_from(VALUES), st.text(alphabet="aAiIß $NOE", min_size=1, max_size=4))
    chosen = draw(st.lists(st.sampled_from(LISTS), max_size=8, unique=True))
    lists = {name: tuple(draw(st.lists(value, min_size=1, max_size=3))) for name in chosen}
    return MobileDeviceAccessRule(rule_id="r", name="r", effect="DENY", **lists)


any_attribute = st.one_of(attribute, st.text(alphabet="aAiIß $NOE", max_size=5))


@given(any_rules(), st.builds(
    Device, device_type=any_attribute, device_model=any_attribute,
    device_operating_system=any_attribute, device_user_agent=any_attribute,
))
def test_the_compiled_rule_decides_as_the_shared_matching_module(
    rule_: MobileDeviceAccessRule, device: Device
) -> None:
    """rule_applies compiles each rule once; it must agree with the reference semantics
    of matching.device_condition_holds over the four pairs."""
    expected = all(
        device_condition_holds(getattr(rule_, positive), getattr(rule_, negative), value)
        for (positive, negative), value in zip(
            (
                ("device_types", "not_device_types"),
                ("device_models", "not_device_models"),
                ("device_operating_systems", "not_device_operating_systems"),
                ("device_user_agents", "not_device_user_agents"),
            ),
            (device.device_type, device.device_model, device.device_operating_system,
             device.device_user_agent),
            strict=True,
        )
    )
    assert rule_applies(rule_, device) is expected
