"""Translations: which entries each language has, and which have fallen behind their source.

A translation at `content/<lang>/<slug>.md` records in `source_hash:` the
version of `content/<slug>.md` it was made from: the first digits of the
SHA-256 of the source file's text.  When the source changes, the hashes
differ and the translation is outdated until a translator catches up and
records the new hash (`translate-status --update`).  A translation that
records no hash is untracked: whether it follows its source is not known,
and `translate-status --update` starts tracking it once it does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from glossator.content.config import Language, SiteConfig
from glossator.content.frontmatter import FENCE, closing_line
from glossator.content.kinds import SOURCE_HASH_LENGTH
from glossator.content.model import Entry, unread
from glossator.core.diagnostics import Diagnostic, Position
from glossator.core.labels import untranslated
from glossator.prose.glossary import Glossary

# Every code a warning here can carry (documented in CONTRIBUTING.md).
CODES = ("outdated-translation", "no-source-hash", "untranslated-labels")


def source_hash(text: str) -> str:
    """The short hash a translation records of its source: of the text as read (line endings normalised)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:SOURCE_HASH_LENGTH]


def update_command(entry: Entry) -> str:
    return f"python build.py translate-status --update {entry.lang}/{entry.slug}"


def translation_warnings(glossary: Glossary) -> Iterator[Diagnostic]:
    """An outdated translation, or one that does not say which version it translates."""
    if glossary.source is None:
        return
    for slug, entry in glossary.entries.items():
        current = glossary.source_hashes.get(slug)
        source = glossary.source.entries.get(slug)
        if current is None or source is None or entry.source_hash == current or "source_hash" in unread(entry):
            continue
        if not entry.source_hash:
            yield Diagnostic.warning(
                entry.path,
                Position(entry.title_pos.line),
                "no-source-hash",
                f"translation is untracked: no source_hash says which version of {source.path} this translates, "
                f"so whether it is up to date is not known; once it matches the source, start tracking it with: "
                f"{update_command(entry)}",
            )
            continue
        pos = entry.source_hash_pos or Position(entry.title_pos.line)
        yield Diagnostic.warning(
            entry.path,
            pos,
            "outdated-translation",
            f"translation is out of date: {source.path} has changed since it was translated "
            f"(source_hash {entry.source_hash}, source now {current}); bring it up to date, then run: "
            f"{update_command(entry)}",
        )


def label_warnings(config: SiteConfig, path: str) -> Iterator[Diagnostic]:
    """A language whose labels are partly English still."""
    for language in config.all_languages:
        missing = untranslated(language.labels, language.code)
        if missing:
            where = "labels" if language.code == config.default_code else f"languages.{language.code}.labels"
            yield Diagnostic.warning(
                path,
                Position(language.line),
                "untranslated-labels",
                f"{where}: {len(missing)} label(s) print in English on {language.name} pages "
                f"(e.g. {', '.join(missing[:3])}); translate them there",
            )


@dataclass(frozen=True, slots=True)
class LanguageStatus:
    """How far one language's translations have come."""

    language: Language
    total: int  # entries in the default language
    translated: tuple[str, ...]  # slugs, up to date or not
    outdated: tuple[str, ...]  # the version they record is not their source's now
    untracked: tuple[str, ...]  # they record no version
    missing: tuple[str, ...]

    @property
    def coverage(self) -> float:
        return len(self.translated) / self.total if self.total else 1.0


def status(default: Glossary, translations: Iterable[Glossary]) -> list[LanguageStatus]:
    """Coverage, outdated and missing entries of each language other than the default."""
    out: list[LanguageStatus] = []
    for glossary in translations:
        translated = tuple(sorted(glossary.entries))
        untracked = tuple(slug for slug in translated if glossary.untracked(slug))
        outdated = tuple(slug for slug in translated if glossary.outdated(slug) and slug not in untracked)
        missing = tuple(slug for slug in default.entries if slug not in glossary.entries)
        out.append(LanguageStatus(glossary.config.lang, len(default.entries), translated, outdated, untracked, missing))
    return out


def status_text(report: list[LanguageStatus], default: Glossary) -> str:
    if not report:
        return "no languages other than the default: add some under languages: in site.yaml\n"
    lines: list[str] = []
    for s in report:
        code = s.language.code
        lines.append(
            f"{code} ({s.language.name}): {len(s.translated)}/{s.total} translated ({s.coverage:.0%}), "
            f"{len(s.outdated)} outdated, {len(s.untracked)} untracked, {len(s.missing)} missing"
        )
        for slug in s.outdated:
            lines.append(f"  outdated  content/{code}/{slug}.md  (source: {default.entries[slug].path})")
        for slug in s.untracked:
            lines.append(
                f"  untracked content/{code}/{slug}.md  (no source_hash; once it matches {default.entries[slug].path}, "
                f"start tracking with: python build.py translate-status --update {code}/{slug})"
            )
        for slug in s.missing:
            lines.append(
                f"  missing   content/{code}/{slug}.md  (start with: python build.py new --translate {code} {slug})"
            )
    return "\n".join(lines) + "\n"


def status_json(report: list[LanguageStatus]) -> str:
    data = {
        s.language.code: {
            "name": s.language.name,
            "total": s.total,
            "translated": len(s.translated),
            "coverage": round(s.coverage, 4),
            "outdated": list(s.outdated),
            "untracked": list(s.untracked),
            "missing": list(s.missing),
        }
        for s in report
    }
    return json.dumps({"languages": data}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_SOURCE_HASH_LINE = re.compile(r"^source_hash:[^\n]*$", re.MULTILINE)
_TITLE_LINE = re.compile(r"^title:[^\n]*$", re.MULTILINE)


def with_source_hash(text: str, value: str) -> str:
    """The file's text with `source_hash:` set to `value`; nothing else changes.

    An existing top-level `source_hash:` line is replaced; otherwise one is
    added after the title line (or first in the front matter).
    """
    if not text.startswith(FENCE):
        raise ValueError("the file has no front matter")
    lines = text.split("\n")
    end = closing_line(lines)  # where validation sees the front matter end
    if end is None:
        raise ValueError(f"the front matter is not closed by a {FENCE} line")
    head, rest = "\n".join(lines[:end]) + "\n", "\n".join(lines[end:])
    line = f"source_hash: {value}"
    if _SOURCE_HASH_LINE.search(head):
        head = _SOURCE_HASH_LINE.sub(line, head, count=1)
    elif title := _TITLE_LINE.search(head):
        head = head[: title.end()] + "\n" + line + head[title.end() :]
    else:
        first = head.index("\n") + 1
        head = head[:first] + line + "\n" + head[first:]
    return head + rest
