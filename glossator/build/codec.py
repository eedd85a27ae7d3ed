"""Codec: frozen dataclasses of known kinds as plain JSON values, and back, refusing anything else.

A dataclass is written as an object tagged with its kind's name (`"@"`) and
its fields by name; tuples and frozensets as arrays (a frozenset sorted), a
`FieldMap` as an array of `[name, value]` pairs, in order; a date as its ISO
text.  Reading is led by the type each field is declared with, never by the
data: a value is taken only where its field's type allows it, an object's tag
must be the kind that field holds, and its keys exactly that kind's fields.
Nothing read names code to run or a type to make; whatever does not fit is a
`DecodeError`.  The cache folder may come from anywhere (a pull request can
hold one), so this is the only way its records become values.
"""

from __future__ import annotations

__all__ = ["Codec", "DecodeError"]

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, Literal, Union

from glossator.content.model import FieldMap
from glossator.core.canonical import sort_key

_Decoder = Callable[[object], object]
_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON may spell them; no text Glossator reads holds one
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
TAG = "@"


class DecodeError(ValueError):
    """A value that is not what its field holds."""


class Codec:
    """Encoder and decoder of the dataclass kinds it is given (and of what their fields hold)."""

    def __init__(self, kinds: Iterable[type]) -> None:
        self.kinds = {kind.__name__: kind for kind in kinds}
        for name, kind in self.kinds.items():
            if not dataclasses.is_dataclass(kind) or not kind.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                raise TypeError(f"{name} is not a frozen dataclass")
        self._decoders: dict[type, _Decoder] = {}
        for kind in self.kinds.values():
            self._decoder(kind)
        self._fields = {kind: tuple(f.name for f in dataclasses.fields(kind)) for kind in self.kinds.values()}

    # Writing

    def encode(self, value: object) -> object:
        """`value` as JSON values: None, bool, int, str, lists and objects."""
        if value is None or type(value) in (str, int, bool):
            return value
        kind = type(value)
        if kind in (tuple, list):
            return [self.encode(v) for v in value]  # type: ignore[attr-defined]
        if kind is frozenset:
            return sorted((self.encode(v) for v in value), key=sort_key)  # type: ignore[attr-defined]
        if kind is FieldMap:
            return [[name, self.encode(v)] for name, v in value.items()]  # type: ignore[attr-defined]
        if kind is dt.date:
            return value.isoformat()  # type: ignore[attr-defined]
        fields = self._fields.get(kind)
        if fields is not None:
            out: dict[str, object] = {TAG: kind.__name__}
            for name in fields:
                out[name] = self.encode(getattr(value, name))
            return out
        raise TypeError(f"cannot encode a {kind.__qualname__}")

    # Reading

    def decode(self, kind: type[Any], data: object) -> Any:
        """The `kind` (one of this codec's) that `data` describes, or DecodeError."""
        if self.kinds.get(kind.__name__) is not kind:
            raise TypeError(f"{kind.__qualname__} is not a kind of this codec")
        return self._decoders[kind](data)

    def _decoder(self, hint: Any) -> _Decoder:
        """A function that reads a value of the declared type `hint`."""
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if hint in (str, int, bool):
            return _scalar(hint)
        if hint is type(None):
            return _none
        if hint is dt.date:
            return _date
        if origin is Literal:
            return _literal(args)
        if origin in (Union, types.UnionType):
            return _union([self._decoder(a) for a in args], [a is type(None) for a in args])
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return _array(self._decoder(args[0]), tuple)
            return _fixed([self._decoder(a) for a in args])
        if origin is frozenset:
            return _array(self._decoder(args[0]), frozenset)
        if origin is FieldMap:
            return _field_map(self._decoder(args[0]))
        if isinstance(hint, type) and self.kinds.get(hint.__name__) is hint:
            return self._dataclass(hint)
        raise TypeError(f"no decoder for {hint!r}")

    def _dataclass(self, kind: type) -> _Decoder:
        if kind in self._decoders:
            return lambda data: self._decoders[kind](data)  # a kind that holds itself, read when it is done
        self._decoders[kind] = _unready
        hints = typing.get_type_hints(kind)
        fields = [f.name for f in dataclasses.fields(kind) if f.init]
        readers = [(name, self._decoder(hints[name])) for name in fields]
        expected = {TAG, *fields}
        name = kind.__name__

        def read(data: object) -> object:
            if type(data) is not dict:
                raise DecodeError(f"expected a {name} object, found {_what(data)}")
            if data.get(TAG) != name:
                raise DecodeError(f"expected a {name}, found the tag {str(data.get(TAG))[:40]!r}")
            if data.keys() != expected:
                odd = sorted(str(k)[:40] for k in data.keys() ^ expected)
                raise DecodeError(f"a {name} with the wrong fields ({', '.join(odd)})")
            return kind(**{field: reader(data[field]) for field, reader in readers})

        self._decoders[kind] = read
        return read


