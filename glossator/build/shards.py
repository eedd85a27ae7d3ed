"""Shards: the work cache's files, each a header line and a JSON payload it vouches for, written atomically.

The header is one line of JSON: the format's name and version, the generator
that wrote the file, and the size and sha256 of the payload after it.  A file
whose header is not this format's, whose version or generator is another's,
or whose payload is cut short, longer, altered or not JSON is refused with a
`ShardError` that says which in a few words.  A file is written beside its
place and renamed into it, so a reader never sees half of one.
"""

from __future__ import annotations

__all__ = ["FORMAT", "VERSION", "ForeignShardError", "ShardError", "read_shard", "write_shard"]

import hashlib
import json
import os
from pathlib import Path

FORMAT = "glossator-work"
VERSION = 1
MAX_HEADER = 1024
MAX_PAYLOAD = 1 << 31  # far past what 100,000 entries need: a header claiming more is not believed


class ShardError(Exception):
    """A shard that cannot be used; the message says why, in a few words."""


class ForeignShardError(ShardError):
    """A shard another version of the format or of Glossator wrote: whole, but not for this build."""


def write_shard(path: Path, generator: str, payload: object) -> None:
    """Write `payload` (JSON values) to `path` with its header, replacing the file in one step."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    header = {
        "format": FORMAT,
        "version": VERSION,
        "generator": generator,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as file:
            file.write(json.dumps(header, sort_keys=True).encode() + b"\n")
            file.write(data)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


def read_shard(path: Path, generator: str) -> object:
    """The payload of the shard at `path`, checked against its header; ShardError if it cannot be trusted."""
    with path.open("rb") as file:
        line = file.readline(MAX_HEADER)
        if not line.endswith(b"\n"):
            raise ShardError("no header: not a cache file")
        header = _header(line)
        if header["format"] != FORMAT:
            raise ShardError("not a cache file of this format")
        if header["version"] != VERSION:
            raise ForeignShardError(f"format version {header['version']}, this build reads {VERSION}")
        if header["generator"] != generator:
            raise ForeignShardError(f"written by {str(header['generator'])[:80]}")
        size = header["size"]
        assert isinstance(size, int)  # by _header
        if not 0 <= size <= MAX_PAYLOAD:
            raise ShardError("impossible payload size")
        data = file.read(size + 1)
    if len(data) < size:
        raise ShardError(f"truncated ({len(data):,} of {size:,} bytes)")
    if len(data) > size:
        raise ShardError("longer than its header says")
    if hashlib.sha256(data).hexdigest() != header["sha256"]:
        raise ShardError("checksum mismatch")
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except RecursionError:
        raise ShardError("nested too deeply") from None
    except ValueError:  # not UTF-8, not JSON, a number too long
        raise ShardError("payload is not JSON") from None


def _header(line: bytes) -> dict[str, object]:
    try:
        header = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise ShardError("header is not JSON: not a cache file") from None
    types = {"format": str, "version": int, "generator": str, "sha256": str, "size": int}
    if type(header) is not dict or header.keys() != types.keys():
        raise ShardError("not a cache file of this format")
    if any(type(header[key]) is not kind for key, kind in types.items()):
        raise ShardError("header of the wrong shape")
    return header


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")
