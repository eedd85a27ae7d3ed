"""Report: what the preview tells the terminal after each save.

A person reads these lines while writing, so they name what was saved and
what became of it (`serve: rebuilt 3 pages after content/rag.md changed in
84 ms`), never the preview's own build numbers.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from glossator.content.load import display_path
from glossator.preview.watch import is_ignored


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """What one rebuild did."""

    saved: tuple[str, ...]  # the files saved, as `saved_names` gives them; () for the first build
    errors: tuple[str, ...]  # the problems that stopped it, as the preview shows them
    warnings: tuple[str, ...]  # its warnings, when they are not those told last time
    differing: frozenset[str]  # the files that differ from the build served before
    seconds: float
    serving: bool  # whether there is a build on screen (the last good one, when this one failed)
    swapped_css: bool  # whether open pages swap their stylesheets instead of reloading

    def problems(self) -> str:
        """The errors and warnings, one line each."""
        return "".join(f"{line}\n" for line in (*self.errors, *self.warnings))

    def lines(self) -> str:
        """The problems, then what happened and how long it took; one line each."""
        text = self.problems()
        after = f" after {_listed(self.saved)} changed" if self.saved else ""
        took = _duration(self.seconds)
        if self.errors:
            kept = "still showing the last good build" if self.serving else "nothing to show until the next good save"
            return text + f"serve: not {'re' if self.saved else ''}built{after}; {kept}\n"
        if not self.differing:
            return text + f"serve: nothing to rebuild{after}: the site is the same ({took})\n"
        pages = sum(name.endswith(".html") for name in self.differing)
        others = len(self.differing) - pages
        done = _counted(pages, "page") if pages else ""
        if others:
            done += f"{' and ' if pages else ''}{_counted(others, 'other file' if pages else 'file')}"
        verb = "rebuilt" if self.saved else "built"
        swap = "; open pages swap the stylesheet without reloading" if self.swapped_css else ""
        return text + f"serve: {verb} {done}{after} in {took}{swap}\n"


def saved_names(paths: Collection[Path], cwd: Path) -> tuple[str, ...]:
    """The files among `paths` as a person names them, without the folders holding them or editors' litter.

    A path gone since is kept when it has a suffix (a deleted entry); the nameless temporary
    files some tools write and remove (`sed -i`) are not.
    """
    files = [p for p in paths if not is_ignored(p) and (p.is_file() or (p.suffix and not p.exists()))]
    return tuple(sorted(display_path(p, cwd) for p in (files or paths)))


def _listed(names: tuple[str, ...], most: int = 3) -> str:
    """content/a.md, content/b.md and 4 more."""
    shown = list(names[:most]) + ([f"{len(names) - most} more"] if len(names) > most else [])
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"
