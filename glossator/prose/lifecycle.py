"""Lifecycle: what a term's successor, old addresses, meanings and last review are checked against.

A deprecated entry names its successor (`replaced_by`), a renamed one keeps
its old slugs (`redirect_from`), a disambiguation page lists its meanings, and
a reviewed one says when (`reviewed`).  Each names other entries or a date,
so each is checked here, with the whole language at hand: a successor or a
meaning must be an entry a reader can use; an old slug must be nobody's
current one, nor claimed twice; a review must not be older than site.yaml's
`review_after_days` on the day of the check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping

from glossator.content.model import Entry, Ref
from glossator.core.diagnostics import Diagnostic, Position, did_you_mean
from glossator.prose.link import Directory, deprecated_link, draft_link

# Every code a warning here can carry (documented in CONTRIBUTING.md), besides deprecated-link from linking.
CODES = ("review-due",)


def lifecycle_problems(
    entries: Mapping[str, Entry], found: Directory, *, source: Mapping[str, Entry] | None = None
) -> list[Diagnostic]:
    """What is wrong with the successors, meanings and old slugs of one language's `entries`.

    `found` is the language's directory; for a translation, `source` holds the default language's
    entries, which a successor or a meaning not translated yet names.
    """
    known = {**(source or {}), **entries}
    current = {*found.known, *found.broken, *found.drafts.values()}
    problems: list[Diagnostic] = []
    claimed: dict[str, Entry] = {}
    for entry in entries.values():
        if entry.replaced_by is not None:
            problems.extend(_successor(entry, entry.replaced_by, known, found))
        for meaning in entry.meanings:
            problems.extend(_meaning(entry, Ref(meaning.slug, meaning.pos), known, found))
        for old in entry.redirect_from:
            if old.slug in current:
                message = (
                    f"redirect_from: {old.slug!r} is the slug of a current entry; an old address cannot also be "
                    "one in use (remove it here, or rename that entry)"
                )
                problems.append(Diagnostic.error(entry.path, old.pos, "redirect-from", message))
            elif old.slug in claimed:
                message = f"redirect_from: {old.slug!r} is already an old slug of {claimed[old.slug].path}"
                problems.append(Diagnostic.error(entry.path, old.pos, "redirect-from", message))
            else:
                claimed[old.slug] = entry
    return problems


def _successor(entry: Entry, ref: Ref, entries: Mapping[str, Entry], found: Directory) -> Iterator[Diagnostic]:
    what = f"replaced_by: {ref.slug!r}"
    if ref.slug in found.drafts.values():
        yield draft_link(entry, what, ref.pos.line, ref.pos.col)
        return
    target = entries.get(ref.slug)
    if target is None:
        if ref.slug not in found.broken:
            message = f"replaced_by: no entry {ref.slug!r}{did_you_mean(ref.slug, sorted(found.known))}"
            yield Diagnostic.error(entry.path, ref.pos, "unknown-successor", message)
        return
    if target.deprecated:
        after = f" ({target.replaced_by.slug!r})" if target.replaced_by else ""
        message = f"{what} is deprecated too; name the entry readers should use now{after}"
        yield Diagnostic.error(entry.path, ref.pos, "replaced-by", message)
    elif target.disambiguation:
        message = f"{what} is a disambiguation page; name the one entry that takes this term's place"
        yield Diagnostic.error(entry.path, ref.pos, "replaced-by", message)


def _meaning(entry: Entry, ref: Ref, entries: Mapping[str, Entry], found: Directory) -> Iterator[Diagnostic]:
    what = f"meanings: {ref.slug!r}"
    if ref.slug in found.drafts.values():
        yield draft_link(entry, what, ref.pos.line, ref.pos.col)
        return
    target = entries.get(ref.slug)
    if target is None:
        if ref.slug not in found.broken:
            message = f"meanings: no entry {ref.slug!r}{did_you_mean(ref.slug, sorted(found.known))}"
            yield Diagnostic.error(entry.path, ref.pos, "unknown-meaning", message)
        return
    if target.disambiguation:
        message = f"{what} is a disambiguation page too; list the entries that explain each meaning"
        yield Diagnostic.error(entry.path, ref.pos, "meanings", message)
    elif target.deprecated:
        yield deprecated_link(entry, what, ref.pos, target.replaced_by.slug if target.replaced_by else "")


def review_warnings(entries: Iterable[Entry], *, after_days: int | None, today: dt.date) -> list[Diagnostic]:
    """A warning for each entry whose last review is more than `after_days` before `today` (none when unset).

    An entry that records no review is left alone: a glossary can take reviews up one entry at a time.
    """
    if after_days is None:
        return []
    found: list[Diagnostic] = []
    for entry in entries:
        if entry.reviewed is None:
            continue
        age = (today - entry.reviewed).days
        if age > after_days:
            pos = entry.reviewed_pos or Position(entry.title_pos.line)
            message = (
                f"reviewed: last reviewed {entry.reviewed.isoformat()}, {age} days before {today.isoformat()}; "
                f"site.yaml asks for a review every {after_days} days (review_after_days): have an expert "
                "check the entry, then update reviewed"
            )
            found.append(Diagnostic.warning(entry.path, pos, "review-due", message))
    return found
