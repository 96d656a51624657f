"""Test-only controls, apart from the API surface: inspect the mock's state.

``snapshot()`` renders every account's and region's WorkMail state as plain data, so a
test can assert that a rejected request changed nothing (``before == after``).
"""

from __future__ import annotations

import datetime
import enum
from typing import Any

from workmail_mock.state.region import LOCK
from workmail_mock.state.store import OrderedStore

#: Not state a test compares: the lock, replay records, progressions and shared indexes.
_SKIP = {
    "lock", "client_tokens", "aliases", "lifecycle", "deletion", "read_before", "ownership",
    "dkim", "_tick", "_time_progressed",
}


def _plain(value: Any, depth: int = 0) -> Any:
    if depth > 12:
        return "..."
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (datetime.datetime, enum.Enum)):
        return str(value)
    if isinstance(value, OrderedStore):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, dict):
        ordered = sorted(value.items(), key=lambda kv: str(kv[0]))
        return {str(k): _plain(v, depth + 1) for k, v in ordered}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v, depth + 1) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if hasattr(value, "__dict__"):
        return {
            k: _plain(v, depth + 1)
            for k, v in sorted(vars(value).items())
            if k not in _SKIP and not callable(v)
        }
    return repr(value)


def snapshot() -> dict[str, Any]:
    """All WorkMail state, by account and region, as nested plain data."""
    from workmail_mock.models import workmail_backends

    with LOCK:
        return {
            f"{account}/{region}": _plain(backend)
            for account, region, backend in workmail_backends.iter_backends()
        }


def device_access(
    account_id: str,
    region: str,
    organization_id: str,
    user: str,
    device_id: str,
    **attributes: str,
) -> dict[str, Any]:
    """What the mock decides when a user's ActiveSync device connects: the override for
    the (user, device id) pair if there is one (it wins over the rules, admin guide),
    otherwise the mobile device access rules over the device's attributes
    (``DeviceType``, ``DeviceModel``, ``DeviceOperatingSystem``, ``DeviceUserAgent``).

    No API operation answers this (GetMobileDeviceAccessEffect takes no user); it lets a
    test check "user X's iPhone is denied" after a script changed rules and overrides.
    Returns ``{"Effect": ..., "MatchedRules": [...], "ByOverride": bool}``.
    """
    from workmail_mock.models import backend_for
    from workmail_mock.rules.mobile_device import Device
    from workmail_mock.state.entities import User

    with LOCK:
        org = backend_for(account_id, region).organization(organization_id)
        found = org.directory.find(user, User)
        decision = org.policies.decide_device_of(found.id, device_id, Device.from_api(attributes))
        return {**decision.to_api(), "ByOverride": decision.by_override}
