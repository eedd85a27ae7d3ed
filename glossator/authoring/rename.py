"""`glossator rename OLD NEW`: give an entry a new slug, and keep every link to it and its old address working.

The entry's file and its translations move to the new name; every `[[old]]`,
`[[old|text]]`, `related:`, `replaced_by:` and `meanings:` that names the old
slug, in any entry or translation, is rewritten; and the old slug joins the
entry's `redirect_from`, so its old address leads to the new one.  Each edit
replaces only the characters of the slug where the file writes it: the rest of
every file stays byte for byte as it was.  A translation that was up to date
with a source file changed here is kept up to date (its `source_hash`).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glossator.content.config import SiteConfig
from glossator.content.frontmatter import FENCE
from glossator.content.load import ENTRY_SUFFIX, SourceFile, display_path, load_content
from glossator.content.model import Entry, unread
from glossator.content.project import Project, load_config
from glossator.content.validate import partial_of, validate
from glossator.core.diagnostics import Position
from glossator.core.slugs import is_slug, slugify
from glossator.prose.link import fold
from glossator.prose.translations import source_hash
from glossator.prose.weave import parse_entry

EXIT_OK, EXIT_REFUSED = 0, 1


@dataclass(frozen=True, slots=True)
class _Edit:
    """The slug written at `pos` in a file, to be replaced by the new one."""

    pos: Position
    what: str  # "term link", "related"... for the report


def rename(root: Path, old: str, new: str) -> int:
    """Rename the entry `old` to `new` in the project at `root`; exit code 0 when done, 1 when refused."""
    project = Project.at(root)
    config = load_config(project)
    languages = [x.code for x in config.all_languages[1:]]
    content = project.content
    refusal = _refusal(project, config, old, new, languages)
    if refusal:
        sys.stderr.write(f"rename: {refusal} (nothing was changed)\n")
        return EXIT_REFUSED
    sources, _ = load_content(
        content, default_lang=config.default_code, other_langs=languages, cwd=project.cwd, limits=config.limits
    )
    entries = [(source, _entry(source, config)) for source in sources]
    claimed = [e for _, e in entries if e is not None and e.slug != old and old in {r.slug for r in e.redirect_from}]
    if any(new in {r.slug for r in e.redirect_from} for _, e in entries if e is not None and e.slug != old):
        sys.stderr.write(f"rename: {new!r} is an old slug another entry keeps (redirect_from) (nothing was changed)\n")
        return EXIT_REFUSED
    renamed = next((e for s, e in entries if e is not None and s.slug == old and s.lang == config.default_code), None)
    names = {fold(n) for n in renamed.names} if renamed is not None and "title" not in unread(renamed) else set()
    report: list[str] = []
    hashes_before = {s.slug: source_hash(s.text) for s, _ in entries if s.lang == config.default_code}
    changed_sources: set[str] = set()
    for source, entry in entries:
        if entry is None:
            continue
        edits = _edits(entry, old, names)
        if not edits:
            continue
        path = Path(source.path) if Path(source.path).is_absolute() else project.cwd / source.path
        _rewrite(path, [e.pos for e in edits], old, new)
        counts: dict[str, int] = defaultdict(int)
        for e in edits:
            counts[e.what] += 1
        done = ", ".join(f"{n} {what}{'s' if n > 1 else ''}" for what, n in counts.items())
        report.append(f"{source.path}: rewrote {done} to {new!r}")
        if source.lang == config.default_code:
            changed_sources.add(source.slug)
    moved = [(content / f"{old}{ENTRY_SUFFIX}", content / f"{new}{ENTRY_SUFFIX}")]
    moved += [(content / lang / f"{old}{ENTRY_SUFFIX}", content / lang / f"{new}{ENTRY_SUFFIX}") for lang in languages]
    for before, after in moved:
        if before.is_file():
            before.rename(after)
            report.append(f"moved {display_path(before, project.cwd)} -> {display_path(after, project.cwd)}")
    target = content / f"{new}{ENTRY_SUFFIX}"
    if not claimed:
        _add_redirect(target, old)
        report.append(f"{display_path(target, project.cwd)}: added {old!r} to redirect_from")
    changed_sources.add(old)
    report += _keep_translations_current(project, config, languages, hashes_before, changed_sources, old, new)
    sys.stdout.write("".join(f"{line}\n" for line in report))
    sys.stdout.write("next: run python build.py check\n")
    return EXIT_OK


def _refusal(project: Project, config: SiteConfig, old: str, new: str, languages: Iterable[str]) -> str:
    """Why the rename cannot be done, or '' when it can."""
    content = project.content
    if not (content / f"{old}{ENTRY_SUFFIX}").is_file():
        hint = (
            "; translations are renamed with their source"
            if any((content / lang / f"{old}{ENTRY_SUFFIX}").is_file() for lang in languages)
            else ""
        )
        return f"there is no entry {display_path(content / f'{old}{ENTRY_SUFFIX}', project.cwd)}{hint}"
    if not is_slug(new):
        suggestion = slugify(new)
        hint = f", e.g. {suggestion!r}" if suggestion else ""
        return f"{new!r} is not a valid slug: use lowercase letters, digits and single hyphens{hint}"
    if new == old:
        return f"the entry is already called {old!r}"
    for folder in (content, *(content / lang for lang in languages)):
        taken = folder / f"{new}{ENTRY_SUFFIX}"
        if taken.exists():
            return f"{display_path(taken, project.cwd)} already exists; choose another slug"
    return ""


def _entry(source: SourceFile, config: SiteConfig) -> Entry | None:
    """The entry a file holds, or as much of it as could be read."""
    checked = validate(source, config)
    return checked.value or partial_of(checked)


def _edits(entry: Entry, old: str, names: set[str]) -> list[_Edit]:
    """Where `entry` writes the slug `old`: in term links, `related`, `replaced_by` and `meanings`.

    A term link whose target is also one of the entry's names (`names`, folded) still leads to it: it stays.
    """
    found = [_Edit(r.pos, "related slug") for r in entry.related if r.slug == old]
    if entry.replaced_by is not None and entry.replaced_by.slug == old:
        found.append(_Edit(entry.replaced_by.pos, "replaced_by"))
    found += [_Edit(m.pos, "meaning") for m in entry.meanings if m.slug == old]
    for doc in parse_entry(entry).documents():
        found += [
            _Edit(Position(r.line, r.col), "term link")
            for r in doc.refs
            if fold(r.target) == old and fold(r.target) not in names
        ]
    return found


def _rewrite(path: Path, positions: list[Position], old: str, new: str) -> None:
    """Replace the slug `old` written at each position in the file with `new`, and nothing else."""
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    lines = raw[len(bom) :].decode("utf-8").splitlines(keepends=True)
    # Right to left within a line, so that an edit never moves the next one.
    for pos in sorted(positions, key=lambda p: (p.line, -p.col)):
        line = lines[pos.line - 1]
        at = pos.col - 1
        lines[pos.line - 1] = line[:at] + _replaced(line[at:], old, new)
    path.write_bytes(bom + "".join(lines).encode("utf-8"))


def _replaced(text: str, old: str, new: str) -> str:
    """`text` (from where a slug is written) with that slug replaced: in a term link, quoted, or bare."""
    link = re.match(r"\[\[(\s*)(" + re.escape(old) + r")(\s*)(\||\]\])", text, re.IGNORECASE)
    if link:
        lead, written, trail, after = link.groups()
        # [[old]] shows "old": it becomes [[new|old]], so that readers see the same words, linked anew.
        shown = f"{new}|{written}{trail}]]" if after == "]]" else f"{new}{trail}|"
        return f"[[{lead}{shown}" + text[link.end() :]
    quoted = re.match(r"(['\"]?)" + re.escape(old) + r"\1", text)
    if quoted:
        mark = quoted.group(1)
        return f"{mark}{new}{mark}" + text[quoted.end() :]
    raise ValueError(f"expected {old!r} at this position, found {text[:40]!r}")


_REDIRECT_KEY = re.compile(r"^redirect_from:[ \t]*(.*?)[ \t]*(#.*)?$")


def _add_redirect(path: Path, old: str) -> None:
    """Add `old` to the `redirect_from` of the entry file at `path` (the key is added when it has none)."""
    raw = path.read_bytes()
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    lines = raw[len(bom) :].decode("utf-8").splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    close = next(i for i, line in enumerate(lines) if i > 0 and line.rstrip("\r\n") == FENCE)
    for i in range(1, close):
        found = _REDIRECT_KEY.match(lines[i].rstrip("\r\n"))
        if not found:
            continue
        value = found.group(1)
        if value.startswith("[") and value.endswith("]"):  # a flow list on one line
            inner = value[1:-1].strip()
            listed = f"[{inner}, {old}]" if inner else f"[{old}]"
            end = lines[i][len(lines[i].rstrip("\r\n")) :]
            comment = f" {found.group(2)}" if found.group(2) else ""
            lines[i] = f"redirect_from: {listed}{comment}{end}"
        else:  # a block list: a new item after the last one
            last = i
            while last + 1 < close and re.match(r"^\s+-\s", lines[last + 1]):
                last += 1
            indent = re.match(r"^(\s*)-", lines[last]).group(1) if last > i else "  "  # type: ignore[union-attr]
            lines.insert(last + 1, f"{indent}- {old}{newline}")
        break
    else:
        lines.insert(close, f"redirect_from: [{old}]{newline}")
    path.write_bytes(bom + "".join(lines).encode("utf-8"))


def _keep_translations_current(
    project: Project,
    config: SiteConfig,
    languages: list[str],
    before: dict[str, str],
    changed: set[str],
    old: str,
    new: str,
) -> list[str]:
    """Record the new source hash in each translation that was up to date with a source file changed here."""
    sources, _ = load_content(
        project.content, default_lang=config.default_code, other_langs=languages, cwd=project.cwd, limits=config.limits
    )
    now = {s.slug: source_hash(s.text) for s in sources if s.lang == config.default_code}
    report: list[str] = []
    for source in sources:
        was = old if source.slug == new else source.slug
        if source.lang == config.default_code or was not in changed or was not in before:
            continue
        entry = _entry(source, config)
        if entry is None or entry.source_hash != before[was] or entry.source_hash_pos is None:
            continue
        path = Path(source.path) if Path(source.path).is_absolute() else project.cwd / source.path
        _rewrite(path, [entry.source_hash_pos], entry.source_hash, now[source.slug])
        report.append(f"{source.path}: still up to date with its source (source_hash {now[source.slug]})")
    return report
