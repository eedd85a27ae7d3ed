"""Progress: what a long build is doing, on a terminal only.

A build that takes more than about a second shows one status line, redrawn
in place (entries parsed, pages rendered, search indexed).  When stderr is
not a terminal (CI logs, pipes) nothing is drawn; only the final summary,
which the command line prints, remains.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

SHOW_AFTER_SECONDS = 1.0
REDRAW_SECONDS = 0.1


class Progress:
    """A status line for the phases of a build; silent unless `stream` is a terminal."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self._drawn = 0.0
        self._shown = False

    def update(self, phase: str, done: int = 0, total: int = 0) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < SHOW_AFTER_SECONDS or (now - self._drawn < REDRAW_SECONDS and done != total):
            return
        self._drawn = now
        if total:
            width = 24
            filled = int(width * done / total)
            line = f"{phase:<18} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        else:
            line = f"{phase}…"
        self.stream.write("\r\x1b[2K" + line)
        self.stream.flush()
        self._shown = True

    def done(self) -> None:
        """Clear the status line so the summary starts on a clean line."""
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False


class Silent(Progress):
    """No progress at all (tests, the preview server)."""

    def __init__(self) -> None:
        super().__init__(enabled=False)
