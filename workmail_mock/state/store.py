"""An insertion-ordered collection whose pages cost O(page size), not O(collection).

Items keep the sequence number they were added with; a NextToken names the sequence
number to resume from, found by bisection. Removal leaves a tombstone in the order
list, compacted once tombstones outnumber live items, so a deep page stays cheap and
tokens handed out earlier stay valid across removals.
"""

from __future__ import annotations

import base64
import binascii
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

from workmail_mock.errors import InvalidParameterException

T = TypeVar("T")

_TOKEN_PREFIX = "wm1:"


def encode_token(seq: int) -> str:
    return base64.b64encode(f"{_TOKEN_PREFIX}{seq}".encode()).decode()


def decode_token(token: str) -> int:
    try:
        text = base64.b64decode(token.encode(), validate=True).decode()
        if text.startswith(_TOKEN_PREFIX):
            seq = int(text[len(_TOKEN_PREFIX):])
            if seq >= 0:
                return seq
    except (binascii.Error, UnicodeError, ValueError):
        pass
    raise InvalidParameterException(f"The NextToken {token[:80]!r} is not valid")


class OrderedStore(Generic[T]):
    """Items by key, in the order they were added, with cheap pagination."""

    def __init__(self) -> None:
        self._items: dict[str, T] = {}
        self._seq_of: dict[str, int] = {}
        self._keys: list[str] = []
        self._seqs: list[int] = []
        self._next_seq = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def get(self, key: str) -> T | None:
        return self._items.get(key)

    def add(self, key: str, item: T) -> None:
        if key in self._items:
            self._items[key] = item
            return
        self._items[key] = item
        self._seq_of[key] = self._next_seq
        self._keys.append(key)
        self._seqs.append(self._next_seq)
        self._next_seq += 1

    def remove(self, key: str) -> T | None:
        item = self._items.pop(key, None)
        if item is not None:
            del self._seq_of[key]
            if len(self._keys) > 64 and len(self._keys) > 2 * len(self._items):
                self._compact()
        return item

    def _compact(self) -> None:
        seq_of = self._seq_of
        pairs = [(k, s) for k, s in zip(self._keys, self._seqs, strict=True) if seq_of.get(k) == s]
        self._keys = [k for k, _ in pairs]
        self._seqs = [s for _, s in pairs]

    def page(
        self,
        limit: int,
        token: str | None = None,
        keep: Callable[[T], bool] | None = None,
    ) -> tuple[list[T], str | None]:
        """Up to ``limit`` items (those ``keep`` accepts) from ``token`` on, and the next token."""
        start = bisect_left(self._seqs, decode_token(token)) if token else 0
        items = self._items
        seq_of = self._seq_of
        out: list[T] = []
        keys = self._keys
        for index in range(start, len(keys)):
            key = keys[index]
            item = items.get(key)
            if item is None or seq_of.get(key) != self._seqs[index]:
                continue  # a tombstone (or a key removed and added again later)
            if len(out) == limit:
                return out, encode_token(self._seqs[index])
            if keep is None or keep(item):
                out.append(item)
        return out, None

    def page_among(
        self,
        limit: int,
        token: str | None,
        keep: Callable[[T], bool] | None,
        count: int,
        candidates: Callable[[], Sequence[str]],
    ) -> tuple[list[T], str | None]:
        """``page`` when an index knows which ``count`` keys can match (``candidates()``
        lists them, in any order): costs about min(count, limit x len / count), not len.

        Few candidates: their sequence numbers are sorted and the page taken from them.
        Many: matches are dense, so the plain scan finds a page after about
        ``limit x len / count`` items; a scan that runs past twice that (matches bunched
        elsewhere) falls back to the candidates.
        """
        if count == 0:
            decode_token(token) if token else None  # a bad token is still refused
            return [], None
        size = max(len(self._items), 1)
        if count * count > limit * size:
            budget = 2 * (limit + 1) * size // count + 64
            scanned = self._scan(limit, token, keep, budget)
            if scanned is not None:
                return scanned
        start = decode_token(token) if token else 0
        seq_of = self._seq_of
        found = sorted(
            (seq, key) for key in candidates()
            if (seq := seq_of.get(key)) is not None and seq >= start
        )
        items = self._items
        out: list[T] = []
        for seq, key in found:
            item = items[key]
            if len(out) == limit:
                return out, encode_token(seq)
            if keep is None or keep(item):
                out.append(item)
        return out, None

    def _scan(
        self, limit: int, token: str | None, keep: Callable[[T], bool] | None, budget: int
    ) -> tuple[list[T], str | None] | None:
        """``page``, giving up (None) after ``budget`` items."""
        start = bisect_left(self._seqs, decode_token(token)) if token else 0
        items = self._items
        seq_of = self._seq_of
        seqs = self._seqs
        keys = self._keys
        out: list[T] = []
        end = min(len(keys), start + budget)
        for index in range(start, end):
            key = keys[index]
            item = items.get(key)
            if item is None or seq_of.get(key) != seqs[index]:
                continue
            if len(out) == limit:
                return out, encode_token(seqs[index])
            if keep is None or keep(item):
                out.append(item)
        return (out, None) if end == len(keys) else None
