"""The prefix index behind filtered ListUsers/ListGroups/ListResources pages
(``PrefixIndex`` + ``OrderedStore.page_among``): the same items, in the same insertion
order, as filtering every item, whichever path (candidates or bounded scan) it takes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.internals import (
    EntityDirectory,
    OrderedStore,
    PrefixIndex,
    User,
    filtered_page,
)


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


# --- ListUsers' DisplayNamePrefix and IdentityProviderUserIdPrefix -----------------------

VALUES = st.one_of(st.none(), NAMES)
USER_FILTERS = ("DisplayNamePrefix", "IdentityProviderUserIdPrefix")
ATTRIBUTE_OF = {"DisplayNamePrefix": "display_name",
                "IdentityProviderUserIdPrefix": "identity_provider_user_id"}


def _filtered(directory: EntityDirectory, filters: dict[str, str], limit: int) -> list[str]:
    out: list[str] = []
    token = None
    for _ in range(1000):
        page, token = filtered_page(directory, User, limit, token, filters)
        out += [user.id for user in page]
        if token is None:
            return out
    raise AssertionError("paging did not end")


@settings(max_examples=150, deadline=None)
@given(
    users=st.lists(st.tuples(VALUES, VALUES), max_size=40),
    updates=st.lists(
        st.tuples(st.integers(0, 39), st.sampled_from(USER_FILTERS), VALUES), max_size=20
    ),
    which=st.sampled_from(USER_FILTERS),
    prefix=NAMES,
    limit=st.integers(1, 6),
)
def test_user_attribute_filters_equal_a_full_filter(
    users: list[tuple[str | None, str | None]],
    updates: list[tuple[int, str, str | None]],
    which: str,
    prefix: str,
    limit: int,
) -> None:
    directory = EntityDirectory("m-test")
    for number, (display, idp) in enumerate(users):
        directory.add(User(id=f"id{number}", name=f"user{number}", display_name=display,
                           identity_provider_user_id=idp))
    for number, member, value in updates:
        found = directory.users.get(f"id{number}")
        if found is not None:
            directory.set_user_attribute(found, ATTRIBUTE_OF[member], value)
    attribute = ATTRIBUTE_OF[which]
    expected = [u.id for u in directory.users if (getattr(u, attribute) or "").startswith(prefix)]
    assert _filtered(directory, {which: prefix}, limit) == expected
    count, candidates = directory.user_index[attribute].span(prefix)
    assert sorted(candidates()) == sorted(expected) and count == len(expected)


def test_a_user_attribute_filter_reads_only_its_candidates() -> None:
    directory = EntityDirectory("m-test")
    for number in range(3000):
        directory.add(User(id=f"id{number}", name=f"user{number}",
                           display_name=f"Person {number}",
                           identity_provider_user_id=f"idp-{number:05d}"))
    reads = 0
    original = User.__getattribute__

    def counting(self: User, name: str) -> object:
        nonlocal reads
        if name in ("display_name", "identity_provider_user_id"):
            reads += 1
        return original(self, name)

    User.__getattribute__ = counting  # type: ignore[method-assign]
    try:
        assert len(_filtered(directory, {"DisplayNamePrefix": "Person 2999"}, 10)) == 1
        assert len(_filtered(directory, {"IdentityProviderUserIdPrefix": "idp-0001"}, 100)) == 10
    finally:
        User.__getattribute__ = original  # type: ignore[method-assign]
    assert reads < 100, reads  # the scan read every user's attribute: 3,000 and more
