"""The comparison diagram: line breaking, layout, escaping, accessibility, determinism and golden files."""

from __future__ import annotations

import functools
import itertools
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from diagram_cases import CREDIT, FINE_TUNING, GOLDEN, HOSTILE, KINDS, LONG_TEXT, LONG_WORD, SCRIPTS, STRESS, text

from glossator.content.model import Comparison, Row
from glossator.diagram import textfit
from glossator.diagram.svg import BAND_OPACITY, MARK_OPACITY, PALETTE, STRIPE_OPACITY, render_svg
from glossator.diagram.textfit import ELLIPSIS, Block, Line, TextStyle, clean, measure, pieces, wrap
from tests.vnu import run_vnu

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_DIR = Path(__file__).resolve().parent / "golden" / "diagrams"
SVG = "{http://www.w3.org/2000/svg}"
BODY = TextStyle(size=14, line_height=21)


def parse(svg: str) -> ET.Element:
    """Parse SVG as XML; an inline diagram gets the namespace the HTML parser would give it."""
    if not svg.startswith("<?xml"):
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return ET.fromstring(svg.encode("utf-8"))


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def group(root: ET.Element, key: str) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if g.get("data-cell") == key]
    assert len(found) == 1, key
    return found[0]


def cell_rect(root: ET.Element, key: str) -> tuple[float, float, float, float]:
    rect = next(r for r in root.iter(f"{SVG}rect") if r.get("data-cell") == key)
    return tuple(float(rect.get(a, "0")) for a in ("x", "y", "width", "height"))  # type: ignore[return-value]


# --- line breaking -------------------------------------------------------------------------------------------


def test_long_word_is_hyphenated_at_cluster_boundaries() -> None:
    block = wrap(LONG_WORD, BODY, 90, max_lines=10)
    assert len(block.lines) > 2
    assert all(line.width <= 90 for line in block.lines)
    assert all(line.text.endswith("-") for line in block.lines[:-1])
    assert "".join(line.text.removesuffix("-") for line in block.lines) == LONG_WORD
    assert not block.truncated


def test_words_wrap_at_spaces_and_after_hyphens() -> None:
    block = wrap("Retrieval-augmented generation keeps answers current", BODY, 110, max_lines=10)
    assert [line.text for line in block.lines] == ["Retrieval-", "augmented", "generation keeps", "answers current"]
    assert pieces("and/or x") == [("", "and/"), ("", "or"), (" ", "x")]


def test_cjk_breaks_between_characters_without_hyphens() -> None:
    source = "大语言模型通过在海量文本上训练来预测下一个词元。日本語の「プロンプト」です。"
    block = wrap(source, BODY, 100, max_lines=20)
    assert len(block.lines) > 3
    assert "".join(line.text for line in block.lines) == source
    assert not any(line.text.endswith("-") for line in block.lines)
    # Closing punctuation never starts a line, opening punctuation never ends one.
    assert not any(line.text[0] in "。、」』）" for line in block.lines)
    assert not any(line.text[-1] in "「『（" for line in block.lines)
    assert all(line.width <= 100 for line in block.lines)
    assert measure("漢字", BODY).width == 28  # one em each, an estimate: no exact textLength pin
    assert not measure("漢字", BODY).exact


def test_emoji_and_flags_are_never_split() -> None:
    family = "👨‍👩‍👧‍👦"
    block = wrap(f"{family}🇫🇷{family}", BODY, 30, max_lines=10)
    assert [line.text for line in block.lines] == [family, "🇫🇷", family]


def test_rtl_text_is_detected_and_measured_conservatively() -> None:
    block = wrap("يتعلم النموذج من كميات هائلة من النصوص", BODY, 120, max_lines=10)
    assert block.rtl
    assert len(block.lines) >= 2
    assert not any(line.exact for line in block.lines)
    assert not wrap("Model 模型", BODY, 300, 2).rtl


def test_text_past_the_line_limit_ends_with_an_ellipsis() -> None:
    block = wrap(LONG_TEXT, BODY, 150, max_lines=4)
    assert block.truncated
    assert len(block.lines) == 4
    assert block.lines[-1].text.endswith(ELLIPSIS)
    assert block.lines[-1].width <= 150


