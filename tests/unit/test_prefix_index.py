"""The prefix index behind filtered ListUsers/ListGroups/ListResources pages
(``PrefixIndex`` + ``OrderedStore.page_among``): the same items, in the same insertion
order, as filtering every item, whichever path (candidates or bounded scan) it takes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.internals import OrderedStore, PrefixIndex


class TinyBuckets(PrefixIndex):
    """Buckets of 2-4 pairs: every add and remove splits or empties one."""

    LOAD = 2


NAMES = st.text(alphabet="abc\U0010ffff", min_size=1, max_size=4)


def _pages(store: OrderedStore[str], index: PrefixIndex, prefix: str, limit: int) -> list[str]:
    count, candidates = index.span(prefix)
    out: list[str] = []
    token = None
    for _ in range(1000):  # bounded: each page moves on
        page, token = store.page_among(
            limit, token, lambda name: name.startswith(prefix), count, candidates
        )
        out += page
        if token is None:
            return out
    raise AssertionError("paging did not end")


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(NAMES, max_size=80),
    renames=st.lists(st.tuples(st.integers(0, 79), NAMES), max_size=20),
    prefix=NAMES,
    limit=st.integers(1, 6),
)
def test_filtered_pages_equal_a_full_filter(
    names: list[str], renames: list[tuple[int, str]], prefix: str, limit: int
) -> None:
    store: OrderedStore[str] = OrderedStore()
    index = TinyBuckets()
    current: dict[str, str] = {}
    for number, name in enumerate(names):
        key = f"id{number}"
        store.add(key, name)
        index.add(name, key)
        current[key] = name
    for number, name in renames:
        key = f"id{number}"
        if key in current:
            index.remove(current[key], key)
            index.add(name, key)
            store.add(key, name)  # same key: replaced in place, order kept
            current[key] = name
    expected = [name for name in store if name.startswith(prefix)]
    assert _pages(store, index, prefix, limit) == expected
    count, candidates = index.span(prefix)
    matching = sorted(k for k, v in current.items() if v.startswith(prefix))
    assert sorted(candidates()) == matching
    assert count == len(matching) and len(index) == len(current)


def test_dense_matches_bunched_at_the_start_fall_back_to_the_candidates() -> None:
    store: OrderedStore[str] = OrderedStore()
    index = PrefixIndex()
    for number in range(2000):
        name = f"a{number}" if number < 1000 else f"b{number}"
        store.add(f"id{number}", name)
        index.add(name, f"id{number}")
    assert _pages(store, index, "a", 100) == [f"a{n}" for n in range(1000)]
    assert _pages(store, index, "b1", 7) == [f"b{n}" for n in range(1000, 2000)
                                             if str(n).startswith("1")]
