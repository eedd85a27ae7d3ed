"""Watch: saves in a project's watched parts arrive as one batch per burst; litter and the output do not."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path, PurePath

import pytest

from glossator.preview.watch import Watcher, is_ignored, run_batches

PATIENCE = 10.0  # seconds to wait for an event a loaded machine delivers late


class Batches:
    """The batches a running watcher hands on, collected from its own thread."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.watcher = Watcher(
            self.root,
            (self.root / "content", self.root / "templates", self.root / "static", self.root / "site.yaml"),
            ignore_under=(self.root / "site",),
        )
        self.received: list[set[str]] = []
        self._arrived = threading.Condition()
        self.stop = threading.Event()
        self._thread = threading.Thread(target=run_batches, args=(self.watcher, self.stop, self._on_batch), daemon=True)

    def _on_batch(self, paths: set[Path]) -> None:
        with self._arrived:
            self.received.append({p.relative_to(self.root).as_posix() for p in paths})
            self._arrived.notify_all()

    def start(self) -> None:
        self.watcher.start()
        self._thread.start()

    def close(self) -> None:
        self.stop.set()
        self._thread.join(timeout=5)
        self.watcher.stop()

    def forget(self) -> None:
        with self._arrived:
            self.received.clear()

    def until(self, wanted: str) -> set[str]:
        """Every path reported until `wanted` has been, failing the test if it never is."""
        deadline = time.monotonic() + PATIENCE
        with self._arrived:
            while not any(wanted in batch for batch in self.received):
                left = deadline - time.monotonic()
                assert left > 0, f"{wanted} was never reported; got {self.received}"
                self._arrived.wait(left)
            return set().union(*self.received)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for folder in ("content/.git", "templates", "static", "site"):
        (root / folder).mkdir(parents=True)
    (root / "site.yaml").write_text("title: T\n", encoding="utf-8")
    return root


@pytest.fixture
def batches(project: Path) -> Iterator[Batches]:
    watching = Batches(project)
    watching.start()
    yield watching
    watching.close()


def test_a_save_in_each_watched_part_is_reported(project: Path, batches: Batches) -> None:
    (project / "content" / "rag.md").write_text("one", encoding="utf-8")
    (project / "templates" / "entry.html").write_text("two", encoding="utf-8")
    (project / "static" / "site.css").write_text("three", encoding="utf-8")
    (project / "site.yaml").write_text("title: Changed\n", encoding="utf-8")
    seen = batches.until("site.yaml")
    seen |= batches.until("static/site.css")
    assert {"content/rag.md", "templates/entry.html", "static/site.css", "site.yaml"} <= seen


def test_the_output_folder_litter_and_other_files_are_never_reported(project: Path, batches: Batches) -> None:
    (project / "site" / "index.html").write_text("built", encoding="utf-8")
    (project / "notes.txt").write_text("not part of the site", encoding="utf-8")
    (project / "content" / ".rag.md.swp").write_text("vim", encoding="utf-8")
    (project / "content" / "rag.md~").write_text("backup", encoding="utf-8")
    (project / "content" / ".git" / "index").write_text("git", encoding="utf-8")
    (project / "content" / "last.md").write_text("the one that counts", encoding="utf-8")
    seen = batches.until("content/last.md")
    assert "content/last.md" in seen
    assert not [p for p in seen if p.startswith("site") or p == "notes.txt"], seen
    assert not [p for p in seen if p.endswith((".swp", "~")) or p.startswith("content/.git/")], seen


def test_an_editors_write_then_rename_is_one_batch_naming_the_file(project: Path, batches: Batches) -> None:
    target = project / "content" / "rag.md"
    for n in range(5):  # a burst, as an editor that writes a temporary file and renames it over the original does
        temporary = project / "content" / f"rag.md.{n}.tmp"
        temporary.write_text(f"version {n}", encoding="utf-8")
        temporary.replace(target)
    seen = batches.until("content/rag.md")
    assert not [p for p in seen if p.endswith(".tmp")], seen
    assert len(batches.received) <= 2, f"a burst of saves costs one rebuild (or two at a boundary): {batches.received}"


def test_a_content_folder_deleted_and_put_back_is_still_watched(project: Path, batches: Batches) -> None:
    backup = project.parent / "content-backup"
    shutil.copytree(project / "content", backup)
    (project / "content" / "rag.md").write_text("before", encoding="utf-8")
    batches.until("content/rag.md")
    batches.forget()
    shutil.rmtree(project / "content")
    batches.until("content")
    batches.forget()
    backup.rename(project / "content")  # as an undo puts a folder back
    batches.until("content")
    time.sleep(0.3)  # the folder is watched again from the batch that reported it back
    (project / "content" / "after.md").write_text("after", encoding="utf-8")
    batches.until("content/after.md")


@pytest.mark.parametrize(
    "name", ["rag.md.swp", ".#rag.md", "#rag.md#", "rag.md~", "4913", "rag.md.crswap", ".DS_Store"]
)
def test_editor_litter_is_recognised(name: str) -> None:
    assert is_ignored(PurePath("content") / name)


def test_real_files_and_hidden_folders_are_told_apart() -> None:
    assert not is_ignored(PurePath("content/rag.md"))
    assert not is_ignored(PurePath("static/.well-known"))  # a hidden name is litter only inside a hidden folder
    assert is_ignored(PurePath("content/.git/HEAD"))
    assert is_ignored(PurePath("static/.cache/site.css"))
