"""PAGE_ONLY_FIELDS tells the truth: changing such a field changes the entry's own files and nothing else.

The preview answers a save that changes only these fields by rendering the
entry's page alone, so a field wrongly listed would leave other pages stale.
Each field in the set (and any added later) is changed in a small project, the
site built before and after, and the two compared file by file; a field that
other pages do show is changed the same way, to see that the comparison notices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossator.build.pipeline import check, render
from glossator.content.project import Project, load_config
from glossator.content.schema import PAGE_ONLY_FIELDS
from glossator.pages.urls import Urls
from tests.helpers import BILINGUAL_SITE_YAML


def full_entry(title: str, other: str) -> dict[str, Any]:
    """Front matter with every field an entry can have, `other` among its related entries."""
    return {
        "title": title,
        "sort_as": title.lower(),
        "category": "Core Concepts",
        "level": "intermediate",
        "summary": f"{title}, in thirty seconds.",
        "aliases": [f"{title} Alias"],
        "tags": ["letters"],
        "related": [other],
        "updated": dt.date(2026, 1, 2),
        "status": "published",
        "autolink": True,
        "comparison": {
            "title": f"{title} compared",
            "columns": [title, "Other"],
            "rows": [
                {"label": "Shape", "hint": "How it looks", "cells": ["Round", {"yes": "Pointed"}]},
                {"label": "Score", "cells": [{"rating": 4}, {"rating": 2}]},
            ],
        },
        "example": {"title": "A case", "body": f"A worked example of {title}."},
        "misconceptions": [
            {"myth": f"{title} is last.", "truth": "It comes *first*."},
            {"myth": f"{title} is rare.", "truth": "It is everywhere."},
        ],
        "impact": f"Why {title} matters to you.",
    }


BODY = "## What is this?\n\nA letter that comes before others.\n\n## Why does it exist?\n\nTo start words.\n"
# The entry changed, as (its file, its page): one in the default language with no translation, and a
# translation (a source with translations is never answered alone: its translations' pages say it changed).
CHANGED = {
    "entry": ("content/alpha.md", "glossary/alpha/", "core-concepts"),
    "translation": ("content/zh-tw/beta.md", "zh-tw/glossary/beta/", "tools"),
}


def write(root: Path, changed: str | None, field: str | None) -> None:
    """The project, with one field of the `changed` entry altered."""
    entries = {
        "content/alpha.md": full_entry("Alpha", "beta"),
        "content/beta.md": full_entry("Beta", "alpha") | {"category": "Tools"},
        "content/gamma.md": full_entry("Gamma", "alpha"),  # mentions Alpha, lists it as related
        "content/zh-tw/beta.md": full_entry("貝塔", "alpha") | {"category": "Tools"},
    }
    bodies = dict.fromkeys(entries, BODY)
    bodies["content/gamma.md"] = BODY + "\nIt comes after Alpha and [[beta]].\n"
    if changed is not None and field is not None:
        if field == "body":
            bodies[changed] += "\nOne more paragraph.\n"
        else:
            entries[changed] = varied_front(entries[changed], field)
    (root / "content" / "zh-tw").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(BILINGUAL_SITE_YAML, encoding="utf-8")
    for rel, front in entries.items():
        text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
        (root / rel).write_text(f"---\n{text}---\n{bodies[rel]}", encoding="utf-8")


def varied_front(front: dict[str, Any], name: str) -> dict[str, Any]:
    if name not in front:
        pytest.fail(f"the test does not know how to change {name!r}: give full_entry a value for it")
    new = varied(front[name])
    if new is None:
        pytest.fail(f"the test does not know how to change {name!r}, which holds no text: teach `varied`")
    return {**front, name: new}


def varied(value: Any) -> Any:
    """`value` with its first piece of text changed; None when it holds none.

    The first text of every field shown on the entry's page alone is free text (a title, a
    myth, prose); should a new field start with a constrained one, the build says so.
    """
    if isinstance(value, str):
        return value + " Changed"
    if isinstance(value, dict):
        for key, item in value.items():
            if (new := varied(item)) is not None:
                return {**value, key: new}
    if isinstance(value, list):
        for i, item in enumerate(value):
            if (new := varied(item)) is not None:
                return [*value[:i], new, *value[i + 1 :]]
    return None


def site(root: Path) -> dict[str, bytes]:
    project = Project.at(root)
    result = check(project, load_config(project), drafts=True, warnings=False)
    assert result.ok and result.glossary is not None, result.diagnostics
    return render(project, result.glossary, translations=result.translations, search=False)


def differing(old: dict[str, bytes], new: dict[str, bytes]) -> set[str]:
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


def own_files(page: str, category: str) -> set[str]:
    """What rendering an entry alone makes: its page, its diagram, and the print documents that hold it."""
    slug = page.rstrip("/").rsplit("/", 1)[-1]
    prefix = page.removesuffix(Urls.entry(slug))
    printed = {prefix + Urls.file_for(Urls.printed(c)) for c in ("", category)}
    return {prefix + Urls.file_for(Urls.entry(slug)), prefix + Urls.diagram(slug), *printed}


@pytest.fixture
def sites(tmp_path: Path) -> Callable[[str | None, str | None], dict[str, bytes]]:
    def built(changed: str | None, field: str | None) -> dict[str, bytes]:
        root = tmp_path / f"{changed or 'none'}-{field or 'none'}".replace("/", "_")
        write(root, changed, field)
        return site(root)

    return built


@pytest.mark.parametrize("which", sorted(CHANGED))
@pytest.mark.parametrize("field", sorted(PAGE_ONLY_FIELDS))
def test_a_page_only_field_changes_only_the_entrys_own_files(
    sites: Callable[[str | None, str | None], dict[str, bytes]], field: str, which: str
) -> None:
    file, page, category = CHANGED[which]
    changed = differing(sites(None, None), sites(file, field))
    own = own_files(page, category)
    assert changed, f"changing {field} changed nothing: the test would prove nothing"
    assert changed <= own, f"{field} is shown elsewhere too: {sorted(changed - own)}"


@pytest.mark.parametrize("field", ["summary", "title"])
def test_a_field_shown_elsewhere_changes_other_files(
    sites: Callable[[str | None, str | None], dict[str, bytes]], field: str
) -> None:
    assert field not in PAGE_ONLY_FIELDS
    file, page, category = CHANGED["entry"]
    changed = differing(sites(None, None), sites(file, field))
    assert changed - own_files(page, category), f"changing {field} should show beyond the entry's own page"
