"""Work cache: what `build` and `check` validated and wove, kept in `.glossator-cache/work/` for the next run.

It holds a memo's state (`Memo.state`): records go into shards by the first
hex digit of their key, sixteen of each kind (`validated-3.json`,
`woven-a.json`), so a run that changed a few entries rewrites a few shards.
Each shard is checked as it is read (`shards`) and its records decoded by
the strict codec; a shard that fails either is reported in one line and left
out, and what it held is worked out again, exactly as with no cache at all.
A cache folder that git tracks is not read: a cache is never committed, so
one that was (in a pull request, say) is not trusted to say what was built.
"""

from __future__ import annotations

__all__ = ["WorkCache", "kept_work"]

import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from glossator.build.cache import generator_version
from glossator.build.codec import Codec, DecodeError
from glossator.build.memo import Memo, MemoState, Noted, Validated
from glossator.build.mentions import Reading
from glossator.build.shards import ForeignShardError, ShardError, read_shard, write_shard
from glossator.content.load import display_path
from glossator.content.model import Cell, Comparison, Entry, Example, Meaning, Misconception, Prose, Ref, Row
from glossator.content.project import Project
from glossator.core.diagnostics import Diagnostic, Position
from glossator.prose.glossary import EntryProse, ProseSection, Woven

FOLDER = "work"
_MODEL = (Entry, Prose, Ref, Meaning, Cell, Row, Comparison, Example, Misconception, Position, Diagnostic)
CODEC = Codec((*_MODEL, Woven, EntryProse, ProseSection, Reading, Validated, Noted))
_RECORDS: dict[str, type[Validated] | type[Noted]] = {"validated": Validated, "woven": Noted}
_BUCKETS = "0123456789abcdef"
_DIGEST = re.compile("[0-9a-f]{64}")
_LANG = re.compile("[A-Za-z0-9-]{1,35}")
_UNPRINTABLE = re.compile(r"[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]")

_Bucket = dict[str, tuple[str, object]]  # key -> (what the record is a version of, its JSON as read)


