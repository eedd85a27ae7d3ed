"""Invalid-content fixtures: every case folder's `check` output, compared exactly.

Each folder under tests/fixtures/invalid/ is one case (as in Zola's
test_sites_invalid): `content/` holds its entry files, `site.yaml` is optional
(the shared tests/fixtures/invalid/site.yaml is used when it is absent), and
`expected.txt` is what `glossator check --root .` prints when run from the
case folder:

    # exit: 1
    content/rag.md:7:8: error: related: no entry 'vector-db' ... [unknown-related]
    # stderr:
    check: 1 error(s), 0 warning(s)

The first line is the exit code, then stdout exactly, then (after `# stderr:`)
stderr exactly.  stderr is part of the expectation because site.yaml errors
(exit 2) are printed there, not on stdout.  A case whose problems are
warnings has an `options.txt` beside it with `--strict`: each of its lines is
an option given to `check`.

    GLOSSATOR_REGEN_GOLDEN=1 python -m pytest tests/test_invalid_fixtures.py

rewrites every expected.txt from the current output; review the diff by eye
before committing it: each message must name the file, line, column, field,
what was expected and what was found.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import TESTS, check_case, copy_case, entry_text, write_project

FIXTURES = TESTS / "fixtures" / "invalid"
SHARED_SITE = FIXTURES / "site.yaml"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
REGEN = os.environ.get("GLOSSATOR_REGEN_GOLDEN") == "1"
STDERR_MARK = "# stderr:\n"


def _render(code: int, out: str, err: str) -> str:
    return f"# exit: {code}\n{out}{STDERR_MARK}{err}"


@pytest.mark.parametrize("case", CASES)
def test_invalid_fixture(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (FIXTURES / case / "content").is_dir(), f"{case}: a case needs a content/ folder"
    work = copy_case(FIXTURES / case, tmp_path / case, expectation="expected.txt", site_yaml=SHARED_SITE)
    options = FIXTURES / case / "options.txt"
    run = check_case(capsys, work, *(options.read_text(encoding="utf-8").split() if options.is_file() else ()))
    actual = _render(run.code, run.out, run.err)
    expected_file = FIXTURES / case / "expected.txt"
    if REGEN:
        expected_file.write_bytes(actual.encode("utf-8"))
        return
    if not expected_file.is_file():
        pytest.fail(f"{case}: expected.txt is missing; run with GLOSSATOR_REGEN_GOLDEN=1 and review it\n{actual}")
    expected = expected_file.read_bytes().decode("utf-8")
    assert expected.startswith("# exit: "), f"{case}: expected.txt must start with '# exit: N'"
    assert actual == expected
    assert run.code != 0, f"{case}: an invalid-content case must fail"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25, CASES


def test_shared_site_yaml_accepts_a_valid_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The cases fail because of their entries, not because the shared site.yaml is broken."""
    entry = entry_text(
        "Fine-Tuning",
        level="intermediate",
        summary="Further training a model.",
        body="## What is this?\n\nMore training.\n",
    )
    work = write_project(
        tmp_path / "valid", {"content/fine-tuning.md": entry}, site_yaml=SHARED_SITE.read_text(encoding="utf-8")
    )
    run = check_case(capsys, work)
    assert run.code == 0, run.printed
    assert ": error: " not in run.out  # editorial warnings about this bare entry are expected
