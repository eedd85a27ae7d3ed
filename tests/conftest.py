"""Fixtures shared by the whole suite: scratch projects, the command line, a static http server, headless Chromium.

The functions behind them, and the readers of built sites and pages, are in
tests/helpers.py.

Tests that take more than about three seconds are marked `slow`, and those that
drive Chromium `browser`.  CI runs everything; while working, the fast set is

    python -m pytest -m "not slow and not browser"
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers import MINIMAL_SITE_YAML, ROOT, CliRun, entry_text, run_cli, write_project

__all__ = ["MINIMAL_SITE_YAML", "ROOT", "entry_text"]  # also importable from here

CHROMIUM = os.environ.get("GLOSSATOR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Write a project into tmp_path from a dict of relative paths to text (see helpers.write_project)."""

    def make(files: dict[str, str] | None = None, *, site_yaml: str = MINIMAL_SITE_YAML) -> Path:
        return write_project(tmp_path / "project", files, site_yaml=site_yaml)

    return make


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run the command line in this process: `cli("check", "--root", ".", cwd=folder)`."""
    return functools.partial(run_cli, capsys)


@pytest.fixture
def starter_copy(tmp_path: Path) -> Path:
    """A copy of the bundled glossary project, safe to build and edit."""
    root = tmp_path / "starter"
    root.mkdir()
    for name in ("content", "templates", "static"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "site.yaml", root / "site.yaml")
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve_dir() -> Iterator[Callable[[Path], str]]:
    """Serve a folder over http on 127.0.0.1; returns its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page that records console errors and uncaught exceptions in `page.errors`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    yield pg
    context.close()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI a skipped test is a failure: every behaviour must really be exercised."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped:
        names = ", ".join(getattr(r, "nodeid", "?") for r in skipped[:5])
        if reporter:
            reporter.write_line(f"error: {len(skipped)} test(s) skipped under CI: {names}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
