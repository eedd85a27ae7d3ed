"""Link: the work that needs every entry of a language at once.

Before weaving, `directory` gathers the names every term link and mention is
resolved against (and reports a name two entries claim); after it, `join`
works out backlinks and related topics from the links each entry makes, and
checks the `related` slugs.  The per-entry work in between is `weave`'s.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain

from glossator.content.config import SiteConfig
from glossator.content.model import Entry, unread
from glossator.core.diagnostics import Diagnostic, Position, did_you_mean
from glossator.core.slugs import name_slug
from glossator.prose.glossary import Glossary, Woven
from glossator.prose.markdown import TermRef

MAX_RELATED = 6


def fold(name: str) -> str:
    """The key a name is looked up by: case- and space-insensitive."""
    return " ".join(name.casefold().split())


# Simple English plurals, as (plural ending, the singular ending it replaces): "policies" is "policy",
# "embeddings" is "embedding".  Both directions are read from this one table, so that what auto-linking
# takes for a plural of a name is exactly what a written term link resolves back to that name.
_PLURAL_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""))  # the likeliest reading first
_MIN_STEM = 2  # letters kept before the ending: "as" is not read as a plural of "a"


def plurals(word: str) -> tuple[str, ...]:
    """The simple plurals of `word`: policy -> policies, policyes, policys."""
    return tuple(
        word[: len(word) - len(singular)] + plural
        for plural, singular in _PLURAL_ENDINGS
        if word.endswith(singular) and len(word) - len(singular) >= _MIN_STEM
    )


def singulars(word: str) -> tuple[str, ...]:
    """What `word` may be a simple plural of, likeliest first: policies -> policy, polici, policie."""
    return tuple(
        word[: len(word) - len(plural)] + singular
        for plural, singular in _PLURAL_ENDINGS
        if word.endswith(plural) and len(word) - len(plural) >= _MIN_STEM
    )


def resolve(target: str, names: Mapping[str, str]) -> str | None:
    """The slug a term link's target names: by slug, title or alias, exactly or as a simple plural."""
    key = fold(target)
    if key in names:
        return names[key]
    return next((names[k] for k in singulars(key) if k in names), None)


