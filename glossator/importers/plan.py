"""The mapping: imported terms onto the entry format, with what the source cannot say filled in.

Each term gets a slug (its source's own id when it has one, so addresses
stay the same), names that no other entry claims, a category from site.yaml,
a level, a summary within the 30-second version's length, its references as
`[[links]]` and its related terms as slugs.  Nothing here touches a file:
what to write is a `Draft`, what is left out a `Skip`, and every change made
to the source's words a diagnostic at the place in the source it concerns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from glossator.content.model import LEVELS
from glossator.content.schema import PLACEHOLDER
from glossator.core.diagnostics import Diagnostic, Position
from glossator.core.slugs import is_slug, name_slug
from glossator.importers.rawhtml import plain, without_html
from glossator.importers.references import Names, link_references
from glossator.importers.terms import Passage, Reading, Term, Version, fold, key_slug
from glossator.importers.text import MAX_SUMMARY_WORDS, collapse, first_paragraph, summary_of, words

DEFAULT_SECTION = "What is this?"  # where a definition without sections of its own goes
MAX_ALIASES = 30
MAX_TAGS = 20
# Room left in an entry file for its front matter, beside the body.
_FRONT_MATTER_ROOM = 32_000


@dataclass(frozen=True, slots=True)
class Site:
    """What the mapping needs to know of the project it imports into."""

    categories: tuple[str, ...]
    category: str  # for a term whose category the site does not have
    level: str  # for a term that says nothing of its level
    entry_bytes: int
    existing: Mapping[str, str] = field(default_factory=dict)  # folded names of the entries there now -> slug
    files: frozenset[str] = frozenset()  # slugs of content/<slug>.md there now
    translated: frozenset[tuple[str, str]] = frozenset()  # (language, slug) of the translations there now


@dataclass(frozen=True, slots=True)
class Draft:
    """One entry file to write: an entry, or a translation of one."""

    slug: str
    lang: str  # "" for the default language
    title: str
    category: str
    level: str
    summary: str  # inline Markdown, or a line marked to fill in
    body: str
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    origin: str = ""  # the source, as path:line

    @property
    def rel(self) -> str:
        """Where the file goes, relative to the content folder."""
        return f"{self.lang}/{self.slug}.md" if self.lang else f"{self.slug}.md"


@dataclass(frozen=True, slots=True)
class Skip:
    """A term (or a translation) left out, and why."""

    what: str
    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class FillIn:
    """What the source could not say, by entry slug: the author's to decide."""

    level: tuple[str, ...] = ()  # given the default level
    category: tuple[tuple[str, str], ...] = ()  # (slug, the source's category or ''), given the default category
    summary: tuple[str, ...] = ()  # no definition to take a summary from: marked to fill in
    cut: tuple[str, ...] = ()  # a summary cut short to fit


@dataclass(frozen=True, slots=True)
class Plan:
    drafts: tuple[Draft, ...]  # each entry, then its translations
    skipped: tuple[Skip, ...]
    notes: tuple[Diagnostic, ...]
    fill_in: FillIn
    links: int  # references made [[links]]


@dataclass
class _Work:
    site: Site
    notes: list[Diagnostic] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    links: int = 0
    level: list[str] = field(default_factory=list)
    category: list[tuple[str, str]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)

    def note(self, term: Term, line: int, code: str, message: str) -> None:
        self.notes.append(Diagnostic.warning(term.path, Position(max(line, 1)), code, message))

    def skip(self, what: str, term: Term, reason: str) -> None:
        self.skipped.append(Skip(what, f"{term.path}:{term.line}", reason))


def plan(reading: Reading, site: Site) -> Plan:
    """The entries and translations to write for `reading`, and everything left out or filled in."""
    work = _Work(site)
    chosen, keys = _slugs(reading.terms, work)
    names = _names(chosen, keys, site, work)
    drafts: list[Draft] = []
    for term, slug, title, aliases in chosen:
        entry = _entry(term, slug, title, aliases, names, work)
        if entry is None:
            continue
        drafts.append(entry)
        drafts += _translations(term, entry, names, work)
    drafts, dropped = _translation_names(drafts)
    work.skipped += dropped
    fill_in = FillIn(tuple(work.level), tuple(work.category), tuple(work.summary), tuple(work.cut))
    return Plan(tuple(drafts), tuple(work.skipped), tuple(work.notes), fill_in, work.links)


_Chosen = tuple[Term, str, str, list[str]]  # the term, its slug, its title, its aliases (filled in by _names)


