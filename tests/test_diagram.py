"""The comparison diagram: line breaking, layout, escaping, accessibility, determinism and golden files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from diagram_cases import CREDIT, FINE_TUNING, GOLDEN, HOSTILE, KINDS, LONG_TEXT, LONG_WORD, SCRIPTS, STRESS, text

from glossator.diagram import BAND_OPACITY, MARK_OPACITY, PALETTE, STRIPE_OPACITY, render_svg
from glossator.model import Comparison, Row
from glossator.textfit import ELLIPSIS, TextStyle, clean, measure, pieces, wrap

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
        "from glossator.diagram import render_svg; "
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


def _vnu_jar() -> Path:
    configured = os.environ.get("VNU_JAR")
    jar = Path(configured) if configured else ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"the Nu Html Checker is missing ({jar}): `npm install --no-save vnu-jar` or set VNU_JAR")
    if shutil.which("java") is None:
        pytest.fail("java is missing: the Nu Html Checker needs a Java runtime (apt-get install default-jre-headless)")
    return jar


def test_standalone_svgs_pass_the_nu_html_checker(tmp_path: Path) -> None:
    jar = _vnu_jar()
    files = []
    for name, comparison in sorted(STRESS.items()):
        path = tmp_path / f"{name}.svg"
        path.write_text(render_svg(comparison, credit=CREDIT, standalone=True), encoding="utf-8")
        files.append(str(path))
    result = subprocess.run(
        ["java", "-jar", str(jar), "--also-check-svg", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr + result.stdout
