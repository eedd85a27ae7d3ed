"""`glossator init`: a new glossary that checks clean, builds, and never overwrites a file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from glossator.authoring.init import INSTALL, SKELETON, default_title, project_path
from glossator.content.config import SITE, read_config
from glossator.content.kinds import Field
from glossator.content.model import LEVELS
from tests.helpers import previewing
from tests.test_github import glossator_calls, parse, steps, triggers

EXAMPLES = ("content/controlled-vocabulary.md", "content/glossary.md")


def keys(fields: tuple[Field, ...], prefix: str = "") -> Iterator[str]:
    """Every key site.yaml may hold, as dotted paths (a list's records as their fields)."""
    for f in fields:
        yield prefix + f.name
        spec = f.spec.item or f.spec
        yield from keys(spec.fields, f"{prefix}{f.name}.")


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_new_glossary_checks_clean_and_builds(tmp_path: Path, cli: Any) -> None:
    project = tmp_path / "birds"
    made = cli("init", str(project))
    assert made.code == 0, made.printed
    assert "created a glossary in" in made.out and f"glossator serve --root {project}" in made.out
    for name in ("site.yaml", ".gitignore", "CONTRIBUTING.md", "README.md", *EXAMPLES, "templates/README.md"):
        assert (project / name).is_file(), name
    assert (project / "static").is_dir()
    checked = cli("check", "--root", str(project), "--strict")
    assert checked.code == 0, checked.printed
    assert "2 entries, no problems" in checked.printed
    built = cli("build", "--root", str(project))
    assert built.code == 0, built.printed
    assert (project / "site" / "glossary" / "glossary" / "index.html").is_file()
    assert (project / "site" / "glossary" / "controlled-vocabulary" / "index.html").is_file()


def test_the_settings_explain_every_key_the_format_knows(tmp_path: Path, cli: Any) -> None:
    cli("init", str(tmp_path))
    text = (tmp_path / "site.yaml").read_text(encoding="utf-8")
    named = {m.group(1) for m in re.finditer(r"^#?\s*(?:- )?(\w+):", text, re.MULTILINE)}
    # Per-language keys sit under a language code, list items under their list: compare the last part of each path.
    missing = {path for path in keys(SITE.fields) if path.split(".")[-1] not in named}
    assert not missing, f"site.yaml written by init does not mention {sorted(missing)}"
    # Every commented line that holds a key is valid once uncommented: the whole file, uncommented, still reads.
    uncommented = re.sub(r"^# ?(\s*(?:- )?\w+:.*)$", r"\1", text, flags=re.MULTILINE)
    (tmp_path / "site.yaml").write_text(uncommented, encoding="utf-8")
    config = read_config(tmp_path / "site.yaml", tmp_path)
    assert config.value is not None, config.problems
    assert config.value.ask is not None and config.value.author


def test_init_never_overwrites_a_file(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "content").mkdir()
    mine = {".gitignore": "/build/\n", "content/glossary.md": "my own entry\n"}
    for name, text in mine.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    made = cli("init", str(tmp_path))
    assert made.code == 0
    for name, text in mine.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
        assert f"kept your {name}" in made.out
    assert (tmp_path / "content" / "controlled-vocabulary.md").is_file()


def test_init_refuses_a_folder_that_is_a_glossary_already(tmp_path: Path, cli: Any) -> None:
    (tmp_path / "site.yaml").write_text("title: Mine\n", encoding="utf-8")
    refused = cli("init", str(tmp_path))
    assert refused.code == 1
    assert "is a glossary already (nothing was written)" in refused.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.yaml"]
    assert (tmp_path / "site.yaml").read_text(encoding="utf-8") == "title: Mine\n"


def test_a_title_with_yaml_syntax_is_kept_as_written(tmp_path: Path, cli: Any) -> None:
    title = 'Birds: a "field" guide # 2'
    assert cli("init", str(tmp_path), "--title", title, "--base-url", "https://birds.example/").code == 0
    config = read_config(tmp_path / "site.yaml", tmp_path).value
    assert config is not None
    assert (config.title, config.base_url) == (title, "https://birds.example/")
    assert (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8").startswith(f"# Contributing to {title}\n")


def test_every_placeholder_is_filled(tmp_path: Path, cli: Any) -> None:
    cli("init", str(tmp_path), "--title", "Birds")
    for path in (p for p in tmp_path.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\{(title|title_yaml|base_url|install|today)\}", text), path
    assert INSTALL in (tmp_path / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")


def test_the_title_comes_from_the_folder_s_name() -> None:
    assert default_title(Path("/x/bird-words")) == "Bird Words Glossary"
    assert default_title(Path("/x/my_glossary")) == "My Glossary"


def test_hidden_files_are_stored_under_visible_names() -> None:
    assert str(project_path(PurePosixPath("dot-github/workflows/check.yml"))) == ".github/workflows/check.yml"
    assert not [p for p in SKELETON.rglob("*") if p.name.startswith(".")]


def test_the_new_project_s_workflows_call_real_commands(tmp_path: Path, cli: Any) -> None:
    cli("init", str(tmp_path))
    workflows = {p.name: load(p) for p in sorted((tmp_path / ".github" / "workflows").glob("*.yml"))}
    assert sorted(workflows) == ["check.yml", "pages.yml"]
    commands = set()
    for name, workflow in workflows.items():
        assert triggers(workflow)
        for step in steps(workflow):
            if "uses" in step:
                assert re.fullmatch(r"[\w-]+/[\w-]+@v\d+", step["uses"]), step["uses"]
            for program, args in glossator_calls(step.get("run", "")):
                commands.add((name, parse(program, args).command))
    assert commands == {("check.yml", "check"), ("pages.yml", "build")}


def test_the_new_term_form_offers_the_project_s_categories_and_levels(tmp_path: Path, cli: Any) -> None:
    cli("init", str(tmp_path))
    form = load(tmp_path / ".github" / "ISSUE_TEMPLATE" / "new-term.yml")
    options = {item["id"]: item["attributes"].get("options") for item in form["body"] if "id" in item}
    categories = [c["name"] for c in load(tmp_path / "site.yaml")["categories"]]
    assert options["category"] == [*categories, "Not sure"]
    assert options["level"] == [*LEVELS, "Not sure"]


@pytest.mark.slow
def test_a_new_glossary_serves_at_once_and_shows_an_edit(tmp_path: Path, cli: Any) -> None:
    project = tmp_path / "birds"
    assert cli("init", str(project), "--title", "Birds").code == 0
    with previewing(project) as preview:
        status, home = preview.get("")
        assert status == 200 and b"Birds" in home
        assert preview.get("glossary/controlled-vocabulary/")[0] == 200
        entry = project / "content" / "glossary.md"
        entry.write_text(entry.read_text(encoding="utf-8").replace("title: Glossary", "title: Word List"), "utf-8")
        preview.wait_for("glossary/glossary/", lambda body: b"Word List" in body)
