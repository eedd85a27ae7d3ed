"""Checks of built output: every internal link resolves, and nothing a contributor wrote can run or load.

`broken_links` follows every internal href, src and srcset of a site on disk.
`inert_problems` and `svg_problems` list whatever on a page or in an SVG could
run script, load from elsewhere or navigate somewhere a browser would act on.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.helpers import Element, HtmlPage, read_page

# -- links ------------------------------------------------------------------------------------


def broken_links(site: Path, base_url: str) -> list[str]:
    """Every internal link in `site` that leads nowhere, as 'page -> link (reason)'."""
    base = urlsplit(base_url)
    parsed = {p: read_page(p.read_bytes()) for p in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for page, data in parsed.items():
        rel = page.relative_to(site).as_posix()
        page_url = urljoin(base_url, rel.removesuffix("index.html"))
        for link in data.links:
            target = urlsplit(urljoin(page_url, link))
            if target.scheme not in ("http", "https") or target.netloc != base.netloc:
                continue
            if not target.path.startswith(base.path):
                problems.append(f"{rel} -> {link} (outside the base path {base.path})")
                continue
            local = site / unquote(target.path[len(base.path) :])
            if target.path.endswith("/"):
                local = local / "index.html"
            if not local.is_file():
                problems.append(f"{rel} -> {link} (no file {local.relative_to(site)})")
                continue
            if target.fragment and local.suffix == ".html":
                ids = parsed[local].ids if local in parsed else read_page(local.read_bytes()).ids
                if unquote(target.fragment) not in ids:
                    problems.append(f"{rel} -> {link} (no id {target.fragment!r})")
    return problems


# -- inertness --------------------------------------------------------------------------------

SVG_ELEMENTS = {"svg", "title", "desc", "style", "rect", "g", "text", "path", "circle", "tspan", "line"}
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "foreignobject", "animate", "set",
    "use", "image", "img", "video", "audio", "source", "math", "template", "portal",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite"}
_SUSPICIOUS_STYLE = re.compile(r"url\(|expression|javascript|@import", re.I)


def _cleaned(url: str) -> str:
    # What a browser does before it reads a URL: strip C0 controls and spaces around it
    # and drop tabs and newlines anywhere (WHATWG URL parsing).
    return re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))


def browser_scheme(url: str) -> str | None:
    """The scheme a browser would read in `url`, lowercased; None for a relative URL."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", _cleaned(url))
    return match.group(1).lower() if match else None


def other_origin(url: str) -> bool:
    """Whether a browser would take `url` to another host although it has no scheme."""
    return _cleaned(url)[:2] in ("//", "\\\\", "/\\", "\\/")


def inert_problems(name: str, page: HtmlPage, *, base_url: str) -> list[str]:
    """Everything on `page` that could run, load or navigate, as 'name: what'."""
    found: list[str] = []
    for element in page.elements:
        found += [f"{name}: {what}" for what in _element_problems(element, base_url)]
    found += [f"{name}: processing instruction {data!r}" for data in page.instructions]
    return found


def _element_problems(element: Element, base_url: str) -> list[str]:
    tag, attrs = element.tag, element.attrs
    in_svg = tag == "svg" or element.inside("svg")
    found: list[str] = []
    if tag in FORBIDDEN_ELEMENTS:
        found.append(f"<{tag}> element")
    if in_svg and tag not in SVG_ELEMENTS:
        found.append(f"<{tag}> inside an SVG")
    if tag == "meta" and "http-equiv" in attrs:
        found.append("<meta http-equiv>")
    if tag == "link" and attrs.get("rel", "") not in ("canonical", "alternate", "stylesheet", "icon"):
        found.append(f"<link rel={attrs.get('rel')!r}>")
    if tag == "style" and not in_svg:
        found.append("<style> outside the diagram")
    if tag == "style" and re.search(r"url\(|expression|javascript|@import|</", element.text, re.I):
        found.append(f"suspicious <style>: {element.text[:80]!r}")
    for key, value in element.attributes:
        if key.startswith("on"):
            found.append(f"event handler attribute {key}={value!r} on <{tag}>")
        if key in ("srcdoc", "formaction", "xlink:href") or (in_svg and key == "href"):
            found.append(f"{key} on <{tag}>")
        if key == "style" and _SUSPICIOUS_STYLE.search(value):
            found.append(f"style={value!r}")
        if key in URL_ATTRIBUTES:
            found += _url_problems(element, key, value, base_url)
    if tag == "script":
        found += _script_problems(element)
    return found


def _url_problems(element: Element, key: str, value: str, base_url: str) -> list[str]:
    tag, scheme = element.tag, browser_scheme(value)
    navigates = (tag == "a" and key == "href") or (tag == "form" and key == "action")
    absolute_ok = tag == "link" and element.get("rel") in ("canonical", "alternate")
    if navigates:
        if scheme not in (None, "http", "https", "mailto") or other_origin(value):
            return [f"<{tag} {key}={value!r}>"]
    elif scheme is not None and not (absolute_ok and value.startswith(base_url)):
        return [f"<{tag} {key}={value!r}> loads from an absolute URL"]
    elif other_origin(value):
        return [f"<{tag} {key}={value!r}> loads from another origin"]
    return []


def _script_problems(script: Element) -> list[str]:
    if not script.closed:
        return ["a <script> element is never closed"]
    kind, src, body = script.get("type"), script.get("src"), script.text
    if src is not None:
        if not re.fullmatch(r"/assets/[a-z0-9.-]+\.js", src) or body.strip():
            return [f"<script src={src!r}>"]
    elif kind in ("application/json", "application/ld+json"):
        if "<" in body:
            return [f"'<' inside a {kind} script element"]
        try:
            json.loads(body)
        except ValueError as exc:
            return [f"{kind} script is not JSON: {exc}"]
    else:
        return [f"inline script of type {kind!r}: {body[:80]!r}"]
    return []


def svg_problems(name: str, text: str) -> list[str]:
    """Whatever in a standalone or inline SVG is not a plain drawing: other elements, handlers, links."""
    problems: list[str] = []
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return [f"{name}: not well-formed XML: {exc}"]
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag not in SVG_ELEMENTS:
            problems.append(f"{name}: <{tag}>")
        for key in element.attrib:
            local = key.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local == "href":
                problems.append(f"{name}: attribute {key} on <{tag}>")
        if tag == "style" and re.search(r"url\(|@import|javascript", element.text or "", re.I):
            problems.append(f"{name}: suspicious style")
    return problems
