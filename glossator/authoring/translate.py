"""The translators' commands: `translate-status` and `new --translate <lang> <slug>`.

`new --translate` writes `content/<lang>/<slug>.md` with the source's
structure: every text to translate is there, marked ✎ so that `check` points
at whatever is left; slugs, category, level, ratings and the comparison's
shape are kept as they are.  It records the source's current hash, so the
translation is tracked from its first line.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from glossator.build.pipeline import check
from glossator.content.config import SiteConfig
from glossator.content.frontmatter import FENCE
from glossator.content.kinds import mark
from glossator.content.load import read_source
from glossator.content.model import Cell, Entry
from glossator.content.project import Project, load_config
from glossator.content.schema import PLACEHOLDER
from glossator.content.validate import validate
from glossator.core.diagnostics import Result, format_text
from glossator.prose.translations import source_hash, status, status_json, status_text, with_source_hash

EXIT_OK, EXIT_FAILED = 0, 1


def _languages(config: SiteConfig) -> list[str]:
    return [x.code for x in config.all_languages[1:]]


def translate_status(root: Path, *, output: str = "text", update: Sequence[str] = ()) -> int:
    """Print each language's coverage, outdated and missing entries; or record current source hashes."""
    project = Project.at(root)
    config = load_config(project)
    if update:
        return _update(project, config, update)
    result = check(project, config)
    if result.glossary is None:
        sys.stderr.write(format_text(result.diagnostics))
        sys.stderr.write("translate-status: fix the errors above first\n")
        return EXIT_FAILED
    report = status(result.glossary, result.translations)
    sys.stdout.write(status_json(report) if output == "json" else status_text(report, result.glossary))
    return EXIT_OK


def _update(project: Project, config: SiteConfig, targets: Iterable[str]) -> int:
    """Set `source_hash` of each `<lang>/<slug>` to its source's hash now: the translator has caught up."""
    failed = False
    for target in targets:
        lang, _, slug = target.partition("/")
        if lang not in _languages(config) or not slug:
            sys.stderr.write(
                f"translate-status: {target!r} is not <language>/<slug> with a language from site.yaml "
                f"({', '.join(_languages(config)) or 'none besides the default'})\n"
            )
            failed = True
            continue
        source, translation = project.content / f"{slug}.md", project.content / lang / f"{slug}.md"
        if not source.is_file() or not translation.is_file():
            missing = source if not source.is_file() else translation
            sys.stderr.write(f"translate-status: {missing} does not exist\n")
            failed = True
            continue
        found = read_source(source, slug=slug, lang="", cwd=project.cwd, limits=config.limits)
        read, problems = found.value, found.problems
        if read is None:
            sys.stderr.write(format_text(problems))
            failed = True
            continue
        text = translation.read_text(encoding="utf-8")
        try:
            updated = with_source_hash(text, source_hash(read.text))
        except ValueError as exc:
            sys.stderr.write(f"translate-status: {translation}: {exc}\n")
            failed = True
            continue
        if updated != text:
            translation.write_text(updated, encoding="utf-8")
        sys.stdout.write(f"{translation}: source_hash {source_hash(read.text)} (up to date with {source})\n")
    return EXIT_FAILED if failed else EXIT_OK


# -- new --translate ------------------------------------------------------------------------
def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _todo(text: str) -> str:
    """`text` marked to translate, unless it has no words (such as "$$$" or "42")."""
    return _q(f"{PLACEHOLDER} {text}") if any(ch.isalpha() for ch in text) else _q(text)


def _block(text: str, indent: str) -> str:
    """A literal block scalar holding `text`, marked to translate."""
    lines = f"{PLACEHOLDER} {text}".split("\n")
    return "|-\n" + "\n".join(f"{indent}{line}" if line.strip() else "" for line in lines)


def _cell(cell: Cell) -> str:
    if cell.kind == "rating":
        return f"{{rating: {cell.rating}}}" if cell.of == 5 else f"{{rating: {cell.rating}, of: {cell.of}}}"
    if cell.kind == "text":
        return _todo(cell.text)
    return f"{{{cell.kind}: {_todo(cell.text) if cell.text else _q('')}}}"


_CODE_FENCE = re.compile(r"^\s*(```|~~~)")


