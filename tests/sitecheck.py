"""A small link checker for built sites: every internal href/src/srcset must resolve."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src") and tag != "form":
                self.links.append(value)
            elif name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            elif name == "id":
                self.ids.add(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(site: Path, base_url: str) -> list[str]:
    """Every internal link in `site` that leads nowhere, as 'page -> link (reason)'."""
    base = urlsplit(base_url)
    pages = sorted(site.rglob("*.html"))
    parsed = {p: _parse(p) for p in pages}
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
                ids = parsed[local].ids if local in parsed else _parse(local).ids
                if unquote(target.fragment) not in ids:
                    problems.append(f"{rel} -> {link} (no id {target.fragment!r})")
    return problems
