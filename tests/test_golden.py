"""A small fixture site, built and compared byte for byte with its golden copy.

Regenerate the golden copy after an intended change with:
    GLOSSATOR_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from glossator.build.write import MARKER
from tests.helpers import TESTS, build_site, read_site

FIXTURE = TESTS / "fixtures" / "golden-site"
GOLDEN = TESTS / "golden" / "site"
REGENERATE = os.environ.get("GLOSSATOR_REGEN_GOLDEN") == "1"


def test_fixture_site_matches_its_golden_copy(tmp_path: Path) -> None:
    # Built from a copy outside any git checkout, so that no commit date leaks in.
    project = tmp_path / "golden-site"
    shutil.copytree(FIXTURE, project)
    out = build_site(project, tmp_path / "site")
    built = read_site(out)  # without the marker, which records the generator's version
    if REGENERATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN, ignore=shutil.ignore_patterns(MARKER))
    golden = read_site(GOLDEN)
    assert golden, f"no golden copy in {GOLDEN}; run with GLOSSATOR_REGEN_GOLDEN=1 to create it"
    assert sorted(built) == sorted(golden)
    for name in built:
        assert built[name] == golden[name], f"{name} differs from its golden copy"
