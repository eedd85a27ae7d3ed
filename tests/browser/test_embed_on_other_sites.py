"""Previews on other sites: a page on another origin, under a strict Content-Security-Policy, adds embed.js.

Two servers on 127.0.0.1: the built glossary on one port (a plain static server
that sends no CORS headers) and the host page on another, which allows scripts
and styles from the glossary's origin alone.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from glossator.pages import embed
from glossator.pages.embed import bucket
from tests.helpers import BILINGUAL_SITE_YAML, build_site, entry_text, write_project

pytestmark = pytest.mark.browser

PUBLISHED = "https://glossary.example/"  # site.yaml's base_url; the tests serve the site elsewhere
HOSTILE_TITLE = "</script><img src=x onerror=window.pwned=1>"
ENTRIES = {
    "content/cache.md": entry_text("Cache", summary="A nearby copy of data, kept so the next request is fast."),
    "content/queue.md": entry_text("Queue", category="Tools", level="advanced", summary="Work items in order."),
    "content/sharding.md": entry_text("Sharding", summary="Splitting data across machines."),
    "content/index.md": entry_text("Index", summary="A sorted structure pointing at data."),
    "content/hostile.md": entry_text(f"'{HOSTILE_TITLE}'", summary='"<b>bold</b> <img src=x onerror=window.pwned=2>"'),
    "content/zh-tw/cache.md": entry_text("快取", summary="資料的近端副本。"),
}
BUCKETS = 8  # five entries, one a chunk: bucket_count(5) with PER_CHUNK = 1

HOST_CSS = """
html { font-size: 10px; }
body { font: italic 22px/2.4 Georgia, serif; color: #402; background: #fdf3d8; letter-spacing: 0.08em;
       text-transform: lowercase; margin: 90px 24px; position: relative; text-align: center; }
