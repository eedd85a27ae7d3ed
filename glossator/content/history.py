"""History: when each entry file last changed, according to git.

Used where an entry gives no `updated` date.  The answer depends only on the
repository's commits (never on the clock or on file times), so a build of a
given commit is reproducible.  Outside a git checkout there is no history.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_commit_dates(root: Path, folder: Path) -> dict[str, dt.date]:
    """Path (relative to `root`, POSIX) -> date of the last commit that touched it, for files in `folder`."""
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return {}
    try:
        result = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--relative", "--", relative],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in result.stdout.splitlines():
        if line.startswith("\x00"):
            try:
                current = dt.date.fromisoformat(line[1:])
            except ValueError:
                current = None
        elif line and current is not None:
            dates.setdefault(line, current)  # newest first: keep the first date seen
    return dates
