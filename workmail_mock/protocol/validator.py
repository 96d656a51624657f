"""Model-driven request validation.

Every request is checked against its operation's input shape from botocore's model:
required members, string and list lengths, ``pattern`` (matched with search
semantics as Smithy defines it: WorkMail's patterns are mostly not anchored at the
end, and ``\\w``/``\\d``/``\\s`` are ASCII, as in Java), enums, numeric ranges and unknown
members. Constraint failures are collected and answered as one ``ValidationException``
in AWS's wording; a member of the wrong JSON type is a ``SerializationException``, as
the AWS JSON front end answers it. The checks are compiled once per operation.
"""

from __future__ import annotations

import datetime
import re
import threading
from collections.abc import Callable
from typing import Any

from botocore.model import Shape, StructureShape

from workmail_mock import spec
from workmail_mock.errors import SerializationException, ValidationException

Checker = Callable[[Any, str, list[str]], Any]
"""Checks one value at a path, appends constraint failures, returns the value to pass on."""

_MISSING = object()


def _path(parent: str, member: str) -> str:
    name = member[:1].lower() + member[1:]
    return f"{parent}.{name}" if parent else name


#: How much of a rejected value (or an unknown member's name) an error message shows:
#: more than the longest string the model allows (2,048), far less than a body may hold.
SHOWN_CHARS = 4096
#: How many constraint failures one ValidationException spells out (it counts them all).
SHOWN_ERRORS = 10


def _render(value: Any, out: list[str], budget: int) -> int:
    """Append the AWS-style text of ``value`` to ``out``, stopping once ``budget``
    characters are written; returns the budget left (never walks more than it shows)."""
    if budget <= 0:
        return budget
    if isinstance(value, list):
        out.append("[")
        budget -= 1
        for index, item in enumerate(value):
            if budget <= 0:
                break
            if index:
                out.append(", ")
                budget -= 2
            budget = _render(item, out, budget)
        out.append("]")
        return budget - 1
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dict):
        text = "{...}" if value else "{}"
    elif isinstance(value, str):
        text = value[:budget]
    else:
        text = str(value)[:budget]
    out.append(text)
    return budget - len(text)


def _show(value: Any) -> str:
    """At most SHOWN_CHARS characters of a value, ``...`` marking a cut."""
    out: list[str] = []
    left = _render(value, out, SHOWN_CHARS + 1)
    text = "".join(out)
    return text if left > 0 and len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."


def _failure(value: Any, path: str, constraint: str, sensitive: bool) -> str:
    shown = "" if sensitive else f" '{_show(value)}'"
    return f"Value{shown} at '{path}' failed to satisfy constraint: {constraint}"


def _wrong_type(
    path: str, expected: str, value: Any, sensitive: bool = False
) -> SerializationException:
    shown = "" if sensitive else f" ({_show(value)!r})"
    return SerializationException(
        f"Value at '{path}' must be {expected}, not {type(value).__name__}{shown}"
    )


def _range_checks(
    shape: Shape, sensitive: bool, measure: str
) -> Callable[[Any, float, str, list[str]], None]:
    """The shape's min/max trait: on a string's or list's length (``measure`` "length")
    or on a number itself ("value"); ``size`` is what is compared, ``value`` is shown."""
    low = shape.metadata.get("min")
    high = shape.metadata.get("max")
    at_least = f"Member must have {measure} greater than or equal to {low}"
    at_most = f"Member must have {measure} less than or equal to {high}"

    def check(value: Any, size: float, path: str, errors: list[str]) -> None:
        if low is not None and size < low:
            errors.append(_failure(value, path, at_least, sensitive))
        if high is not None and size > high:
            errors.append(_failure(value, path, at_most, sensitive))

    return check


def _string(shape: Shape) -> Checker:
    sensitive = bool(shape.metadata.get("sensitive"))
    lengths = _range_checks(shape, sensitive, "length")
    pattern_text = shape.metadata.get("pattern")
    search = re.compile(pattern_text, re.ASCII).search if pattern_text else None
    enum = spec.enum_of(shape) or None
    enum_set = frozenset(enum) if enum else None

    def check(value: Any, path: str, errors: list[str]) -> Any:
        if type(value) is not str:
            raise _wrong_type(path, "a string", value, sensitive)
        # Lengths count code points, as Smithy's length trait does.
        lengths(value, len(value), path, errors)
        if search is not None and search(value) is None:
            errors.append(
                _failure(value, path,
                         f"Member must satisfy regular expression pattern: {pattern_text}",
                         sensitive)
            )
        if enum_set is not None and value not in enum_set:
            errors.append(
                _failure(value, path,
                         f"Member must satisfy enum value set: [{', '.join(enum or [])}]",
                         sensitive)
            )
        return value

    return check


def _number(shape: Shape) -> Checker:
    integral = shape.type_name in ("integer", "long")
    sensitive = bool(shape.metadata.get("sensitive"))
    bounds = _range_checks(shape, sensitive, "value")

    def check(value: Any, path: str, errors: list[str]) -> Any:
        kind = type(value)
        if integral:
            if kind is float and value.is_integer():
                value = int(value)
            elif kind is not int:
                raise _wrong_type(path, "an integer", value, sensitive)
        elif kind is not int and kind is not float:
            raise _wrong_type(path, "a number", value, sensitive)
        bounds(value, value, path, errors)
        return value

    return check


