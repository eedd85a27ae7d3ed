"""Print documents: /print/ is the whole glossary as one document, /print/<category>/ one category, and the PDF.

An entry in print shows every part its page shows, without controls; links to
entries in the same document lead there, every other link is written out as a
numbered note.  The PDF is set from the whole document by WeasyPrint when it is
installed, and the build says how to get it when it is not.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from glossator.cli import main
from glossator.content.config import SiteConfig, read_config
from glossator.pages.exports import pdf
from glossator.pages.printed import PRINT_AUTO_LIMIT, Printing, prints
from glossator.pages.urls import Urls
from tests.helpers import MINIMAL_SITE_YAML, build_site, entry_text, write_project

COMPARISON = """\
comparison:
  title: RAG vs Fine-Tuning
  columns: [RAG, Fine-Tuning]
  rows:
    - label: Cost
      cells: [Low, High]
"""

FILES = {
    "content/rag.md": entry_text(
        "Retrieval-Augmented Generation",
        summary="Looking things up before answering, as [[Embedding]] search does.",
        extra="aliases: [RAG]\nrelated: [embedding, fine-tuning]\n" + COMPARISON,
        body=(
            "## What is this?\n\nIt finds passages with an [[embedding]], then answers; "
            "the [original paper](https://arxiv.org/abs/2005.11401) says how, and "
            "[the same paper again](https://arxiv.org/abs/2005.11401) is one note. "
            "See [the example](#example-title) below.\n\n"
            "## Why does it exist?\n\nModels forget; [[Fine-Tuning]] costs more.\n"
        ),
    ),
    "content/embedding.md": entry_text(
        "Embedding", category="Tools", summary="Numbers for meaning.", extra="related: [rag]\n" + COMPARISON
    ),
    "content/fine-tuning.md": entry_text(
        "Fine-Tuning", level="advanced", summary="Training a model further.", extra="related: [rag]\n"
    ),
}


def project(root: Path, settings: str = "") -> Path:
    return write_project(root, FILES, site_yaml=MINIMAL_SITE_YAML + settings)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("print")
    return build_site(project(tmp / "project"), tmp / "site")


def printed(site: Path, path: str = "print/") -> str:
    return (site / Urls.file_for(path)).read_text(encoding="utf-8")


def article(html: str, slug: str) -> str:
    """One entry's part of a print document."""
    found = re.search(rf'<article class="print-entry" id="entry-{slug}".*?</article>', html, re.DOTALL)
    assert found, f"no printed entry {slug}"
    return found.group(0)


def test_the_whole_glossary_is_one_document_by_category_then_a_to_z(site: Path) -> None:
    html = printed(site)
    order = re.findall(r'<article class="print-entry" id="entry-([^"]+)"', html)
    assert order == ["fine-tuning", "rag", "embedding"]  # Core Concepts A–Z, then Tools
    chapters = re.findall(r'<h2 class="chapter__title" id="chapter-([^"]+)">', html)
    assert chapters == ["core-concepts", "tools"]


def test_the_table_of_contents_leads_to_every_entry_and_chapter(site: Path) -> None:
    html = printed(site)
    toc = html[html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))]
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets == [
        "chapter-core-concepts",
        "entry-fine-tuning",
        "entry-rag",
        "chapter-tools",
        "entry-embedding",
    ]
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert set(targets) <= ids


def test_every_id_is_unique_and_every_fragment_link_lands(site: Path) -> None:
    for path in ("print/", "print/core-concepts/", "print/tools/"):
        html = printed(site, path)
        ids = re.findall(r' id="([^"]+)"', html)
        assert len(ids) == len(set(ids)), path
        assert set(re.findall(r'href="#([^"]+)"', html)) <= set(ids), path


