"""Changes: each batch of saved paths sorted into the one kind of change that says what to do.

The preview rebuilds in as many ways as there are kinds (`ChangeKind`): an
entry's own page rendered alone, the content built again, site.yaml read
again, the templates or the assets gathered again, or everything.  Which one
a batch needs follows from its paths, the project, and what the last good
build holds; this module is the one place that decides it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from glossator.build.pipeline import CheckResult
from glossator.content.load import entry_place
from glossator.content.project import Project
from glossator.pages.assets import THEME_STATIC
from glossator.pages.render import ChangeKind
from glossator.pages.templates import THEME_TEMPLATES

__all__ = ["Change", "ChangeKind", "Saved", "classify"]


@dataclass(frozen=True, slots=True)
class Saved:
    """An entry file that was saved: its language, its slug, and its path as the build reads it."""

    lang: str
    slug: str
    file: Path


@dataclass(frozen=True, slots=True)
class Change:
    """The kind of a batch of saves; for `ChangeKind.PAGE`, the entries saved (none when nothing read changed)."""

    kind: ChangeKind
    saved: tuple[Saved, ...] = ()


EVERYTHING = Change(ChangeKind.EVERYTHING)


def classify(paths: Collection[Path], project: Project, last: CheckResult | None) -> Change:
    """The kind of change that saving `paths` makes, after the last good build `last` (None if there is none)."""
    kinds: set[ChangeKind] = set()
    content: list[Path] = []
    for path in paths:
        kind = _outside_content(path, project)
        if kind is None:
            content.append(path)
        else:
            kinds.add(kind)
    saved: tuple[Saved, ...] = ()
    if content:
        found = _saved_entries(content, project, last)
        if found is None:
            kinds.add(ChangeKind.ENTRIES)
        elif found:
            kinds.add(ChangeKind.PAGE)
            saved = found
    if ChangeKind.STYLES in kinds:
        kinds.discard(ChangeKind.STATIC)  # gathering the assets again covers both
    if not kinds:
        return Change(ChangeKind.PAGE)  # only files the build never reads
    if len(kinds) > 1:
        return EVERYTHING
    (kind,) = kinds
    return Change(kind, saved if kind is ChangeKind.PAGE else ())


def _outside_content(path: Path, project: Project) -> ChangeKind | None:
    """The kind of change a path outside the content folder makes; None for one inside it."""
    where = _named(path)  # a link is where it is, not where it leads: an entry that became one is content
    if _under(where, (project.content,)):
        return None
    if where in _places(project.config_file):
        return ChangeKind.CONFIG
    if _under(where, (project.templates, THEME_TEMPLATES)):
        return ChangeKind.TEMPLATES
    if _under(where, (project.static, THEME_STATIC)):
        # Only a regular file that is not a stylesheet is sure to leave the stylesheets as they were
        # (a folder, or a path now gone, may have held some).
        return ChangeKind.STATIC if where.is_file() and where.suffix != ".css" else ChangeKind.STYLES
    return ChangeKind.EVERYTHING


def _named(path: Path) -> Path:
    """`path` with its folders' links resolved but not its own name."""
    return path.parent.resolve() / path.name


def _places(path: Path) -> set[Path]:
    """Where `path` may be reported: as named, and, when it is a link, where it leads."""
    return {_named(path), path.resolve()}


def _under(path: Path, folders: Iterable[Path]) -> bool:
    return any(path.is_relative_to(place) for folder in folders for place in _places(folder))


def _saved_entries(paths: list[Path], project: Project, last: CheckResult | None) -> tuple[Saved, ...] | None:
    """The saved entries, if every path in content is one that changes at most its own entry's pages.

    That is an entry of the last build, saved as a regular file, and not a source
    that has translations (their pages say when their source changes).  Paths the
    build never reads do not count, nor the folders holding the saved files.
    None when the content must be built again to know what changed.
    """
    if last is None or last.glossary is None:
        return None
    default = last.glossary.language
    glossaries = {g.language: g for g in (last.glossary, *last.translations)}
    others = [lang for lang in glossaries if lang != default]
    saved: list[Saved] = []
    folders: list[Path] = []
    for path in paths:
        place = entry_place(path, project.content, default, others)
        if place is None:
            if _is_entry_folder(path, project.content, others):
                folders.append(path)
            continue  # never read: an editor's backup, notes, a folder of drafts
        lang, slug = place
        if slug not in glossaries[lang].entries or not path.is_file() or path.is_symlink():
            return None  # a new entry, a file that is not one, a deleted one, or one now a link
        if lang == default and any(slug in t.entries for t in last.translations):
            return None
        folder = project.content if lang == default else project.content / lang
        saved.append(Saved(lang, slug, folder / path.name))
    # A folder reported alone was moved or made whole: its files must be looked at.
    holding = {s.file.parent.resolve() for s in saved}
    if any(not folder.is_dir() or folder.resolve() not in holding for folder in folders):
        return None
    return tuple(saved)


def _is_entry_folder(path: Path, content: Path, languages: Iterable[str]) -> bool:
    """Whether `path` is the content folder or a language's folder in it: where the build looks for entries."""
    top, where = content.resolve(), path.resolve()
    return where == top or (where.parent == top and where.name in languages)
