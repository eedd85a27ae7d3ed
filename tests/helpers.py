"""What many tests need: scratch projects, builds, the files of a built site, parsed pages, the CLI's output.

Fixtures that wrap these (`make_project`, `cli`) are in conftest.py; the
functions live here so that a module can import them by name.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from glossator.build.write import MARKER
from glossator.cli import main
from glossator.pages.names import NAMES_DIR, NAMES_MANIFEST

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
HOSTILE = TESTS / "hostile"

# -- projects ---------------------------------------------------------------------------------

MINIMAL_SITE_YAML = """\
title: Test Glossary
base_url: https://example.org/
repo_url: https://example.org/repo
edit_url: https://example.org/repo/edit/{path}
categories:
  - name: Core Concepts
    description: The basics.
  - name: Tools
ask:
  url: https://example.org/repo/issues/new
"""

# English with a Traditional Chinese translation, and two categories.
BILINGUAL_SITE_YAML = """\
title: Test Glossary
base_url: https://example.org/
language: en
languages:
  en:
    name: English
  zh-tw:
    name: 繁體中文
categories:
  - name: Core Concepts
  - name: Tools
"""


def entry_text(
    title: str = "Example Term",
    *,
    category: str = "Core Concepts",
    level: str = "beginner",
    summary: str = "A short summary of the term.",
    extra: str = "",
    body: str = "## What is this?\n\nIt is a thing.\n",
) -> str:
    """The text of an entry file with the required fields and whatever `extra` adds."""
    front = f"title: {title}\ncategory: {category}\nlevel: {level}\nsummary: {summary}\n"
    return f"---\n{front}{textwrap.dedent(extra)}---\n{body}"


def write_project(root: Path, files: dict[str, str] | None = None, *, site_yaml: str = MINIMAL_SITE_YAML) -> Path:
    """A project at `root`: site.yaml, an empty content/ folder, and `files` (relative path -> text)."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(site_yaml, encoding="utf-8")
    for rel, text in (files or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# Twelve entries in two categories and three levels, all tagged `fruit`: with a small listing_page_size,
# enough to split every kind of listing.
FRUIT: dict[str, tuple[str, str, str]] = {
    # slug: (title, category, level)
    "acerola": ("Acerola", "Core Concepts", "beginner"),
    "apple": ("Apple", "Core Concepts", "beginner"),
    "apricot": ("Apricot", "Core Concepts", "intermediate"),
    "avocado": ("Avocado", "Tools", "advanced"),
    "banana": ("Banana", "Core Concepts", "beginner"),
    "blueberry": ("Blueberry", "Tools", "beginner"),
    "cherry": ("Cherry", "Core Concepts", "advanced"),
    "date": ("Date", "Core Concepts", "beginner"),
    "elderberry": ("Elderberry", "Tools", "intermediate"),
    "fig": ("Fig", "Core Concepts", "beginner"),
    "grape": ("Grape", "Tools", "beginner"),
    "guava": ("Guava", "Core Concepts", "advanced"),
}


def fruit_project(root: Path, settings: str = "") -> Path:
    """The fruit glossary at `root`, with `settings` added to its site.yaml."""
    files = {
        f"content/{slug}.md": entry_text(
            title, category=category, level=level, extra=f"tags: [fruit]\nupdated: 2026-03-{day:02d}\n"
        )
        for day, (slug, (title, category, level)) in enumerate(FRUIT.items(), 1)
    }
    return write_project(root, files, site_yaml=MINIMAL_SITE_YAML + settings)


def build_site(root: Path, out: Path, *args: str, base_url: str | None = None) -> Path:
    """Build the project at `root` into `out` (failing the test unless the build succeeds); returns `out`."""
    extra = ["--base-url", base_url] if base_url else []
    code = main(["build", "--root", str(root), "--out", str(out), *extra, *args])
    assert code == 0, f"building {root} into {out} exited {code}"
    return out


# -- a built site -----------------------------------------------------------------------------


def indexed_names(read: Callable[[str], bytes], prefix: str = "") -> list[list[Any]]:
    """Every row of the header box's name index, [title, url, names] (and a deprecated term's note), chunk after chunk.

    `read` gives a file of the site by its path (`prefix` is a language's folder).
    """
    manifest = json.loads(read(prefix + NAMES_MANIFEST))
    return [row for _, file in manifest["chunks"] for row in json.loads(read(prefix + NAMES_DIR + file))]


def is_moved(page: Path) -> bool:
    """Whether a built page only sends readers on from an entry's old address (see redirect_from)."""
    return b'http-equiv="refresh"' in page.read_bytes()


def read_site(folder: Path) -> dict[str, bytes]:
    """Every file of a built site by its path relative to `folder`, sorted.

    The marker Glossator leaves in its output folders is not part of the site
    (it is never served, and it records the generator's version), so it is left out.
    """
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MARKER
    }


