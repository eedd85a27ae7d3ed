"""Memo: what a long-running process keeps between builds so unchanged work is not redone.

Validation results are kept by file path and content hash, parsed prose by
entry (an Entry is an immutable value, so an equal entry parses the same).
Every stage stays a pure function; the memo only remembers its answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from glossator.config import SiteConfig
from glossator.diagnostics import Diagnostic
from glossator.link import parse_entry
from glossator.load import SourceFile
from glossator.model import Entry, Parsed
from glossator.validate import validate


@dataclass
class Memo:
    """Answers of `validate` and `parse_entry`, valid for one SiteConfig."""

    config: SiteConfig | None = None
    validated: dict[tuple[str, str], tuple[Entry | None, list[Diagnostic]]] = field(default_factory=dict)
    parsed: dict[Entry, Parsed] = field(default_factory=dict)
    hits: int = 0

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

    def keep_only(self, sources: list[SourceFile], entries: list[Entry]) -> None:
        """Forget what belongs to files and entries that no longer exist."""
        live = {(s.path, s.digest) for s in sources}
        self.validated = {k: v for k, v in self.validated.items() if k in live}
        alive = set(entries)
        self.parsed = {k: v for k, v in self.parsed.items() if k in alive}