def _slugs(terms: Iterable[Term], work: _Work) -> tuple[list[_Chosen], dict[str, str]]:
    """Each term's slug, and the slug each source key leads to (terms left out because they exist included)."""
    site = work.site
    chosen: list[_Chosen] = []
    keys: dict[str, str] = {}
    titles: dict[str, str] = {}  # folded titles of the terms taken -> slug
    taken: set[str] = set()
    suffix: dict[str, int] = {}  # the next number to try after each slug taken twice
    for term in terms:
        title = plain(term.text.title)
        if not title:
            work.skip(term.key, term, "no title is left once its markup is taken out; not imported")
            continue
        base = key_slug(title if term.key_is_name else term.key) or key_slug(title)
        if not base:
            reason = "no file name can be made of it (it has no Latin letters or digits); not imported"
            work.skip(title or term.key, term, reason)
            continue
        if not term.key_is_name and base != term.key and re.search(r"[^\w-]", term.key):
            work.note(term, term.line, "import-slug", f"{term.key!r} is not a slug; the entry is {base}.md")
        owner = site.existing.get(fold(title))
        if owner is not None:
            keys.setdefault(term.key, owner)
            work.skip(title, term, f"already an entry: {owner}.md has the name {title!r} (not overwritten)")
            continue
        if base in site.files:
            keys.setdefault(term.key, base)
            work.skip(title, term, f"{base}.md exists already (not overwritten)")
            continue
        if fold(title) in titles:
            keys.setdefault(term.key, titles[fold(title)])
            work.skip(title, term, f"a second term named {title!r} (the first is {titles[fold(title)]}.md)")
            continue
        slug, n = base, suffix.get(base, 2)
        while slug in taken or slug in site.files:
            slug, n = f"{base}-{n}", n + 1
        suffix[base] = n
        if slug != base:
            message = f"{base}.md is another term's; this one is {slug}.md (rename it if you prefer another name)"
            work.note(term, term.line, "import-slug", message)
        taken.add(slug)
        titles[fold(title)] = slug
        keys.setdefault(term.key, slug)
        chosen.append((term, slug, title, []))
    return chosen, keys


def _names(chosen: list[_Chosen], keys: dict[str, str], site: Site, work: _Work) -> Names:
    """Every name a reference may use; each term's aliases, once no other entry claims them."""
    slugs = {slug for _, slug, _, _ in chosen} | set(site.files) | set(site.existing.values())
    claimed: dict[str, str] = dict(site.existing)
    for _, slug, title, _ in chosen:
        claimed[fold(title)] = slug
    for term, slug, title, aliases in chosen:
        for alias in _unique(plain(a) for a in term.text.aliases):
            key = fold(alias)
            if key == fold(title) or alias in aliases:
                continue
            owner = claimed.get(key)
            if owner is None and key in slugs and key != slug:
                owner = key
            if owner is not None and owner != slug:
                work.note(term, term.line, "import-alias", f"alias {alias!r} is already a name of {owner}.md; left out")
                continue
            if len(aliases) == MAX_ALIASES:
                work.note(term, term.line, "import-alias", f"more than {MAX_ALIASES} aliases; the rest are left out")
                break
            claimed[key] = slug
            aliases.append(alias)
    titles = {slug: title for _, slug, title, _ in chosen}
    return Names(keys=keys, names={**{s: s for s in slugs}, **claimed}, titles=titles)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _prose(term: Term, passage: Passage, own: str, names: Names, work: _Work, title: str) -> str:
    """A passage with its raw HTML taken out and its references made links, each change reported."""
    text, removed = without_html(passage.text)
    if removed:
        line = passage.lines()
        for r in removed:
            work.note(term, line(r.offset), "import-html", f"{title}: {r.what}")
    rewritten = link_references(text, names, own=own)
    work.links += rewritten.links
    if rewritten.unresolved:
        line = Passage(text, passage.line, passage.exact).lines()
        found: dict[str, list[int]] = {}
        for offset, target in rewritten.unresolved:
            found.setdefault(target, []).append(offset)
        for target, offsets in found.items():
            more = f" ({len(offsets)} times)" if len(offsets) > 1 else ""
            message = f"{title}: reference to {target!r} names no imported term or entry; its text was kept{more}"
            work.note(term, line(offsets[0]), "import-reference", message)
    return rewritten.text.strip("\n")


def _summary(term: Term, version: Version, body: str, slug: str, names: Names, work: _Work, title: str) -> str:
    if version.summary is not None:
        given = first_paragraph(_prose(term, version.summary, slug, names, work, title))
        if given and words(given) <= MAX_SUMMARY_WORDS:
            return given
        text, cut = summary_of(given or body)
    else:
        text, cut = summary_of(body)
    if cut:
        work.cut.append(slug)
    return text


def _body(body: str, summary: str) -> str:
    """The body to write: under a first section heading when it has none; empty when it only repeats the summary."""
    if not body.strip() or collapse(body) == collapse(summary):
        return ""
    body = re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", body)
    first = next(line for line in body.split("\n") if line.strip())
    if not first.lstrip().startswith("#"):
        body = f"## {DEFAULT_SECTION}\n\n{body}"
    return body.strip("\n") + "\n"


