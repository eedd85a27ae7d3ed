"""Layout: where each part of the comparison diagram goes, for any table and any width."""

from __future__ import annotations

import itertools

import pytest
from diagram_cases import CREDIT, FINE_TUNING, STRESS

from glossator.content.model import Comparison, Row
from glossator.core.labels import DEFAULT_LABELS
from glossator.diagram.layout import Box, Layout, format_label, layout

WIDTHS = (360, 640, 960)
# Text is set to fit from the widths pages draw diagrams at; far narrower, five columns cannot all fit.
FIT_WIDTHS = (640, 720, 960)  # 720: what a page asks for
CASES = {"fine-tuning": FINE_TUNING, **STRESS}
TOLERANCE = 0.01


def grid(drawn: Layout) -> dict[tuple[int, int], Box]:
    """The table's boxes by (row, column); the header row is row -1."""
    found: dict[tuple[int, int], Box] = {}
    for box in drawn.boxes:
        if box.key.startswith("h"):
            found[(-1, int(box.key[1:]))] = box
        elif box.key.startswith("r"):
            row, col = box.key[1:].split("c")
            found[(int(row), int(col))] = box
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_grid_is_a_table_of_rows_and_columns_within_the_width(name: str, width: int) -> None:
    comparison = CASES[name]
    drawn = layout(comparison, CREDIT, width, DEFAULT_LABELS)
    cells = grid(drawn)
    rows, cols = len(comparison.rows), len(comparison.columns) + 1
    assert set(cells) == {(r, c) for r in range(-1, rows) for c in range(cols)}
    assert drawn.width <= max(width, 320) + TOLERANCE
    for r in range(-1, rows):
        line = [cells[(r, c)] for c in range(cols)]
        assert len({(b.y, b.h) for b in line}) == 1, f"row {r}: each row is as tall as its tallest cell"
        for left, right in itertools.pairwise(line):
            assert abs(left.x + left.w - right.x) < TOLERANCE, f"row {r}: cells abut"
    for c in range(cols):
        column = [cells[(r, c)] for r in range(-1, rows)]
        assert len({(b.x, b.w) for b in column}) == 1, f"column {c} keeps one width"
        for above, below in itertools.pairwise(column):
            assert abs(above.y + above.h - below.y) < TOLERANCE, f"column {c}: rows follow each other"


@pytest.mark.parametrize("width", FIT_WIDTHS)
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_text_is_set_inside_its_box(name: str, width: int) -> None:
    for box in layout(CASES[name], CREDIT, width, DEFAULT_LABELS).boxes:
        for text in box.texts:
            assert text.x >= box.x - TOLERANCE, box.key
            assert text.x + text.width <= box.x + box.w + TOLERANCE, box.key
            assert text.top >= box.y - TOLERANCE, box.key
            assert text.top + text.block.height(text.style) <= box.y + box.h + TOLERANCE, box.key
            assert all(line.width <= text.width + TOLERANCE for line in text.block.lines), box.key


def test_the_first_column_is_highlighted_by_a_band_over_the_whole_table() -> None:
    drawn = layout(FINE_TUNING, CREDIT, 960, DEFAULT_LABELS)
    cells = grid(drawn)
    assert drawn.band is not None
    x, y, w, h = drawn.band
    first = cells[(-1, 1)]
    last = cells[(len(FINE_TUNING.rows) - 1, 1)]
    assert (x, w, y) == (first.x, first.w, first.y)
    assert abs(y + h - (last.y + last.h)) < TOLERANCE


def test_data_columns_share_the_width_equally_when_their_text_allows() -> None:
    even = Comparison("Even", ("One", "Two", "Six"), (Row("Row", tuple(FINE_TUNING.rows[1].cells)),))
    cells = grid(layout(even, CREDIT, 960, DEFAULT_LABELS))
    assert len({round(cells[(-1, c)].w, 2) for c in (1, 2, 3)}) == 1


def test_the_credit_line_is_drawn_below_the_table_only_when_there_is_one() -> None:
    with_credit = layout(FINE_TUNING, CREDIT, 960, DEFAULT_LABELS)
    without = layout(FINE_TUNING, "", 960, DEFAULT_LABELS)
    credit = next(b for b in with_credit.boxes if b.key == "credit")
    assert credit.y > max(b.y + b.h for b in with_credit.boxes if b.key.startswith("r"))
    assert not [b for b in without.boxes if b.key == "credit"]
    assert without.height < with_credit.height


def test_the_same_comparison_is_laid_out_the_same_way() -> None:
    assert layout(FINE_TUNING, CREDIT, 640, DEFAULT_LABELS) == layout(FINE_TUNING, CREDIT, 640, DEFAULT_LABELS)


def test_a_translated_label_with_broken_placeholders_falls_back_to_english() -> None:
    assert format_label(DEFAULT_LABELS, "rating", n=3, of=5) == "3 of 5"
    broken = DEFAULT_LABELS | {"rating": "{stars} / {of}"}
    assert format_label(broken, "rating", n=3, of=5) == "3 of 5"
    assert format_label(DEFAULT_LABELS | {"rating": "{n}/{of}"}, "rating", n=3, of=5) == "3/5"
