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
import functools
import hashlib
import json
from collections.abc import Callable, Mapping

TAG = "@"


Known = Callable[[object], "str | None"]


def canonical(value: object, known: Known | None = None) -> bytes:
    """`value` as canonical JSON bytes.

    `known` may name a digest for a dataclass inside `value` (one whose digest is
    known already, or that recurs): it stands for the whole of it.  It must answer
    alike for equal values, or equal values give different bytes.
    """
    plain = _plain(value, known or _unknown)
    return json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def digest(value: object, known: Known | None = None) -> str:
    """The sha256 of `canonical(value, known)`, in hex."""
    return hashlib.sha256(canonical(value, known)).hexdigest()


def _unknown(value: object) -> None:
    return None


def sort_key(value: object) -> str:
    """How plain values are ordered where their order means nothing (the items of a set)."""
    return value if isinstance(value, str) else json.dumps(value, sort_keys=True)


_SCALARS = frozenset({str, int, bool, float, type(None)})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass, or None for any other type (asked once per type: values are many)."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


def _plain(value: object, known: Known) -> object:
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_plain(v, known) for v in value]  # type: ignore[attr-defined]
    names = _field_names(kind)  # type: ignore[arg-type]  # a type is hashable
    if names is not None:
        found = known(value)
        if found is not None:
            return {TAG: kind.__qualname__, "=": found}
        out: dict[str, object] = {TAG: kind.__qualname__}
        for name in names:
            out[name] = _plain(getattr(value, name), known)
        return out
    if isinstance(value, (tuple, list)):
        return [_plain(v, known) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v, known) for v in value), key=sort_key)
    if isinstance(value, dict):
        items = [[_plain(k, known), _plain(v, known)] for k, v in value.items()]
        keys = [sort_key(k) for k, _ in items]
        if len(set(keys)) == len(keys):  # ordered by key alone, which spares writing out every value to sort it
            return {TAG: "dict", "items": [item for _, item in sorted(zip(keys, items, strict=True))]}
        return {TAG: "dict", "items": sorted(items, key=sort_key)}
    if isinstance(value, Mapping):
        return {TAG: kind.__qualname__, "items": [[_plain(k, known), _plain(v, known)] for k, v in value.items()]}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"no canonical form for a {kind.__qualname__}")
