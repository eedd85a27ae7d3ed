"""A small fixture site, built and compared byte for byte with its golden copy.

Regenerate the golden copy after an intended change with:
    GLOSSATOR_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from glossator.cli import main

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "golden-site"
GOLDEN = HERE / "golden" / "site"
REGENERATE = os.environ.get("GLOSSATOR_REGEN_GOLDEN") == "1"


def files(folder: Path) -> dict[str, bytes]:
    # The marker records a fingerprint of the generator's own code, so it is left out.
    found = (p for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".glossator-site")
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found}


def test_fixture_site_matches_its_golden_copy(tmp_path: Path) -> None:
    # Built from a copy outside any git checkout, so that no commit date leaks in.
    project = tmp_path / "golden-site"
    shutil.copytree(FIXTURE, project)
    out = tmp_path / "site"
    assert main(["build", "--root", str(project), "--out", str(out)]) == 0
    built = files(out)
    if REGENERATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN, ignore=shutil.ignore_patterns(".glossator-site"))
    golden = files(GOLDEN)
    assert golden, f"no golden copy in {GOLDEN}; run with GLOSSATOR_REGEN_GOLDEN=1 to create it"
    assert sorted(built) == sorted(golden)
    for name in built:
        assert built[name] == golden[name], f"{name} differs from its golden copy"
