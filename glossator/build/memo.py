"""Memo: what a long-running process keeps between builds so unchanged work is not redone.

Files are read again only when their size or times change; validation
results are kept by file path and content hash, and woven prose by entry (an
Entry is an immutable value, so an equal entry weaves the same) for as long as
what its language's entries are woven against (their names, where each
page is) stays the same.  Every stage stays a pure function; the memo only
remembers its answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import assert_never

from glossator.content.config import SiteConfig
from glossator.content.load import Limits, SourceFile, read_source
from glossator.content.model import Entry
from glossator.content.validate import validate
from glossator.core.diagnostics import Result
from glossator.core.parallel import fork_map
from glossator.pages.render import ChangeKind
from glossator.prose.autolink import Matcher
from glossator.prose.glossary import Woven
from glossator.prose.weave import Surroundings, weave


@dataclass(slots=True)
class Memo:
    """Answers of `read_source`, `validate` and `weave`.

    A file's answer is kept under its stat, and woven prose with what it was
    woven against, so both check themselves on use.  Validation also depends
    on site.yaml (its categories and limits), which its key does not hold:
    `invalidate` is told when that may have changed.
    """

    _files: dict[tuple[object, ...], Result[SourceFile]] = field(default_factory=dict, init=False, repr=False)
    _validated: dict[tuple[str, str], Result[Entry]] = field(default_factory=dict, init=False, repr=False)
    _woven: dict[Entry, Woven] = field(default_factory=dict, init=False, repr=False)
    # language -> what its woven entries were woven against
    _surroundings: dict[str, tuple[Surroundings, Matcher]] = field(default_factory=dict, init=False, repr=False)

    def invalidate(self, kind: ChangeKind) -> None:
        """Drop what a change of this kind may have made stale."""
        match kind:
            case ChangeKind.CONFIG | ChangeKind.EVERYTHING:
                self._validated.clear()
            case ChangeKind.PAGE | ChangeKind.ENTRIES | ChangeKind.TEMPLATES | ChangeKind.STYLES | ChangeKind.STATIC:
                pass  # a saved file has a new stat, and nothing here comes from templates or static files
            case _:
                assert_never(kind)

    def read(
        self, file: Path, *, slug: str, lang: str, cwd: Path, limits: Limits, root: Path | None = None
    ) -> Result[SourceFile]:
        """read_source, skipped for a file whose identity, size and times are as they were."""
        try:
            st = file.lstat()
        except OSError:
            return read_source(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
        key = (str(file), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, lang, cwd, limits, root)
        if key not in self._files:
            self._files[key] = read_source(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
        return self._files[key]

    def validate(self, sources: Sequence[SourceFile], config: SiteConfig, jobs: int = 1) -> list[Result[Entry]]:
        """`validate` for each source not validated since site.yaml last changed (the rest in `jobs` processes)."""
        keys = [(source.path, source.digest) for source in sources]
        todo = {key: source for key, source in zip(keys, sources, strict=True) if key not in self._validated}
        checked = fork_map(partial(validate, config=config), list(todo.values()), jobs)
        self._validated.update(zip(todo, checked, strict=True))
        return [self._validated[key] for key in keys]

    def matcher(self, names: dict[str, str]) -> Matcher:
        """The matcher of the last call with equal names (building one is linear in the names), or a new one."""
        for _, known in self._surroundings.values():
            if known.names == names:
                return known
        return Matcher(names)

    def weave(self, entries: Sequence[Entry], around: Surroundings, matcher: Matcher, jobs: int) -> list[Woven]:
        """`weave` for each entry not woven before against equal surroundings (the rest in `jobs` processes)."""
        for lang in {e.lang for e in entries}:
            known = self._surroundings.get(lang)
            if known is None or not _alike(known, around, matcher):  # any link may lead elsewhere now
                self._woven = {e: w for e, w in self._woven.items() if e.lang != lang}
            self._surroundings[lang] = (around, matcher)
        todo = [e for e in entries if e not in self._woven]
        self._woven.update(zip(todo, fork_map(partial(weave, around=around, matcher=matcher), todo, jobs), strict=True))
        return [self._woven[e] for e in entries]

    def weave_alone(self, entry: Entry) -> Woven | None:
        """`entry` woven against what its language was last woven against; None if it never was."""
        known = self._surroundings.get(entry.lang)
        if known is None:
            return None
        (woven,) = self.weave([entry], *known, jobs=1)
        return woven

    def keep_only(self, sources: list[SourceFile], entries: list[Entry]) -> None:
        """Forget what belongs to files and entries that no longer exist."""
        live = {(s.path, s.digest) for s in sources}
        self._files = {
            k: v for k, v in self._files.items() if v.value is not None and (v.value.path, v.value.digest) in live
        }
        self._validated = {k: v for k, v in self._validated.items() if k in live}
        alive = set(entries)
        self._woven = {k: v for k, v in self._woven.items() if k in alive}


def _alike(known: tuple[Surroundings, Matcher], around: Surroundings, matcher: Matcher) -> bool:
    """Whether prose woven against `known` is what weaving against `around` and `matcher` would give."""
    was_around, was_matcher = known
    # The same objects are equal at once; comparing values is linear in the language's names.
    same_around = was_around is around or was_around == around
    return same_around and (was_matcher is matcher or was_matcher.names == matcher.names)