# -- a page -----------------------------------------------------------------------------------

VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)


@dataclass(frozen=True, slots=True)
class Element:
    """One element of a page: its tag, its attributes as written, the text inside it, the elements around it."""

    tag: str
    attributes: tuple[tuple[str, str], ...]  # in source order, duplicates kept; a bare attribute has ""
    text: str  # all text inside, descendants included, entities decoded, whitespace as written
    ancestors: tuple[Element, ...]  # outermost first
    closed: bool = True  # False when the page ends with the element still open

    @property
    def attrs(self) -> dict[str, str]:
        """Attributes by name; of duplicates the first wins, as in a browser."""
        found: dict[str, str] = {}
        for name, value in self.attributes:
            found.setdefault(name, value)
        return found

    def get(self, name: str, default: str | None = None) -> str | None:
        """One attribute's value, or `default` when the element has none of that name."""
        return self.attrs.get(name, default)

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple((self.get("class") or "").split())

    def inside(self, tag: str, class_name: str | None = None) -> bool:
        """Whether an element with `tag` (and `class_name`, when given) encloses this one."""
        return any(a.tag == tag and (class_name is None or class_name in a.classes) for a in self.ancestors)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """A page as the tests read it: its elements in document order, and the text a reader sees."""

    elements: tuple[Element, ...]
    text: str  # the body's text outside <script> and <style>, whitespace collapsed
    instructions: tuple[str, ...] = ()  # <?...> processing instructions, which no page of ours should hold

    def all(self, tag: str) -> list[Element]:
        """Every element with `tag`, in document order."""
        return [e for e in self.elements if e.tag == tag]

    def one(self, tag: str) -> Element:
        """The one element with `tag`, failing the test when there are none or several."""
        found = self.all(tag)
        assert len(found) == 1, f"expected one <{tag}>, found {len(found)}"
        return found[0]

    def with_class(self, name: str) -> list[Element]:
        """Every element whose class list holds `name`, in document order."""
        return [e for e in self.elements if name in e.classes]

    def by_id(self, id_: str) -> Element:
        """The element with this id, failing the test when there is none."""
        found = [e for e in self.elements if e.get("id") == id_]
        assert found, f"no element with id {id_!r}"
        return found[0]

    def descendants(self, element: Element) -> list[Element]:
        """Every element inside `element`, in document order."""
        return [e for e in self.elements if any(a is element for a in e.ancestors)]

    @property
    def ids(self) -> set[str]:
        """Every id on the page: what a link's #fragment can point at."""
        return {value for e in self.elements for name, value in e.attributes if name == "id"}

    @property
    def links(self) -> list[str]:
        """Every URL the page loads or links to in href, src or srcset (form actions are not followed)."""
        found: list[str] = []
        for element in self.elements:
            for name, value in element.attributes:
                if name in ("href", "src") and element.tag != "form":
                    found.append(value)
                elif name == "srcset":
                    found += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
        return found


