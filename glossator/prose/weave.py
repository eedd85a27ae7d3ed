"""Weave: one entry's prose parsed, its links made, and written out as HTML.

Everything here needs only the entry itself and its language's directory of
names (known once every entry is validated), never another entry's prose.
So each entry is woven where it is: in a worker process during a build, and
only its HTML and the slugs it links to travel back, which is far cheaper
than sending parsed Markdown.  The cross-entry work (backlinks, related
topics) comes after, in `link.join`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from glossator.content.model import Entry, FieldMap
from glossator.core.diagnostics import Diagnostic, Position
from glossator.core.parallel import fork_map
from glossator.prose.autolink import Matcher, auto_targets, autolink
from glossator.prose.glossary import EntryProse, Parsed, ProseSection, Woven
from glossator.prose.link import (
    Directory,
    ambiguity,
    ambiguous_term,
    deprecated_link,
    draft_link,
    fold,
    resolve,
    shown_draft_link,
    unknown_term,
)
from glossator.prose.markdown import (
    Document,
    TermHref,
    TermRef,
    parse,
    parse_inline,
    plain_text,
    render,
    split_sections,
)


@dataclass(frozen=True, slots=True)
class Surroundings:
    """What every entry of one language is woven against."""

    directory: Directory
    hrefs: Mapping[str, str | TermHref]  # slug -> where a link to it leads from this language's pages
    autolink: bool  # the site's setting, for entries that do not set their own


def parse_entry(entry: Entry) -> Parsed:
    return Parsed(
        summary=parse_inline(entry.summary),
        body=parse(entry.body),
        example=parse(entry.example.body) if entry.example else None,
        truths=tuple(parse(m.truth) for m in entry.misconceptions),
        fields={name: parse(prose) for name, prose in entry.prose.items()},
    )


def autolinked(entry: Entry, parsed: Parsed, matcher: Matcher, explicit: set[str]) -> Parsed:
    """The entry's prose with first mentions of other entries linked (the summary stays as written)."""
    taken = {entry.slug, *explicit}
    body = autolink(parsed.body, matcher, taken)
    example = autolink(parsed.example, matcher, taken) if parsed.example else None
    truths = tuple(autolink(t, matcher, taken) for t in parsed.truths)
    fields = {name: autolink(doc, matcher, taken) for name, doc in parsed.fields.items()}
    return Parsed(parsed.summary, body, example, truths, fields)


def weave(entry: Entry, around: Surroundings, matcher: Matcher) -> Woven:
    """Parse the entry, resolve its term links, link first mentions, and render it all to HTML."""
    return weave_parsed(entry, parse_entry(entry), around, matcher)


def weave_parsed(entry: Entry, parsed: Parsed, around: Surroundings, matcher: Matcher) -> Woven:
    """`weave` of an entry already parsed (`parse_entry`)."""
    directory = around.directory
    explicit: set[str] = set()
    targets: dict[str, str] = {}
    problems: list[Diagnostic] = []
    plain = directory.without_drafts
    for doc in parsed.documents():
        for ref in doc.refs:
            choices = ambiguity(ref.target, directory.names, directory.ambiguous)
            if choices:
                problems.append(ambiguous_term(entry, ref, choices))
                continue
            slug = resolve(ref.target, directory.names)
            if slug is not None:
                targets[ref.target] = slug
                explicit.add(slug)
                if slug in directory.deprecated and slug != entry.slug:
                    what = f"term link [[{ref.target}]]"
                    problems.append(
                        deprecated_link(entry, what, Position(ref.line, ref.col), directory.deprecated[slug])
                    )
                if plain and entry.slug in plain.kept and resolve(ref.target, plain.names) is None:
                    problems.append(shown_draft_link(entry, f"term link [[{ref.target}]]", ref.line, ref.col))
            elif resolve(ref.target, directory.drafts) is not None:
                problems.append(draft_link(entry, f"term link [[{ref.target}]]", ref.line, ref.col))
            elif fold(ref.target) not in directory.broken:
                problems.append(unknown_term(entry, ref, directory.shown))
        problems.extend(malformed_term(entry, ref) for ref in doc.malformed)
    if entry.autolink if entry.autolink is not None else around.autolink:
        parsed = autolinked(entry, parsed, matcher, explicit)
    auto = {slug for doc in parsed.documents() for slug in auto_targets(doc)}
    url = partial(_term_url, entry.slug, targets, around.hrefs)
    return Woven(
        prose=_prose(parsed, url),
        explicit=frozenset(explicit),
        auto=frozenset(auto),
        problems=tuple(problems),
    )


def malformed_term(entry: Entry, ref: TermRef) -> Diagnostic:
    """The error for a `[[...]]` with no target or nothing to show; `ref.target` is what the brackets hold."""
    target, _, shown = (part.strip() for part in ref.target.partition("|"))
    if not target and not shown:
        problem = "it is empty; write [[slug]] or [[slug|shown text]]"
    elif not target:
        problem = f"no entry is named before '|'; write [[{shown}]] or [[target|{shown}]]"
    else:
        problem = f"nothing to show after '|'; write [[{target}]] or [[{target}|shown text]]"
    message = f"term link [[{ref.target}]]: {problem}, or \\[[ for brackets as text"
    return Diagnostic.error(entry.path, Position(ref.line, ref.col), "term-link", message)


def _term_url(
    current: str, targets: Mapping[str, str], hrefs: Mapping[str, str | TermHref], target: str
) -> str | TermHref | None:
    slug = targets.get(target, target)  # a mention linked automatically names its slug
    if slug == current:
        return ""
    return hrefs.get(slug)


def _prose(parsed: Parsed, term_url: Callable[[str], str | TermHref | None]) -> EntryProse:
    def html(doc: Document) -> str:
        return render(doc, term_url)

    intro, sections = split_sections(parsed.body)
    return EntryProse(
        summary_html=html(parsed.summary),
        summary_text=plain_text(parsed.summary),
        intro_html=html(intro) if intro.tokens else "",
        sections=tuple(ProseSection(html(s.title), plain_text(s.title), s.anchor, html(s.content)) for s in sections),
        example_html=html(parsed.example) if parsed.example else "",
        example_text=plain_text(parsed.example) if parsed.example else "",
        truths_html=tuple(html(t) for t in parsed.truths),
        fields_html=FieldMap((name, html(doc)) for name, doc in parsed.fields.items()),
    )


class WeaveWork(Protocol):
    """How a language's entries get woven: afresh, or remembering earlier answers (the preview's memo)."""

    def matcher(self, names: dict[str, str]) -> Matcher: ...

    def weave(self, entries: Sequence[Entry], around: Surroundings, matcher: Matcher, jobs: int) -> list[Woven]: ...


class FreshWork:
    """Every entry woven afresh, spread over `jobs` processes."""

    def matcher(self, names: dict[str, str]) -> Matcher:
        return Matcher(names)

    def weave(self, entries: Sequence[Entry], around: Surroundings, matcher: Matcher, jobs: int) -> list[Woven]:
        return fork_map(partial(weave, around=around, matcher=matcher), entries, jobs)
