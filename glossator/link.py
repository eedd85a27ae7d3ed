"""Link: join validated entries into a Glossary.

This is where the checks that need every entry happen: names used twice,
`related` slugs that do not exist, and term links whose target is unknown.
It also parses every piece of prose once (term links are found while
parsing) and works out backlinks and related topics.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Protocol

from glossator.autolink import Matcher, auto_targets, autolink
from glossator.config import SiteConfig
from glossator.diagnostics import Diagnostic, did_you_mean
from glossator.markdown import TermRef, parse, parse_inline
from glossator.model import Entry, Glossary, Parsed, Position
from glossator.slugs import name_slug

MAX_RELATED = 6


class LinkWork(Protocol):
    """The work `link` does per entry, which a long-running process may remember between calls."""

    def parse(self, entry: Entry) -> Parsed: ...

    def matcher(self, names: dict[str, str]) -> Matcher: ...

    def autolink(self, entry: Entry, parsed: Parsed, matcher: Matcher, explicit: set[str]) -> Parsed: ...


class FreshWork:
    """Every piece of work done afresh."""

    def parse(self, entry: Entry) -> Parsed:
        return parse_entry(entry)

    def matcher(self, names: dict[str, str]) -> Matcher:
        return Matcher(names)

    def autolink(self, entry: Entry, parsed: Parsed, matcher: Matcher, explicit: set[str]) -> Parsed:
        return autolinked(entry, parsed, matcher, explicit)


def fold(name: str) -> str:
    """The key a name is looked up by: case- and space-insensitive."""
    return " ".join(name.casefold().split())


def _singulars(key: str) -> Iterable[str]:
    # The inverse of autolink._plurals: keep the two rules in step.
    # Simple English plurals only: "embeddings" -> "embedding", "policies" -> "policy".
    if key.endswith("ies") and len(key) > 4:
        yield key[:-3] + "y"
    if key.endswith("es") and len(key) > 3:
        yield key[:-2]
    if key.endswith("s") and len(key) > 2:
        yield key[:-1]


def resolve(target: str, names: Mapping[str, str]) -> str | None:
    """The slug a term link's target names: by slug, title or alias, exactly or as a simple plural."""
    key = fold(target)
    if key in names:
        return names[key]
    return next((names[k] for k in _singulars(key) if k in names), None)


def name_index(entries: Iterable[Entry]) -> tuple[dict[str, str], list[Diagnostic]]:
    """Folded slug/title/alias -> slug, reporting a name that two entries claim."""
    names: dict[str, str] = {}
    problems: list[Diagnostic] = []
    claimed: dict[str, Entry] = {}
    for entry in entries:
        names.setdefault(fold(entry.slug), entry.slug)
    for entry in entries:
        positions = (entry.title_pos, *entry.alias_pos)
        for i, (name, pos) in enumerate(zip(entry.names, positions, strict=True)):
            key = fold(name)
            owner = claimed.get(key)
            field = "title" if i == 0 else f"aliases[{i - 1}]"
            if owner is not None and owner.slug != entry.slug:
                problems.append(
                    Diagnostic(
                        entry.path,
                        pos.line,
                        pos.col,
                        "error",
                        "duplicate-name",
                        f"{field}: {name!r} is already a title or alias of {owner.path}; "
                        "each name may lead to one entry only",
                    )
                )
                continue
            if names.get(key, entry.slug) != entry.slug:
                problems.append(
                    Diagnostic(
                        entry.path,
                        pos.line,
                        pos.col,
                        "error",
                        "duplicate-name",
                        f"{field}: {name!r} is the slug of another entry ({names[key]})",
                    )
                )
                continue
            claimed[key] = entry
            names[key] = entry.slug
    return names, problems


def parse_entry(entry: Entry) -> Parsed:
    return Parsed(
        summary=parse_inline(entry.summary),
        body=parse(entry.body),
        example=parse(entry.example.body) if entry.example else None,
        truths=tuple(parse(m.truth) for m in entry.misconceptions),
        impact=parse(entry.impact) if entry.impact else None,
    )


