"""Canonical: one byte string for a value made of plain data, to key a cache by what it was made from.

Dataclasses are written with their kind's name and every field, dicts with
their items sorted, sets sorted, other mappings (a `FieldMap`) in their own
order, dates as ISO text.  Equal values give equal bytes, whichever process
made them; it is never read back.  A value of any other kind is a TypeError:
a cache cannot be keyed by what it cannot see into.
"""

from __future__ import annotations

__all__ = ["canonical", "digest"]

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping

TAG = "@"


def canonical(value: object) -> bytes:
    """`value` as canonical JSON bytes."""
    return json.dumps(_plain(value), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


def digest(value: object) -> str:
    """The sha256 of `canonical(value)`, in hex."""
    return hashlib.sha256(canonical(value)).hexdigest()


def sort_key(value: object) -> str:
    """How plain values are ordered where their order means nothing (the items of a set)."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


def _plain(value: object) -> object:
    if value is None or type(value) in (str, int, bool, float):
        return value
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=sort_key)
    if isinstance(value, dict):
        return {TAG: "dict", "items": sorted([[_plain(k), _plain(v)] for k, v in value.items()], key=sort_key)}
    if isinstance(value, Mapping):
        return {TAG: type(value).__qualname__, "items": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {TAG: type(value).__qualname__}
        for f in dataclasses.fields(value):
            out[f.name] = _plain(getattr(value, f.name))
        return out
    raise TypeError(f"no canonical form for a {type(value).__qualname__}")
