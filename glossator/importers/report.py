"""The report an import ends with: what was written, what was mapped, what was not, what is left to fill in.

"What was not" is a list of diagnostics at their places in the source, in
the form `check` prints; "left to fill in" names the fields the source could
not give, entry by entry, then sums up what `check` says of the result, each
kind of warning with one example in `check`'s own words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossator.core.diagnostics import Diagnostic, format_text
from glossator.importers.plan import Draft, FillIn, Skip

_LISTED = 8  # slugs named in one line before the rest are counted


@dataclass(frozen=True, slots=True)
class Outcome:
    """Everything the report tells."""

    format: str
    source: str
    terms: int
    created: tuple[tuple[str, Draft], ...]
    skipped: tuple[Skip, ...]
    mapped: tuple[str, ...]
    links: int
    notes: tuple[Diagnostic, ...]
    fill_in: FillIn
    level: str
    category: str
    check: tuple[Diagnostic, ...]
    checked: int  # entries that `check` read without error


def _some(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    return shown + (f" and {len(items) - _LISTED} more" if len(items) > _LISTED else "")


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def report(outcome: Outcome) -> str:
    """The whole report, as text for a terminal."""
    out: list[str] = [f"import: {_count(outcome.terms, 'term')} read from {outcome.source} ({outcome.format})"]
    out += _written(outcome.created, outcome.skipped)
    out += ["", "Mapped:", *(f"  {m}" for m in outcome.mapped)]
    if outcome.links:
        out.append(f"  {_count(outcome.links, 'reference')} to other terms became [[links]]")
    if outcome.notes:
        out += ["", f"Not mapped ({len(outcome.notes)}), where each is in the source:"]
        out.append(format_text(outcome.notes).rstrip("\n"))
    fill = _fill_in(outcome)
    if fill:
        out += ["", "To fill in:", *fill]
    out += ["", *_checked(outcome.check, outcome.checked)]
    return "\n".join(out) + "\n"


def _written(created: Sequence[tuple[str, Draft]], skipped: Sequence[Skip]) -> list[str]:
    entries = [c for c in created if not c[1].lang]
    translations = len(created) - len(entries)
    head = f"Created {_count(len(entries), 'entry', 'entries')}"
    head += f" and {_count(translations, 'translation')}" if translations else ""
    out = ["", head + (":" if created else ".")]
    width = max((len(shown) for shown, _ in created), default=0)
    out += [f"  {shown:<{width}}  from {draft.origin}" for shown, draft in created]
    if skipped:
        out += ["", f"Skipped {len(skipped)}:"]
        out += [f"  {s.what}: {s.reason} (from {s.origin})" for s in skipped]
    return out


def _fill_in(outcome: Outcome) -> list[str]:
    fill = outcome.fill_in
    written = {draft.slug for _, draft in outcome.created if not draft.lang}

    def mine(slugs: Iterable[str]) -> list[str]:
        return [s for s in slugs if s in written]

    out: list[str] = []
    level = mine(fill.level)
    if level:
        some = f"{_count(len(level), 'entry', 'entries')} ({_some(level)})"
        whom = "every entry" if len(level) == len(written) else some
        out.append(
            f"  level: {whom} is '{outcome.level}', as the source gives no level that fits; "
            "set intermediate or advanced where the entry is for readers who know more"
        )
    category = [(s, c) for s, c in fill.category if s in written]
    if category:
        kept = [f"{s} ({c})" for s, c in category if c]
        none = [s for s, c in category if not c]
        if kept:
            out.append(
                f"  category: site.yaml has no category the source gives for {_some(kept)}; "
                f"each is in '{outcome.category}', with the source's category kept as a tag; "
                "choose the right one, or add the source's categories to site.yaml"
            )
        if none:
            whom = "every entry" if len(none) == len(written) else f"{_some(none)}"
            out.append(
                f"  category: the source gives none, so {whom} is in '{outcome.category}'; "
                "move each entry to the category it belongs to"
            )
    summary = mine(fill.summary)
    if summary:
        out.append(
            f"  summary: {_some(summary)} had no definition; write the 30-second version "
            "where the line marked ✎ is (check reports it until then)"
        )
    cut = mine(fill.cut)
    if cut:
        out.append(f"  summary: cut short to fit the 30-second version in {_some(cut)}; finish the sentence")
    if written:
        out.append(
            "  example, misconceptions, impact: no source has them; each entry has them commented out, "
            "ready to fill in (check --strict asks for an example and two misconceptions)"
        )
    return out


def _checked(diagnostics: Sequence[Diagnostic], entries: int) -> list[str]:
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = [d for d in diagnostics if d.severity == "warning"]
    head = f"check: {_count(entries, 'entry', 'entries')}, {_count(len(errors), 'error')}, "
    out = [head + _count(len(warnings), "warning")]
    if errors:
        out.append("Errors (the site cannot be built until they are fixed):")
        out.append(format_text(errors).rstrip("\n"))
    if warnings:
        counts = Counter(d.code for d in warnings)
        first: dict[str, Diagnostic] = {}
        for d in sorted(warnings):
            first.setdefault(d.code, d)
        out.append("Warnings, by kind (check --strict fails on them), each with one example:")
        width = max(len(code) for code in counts)
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            out.append(f"  {code:<{width}}  {n:>4}  e.g. {first[code]}")
        out.append("Run `python build.py check` to see each one.")
    return out
