"""Progress is drawn on terminals only, and never before a build has run for a while."""

from __future__ import annotations

import io

import pytest

from glossator.core import progress as progress_module
from glossator.core.progress import Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_drawn_when_not_on_a_terminal() -> None:
    stream = io.StringIO()
    bar = Progress(stream)
    bar.started -= 10
    bar.update("checking entries", 5, 10)
    bar.done()
    assert stream.getvalue() == ""


def test_a_quick_build_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = FakeTerminal()
    Progress(stream).update("checking entries", 1, 10)
    assert stream.getvalue() == ""


def test_a_long_build_draws_a_bar_and_clears_it(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = FakeTerminal()
    bar = Progress(stream)
    bar.started -= progress_module.SHOW_AFTER_SECONDS + 1
    bar.update("checking entries", 5, 10)
    bar.update("indexing search")
    bar.done()
    text = stream.getvalue()
    assert "checking entries" in text and "5/10" in text and "[############............]" in text
    assert "indexing search…" in text
    assert text.endswith("\r\x1b[2K")
