"""Glossator's command line as the benchmark runs it, with one workaround for a hang.

Pagefind's Python client reads its service's replies with an asyncio stream
limited to 2 MiB (`limit=2**21` in `pagefind/service/__init__.py`) and reads
each reply whole with `readuntil(b",")`.  The reply that carries the finished
search bundle is larger than that for a glossary of more than about a hundred
entries, so `readuntil` raises LimitOverrunError inside the client's polling
task, nobody hears of it, and `glossator build` waits forever.  Until Glossator
deals with it, the benchmark raises the limit for that one process; nothing
else changes.

    python bench/glossator_cli.py build --root ... --out ...

It runs the Glossator found in $GLOSSATOR_TREE (the runner points it at a
snapshot of the working tree, so that every run measures the same code), or
else in this repository.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, os.environ.get("GLOSSATOR_TREE") or str(Path(__file__).resolve().parent.parent))

PAGEFIND_READ_LIMIT = 2**31
_create = asyncio.create_subprocess_exec


async def _create_subprocess_exec(program: Any, *args: Any, **kwargs: Any) -> asyncio.subprocess.Process:
    if "pagefind" in Path(str(program)).name and "--service" in args:
        kwargs["limit"] = max(kwargs.get("limit", 0), PAGEFIND_READ_LIMIT)
    return await _create(program, *args, **kwargs)


asyncio.create_subprocess_exec = _create_subprocess_exec

if __name__ == "__main__":
    from glossator.cli import main

    sys.exit(main())
