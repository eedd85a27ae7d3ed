"""Diagnostic: the one way a problem travels, where it is, and how it is printed.

A stage that may fail answers with a `Result`: the value it made, when it
could make one, and every problem it found on the way.  A stage that cannot
go on at all raises `DiagnosticError`, which carries the problems too.
Positions are 1-based everywhere, as editors show them; a column of 0 means
the line is known but not the column (a template's mistake), and is not printed.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Generic, Literal, TypeVar

T = TypeVar("T")
Severity = Literal["error", "warning"]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """A 1-based line and column in a source file, as an editor shows it."""

    line: int
    col: int = 1


START = Position(1, 1)


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A problem at a place in a file.  Ordered by path, line, column."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    @classmethod
    def error(cls, path: str, at: Position, code: str, message: str) -> Diagnostic:
        return cls(path, at.line, at.col, "error", code, message)

    @classmethod
    def warning(cls, path: str, at: Position, code: str, message: str) -> Diagnostic:
        return cls(path, at.line, at.col, "warning", code, message)

    @property
    def position(self) -> Position:
        return Position(self.line, self.col)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.col else f"{self.path}:{self.line}"
        text = f"{where}: {self.severity}: {self.message} [{self.code}]"
        # Contributor text can reach messages: never let it break lines or drive the terminal.
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass(frozen=True, slots=True)
class Result(Generic[T]):
    """What a stage made, when it could make it, and every problem it found."""

    value: T | None
    problems: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        return self.value is not None and not has_errors(self.problems)


class DiagnosticError(Exception):
    """Raised by a stage that cannot go on; carries everything found so far."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__("\n".join(str(d) for d in diagnostics))
        self.diagnostics = tuple(diagnostics)

    def __reduce__(self) -> tuple[type[DiagnosticError], tuple[tuple[Diagnostic, ...]]]:
        return type(self), (self.diagnostics,)  # so that a worker process can hand it back as it is


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word`, if any is close enough to be a likely typo."""
    by_fold = {c.casefold(): c for c in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_fold), n=1, cutoff=0.75)
    return by_fold[close[0]] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a choice is close to `word`, else ''."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""


def format_text(diagnostics: Iterable[Diagnostic]) -> str:
    return "".join(f"{d}\n" for d in sorted(diagnostics))


def _escape_github_data(text: str) -> str:
    # The workflow-command grammar: %, CR and LF must be escaped in the message
    # so that contributor text can never start a command of its own.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Iterable[Diagnostic]) -> str:
    """GitHub Actions annotations, one per line."""
    lines = []
    for d in sorted(diagnostics):
        props = ",".join(
            (
                f"file={_escape_github_property(d.path)}",
                f"line={d.line}",
                *((f"col={d.col}",) if d.col else ()),
                f"title={_escape_github_property(d.code)}",
            )
        )
        # Escape sequences would colour or rewrite the CI log; show them as text, as the terminal output does.
        message = _CONTROL.sub(
            lambda m: f"\\x{ord(m.group()):02x}" if m.group() not in "\r\n" else m.group(), d.message
        )
        lines.append(f"::{d.severity} {props}::{_escape_github_data(message)}\n")
    return "".join(lines)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """A JSON list of objects with path, line, col, severity, code and message."""
    return json.dumps([asdict(d) for d in sorted(diagnostics)], indent=2, ensure_ascii=False) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