def _unready(data: object) -> object:
    raise TypeError("a decoder used before it was made")


def _what(data: object) -> str:
    return {dict: "an object", list: "an array", str: "text", bool: "a boolean", type(None): "null"}.get(
        type(data), type(data).__name__
    )


def _text(data: object) -> str:
    if type(data) is not str:
        raise DecodeError(f"expected str, found {_what(data)}")
    if not data.isascii() and _SURROGATE.search(data):
        raise DecodeError("text with a lone surrogate")
    return data


def _scalar(kind: type) -> _Decoder:
    if kind is str:
        return _text
    name = kind.__name__

    def read(data: object) -> object:
        if type(data) is not kind:  # exactly: JSON's true is not an int here
            raise DecodeError(f"expected {name}, found {_what(data)}")
        return data

    return read


def _none(data: object) -> None:
    if data is not None:
        raise DecodeError(f"expected null, found {_what(data)}")


def _date(data: object) -> dt.date:
    if type(data) is not str or not _DATE.fullmatch(data):
        raise DecodeError(f"expected a date, found {_what(data)}")
    try:
        return dt.date.fromisoformat(data)
    except ValueError as exc:
        raise DecodeError(str(exc)) from None


def _literal(choices: tuple[object, ...]) -> _Decoder:
    def read(data: object) -> object:
        for choice in choices:
            if type(data) is type(choice) and data == choice:
                return choice
        raise DecodeError(f"expected one of {choices!r}, found {str(data)[:40]!r}")

    return read


def _union(readers: list[_Decoder], nulls: list[bool]) -> _Decoder:
    def read(data: object) -> object:
        if data is None and any(nulls):
            return None
        problems: list[str] = []
        for reader, null in zip(readers, nulls, strict=True):
            if null:
                continue
            try:
                return reader(data)
            except DecodeError as exc:
                problems.append(str(exc))
        raise DecodeError("; ".join(problems))

    return read


def _array(reader: _Decoder, make: Callable[[Iterable[object]], object]) -> _Decoder:
    def read(data: object) -> object:
        if type(data) is not list:
            raise DecodeError(f"expected an array, found {_what(data)}")
        return make([reader(item) for item in data])

    def read_texts(data: object) -> object:  # the same for texts, item by item in C: an entry has hundreds of words
        if type(data) is not list:
            raise DecodeError(f"expected an array, found {_what(data)}")
        if not set(map(type, data)) <= {str}:
            raise DecodeError("expected an array of text")
        if not all(map(str.isascii, data)) and any(map(_SURROGATE.search, data)):
            raise DecodeError("text with a lone surrogate")
        return make(data)

    return read_texts if reader is _text else read


def _fixed(readers: list[_Decoder]) -> _Decoder:
    def read(data: object) -> object:
        if type(data) is not list or len(data) != len(readers):
            raise DecodeError(f"expected an array of {len(readers)}, found {_what(data)}")
        return tuple(reader(item) for reader, item in zip(readers, data, strict=True))

    return read


def _field_map(reader: _Decoder) -> _Decoder:
    def read(data: object) -> object:
        if type(data) is not list:
            raise DecodeError(f"expected an array of fields, found {_what(data)}")
        pairs: list[tuple[str, object]] = []
        for item in data:
            if type(item) is not list or len(item) != 2 or type(item[0]) is not str:
                raise DecodeError("expected a [name, value] pair")
            pairs.append((item[0], reader(item[1])))
        return FieldMap(pairs)

    return read
