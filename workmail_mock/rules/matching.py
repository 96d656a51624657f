"""Matching primitives shared by the three rule engines.

- IPv4 CIDR membership, with :mod:`ipaddress`;
- "include / Not list" conditions: a positive list and its ``Not`` twin;
- the mobile-device value match: case-insensitive prefix, plus the ``$NONE`` value;
- the shared decision: a matching DENY wins, else a matching ALLOW, else DENY.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache
from typing import TypeVar

# The two effects of every WorkMail rule. The engines need them to decide precedence;
# checking that a value is one of them is the validator's job, not ours.
ALLOW = "ALLOW"
DENY = "DENY"
EFFECTS = (ALLOW, DENY)

# The documented special value of mobile device conditions: "the device did not report
# this attribute". Only this exact spelling is special (a guess: the guide spells it
# "$NONE" and says nothing about other casings).
NONE_VALUE = "$NONE"

T = TypeVar("T")
R = TypeVar("R")


def check_effect(effect: str) -> None:
    """Refuse an effect the engines cannot rank (a programming error of the caller)."""
    if effect not in EFFECTS:
        raise ValueError(f"unknown rule effect {effect!r}; expected one of {EFFECTS}")


# -- IPv4 CIDRs -------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def parse_network(cidr: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A CIDR as a network; host bits are allowed and dropped (a guess: ``strict=False``).

    Raises ValueError for text that is not a network; the operations layer validates
    CIDRs before they are stored.
    """
    return ipaddress.ip_network(cidr, strict=False)


@lru_cache(maxsize=4096)
def parse_address(ip: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """An IP address; raises ValueError for text that is not one."""
    return ipaddress.ip_address(ip)


def ip_in_cidr(ip: str, cidr: str) -> bool:
    """Whether the address lies in the CIDR. An address of the other IP version lies in
    no network of this one. Raises ValueError when either does not parse."""
    return parse_address(ip) in parse_network(cidr)


def ip_in_ranges(ip: str, cidrs: Iterable[str]) -> bool:
    """Whether the address lies in at least one of the CIDRs (False for no CIDRs)."""
    return any(ip_in_cidr(ip, cidr) for cidr in cidrs)


# -- Include / Not lists ----------------------------------------------------------------


def include_holds(values: Collection[T] | None, matches: Callable[[T], bool]) -> bool:
    """A positive condition list: absent or empty sets no condition (holds), otherwise
    it holds when any value matches.

    That ``[]`` means "no condition" is a guess: the model allows an empty list and the
    spec stores it as if the member were left out.
    """
    if not values:
        return True
    return any(matches(value) for value in values)


def exclude_holds(values: Collection[T] | None, matches: Callable[[T], bool]) -> bool:
    """A ``Not`` condition list: absent or empty sets no condition (holds), otherwise it
    holds when no value matches. For a non-empty list it is the complement of
    :func:`include_holds` over the same list."""
    if not values:
        return True
    return not any(matches(value) for value in values)


def pair_holds(
    include: Collection[T] | None,
    exclude: Collection[T] | None,
    matches: Callable[[T], bool],
) -> bool:
    """A list and its ``Not`` twin together: both must hold (a guess; the model allows
    giving both, and refusing the pair would refuse input the model accepts)."""
    return include_holds(include, matches) and exclude_holds(exclude, matches)


# -- Mobile device values ---------------------------------------------------------------


def prefix_matches(value: str, attribute: str) -> bool:
    """Case-insensitive prefix match of a rule value against a reported attribute.

    ``str.lower`` as the spec writes it, not ``casefold``: the two differ inside the
    model's character range (``"ß".casefold() == "ss"``).
    """
    return attribute.lower().startswith(value.lower())


def device_value_matches(value: str, attribute: str | None) -> bool:
    """One value of a positive mobile list against an attribute (None: not reported).

    ``$NONE`` matches exactly the unreported attribute; any other value is a
    case-insensitive prefix of a reported one. ``$NONE`` is never read as a prefix of a
    reported attribute (a guess: it is documented only as the "not reported" marker).
    """
    if value == NONE_VALUE:
        return attribute is None
    return attribute is not None and prefix_matches(value, attribute)


def device_condition_holds(
    include: Collection[str] | None,
    exclude: Collection[str] | None,
    attribute: str | None,
) -> bool:
    """A mobile attribute condition pair (for example DeviceTypes / NotDeviceTypes).

    The positive list holds when any value matches, ``$NONE`` included. The negative
    list holds only for a reported attribute that no value prefix-matches: an
    unreported attribute never satisfies a non-empty negative list (documented), and a
    ``$NONE`` inside a negative list matches nothing (a guess: once the list can hold at
    all the attribute is known to be present).
    """
    if not include_holds(include, lambda value: device_value_matches(value, attribute)):
        return False
    if not exclude:
        return True
    if attribute is None:
        return False
    return not any(value != NONE_VALUE and prefix_matches(value, attribute) for value in exclude)


# -- The decision -----------------------------------------------------------------------


def decide(matching: Iterable[R], effect_of: Callable[[R], str]) -> tuple[str, tuple[R, ...]]:
    """Combine the rules that match a request into (effect, matched rules).

    A matching DENY wins and the matched rules are the matching DENY rules; otherwise a
    matching ALLOW allows with the matching ALLOW rules; otherwise DENY with none.
    Matched rules keep the order they are given in (a guess: rule list order).
    """
    matched = tuple(matching)
    denies = tuple(rule for rule in matched if effect_of(rule) == DENY)
    if denies:
        return DENY, denies
    allows = tuple(rule for rule in matched if effect_of(rule) == ALLOW)
    if allows:
        return ALLOW, allows
    return DENY, ()
