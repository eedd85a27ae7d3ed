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
(exit 2) are printed there, not on stdout.

    GLOSSATOR_REGEN_GOLDEN=1 python -m pytest tests/test_invalid_fixtures.py

rewrites every expected.txt from the current output; review the diff by eye
before committing it: each message must name the file, line, column, field,
what was expected and what was found.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from glossator.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "invalid"
SHARED_SITE = FIXTURES / "site.yaml"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
REGEN = os.environ.get("GLOSSATOR_REGEN_GOLDEN") == "1"
STDERR_MARK = "# stderr:\n"


def _case_copy(case: str, tmp_path: Path) -> Path:
    """The case folder copied byte for byte, with the shared site.yaml when it has none."""
    work = tmp_path / case
    shutil.copytree(FIXTURES / case, work, ignore=shutil.ignore_patterns("expected.txt"))
    if not (work / "site.yaml").exists():
        shutil.copyfile(SHARED_SITE, work / "site.yaml")
    return work


def _run_check(work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    monkeypatch.chdir(work)
    code = main(["check", "--root", "."])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _render(code: int, out: str, err: str) -> str:
    return f"# exit: {code}\n{out}{STDERR_MARK}{err}"


@pytest.mark.parametrize("case", CASES)
def test_invalid_fixture(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (FIXTURES / case / "content").is_dir(), f"{case}: a case needs a content/ folder"
    code, out, err = _run_check(_case_copy(case, tmp_path), monkeypatch, capsys)
    assert "Traceback" not in out + err, f"{case}: a content problem must never print a traceback\n{out}{err}"
    actual = _render(code, out, err)
    expected_file = FIXTURES / case / "expected.txt"
    if REGEN:
        expected_file.write_bytes(actual.encode("utf-8"))
        return
    if not expected_file.is_file():
        pytest.fail(f"{case}: expected.txt is missing; run with GLOSSATOR_REGEN_GOLDEN=1 and review it\n{actual}")
    expected = expected_file.read_bytes().decode("utf-8")
    assert expected.startswith("# exit: "), f"{case}: expected.txt must start with '# exit: N'"
    assert actual == expected
    assert code != 0, f"{case}: an invalid-content case must fail"


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25, CASES


def test_shared_site_yaml_accepts_a_valid_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cases fail because of their entries, not because the shared site.yaml is broken."""
    work = tmp_path / "valid"
    (work / "content").mkdir(parents=True)
    shutil.copyfile(SHARED_SITE, work / "site.yaml")
    (work / "content" / "fine-tuning.md").write_text(
        "---\ntitle: Fine-Tuning\ncategory: Core Concepts\nlevel: intermediate\n"
        "summary: Further training a model.\n---\n## What is this?\n\nMore training.\n",
        encoding="utf-8",
    )
    code, out, err = _run_check(work, monkeypatch, capsys)
    assert code == 0, out + err
    assert ": error: " not in out  # editorial warnings about this bare entry are expected
