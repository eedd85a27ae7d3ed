"""A build killed at any moment leaves the complete previous site or the complete new one.

A copy of the starter glossary is built from a subprocess (`python build.py
build --out ...`, as a person or CI would run it) and killed with SIGKILL at
seeded random moments: anywhere in the build, and mostly while it writes and
swaps the output folder, where a careless writer would leave half a site.
After every kill, `site/` must hold exactly the files of one of the two known
builds, byte for byte.  The next build that finishes must clear every
temporary folder the killed ones left behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossator.build.write import MARKER
from tests.helpers import ROOT, read_site

pytestmark = pytest.mark.slow  # every trial is a build in a process of its own: 4 to 35 s a test

TRIALS = 20
SEED = 20261128
NEW_ENTRY = """\
---
title: Interrupted Build
category: Building with AI
level: beginner
summary: An entry that exists only in the second state of the project.
---
## What is this?

A build killed halfway must not leave this page without the rest of its site.
"""

Manifest = dict[str, str]


def manifest(site: Path) -> Manifest:
    """Every file under `site` and the digest of its bytes (the marker's presence only: it records a build stamp)."""
    if not site.exists():
        return {}
    found = {name: hashlib.sha256(data).hexdigest() for name, data in read_site(site).items()}
    return found | ({MARKER: "marker"} if (site / MARKER).is_file() else {})


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.endswith(".glossator-tmp"))


class Project:
    """The starter glossary in two states, A (as shipped) and B (one entry changed, one added)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "site"
        self.rag = root / "content" / "rag.md"
        self.original = self.rag.read_text(encoding="utf-8")

    def switch(self, state: str) -> None:
        extra = self.root / "content" / "interrupted-build.md"
        if state == "A":
            self.rag.write_text(self.original, encoding="utf-8")
            extra.unlink(missing_ok=True)
        else:
            self.rag.write_text(self.original.replace("## What is this?", "## What is this, exactly?", 1), "utf-8")
            extra.write_text(NEW_ENTRY, encoding="utf-8")

    def start(self) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "build", "--root", str(self.root), "--out", str(self.site)],
            cwd=self.root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: the kill reaches Pagefind too
        )

    def staging(self, process: subprocess.Popen[bytes]) -> Path:
        """The folder the build writes the new site into before swapping it in."""
        return self.root / f".site.{process.pid}.glossator-tmp"

    def build(self) -> tuple[float, float]:
        """Build to completion; (seconds until the new site's folder appeared, total seconds)."""
        started = time.monotonic()
        process = self.start()
        writing = 0.0
        while process.poll() is None:
            if not writing and self.staging(process).exists():
                writing = time.monotonic() - started
            time.sleep(0.002)
        total = time.monotonic() - started
        assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""
        assert writing, "the build writes into a folder of its own before the swap"
        return writing, total

    def kill_at(self, *, after_start: float | None = None, after_writing_began: float | None = None) -> bool:
        """Start a build and SIGKILL it at the moment given; True when it had finished first."""
        process = self.start()
        started = time.monotonic()
        if after_writing_began is not None:
            while not self.staging(process).exists() and process.poll() is None and time.monotonic() - started < 120:
                time.sleep(0.001)
            time.sleep(after_writing_began)
        else:
            time.sleep(after_start or 0.0)
        finished = process.poll() is not None
        kill_group(process)
        return finished


def kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.fixture
def project(starter_copy: Path) -> Project:
    return Project(starter_copy)


def test_a_killed_build_leaves_the_old_site_or_the_new_one_whole(project: Project) -> None:
    project.switch("A")
    project.build()
    states = {"A": manifest(project.site)}
    project.switch("B")
    writing, total = project.build()
    states["B"] = manifest(project.site)
    assert states["A"] != states["B"] and len(states["A"]) > 50
    assert set(states["B"]) - set(states["A"]), "state B adds files, so a mix of the two would show"

    rng = random.Random(SEED)
    current = "B"
    outcomes: list[str] = []
    for trial in range(TRIALS):
        target = "A" if current == "B" else "B"
        project.switch(target)
        # A third of the kills anywhere in the build; the rest while it writes and swaps the folder.
        if trial % 3 == 0:
            moment = rng.uniform(0.0, total)
            finished = project.kill_at(after_start=moment)
        else:
            moment = rng.uniform(0.0, 1.2 * (total - writing))
            finished = project.kill_at(after_writing_began=moment)
        found = manifest(project.site)
        matches = [name for name, files in states.items() if files == found]
        assert matches, (
            f"trial {trial} (killed at {moment:.3f}s): site/ is neither the old nor the new build; "
            f"{len(set(found) ^ set(states[current]))} files differ from the old one"
        )
        assert matches[0] in (current, target)
        outcomes.append(
            f"{trial}:{moment:.3f}s:{'finished' if finished else 'killed'}:{'new' if matches[0] == target else 'old'}"
        )
        current = matches[0]
    # Kills must have left the old site in place and, after the swap, the new one: else the test proved little.
    assert any(o.endswith(":killed:old") for o in outcomes) and any(o.endswith(":killed:new") for o in outcomes), (
        outcomes
    )

    project.switch("A" if current == "B" else "B")
    project.build()
    assert manifest(project.site) == states["A" if current == "B" else "B"]
    assert leftovers(project.root) == [], "the next successful build clears what killed builds left"


def test_a_build_killed_while_deleting_the_previous_site_is_tidied_up_next_time(project: Project) -> None:
    """The folder being deleted keeps its marker to the end, so whatever is left of it is known to be ours."""
    project.build()
    old = project.root / ".site.99999.glossator-tmp"
    shutil.copytree(project.site, old)
    for path in sorted(old.rglob("*"), reverse=True)[: len(list(old.rglob("*"))) // 2]:
        if path.is_file() and path.name != MARKER:
            path.unlink()
    assert (old / MARKER).is_file()
    project.switch("B")  # something to build, so the output folder is written
    project.build()
    assert leftovers(project.root) == []