def test_an_entry_prints_every_part_open_without_controls(site: Path) -> None:
    rag = article(printed(site), "rag")
    for part in ("Also called", "30-second version", "Full explanation", "What is this?", "Why does it exist?"):
        assert part in rag
    assert "Common misconceptions" not in rag  # the entry has none
    assert '<span class="print-step__number">01</span>' in rag
    assert '<svg class="gd-svg" id="d-rag"' in rag and "Compares RAG with Fine-Tuning on Cost." in rag
    assert "var(--gd-" not in rag and "prefers-color-scheme" not in rag  # light on paper, whatever the reader's setting
    for control in ("<form", "<input", "<textarea", "<button", "<details", "<script"):
        assert control not in printed(site), control
    assert '<meta name="robots" content="noindex">' in printed(site)


def test_links_to_entries_in_the_document_lead_there(site: Path) -> None:
    rag = article(printed(site), "rag")
    assert '<a class="term" href="#entry-embedding">embedding</a>' in rag
    assert '<a class="term" href="#entry-fine-tuning">Fine-Tuning</a>' in rag
    assert 'Related topics:</span> <a href="#entry-embedding">Embedding</a>' in rag


def test_other_links_are_written_out_as_numbered_notes(site: Path) -> None:
    rag = article(printed(site), "rag")
    calls = re.findall(r'<a class="note-call" href="#(entry-rag--note-\d)" role="doc-noteref">(\d)</a>', rag)
    assert calls == [("entry-rag--note-1", "1"), ("entry-rag--note-1", "1")]  # one address, one note
    assert '<li id="entry-rag--note-1" value="1"><a href="https://arxiv.org/abs/2005.11401" dir="ltr">' in rag
    assert "See the example below." in rag  # a place on the web page is nowhere on paper: its text stays


def test_a_category_document_notes_the_links_that_leave_it(site: Path) -> None:
    core = printed(site, "print/core-concepts/")
    assert "entry-embedding" not in core
    rag = article(core, "rag")
    link = '<a class="term" href="https://example.org/glossary/embedding/">embedding</a><sup>'
    assert link in rag
    address = "https://example.org/glossary/embedding/"
    assert f'<a href="{address}" dir="ltr">{address}</a>' in rag
    assert '<a class="term" href="#entry-fine-tuning">Fine-Tuning</a>' in rag


def test_print_documents_are_linked_but_never_indexed(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="/print/">Print version</a>' in home
    tools = (site / "category" / "tools" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/print/tools/">Print version</a>' in tools
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/print/" not in sitemap


def test_printing_rewrites_only_links() -> None:
    urls = Urls.of("https://example.org/docs/")
    printing = Printing(urls, {"rag"}, anchor="entry-x", site="https://example.org/docs/")
    assert printing.href("/docs/glossary/rag/") == "#entry-rag"
    assert printing.href("/docs/glossary/other/") == "https://example.org/docs/glossary/other/"
    assert printing.href("/docs/glossary/rag/?q=1") == "https://example.org/docs/glossary/rag/?q=1"
    assert (
        printing.href("https://elsewhere.example/docs/glossary/rag/") == "https://elsewhere.example/docs/glossary/rag/"
    )
    text = (
        '<p>A &amp; <a href="https://a.example/?x=1&amp;y=2" title="t">b</a> '
        "<code>&lt;a href=&quot;x&quot;&gt;</code></p>"
    )
    written = printing.html(text)
    assert written == (
        '<p>A &amp; <a href="https://a.example/?x=1&amp;y=2" title="t">b</a><sup><a class="note-call" '
        'href="#entry-x--note-1" role="doc-noteref">1</a></sup> <code>&lt;a href=&quot;x&quot;&gt;</code></p>'
    )
    assert [n.url for n in printing.notes()] == ["https://a.example/?x=1&y=2"]


def test_small_glossaries_print_and_large_ones_only_when_asked(tmp_path: Path) -> None:
    def config(extra: str) -> SiteConfig:
        (tmp_path / "site.yaml").write_text(MINIMAL_SITE_YAML + extra, encoding="utf-8")
        found = read_config(tmp_path / "site.yaml", tmp_path).value
        assert found is not None
        return found

    assert prints(config(""), PRINT_AUTO_LIMIT)
    assert not prints(config(""), PRINT_AUTO_LIMIT + 1)
    assert prints(config("print: true\n"), PRINT_AUTO_LIMIT + 1)
    assert not prints(config("print: false\n"), 3)
    assert prints(config("exports: [pdf]\n"), PRINT_AUTO_LIMIT + 1)  # a PDF needs its document


def test_print_false_writes_no_document_and_no_link(tmp_path: Path) -> None:
    site = build_site(project(tmp_path / "project", "print: false\n"), tmp_path / "site")
    assert not (site / "print").exists()
    assert "Print version" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_pdf_without_a_print_document_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path / "project", "print: false\nexports:\n  - csv\n  - pdf\n")
    assert main(["check", "--root", str(root)]) == 2  # an invalid site.yaml
    out = capsys.readouterr().err
    assert "site.yaml:14:5: error: exports: the PDF is made from the print document" in out


def test_without_weasyprint_the_build_says_how_to_get_the_pdf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "available", lambda: False)
    root = project(tmp_path / "project", "exports:\n  - csv\n  - pdf\n")
    assert main(["build", "--root", str(root), "--out", str(tmp_path / "site")]) == 0
    out = capsys.readouterr().err
    assert "site.yaml:13:5: warning: exports: the PDF was not written" in out
    assert "pip install 'glossator[pdf]'" in out
    assert (tmp_path / "site" / "exports" / "glossary.csv").exists()
    assert not (tmp_path / "site" / "exports" / "glossary.en.pdf").exists()
    assert "Download as PDF" not in (tmp_path / "site" / "print" / "index.html").read_text(encoding="utf-8")
    assert main(["check", "--root", str(root)]) == 0  # check makes no PDF, so it has nothing to say about one


