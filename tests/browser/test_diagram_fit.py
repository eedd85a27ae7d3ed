"""In real Chromium, every line of a diagram stays inside its cell and no two lines overlap.

The page assumes what the site's CSS provides around an inline diagram: a
<figure> that scrolls horizontally (`overflow-x: auto`) when the diagram's
minimum legible width is wider than the screen.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from diagram_cases import CREDIT, STRESS

from glossator.content.model import Comparison
from glossator.diagram.svg import MIN_SCALE, render_svg
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

TOLERANCE = 0.5  # px: sub-pixel rounding of glyph boxes

PAGE_CSS = """
body { margin: 0; padding: 16px; background: #faf9f7; font: 16px/1.6 system-ui, sans-serif; }
figure { margin: 0 0 32px; overflow-x: auto; }
img { display: block; max-width: 100%; height: auto; }
"""

CHECK_JS = """
([tolerance]) => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.gd-svg')) {
    const name = svg.id;
    const frame = svg.getBoundingClientRect();
    const cells = {};
    for (const r of svg.querySelectorAll('rect[data-cell]')) cells[r.dataset.cell] = r.getBoundingClientRect();
    const boxes = [];
    const problems = [];
    const drift = [];
    const box = (b) => `[${b.left.toFixed(1)}, ${b.right.toFixed(1)}] x [${b.top.toFixed(1)}, ${b.bottom.toFixed(1)}]`;
    const outside = (b, c) => b.left < c.left - tolerance || b.right > c.right + tolerance
      || b.top < c.top - tolerance || b.bottom > c.bottom + tolerance;
    for (const g of svg.querySelectorAll('g[data-cell]')) {
      const cell = cells[g.dataset.cell];
      if (!cell) { problems.push(`${name} ${g.dataset.cell}: no cell rect`); continue; }
      if (outside(cell, frame)) problems.push(`${name} ${g.dataset.cell}: cell outside the svg`);
      for (const t of g.querySelectorAll('text')) {
        if (t.hasAttribute('textLength')) {
          // An exact line: without its textLength pin, Chromium must set it at the measured width.
          const free = t.cloneNode(true);
          free.removeAttribute('textLength');
          free.removeAttribute('lengthAdjust');
          g.appendChild(free);
          const natural = free.getComputedTextLength();
          free.remove();
          const wanted = parseFloat(t.getAttribute('textLength'));
          drift.push(natural - wanted);
          // Never wider than measured; narrower only where the installed Liberation Sans 1.x has a
          // narrower glyph than Arial (the middle dot), so measured is the wider of the two.
          if (natural - wanted > tolerance || wanted - natural > Math.max(1, wanted * 0.01)) {
            problems.push(`${name} ${g.dataset.cell}: ${JSON.stringify(t.textContent)} is ${natural.toFixed(2)} px `
              + `in Chromium, measured ${wanted}`);
          }
        }
        const b = t.getBoundingClientRect();
        boxes.push({key: g.dataset.cell, text: t.textContent, b});
        if (outside(b, cell)) {
          problems.push(`${name} ${g.dataset.cell}: text ${JSON.stringify(t.textContent)} ${box(b)} `
            + `leaves its cell ${box(cell)}`);
        }
      }
      for (const m of g.querySelectorAll('circle, path')) {
        const b = m.getBoundingClientRect();
        if (outside(b, cell)) problems.push(`${name} ${g.dataset.cell}: a mark leaves its cell`);
        boxes.push({key: g.dataset.cell, text: '(mark)', b});
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, c = boxes[j].b;
        if (boxes[i].text === '(mark)' && boxes[j].text === '(mark)') continue;
        const w = Math.min(a.right, c.right) - Math.max(a.left, c.left);
        const h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
        if (w > tolerance && h > tolerance) {
          problems.push(`${name}: ${boxes[i].key} ${JSON.stringify(boxes[i].text)} overlaps `
            + `${boxes[j].key} ${JSON.stringify(boxes[j].text)} by ${w.toFixed(1)} x ${h.toFixed(1)}`);
        }
      }
    }
    const texts = boxes.filter(b => b.text !== '(mark)').length;
    out.push({name, texts, problems, drift: Math.max(0, ...drift.map(Math.abs)), exact: drift.length,
      scale: frame.width / svg.viewBox.baseVal.width});
  }
  return out;
}
"""


def starter_comparisons() -> dict[str, Comparison]:
    """Every comparison in the bundled glossary's content/, read through the real validator."""
    from glossator.content.config import read_config
    from glossator.content.load import load_content
    from glossator.content.validate import validate

    read = read_config(ROOT / "site.yaml", ROOT)
    config, problems = read.value, read.problems
    assert config is not None, problems
    others = [x.code for x in config.all_languages[1:]]
    sources, problems = load_content(
        ROOT / "content", default_lang=config.language, other_langs=others, cwd=ROOT, limits=config.limits
    )
    assert not problems, problems
    found: dict[str, Comparison] = {}
    for source in sources:
        checked = validate(source, config)
        entry, diagnostics = checked.value, checked.problems
        assert entry is not None, diagnostics
        if entry.comparison is not None:
            found[f"content-{entry.slug}"] = entry.comparison
    return found


