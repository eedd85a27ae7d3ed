"""Build cache: what the last build of an output folder was made from, kept between runs.

A build records a fingerprint of everything it read (the generator's own
code and theme, site.yaml, templates, static files, every entry, the git
commit that dates come from, and the options) together with the digest of
every file it wrote.  When nothing changed, the next build answers at once
and writes nothing; when something did, files whose bytes are unchanged are
linked from the previous site instead of being written again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import glossator
from glossator.build.write import read_stamp
from glossator.core.diagnostics import Diagnostic

if TYPE_CHECKING:
    from glossator.content.config import SiteConfig
    from glossator.content.project import Project

STATE_FILE = "build-state.json"
_PACKAGE = Path(glossator.__file__).parent


def _digest_tree(digest: hashlib._Hash, folder: Path) -> None:
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__",) and not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(dirpath) / name
            digest.update(os.fsencode(path.relative_to(folder).as_posix()) + b"\0")  # any name, UTF-8 or not
            if path.is_symlink() or not path.is_file():
                # content/ is not trusted: never follow a link or read a pipe or device (/dev/zero never ends).
                digest.update(b"link:" + os.fsencode(path.readlink()) if path.is_symlink() else b"special")
                continue
            with path.open("rb") as file:  # in chunks: a huge file is refused later, not held in memory here
                digest.update(hashlib.file_digest(file, "sha256").digest())


def _git_head(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def tree_digest(folder: Path) -> str:
    """A hash of a folder's files, names and contents (nothing when it does not exist)."""
    digest = hashlib.sha256()
    _digest_tree(digest, folder)
    return digest.hexdigest()


@functools.cache
def generator_version() -> str:
    """Glossator's version and a hash of its own code and theme: what made a cache, as caches record it."""
    digest = hashlib.sha256()
    _digest_tree(digest, _PACKAGE)
    return f"glossator {glossator.__version__} {digest.hexdigest()[:16]}"


def fingerprint(project: Project, options: Iterable[str]) -> str:
    """A hash of every input of a build of `project`."""
    digest = hashlib.sha256()
    digest.update(generator_version().encode() + b"\0")  # the generator itself, theme included
    config = project.config_file
    digest.update(config.name.encode() + b"\0" + (config.read_bytes() if config.is_file() else b""))
    for folder in (project.templates, project.static, project.content):
        digest.update(b"\1" + folder.name.encode())
        _digest_tree(digest, folder)
    digest.update(_git_head(project.root).encode() + b"\0")
    for option in options:
        digest.update(option.encode() + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class BuildOutcome:
    """What a build did: its diagnostics, and how much of the previous build it reused."""

    diagnostics: tuple[Diagnostic, ...]
    entries: int
    built: bool  # False when there were errors: the previous site is untouched
    up_to_date: bool = False  # nothing had changed: nothing was rendered or written
    pages: int = 0
    written: int = 0
    linked: int = 0  # unchanged files linked from the previous site instead of written


@dataclass
class BuildState:
    """What one output folder was last built from and holds."""

    fingerprint: str = ""
    # output path -> [sha256 of its bytes, inode, size, mtime_ns] as it lay in the output folder
    files: dict[str, list[object]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    entries: int = 0

    def outcome(self) -> BuildOutcome:
        """What building again comes to when nothing has changed: this build, reused whole."""
        pages = sum(name.endswith(".html") for name in self.files)
        return BuildOutcome(tuple(self.diagnostics), self.entries, built=True, up_to_date=True, pages=pages)

    @classmethod
    def load(cls, cache: Path) -> BuildState:
        try:
            data = json.loads((cache / STATE_FILE).read_text(encoding="utf-8"))
            return cls(
                data["fingerprint"],
                dict(data["files"]),
                [Diagnostic(**d) for d in data["diagnostics"]],
                int(data["entries"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, cache: Path) -> None:
        """Record the state; a cache that cannot be written only costs the next build time."""
        try:
            self._write(cache)
        except OSError:
            return

    def _write(self, cache: Path) -> None:
        cache.mkdir(parents=True, exist_ok=True)
        data = {
            "fingerprint": self.fingerprint,
            "entries": self.entries,
            "diagnostics": [asdict(d) for d in self.diagnostics],
            "files": self.files,
        }
        temporary = cache / (STATE_FILE + ".tmp")
        temporary.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        temporary.replace(cache / STATE_FILE)


def _identity(path: Path) -> list[object] | None:
    """Inode, size and modification time of a regular file (never following a symbolic link)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns] if stat.S_ISREG(st.st_mode) else None


def records(out: Path, digest: Mapping[str, str]) -> dict[str, list[object]]:
    """What the output folder holds now, for the next build to recognise."""
    found: dict[str, list[object]] = {}
    for name, sha in digest.items():
        identity = _identity(out / name)
        if identity is not None:
            found[name] = [sha, *identity]
    return found


def still_there(out: Path, name: str, sha: str, previous: Mapping[str, list[object]]) -> bool:
    """Whether `out/name` is exactly the file a previous build wrote with digest `sha`.

    Checked against the file's identity, so a file edited, replaced or turned into
    a link since then is written afresh rather than reused.
    """
    record = previous.get(name)
    if record is None or record[0] != sha:
        return False
    target = out / name
    if _identity(target) != record[1:]:
        return False
    try:  # os.path's realpath rather than pathlib's resolve: this runs for every file of the site
        return os.path.realpath(target).startswith(_real_folder(out) + os.sep)
    except OSError:
        return False


@functools.lru_cache(maxsize=8)
def _real_folder(folder: Path) -> str:
    return os.path.realpath(folder)


def cache_folder(cache: Path, out: Path) -> Path:
    """The cache of one output folder (a project may build to several)."""
    key = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
    return cache / "builds" / key


@dataclass(frozen=True)
class PreviousBuild:
    """This build's fingerprint, what the last build of its output folder left, and whether that is it."""

    stamp: str
    state: BuildState
    current: bool  # the output folder is still exactly a build of this fingerprint


def previous_build(project: Project, config: SiteConfig, *, drafts: bool) -> PreviousBuild:
    """What the last build of the project's output folder left, against what this build would make.

    Cheap on purpose: a command can answer "nothing changed" before loading the pipeline.
    Fingerprinting reads every content file, so a caller that goes on to build hands it over.
    """
    stamp = fingerprint(project, (config.base_url, f"drafts={drafts}"))
    state = BuildState.load(cache_folder(project.cache, project.out))
    return PreviousBuild(stamp, state, state.fingerprint == stamp and read_stamp(project.out) == stamp)