def _json_type(shape: Shape, json_type: type, expected: str) -> Checker:
    """A shape with no trait to check but its JSON type: a boolean, or a blob (a base64
    string on the wire)."""
    sensitive = bool(shape.metadata.get("sensitive"))

    def check(value: Any, path: str, errors: list[str]) -> Any:
        if type(value) is not json_type:
            raise _wrong_type(path, expected, value, sensitive)
        return value

    return check


def _timestamp(shape: Shape) -> Checker:
    def check(value: Any, path: str, errors: list[str]) -> Any:
        if type(value) in (int, float):
            try:
                return datetime.datetime.fromtimestamp(value, tz=datetime.timezone.utc)
            except (OverflowError, OSError, ValueError):
                raise _wrong_type(path, "an epoch timestamp in range", value) from None
        raise _wrong_type(path, "a timestamp (epoch seconds)", value)

    return check


def _list(shape: Shape, compile_shape: Callable[[Shape], Checker]) -> Checker:
    sensitive = bool(shape.metadata.get("sensitive"))
    lengths = _range_checks(shape, sensitive, "length")
    member = compile_shape(spec.item_of(shape))

    def check(value: Any, path: str, errors: list[str]) -> Any:
        if type(value) is not list:
            raise _wrong_type(path, "a list", value, sensitive)
        lengths(value, len(value), path, errors)
        return [member(item, f"{path}.{i}.member", errors) for i, item in enumerate(value, 1)]

    return check


def _map(shape: Shape, compile_shape: Callable[[Shape], Checker]) -> Checker:
    sensitive = bool(shape.metadata.get("sensitive"))
    key_shape, value_shape = spec.key_and_value_of(shape)
    key = compile_shape(key_shape)
    val = compile_shape(value_shape)

    def check(value: Any, path: str, errors: list[str]) -> Any:
        if type(value) is not dict:
            raise _wrong_type(path, "a map", value, sensitive)
        return {key(k, f"{path}.key", errors): val(v, f"{path}.value", errors)
                for k, v in value.items()}

    return check


def _structure(shape: StructureShape, compile_shape: Callable[[Shape], Checker]) -> Checker:
    sensitive = bool(shape.metadata.get("sensitive"))
    members = {name: compile_shape(member) for name, member in shape.members.items()}
    required = tuple(shape.required_members)

    def check(value: Any, path: str, errors: list[str]) -> Any:
        if type(value) is not dict:
            raise _wrong_type(path or "body", "a JSON object", value, sensitive)
        out: dict[str, Any] = {}
        for name in required:
            if value.get(name) is None:
                errors.append(
                    f"Value null at '{_path(path, name)}' failed to satisfy constraint: "
                    "Member must not be null"
                )
        for name, item in value.items():
            checker = members.get(name)
            if checker is None:
                errors.append(
                    f"Value at '{_path(path, _show(name))}' failed to satisfy constraint: "
                    f"Member must be one of the known members of {shape.name}"
                )
                continue
            if item is None:  # JSON null is the same as absent
                continue
            out[name] = checker(item, _path(path, name), errors)
        return out

    return check


def _compiler() -> Callable[[Shape], Checker]:
    cache: dict[str, Checker] = {}

    def compile_shape(shape: Shape) -> Checker:
        found = cache.get(shape.name)
        if found is not None:
            return found
        # Placeholder so a recursive shape refers to the finished checker.
        slot: list[Checker] = []
        cache[shape.name] = lambda v, p, e: slot[0](v, p, e)
        kind = shape.type_name
        checker: Checker
        if kind == "structure":
            checker = _structure(shape, compile_shape)  # type: ignore[arg-type, unused-ignore]
        elif kind == "list":
            checker = _list(shape, compile_shape)
        elif kind == "map":
            checker = _map(shape, compile_shape)
        elif kind == "string":
            checker = _string(shape)
        elif kind in ("integer", "long", "double", "float"):
            checker = _number(shape)
        elif kind == "boolean":
            checker = _json_type(shape, bool, "a boolean")
        elif kind == "timestamp":
            checker = _timestamp(shape)
        else:  # blob
            checker = _json_type(shape, str, "a base64 string")
        slot.append(checker)
        cache[shape.name] = checker
        return checker

    return compile_shape


_compile_shape = _compiler()
#: Compiling fills a shared cache with placeholders (for recursive shapes) that are
#: valid only once their compile finishes: one compile at a time, and a checker is
#: published only when it is complete.
_compile_lock = threading.Lock()
_checkers: dict[str, Checker] = {}


def input_checker(operation: str) -> Checker:
    """The compiled check of one operation's input shape (built on first use; safe when
    several threads make their first call at once)."""
    found = _checkers.get(operation)
    if found is not None:
        return found
    with _compile_lock:
        found = _checkers.get(operation)
        if found is None:
            shape = spec.operation_model(operation).input_shape
            found = _no_input if shape is None else _compile_shape(shape)
            _checkers[operation] = found
        return found


def _no_input(value: Any, path: str, errors: list[str]) -> Any:
    return {}


def validate(operation: str, params: Any) -> dict[str, Any]:
    """Check a decoded request body; return it cleaned of nulls, or raise."""
    errors: list[str] = []
    cleaned = input_checker(operation)(params, "", errors)
    if errors:
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        shown = "; ".join(errors[:SHOWN_ERRORS])
        if count > SHOWN_ERRORS:
            shown += f"; and {count - SHOWN_ERRORS} more"
        raise ValidationException(f"{count} validation {noun} detected: {shown}")
    return cleaned  # type: ignore[no-any-return]
