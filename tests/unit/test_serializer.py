"""The serializer below the API: cached list items and plain ones in one page."""

from __future__ import annotations

import json

from workmail_mock.protocol.serializer import encode, serialize
from workmail_mock.state.entities import Group


def _group(name: str) -> Group:
    return Group(id=f"{name}-0000-0000-0000", name=name)


def test_a_list_of_cached_entities_and_plain_dicts_encodes_to_json_objects() -> None:
    """A page may hold entities whose JSON is cached next to items written afresh; each
    item is spliced or dumped on its own (the first item used to decide for all)."""
    cached = _group("cached")
    serialize("ListGroups", {"Groups": [cached]})  # fills cached's JSON
    for groups in ([cached, {"Id": "plain-0000-0000", "Name": "plain"}],
                   [{"Id": "plain-0000-0000", "Name": "plain"}, cached]):
        body = json.loads(encode(serialize("ListGroups", {"Groups": groups})))
        names = [g["Name"] for g in body["Groups"]]
        assert sorted(names) == ["cached", "plain"]
        assert all(isinstance(g, dict) for g in body["Groups"])


def test_a_changed_entity_drops_its_cached_json() -> None:
    group = _group("before")
    first = json.loads(encode(serialize("ListGroups", {"Groups": [group]})))
    group.name = "after"
    second = json.loads(encode(serialize("ListGroups", {"Groups": [group]})))
    assert (first["Groups"][0]["Name"], second["Groups"][0]["Name"]) == ("before", "after")


def test_absent_members_are_left_out_and_timestamps_are_epoch_seconds() -> None:
    import datetime

    group = _group("g")
    group.enabled_date = datetime.datetime(2026, 1, 1)
    out = serialize("DescribeGroup", group)
    assert out["EnabledDate"] == datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc).timestamp()
    assert "Email" not in out and "DisabledDate" not in out
