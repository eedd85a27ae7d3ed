"""Scaffolding an entry with `glossator new`: every field and section in place, nothing overwritten or doubled."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import CliRun, entry_text

MARK = "✎"


@pytest.fixture
def project(make_project: Callable[..., Path]) -> Path:
    return make_project(
        {
            "content/rag.md": entry_text(
                "Retrieval-Augmented Generation", extra="aliases: [RAG, Retrieval Augmentation]\n"
            )
        }
    )


def scaffold(cli: Callable[..., CliRun], root: Path, *args: str) -> tuple[CliRun, str]:
    run = cli("new", *args, cwd=root)
    assert "Traceback" not in run.printed
    written = sorted(set((root / "content").glob("*.md")) - {root / "content" / "rag.md"})
    return run, written[0].read_text(encoding="utf-8") if written else ""


def test_the_scaffold_has_every_field_and_the_recommended_sections(project: Path, cli: Callable[..., CliRun]) -> None:
    run, text = scaffold(cli, project, "  Vector   Database ", "--category", "Tools", "--level", "advanced")
    assert run.code == 0 and "content/vector-database.md" in run.out
    front = text.split("\n---\n", 1)[0]
    for line in ("title: Vector Database", "category: Tools", "level: advanced", f"updated: {dt.date.today()}"):
        assert f"\n{line}\n" in front, line
    for key in ("summary", "aliases", "tags", "related", "example", "misconceptions", "impact"):
        assert re.search(rf"^{key}:", front, re.M), key
    assert "# One of: Core Concepts, Tools" in front, "the categories are named where they are chosen"
    assert "$schema=../schema/entry.schema.json" in front, "an editor can check the front matter as it is typed"
    sections = re.findall(r"^## (.+)$", text, re.M)
    assert sections == [
        "What is this?",
        "Why does it exist?",
        "How does it affect your decisions?",
        "What should you do?",
    ]
    assert text.count(f"\n{MARK} ") == 4, "each section says what is left to write"


def test_the_commented_comparison_is_valid_once_uncommented(project: Path, cli: Callable[..., CliRun]) -> None:
    _, text = scaffold(cli, project, "Vector Database", "--category", "Tools")
    uncommented = re.sub(r"^# (comparison:|  .*)$", r"\1", text, flags=re.M)
    assert "\ncomparison:\n  title: Vector Database vs Alternative\n" in uncommented
    (project / "content" / "vector-database.md").write_text(uncommented, encoding="utf-8")
    problems = cli("check", cwd=project).out
    assert "vector-database.md" in problems and "comparison" not in problems


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["檢索"], "new: cannot make a file name from '檢索'; use a title with Latin letters or digits\n"),
        (
            ["Vector Database", "--category", "Databases"],
            "new: 'Databases' is not a category in site.yaml; choose one of Core Concepts, Tools\n",
        ),
        (
            ["Vector Database", "--category", "tool"],
            "new: 'tool' is not a category in site.yaml (did you mean 'Tools'?)\n",
        ),
        (
            ["retrieval  augmentation"],
            "new: 'retrieval augmentation' is already a title or alias in content/rag.md; improve that entry instead\n",
        ),
        (["rag"], "new: content/rag.md already exists; edit it instead (nothing was written)\n"),
    ],
)
def test_what_cannot_become_a_new_entry_is_refused_and_nothing_is_written(
    project: Path, cli: Callable[..., CliRun], args: list[str], message: str
) -> None:
    run, text = scaffold(cli, project, *args)
    assert (run.code, run.err, text) == (1, message, "")


def test_an_existing_file_is_never_overwritten(project: Path, cli: Callable[..., CliRun]) -> None:
    mine = project / "content" / "vector-database.md"
    mine.write_text("my own draft, not yet an entry\n", encoding="utf-8")
    run = cli("new", "Vector Database", cwd=project)
    assert run.code == 1 and "already exists; edit it instead (nothing was written)" in run.err
    assert mine.read_text(encoding="utf-8") == "my own draft, not yet an entry\n"


def test_a_scaffold_without_a_category_says_which_there_are(project: Path, cli: Callable[..., CliRun]) -> None:
    run, text = scaffold(cli, project, "Vector Database")
    assert "\ncategory: \n" in text
    assert "next: fill in every field (category: one of Core Concepts, Tools) and" in run.out
    problems = cli("check", cwd=project).out
    assert (
        "content/vector-database.md:6:10: error: category: must not be empty; choose one of Core Concepts, Tools "
        "[empty]\n" in problems
    )