def all_cases() -> dict[str, Comparison]:
    return {**STRESS, **starter_comparisons()}


def write_page(folder: Path, cases: dict[str, Comparison]) -> None:
    head = "<!doctype html><html lang=en><meta charset=utf-8><title>diagrams</title><link rel=icon href=data:,>"
    parts = [f"{head}<style>{PAGE_CSS}</style>"]
    for k, (name, comparison) in enumerate(sorted(cases.items())):
        svg = render_svg(comparison, credit=CREDIT, standalone=False, id_prefix=f"d{k}")
        standalone = render_svg(comparison, credit=CREDIT, standalone=True)
        (folder / f"{name}.svg").write_text(standalone, encoding="utf-8")
        parts.append(f"<h2>{html.escape(name)}</h2><figure data-case={html.escape(name)}>{svg}</figure>")
        parts.append(f'<img src="{html.escape(name)}.svg" alt="">')
    (folder / "index.html").write_text("".join(parts), encoding="utf-8")


def check(page: Any, url: str, width: int) -> list[dict[str, Any]]:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    results: list[dict[str, Any]] = page.evaluate(CHECK_JS, [TOLERANCE])
    return results


def test_starter_content_has_diagrams() -> None:
    assert starter_comparisons(), "no entry in content/ has a comparison"


@pytest.mark.parametrize("width", [1280, 390])
def test_every_text_fits_its_cell(page: Any, serve_dir: Any, tmp_path: Path, width: int) -> None:
    cases = all_cases()
    write_page(tmp_path, cases)
    results = check(page, serve_dir(tmp_path) + "/index.html", width)

    assert len(results) == len(cases)
    problems = [p for r in results for p in r["problems"]]
    assert not problems, "\n".join(problems[:40])
    assert all(r["texts"] >= 4 for r in results), results
    assert sum(r["exact"] for r in results) > 100  # most lines are pinned and checked for exact width
    assert page.errors == []


def test_narrow_screen_keeps_text_legible_and_page_unscrolled(page: Any, serve_dir: Any, tmp_path: Path) -> None:
    write_page(tmp_path, STRESS)
    results = check(page, serve_dir(tmp_path) + "/index.html", 390)
    # The page itself never scrolls sideways: only a figure does, when the diagram needs it.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for result in results:
        assert result["scale"] >= MIN_SCALE - 0.01, result["name"]
    # A diagram wider than the screen scrolls inside its figure.
    scrolls = page.evaluate("[...document.querySelectorAll('figure')].some(f => f.scrollWidth > f.clientWidth)")
    assert scrolls


