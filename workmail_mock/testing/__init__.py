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
    "dkim", "_tick", "_time_progressed", "name_index", "email_index",
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
    """All WorkMail state, by account and region, as nested plain data: the in-process
    state while ``mock_workmail`` or ``mock_aws`` is on, else the in-process server's."""
    from workmail_mock.models import current_backends

    with LOCK:
        return {
            f"{account}/{region}": _plain(backend)
            for account, region, backend in current_backends().iter_backends()
        }
