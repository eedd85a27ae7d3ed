"""'Last updated' falls back to the file's last commit, which is reproducible for a given commit."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.helpers import build_site, entry_text


def git(root: Path, *args: str, date: str = "2026-03-04T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env |= {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e.org",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_entries_without_updated_take_their_last_commit_date(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project(
        {
            "content/alpha.md": entry_text("Alpha", extra="updated: 2026-11-01\n"),
            "content/beta.md": entry_text("Beta"),
            "content/gamma.md": entry_text("Gamma"),
        }
    )
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first", date="2026-03-04T10:00:00+00:00")
    (root / "content" / "gamma.md").write_text(entry_text("Gamma", summary="Changed later."), encoding="utf-8")
    git(root, "commit", "-qam", "second", date="2026-05-06T10:00:00+00:00")
    out = build_site(root, tmp_path / "site")
    terms = {t["slug"]: t["updated"] for t in json.loads((out / "api/terms.json").read_text())["terms"]}
    assert terms == {"alpha": "2026-11-01", "beta": "2026-03-04", "gamma": "2026-05-06"}
    home = (out / "index.html").read_text(encoding="utf-8")
    latest = home[home.index('id="latest-title"') : home.index('id="a-z"')]
    assert latest.index("Alpha") < latest.index("Gamma") < latest.index("Beta")
    assert '<time datetime="2026-03-04">4 March 2026</time>' in (out / "glossary/beta/index.html").read_text()


def test_outside_a_git_checkout_there_is_no_fallback(make_project: Callable[..., Path], tmp_path: Path) -> None:
    root = make_project({"content/beta.md": entry_text("Beta")})
    out = build_site(root, tmp_path / "site")
    assert json.loads((out / "api/terms.json").read_text())["terms"][0]["updated"] is None
