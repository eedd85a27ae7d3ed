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

from glossator.content.config import SiteConfig
from glossator.content.load import Limits, SourceFile, read_source
from glossator.content.model import Entry
from glossator.content.validate import validate
from glossator.core.diagnostics import Diagnostic
from glossator.core.parallel import fork_map
from glossator.prose.autolink import Matcher
from glossator.prose.glossary import Woven
from glossator.prose.weave import Surroundings, weave


@dataclass
class Memo:
    """Answers of `read_source`, `validate` and `weave`, valid for one SiteConfig."""

    config: SiteConfig | None = None
    validated: dict[tuple[str, str], tuple[Entry | None, list[Diagnostic]]] = field(default_factory=dict)
    woven: dict[Entry, Woven] = field(default_factory=dict)
    # language -> what its woven entries were woven against
    surroundings: dict[str, tuple[Surroundings, Matcher]] = field(default_factory=dict)
    files: dict[tuple[object, ...], tuple[SourceFile | None, list[Diagnostic]]] = field(default_factory=dict)
    hits: int = 0

    def read(
        self, file: Path, *, slug: str, lang: str, cwd: Path, limits: Limits, root: Path | None = None
    ) -> tuple[SourceFile | None, list[Diagnostic]]:
        """read_source, skipped for a file whose identity, size and times are as they were."""
        try:
            st = file.lstat()
        except OSError:
            return read_source(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
        key = (str(file), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, lang, cwd, limits, root)
        if key not in self.files:
            self.files[key] = read_source(file, slug=slug, lang=lang, cwd=cwd, limits=limits, root=root)
        return self.files[key]

    def validate(
        self, sources: Sequence[SourceFile], config: SiteConfig, jobs: int = 1
    ) -> list[tuple[Entry | None, list[Diagnostic]]]:
        """`validate` for each source not validated before (those in `jobs` processes)."""
        if config is not self.config:  # validation depends on categories and limits
            self.config, self.validated = config, {}
        keys = [(source.path, source.digest) for source in sources]
        todo = {key: source for key, source in zip(keys, sources, strict=True) if key not in self.validated}
        self.hits += len(sources) - len(todo)
        checked = fork_map(partial(validate, config=config), list(todo.values()), jobs)
        self.validated.update(zip(todo, checked, strict=True))
        return [self.validated[key] for key in keys]

    def matcher(self, names: dict[str, str]) -> Matcher:
        """The matcher of the last call with equal names (building one is linear in the names), or a new one."""
        for _, known in self.surroundings.values():
            if known.names == names:
                return known
        return Matcher(names)

    def weave(self, entries: Sequence[Entry], around: Surroundings, matcher: Matcher, jobs: int) -> list[Woven]:
        """`weave` for each entry not woven before against equal surroundings (the rest in `jobs` processes)."""
        for lang in {e.lang for e in entries}:
            known = self.surroundings.get(lang)
            # Other names or pages: any link may lead elsewhere now.  (The same object is equal at once.)
            if known is None or known[1] is not matcher or (known[0] is not around and known[0] != around):
                self.woven = {e: w for e, w in self.woven.items() if e.lang != lang}
                self.surroundings[lang] = (around, matcher)
        todo = [e for e in entries if e not in self.woven]
        self.woven.update(zip(todo, fork_map(partial(weave, around=around, matcher=matcher), todo, jobs), strict=True))
        return [self.woven[e] for e in entries]

    def keep_only(self, sources: list[SourceFile], entries: list[Entry]) -> None:
        """Forget what belongs to files and entries that no longer exist."""
        live = {(s.path, s.digest) for s in sources}
        self.files = {k: v for k, v in self.files.items() if v[0] is not None and (v[0].path, v[0].digest) in live}
        self.validated = {k: v for k, v in self.validated.items() if k in live}
        alive = set(entries)
        self.woven = {k: v for k, v in self.woven.items() if k in alive}
