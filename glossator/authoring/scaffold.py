"""`glossator new "Term"`: scaffold a new entry with every field and section in place."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path

from glossator.content import schema
from glossator.content.config import SiteConfig
from glossator.content.frontmatter import FENCE
from glossator.content.kinds import not_a_category
from glossator.content.load import load_content
from glossator.content.project import Project, load_config
from glossator.content.schema import PLACEHOLDER
from glossator.content.validate import validate
from glossator.core.slugs import slugify
from glossator.prose.link import fold

# What the body starts as: the four questions a full explanation answers, each marked to fill in.
BODY = """\
## What is this?

{mark} Say what {title} is in plain words, as you would to a curious colleague.

## Why does it exist?

{mark} Explain the problem it solves, or why people came up with it.

## How does it affect your decisions?

{mark} Describe when it matters, what it costs, and what it changes for the reader.

## What should you do?

{mark} Give concrete, practical advice: steps, rules of thumb, things to avoid.
"""
_NAMED = re.compile(r"\{(\w+)\}")
# The JSON Schema of the front matter, as an entry at content/<slug>.md reaches it (see CONTRIBUTING, "Editor support").
SCHEMA_PATH = "../schema/entry.schema.json"


def _filled(text: str, values: Mapping[str, str]) -> str:
    """`text` with each {name} replaced by its value (braces around anything else stay as they are)."""
    return _NAMED.sub(lambda m: values[m.group(1)], text)


def front_matter_lines(values: Mapping[str, str], given: Mapping[str, str] | None = None) -> list[str]:
    """Every field `schema.ENTRY` guides, in its order: each under its comment, the optional ones commented out last.

    `given` holds the fields whose values are known already, each as the YAML to write after `name:`
    (an import's).  With it, a guided field that is neither given nor required is written commented
    out, with its comment, for the author to fill in later; a field without a guide is written only
    when given.
    """
    lines: list[str] = []
    optional: list[str] = []
    for f in schema.ENTRY.fields:
        guide = f.guide
        if guide is None:
            if given is not None and f.name in given:
                lines.append(f"{f.name}:{given[f.name]}")
            continue
        own = {**values, "choices": " | ".join(f.spec.choices)}
        comment = f"# {_filled(guide.comment, own)}"
        if given is not None and f.name in given:
            lines += [comment, f"{f.name}:{given[f.name]}"]
        elif guide.example:
            example = [f"{f.name}:", *_filled(guide.example, own).split("\n")]
            optional += [comment, *(f"# {line}" for line in example)]
        elif given is not None and not f.required:
            value = f" {_filled(guide.value, own)}" if guide.value is not None else f.spec.scaffold("")
            optional += [comment, *(f"# {line}" for line in f"{f.name}:{value}".split("\n"))]
        elif guide.value is not None:
            lines += [comment, f"{f.name}: {_filled(guide.value, own)}"]
        else:
            lines += [comment, f"{f.name}:{f.spec.scaffold('')}"]
    return [*lines, *optional]


def entry_file(
    values: Mapping[str, str], body: str, *, given: Mapping[str, str] | None = None, schema_path: str = SCHEMA_PATH
) -> str:
    """An entry file's text: the front matter as `front_matter_lines` writes it, under the schema line, then `body`."""
    modeline = f"# yaml-language-server: $schema={schema_path}"
    return "\n".join([FENCE, modeline, *front_matter_lines(values, given), FENCE]) + "\n" + body


def scaffold_text(title: str, slug: str, config: SiteConfig, *, category: str, level: str, today: str) -> str:
    """A new entry's text: every field guided by the format, then the body's sections, all still to be written."""
    values = {
        "title": title,
        "slug": slug,
        "category": category,
        "level": level,
        "categories": ", ".join(c.name for c in config.categories),
        "today": today,
    }
    return entry_file(values, _filled(BODY, {"title": title, "mark": PLACEHOLDER}))


def existing_names(project: Project, config: SiteConfig) -> dict[str, str]:
    """Folded titles and aliases of the entries that validate, mapped to their files."""
    sources, _ = load_content(project.content, default_lang=config.language, cwd=project.cwd, limits=config.limits)
    names: dict[str, str] = {}
    for source in sources:
        entry = validate(source, config).value
        if entry is not None:
            for name in entry.names:
                names.setdefault(fold(name), entry.path)
    return names


def new_entry(root: Path, title: str, *, category: str | None, level: str, today: str | None = None) -> int:
    """Write content/<slug>.md for `title`; exit code 0 when written, 1 when refused."""
    import datetime as dt

    project = Project.at(root)
    config = load_config(project)
    title = " ".join(title.split())
    slug = slugify(title)
    if not slug:
        sys.stderr.write(f"new: cannot make a file name from {title!r}; use a title with Latin letters or digits\n")
        return 1
    if category is not None and config.category(category) is None:
        sys.stderr.write(f"new: {not_a_category(category, [c.name for c in config.categories])}\n")
        return 1
    path = project.content / f"{slug}.md"
    if path.exists():
        sys.stderr.write(f"new: {path} already exists; edit it instead (nothing was written)\n")
        return 1
    owner = existing_names(project, config).get(fold(title))
    if owner:
        sys.stderr.write(f"new: {title!r} is already a title or alias in {owner}; improve that entry instead\n")
        return 1
    date = today or dt.date.today().isoformat()
    text = scaffold_text(title, slug, config, category=category or "", level=level, today=date)
    project.content.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    choose = "" if category else f" (category: one of {', '.join(c.name for c in config.categories)})"
    sys.stdout.write(
        f"created {path}\n"
        f"next: fill in every field{choose} and replace the lines marked {PLACEHOLDER}, "
        "then run: python build.py check\n"
    )
    return 0