def test_hostile_strings_run_no_script(page: Any, serve_dir: Any, tmp_path: Path) -> None:
    write_page(tmp_path, {"hostile": STRESS["hostile"]})
    page.add_init_script("window.alerted = false; window.alert = () => { window.alerted = true; };")
    check(page, serve_dir(tmp_path) + "/index.html", 1280)
    assert page.evaluate("window.alerted") is False
    assert page.evaluate("document.querySelectorAll('script, img[src=x], b').length") == 0
    title = page.evaluate("document.querySelector('svg.gd-svg title').textContent")
    assert title.startswith('<script>alert("title")</script> & "quotes"')


def test_standalone_svgs_fit_too(page: Any, serve_dir: Any, tmp_path: Path) -> None:
    cases = all_cases()
    write_page(tmp_path, cases)
    base = serve_dir(tmp_path)
    problems = []
    for name in sorted(cases):
        results = check(page, f"{base}/{name}.svg", 1280)
        assert len(results) == 1 and results[0]["texts"] >= 4, name
        problems += results[0]["problems"]
    assert not problems, "\n".join(problems[:40])


def test_standalone_svgs_load_as_images(page: Any, serve_dir: Any, tmp_path: Path) -> None:
    write_page(tmp_path, STRESS)
    page.goto(serve_dir(tmp_path) + "/index.html")
    page.wait_for_load_state("load")
    sizes = page.evaluate("[...document.images].map(i => [i.complete, i.naturalWidth])")
    assert len(sizes) == len(STRESS)
    assert all(done and width > 0 for done, width in sizes), sizes


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_follows_colour_scheme(page: Any, serve_dir: Any, tmp_path: Path, scheme: str) -> None:
    write_page(tmp_path, {"fine-tuning": STRESS["fine-tuning"]})
    page.emulate_media(color_scheme=scheme)
    page.goto(serve_dir(tmp_path) + "/index.html")
    card = page.evaluate("getComputedStyle(document.querySelector('svg.gd-svg .gd-card')).fill")
    ink = page.evaluate("getComputedStyle(document.querySelector('svg.gd-svg .gd-c')).fill")
    assert (card, ink) == (
        ("rgb(255, 255, 255)", "rgb(29, 31, 36)") if scheme == "light" else ("rgb(27, 28, 32)", "rgb(233, 234, 238)")
    )


def test_page_custom_properties_drive_the_theme(page: Any, serve_dir: Any, tmp_path: Path) -> None:
    write_page(tmp_path, {"fine-tuning": STRESS["fine-tuning"]})
    index = tmp_path / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace("</style>", ":root{--gd-card:#000000;--gd-ink:#ffffff}</style>"),
        encoding="utf-8",
    )
    page.emulate_media(color_scheme="light")
    page.goto(serve_dir(tmp_path) + "/index.html")
    card = page.evaluate("getComputedStyle(document.querySelector('svg.gd-svg .gd-card')).fill")
    ink = page.evaluate("getComputedStyle(document.querySelector('svg.gd-svg .gd-c')).fill")
    body = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert (card, ink) == ("rgb(0, 0, 0)", "rgb(255, 255, 255)")
    assert "system-ui" in body  # the diagram's styles did not leak into the page


def test_page_styles_cannot_break_the_fit(page: Any, serve_dir: Any, tmp_path: Path) -> None:
    write_page(tmp_path, {name: STRESS[name] for name in ("fine-tuning", "scripts", "kinds")})
    index = tmp_path / "index.html"
    hostile = (
        "* { letter-spacing: 3px; word-spacing: 9px; text-transform: uppercase; font-family: serif;"
        " font-kerning: normal; text-rendering: optimizeLegibility; font-weight: 900; direction: rtl; }"
        " svg text { font-size: 30px; font-style: italic; } text { white-space: normal; }"
    )
    index.write_text(index.read_text(encoding="utf-8").replace("</style>", hostile + "</style>"), encoding="utf-8")
    results = check(page, serve_dir(tmp_path) + "/index.html", 1280)
    problems = [p for r in results for p in r["problems"]]
    assert not problems, "\n".join(problems[:20])
