"""Reading a request body, once, with bounds: every way in hands its body here.

- whatever the body is (bytes, str, bytearray, memoryview, a file-like object, None),
  at most ``MAX_BODY_BYTES`` of it are read;
- a ``gzip`` or ``deflate`` Content-Encoding is decoded incrementally, never past
  ``MAX_BODY_BYTES`` of output (a small compressed body can't fill the memory);
- JSON nested deeper than ``MAX_NESTING`` is refused before anything walks it.
Every refusal is a ``SerializationException`` (HTTP 400), as the AWS JSON front end
answers a body it can't read (the limits themselves are guesses: docs/aws-behaviour.md).
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from workmail_mock.errors import SerializationException

#: The largest request body the mock reads, before and after decompression. WorkMail's
#: largest valid request is far below it (a guess: AWS documents no limit for WorkMail).
MAX_BODY_BYTES = 4 * 1024 * 1024
#: The deepest nesting of JSON arrays and objects the mock reads; WorkMail's deepest
#: input shape nests 4 deep (a guess).
MAX_NESTING = 32
#: How much of a stream is read at a time.
_CHUNK = 64 * 1024


def too_large(size: int | str) -> SerializationException:
    return SerializationException(
        f"The request body is {size} bytes; workmail_mock reads at most {MAX_BODY_BYTES}"
    )


def read_stream(stream: Any, length: int | None = None) -> bytes:
    """At most ``MAX_BODY_BYTES`` from a file-like object: ``length`` bytes when given
    (a Content-Length), else to its end (a chunked or unsized body)."""
    if length is not None and length > MAX_BODY_BYTES:
        raise too_large(length)
    want = MAX_BODY_BYTES + 1 if length is None else length
    parts: list[bytes] = []
    got = 0
    while got < want:
        try:
            part = stream.read(min(_CHUNK, want - got))
        except (OSError, ValueError) as error:  # e.g. a malformed chunked encoding
            raise SerializationException(f"The request body can't be read: {error}") from None
        if not part:
            break
        if isinstance(part, str):
            part = part.encode("utf-8")
        parts.append(bytes(part))
        got += len(part)
    if got > MAX_BODY_BYTES:
        raise too_large(f"more than {MAX_BODY_BYTES}")
    return b"".join(parts)


def as_bytes(body: Any) -> bytes:
    """The body as bytes, whatever way in handed it over (bounded)."""
    if body is None:
        return b""
    if isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        if len(body) > MAX_BODY_BYTES:  # each character is at least one byte
            raise too_large(f"more than {MAX_BODY_BYTES}")
        data = body.encode("utf-8", "surrogatepass")
    elif isinstance(body, (bytearray, memoryview)):
        data = bytes(body)
    elif hasattr(body, "read"):
        return read_stream(body)
    else:
        raise SerializationException(
            f"The request body is a {type(body).__name__}; expected bytes, str or a stream"
        )
    if len(data) > MAX_BODY_BYTES:
        raise too_large(len(data))
    return data


def decode_content(data: bytes, encoding: str | None) -> bytes:
    """Undo a ``gzip``/``deflate`` Content-Encoding, never producing more than
    ``MAX_BODY_BYTES``; an unknown encoding is a SerializationException."""
    name = (encoding or "").strip().lower()
    if name in ("", "identity"):
        return data
    if name in ("gzip", "x-gzip"):
        wbits = 16 + zlib.MAX_WBITS
    elif name == "deflate":
        wbits = zlib.MAX_WBITS
    else:
        raise SerializationException(f"The Content-Encoding {name[:40]!r} is not supported")
    # A gzip body may be several members one after another (RFC 1952): each is decoded,
    # and the output of all of them together stays within the bound.
    out = b""
    rest = data
    while True:
        inflater = zlib.decompressobj(wbits)
        try:
            out += inflater.decompress(rest, MAX_BODY_BYTES + 1 - len(out))
        except zlib.error:
            raise SerializationException(f"The request body is not valid {name} data") from None
        if len(out) > MAX_BODY_BYTES or inflater.unconsumed_tail:
            raise SerializationException(
                f"The request body decompresses to more than {MAX_BODY_BYTES} bytes; "
                f"workmail_mock reads at most {MAX_BODY_BYTES}"
            )
        if not inflater.eof:
            raise SerializationException(f"The request body is truncated {name} data")
        rest = inflater.unused_data
        if not rest or wbits == zlib.MAX_WBITS:
            return out


def _too_deep() -> SerializationException:
    return SerializationException(
        f"The request body nests JSON arrays and objects more than {MAX_NESTING} deep"
    )


def _check_depth(value: Any) -> None:
    """Iteratively (no recursion): refuse nesting deeper than MAX_NESTING."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_NESTING:
            raise _too_deep()
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item if isinstance(v, (dict, list)))


def parse(body: Any, content_encoding: str | None = None) -> Any:
    """The JSON value of a request body (``{}`` for an empty one), read with the bounds
    above, or a SerializationException."""
    data = decode_content(as_bytes(body), content_encoding)
    if not data:
        return {}
    try:
        value = json.loads(data)
    except RecursionError:
        raise _too_deep() from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise SerializationException(f"The request body is not valid JSON: {exc}") from None
    # Fewer brackets than the limit can't nest past it: skip the walk for most bodies.
    if data.count(b"[") + data.count(b"{") > MAX_NESTING:
        _check_depth(value)
    return value
