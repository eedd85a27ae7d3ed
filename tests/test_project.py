"""A project: where its parts live, and its site.yaml read once for a command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.content.project import Project, load_config
from glossator.core.diagnostics import DiagnosticError
from tests.helpers import MINIMAL_SITE_YAML


def test_a_project_keeps_its_parts_in_the_usual_places(tmp_path: Path) -> None:
    project = Project.at(tmp_path, cwd=tmp_path)
    assert project.content == tmp_path / "content"
    assert project.out == tmp_path / "site"
    assert project.config_file == tmp_path / "site.yaml"
    assert project.templates == tmp_path / "templates"
    assert project.static == tmp_path / "static"
    assert project.cache == tmp_path / ".glossator-cache"


def test_content_and_output_folders_can_be_elsewhere(tmp_path: Path) -> None:
    project = Project.at(tmp_path / "p", content=tmp_path / "entries", out=tmp_path / "www")
    assert (project.content, project.out) == (tmp_path / "entries", tmp_path / "www")
    assert project.cwd == Path.cwd(), "paths in messages are relative to where the command runs"


def test_holds_content_is_the_content_folder_and_what_is_inside_it(tmp_path: Path) -> None:
    project = Project.at(tmp_path, cwd=tmp_path)
    (tmp_path / "content" / "zh-tw").mkdir(parents=True)
    assert project.holds_content(tmp_path / "content")
    assert project.holds_content(tmp_path / "content" / "zh-tw" / "rag.md")
    assert not project.holds_content(tmp_path / "site.yaml")
    assert not project.holds_content(tmp_path / "contents")


def test_holds_content_sees_through_symbolic_links(tmp_path: Path) -> None:
    project = Project.at(tmp_path, cwd=tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "content")
    (tmp_path / "outside").mkdir()
    (tmp_path / "content" / "away").symlink_to(tmp_path / "outside")
    assert project.holds_content(tmp_path / "alias" / "rag.md")
    assert not project.holds_content(tmp_path / "content" / "away" / "rag.md")


def test_load_config_reads_site_yaml(make_project: Callable[..., Path]) -> None:
    root = make_project()
    config = load_config(Project.at(root, cwd=root))
    assert config.title == "Test Glossary"
    assert config.base_url == "https://example.org/"
    assert [c.name for c in config.categories] == ["Core Concepts", "Tools"]


def test_another_base_url_keeps_the_published_address(make_project: Callable[..., Path]) -> None:
    root = make_project()
    config = load_config(Project.at(root, cwd=root), base_url="http://127.0.0.1:8000")
    assert config.base_url == "http://127.0.0.1:8000/"
    assert config.address == "example.org", "share cards print where the site is published"


def test_a_broken_site_yaml_stops_the_command_with_its_problems(make_project: Callable[..., Path]) -> None:
    root = make_project(site_yaml=MINIMAL_SITE_YAML.replace("title: Test Glossary\n", ""))
    with pytest.raises(DiagnosticError) as raised:
        load_config(Project.at(root, cwd=root))
    assert [(d.path, d.code) for d in raised.value.diagnostics] == [("site.yaml", "missing-field")]
    assert "title: required field is missing" in str(raised.value)


def test_a_missing_site_yaml_stops_the_command_too(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as raised:
        load_config(Project.at(tmp_path, cwd=tmp_path))
    assert "site.yaml" in str(raised.value)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_site_yaml_problem_is_on_the_line_an_editor_shows_whatever_its_line_endings(
    tmp_path: Path, newline: str
) -> None:
    text = MINIMAL_SITE_YAML.replace("  - name: Tools\n", "  - name: [Tools\n")
    (tmp_path / "site.yaml").write_bytes(text.replace("\n", newline).encode())
    with pytest.raises(DiagnosticError) as raised:
        load_config(Project.at(tmp_path, cwd=tmp_path))
    (problem,) = raised.value.diagnostics
    assert (problem.line, problem.col, problem.code) == (8, 11, "yaml")
    assert "in `categories[1].name`: invalid YAML: this '[' is never closed" in problem.message