def _body(text: str) -> str:
    """The body with every line of prose marked ✎ after its Markdown markers; code stays as it is."""
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _CODE_FENCE.match(line):
            fenced = not fenced
            out.append(line)
        elif fenced or not line.strip():
            out.append(line)
        else:
            out.append(mark(line))
    return "\n".join(out)


def translation_scaffold(entry: Entry, source_text: str, lang: str) -> str:
    """A translation of `entry` to fill in: the source's structure, with every text to translate marked."""
    lines = [
        FENCE,
        f"# A translation of {entry.rel} into {lang}. Replace every text marked {PLACEHOLDER} with its translation;",
        "# keep the slugs, the category and the comparison's shape. `python build.py check` lists what is left.",
        f"title: {_todo(entry.title)}",
        "# How the title sorts in the A–Z, if it does not sort well by itself (for Chinese, its Zhuyin reading):",
        "# sort_as: ",
        f"# The version of {entry.rel} this translates; update it with translate-status --update when you catch up.",
        f"source_hash: {source_hash(source_text)}",
        f"category: {_q(entry.category)}",
        f"level: {entry.level}",
        f"summary: {_block(entry.summary.text, '  ')}",
    ]
    if entry.aliases:
        lines.append("# Other names: keep those readers of this language use, add their own.")
        lines.append(f"aliases: [{', '.join(_q(a) for a in entry.aliases)}]")
    if entry.tags:
        lines.append(f"tags: [{', '.join(_todo(t) for t in entry.tags)}]")
    if entry.related:
        lines.append(f"related: [{', '.join(r.slug for r in entry.related)}]")
    if entry.status != "published":
        lines.append(f"status: {entry.status}")
    if entry.autolink is not None:
        lines.append(f"autolink: {'true' if entry.autolink else 'false'}")
    if entry.comparison is not None:
        c = entry.comparison
        lines += [
            "comparison:",
            f"  title: {_todo(c.title)}",
            f"  columns: [{', '.join(_todo(col) for col in c.columns)}]",
            "  rows:",
        ]
        for row in c.rows:
            lines.append(f"    - label: {_todo(row.label)}")
            if row.hint:
                lines.append(f"      hint: {_todo(row.hint)}")
            lines.append(f"      cells: [{', '.join(_cell(cell) for cell in row.cells)}]")
    if entry.example is not None:
        lines += [
            "example:",
            f"  title: {_todo(entry.example.title)}",
            f"  body: {_block(entry.example.body.text, '    ')}",
        ]
    if entry.misconceptions:
        lines.append("misconceptions:")
        for m in entry.misconceptions:
            lines += [f"  - myth: {_todo(m.myth)}", f"    truth: {_block(m.truth.text, '      ')}"]
    for name, prose in entry.prose.items():
        lines.append(f"{name}: {_block(prose.text, '  ')}")
    lines.append(FENCE)
    return "\n".join(lines) + "\n" + _body(entry.body.text).strip("\n") + "\n"


def new_translation(root: Path, lang: str, slug: str) -> int:
    """Write content/<lang>/<slug>.md from content/<slug>.md; exit code 0 when written, 1 when refused."""
    project = Project.at(root)
    config = load_config(project)
    if lang not in _languages(config):
        known = ", ".join(_languages(config)) or "none yet"
        sys.stderr.write(f"new: {lang!r} is not a language in site.yaml (languages: {known}); add it there first\n")
        return EXIT_FAILED
    source_file = project.content / f"{slug}.md"
    target = project.content / lang / f"{slug}.md"
    if not source_file.is_file():
        sys.stderr.write(f"new: {source_file} does not exist; a translation has the same file name as its source\n")
        return EXIT_FAILED
    if target.exists():
        sys.stderr.write(f"new: {target} already exists; edit it instead (nothing was written)\n")
        return EXIT_FAILED
    read = read_source(
        source_file, slug=slug, lang=config.default_code, cwd=project.cwd, limits=config.limits, root=project.root
    )
    source = read.value
    checked = validate(source, config) if source is not None else Result[Entry](None, read.problems)
    entry = checked.value
    if source is None or entry is None:
        sys.stderr.write(format_text(checked.problems))
        sys.stderr.write(f"new: fix {source_file} before translating it\n")
        return EXIT_FAILED
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(translation_scaffold(entry, source.text, lang))
    sys.stdout.write(
        f"created {target}\nnext: translate every text marked {PLACEHOLDER}, then run: python build.py check\n"
    )
    return EXIT_OK