@dataclass(slots=True)
class _Open:
    """An element while the page is read: its end is known only when it closes."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    parent: int | None
    start: int  # index of its first piece of text
    end: int = -1
    closed: bool = False


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[_Open] = []
        self.stack: list[int] = []  # indexes of the open elements, outermost first
        self.pieces: list[str] = []
        self.visible: list[str] = []
        self.instructions: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1] if self.stack else None
        node = _Open(tag, tuple((k, v or "") for k, v in attrs), parent, len(self.pieces))
        self.nodes.append(node)
        if tag in VOID_ELEMENTS:
            node.end, node.closed = node.start, True
        else:
            self.stack.append(len(self.nodes) - 1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # An end tag with no open element of its name is ignored; one that closes an outer
        # element closes everything still open inside it, as a browser would.
        if all(self.nodes[i].tag != tag for i in self.stack):
            return
        while self.stack:
            node = self.nodes[self.stack.pop()]
            node.end, node.closed = len(self.pieces), True
            if node.tag == tag:
                return

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)
        innermost = self.nodes[self.stack[-1]].tag if self.stack else None
        if innermost not in ("script", "style") and any(self.nodes[i].tag == "body" for i in self.stack):
            self.visible.append(data)

    def handle_pi(self, data: str) -> None:
        self.instructions.append(data)

    def page(self) -> HtmlPage:
        self.close()
        for i in self.stack:
            self.nodes[i].end = len(self.pieces)
        built: list[Element] = []
        for node in self.nodes:
            ancestors = () if node.parent is None else (*built[node.parent].ancestors, built[node.parent])
            text = "".join(self.pieces[node.start : node.end])
            built.append(Element(node.tag, node.attributes, text, ancestors, node.closed))
        return HtmlPage(tuple(built), " ".join("".join(self.visible).split()), tuple(self.instructions))


def read_page(html: str | bytes) -> HtmlPage:
    """Parse one page (bytes are read as UTF-8)."""
    parser = _PageParser()
    parser.feed(html.decode("utf-8") if isinstance(html, bytes) else html)
    return parser.page()


# -- the command line -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CliRun:
    """What one run of the command line did: its exit code, what it printed, and how long it took."""

    code: int
    out: str
    err: str
    seconds: float

    @property
    def printed(self) -> str:
        return self.out + self.err

    @property
    def errors(self) -> str:
        """The error lines of what it printed on stdout (editorial warnings come in the same run)."""
        return error_lines(self.out)


def error_lines(printed: str) -> str:
    """The lines of `path:line:col: severity: message` output that are errors."""
    return "".join(line for line in printed.splitlines(keepends=True) if ": error: " in line)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str, cwd: Path | None = None) -> CliRun:
    """Run `glossator ARGS` in this process, from `cwd` when given, capturing what it prints."""
    capsys.readouterr()  # what the test printed before is not the command's
    with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
        started = time.monotonic()
        code = main(list(args))
        seconds = time.monotonic() - started
    captured = capsys.readouterr()
    return CliRun(code, captured.out, captured.err, seconds)


# -- invalid-content cases --------------------------------------------------------------------


def copy_case(case: Path, dest: Path, *, expectation: str, site_yaml: Path) -> Path:
    """A case folder copied byte for byte (links as links) without its expectation file, to be checked from `dest`.

    A case without a site.yaml of its own gets `site_yaml`, so that it fails for
    its entries and not for want of a configuration.
    """
    shutil.copytree(case, dest, symlinks=True, ignore=shutil.ignore_patterns(expectation))
    if not (dest / "site.yaml").exists():
        shutil.copyfile(site_yaml, dest / "site.yaml")
    return dest


def check_case(capsys: pytest.CaptureFixture[str], work: Path, *options: str) -> CliRun:
    """`glossator check --root .` run from a copied case folder, which must not print a traceback."""
    run = run_cli(capsys, "check", "--root", ".", *options, cwd=work)
    assert "Traceback" not in run.printed, f"{work.name}: a content problem must never print a traceback\n{run.printed}"
    return run


# -- the preview ------------------------------------------------------------------------------


class PreviewProcess:
    """`glossator serve` in a process of its own, asked for pages over http as a browser would."""

    def __init__(self, root: Path) -> None:
        command = [sys.executable, "-c", "from glossator.cli import main; raise SystemExit(main())"]
        self.process = subprocess.Popen(
            [*command, "serve", "--root", ".", "--port", "0"],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        found = self._wait(lambda: next(filter(None, map(_PREVIEW_URL.search, self.log)), None), "its address")
        self.url = found.group(1)

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line)

    def _wait(self, found: Callable[[], re.Match[str] | None], what: str, timeout: float = 60.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while (match := found()) is None:
            assert self.process.poll() is None, f"the preview stopped: {''.join(self.log)}"
            assert time.monotonic() < deadline, f"the preview never showed {what}: {''.join(self.log)}"
            time.sleep(0.05)
        return match

    def get(self, path: str) -> tuple[int, bytes]:
        """The status and body the preview answers for `path` (relative to the site's root)."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=20) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def wait_for(self, path: str, shows: Callable[[bytes], bool], timeout: float = 30.0) -> bytes:
        """The body of `path` once `shows` is true of it, failing the test if it never is."""
        deadline = time.monotonic() + timeout
        while True:
            status, body = self.get(path)
            if status == 200 and shows(body):
                return body
            assert time.monotonic() < deadline, f"{path} never showed what was expected: {''.join(self.log)[-2000:]}"
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop as Ctrl-C would, and for good if it does not."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)


_PREVIEW_URL = re.compile(r"serve: previewing .* at (http://\S+/)")


@contextlib.contextmanager
def previewing(root: Path) -> Iterator[PreviewProcess]:
    """The project at `root` in a running preview, stopped however the block ends."""
    preview = PreviewProcess(root)
    try:
        yield preview
    finally:
        preview.stop()
