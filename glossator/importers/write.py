"""Writing the planned entries: as `glossator new` writes an entry, with what the import knows filled in.

Each file has the scaffold's front matter, in its order and with its
comments: the fields the source gave hold their values, the ones it could not
give (an example, misconceptions, the missing link) are there commented out,
ready to fill in.  A file is opened for exclusive creation, so nothing that
exists is ever overwritten, even by a file that appears while the import runs.
A translation records the hash of the entry it translates, as written.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glossator.authoring.scaffold import SCHEMA_PATH, entry_file
from glossator.content.config import SiteConfig
from glossator.content.load import display_path
from glossator.core.slugs import is_slug
from glossator.importers.plan import Draft, Skip
from glossator.prose.translations import source_hash

# A YAML plain scalar that reads back as itself, in block and in flow context alike.
_PLAIN = re.compile(r"[^\W_](?:[\w .()/+&'-]*[\w.)])?")
_WIDTH = 100
_TERM_LINK = re.compile(r"\[\[[^\[\]\n]*\]\]")


def scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when that is safe, else double-quoted (JSON's string syntax is YAML)."""
    if _PLAIN.fullmatch(text) and text.casefold() not in ("null", "true", "false", "yes", "no", "on", "off"):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def folded(text: str, indent: str = "  ") -> str:
    """One paragraph as a folded block scalar, wrapped at spaces (folding joins the lines with single spaces).

    A term link is never broken over two lines, so that it reads as one in the file too.
    """
    kept = _TERM_LINK.sub(lambda m: m.group().replace(" ", "\x00"), text)
    lines = textwrap.wrap(kept, _WIDTH, break_long_words=False, break_on_hyphens=False) or [kept]
    return ">-\n" + "\n".join(indent + line.replace("\x00", " ") for line in lines)


def entry_text(draft: Draft, config: SiteConfig, *, today: str, source: str = "") -> str:
    """The text of the file for `draft`; a translation's records the hash of `source`, its entry's text."""
    given = {
        "title": f" {scalar(draft.title)}",
        "category": f" {scalar(draft.category)}",
        "level": f" {draft.level}",
        "summary": f" {folded(draft.summary)}",
    }
    if draft.lang:
        given["source_hash"] = f" {source_hash(source)}"
    for name, items in (("aliases", draft.aliases), ("tags", draft.tags), ("related", draft.related)):
        if items:
            given[name] = f" {flow_list(items)}"
    values = {
        "title": draft.title,
        "slug": draft.slug,
        "category": draft.category,
        "level": draft.level,
        "categories": ", ".join(c.name for c in config.categories),
        "today": today,
    }
    schema_path = f"../{SCHEMA_PATH}" if draft.lang else SCHEMA_PATH
    return entry_file(values, draft.body, given=given, schema_path=schema_path)


@dataclass(frozen=True, slots=True)
class Written:
    created: tuple[tuple[str, Draft], ...]  # (the file as shown, what it holds)
    skipped: tuple[Skip, ...]


def write_drafts(drafts: Iterable[Draft], content: Path, config: SiteConfig, *, cwd: Path, today: str) -> Written:
    """Create each draft's file under `content`, never over one that exists; translations after their entries."""
    created: list[tuple[str, Draft]] = []
    skipped: list[Skip] = []
    sources: dict[str, str] = {}  # the text written for each entry, by slug
    for draft in drafts:
        path = content / draft.rel
        shown = display_path(path, cwd)
        if not is_slug(draft.slug) or (draft.lang and draft.lang not in {x.code for x in config.all_languages}):
            skipped.append(Skip(shown, draft.origin, "not a place an entry can be; not written"))
            continue
        if draft.lang and draft.slug not in sources:
            skipped.append(Skip(shown, draft.origin, f"its entry {draft.slug}.md was not written; not written either"))
            continue
        text = entry_text(draft, config, today=today, source=sources.get(draft.slug, ""))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
                handle.write(text)
        except FileExistsError:
            skipped.append(Skip(shown, draft.origin, "exists already (not overwritten)"))
            continue
        except OSError as exc:
            skipped.append(Skip(shown, draft.origin, f"cannot be written: {exc.strerror or exc}"))
            continue
        if not draft.lang:
            sources[draft.slug] = text
        created.append((shown, draft))
    return Written(tuple(created), tuple(skipped))