class WorkCache:
    """A memo's state in a folder of shards, read and written whole, each shard checked on its own."""

    def __init__(self, folder: Path, generator: str, shown: Callable[[Path], str] = str) -> None:
        self.folder, self.generator, self.shown = folder, generator, shown
        self._read: dict[tuple[str, str], _Bucket] = {}  # (kind, bucket) -> what the shard held when read
        self._unread: set[tuple[str, str]] = set()  # shards there that could not be used: replaced or removed
        self._against: dict[str, str] | None = None  # what the `against` file said when read, None if unread

    @property
    def _against_path(self) -> Path:
        return self.folder / "against.json"

    def _path(self, kind: str, bucket: str) -> Path:
        return self.folder / f"{kind}-{bucket}.json"

    def load(self) -> tuple[MemoState, list[str]]:
        """The state the shards hold, and a warning for each one that was left out."""
        state = MemoState()
        warnings: list[str] = []
        foreign: str | None = None
        for kind, record in _RECORDS.items():
            for bucket in _BUCKETS:
                path = self._path(kind, bucket)
                if not path.is_file():
                    continue
                self._unread.add((kind, bucket))
                try:
                    found = self._records(read_shard(path, self.generator), kind, record)
                except ForeignShardError as exc:
                    foreign = foreign or str(exc)
                    continue
                except (ShardError, OSError) as exc:
                    warnings.append(self.warning(path, str(exc)))
                    continue
                self._read[(kind, bucket)] = {key: (_version(value), raw) for key, (value, raw) in found.items()}
                self._unread.discard((kind, bucket))
                target: dict[str, object] = state.validated if kind == "validated" else state.woven  # type: ignore[assignment]
                target.update((key, value) for key, (value, _) in found.items())
        if foreign is not None:  # the whole folder is another version's: one line says so
            self._unread.update(self._read)
            self._read.clear()
            return MemoState(), [self.warning(self.folder, foreign)]
        state.against = self._load_against(warnings)
        return state, warnings

    def _load_against(self, warnings: list[str]) -> dict[str, str]:
        """What each language's weaves were woven against; without it each weave checks itself, as before."""
        path = self._against_path
        if not path.is_file():
            return {}
        try:
            records = _records_of(read_shard(path, self.generator), "against")
            if not all(isinstance(v, str) and _DIGEST.fullmatch(v) and _LANG.fullmatch(k) for k, v in records.items()):
                raise ShardError("unreadable record")
        except ForeignShardError:
            return {}
        except (ShardError, OSError) as exc:
            warnings.append(self.warning(path, str(exc)))
            return {}
        self._against = cast("dict[str, str]", records)
        return self._against

    def _records(self, payload: object, kind: str, record: type) -> dict[str, tuple[object, object]]:
        records = _records_of(payload, kind)
        found: dict[str, tuple[object, object]] = {}
        for key, raw in records.items():
            try:
                found[key] = (CODEC.decode(record, raw), raw)
            except (DecodeError, TypeError, ValueError) as exc:
                raise ShardError(f"unreadable record: {str(exc)[:120]}") from None
        return found

    def warning(self, path: Path, reason: str) -> str:
        text = f"{self.shown(path)}: warning: cache ignored: {reason}"
        return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "\ufffd", text)

    def save(self, state: MemoState) -> None:
        """Write the shards whose records differ from what was read; a cache that cannot be written costs only time."""
        try:
            self._save(state)
        except OSError:
            return

    def _save(self, state: MemoState) -> None:
        # The `against` file vouches for every weave in the shards: it goes before any of them changes and
        # is written again only once they all are, so a save cut short leaves weaves that check themselves.
        against = dict(state.against)
        if self._against is not None and self._against != against:
            self._against_path.unlink(missing_ok=True)
            self._against = None
        self._save_shards(state)
        if against and self._against != against:
            write_shard(self._against_path, self.generator, {"kind": "against", "records": against})
            self._against = against

    def _save_shards(self, state: MemoState) -> None:
        kinds: dict[str, dict[str, Validated] | dict[str, Noted]] = {"validated": state.validated, "woven": state.woven}
        for kind, records in kinds.items():
            buckets: dict[str, dict[str, Validated | Noted]] = {bucket: {} for bucket in _BUCKETS}
            for key, value in records.items():
                if key[:1] in buckets:  # always: keys are hex digests
                    buckets[key[:1]][key] = value
            for bucket, held in buckets.items():
                was = self._read.get((kind, bucket), {})
                same = {k: _version(v) for k, v in held.items()} == {k: version for k, (version, _) in was.items()}
                if same and (kind, bucket) not in self._unread:
                    continue
                self._unread.discard((kind, bucket))
                path = self._path(kind, bucket)
                if not held:
                    path.unlink(missing_ok=True)
                    self._read.pop((kind, bucket), None)
                    continue
                raw: dict[str, object] = {}
                for key, value in held.items():
                    old = was.get(key)
                    raw[key] = old[1] if old is not None and old[0] == _version(value) else CODEC.encode(value)
                write_shard(path, self.generator, {"kind": kind, "records": raw})
                self._read[(kind, bucket)] = {key: (_version(held[key]), raw[key]) for key in held}


def _records_of(payload: object, kind: str) -> dict[str, object]:
    """The records of a shard's payload, which must be a shard of `kind` records (JSON keys are strings)."""
    if type(payload) is not dict or payload.keys() != {"kind", "records"} or payload["kind"] != kind:
        raise ShardError(f"not a shard of {kind} records")
    records = payload["records"]
    if type(records) is not dict:
        raise ShardError(f"not a shard of {kind} records")
    return cast("dict[str, object]", records)


def _version(record: object) -> str:
    """What tells two records under one key apart: a weave's context; a validation is one value per key."""
    return record.context if isinstance(record, Noted) else ""


def tracked_by_git(root: Path, folder: Path) -> bool:
    """Whether git tracks any file in `folder` (False where there is no git or no repository)."""
    try:
        found = subprocess.run(
            ["git", "ls-files", "-z", "--", str(folder.absolute())],
            cwd=root,
            capture_output=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout)


@contextmanager
def kept_work(project: Project, report: Callable[[str], object]) -> Iterator[Memo]:
    """A memo holding what the last run kept in the project's work cache, kept again when the block ends.

    `report` is handed each warning, one line each, for a cache that had to be left out.
    Nothing is kept when the block raises: an interrupted run may have left the memo half done.
    """
    folder = project.cache / FOLDER
    cache = WorkCache(folder, generator_version(), lambda path: display_path(path, project.cwd))
    memo = Memo()
    if folder.is_dir():
        if tracked_by_git(project.root, folder):
            report(cache.warning(folder, "it is tracked by git; remove it from the repository (git rm -r --cached)"))
            yield memo
            return
        state, warnings = cache.load()
        for warning in warnings:
            report(warning)
        memo.restore(state)
    yield memo
    cache.save(memo.state())
