"""Model-driven response shaping.

An operation returns domain objects (dataclasses) or plain mappings keyed by the output
shape's member names; the serializer walks the operation's output shape and emits
exactly its members: attributes are read by the member's snake_case name, timestamps
become epoch seconds, absent (``None``) members are left out. A response therefore
cannot carry a member AWS doesn't have. Walks are compiled once per shape.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Callable
from typing import Any

from botocore import xform_name
from botocore.model import Shape

from workmail_mock import spec

Writer = Callable[[Any], Any]


def _timestamp(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.timestamp()
    return value


def _plain(value: Any) -> Any:
    return value


_SCALARS = frozenset({"string", "boolean", "integer", "long", "double", "float", "blob"})
_PLAIN, _TIME, _NESTED = 0, 1, 2


def _compiler() -> Callable[[Shape], Writer]:
    cache: dict[str, Writer] = {}

    def compile_shape(shape: Shape) -> Writer:
        found = cache.get(shape.name)
        if found is not None:
            return found
        slot: list[Writer] = []
        cache[shape.name] = lambda v: slot[0](v)
        kind = shape.type_name
        writer: Writer
        if kind == "structure":
            # (wire name, attribute name, how to write, nested writer); scalars are
            # copied as they are, without a call: this loop is the hot path of a list page.
            members = tuple(
                (
                    name,
                    xform_name(name),
                    _PLAIN if member.type_name in _SCALARS
                    else _TIME if member.type_name == "timestamp" else _NESTED,
                    compile_shape(member),
                )
                for name, member in spec.members_of(shape).items()
            )

            def writer(value: Any) -> Any:
                out: dict[str, Any] = {}
                by_key = isinstance(value, dict)
                for name, attr, how, write in members:
                    item = value.get(name) if by_key else getattr(value, attr, None)
                    if item is None:
                        continue
                    if how == _PLAIN:
                        out[name] = item
                    elif how == _TIME:
                        out[name] = _timestamp(item)
                    else:
                        out[name] = write(item)
                return out

        elif kind == "list":
            item_writer = compile_shape(spec.item_of(shape))

            def writer(value: Any) -> Any:
                return [item_writer(v) for v in value]

        elif kind == "map":
            value_writer = compile_shape(spec.key_and_value_of(shape)[1])

            def writer(value: Any) -> Any:
                return {k: value_writer(v) for k, v in value.items()}

        elif kind == "timestamp":
            writer = _timestamp
        else:
            writer = _plain
        slot.append(writer)
        cache[shape.name] = writer
        return writer

    return compile_shape


_compile_shape = _compiler()


class Fragment(str):
    """A list item already encoded as JSON text: ``encode`` splices it in as it is."""

    __slots__ = ()


def _is_flat(shape: Shape) -> bool:
    return shape.type_name == "structure" and all(
        m.type_name in _SCALARS or m.type_name == "timestamp"
        for m in spec.members_of(shape).values()
    )


def _cached_list(member: Shape) -> Writer:
    """A list of flat structures whose items may keep their encoded JSON.

    Domain objects that opt in (``_wire_cacheable``) keep one encoded text per shape in
    ``__dict__["_wire"]`` and drop it whenever an attribute is set; a flat shape reads
    nothing but the object's own attributes, so the text can't go stale otherwise.
    """
    write = _compile_shape(member)
    name = member.name
    dumps = json.dumps

    def writer(value: Any) -> Any:
        out = []
        for item in value:
            if not getattr(item, "_wire_cacheable", False):
                out.append(write(item))
                continue
            cache = item.__dict__.get("_wire")
            if cache is None:
                cache = item.__dict__["_wire"] = {}
            fragment = cache.get(name)
            if fragment is None:
                fragment = cache[name] = Fragment(dumps(write(item)))
            out.append(fragment)
        return out

    return writer


@functools.cache
def output_writer(operation: str) -> Writer:
    """The compiled writer of one operation's output shape (built on first use)."""
    shape = spec.operation_model(operation).output_shape
    if shape is None:
        return lambda value: {}
    members = spec.members_of(shape)
    if not any(m.type_name == "list" and _is_flat(spec.item_of(m)) for m in members.values()):
        return _compile_shape(shape)
    plain = _compile_shape(shape)
    lists = {
        name: _cached_list(spec.item_of(m))
        for name, m in members.items()
        if m.type_name == "list" and _is_flat(spec.item_of(m))
    }

    def writer(value: Any) -> Any:
        if not isinstance(value, dict):
            return plain(value)
        out = plain({k: v for k, v in value.items() if k not in lists})
        for name, write in lists.items():
            items = value.get(name)
            if items is not None:
                out[name] = write(items)
        return out

    return writer


def serialize(operation: str, result: Any) -> dict[str, Any]:
    """Shape a backend result as the operation's JSON output (``{}`` for an empty shape)."""
    if result is None:
        return {}
    return output_writer(operation)(result)  # type: ignore[no-any-return]


def encode(payload: dict[str, Any]) -> bytes:
    """JSON text of a serialized payload, splicing in pre-encoded list items.

    Each item of a top-level list is looked at on its own: a page may mix cached
    entities (Fragments) with items written afresh.
    """
    parts = []
    dumps = json.dumps
    for key, value in payload.items():
        if type(value) is list and any(type(item) is Fragment for item in value):
            text = "[" + ",".join(
                item if type(item) is Fragment else dumps(item) for item in value
            ) + "]"
        else:
            text = dumps(value)
        parts.append(f'"{key}":{text}')
    return ("{" + ",".join(parts) + "}").encode()