def test_the_pdf_fetches_nothing_but_the_site() -> None:
    files = {"print.css": b"p{}", "print/index.html": b"<p>"}

    def fetch(url: str) -> tuple[bytes, str]:
        return pdf.site_file("https://example.org/docs/", files, url)

    assert fetch("https://example.org/docs/print.css") == (b"p{}", "text/css")
    assert fetch("https://example.org/docs/print/#entry-x") == (b"<p>", "text/html")
    for url in (
        "https://example.org/other/print.css",
        "https://evil.example/docs/print.css",
        "file:///etc/passwd",
        "https://example.org/docs/missing.css",
    ):
        with pytest.raises(ValueError):
            fetch(url)


@pytest.mark.slow
def test_the_pdf_is_written_from_the_print_document_byte_for_byte_the_same(tmp_path: Path) -> None:
    import weasyprint

    sites = [build_site(project(tmp_path / f"p{n}", "exports: [pdf]\n"), tmp_path / f"site{n}") for n in (1, 2)]
    first, second = (site / "exports" / "glossary.en.pdf" for site in sites)
    data = first.read_bytes()
    assert data.startswith(b"%PDF-") and data == second.read_bytes()
    html = printed(sites[0])
    assert '<a href="/exports/glossary.en.pdf" type="application/pdf">Download as PDF</a>' in html
    files = {p.relative_to(sites[0]).as_posix(): p.read_bytes() for p in sites[0].rglob("*") if p.is_file()}
    fetcher = pdf._site_fetcher(weasyprint, "https://example.org/", files)
    document = weasyprint.HTML(string=html, base_url="https://example.org/print/", url_fetcher=fetcher).render()
    assert len(document.pages) >= 2 + 3  # a cover, the contents, then each entry from a page of its own
    titles = _bookmarks(document.make_bookmark_tree())  # the PDF's outline: its headings
    assert [t for t in titles if t in ("Retrieval-Augmented Generation", "Embedding")] == [
        "Retrieval-Augmented Generation",
        "Embedding",
    ]


def _bookmarks(tree: list[tuple[str, object, list[Any], str]]) -> list[str]:
    out: list[str] = []
    for label, _, children, _ in tree:
        out += [label, *_bookmarks(children)]
    return out
