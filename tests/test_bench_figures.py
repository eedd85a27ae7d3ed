"""The benchmark's arithmetic and edits: how figures are combined, summed up and shown, and how an entry is changed.

Nothing here times anything: the samples are made up.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench import audit, chart, edits, figures, weights
from bench.measure import Sample, in_turn

MiB = 2**20


def sample(wall: float, cpu: float | None = None, peak: int = 100 * MiB, busy: float = 0.0) -> Sample:
    return Sample(
        wall=wall, cpu=wall if cpu is None else cpu, peak_rss=peak, max_rss=peak, exit_code=0, busy_before=busy
    )


def size() -> dict[str, Any]:
    return {
        "builds": {
            "glossator": {
                "first": [sample(40), sample(44), sample(42)],
                "cold": [sample(20), sample(22), sample(21)],
                "rebuild": [sample(0.4), sample(0.5), sample(0.6)],
                "edit": [sample(3), sample(2), sample(4)],
            },
            "hugo": {
                "cold": [sample(10, 15, 300 * MiB), sample(20, 30, 200 * MiB), sample(30, 45, 250 * MiB)],
                "rebuild": [sample(9), sample(9), sample(9)],
                "edit": [sample(8), sample(8), sample(8)],
            },
            "pagefind": {
                "cold": [sample(9, 12, 400 * MiB), sample(1, 2, 100 * MiB), sample(2, 3, 150 * MiB)],
                "rebuild": [sample(1), sample(1), sample(1)],
                "edit": [sample(2), sample(2), sample(2)],
            },
        },
        "check": {"cold": [sample(5, 8)], "edit": [sample(0.5)]},
        "serve": {
            "glossator": {"startup": 3.0, "latencies": [0.05, 0.07, 0.06]},
            "hugo": {"startup": 2.0, "latencies": [0.5]},
        },
    }


def test_two_commands_in_turn_add_their_times_and_keep_the_larger_peak() -> None:
    hugo = Sample(wall=10.0, cpu=15.0, peak_rss=300, max_rss=280, exit_code=0, busy_before=0.25)
    pagefind = Sample(wall=4.0, cpu=5.0, peak_rss=500, max_rss=450, exit_code=0, busy_before=1.0)
    assert in_turn(hugo, pagefind) == Sample(
        wall=14.0, cpu=20.0, peak_rss=500, max_rss=450, exit_code=0, busy_before=0.25
    )


def test_two_commands_in_turn_fail_if_either_failed() -> None:
    ok, failed = sample(1), Sample(wall=1, cpu=1, peak_rss=1, max_rss=1, exit_code=2, busy_before=0)
    assert in_turn(ok, failed).exit_code == 2
    assert in_turn(failed, ok).exit_code == 2


def test_hugo_and_pagefind_is_each_hugo_build_with_the_pagefind_run_after_it() -> None:
    stack = figures.summary(size())["stack"]
    # Run for run: 10+9, 20+1, 30+2 -> median 21 (the medians added would say 20+2 = 22).
    assert stack["cold_wall"] == 21
    assert stack["cold_cpu"] == 32  # 27, 32, 48
    assert stack["cold_peak"] == 250 * MiB  # the larger of each pair: 400, 200, 250 MiB
    assert stack["rebuild_wall"] == 10
    assert stack["edit_wall"] == 10


def test_hugos_first_build_of_a_fresh_clone_is_its_cold_build() -> None:
    medians = figures.summary(size())
    assert medians["hugo"]["first_wall"] == medians["hugo"]["cold_wall"] == 20
    assert medians["stack"]["first_wall"] == medians["stack"]["cold_wall"] == 21
    assert medians["glossator"]["first_wall"] == 42
    assert medians["glossator"]["cold_wall"] == 21


def test_check_is_glossators_alone_and_hugo_and_pagefind_has_no_preview() -> None:
    medians = figures.summary(size())
    assert medians["glossator"]["check_wall"] == 5
    assert medians["glossator"]["check_cpu"] == 8
    assert medians["glossator"]["check_edit_wall"] == 0.5
    for column in ("stack", "hugo"):
        assert medians[column]["check_wall"] is medians[column]["check_edit_wall"] is None
    assert medians["glossator"]["serve_edit"] == 0.06
    assert medians["hugo"]["serve_edit"] == 0.5
    assert medians["stack"]["serve_edit"] is medians["stack"]["serve_start"] is None


def results(sizes: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": "2026-12-01",
        "machine": {"cores": 2, "cpu": "test", "ram_gb": 1.0, "system": "Linux"},
        "versions": {"python": "3.11", "hugo": "v0.168.0", "pagefind": "1.5.2", "glossator": "commit abc"},
        "runs": 3,
        "edits": 3,
        "sizes": sizes,
    }


def test_the_table_gives_each_measure_against_hugo_and_pagefind_and_against_hugo() -> None:
    text = figures.table(results({"1000": size()}))
    first = next(line for line in text.splitlines() if "First build of a fresh clone**" in line)
    assert first.split(" | ")[2:] == ["42.0 s", "21.0 s", "20.0 s", "2.00×", "2.10× |"]
    check = next(line for line in text.splitlines() if "`check` with no cache, wall" in line)
    assert check.split(" | ")[2:] == ["5.0 s", "–", "–", "–", "– |"]
    assert "Glossator ÷ (Hugo + Pagefind)" in text.splitlines()[0]


def test_the_headline_says_the_first_build_against_both() -> None:
    assert figures.headline(results({"1000": size()})) == (
        "First build of a fresh clone, 1,000 entries: Glossator 42.0 s; Hugo + Pagefind 21.0 s (2.00×); "
        "Hugo alone 20.0 s (2.10×)."
    )


def test_the_targets_read_the_new_rows() -> None:
    rows = {line.split(" | ")[0].lstrip("| "): line for line in figures.targets(results({"1000": size()})).splitlines()}
    assert rows["First build of a fresh clone no slower than Hugo + Pagefind (aim: half its time)"].endswith("**no** |")
    assert (
        "| 3.0 s (Hugo + Pagefind 10.0 s) | 1,000 | **no** |"
        in rows["`build` after one entry's prose changed: at most 1 s"]
    )
    assert rows["`check` with no cache: at most 10 s"].endswith("| 5.0 s | 1,000 | yes |")
    assert rows["`check` after one entry's prose changed, with its cache: at most 1 s"].endswith(
        "| 500 ms | 1,000 | yes |"
    )


def test_results_saved_as_json_read_back_the_same(tmp_path: Path) -> None:
    saved = json.loads(json.dumps(figures.to_json(results({"1000": size()}))))
    assert saved["medians"]["1000"]["stack"]["cold_wall"] == 21
    again = figures.from_json(saved)
    assert figures.table(again) == figures.table(results({"1000": size()}))


def test_results_of_an_earlier_layout_have_no_hugo_and_pagefind_figures() -> None:
    old = json.loads(json.dumps(figures.to_json(results({"1000": size()}))))
    for data in old["sizes"].values():
        del data["builds"]["pagefind"]
        del data["builds"]["glossator"]["first"]
        data["check"] = data["check"]["cold"]  # `check` was a list of cold runs
    medians = figures.summary(figures.from_json(old)["sizes"]["1000"])
    assert medians["stack"]["cold_wall"] is None
    assert medians["glossator"]["first_wall"] is None
    assert medians["glossator"]["check_wall"] == 5
    assert medians["glossator"]["check_edit_wall"] is None


def test_the_chart_draws_a_bar_for_each_column_that_has_the_measure() -> None:
    svg = chart.draw(figures.summary(size()), 1000, "2026-12-01")
    assert "First build of a fresh clone, wall time: Hugo + Pagefind 21.0 s" in svg
    assert "Check with no cache, wall time (Glossator only): Glossator 5.0 s" in svg
    assert "Check with no cache, wall time (Glossator only): Hugo" not in svg


def test_a_new_word_starts_the_first_sections_prose_and_nothing_else_changes() -> None:
    entry = b"---\ntitle: T\n---\n\n## What is this?\n\nIt is.\n\n## What is this?\n\nAgain.\n"
    assert edits.with_new_word(entry, b"zq") == (
        b"---\ntitle: T\n---\n\n## What is this?\n\nzq It is.\n\n## What is this?\n\nAgain.\n"
    )
    with pytest.raises(ValueError):
        edits.with_new_word(b"---\ntitle: T\n---\n\nNo sections.\n", b"zq")


def test_an_entry_changed_for_a_block_is_put_back_however_the_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"## What is this?\n\nIt is.\n")
    with pytest.raises(RuntimeError), edits.new_word([path], "zq"):
        assert path.read_bytes() == b"## What is this?\n\nzq It is.\n"
        raise RuntimeError("stopped")
    assert path.read_bytes() == b"## What is this?\n\nIt is.\n"


def test_entries_to_change_are_spread_over_the_corpus() -> None:
    files = [Path(f"{i:02}.md") for i in range(10)]
    assert edits.spread(files, 1) == [Path("05.md")]
    assert edits.spread(files, 5) == [Path(f"{i:02}.md") for i in (1, 3, 5, 7, 9)]


# -- what a reader downloads ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("", "home"),
        ("glossary/borrer-guardrail/", "entry"),
        ("category/data/", "category"),
        ("category/data/page/2/", "category part"),
        ("tag/page/", "tag"),
        ("tag/final-record/page/3/", "tag part"),
        ("a-z/k/page/2/", "letter part"),
        ("level/advanced/", "level"),
        ("search/", "search"),
        ("404.html", "404"),
        ("zh-tw/a-z/ㄅ/", "letter"),
    ],
)
def test_pages_are_weighed_by_their_kind(path: str, kind: str) -> None:
    assert weights.kind_of(path, ["zh-tw"]) == kind


def test_a_pages_elements_are_its_start_tags_void_and_svg_ones_included() -> None:
    html = '<!doctype html><html><head><meta charset="utf-8"></head><body><p>a<br>b</p><svg><rect/></svg></body></html>'
    assert weights.elements(html) == 8  # html head meta body p br svg rect


def test_a_site_is_weighed_kind_by_kind_with_its_heaviest_page(tmp_path: Path) -> None:
    pages = {"index.html": "<p>home</p>", "category/x/index.html": "<p>x</p>" * 3, "category/y/index.html": "<p>y</p>"}
    pages["category/x/page/2/index.html"] = "<p>z</p>"
    for rel, text in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    found = weights.weigh_site(tmp_path)
    assert list(found) == ["home", "category", "category part"]
    assert found["category"]["pages"] == 2 and found["category"]["heaviest"]["path"] == "category/x/"
    assert found["category"]["most_elements"] == 3
    assert weights.over_budget(found) == []


def test_the_reader_side_table_comes_with_the_figures_and_flags_a_page_over_the_budget() -> None:
    heavy = {"pages": 1, "median_gzip": 70_000, "most_elements": 1200}
    heavy["heaviest"] = {"path": "", "html": 480_000, "gzip": 70_000, "elements": 1200}
    light = {"pages": 9, "median_gzip": 9000, "most_elements": 500}
    light["heaviest"] = {"path": "glossary/a/", "html": 40_000, "gzip": 10_240, "elements": 500}
    measured = size() | {"pages": {"home": heavy, "entry": light}}
    text = figures.figures_markdown(results({"1000": measured}))
    rows = [line for line in text.splitlines() if line.startswith("| 1,000 | Home") or line.startswith("|  | Entry")]
    assert rows == [
        "| 1,000 | Home ⚠ | 1 | `/` | 468.8 KB | 68.4 KB | 1,200 | 68.4 KB | 1,200 |",
        "|  | Entry | 9 | `/glossary/a/` | 39.1 KB | 10.0 KB | 500 | 8.8 KB | 500 |",
    ]
    assert weights.over_budget(measured["pages"]) == ["home"]
    assert "What a reader downloads" not in figures.figures_markdown(results({"1000": size()}))


def test_the_audit_of_a_corpus_takes_a_category_its_second_page_and_a_letter(tmp_path: Path) -> None:
    for rel in ("category/data/", "category/data/page/2/", "category/safety/", "a-z/k/", "a-z/b/"):
        (tmp_path / rel).mkdir(parents=True)
        (tmp_path / rel / "index.html").write_text("<p>x</p>", encoding="utf-8")
    assert audit.listing_pages(tmp_path, "http://127.0.0.1:9/") == {
        "category": "http://127.0.0.1:9/category/data/",
        "page 2": "http://127.0.0.1:9/category/data/page/2/",
        "a-z": "http://127.0.0.1:9/a-z/b/",
    }
