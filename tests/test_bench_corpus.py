"""The benchmark corpus: deterministic for a seed, valid for Glossator, and the same entries for Hugo.

Nothing here times anything; the benchmark itself runs outside the test suite.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

from bench import corpus
from tests.helpers import CliRun, read_site

ENTRIES = 30


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(ENTRIES, out, seed=7)
    return out


def test_the_same_seed_gives_the_same_bytes(written: Path, tmp_path: Path) -> None:
    corpus.write_corpus(ENTRIES, tmp_path, seed=7)
    assert read_site(tmp_path) == read_site(written)
    assert len(list((tmp_path / "glossator" / "content").glob("*.md"))) == ENTRIES


def test_another_seed_gives_other_entries(written: Path, tmp_path: Path) -> None:
    corpus.write_corpus(ENTRIES, tmp_path, seed=8)
    assert sorted(read_site(tmp_path / "glossator" / "content")) != sorted(read_site(written / "glossator" / "content"))


def test_the_corpus_passes_check_with_no_problem(written: Path, cli: Callable[..., CliRun]) -> None:
    run = cli("check", "--strict", cwd=written / "glossator")
    assert run.code == 0, run.out
    assert run.out == ""
    assert f"{ENTRIES} entries, no problems" in run.err


def test_entries_have_the_promised_shape(written: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((written / "glossator" / "content").glob("*.md"))]
    for text in texts:
        front, body = text.split("\n---\n", 1)
        assert re.findall(r"^## .*$", body, re.M) == [f"## {s}" for s in corpus.SECTIONS]
        assert corpus.BODY_WORDS[0] <= corpus.body_words(body) <= corpus.BODY_WORDS[1]
        assert front.count("  - myth: ") == 2
        for key in ("aliases:", "tags:", "related:", "updated:", "example:", "impact:"):
            assert f"\n{key}" in front
    with_comparison = [t for t in texts if "\ncomparison:" in t]
    assert len(with_comparison) > ENTRIES // 2
    assert sum("[[" in t for t in texts) == ENTRIES


def test_the_hugo_copy_has_the_same_entries_and_categories(written: Path) -> None:
    ours = sorted(p.name for p in (written / "glossator" / "content").glob("*.md"))
    hugos = sorted(p.name for p in (written / "hugo" / "content" / "glossary").glob("*.md"))
    assert ours == hugos
    config = tomllib.loads((written / "hugo" / "hugo.toml").read_text(encoding="utf-8"))
    assert [(c["name"], c["description"]) for c in config["params"]["categories"]] == list(corpus.CATEGORIES)
    for name in hugos:
        text = (written / "hugo" / "content" / "glossary" / name).read_text(encoding="utf-8")
        assert "[[" not in text and "\naliases:" not in text