def ambiguity(target: str, names: Mapping[str, str], ambiguous: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The entries a term link's target may mean when it names several of them; () when it names one or none."""
    key = fold(target)
    for k in (key, *singulars(key)):
        if k in names:
            return ()
        if k in ambiguous:
            return ambiguous[k]
    return ()


@dataclass(frozen=True, slots=True)
class Names:
    """What the names of a language's entries lead to."""

    names: dict[str, str]  # folded slug, title or alias -> the one entry it names
    ambiguous: dict[str, tuple[str, ...]]  # folded name -> the entries it may mean, when it names several
    problems: list[Diagnostic]


def _shareable(entry: Entry, field: str) -> bool:
    """Whether a name may be shared: a term's alias, or any name of a disambiguation page (which lists them)."""
    return entry.disambiguation or field != "title"


def name_index(entries: Iterable[Entry]) -> Names:
    """Folded slug/title/alias -> slug, reporting a name that two entries claim.

    A name may be shared when each claim is a term's alias or a disambiguation page's name: it is then
    ambiguous, and means every entry that gives it as an alias and every meaning the page lists.
    """
    ordered = list(entries)
    names: dict[str, str] = {}
    problems: list[Diagnostic] = []
    first: dict[str, tuple[Entry, str]] = {}  # folded name -> the entry that claimed it first, and in which field
    sharers: dict[str, list[Entry]] = defaultdict(list)
    for entry in ordered:
        names.setdefault(fold(entry.slug), entry.slug)
        if entry.disambiguation:  # its slug is one of its names
            first.setdefault(fold(entry.slug), (entry, "slug"))
            sharers[fold(entry.slug)] = [entry]
    # A disambiguation page's names are claimed first, so that the entries it lists may share them.
    for entry in sorted(ordered, key=lambda e: not e.disambiguation):
        for what, name, pos in _named(entry):
            key = fold(name)
            owner = first.get(key)
            if owner is not None and owner[0].slug != entry.slug:
                shared = _shareable(owner[0], owner[1]) and _shareable(entry, what)
                if not shared or (owner[0].disambiguation and entry.disambiguation):
                    problems.append(
                        Diagnostic.error(
                            entry.path,
                            pos,
                            "duplicate-name",
                            f"{what}: {name!r} is already a title or alias of {owner[0].path}; "
                            "each name may lead to one entry only (a name with several meanings gets a "
                            "disambiguation page)",
                        )
                    )
                    continue
                if entry not in sharers[key]:
                    sharers[key].append(entry)
                continue
            if names.get(key, entry.slug) != entry.slug:
                message = f"{what}: {name!r} is the slug of another entry ({names[key]})"
                problems.append(Diagnostic.error(entry.path, pos, "duplicate-name", message))
                continue
            first[key] = (entry, what)
            sharers[key] = [entry]
            names[key] = entry.slug
    ambiguous: dict[str, tuple[str, ...]] = {}
    for key, claimants in sharers.items():
        if len(claimants) > 1 or claimants[0].disambiguation:
            ambiguous[key] = _choices(claimants)
            names.pop(key, None)
    return Names(names, ambiguous, problems)


def _choices(claimants: Iterable[Entry]) -> tuple[str, ...]:
    """What a shared name may mean: the meanings a disambiguation page lists, then each entry giving it."""
    found: list[str] = []
    terms = []
    for entry in claimants:
        if entry.disambiguation:
            found += [m.slug for m in entry.meanings if m.slug not in found]
        else:
            terms.append(entry.slug)
    return tuple(found + [slug for slug in sorted(terms) if slug not in found])


def _named(entry: Entry) -> Iterator[tuple[str, str, Position]]:
    """(field, name, where) for each name of `entry` that could be read: its title, then its aliases."""
    if "title" not in unread(entry):
        yield "title", entry.title, entry.title_pos
    for i, (name, pos) in enumerate(zip(entry.aliases, entry.alias_pos, strict=True)):
        yield f"aliases[{i}]", name, pos


def unknown_term(entry: Entry, ref: TermRef, names: Iterable[str]) -> Diagnostic:
    """The error for a term link that names no entry, suggesting the closest of `names`."""
    message = f"term link [[{ref.target}]]: no entry has this slug, title or alias{did_you_mean(ref.target, names)}"
    return Diagnostic.error(entry.path, Position(ref.line, ref.col), "unknown-term", message)


def ambiguous_term(entry: Entry, ref: TermRef, choices: Sequence[str]) -> Diagnostic:
    """The error for a term link to a name with several meanings, naming each of them."""
    options = [f"[[{slug}]]" for slug in choices]
    listed = ", ".join(options[:-1]) + f" or {options[-1]}" if len(options) > 1 else "".join(options)
    message = f"term link [[{ref.target}]] is ambiguous: did you mean {listed}?"
    return Diagnostic.error(entry.path, Position(ref.line, ref.col), "ambiguous-term", message)


def deprecated_link(entry: Entry, what: str, pos: Position, successor: str) -> Diagnostic:
    """The warning for a link (`what`, as the message names it) to a deprecated entry."""
    if successor == entry.slug:
        instead = "this entry replaces it, so name the old term in plain text instead of linking it"
    elif successor:
        instead = f"link [[{successor}]] instead"
    else:
        instead = "link a current entry instead, or remove the link"
    message = f"{what}: that entry is deprecated (status: deprecated); {instead}"
    return Diagnostic.warning(entry.path, pos, "deprecated-link", message)


def draft_link(entry: Entry, what: str, line: int, col: int) -> Diagnostic:
    """The error for a link (`what`, as the message names it) to an entry left out as a draft."""
    message = f"{what}: that entry is a draft (status: draft); publish it or remove the link"
    return Diagnostic.error(entry.path, Position(line, col), "draft-link", message)


def shown_draft_link(entry: Entry, what: str, line: int, col: int) -> Diagnostic:
    """The warning for a link to a draft that this build shows, but a build without drafts refuses."""
    message = (
        f"{what}: that entry is a draft (status: draft); drafts are shown here, but `check` and a build "
        "without drafts fail on this link; publish it or remove the link"
    )
    return Diagnostic.warning(entry.path, Position(line, col), "draft-link", message)


def _unknown_related(entry: Entry, slug: str, pos: Position, slugs: Iterable[str]) -> Diagnostic:
    message = f"related: no entry {slug!r}{did_you_mean(slug, slugs)}"
    return Diagnostic.error(entry.path, pos, "unknown-related", message)


@dataclass(frozen=True, slots=True)
class _Neighbourhood:
    """Who is near whom: links either way, shared tags, shared category."""

    links: Mapping[str, AbstractSet[str]]
    backlinks: Mapping[str, AbstractSet[str]]
    by_tag: Mapping[str, list[str]]
    by_category: Mapping[str, list[str]]  # slugs in title order
    rank: Mapping[str, int]  # slug -> its place in title order, which breaks ties between equal scores
    in_category: Mapping[str, frozenset[str]]
    # Deprecated terms and disambiguation pages: never suggested as related, only listed where asked for.
    signposts: frozenset[str] = frozenset()


def has_related(glossary: Glossary, slug: str) -> bool:
    """Whether the entry's page lists related topics."""
    related = glossary.related
    return related.shown(slug) if isinstance(related, RelatedTopics) else bool(related.get(slug))


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
    rank, excluded = near.rank, {*chosen, entry.slug, *near.signposts}
    # Only the best few are shown: picking them is linear, where sorting every candidate is not.
    best = heapq.nsmallest(MAX_RELATED, [(-score, rank[s], s) for s, score in scores.items() if s not in excluded])
    ranked = [s for _, _, s in best]
    picked = chosen + ranked
    for other in near.by_category.get(entry.category, ()):
        if len(picked) >= MAX_RELATED:
            break
        if other != entry.slug and other not in picked and other not in near.signposts:
            picked.append(other)
    return tuple(picked[:MAX_RELATED])


class RelatedTopics(Mapping[str, tuple[str, ...]]):
    """Each entry's related topics (see `related_topics`), worked out when first asked for.

    `check` asks for few of them; a build asks for each once, in the process that renders its page.
    """

    def __init__(self, entries: Mapping[str, Entry], near: _Neighbourhood, source: Glossary | None) -> None:
        self._entries, self._near, self._source = entries, near, source
        self._found: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, slug: str) -> tuple[str, ...]:
        found = self._found.get(slug)
        if found is None:
            found = self._found[slug] = related_topics(self._entries[slug], self._entries, self._near, self._source)
        return found

    def shown(self, slug: str) -> bool:
        """Whether the entry has any related topic; without working them out where that is plain."""
        entry, near = self._entries[slug], self._near
        if any(r.slug in self._entries or (self._source and r.slug in self._source.entries) for r in entry.related):
            return True  # what `related` names comes first
        if any(other != slug and other not in near.signposts for other in near.by_category.get(entry.category, ())):
            return True  # the category fills what is left
        return bool(self[slug])

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True)
class WithoutDrafts:
    """What a build that leaves drafts out would link against, for a build that shows them."""

    names: Mapping[str, str]  # folded slug, title or alias -> slug, as in Directory.names
    known: frozenset[str]  # slugs `related` may name in such a build
    kept: frozenset[str]  # this language's entries such a build has: only their links are checked