def _unknown_target(entry: Entry, ref: TermRef, names: Iterable[str]) -> Diagnostic:
    suggestion = did_you_mean(ref.target, names)
    return Diagnostic(
        entry.path,
        ref.line,
        ref.col,
        "error",
        "unknown-term",
        f"term link [[{ref.target}]]: no entry has this slug, title or alias{suggestion}",
    )


def _draft(entry: Entry, what: str, line: int, col: int) -> Diagnostic:
    return Diagnostic(
        entry.path,
        line,
        col,
        "error",
        "draft-link",
        f"{what}: that entry is a draft (status: draft); publish it or remove the link",
    )


def _unknown_related(entry: Entry, slug: str, pos: Position, slugs: Iterable[str]) -> Diagnostic:
    return Diagnostic(
        entry.path,
        pos.line,
        pos.col,
        "error",
        "unknown-related",
        f"related: no entry {slug!r}{did_you_mean(slug, slugs)}",
    )


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    """Who is near whom: links either way, shared tags, shared category."""

    links: Mapping[str, set[str]]
    backlinks: Mapping[str, set[str]]
    by_tag: Mapping[str, list[str]]
    by_category: Mapping[str, list[str]]  # slugs in title order
    rank: Mapping[str, int]  # slug -> its place in title order, which breaks ties between equal scores
    in_category: Mapping[str, frozenset[str]]


def related_topics(
    entry: Entry, entries: Mapping[str, Entry], near: _Neighbourhood, source: Glossary | None = None
) -> tuple[str, ...]:
    """`related` first, then entries linked either way or sharing tags, then the category, best first.

    A translation lists what its source lists next (translated or not), so both pages point the same way.
    """
    chosen = [r.slug for r in entry.related if r.slug in entries or (source and r.slug in source.entries)]
    if source is not None:
        chosen += [s for s in source.related.get(entry.slug, ()) if s not in chosen and s != entry.slug]
    # Scored with counting and set operations done in C: a popular tag is shared by thousands of entries.
    tags = {name_slug(t) for t in entry.tags}
    shared = Counter(chain.from_iterable(near.by_tag.get(tag, ()) for tag in tags))
    scores = {other: 2 * n for other, n in shared.items()}
    for other in chain(near.links.get(entry.slug, ()), near.backlinks.get(entry.slug, ())):
        scores[other] = scores.get(other, 0) + 3
    for other in scores.keys() & near.in_category.get(entry.category, frozenset()):
        scores[other] += 1
    rank, excluded = near.rank, {*chosen, entry.slug}
    # Only the best few are shown: picking them is linear, where sorting every candidate is not.
    best = heapq.nsmallest(MAX_RELATED, [(-score, rank[s], s) for s, score in scores.items() if s not in excluded])
    ranked = [s for _, _, s in best]
    picked = chosen + ranked
    for other in near.by_category.get(entry.category, ()):
        if len(picked) >= MAX_RELATED:
            break
        if other != entry.slug and other not in picked:
            picked.append(other)
    return tuple(picked[:MAX_RELATED])


def autolinked(entry: Entry, parsed: Parsed, matcher: Matcher, explicit: set[str]) -> Parsed:
    """The entry's prose with first mentions of other entries linked (the summary stays as written)."""
    taken = {entry.slug, *explicit}
    body = autolink(parsed.body, matcher, taken)
    example = autolink(parsed.example, matcher, taken) if parsed.example else None
    truths = tuple(autolink(t, matcher, taken) for t in parsed.truths)
    impact = autolink(parsed.impact, matcher, taken) if parsed.impact else None
    return Parsed(parsed.summary, body, example, truths, impact)


