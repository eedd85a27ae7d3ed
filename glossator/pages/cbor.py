"""The small part of CBOR (RFC 8949) that Pagefind's index files use: unsigned
integers, byte and text strings, and arrays.  Enough to read and rewrite them."""

from __future__ import annotations

Value = int | str | bytes | list["Value"]


class CborError(ValueError):
    """Input outside the supported subset of CBOR."""


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | extra]) + n.to_bytes(size, "big")
    raise CborError(f"integer too large: {n}")


def dumps(value: Value) -> bytes:
    if isinstance(value, bool) or (isinstance(value, int) and value < 0):
        raise CborError(f"unsupported value: {value!r}")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    return _head(4, len(value)) + b"".join(dumps(v) for v in value)


def loads(data: bytes) -> Value:
    value, end = _read(data, 0)
    if end != len(data):
        raise CborError("trailing bytes")
    return value


def _read(data: bytes, at: int) -> tuple[Value, int]:
    first = data[at]
    major, info = first >> 5, first & 31
    at += 1
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise CborError(f"unsupported additional information {info}")
    if major == 0:
        return n, at
    if major in (2, 3):
        raw = data[at : at + n]
        return (raw if major == 2 else raw.decode("utf-8")), at + n
    if major == 4:
        items: list[Value] = []
        for _ in range(n):
            item, at = _read(data, at)
            items.append(item)
        return items, at
    raise CborError(f"unsupported major type {major}")
