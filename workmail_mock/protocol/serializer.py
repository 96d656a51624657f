"""Model-driven response shaping.

A backend returns domain objects (dataclasses) or plain mappings keyed by the output
shape's member names; the serializer walks the operation's output shape and emits
exactly its members: attributes are read by the member's snake_case name, timestamps
become epoch seconds, absent (``None``) members are left out. A response therefore
cannot carry a member AWS doesn't have. Walks are compiled once per shape.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from botocore import xform_name
from botocore.model import Shape

from workmail_mock.protocol import spec

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
                for name, member in shape.members.items()
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
            item_writer = compile_shape(shape.member)  # type: ignore[attr-defined, unused-ignore]

            def writer(value: Any) -> Any:
                return [item_writer(v) for v in value]

        elif kind == "map":
            value_writer = compile_shape(shape.value)  # type: ignore[attr-defined, unused-ignore]

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


@functools.cache
def output_writer(operation: str) -> Writer:
    """The compiled writer of one operation's output shape (built on first use)."""
    shape = spec.operation_model(operation).output_shape
    if shape is None:
        return lambda value: {}
    return _compile_shape(shape)


def serialize(operation: str, result: Any) -> dict[str, Any]:
    """Shape a backend result as the operation's JSON output (``{}`` for an empty shape)."""
    if result is None:
        return {}
    return output_writer(operation)(result)  # type: ignore[no-any-return]