def _entry(term: Term, slug: str, title: str, aliases: list[str], names: Names, work: _Work) -> Draft | None:
    site = work.site
    body_text = _prose(term, term.text.body, slug, names, work, title)
    if len(body_text.encode("utf-8")) > site.entry_bytes - _FRONT_MATTER_ROOM:
        size = len(body_text.encode("utf-8"))
        work.skip(title, term, f"its text is {size:,} bytes; an entry may be {site.entry_bytes:,} (limits.entry_bytes)")
        return None
    summary = _summary(term, term.text, body_text, slug, names, work, title)
    if not summary:
        summary = f"{PLACEHOLDER} The 30-second version of {title}: the source has no definition to take it from."
        work.summary.append(slug)
    categories = {fold(c): c for c in site.categories}
    category = categories.get(fold(plain(term.category)))
    tags = [plain(t) for t in term.tags]
    if category is None:
        work.category.append((slug, plain(term.category)))
        category = site.category
        tags.append(plain(term.category))
    level = term.level if term.level in LEVELS else site.level
    if term.level and term.level not in LEVELS:
        message = f"{title}: level {term.level!r} is not one of {', '.join(LEVELS)}; it is {level}"
        work.note(term, term.line, "import-level", message)
    if term.level not in LEVELS:
        work.level.append(slug)
    return Draft(
        slug=slug,
        lang="",
        title=title,
        category=category,
        level=level,
        summary=summary,
        body=_body(body_text, summary),
        aliases=tuple(aliases),
        tags=_tags(tags, term, work),
        related=_related(term, slug, names, work),
        origin=f"{term.path}:{term.line}",
    )


def _tags(tags: Iterable[str], term: Term, work: _Work) -> tuple[str, ...]:
    kept: dict[str, str] = {}
    for tag in tags:
        key = name_slug(tag)
        if key and key not in kept:
            kept[key] = tag.casefold() if tag.isupper() or tag.istitle() else tag
    if len(kept) > MAX_TAGS:
        work.note(term, term.line, "import-tag", f"more than {MAX_TAGS} tags; the rest are left out")
    return tuple(kept.values())[:MAX_TAGS]


def _related(term: Term, slug: str, names: Names, work: _Work) -> tuple[str, ...]:
    related: list[str] = []
    for target in term.related:
        found = names.resolve(target)
        if found is None:
            message = f"related {target!r} names no imported term or entry; left out"
            work.note(term, term.line, "import-related", message)
        elif found != slug and found not in related and is_slug(found):
            related.append(found)
    return tuple(related)


def _translations(term: Term, entry: Draft, names: Names, work: _Work) -> list[Draft]:
    drafts: list[Draft] = []
    for lang, version in term.translations:
        title = plain(version.title)
        if (lang, entry.slug) in work.site.translated:
            work.skip(f"{title} ({lang})", term, f"{lang}/{entry.slug}.md exists already (not overwritten)")
            continue
        if not title:
            continue
        body_text = _prose(term, version.body, entry.slug, names, work, title)
        summary = _summary(term, version, body_text, entry.slug, names, work, title)
        if not summary:
            work.skip(f"{title} ({lang})", term, "no definition in this language; not imported")
            continue
        aliases = tuple(a for a in _unique(plain(a) for a in version.aliases) if fold(a) != fold(title))
        drafts.append(
            Draft(
                slug=entry.slug,
                lang=lang,
                title=title,
                category=entry.category,
                level=entry.level,
                summary=summary,
                body=_body(body_text, summary),
                aliases=aliases[:MAX_ALIASES],
                related=entry.related,
                origin=entry.origin,
            )
        )
    return drafts


def _translation_names(drafts: list[Draft]) -> tuple[list[Draft], list[Skip]]:
    """Each language's names claimed once: a translation whose title another one has is left out, an alias dropped."""
    slugs = {d.slug for d in drafts}
    kept: list[Draft] = []
    skipped: list[Skip] = []
    claimed: dict[tuple[str, str], str] = {}
    for draft in drafts:
        if not draft.lang:
            kept.append(draft)
            continue
        owner = claimed.get((draft.lang, fold(draft.title)))
        if owner is not None and owner != draft.slug:
            reason = f"{draft.title!r} is already the title of {draft.lang}/{owner}.md; not imported"
            skipped.append(Skip(f"{draft.title} ({draft.lang})", draft.origin, reason))
            continue

        def free(alias: str, draft: Draft = draft) -> bool:
            key = fold(alias)
            return claimed.get((draft.lang, key), draft.slug) == draft.slug and (key not in slugs or key == draft.slug)

        aliases = tuple(a for a in draft.aliases if free(a))
        for name in (draft.title, *aliases):
            claimed.setdefault((draft.lang, fold(name)), draft.slug)
        kept.append(replace(draft, aliases=aliases))
    return kept, skipped
