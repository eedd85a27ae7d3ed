"""Front matter: the YAML between `---` lines at the top of an entry file, and the Markdown body after it.

The one place that knows how front matter is fenced: validation splits files
here, and whatever writes or edits an entry file finds its fences here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from glossator.content.load import SourceFile
from glossator.content.model import Prose
from glossator.core.diagnostics import START, Diagnostic, Position, Result

FENCE = "---"  # the line that opens front matter, and the usual one that closes it
_OPENS = re.compile(r"---[ \t]*")
_CLOSES = re.compile(r"(---|\.\.\.)[ \t]*")  # YAML's own end-of-document mark closes it too


@dataclass(frozen=True, slots=True)
class FrontMatter:
    yaml: str
    body: Prose
    first_line: int  # file line of the first YAML line


def closing_line(lines: Sequence[str]) -> int | None:
    """The index of the line that closes the front matter `lines[0]` opens; None when it is not opened or not closed."""
    if not lines or not _OPENS.fullmatch(lines[0]):
        return None
    return next((i for i in range(1, len(lines)) if _CLOSES.fullmatch(lines[i])), None)


def split_front_matter(source: SourceFile, limit: int) -> Result[FrontMatter]:
    """The YAML between the fences and the Markdown body after them, or why the file has no front matter."""
    lines = source.text.split("\n")
    if not _OPENS.fullmatch(lines[0]):
        if not source.text.strip():
            return _refused(
                source,
                START,
                "front-matter",
                f"file is empty; an entry starts with front matter between '{FENCE}' lines",
            )
        return _refused(
            source,
            START,
            "front-matter",
            f"no front matter: the first line must be '{FENCE}', followed by the fields and a closing '{FENCE}'",
        )
    end = closing_line(lines)
    if end is None:
        return _refused(
            source, START, "front-matter", f"front matter is not closed: add a line '{FENCE}' after the last field"
        )
    front = "\n".join(lines[1:end])
    size = len(front.encode("utf-8"))
    if size > limit:
        return _refused(
            source,
            Position(2),
            "too-large",
            f"front matter is {size:,} bytes; the limit is {limit:,} (limits.front_matter_bytes in site.yaml)",
        )
    return Result(FrontMatter(front, Prose("\n".join(lines[end + 1 :]), end + 2), 2))


def _refused(source: SourceFile, at: Position, code: str, message: str) -> Result[FrontMatter]:
    return Result(None, (Diagnostic.error(source.path, at, code, message),))
