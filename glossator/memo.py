"""Memo: what a long-running process keeps between builds so unchanged work is not redone.

Files are read again only when their size or times change; validation
results are kept by file path and content hash, parsed prose by
entry (an Entry is an immutable value, so an equal entry parses the same),
and auto-linked prose by entry and the links it writes itself, for as long as
the names of the entries in its language stay the same.  Every stage stays a
pure function; the memo only remembers its answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from glossator.autolink import Matcher
from glossator.config import SiteConfig
from glossator.diagnostics import Diagnostic
from glossator.link import autolinked, parse_entry
from glossator.load import Limits, SourceFile, read_source
from glossator.model import Entry, Parsed
from glossator.validate import validate


@dataclass
class Memo:
    """Answers of `validate` and `parse_entry`, valid for one SiteConfig."""

    config: SiteConfig | None = None
    validated: dict[tuple[str, str], tuple[Entry | None, list[Diagnostic]]] = field(default_factory=dict)
    parsed: dict[Entry, Parsed] = field(default_factory=dict)
    linked: dict[tuple[Entry, frozenset[str]], Parsed] = field(default_factory=dict)
    matchers: dict[str, Matcher] = field(default_factory=dict)  # language -> the matcher `linked` was made with
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

    def validate(self, source: SourceFile, config: SiteConfig) -> tuple[Entry | None, list[Diagnostic]]:
        if config is not self.config:  # validation depends on categories and limits
            self.config, self.validated = config, {}
        key = (source.path, source.digest)
        if key in self.validated:
            self.hits += 1
        else:
            self.validated[key] = validate(source, config)
        return self.validated[key]

    def parse(self, entry: Entry) -> Parsed:
        if entry not in self.parsed:
            self.parsed[entry] = parse_entry(entry)
        return self.parsed[entry]

    def matcher(self, names: dict[str, str]) -> Matcher:
        """The matcher of the last call with equal names (building one is linear in the names), or a new one."""
        for known in self.matchers.values():
            if known.names == names:
                return known
        return Matcher(names)

    def autolink(self, entry: Entry, parsed: Parsed, matcher: Matcher, explicit: set[str]) -> Parsed:
        known = self.matchers.get(entry.lang)
        if known is not matcher:
            if known is None or known.names != matcher.names:  # a name changed: any mention may link elsewhere
                self.linked = {k: v for k, v in self.linked.items() if k[0].lang != entry.lang}
            self.matchers[entry.lang] = matcher
        key = (entry, frozenset(explicit))
        if key not in self.linked:
            self.linked[key] = autolinked(entry, parsed, matcher, explicit)
        return self.linked[key]

    def keep_only(self, sources: list[SourceFile], entries: list[Entry]) -> None:
        """Forget what belongs to files and entries that no longer exist."""
        live = {(s.path, s.digest) for s in sources}
        self.files = {k: v for k, v in self.files.items() if v[0] is not None and (v[0].path, v[0].digest) in live}
        self.validated = {k: v for k, v in self.validated.items() if k in live}
        alive = set(entries)
        self.parsed = {k: v for k, v in self.parsed.items() if k in alive}
        self.linked = {k: v for k, v in self.linked.items() if k[0] in alive}
