"""OrderedStore: pages in insertion order, tokens survive removals and compaction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.internals import OrderedStore, encode_token
from workmail_mock.errors import InvalidParameterException


def _all(store: OrderedStore[int], limit: int) -> list[int]:
    out, token = [], None
    while True:
        page, token = store.page(limit, token)
        out += page
        if token is None:
            return out


@settings(max_examples=60, deadline=None)
@given(
    ops=st.lists(st.tuples(st.booleans(), st.integers(0, 40)), max_size=300),
    limit=st.integers(1, 12),
)
def test_pages_list_live_items_once_in_order(ops: list[tuple[bool, int]], limit: int) -> None:
    store: OrderedStore[int] = OrderedStore()
    model: dict[str, int] = {}
    for index, (add, key) in enumerate(ops):
        name = f"k{key}"
        if add:
            if name not in model:
                model[name] = index
            store.add(name, model[name])
        else:
            model.pop(name, None)
            store.remove(name)
    assert _all(store, limit) == list(model.values())
    assert len(store) == len(model)


def test_a_token_handed_out_stays_valid_after_compaction() -> None:
    store: OrderedStore[int] = OrderedStore()
    for i in range(200):
        store.add(str(i), i)
    first, token = store.page(100)
    for i in range(0, 90):
        store.remove(str(i))  # compacts once tombstones outnumber live items
    rest, _ = store.page(100, token)
    assert first[:1] == [0]
    assert rest == list(range(100, 200))


@pytest.mark.parametrize("token", ["garbage", "d20xOi0x", encode_token(0)[:-2] + "!!"])
def test_bad_tokens_are_invalid_parameters(token: str) -> None:
    with pytest.raises(InvalidParameterException):
        OrderedStore[int]().page(10, token)
