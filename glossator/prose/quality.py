"""Editorial quality: warnings about entries that are valid but not yet good.

Errors (validate, link) stop a build; these never do.  They point at what a
reviewer would otherwise ask for in a pull request: a 30-second version that
takes longer than 30 seconds, a missing recommended section, too few
misconceptions, no related terms, an entry nothing links to, no example.
`check --strict` turns them into failures.

They are looked for in entries with errors too, in what could be read of
them; a field that could not be read is never taken for an absent one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossator.content.model import Entry, unread
from glossator.core.diagnostics import Diagnostic, Position
from glossator.prose.autolink import HAN
from glossator.prose.glossary import Glossary

# About 30 seconds of reading at an unhurried pace.
MAX_SUMMARY_WORDS = 75
MIN_MISCONCEPTIONS = 2
# The body sections SPEC recommends, in order.  They are English, so they are
# only asked of English entries; other headings are always allowed.
RECOMMENDED_SECTIONS = (
    "What is this?",
    "Why does it exist?",
    "How does it affect your decisions?",
    "What should you do?",
)
RECOMMENDED_SECTIONS_LANG = "en"
# How many likely candidates a no-related warning suggests.
RELATED_SUGGESTIONS = 3
# Every code a warning here can carry (documented in CONTRIBUTING.md).
CODES = ("long-summary", "missing-section", "few-misconceptions", "no-related", "orphan", "empty-example", "no-sort-as")
# Han characters sort by code point, which is no order a reader knows; a reading (sort_as) sorts well.
_HAN = re.compile(f"[{HAN}]")

_NOT_WORD = re.compile(r"[\W_]+")
# Fields that decide no link between entries: when only these could not be read, who links to whom is known.
_LINKLESS = frozenset(
    {
        "category",
        "level",
        "tags",
        "updated",
        "sort_as",
        "source_hash",
        "comparison",
        "reviewed",
        "reviewers",
        "redirect_from",
    }
)


def _heading_key(heading: str) -> str:
    # Case and punctuation (typographer's quotes included) do not make a different section.
    return _NOT_WORD.sub(" ", heading.casefold()).strip()


def _warning(entry: Entry, pos: Position, code: str, message: str) -> Diagnostic:
    return Diagnostic.warning(entry.path, pos, code, message)


def _top(entry: Entry) -> Position:
    """Where a warning about something absent points: the start of the title line."""
    return Position(entry.title_pos.line, 1)


def _long_summary(entry: Entry, glossary: Glossary) -> Iterator[Diagnostic]:
    words = len(glossary.prose[entry.slug].summary_text.split())
    if words > MAX_SUMMARY_WORDS:
        yield _warning(
            entry,
            Position(entry.summary.line, entry.summary.col),
            "long-summary",
            f"summary: the 30-second version is {words} words; keep it to about {MAX_SUMMARY_WORDS} "
            "and move the detail into the body",
        )


def _missing_sections(entry: Entry, glossary: Glossary) -> Iterator[Diagnostic]:
    if entry.lang.split("-")[0] != RECOMMENDED_SECTIONS_LANG:
        return
    present = {_heading_key(s.title_text) for s in glossary.prose[entry.slug].sections}
    missing = [h for h in RECOMMENDED_SECTIONS if _heading_key(h) not in present]
    if missing:
        listed = ", ".join(f"'## {h}'" for h in missing)
        yield _warning(
            entry,
            Position(entry.body.line, 1),
            "missing-section",
            f"body: recommended section{'s' if len(missing) > 1 else ''} missing: {listed}; "
            "add them (other ## sections may stay)",
        )


def _few_misconceptions(entry: Entry) -> Iterator[Diagnostic]:
    count = len(entry.misconceptions)
    if count >= MIN_MISCONCEPTIONS or "misconceptions" in unread(entry):
        return
    # The model keeps no position for the `misconceptions` key itself; the first
    # truth is the nearest place inside the list.
    first = entry.misconceptions[0].truth if entry.misconceptions else None
    pos = Position(first.line, first.col) if first else _top(entry)
    yield _warning(
        entry,
        pos,
        "few-misconceptions",
        f"misconceptions: {count} given; add at least {MIN_MISCONCEPTIONS}, each a myth readers really "
        "believe and its correction",
    )


def _no_related(entry: Entry, glossary: Glossary) -> Iterator[Diagnostic]:
    if entry.related or len(glossary.entries) < 2 or glossary.source is not None or "related" in unread(entry):
        return
    candidates = glossary.related.get(entry.slug, ())[:RELATED_SUGGESTIONS]
    hint = f" (perhaps [{', '.join(candidates)}])" if candidates else ""
    yield _warning(
        entry,
        _top(entry),
        "no-related",
        f"related: no related entries; list the slugs of the closest terms{hint}",
    )


def _linked_to(glossary: Glossary) -> set[str]:
    """Slugs that another entry reaches: by a term link (written or automatic) or its `related` list."""
    reached = {slug for slug, sources in glossary.backlinks.items() if sources}
    for entry in glossary.entries.values():
        reached.update(ref.slug for ref in entry.related if ref.slug != entry.slug)
        reached.update(m.slug for m in entry.meanings)  # a disambiguation page leads to each of its meanings
        if entry.replaced_by is not None:
            reached.add(entry.replaced_by.slug)
    return reached


def _orphan(entry: Entry, reached: set[str]) -> Iterator[Diagnostic]:
    if entry.slug in reached:
        return
    yield _warning(
        entry,
        entry.title_pos,
        "orphan",
        f"title: no other entry links to {entry.title!r}; link it with [[{entry.slug}]] where another entry "
        f"mentions it, or add '{entry.slug}' to that entry's related",
    )


def _empty_example(entry: Entry, glossary: Glossary) -> Iterator[Diagnostic]:
    if "example" in unread(entry):
        return
    if entry.example is None:
        yield _warning(
            entry,
            _top(entry),
            "empty-example",
            "example: no real-world example; add example.title and example.body describing a concrete situation",
        )
        return
    if not glossary.prose[entry.slug].example_text.strip():
        body = entry.example.body
        yield _warning(
            entry,
            Position(body.line, body.col),
            "empty-example",
            "example.body: has no words a reader would see; describe a concrete situation",
        )


def _no_sort_as(entry: Entry) -> Iterator[Diagnostic]:
    if entry.sort_as or not _HAN.match(entry.title) or unread(entry) & {"title", "sort_as"}:
        return
    yield _warning(
        entry,
        entry.title_pos,
        "no-sort-as",
        f"title: {entry.title!r} would sort by character codes in the A–Z; add sort_as: with its reading "
        "(for Chinese, Zhuyin such as ㄐㄧㄢ ㄙㄨㄛ, or pinyin)",
    )


def editorial_warnings(glossary: Glossary, *, whole: bool = True) -> list[Diagnostic]:
    """Warnings about the editorial quality of every entry in a linked glossary, sorted.

    `whole` says that every file of the glossary could be read, at least in part.
    """
    # In a glossary of one entry there is nothing to link from or relate to.  A translation's
    # links follow its source's, and which of them land depends on what is translated yet.
    alone = len(glossary.entries) < 2 or glossary.source is not None
    # A link that an unread part of an entry makes is not known: then no entry is called an orphan.
    known = whole and not any(unread(e) - _LINKLESS for e in glossary.entries.values())
    reached = set(glossary.entries) if alone or not known else _linked_to(glossary)
    found: list[Diagnostic] = []
    for entry in glossary.entries.values():
        found.extend(_long_summary(entry, glossary))
        found.extend(_no_sort_as(entry))
        # A disambiguation page only points elsewhere, and a deprecated term only sends readers on to its
        # successor: neither is asked for an explanation in full, and no other entry should link to them.
        if entry.disambiguation or entry.deprecated:
            continue
        found.extend(_missing_sections(entry, glossary))
        found.extend(_few_misconceptions(entry))
        found.extend(_no_related(entry, glossary))
        found.extend(_orphan(entry, reached))
        found.extend(_empty_example(entry, glossary))
    return sorted(found)