def test_exact_widths_come_from_the_font() -> None:
    # Arial metrics in font units of 2048 per em; kerning is off in measurement and in the SVG.
    assert measure("W", BODY).width == pytest.approx(1933 / 2048 * 14)
    assert measure("i", BODY).width == pytest.approx(455 / 2048 * 14)
    assert measure("AV", BODY).width == pytest.approx(measure("A", BODY).width + measure("V", BODY).width)
    assert measure("Bold", TextStyle(14, 21, bold=True)).width > measure("Bold", BODY).width


def test_clean_strips_control_characters_and_collapses_whitespace() -> None:
    assert clean("a\x00b\x07c\x1b[31m\x7f\x85d\ud800e\ufffe") == "abc[31mde"
    assert clean("  one\ttwo\n\nthree\u2028four  ") == "one two three four"
    # The printable-ASCII shortcut hands back only what needs no cleaning.
    assert [clean(t) for t in (" a", "a ", "a  b", "a\x7fb", "a\x1fb", "a b")] == ["a", "a", "a b", "ab", "ab", "a b"]


# --- the shortcuts give what the general code gives -------------------------------------------------------------
# textfit measures simple text from a table of advances and sums the widths of a line's pieces instead of shaping
# every candidate line; ASCII takes shortcuts through clusters and pieces.  These compare each with the long way.


def _shaped(text: str, style: TextStyle) -> Line:
    """`measure` the long way: every line shaped by HarfBuzz."""
    em, exact = textfit._advance(text, style.bold)
    return Line(text, em * style.size + style.letter_spacing * len(textfit.clusters(text)), exact)


@functools.cache
def _reference_pieces(text: str) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for word in text.split(" "):
        if not word:
            continue
        parts = _reference_clusters(word)
        glue = " " if out else ""
        current = parts[0]
        for before, after in itertools.pairwise(parts):
            if textfit._breaks_between(before, after):
                out.append((glue, current))
                glue, current = "", ""
            current += after
        out.append((glue, current))
    return tuple(out)


def _reference_clusters(text: str) -> list[str]:
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if out and (
            textfit._extends(cp)
            or out[-1].endswith("\u200d")
            or (textfit._regional(cp) and len(out[-1]) == 1 and textfit._regional(ord(out[-1])))
        ):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _reference_wrap(text: str, style: TextStyle, width: float, max_lines: int) -> Block:
    """`wrap` the long way: every candidate line shaped whole."""
    text = clean(text)
    lines: list[Line] = []
    current: Line | None = None
    for glue, piece in _reference_pieces(text):
        if len(lines) > max_lines:
            break
        if current is not None:
            candidate = _shaped(current.text + glue + piece, style)
            if candidate.width <= width:
                current = candidate
                continue
            lines.append(current)
        single = _shaped(piece, style)
        if single.width <= width:
            current = single
            continue
        *done, current = textfit._split_word(piece, style, width, max_lines + 1)
        lines.extend(done)
    if current is not None:
        lines.append(current)
    truncated = len(lines) > max_lines
    if truncated:
        lines = [*lines[: max_lines - 1], textfit._ellipsize(lines[max_lines - 1], style, width)]
    return Block(text, tuple(lines), truncated, textfit.is_rtl(text))


STYLES = [BODY, TextStyle(14, 21, bold=True), TextStyle(12.5, 18), TextStyle(10, 14, bold=True, letter_spacing=0.8)]


