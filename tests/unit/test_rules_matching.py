"""The shared matching primitives of workmail_mock.rules."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workmail_mock.rules.matching import (
    ALLOW,
    DENY,
    NONE_VALUE,
    check_effect,
    decide,
    device_condition_holds,
    device_value_matches,
    exclude_holds,
    include_holds,
    ip_in_cidr,
    ip_in_ranges,
    pair_holds,
    prefix_matches,
)

# -- IPv4 CIDRs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ip", "cidr", "inside"),
    [
        ("192.0.2.0", "192.0.2.0/24", True),
        ("192.0.2.255", "192.0.2.0/24", True),
        ("192.0.3.0", "192.0.2.0/24", False),
        ("10.1.2.3", "0.0.0.0/0", True),
        ("10.1.2.3", "10.1.2.3/32", True),
        ("10.1.2.4", "10.1.2.3/32", False),
        # Host bits set: accepted and dropped (strict=False).
        ("192.0.2.7", "192.0.2.5/24", True),
        ("192.0.3.7", "192.0.2.5/24", False),
        ("172.16.0.1", "172.16.0.0/12", True),
        ("172.32.0.1", "172.16.0.0/12", False),
    ],
)
def test_ip_in_cidr(ip: str, cidr: str, inside: bool) -> None:
    assert ip_in_cidr(ip, cidr) is inside


def test_ip_in_ranges_is_any_of_the_cidrs() -> None:
    assert ip_in_ranges("198.51.100.9", ["192.0.2.0/24", "198.51.100.0/24"]) is True
    assert ip_in_ranges("203.0.113.9", ["192.0.2.0/24", "198.51.100.0/24"]) is False
    assert ip_in_ranges("203.0.113.9", []) is False


def test_ipv6_address_lies_in_no_ipv4_range() -> None:
    assert ip_in_ranges("::1", ["0.0.0.0/0"]) is False


@pytest.mark.parametrize(("ip", "cidr"), [("not-an-ip", "10.0.0.0/8"), ("10.0.0.1", "10.0.0.0/33")])
def test_unparseable_input_raises_value_error(ip: str, cidr: str) -> None:
    with pytest.raises(ValueError):
        ip_in_cidr(ip, cidr)


ipv4 = st.ip_addresses(v=4).map(str)
prefix_length = st.integers(min_value=0, max_value=32)


@given(ipv4, ipv4, prefix_length)
def test_ip_in_cidr_agrees_with_network_arithmetic(ip: str, base: str, length: int) -> None:
    mask = (0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF
    expected = int(ipaddress.IPv4Address(ip)) & mask == int(ipaddress.IPv4Address(base)) & mask
    assert ip_in_cidr(ip, f"{base}/{length}") is expected


@given(ipv4, prefix_length)
def test_a_cidr_holds_its_own_base_address(base: str, length: int) -> None:
    assert ip_in_cidr(base, f"{base}/{length}")


# -- Include / Not lists --------------------------------------------------------------------


def _never(value: str) -> bool:
    return False


@pytest.mark.parametrize("empty", [None, [], ()])
def test_an_absent_or_empty_list_sets_no_condition(empty: list[str] | None) -> None:
    assert include_holds(empty, _never) is True
    assert exclude_holds(empty, _never) is True
    assert pair_holds(empty, empty, _never) is True


@pytest.mark.parametrize(
    ("values", "subject", "include", "exclude"),
    [
        (["EWS"], "EWS", True, False),
        (["EWS", "IMAP"], "IMAP", True, False),
        (["EWS", "IMAP"], "SMTP", False, True),
        (["ews"], "EWS", False, True),  # plain equality is case-sensitive
    ],
)
def test_include_and_exclude_with_equality(
    values: list[str], subject: str, include: bool, exclude: bool
) -> None:
    assert include_holds(values, subject.__eq__) is include
    assert exclude_holds(values, subject.__eq__) is exclude


def test_pair_needs_both_lists_to_hold() -> None:
    equals = "EWS".__eq__
    assert pair_holds(["EWS", "IMAP"], ["SMTP"], equals) is True
    assert pair_holds(["EWS", "IMAP"], ["EWS"], equals) is False
    assert pair_holds(["IMAP"], ["SMTP"], equals) is False


words = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=4)


@given(words, st.sampled_from(["a", "b", "c", "d", "e"]))
def test_a_not_list_is_the_complement_of_its_twin(values: list[str], subject: str) -> None:
    include = include_holds(values, subject.__eq__)
    exclude = exclude_holds(values, subject.__eq__)
    if values:
        assert exclude is not include
        assert include is (subject in values)
    else:
        assert include and exclude


# -- Mobile device values -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "attribute", "matches"),
    [
        # The admin guide's examples: case-insensitive prefix match.
        ("iphone", "iPhone", True),
        ("IPHONE", "iPhone10C1", True),
        ("iPhone10", "iPhone10C1", True),
        ("iPhone11", "iPhone10C1", False),
        ("iOS 12", "iOS 12.3.1 16F203", True),
        ("iOS/14.2", "iOS/14.2 (18B92) exchangesyncd/1.0", True),
        ("exchangesyncd", "iOS/14.2 (18B92) exchangesyncd/1.0", False),  # prefix, not substring
        ("iPhone10C1X", "iPhone10C1", False),  # longer than the attribute
        ("*", "iPhone", False),  # no wildcards: "*" is an ordinary character
        ("i*", "i*Phone", True),
    ],
)
def test_prefix_matches(value: str, attribute: str, matches: bool) -> None:
    assert prefix_matches(value, attribute) is matches
    assert device_value_matches(value, attribute) is matches


def test_prefix_match_uses_lower_not_casefold() -> None:
    # "ß".casefold() is "ss"; the spec's rule is str.lower().
    assert prefix_matches("ss", "ßeta") is False
    assert prefix_matches("SS", "ssx") is True


@pytest.mark.parametrize(
    ("value", "attribute", "matches"),
    [
        (NONE_VALUE, None, True),
        (NONE_VALUE, "iPhone", False),
        (NONE_VALUE, "$NONE", False),  # only "not reported", never a prefix
        ("$none", None, False),  # only the exact spelling is special (a guess)
        ("iphone", None, False),
    ],
)
def test_device_value_none(value: str, attribute: str | None, matches: bool) -> None:
    assert device_value_matches(value, attribute) is matches


@pytest.mark.parametrize(
    ("include", "exclude", "attribute", "holds"),
    [
        # Documented: ["iphone","ipad","$NONE"] matches an iPhone, an iPad or no type.
        (["iphone", "ipad", NONE_VALUE], None, "iPhone", True),
        (["iphone", "ipad", NONE_VALUE], None, "iPad", True),
        (["iphone", "ipad", NONE_VALUE], None, None, True),
        (["iphone", "ipad", NONE_VALUE], None, "Android", False),
        (["iphone"], None, None, False),
        # Negative lists hold only for a reported attribute that no value matches.
        (None, ["iphone"], "Android", True),
        (None, ["iphone"], "iPhone", False),
        (None, ["iphone"], None, False),
        (None, [NONE_VALUE], "iPhone", True),  # $NONE in a Not list matches nothing (a guess)
        (None, [NONE_VALUE], "$NONE and more", True),  # not even a literal "$NONE" prefix
        (None, [NONE_VALUE], None, False),  # unreported never satisfies a negative list
        # Both lists of a pair: both must hold.
        (["i"], ["ipad"], "iPhone", True),
        (["i"], ["ipad"], "iPad", False),
        # No condition at all.
        (None, None, None, True),
        ([], [], "iPhone", True),
    ],
)
def test_device_condition_holds(
    include: list[str] | None, exclude: list[str] | None, attribute: str | None, holds: bool
) -> None:
    assert device_condition_holds(include, exclude, attribute) is holds


device_values = st.lists(
    st.sampled_from(["ip", "iPhone", "IPAD", "and", NONE_VALUE]), min_size=1, max_size=4
)
attributes = st.one_of(st.none(), st.sampled_from(["iPhone", "iPad", "Android", "ip", "x"]))


@given(device_values, attributes)
def test_a_device_not_list_is_the_complement_for_a_reported_attribute(
    listed: list[str], attribute: str | None
) -> None:
    include = device_condition_holds(listed, None, attribute)
    exclude = device_condition_holds(None, listed, attribute)
    if attribute is None:
        assert exclude is False
        assert include is (NONE_VALUE in listed)
    else:
        # $NONE never matches a reported attribute in either list, so the two are exact
        # complements once the attribute is reported.
        assert exclude is not include


latin1 = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF), max_size=6)


@given(latin1, latin1)
def test_a_value_matches_every_attribute_it_starts_whatever_the_case(value: str, rest: str) -> None:
    if value == NONE_VALUE:
        return
    for attribute in (value + rest, value.upper() + rest, value.lower() + rest):
        # The model's character range has letters whose upper() changes length ("ß");
        # lower() of both sides is the rule, so compare with that.
        expected = attribute.lower().startswith(value.lower())
        assert device_value_matches(value, attribute) is expected
    assert device_value_matches(value, value + rest) is True
    assert device_value_matches(value, value.lower() + rest) is True


# -- The decision ---------------------------------------------------------------------------


def test_effects_are_the_model_enum() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("workmail")
    for shape in ("AccessControlRuleEffect", "MobileDeviceAccessRuleEffect", "AccessEffect"):
        assert set(model.shape_for(shape).metadata["enum"]) == {ALLOW, DENY}


@pytest.mark.parametrize("effect", ["allow", "Deny", "", "PERMIT"])
def test_check_effect_refuses_unknown_effects(effect: str) -> None:
    with pytest.raises(ValueError):
        check_effect(effect)


@pytest.mark.parametrize(
    ("matching", "effect", "matched"),
    [
        ([], DENY, ()),
        ([("a", ALLOW)], ALLOW, ("a",)),
        ([("a", ALLOW), ("b", ALLOW)], ALLOW, ("a", "b")),
        ([("a", ALLOW), ("d", DENY)], DENY, ("d",)),
        ([("d", DENY), ("a", ALLOW), ("e", DENY)], DENY, ("d", "e")),
    ],
)
def test_decide(matching: list[tuple[str, str]], effect: str, matched: tuple[str, ...]) -> None:
    decided, rules = decide(matching, lambda rule: rule[1])
    assert decided == effect
    assert tuple(name for name, _ in rules) == matched
