"""Render: templates looked up project first, autoescaped, strict about names; data safe inside scripts; dates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import jinja2
import pytest

from glossator.core.labels import merge_labels
from glossator.pages.render import format_date, json_for_script, make_environment
from tests.helpers import build_site, entry_text, read_page


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!-- x -->", "a & b", {"k": "</SCRIPT>"}])
def test_json_for_a_script_element_cannot_close_it_and_reads_back_the_same(value: object) -> None:
    text = json_for_script(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == value


def test_json_for_a_script_element_is_stable_and_keeps_other_scripts_readable() -> None:
    assert json_for_script({"b": 1, "a": "檢索"}) == '{"a":"檢索","b":1}'


def test_dates_print_in_the_pages_language() -> None:
    day = dt.date(2026, 10, 5)
    assert format_date(merge_labels({}))(day) == "5 October 2026"
    assert format_date(merge_labels({}, "zh-tw"))(day) == "2026 年 10 月 5 日"
    assert format_date(merge_labels({}))(None) == ""


def test_a_month_list_that_is_not_twelve_long_falls_back_to_iso_dates() -> None:
    assert format_date(merge_labels({"months": "Jan,Feb"}))(dt.date(2026, 1, 2)) == "2026-01-02"


def test_every_template_is_autoescaped_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("{{ text }}", encoding="utf-8")
    env = make_environment(tmp_path)
    assert env.get_template("note.txt").render(text="<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_an_undefined_name_is_an_error_not_an_empty_string(tmp_path: Path) -> None:
    (tmp_path / "typo.html").write_text("{{ titel }}", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        make_environment(tmp_path).get_template("typo.html").render(title="x")


def test_a_project_template_comes_first_and_can_extend_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "base.html").write_text("project base", encoding="utf-8")
    env = make_environment(tmp_path)
    assert env.get_template("base.html").render() == "project base"
    assert env.get_template("glossator/base.html").filename != env.get_template("base.html").filename
    assert make_environment(None).get_template("base.html").filename == env.get_template("glossator/base.html").filename


def test_a_site_template_extending_the_theme_changes_the_built_page(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    override = '{% extends "glossator/entry.html" %}{% block footer %}<p id="own-footer">Kept by us</p>{% endblock %}'
    root = make_project({"content/term.md": entry_text("Term"), "templates/entry.html": override})
    entry = read_page((build_site(root, tmp_path / "site") / "glossary" / "term" / "index.html").read_bytes())
    assert entry.by_id("own-footer").text == "Kept by us"
    assert entry.one("h1").text == "Term", "the rest of the page is the theme's"
