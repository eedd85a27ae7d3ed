"""Quick save: a save that changes only an entry's own page, rebuilt by rendering just that page.

Most saves while writing change an entry's prose and nothing another page
shows of it: not its names, summary, category, level, tags, related entries,
date or status, nor which entries it links to.  After such a save the site is
the previous one with the entry's page and diagram rendered again, which takes
the time of one entry whatever the size of the glossary.  Which saves may be
such a one is for `changes.classify` to say from their paths; whether each is
(its text read, validated and woven) is for `quick_save`, which says None
whenever the save may change more (another card, other links, an error) and
the preview builds everything, as it would anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace

from glossator.build.memo import Memo
from glossator.build.pipeline import CheckResult
from glossator.content.config import SiteConfig
from glossator.content.model import Entry
from glossator.content.project import Project
from glossator.content.schema import PAGE_ONLY_FIELDS
from glossator.core.diagnostics import has_errors
from glossator.pages.render import PageCache
from glossator.preview.changes import Saved
from glossator.prose.glossary import EntryProse, Glossary

_SHOWN_ELSEWHERE = tuple(f.name for f in fields(Entry) if f.name not in PAGE_ONLY_FIELDS | {"prose"})


def shown_elsewhere_unchanged(old: Entry, new: Entry) -> bool:
    """Whether every field of the entry that another page shows (or that places it) is as it was."""
    prose_shown = {*old.prose, *new.prose} - PAGE_ONLY_FIELDS
    return all(getattr(old, name) == getattr(new, name) for name in _SHOWN_ELSEWHERE) and all(
        old.prose.get(name) == new.prose.get(name) for name in prose_shown
    )


def quick_save(
    project: Project,
    config: SiteConfig,
    saved: Iterable[Saved],
    last: CheckResult,
    files: dict[str, bytes],
    memo: Memo,
    pages: PageCache,
) -> tuple[CheckResult, dict[str, bytes], set[str]] | None:
    """The site after saving the entries `saved`, and the names of its files that changed; None to build in full.

    `last` is the last build's result; `files`, a copy of its files, becomes the new site's.
    """
    if last.glossary is None:
        return None
    default = last.glossary.language
    glossaries: dict[str, Glossary] = {g.language: g for g in (last.glossary, *last.translations)}
    edited: dict[str, dict[str, tuple[Entry, EntryProse]]] = {}
    for save in saved:
        glossary = glossaries.get(save.lang)
        old = glossary.entries.get(save.slug) if glossary is not None else None
        if glossary is None or old is None:
            return None
        read = memo.read(
            save.file, slug=save.slug, lang=save.lang, cwd=project.cwd, limits=config.limits, root=project.root
        )
        source = read.value
        if source is None or read.problems:
            return None
        (checked,) = memo.validate([source], config)
        entry, found = checked.value, checked.problems
        if entry is None or has_errors(found) or not shown_elsewhere_unchanged(old, entry):
            return None
        woven, before = memo.weave_alone(entry), memo.weave_alone(old)
        if woven is None or before is None or woven.problems != before.problems:
            return None  # an error, or a warning that came, went or moved: the build's problems change
        if tuple(sorted((woven.explicit | woven.auto) - {save.slug})) != glossary.links.get(save.slug):
            return None  # it links to other entries now: their backlinks and related topics change
        edited.setdefault(save.lang, {})[save.slug] = (entry, woven.prose)
    for lang, entries in edited.items():
        g = glossaries[lang]
        new_entries = {slug: entry for slug, (entry, _) in entries.items()}
        new_prose = {slug: prose for slug, (_, prose) in entries.items()}
        glossaries[lang] = replace(g, entries={**g.entries, **new_entries}, prose={**g.prose, **new_prose})
    main = glossaries[default]
    translations = tuple(replace(glossaries[t.language], source=main) for t in last.translations)
    changed: set[str] = set()
    for lang, entries in edited.items():
        glossary = main if lang == default else next(t for t in translations if t.language == lang)
        for slug in entries:
            again = pages.render_entry_again(glossary, slug)
            if again is None:
                return None
            gone, own = again
            changed.update(name for name in gone if files.pop(name, None) is not None)
            changed.update(name for name, data in own.items() if files.get(name) != data)
            files.update(own)
    return replace(last, glossary=main, translations=translations), files, changed