@pytest.mark.parametrize("bold", [False, True])
def test_simple_text_measures_as_harfbuzz_shapes_it(bold: bool) -> None:
    table, upem = textfit._simple_advances(bold)
    assert len(table) > 600 and all(chr(c) in table for c in range(0x20, 0x7F))
    simple = sorted(table)
    rng = random.Random(7)
    samples = simple + ["".join(rng.choice(simple) for _ in range(rng.randint(2, 40))) for _ in range(1500)]
    samples += [a + b for a in map(chr, range(0x20, 0x7F)) for b in rng.sample(simple, 20)]
    for sample in samples:
        units = textfit._simple_units(sample, bold)
        assert units is not None and textfit._advance(sample, bold) == (units / upem, True), sample
    for style in STYLES:
        if style.bold == bold:
            for sample in samples[:: len(samples) // 500]:
                assert measure(sample, style) == _shaped(sample, style), sample
    style = STYLES[1] if bold else BODY
    for shaped in ("漢字", "👍🏽", "e\u0301", "שלום", "مرحبا", "a\u200db", "\u00ad"):  # not simple: shaped
        assert textfit._simple_units(shaped, bold) is None
        assert measure(shaped, style) == _shaped(shaped, style)


def test_ascii_pieces_and_clusters_match_the_general_rules() -> None:
    printable = [chr(c) for c in range(0x20, 0x7F)]
    for a in printable:
        for b in printable:
            text = f"x{a}{b}y"
            assert pieces(text) == list(_reference_pieces(text)), text
            assert textfit.clusters(text) == _reference_clusters(text), text
    assert pieces("http://x.org/a-b?c=d") == [("", "http://"), ("", "x.org/"), ("", "a-"), ("", "b?c=d")]
    assert pieces("a--b -a a- x-(y) 1-2") == [
        ("", "a--"),
        ("", "b"),
        (" ", "-"),
        ("", "a"),
        (" ", "a-"),
        (" ", "x-(y)"),
        (" ", "1-"),
        ("", "2"),
    ]


def _every_text(comparison: Comparison) -> list[str]:
    found = [comparison.title, *comparison.columns]
    for row in comparison.rows:
        found += [row.label, row.hint, *(cell.text for cell in row.cells)]
    return found


def test_wrap_matches_shaping_every_candidate_line() -> None:
    texts = sorted({t for c in STRESS.values() for t in _every_text(c)} | {CREDIT, LONG_TEXT, "", "   "})
    for source in texts:
        for style in STYLES:
            for width in (12, 45.5, 150, 600):
                for max_lines in (1, 4):
                    got = wrap(source, style, width, max_lines)
                    assert got == _reference_wrap(source, style, width, max_lines), (source, style, width, max_lines)
        widest = max((_shaped(p, BODY).width for _, p in _reference_pieces(clean(source))), default=0.0)
        assert textfit.min_content(source, BODY) == widest


# --- the SVG -------------------------------------------------------------------------------------------------


def test_standalone_is_a_document_with_namespace_style_and_credit() -> None:
    svg = render_svg(FINE_TUNING, credit=CREDIT, standalone=True)
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    root = parse(svg)
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert "@media (prefers-color-scheme:dark)" in svg
    assert "var(" not in svg  # plain colours: nothing outside the file can theme it
    assert [t.text for t in texts(group(root, "credit"))] == [CREDIT]


def test_inline_is_scoped_to_its_prefix_and_themable() -> None:
    svg = render_svg(FINE_TUNING, credit=CREDIT, standalone=False, id_prefix="fig2")
    assert svg.startswith('<svg class="gd-svg" id="fig2"')
    root = parse(svg)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids == ["fig2", "fig2-title", "fig2-desc"]
    classes = {c for e in root.iter() for c in (e.get("class") or "").split()}
    assert classes and all(c.startswith("gd-") for c in classes)
    style = next(root.iter(f"{SVG}style")).text or ""
    selectors = re.findall(r"(?:^|[}{])([^{}@]+)\{", style)
    assert all(s.startswith(("#fig2", ".gd-svg")) for sel in selectors for s in sel.split(",")), selectors
    assert "fill:var(--gd-ink,#1d1f24)" in style and "fill:var(--gd-ink,#e9eaee)" in style
    assert any(t.text == CREDIT for t in texts(root))


def test_inline_and_standalone_differ_only_in_their_opening_tag_and_style_sheet() -> None:
    # Which is why a build lays each diagram out once for both.
    for comparison in STRESS.values():
        inline = render_svg(comparison, credit=CREDIT, standalone=False, id_prefix="q")
        standalone = render_svg(comparison, credit=CREDIT, standalone=True, id_prefix="q")
        for svg in (inline, standalone):
            assert svg.count("<title id=") == svg.count("<style>") == svg.count("</style>") == 1
        assert (
            inline[inline.index("<title id=") : inline.index("<style>")]
            == (standalone[standalone.index("<title id=") : standalone.index("<style>")])
        )
        assert inline[inline.index("</style>") :] + "\n" == standalone[standalone.index("</style>") :]


def test_accessible_name_and_description() -> None:
    root = parse(render_svg(FINE_TUNING, credit=CREDIT, standalone=True, id_prefix="x"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "x-title x-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "x-title"
    assert title.text == "Fine-Tuning vs RAG vs Prompt Engineering"
    assert desc is not None and desc.get("id") == "x-desc"
    assert desc.text == (
        "Compares Fine-Tuning with RAG and Prompt Eng. on What changes, Relative cost, Updates with new info?, "
        "Implementation difficulty, Data you need and Best at."
    )


def test_labels_can_be_translated() -> None:
    labels = {
        "diagram_this_term": "ce terme",
        "diagram_desc": "Compare {first} à {others} : {aspects}.",
        "diagram_and": "et",
    }
    root = parse(render_svg(FINE_TUNING, credit=CREDIT, standalone=False, labels=labels))
    assert "CE TERME" in [t.text for t in texts(root)]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and (desc.text or "").startswith("Compare Fine-Tuning à RAG et Prompt Eng. : What changes")


def test_text_is_real_selectable_text() -> None:
    root = parse(render_svg(FINE_TUNING, credit=CREDIT, standalone=False))
    shown = [t.text for t in texts(root)]
    for needed in ("Fine-Tuning", "RAG", "Prompt Eng.", "THIS TERM", "What changes", "Model weights", "Must retrain"):
        assert needed in shown


def test_each_cell_kind_renders_its_mark() -> None:
    root = parse(render_svg(KINDS, credit=CREDIT, standalone=False))

    def count(key: str, cls: str) -> int:
        return sum(1 for e in group(root, key).iter() if e.get("class") == cls)

    for row, kind in ((1, "yes"), (2, "no"), (3, "partial")):
        for col in (1, 2, 3):
            assert count(f"r{row}c{col}", f"gd-{kind}") == 1
            assert count(f"r{row}c{col}", f"gd-{kind}-i") == 1
    assert " ".join(t.text or "" for t in texts(group(root, "r1c1"))) == "Supported out of the box"
    assert texts(group(root, "r1c2")) == []  # a mark with no text is just the mark
    for key, filled, empty in (("r4c1", 5, 0), ("r4c2", 0, 5), ("r4c3", 2, 3), ("r5c1", 7, 3), ("r5c3", 1, 2)):
        assert (count(key, "gd-star"), count(key, "gd-star0")) == (filled, empty), key
    tip = group(root, "r5c1").find(f"{SVG}title")
    assert tip is not None and tip.text == "7 of 10"
    assert [t.text for t in texts(group(root, "r0c1"))] == ["Words"]
    assert not list(group(root, "r0c1").iter(f"{SVG}circle"))


def test_truncated_text_keeps_its_full_text_in_a_title() -> None:
    root = parse(render_svg(STRESS["long-cell"], credit=CREDIT, standalone=False))
    cell = group(root, "r0c1")
    tip = cell.find(f"{SVG}title")
    assert tip is not None and tip.text == LONG_TEXT
    lines = texts(cell)
    assert len(lines) == 4 and (lines[-1].text or "").endswith(ELLIPSIS)
    assert group(root, "r1c1").find(f"{SVG}title") is None  # short text, no tooltip


def test_lines_fit_their_cells_by_measurement() -> None:
    for name, comparison in STRESS.items():
        root = parse(render_svg(comparison, credit=CREDIT, standalone=False))
        for g in root.iter(f"{SVG}g"):
            key = g.get("data-cell")
            if key is None:
                continue
            x, _, w, _ = cell_rect(root, key)
            for t in texts(g):
                if t.get("textLength") is None:
                    continue
                length, start = float(t.get("textLength", "0")), float(t.get("x", "0"))
                left, right = (start - length, start) if t.get("direction") == "rtl" else (start, start + length)
                assert x <= left and right <= x + w, (name, key, t.text)


def test_rtl_cells_are_set_right_to_left() -> None:
    root = parse(render_svg(SCRIPTS, credit=CREDIT, standalone=False))
    arabic = texts(group(root, "r2c1"))
    assert arabic and all(t.get("direction") == "rtl" for t in arabic)
    assert all(t.get("direction") is None for t in texts(group(root, "r0c1")))


def test_every_contributor_string_is_escaped() -> None:
    for standalone in (True, False):
        svg = render_svg(HOSTILE, credit='Site <script>x</script> & "co"', standalone=standalone)
        root = parse(svg)  # well-formed XML despite every hostile string
        assert "<script" not in svg and "<img" not in svg and "<b>" not in svg and "</text><script" not in svg
        assert "&lt;script&gt;" in svg and "&amp;" in svg
        title = root.find(f"{SVG}title")
        assert title is not None and title.text == '<script>alert("title")</script> & "quotes" \'too\''
        shown = " ".join(t.text or "" for t in texts(root))
        assert "x < y && y > z" in shown
        assert 'Site <script>x</script> & "co"' in shown
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", svg)


def test_attribute_values_are_quoted_safely() -> None:
    svg = render_svg(HOSTILE, credit=CREDIT, standalone=False, id_prefix="a-1")
    for value in re.findall(r'=("[^"]*"|\'[^\']*\')', svg):
        assert "<" not in value
    with pytest.raises(ValueError, match="id_prefix"):
        render_svg(FINE_TUNING, credit=CREDIT, standalone=False, id_prefix='x" onload="alert(1)')


def test_output_is_deterministic_across_processes() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests'); from diagram_cases import STRESS, CREDIT; "
        "from glossator.diagram.svg import render_svg; "
        "sys.stdout.write(''.join(render_svg(c, credit=CREDIT, standalone=s) for c in STRESS.values() "
        "for s in (True, False)))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    here = "".join(render_svg(c, credit=CREDIT, standalone=s) for c in STRESS.values() for s in (True, False))
    assert runs[0] == runs[1] == here.encode("utf-8")


def test_small_tables_stay_legible_and_wide_tables_stay_within_the_maximum() -> None:
    tiny = parse(render_svg(STRESS["two-by-one"], credit="", standalone=True))
    assert 320 <= float(tiny.get("width", "0")) < 500
    wide = parse(render_svg(STRESS["five-by-ten"], credit=CREDIT, standalone=True))
    assert float(wide.get("width", "0")) == 720
    narrow = parse(render_svg(STRESS["five-by-ten"], credit=CREDIT, standalone=True, max_width=480))
    assert float(narrow.get("width", "0")) == 480


def test_empty_and_blank_hints_draw_no_hint_line() -> None:
    root = parse(render_svg(STRESS["empty-hint"], credit=CREDIT, standalone=False))
    assert {t.get("class") for t in texts(group(root, "r0c0"))} == {"gd-l", "gd-hint"}
    assert all(t.get("class") != "gd-hint" for t in texts(group(root, "r2c0")))
    assert {t.get("class") for t in texts(group(root, "r1c0"))} == {"gd-l"}
    assert {t.get("class") for t in texts(group(root, "r2c0"))} == {"gd-l"}


def test_one_column_and_empty_rows_do_not_crash() -> None:
    odd = Comparison("Odd", ("Only",), (Row("", (text(""),)),))
    assert parse(render_svg(odd, credit="", standalone=True)).get("role") == "img"


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _blend(top: str, bottom: str, alpha: float) -> str:
    mix = [round(int(top[i : i + 2], 16) * alpha + int(bottom[i : i + 2], 16) * (1 - alpha)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_colours_pass_wcag_aa(dark: bool) -> None:
    c = {name: pair[int(dark)] for name, pair in PALETTE.items()}
    stripe = _blend(c["stripe"], c["card"], STRIPE_OPACITY[int(dark)])
    band = _blend(c["accent"], c["card"], BAND_OPACITY[int(dark)])
    backgrounds = [c["card"], stripe, band, _blend(c["stripe"], band, STRIPE_OPACITY[int(dark)])]
    for background in backgrounds:
        for name in ("ink", "muted", "accent"):
            assert _contrast(c[name], background) >= 4.5, (name, background)
        for name in ("yes", "no", "partial"):
            badge = _blend(c[name], background, MARK_OPACITY[int(dark)])
            assert _contrast(c[name], badge) >= 3, (name, background)
        assert _contrast(c["star"], background) >= 3


# --- golden files and the Nu Html Checker ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_svg(name: str) -> None:
    comparison, standalone = GOLDEN[name]
    got = render_svg(comparison, credit=CREDIT, standalone=standalone).encode("utf-8")
    path = GOLDEN_DIR / f"{name}.svg"
    if os.environ.get("GLOSSATOR_REGEN_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(got)
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run with GLOSSATOR_REGEN_GOLDEN=1 to write it")
    assert got == path.read_bytes(), f"{path.name} differs: if the change is intended, GLOSSATOR_REGEN_GOLDEN=1"


@pytest.mark.slow  # the checker runs in a JVM of its own: 2 to 5 s
def test_standalone_svgs_pass_the_nu_html_checker(tmp_path: Path) -> None:
    files = []
    for name, comparison in sorted(STRESS.items()):
        path = tmp_path / f"{name}.svg"
        path.write_text(render_svg(comparison, credit=CREDIT, standalone=True), encoding="utf-8")
        files.append(str(path))
    result = run_vnu(files, "--also-check-svg", "--errors-only")
    assert result.returncode == 0, result.stderr + result.stdout