@dataclass(frozen=True)
class Directory:
    """The names one language's links are resolved against, and what is known to be missing."""

    names: Mapping[str, str]  # folded slug, title or alias -> slug (a translation's own, then its source's)
    drafts: Mapping[str, str]  # the same for entries left out of this build
    broken: frozenset[str]  # slugs of files that failed validation
    shown: tuple[str, ...]  # what a link that names nothing may have meant
    mentions: Mapping[str, str]  # title or alias as written -> slug: what auto-linking looks for
    known: frozenset[str]  # slugs `related` may name
    # When drafts are built: the same without them, so that a link a build without drafts
    # refuses (draft-link) is reported all the same, as a warning.  None when nothing is a draft.
    without_drafts: WithoutDrafts | None = None
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # folded name -> what it may mean
    deprecated: Mapping[str, str] = field(default_factory=dict)  # slug of a deprecated entry -> its successor or ""


def directory(
    entries: Iterable[Entry],
    *,
    drafts: Iterable[Entry] = (),
    invalid: Iterable[str] = (),
    source: Glossary | None = None,
) -> tuple[Directory, list[Diagnostic]]:
    """The directory of `entries` (in slug order), and every name two of them claim.

    `drafts` are entries left out of this build; `invalid` are slugs of files that
    failed validation.  Links to either are not reported as unknown: a link to a
    draft gets its own message, and an invalid file already has its errors.
    For a translation, `source` is the default language's glossary: a term link or
    `related` slug that names no translated entry falls back to the source's entry.
    """
    ordered = list(entries)
    index = name_index(ordered)
    names, ambiguous, problems = index.names, index.ambiguous, index.problems
    deprecated = {e.slug: e.replaced_by.slug if e.replaced_by else "" for e in ordered if e.deprecated}
    if source is not None:  # own names first; the default language's fill the gaps
        theirs = name_index(source.entries.values())
        names, ambiguous = _own_first(names, ambiguous, theirs.names, theirs.ambiguous)
        for slug, e in source.entries.items():
            if e.deprecated and slug not in deprecated and slug not in {x.slug for x in ordered}:
                deprecated[slug] = e.replaced_by.slug if e.replaced_by else ""
    found = Directory(
        names=names,
        drafts=name_index(drafts).names,
        broken=frozenset(invalid),
        shown=tuple(name for entry in ordered for name in (entry.slug, *(n for _, n, _ in _named(entry)))),
        # Auto-linking leaves alone what a reader should not be sent to: a name with several meanings,
        # a deprecated term, a disambiguation page.
        mentions={
            name: e.slug
            for e in ordered
            if not e.deprecated and not e.disambiguation
            for _, name, _ in _named(e)
            if fold(name) not in ambiguous
        },
        known=frozenset({*(e.slug for e in ordered), *(source.entries if source else ())}),
        without_drafts=_without_drafts(ordered, source),
        ambiguous=ambiguous,
        deprecated=deprecated,
    )
    return found, problems


