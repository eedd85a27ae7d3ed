"""The Nu Html Checker (npm vnu-jar, run with java), shared by the tests that validate output."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def vnu_jar() -> Path:
    """The checker's jar (tests/setup.sh installs it; VNU_JAR overrides), failing the test when it is missing."""
    configured = os.environ.get("VNU_JAR")
    jar = Path(configured) if configured else ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"the Nu Html Checker is missing ({jar}): `npm install --no-save vnu-jar` or set VNU_JAR")
    if shutil.which("java") is None:
        pytest.fail("java is missing: the Nu Html Checker needs a Java runtime (apt-get install default-jre-headless)")
    return jar


def run_vnu(files: Sequence[Path | str], *options: str) -> subprocess.CompletedProcess[str]:
    """Check `files`; exit status 0 means no errors (with --errors-only, warnings are not reported)."""
    return subprocess.run(
        ["java", "-jar", str(vnu_jar()), *options, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
