"""Assets: the theme's static files and the site's own, fingerprinted for caching."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

THEME_STATIC = Path(__file__).parents[1] / "theme" / "static"


@dataclass(frozen=True, slots=True)
class Assets:
    """Logical names ('site.css') to fingerprinted output paths, and their bytes."""

    paths: dict[str, str]  # 'site.css' -> 'assets/site.3f2a1b9c.css'
    files: dict[str, bytes]  # output path -> bytes

    def path(self, name: str) -> str:
        try:
            return self.paths[name]
        except KeyError:
            raise KeyError(f"no asset named {name!r}; known: {', '.join(sorted(self.paths))}") from None


def _walk(folder: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    if not folder.is_dir():
        return found
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def collect_assets(site_static: Path | None) -> Assets:
    """The theme's files overlaid by the site's `static/` folder, each under a content hash."""
    sources = _walk(THEME_STATIC)
    if site_static is not None:
        sources.update(_walk(site_static))
    paths: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for name, data in sorted(sources.items()):
        pure = PurePosixPath(name)
        digest = hashlib.sha256(data).hexdigest()[:10]
        out = f"assets/{pure.parent.as_posix() + '/' if pure.parent.parts else ''}{pure.stem}.{digest}{pure.suffix}"
        paths[name] = out
        files[out] = data
    return Assets(paths, files)