def _own_first(
    names: dict[str, str],
    ambiguous: dict[str, tuple[str, ...]],
    source_names: Mapping[str, str],
    source_ambiguous: Mapping[str, tuple[str, ...]],
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """A translation's names before its source's: what its own entries name is theirs, the source fills gaps."""
    own = names.keys() | ambiguous.keys()
    merged_names = {**{k: v for k, v in source_names.items() if k not in own}, **names}
    merged_ambiguous = {**{k: v for k, v in source_ambiguous.items() if k not in own}, **ambiguous}
    return merged_names, merged_ambiguous


def _without_drafts(entries: list[Entry], source: Glossary | None) -> WithoutDrafts | None:
    """What `entries` would link against if drafts were left out; None when none of them is a draft."""
    published = {e.slug for e in source.entries.values() if e.status != "draft"} if source else set()
    # A translation whose source is a draft is left out with its source.
    kept = [e for e in entries if e.status != "draft" and (source is None or e.slug in published)]
    if len(kept) == len(entries) and (source is None or len(published) == len(source.entries)):
        return None
    index = name_index(kept)
    names = index.names
    if source is not None:
        theirs = name_index(e for e in source.entries.values() if e.slug in published)
        names, _ = _own_first(names, index.ambiguous, theirs.names, theirs.ambiguous)
    slugs = frozenset(e.slug for e in kept)
    return WithoutDrafts(names, slugs | published, slugs)


def join(
    entries: Mapping[str, Entry],
    config: SiteConfig,
    found: Directory,
    woven: Mapping[str, Woven],
    *,
    source: Glossary | None = None,
) -> tuple[Glossary, list[Diagnostic]]:
    """The Glossary of `entries` (slug -> entry, in slug order): backlinks and related topics worked out.

    `woven` holds each entry's prose and links; the problems returned are the `related` slugs that
    name no entry or a draft (a warning when drafts are built, see `Directory.without_drafts`).
    """
    problems: list[Diagnostic] = []
    plain = found.without_drafts
    for entry in entries.values():
        for rel in entry.related:
            what = f"related: {rel.slug!r}"
            if rel.slug in found.drafts.values():
                problems.append(draft_link(entry, what, rel.pos.line, rel.pos.col))
            elif rel.slug in found.deprecated:
                problems.append(deprecated_link(entry, what, rel.pos, found.deprecated[rel.slug]))
            elif rel.slug not in found.known and rel.slug not in found.broken:
                problems.append(_unknown_related(entry, rel.slug, rel.pos, found.known))
            elif plain and entry.slug in plain.kept and rel.slug in found.known and rel.slug not in plain.known:
                problems.append(shown_draft_link(entry, what, rel.pos.line, rel.pos.col))
    links = {slug: (w.explicit | w.auto) - {slug} for slug, w in woven.items()}
    backlinks: dict[str, set[str]] = defaultdict(set)
    for slug, linked in links.items():
        for target in linked & entries.keys():
            backlinks[target].add(slug)
    by_tag: dict[str, list[str]] = defaultdict(list)
    by_category: dict[str, list[str]] = defaultdict(list)
    by_title = sorted(entries.values(), key=lambda e: (e.title.casefold(), e.slug))
    for entry in by_title:
        by_category[entry.category].append(entry.slug)
        for tag in {name_slug(t) for t in entry.tags}:
            by_tag[tag].append(entry.slug)
    own_links = {slug: linked & entries.keys() for slug, linked in links.items()}
    rank = {entry.slug: i for i, entry in enumerate(by_title)}
    in_category = {name: frozenset(slugs) for name, slugs in by_category.items()}
    signposts = frozenset(e.slug for e in entries.values() if e.deprecated or e.disambiguation)
    near = _Neighbourhood(own_links, backlinks, by_tag, by_category, rank, in_category, signposts)
    related = RelatedTopics(entries, near, source)
    glossary = Glossary(
        config=config,
        entries=entries,
        prose={slug: w.prose for slug, w in woven.items()},
        links={s: tuple(sorted(t)) for s, t in links.items()},
        backlinks={s: tuple(sorted(b)) for s, b in sorted(backlinks.items())},
        related=related,
        source=source,
    )
    return glossary, problems