div, span { border: 3px dashed #c00; padding: 20px; margin: 10px; color: #c00; font-size: 30px; background: yellow; }
* { box-sizing: content-box; }
a { color: #0a6; }
"""


@pytest.fixture(scope="module")
def glossary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The glossary, its index split one entry to a chunk so that a page's links pick out their chunks."""
    root = write_project(tmp_path_factory.mktemp("embed") / "project", ENTRIES, site_yaml=BILINGUAL_SITE_YAML)
    root.joinpath("site.yaml").write_text(BILINGUAL_SITE_YAML.replace("https://example.org/", PUBLISHED), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(embed, "PER_CHUNK", 1)
        return build_site(root, root.parent / "site", base_url="http://127.0.0.1/")


class _HostHandler(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, str]]] = {}  # path -> (content type, text)
    policy: ClassVar[str] = ""

    def do_GET(self) -> None:
        found = self.pages.get(self.path)
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", found[0] if found else "text/plain")
        self.send_header("Content-Security-Policy", self.policy)
        self.end_headers()
        self.wfile.write((found[1] if found else "not here").encode("utf-8"))

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def host() -> Iterator[Callable[[str, str], str]]:
    """Serve one host page (and its own stylesheet) under a Content-Security-Policy; returns the page's URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(html: str, policy: str) -> str:
        pages = {"/": ("text/html", html), "/host.css": ("text/css", HOST_CSS)}
        handler = type("Host", (_HostHandler,), {"pages": pages, "policy": policy})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def strict_policy(glossary: str, *, own_styles: bool = False) -> str:
    styles = f"'self' {glossary}" if own_styles else glossary
    return f"default-src 'none'; script-src {glossary}; style-src {styles}; connect-src {glossary}"


def host_page(glossary: str, *, body: str = "", styled: bool = False) -> str:
    g = glossary + "/"
    sheet = '<link rel="stylesheet" href="/host.css">' if styled else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Notes from elsewhere</title>{sheet}
<script src="{g}embed.js" defer></script></head>
<body{body}><main>
<h1>Notes from elsewhere</h1>
<p>A page on another site that talks about <a id="known" href="{g}glossary/cache/">caches</a>,
about <a id="published" href="{PUBLISHED}glossary/queue/#why">queues</a> (linked at the published address),
in Chinese about <a id="translated" href="{g}zh-tw/glossary/cache/">快取</a>, and about
<a id="hostile" href="{g}glossary/hostile/">a strange entry</a>.</p>
<p>Links the glossary does not know: <a id="unknown" href="{g}glossary/no-such-entry/">a missing entry</a>,
<a id="other" href="{g}category/tools/">a category</a>,
<a id="foreign" href="https://elsewhere.example/glossary/cache/">another glossary</a>.</p>
<p>Links opted out: <a id="off" data-glossary-preview="off" href="{g}glossary/sharding/">sharding</a>,
<span data-glossary-preview="off">and inside a quote,
<a id="off-inside" href="{g}glossary/index/">indexes</a></span>.</p>
</main></body></html>
"""


WATCH = """
window.violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


class Visit:
    """The host page in a fresh browser context, with what it requested and every error it reported."""

    def __init__(self, browser: object, url: str, **context: object) -> None:
        options = {"viewport": {"width": 1280, "height": 800}, **context}
        self.context = browser.new_context(**options)  # type: ignore[attr-defined]
        self.page = self.context.new_page()
        self.page.add_init_script(WATCH)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")

    @property
    def card(self) -> object:
        return self.page.locator("#glossator-preview")

    def link(self, name: str) -> object:
        return self.page.locator(f"#{name}")

    def assert_clean(self) -> None:
        """No policy was violated, nothing failed, and nothing set a cookie."""
        assert self.page.evaluate("window.violations") == []
        assert self.errors == []
        assert self.page.evaluate("document.cookie") == ""
        assert self.context.cookies() == []
        assert self.page.evaluate("window.pwned") is None

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(
    browser: object, serve_dir: Callable[[Path], str], host: Callable[[str, str], str], glossary_site: Path
) -> Iterator[Callable[..., Visit]]:
    visits: list[Visit] = []

    def open_host(*, body: str = "", styled: bool = False, **context: object) -> Visit:
        glossary = serve_dir(glossary_site)
        url = host(host_page(glossary, body=body, styled=styled), strict_policy(glossary, own_styles=styled))
        visits.append(Visit(browser, url, **context))
        return visits[-1]

    yield open_host
    for one in visits:
        one.close()


def test_hovering_a_known_link_shows_its_entry_and_describes_the_link(visit: Callable[..., Visit]) -> None:
    v = visit()
    link = v.link("known")
    link.hover()  # type: ignore[attr-defined]
    v.card.wait_for(state="visible")  # type: ignore[attr-defined]
    assert v.card.locator(".glossator-preview__title").text_content() == "Cache"  # type: ignore[attr-defined]
    text = v.card.locator(".glossator-preview__text").text_content()  # type: ignore[attr-defined]
    assert text == "A nearby copy of data, kept so the next request is fast."
    assert v.card.locator(".glossator-preview__meta").text_content() == "Core Concepts · Beginner"  # type: ignore[attr-defined]
    assert v.card.get_attribute("role") == "tooltip"  # type: ignore[attr-defined]
    assert link.get_attribute("aria-describedby") == "glossator-preview"  # type: ignore[attr-defined]
    a, b = link.bounding_box(), v.card.bounding_box()  # type: ignore[attr-defined]
    assert b["y"] >= a["y"] + a["height"] or b["y"] + b["height"] <= a["y"], "the preview must not cover its link"
    v.page.mouse.move(2, 2)
    v.card.wait_for(state="hidden")  # type: ignore[attr-defined]
    assert link.get_attribute("aria-describedby") is None  # type: ignore[attr-defined]
    v.assert_clean()


def test_focus_shows_the_preview_and_escape_closes_it(visit: Callable[..., Visit]) -> None:
    v = visit()
    link = v.link("published")
    link.focus()  # type: ignore[attr-defined]
    v.card.wait_for(state="visible")  # type: ignore[attr-defined]
    assert v.card.locator(".glossator-preview__title").text_content() == "Queue"  # type: ignore[attr-defined]
    assert v.card.locator(".glossator-preview__meta").text_content() == "Tools · Advanced"  # type: ignore[attr-defined]
    assert link.get_attribute("aria-describedby") == "glossator-preview"  # type: ignore[attr-defined]
    v.page.keyboard.press("Escape")
    v.card.wait_for(state="hidden")  # type: ignore[attr-defined]
    assert link.get_attribute("aria-describedby") is None  # type: ignore[attr-defined]
    v.assert_clean()


def test_a_link_to_a_translation_shows_that_languages_entry_in_its_language(visit: Callable[..., Visit]) -> None:
    v = visit()
    v.link("translated").hover()  # type: ignore[attr-defined]
    v.card.wait_for(state="visible")  # type: ignore[attr-defined]
    assert v.card.locator(".glossator-preview__title").text_content() == "快取"  # type: ignore[attr-defined]
    assert v.card.locator(".glossator-preview__text").text_content() == "資料的近端副本。"  # type: ignore[attr-defined]
    assert v.card.get_attribute("lang") == "zh-tw"  # type: ignore[attr-defined]
    v.assert_clean()


def test_unknown_and_opted_out_links_get_nothing(visit: Callable[..., Visit]) -> None:
    v = visit()
    for name in ("unknown", "other", "foreign", "off", "off-inside"):
        link = v.link(name)
        link.hover()  # type: ignore[attr-defined]
        assert v.card.is_hidden(), name  # type: ignore[attr-defined]
        link.focus()  # type: ignore[attr-defined]
        assert v.card.is_hidden(), name  # type: ignore[attr-defined]
        assert link.get_attribute("aria-describedby") is None, name  # type: ignore[attr-defined]
    v.link("known").hover()  # type: ignore[attr-defined]
    v.card.wait_for(state="visible")  # type: ignore[attr-defined]
    v.assert_clean()


def test_the_page_loads_only_the_chunks_of_the_entries_it_links_to(visit: Callable[..., Visit]) -> None:
    v = visit()
    chunks = sorted(url.split("/assets/embed/")[1].split("?")[0] for url in v.requests if "/assets/embed/" in url)
    linked = ["cache", "queue", "hostile", "no-such-entry"]  # not the opted-out sharding and index
    expected = sorted({f"{bucket(s, BUCKETS)}.js" for s in linked} | {f"zh-tw/{bucket('cache', BUCKETS)}.js"})
    assert chunks == expected
    assert all("?v=" in url for url in v.requests if "/assets/embed/" in url or url.endswith("embed.css"))
    v.assert_clean()


def test_contributor_text_is_shown_as_text(visit: Callable[..., Visit]) -> None:
    v = visit()
    v.link("hostile").hover()  # type: ignore[attr-defined]
    v.card.wait_for(state="visible")  # type: ignore[attr-defined]
    assert v.card.locator(".glossator-preview__title").text_content() == HOSTILE_TITLE  # type: ignore[attr-defined]
    text = v.card.locator(".glossator-preview__text").text_content()  # type: ignore[attr-defined]
    assert text == "<b>bold</b> <img src=x onerror=window.pwned=2>"
    assert v.card.locator("img, b, script").count() == 0  # type: ignore[attr-defined]
    v.assert_clean()


def test_the_whole_page_can_opt_out(visit: Callable[..., Visit]) -> None:
    v = visit(body=' data-glossary-preview="off"')
    v.link("known").hover()  # type: ignore[attr-defined]
    v.link("known").focus()  # type: ignore[attr-defined]
    assert v.card.count() == 0  # type: ignore[attr-defined]
    assert [url for url in v.requests if "/assets/embed/" in url or "embed.css" in url] == []
    v.assert_clean()


def test_on_a_touch_screen_the_first_tap_shows_the_preview_and_the_second_follows_the_link(
    visit: Callable[..., Visit], tmp_path: Path
) -> None:
    v = visit(styled=True, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    start = v.page.url
    link = v.link("known")
    link.tap()  # type: ignore[attr-defined]
    v.card.wait_for(state="visible")  # type: ignore[attr-defined]
    assert v.page.url == start
    assert link.get_attribute("aria-describedby") == "glossator-preview"  # type: ignore[attr-defined]
    box = v.card.bounding_box()  # type: ignore[attr-defined]
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the preview fits the narrow screen"
    v.page.screenshot(path=str(tmp_path / "host-390.png"))
    v.assert_clean()
    link.tap()  # type: ignore[attr-defined]
    v.page.wait_for_url("**/glossary/cache/")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_preview_keeps_its_own_look_on_a_page_with_odd_styles(
    visit: Callable[..., Visit], tmp_path: Path, scheme: str
) -> None:
    v = visit(styled=True, color_scheme=scheme)
    v.link("translated").hover()  # type: ignore[attr-defined]
    v.link("known").hover()  # type: ignore[attr-defined]
    v.card.wait_for(state="visible")  # type: ignore[attr-defined]
    style = v.page.evaluate(
        """() => {
          const card = document.getElementById("glossator-preview");
          const title = card.querySelector(".glossator-preview__title");
          const c = getComputedStyle(card), t = getComputedStyle(title);
          return {font: c.fontFamily, size: c.fontSize, style: c.fontStyle, spacing: c.letterSpacing,
                  align: c.textAlign, background: c.backgroundColor, color: c.color,
                  titleBorder: t.borderTopStyle, titleBackground: t.backgroundColor, titleTransform: t.textTransform,
                  titleSize: t.fontSize, titlePadding: t.paddingTop};
        }"""
    )
    assert style["font"].startswith("system-ui") and style["size"] == "15px" and style["style"] == "normal"
    assert style["spacing"] == "normal" and style["align"] == "start"
    assert style["titleBorder"] == "none" and style["titleBackground"] == "rgba(0, 0, 0, 0)"
    assert style["titleTransform"] == "none" and style["titleSize"] == "16.5px" and style["titlePadding"] == "0px"
    light = scheme == "light"
    assert style["background"] == ("rgb(255, 255, 255)" if light else "rgb(27, 30, 37)")
    assert style["color"] == ("rgb(28, 30, 36)" if light else "rgb(231, 232, 235)")
    v.page.screenshot(path=str(tmp_path / f"host-1280-{scheme}.png"))
    v.assert_clean()
