"""Watch: file-system events on a project, filtered and gathered into batches.

An editor's save is often several events (write a temporary file, rename it
over the original); a `git checkout` can touch hundreds of files.  Events are
collected until the project has been quiet for a moment, then handed on as one
batch, so each burst costs one rebuild.
"""

from __future__ import annotations

import contextlib
import fnmatch
import threading
import time
from collections.abc import Callable
from pathlib import Path, PurePath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

QUIET_SECONDS = 0.02  # wait this long after the last event before rebuilding
LONGEST_WAIT = 1.0  # but never longer than this after the first one

# Files that editors and tools write beside real ones; never worth a rebuild.
IGNORED = (
    "*.swp",
    "*.swo",
    "*.swx",
    "*~",
    ".#*",
    "#*#",
    "4913",
    "*.tmp",
    "*.bak",
    "*.orig",
    "*___jb_tmp___",
    "*___jb_old___",
    "*.crswap",
    ".DS_Store",
    "*.kate-swp",
    "*.part",
)


def is_ignored(path: PurePath) -> bool:
    """True for editor temp, backup and lock files, and anything inside a hidden folder."""
    if any(part.startswith(".") for part in path.parts[:-1]):
        return True
    return any(fnmatch.fnmatchcase(path.name, pattern) for pattern in IGNORED)


class _Collector(FileSystemEventHandler):
    def __init__(self, root: Path, watched: tuple[Path, ...], ignore_under: tuple[Path, ...], batch: Batch) -> None:
        self.root, self.watched, self.ignore_under, self.batch = root, watched, ignore_under, batch

    def _relevant(self, raw: str | bytes) -> Path | None:
        path = Path(raw.decode() if isinstance(raw, bytes) else raw)
        if any(path == p or path.is_relative_to(p) for p in self.ignore_under):
            return None
        if not any(path == w or path.is_relative_to(w) for w in self.watched):
            return None
        return None if is_ignored(path.relative_to(self.root)) else path

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = self._relevant(raw) if raw else None
            if path is not None:
                self.batch.add(path)


class Batch:
    """Paths changed since the last batch was taken; wakes the taker once things are quiet."""

    def __init__(self) -> None:
        self._paths: set[Path] = set()
        self._first = 0.0
        self._last = 0.0
        self._cond = threading.Condition()

    def add(self, path: Path) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.add(path)
            self._last = now
            self._cond.notify_all()

    def take(self, stop: threading.Event) -> set[Path] | None:
        """Block until a quiet burst of changes is ready; None once `stop` is set."""
        with self._cond:
            while not stop.is_set():
                if self._paths:
                    now = time.monotonic()
                    ready = now - self._last >= QUIET_SECONDS or now - self._first >= LONGEST_WAIT
                    if ready:
                        paths, self._paths = self._paths, set()
                        return paths
                    self._cond.wait(QUIET_SECONDS / 2)
                else:
                    self._cond.wait(0.25)
            return None


class Watcher:
    """Watches a project's content, templates, static files and site.yaml."""

    def __init__(self, root: Path, watched: tuple[Path, ...], ignore_under: tuple[Path, ...] = ()) -> None:
        self.root = root.resolve()
        self.batch = Batch()
        self._observer = Observer()
        self._handler = _Collector(
            self.root, tuple(p.resolve() for p in watched), tuple(p.resolve() for p in ignore_under), self.batch
        )
        # Watch the root without recursion (for site.yaml) and each folder recursively.
        self._observer.schedule(self._handler, str(self.root), recursive=False)
        self._folders = tuple(p.resolve() for p in watched)
        self._watches: dict[Path, tuple[ObservedWatch, tuple[int, int]]] = {}
        self.refresh()

    def refresh(self) -> None:
        """Watch each folder that exists now: one made since the start, or deleted and made anew.

        A watch ends with the folder it watched, so without this a `content/` that was
        deleted and restored (a `git checkout`, an undo) would never be seen again.
        """
        for folder in self._folders:
            try:
                info = folder.stat()
            except OSError:
                continue
            if not folder.is_dir():
                continue
            identity = (info.st_dev, info.st_ino)
            old = self._watches.get(folder)
            if old is not None and old[1] == identity:
                continue
            if old is not None:
                with contextlib.suppress(KeyError, OSError, RuntimeError):
                    self._observer.unschedule(old[0])
            watch = self._observer.schedule(self._handler, str(folder), recursive=True)
            self._watches[folder] = (watch, identity)

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=1)


def run_batches(watcher: Watcher, stop: threading.Event, on_batch: Callable[[set[Path]], None]) -> None:
    """Call `on_batch` for each burst of changes until `stop` is set."""
    while True:
        paths = watcher.batch.take(stop)
        if paths is None:
            return
        watcher.refresh()
        on_batch(paths)
