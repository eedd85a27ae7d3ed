"""Quick save: a save that changes only an entry's own page, rebuilt by rendering just that page.

Most saves while writing change an entry's prose and nothing another page
shows of it: not its names, summary, category, level, tags, related entries,
date or status, nor which entries it links to.  After such a save the site is
the previous one with the entry's page and diagram rendered again, which takes
the time of one entry whatever the size of the glossary.  Whenever a save
might change more (a new or removed file, another card, other links, an error,
a source whose translations would be marked outdated), `quick_save` says
None and the preview builds everything, as it would anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import fields, replace
from pathlib import Path

from glossator.build.memo import Memo
from glossator.build.pipeline import CheckResult
from glossator.content.config import SiteConfig
from glossator.content.model import Entry
from glossator.content.project import Project
from glossator.content.schema import PAGE_ONLY_FIELDS
from glossator.core.diagnostics import has_errors
from glossator.core.slugs import is_slug
from glossator.pages.render import PageCache, render_entry_again
from glossator.prose.glossary import EntryProse, Glossary

_SHOWN_ELSEWHERE = tuple(f.name for f in fields(Entry) if f.name not in PAGE_ONLY_FIELDS)


def shown_elsewhere_unchanged(old: Entry, new: Entry) -> bool:
    """Whether every field of the entry that another page shows (or that places it) is as it was."""
    return all(getattr(old, name) == getattr(new, name) for name in _SHOWN_ELSEWHERE)


def quick_save(
    project: Project,
    config: SiteConfig,
    paths: Collection[Path],
    last: CheckResult,
    files: dict[str, bytes],
    memo: Memo,
    pages: PageCache,
) -> tuple[CheckResult, dict[str, bytes], set[str]] | None:
    """The site after saving `paths`, and the names of its files that changed; None to build in full.

    `last` is the last build's result; `files`, a copy of its files, becomes the new site's.
    """
    if last.glossary is None:
        return None
    default = last.glossary.language
    glossaries: dict[str, Glossary] = {g.language: g for g in (last.glossary, *last.translations)}
    edited: dict[str, dict[str, Entry]] = {}
    prose: dict[tuple[str, str], EntryProse] = {}
    files_saved = [p for p in paths if p.suffix == ".md"]
    for path in paths:
        if not project.holds_content(path):
            return None
        if path.suffix != ".md":
            if not _unread(path, project.content, glossaries.keys(), files_saved):
                return None
            continue
        place = _entry_at(path, project.content, default, glossaries.keys())
        if place is None:
            return None
        lang, slug, file = place
        glossary = glossaries[lang]
        old = glossary.entries.get(slug)
        if old is None or (lang == default and any(slug in t.entries for t in last.translations)):
            return None
        source, problems = memo.read(
            file, slug=slug, lang=lang, cwd=project.cwd, limits=config.limits, root=project.root
        )
        if source is None or problems:
            return None
        ((entry, found),) = memo.validate([source], config)
        if entry is None or has_errors(found) or not shown_elsewhere_unchanged(old, entry):
            return None
        known = memo.surroundings.get(lang)
        if known is None:
            return None
        (woven,) = memo.weave([entry], known[0], known[1], 1)
        if woven.problems or tuple(sorted((woven.explicit | woven.auto) - {slug})) != glossary.links.get(slug):
            return None
        edited.setdefault(lang, {})[slug] = entry
        prose[(lang, slug)] = woven.prose
    for lang, entries in edited.items():
        g = glossaries[lang]
        new_prose = {slug: prose[(lang, slug)] for slug in entries}
        glossaries[lang] = replace(g, entries={**g.entries, **entries}, prose={**g.prose, **new_prose})
    main = glossaries[default]
    translations = tuple(replace(glossaries[t.language], source=main) for t in last.translations)
    changed: set[str] = set()
    for lang, entries in edited.items():
        glossary = main if lang == default else next(t for t in translations if t.language == lang)
        for slug in entries:
            again = render_entry_again(pages, glossary, slug)
            if again is None:
                return None
            gone, own = again
            changed.update(name for name in gone if files.pop(name, None) is not None)
            changed.update(name for name, data in own.items() if files.get(name) != data)
            files.update(own)
    return replace(last, glossary=main, translations=translations), files, changed


def _unread(path: Path, content: Path, languages: Iterable[str], saved: list[Path]) -> bool:
    """Whether a path in the content folder that is not an entry file changes nothing the build reads.

    The build reads `*.md` files in the content folder and its language folders.
    A change to one of those folders themselves comes with the changed files'
    own paths (which must be among `saved`); anything else in content (an
    editor's backup or swap file, a folder of notes) is never read.
    """
    top, where = content.resolve(), path.resolve()
    if where == top or (where.parent == top and where.name in languages):
        return where.is_dir() and any(p.resolve().parent == where for p in saved)
    return True


def _entry_at(path: Path, content: Path, default: str, languages: Iterable[str]) -> tuple[str, str, Path] | None:
    """(language, slug, path as the full build reads it) of the entry file at `path`, or None if it is not one."""
    if path.is_symlink() or not path.is_file() or not is_slug(path.stem):
        return None
    folder, top = path.parent.resolve(), content.resolve()
    if folder == top:
        return default, path.stem, content / path.name
    if folder.parent == top and folder.name in languages and folder.name != default:
        return folder.name, path.stem, content / folder.name / path.name
    return None
