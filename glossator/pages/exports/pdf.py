"""The PDF export: each language's print document (/print/) set in pages by WeasyPrint.

WeasyPrint is optional (`pip install 'glossator[pdf]'`).  It reads nothing but
the site being built: the document and its stylesheet come from the files in
memory, and every other address (the network, the disk) is refused, so a link
in an entry can never make the build fetch anything.  The same files give the
same bytes: the document states no date, and WeasyPrint's identifier is a
digest of what it wrote.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

from glossator.content.config import SiteConfig
from glossator.core.diagnostics import START, Diagnostic
from glossator.pages.urls import Urls
from glossator.prose.glossary import Glossary

PDF_EXTRA = "pip install 'glossator[pdf]'"


@cache
def _weasyprint() -> Any | None:
    """The weasyprint module, or None when it (or the Pango library it loads) is not installed."""
    try:
        import weasyprint
    except (ImportError, OSError):
        return None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # what it cannot fetch is refused on purpose
    return weasyprint


def available() -> bool:
    """Whether a build can write PDFs here."""
    return _weasyprint() is not None


def document_pdf(html: bytes, address: str, site_url: str, files: Mapping[str, bytes]) -> bytes:
    """The PDF of the page `html`, published at `address`, reading what it links to from `files`.

    `files` are the site's, keyed by their path from `site_url` (the root of the whole site).
    """
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise RuntimeError(f"writing a PDF needs WeasyPrint: {PDF_EXTRA}")
    fetcher = _site_fetcher(weasyprint, site_url, files)
    page = weasyprint.HTML(string=html.decode("utf-8"), base_url=address, url_fetcher=fetcher, media_type="print")
    return bytes(page.write_pdf())


def site_file(site_url: str, files: Mapping[str, bytes], url: str) -> tuple[bytes, str]:
    """The bytes and media type of the site's file at `url`; ValueError for any address that is not one."""
    root, address = urlsplit(site_url), urlsplit(urldefrag(url).url)
    if (address.scheme, address.netloc) != (root.scheme, root.netloc) or not address.path.startswith(root.path):
        raise ValueError(f"not a file of the site: {url}")
    path = unquote(address.path[len(root.path) :])
    path = path + "index.html" if path == "" or path.endswith("/") else path
    if path not in files:
        raise ValueError(f"no such file in the site: {path}")
    return files[path], mimetypes.guess_type(path)[0] or "application/octet-stream"


def _site_fetcher(weasyprint: Any, site_url: str, files: Mapping[str, bytes]) -> Any:
    class SiteFetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        """Fetches the site's own files from memory, and nothing else."""

        def fetch(self, url: str, headers: object = None) -> Any:
            data, kind = site_file(site_url, files, url)
            return weasyprint.urls.URLFetcherResponse(url, data, {"Content-Type": kind})

    return SiteFetcher()


def pdf_files(glossary: Glossary, translations: Sequence[Glossary], files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Output path -> PDF of each language's print document, when site.yaml exports `pdf` and WeasyPrint is here."""
    config = glossary.config
    if "pdf" not in config.exports or config.print is False or not available():
        return {}
    out: dict[str, bytes] = {}
    for language in (glossary, *translations):
        prefix = "" if language is glossary else f"{language.language}/"
        page = files[prefix + Urls.file_for(Urls.printed())]
        address = language.config.base_url + Urls.printed()
        out[Urls.pdf(language.language)] = document_pdf(page, address, config.site_url, files)
    return out


def missing_pdf(config: SiteConfig, shown: str) -> Diagnostic | None:
    """The warning a build gives when site.yaml (shown as `shown`) exports `pdf` and WeasyPrint is not installed."""
    if "pdf" not in config.exports or available():
        return None
    at = config.export_places[config.exports.index("pdf")] if config.export_places else START
    message = f"exports: the PDF was not written: it needs WeasyPrint, which is not installed here: {PDF_EXTRA}"
    return Diagnostic.warning(shown, at, "export", message)
