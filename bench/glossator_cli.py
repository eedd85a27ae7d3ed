"""Glossator's command line as the benchmark runs it: `build.py`, on a chosen tree.

    python bench/glossator_cli.py build --root ... --out ...

It runs the Glossator found in $GLOSSATOR_TREE (the runner points it at a
snapshot of the working tree, so that every run measures the same code), or
else in this repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, os.environ.get("GLOSSATOR_TREE") or str(Path(__file__).resolve().parent.parent))

if __name__ == "__main__":
    from glossator.cli import main

    sys.exit(main())