def link(
    entries: Iterable[Entry],
    config: SiteConfig,
    *,
    drafts: Iterable[Entry] = (),
    invalid: Iterable[str] = (),
    source: Glossary | None = None,
    work: LinkWork | None = None,
) -> tuple[Glossary, list[Diagnostic]]:
    """The Glossary of `entries`, and every cross-entry problem.

    `drafts` are entries left out of this build; `invalid` are slugs of files that
    failed validation.  Links to either are not reported as unknown: a link to a
    draft gets its own message, and an invalid file already has its errors.
    `work` parses and auto-links (a memoised one may be given).

    For a translation, `source` is the default language's glossary: a term link or
    `related` slug that names no translated entry falls back to the source's entry.
    """
    ordered = {e.slug: e for e in sorted(entries, key=lambda e: e.slug)}
    names, problems = name_index(ordered.values())
    if source is not None:  # own names first; the default language's fill the gaps
        source_names, _ = name_index(source.entries.values())
        names = {**source_names, **names}
    draft_names, _ = name_index(drafts)
    known = {*ordered, *(source.entries if source else ())}
    broken = set(invalid)
    work = work or FreshWork()
    parsed = {slug: work.parse(entry) for slug, entry in ordered.items()}
    shown_names = [name for entry in ordered.values() for name in (entry.slug, *entry.names)]
    targets: dict[str, str] = {}
    explicit: dict[str, set[str]] = defaultdict(set)
    for slug, entry in ordered.items():
        for rel in entry.related:
            if rel.slug in draft_names.values():
                problems.append(_draft(entry, f"related: {rel.slug!r}", rel.pos.line, rel.pos.col))
            elif rel.slug not in known and rel.slug not in broken:
                problems.append(_unknown_related(entry, rel.slug, rel.pos, known))
        for doc in parsed[slug].documents():
            for ref in doc.refs:
                target = resolve(ref.target, names)
                if target is not None:
                    targets[ref.target] = target
                    explicit[slug].add(target)
                elif resolve(ref.target, draft_names) is not None:
                    problems.append(_draft(entry, f"term link [[{ref.target}]]", ref.line, ref.col))
                elif fold(ref.target) not in broken:
                    problems.append(_unknown_target(entry, ref, shown_names))
    matcher = work.matcher({name: e.slug for e in ordered.values() for name in e.names})
    links: dict[str, set[str]] = defaultdict(set)
    for slug, entry in ordered.items():
        if entry.autolink if entry.autolink is not None else config.autolink:
            parsed[slug] = work.autolink(entry, parsed[slug], matcher, explicit[slug])
        auto = {t for doc in parsed[slug].documents() for t in auto_targets(doc)}
        for target in auto:
            targets.setdefault(target, target)
        links[slug] = (explicit[slug] | auto) - {slug}
    backlinks: dict[str, set[str]] = defaultdict(set)
    for slug, linked in links.items():
        for target in linked & ordered.keys():
            backlinks[target].add(slug)
    by_tag: dict[str, list[str]] = defaultdict(list)
    by_category: dict[str, list[str]] = defaultdict(list)
    by_title = sorted(ordered.values(), key=lambda e: (e.title.casefold(), e.slug))
    for entry in by_title:
        by_category[entry.category].append(entry.slug)
        for tag in {name_slug(t) for t in entry.tags}:
            by_tag[tag].append(entry.slug)
    own_links = {slug: linked & ordered.keys() for slug, linked in links.items()}
    rank = {entry.slug: i for i, entry in enumerate(by_title)}
    in_category = {name: frozenset(slugs) for name, slugs in by_category.items()}
    near = _Neighbourhood(own_links, backlinks, by_tag, by_category, rank, in_category)
    related = {slug: related_topics(e, ordered, near, source) for slug, e in ordered.items()}
    glossary = Glossary(
        config=config,
        entries=ordered,
        parsed=parsed,
        targets=targets,
        links={s: tuple(sorted(t)) for s, t in links.items()},
        backlinks={s: tuple(sorted(b)) for s, b in sorted(backlinks.items())},
        related=related,
        source=source,
    )
    return glossary, problems
