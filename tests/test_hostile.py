"""The hostile corpus: nothing a contributor writes may run script, crash or hang the build.

`tests/hostile/` holds the cases (its README.md lists each one and what must
happen).  `valid/` is a project whose entries must all build into a site that
is inert: every payload printed as text, no script but the site's own, no URL
a browser would run or load from elsewhere.  Each folder under `invalid/` is
a project whose `check` must fail with the diagnostic codes in its
`expect.txt`, without a traceback, quickly.  Cases that git cannot hold
portably (file names, symbolic links) or that are too big to keep in the
repository are written by `GENERATED_INVALID` and `GENERATED_VALID` below.

The browser half (tests/browser/test_hostile_pages.py) loads every page of the
valid site in Chromium with traps that fail on any script from content.
"""

from __future__ import annotations

import html
import html.parser
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from glossator.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
VALID = HOSTILE / "valid"
INVALID = HOSTILE / "invalid"
BASE_URL = "https://hostile.example/"
SECONDS_PER_CASE = 30.0  # generous for a loaded CI machine; a hang is minutes


# -- the corpus ---------------------------------------------------------------------------


def _entry(front: str, body: str = "## What is this?\n\nText.\n") -> str:
    required = "category: Core Concepts\nlevel: beginner\nsummary: A summary.\n"
    return f"---\n{front}{required}---\n{body}"


def _huge_entry(content: Path) -> None:
    (content / "huge.md").write_bytes(_entry("title: Huge\n").encode() + b"x" * 1_000_001)


def _huge_front_matter(content: Path) -> None:
    aliases = "".join(f"  - Alias number {i} of many\n" for i in range(2_500))  # about 70 KB
    (content / "big-front.md").write_text(_entry(f"title: Big Front\naliases:\n{aliases}"), encoding="utf-8")


def _bad_names(content: Path) -> None:
    for name in ("a\nb.md", "back\\slash.md", "co:lon.md", "<script>alert(1)<.md", "x" * 250 + ".md"):
        (content / name).write_text(_entry("title: Bad Name\n"), encoding="utf-8")
    (content / os.fsdecode(b"latin-\xe9.md")).write_text(_entry("title: Not UTF-8\n"), encoding="utf-8")


def _symlinks(content: Path) -> None:
    secret = content.parent / "secret.md"
    secret.write_text(_entry("title: Secret CANARY-7f3a\n"), encoding="utf-8")
    (content / "outside.md").symlink_to(secret)
    (content / "passwd.md").symlink_to("/etc/passwd")
    (content / "dangling.md").symlink_to(content / "nowhere.md")
    (content / "loop.md").symlink_to(content / "loop.md")
    (content / "root.md").symlink_to("/")
    (content / "fifo-target.md").symlink_to("/dev/zero")
    os.mkfifo(content / "pipe.md")  # not a regular file: passed over, never opened (opening it would block)


@dataclass(frozen=True)
class Generated:
    write: Callable[[Path], None]
    expect: str  # the same format as expect.txt


GENERATED_INVALID: dict[str, Generated] = {
    "generated-entry-over-1mb": Generated(_huge_entry, "content/huge.md:1:1 too-large"),
    "generated-front-matter-over-64kb": Generated(_huge_front_matter, "content/big-front.md:2:1 too-large"),
    "generated-file-names": Generated(_bad_names, "slug\n# exit: 1"),
    "generated-symlinks": Generated(
        _symlinks,
        "content/outside.md:1:1 symlink\ncontent/passwd.md:1:1 symlink\ncontent/dangling.md:1:1 symlink\n"
        "content/loop.md:1:1 symlink\ncontent/root.md:1:1 symlink\ncontent/fifo-target.md:1:1 symlink",
    ),
}


def _huge_body(content: Path) -> None:
    paragraph = "A plain sentence about nothing in particular, written again and again. " * 12
    sections = "".join(f"## Part {i}\n\n{paragraph}\n\n{paragraph}\n\n" for i in range(340))
    body = f"{sections}\n| a | b |\n|---|---|\n" + "| cell | <script>__pwned()</script> |\n" * 2_000
    text = _entry("title: Huge Body\n", body)
    assert 600_000 < len(text.encode()) < 900_000
    (content / "generated-huge-body.md").write_text(text, encoding="utf-8")


def _big_front_matter(content: Path) -> None:
    myths = "".join(f"  - myth: Myth {i} <script>__pwned()</script>\n    truth: Truth {i}.\n" for i in range(900))
    text = _entry(f"title: Big Front Matter\nmisconceptions:\n{myths}")
    assert 55_000 < len(text.encode()) < 64_000
    (content / "generated-big-front-matter.md").write_text(text, encoding="utf-8")


def _fifty_rows(content: Path) -> None:
    rows = "".join(
        f"    - label: Row {i} <script>__pwned()</script>\n"
        f"      cells: [{{yes: a}}, {{no: b}}, {{partial: c}}, {{rating: {i % 6}}}, '</text>{i}']\n"
        for i in range(50)
    )
    comparison = f"comparison:\n  title: Fifty rows\n  columns: [A, B, C, D, E]\n  rows:\n{rows}"
    (content / "generated-fifty-rows.md").write_text(_entry(f"title: Fifty Rows\n{comparison}"), encoding="utf-8")


def _reserved_names(content: Path) -> None:
    for slug in ("con", "nul", "aux", "com1", "index", "assets", "api", "pagefind"):
        (content / f"{slug}.md").write_text(_entry(f"title: Reserved {slug}\n"), encoding="utf-8")


GENERATED_VALID: dict[str, Callable[[Path], None]] = {
    "generated-huge-body": _huge_body,
    "generated-big-front-matter": _big_front_matter,
    "generated-fifty-rows": _fifty_rows,
    "generated-reserved-names": _reserved_names,
}

INVALID_CASES = sorted([p.name for p in INVALID.iterdir() if p.is_dir()] + list(GENERATED_INVALID))
VALID_FILES = sorted(p for p in (VALID / "content").glob("*.md"))


@dataclass
class Expect:
    """What `check` must print for an invalid case: codes, located codes, and the exit code."""

    codes: list[str] = field(default_factory=list)
    located: list[tuple[str, str]] = field(default_factory=list)  # ("content/x.md:3:8", "choice")
    exit: int = 1


def parse_expect(text: str) -> Expect:
    expect = Expect()
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("# exit:"):
            expect.exit = int(line.split(":", 1)[1])
        elif not line or line.startswith("#"):
            continue
        elif " " in line:
            where, code = line.rsplit(" ", 1)
            expect.located.append((where, code))
        else:
            expect.codes.append(line)
    assert expect.codes or expect.located, "an expect.txt must name at least one diagnostic code"
    return expect


def invalid_project(case: str, tmp_path: Path) -> tuple[Path, Expect]:
    work = tmp_path / case
    if case in GENERATED_INVALID:
        (work / "content").mkdir(parents=True)
        shutil.copyfile(VALID / "site.yaml", work / "site.yaml")
        GENERATED_INVALID[case].write(work / "content")
        return work, parse_expect(GENERATED_INVALID[case].expect)
    shutil.copytree(INVALID / case, work, symlinks=True, ignore=shutil.ignore_patterns("expect.txt"))
    if not (work / "site.yaml").exists():
        shutil.copyfile(VALID / "site.yaml", work / "site.yaml")
    return work, parse_expect((INVALID / case / "expect.txt").read_text(encoding="utf-8"))


# Raw control characters a terminal or a CI log would act on.
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


def run_check(work: Path, fmt: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    monkeypatch.chdir(work)
    started = time.monotonic()
    code = main(["check", "--root", ".", "--format", fmt])
    elapsed = time.monotonic() - started
    captured = capsys.readouterr()
    return code, captured.out, captured.err, elapsed


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_case_is_refused_with_its_diagnostics(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work, expect = invalid_project(case, tmp_path)
    code, out, err, elapsed = run_check(work, "text", monkeypatch, capsys)
    printed = out + err
    assert "Traceback" not in printed
    assert code == expect.exit, printed
    assert elapsed < SECONDS_PER_CASE, f"{case}: check took {elapsed:.1f}s"
    lines = printed.splitlines()
    for wanted in expect.codes:
        assert f"[{wanted}]" in printed, f"{case}: no [{wanted}] diagnostic in\n{printed}"
    for where, wanted in expect.located:
        assert any(line.startswith(f"{where}: ") and line.endswith(f"[{wanted}]") for line in lines), (
            f"{case}: no '{where}: ... [{wanted}]' in\n{printed}"
        )
    assert not _TERMINAL_CONTROL.search(printed), f"{case}: a raw control character reached the terminal"
    # Composing YAML never constructs objects: the payloads' side effects did not happen.
    assert not list(work.rglob("pwned*")), f"{case}: a payload ran"


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_case_in_machine_formats(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Contributor text cannot forge a GitHub annotation or break the JSON."""
    work, expect = invalid_project(case, tmp_path)
    code, out, err, _ = run_check(work, "github", monkeypatch, capsys)
    assert code == expect.exit and "Traceback" not in out + err
    if expect.exit == 1:
        assert out, "content errors are printed on stdout"
        for line in out.splitlines():
            assert re.match(r"::(error|warning) file=[^,:]*,line=\d+,col=\d+,title=[^:]*::", line), line
        assert not _TERMINAL_CONTROL.search(out), "escape sequences would rewrite the CI log"
    code, out, err, _ = run_check(work, "json", monkeypatch, capsys)
    assert code == expect.exit and "Traceback" not in out + err
    if expect.exit == 1:
        problems = json.loads(out)
        assert problems and all(set(p) == {"path", "line", "col", "severity", "code", "message"} for p in problems)


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_case_builds_nothing(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work, expect = invalid_project(case, tmp_path)
    monkeypatch.chdir(work)
    code = main(["build", "--root", ".", "--out", "site"])
    captured = capsys.readouterr()
    assert code == expect.exit and "Traceback" not in captured.out + captured.err
    assert not (work / "site").exists()
    assert not [p for p in work.iterdir() if p.name.endswith(".glossator-tmp")]


def test_symlinked_files_are_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    work, _ = invalid_project("generated-symlinks", tmp_path)
    for fmt in ("text", "json", "github"):
        _, out, err, _ = run_check(work, fmt, monkeypatch, capsys)
        assert "CANARY-7f3a" not in out + err and "root:" not in out + err


# -- the valid half: builds, and the site is inert -------------------------------------------


def valid_project(dest: Path, *, generated: bool = True) -> Path:
    """A copy of tests/hostile/valid, with the generated valid cases added."""
    shutil.copytree(VALID, dest)
    if generated:
        for write in GENERATED_VALID.values():
            write(dest / "content")
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = valid_project(tmp_path_factory.mktemp("hostile") / "project")
    code = main(["build", "--root", str(project), "--out", str(project / "site")])
    assert code == 0, "every entry of tests/hostile/valid must build"
    return project


def shows(file: Path) -> list[str]:
    """The `# shows:` lines of a valid case: text its page must print as text."""
    return [
        line.split(":", 1)[1].strip()
        for line in file.read_text(encoding="utf-8-sig").replace("\r", "\n").splitlines()
        if line.startswith("# shows:")
    ]


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_every_valid_case_has_its_page(built: Path) -> None:
    slugs = [p.stem for p in (built / "content").glob("*.md")]
    assert len(slugs) >= len(VALID_FILES) + 8
    for slug in slugs:
        assert (built / "site" / "glossary" / slug / "index.html").is_file(), slug


def test_output_paths_stay_inside_the_site(built: Path) -> None:
    for rel in site_files(built / "site"):
        assert re.fullmatch(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*", rel), rel
        assert ".." not in rel.split("/"), rel
    tags = [p.name for p in (built / "site" / "tag").iterdir()]
    assert {"etc-shadow", "etc-passwd", "c-windows-system32", "javascript-pwned"} <= set(tags)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t) for t in tags), tags


def test_the_build_writes_nothing_outside_the_output_folder(built: Path) -> None:
    outside = {
        p.relative_to(built).as_posix()
        for p in built.rglob("*")
        if not p.is_relative_to(built / "site") and not p.is_relative_to(built / ".glossator-cache")
    }
    expected = {p.relative_to(VALID).as_posix() for p in VALID.rglob("*")} | {
        f"content/{p.name}" for p in (built / "content").iterdir()
    }
    assert outside <= expected | {"content"}, sorted(outside - expected)


# What a browser does before it reads a URL's scheme: strip C0 controls and spaces
# around it and drop tabs and newlines anywhere (WHATWG URL parsing).
def browser_scheme(url: str) -> str | None:
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", cleaned)
    return match.group(1).lower() if match else None


def other_origin(url: str) -> bool:
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    return cleaned[:2] in ("//", "\\\\", "/\\", "\\/")


SVG_ELEMENTS = {"svg", "title", "desc", "style", "rect", "g", "text", "path", "circle", "tspan", "line"}
FORBIDDEN_ELEMENTS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "foreignobject", "animate", "set",
    "use", "image", "img", "video", "audio", "source", "math", "template", "portal",
}  # fmt: skip
VOID_ELEMENTS = {"meta", "link", "input", "br", "hr", "img", "source", "wbr", "area", "col", "embed", "param"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite"}


class Inspector(html.parser.HTMLParser):
    """Everything on a page that could run, load or navigate, and its visible text."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.script: dict[str, str | None] | None = None  # attributes of the open <script>
        self.script_body: list[str] = []

    def problem(self, what: str) -> None:
        self.problems.append(f"{self.name}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        in_svg = "svg" in self.stack or tag == "svg"
        if tag in FORBIDDEN_ELEMENTS:
            self.problem(f"<{tag}> element")
        if in_svg and tag not in SVG_ELEMENTS:
            self.problem(f"<{tag}> inside an SVG")
        if tag == "meta" and "http-equiv" in found:
            self.problem("<meta http-equiv>")
        if tag == "link" and (found.get("rel") or "") not in ("canonical", "alternate", "stylesheet", "icon"):
            self.problem(f"<link rel={found.get('rel')!r}>")
        if tag == "style" and not in_svg:
            self.problem("<style> outside the diagram")
        for key, value in attrs:
            value = value or ""
            if key.startswith("on"):
                self.problem(f"event handler attribute {key}={value!r} on <{tag}>")
            if key in ("srcdoc", "formaction", "xlink:href") or (in_svg and key == "href"):
                self.problem(f"{key} on <{tag}>")
            if key == "style" and re.search(r"url\(|expression|javascript|@import", value, re.I):
                self.problem(f"style={value!r}")
            if key in URL_ATTRIBUTES:
                self.check_url(tag, key, value, found)
        if tag == "script":
            self.script, self.script_body = found, []
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def check_url(self, tag: str, key: str, value: str, attrs: dict[str, str | None]) -> None:
        scheme = browser_scheme(value)
        navigates = (tag == "a" and key == "href") or (tag == "form" and key == "action")
        absolute_ok = tag == "link" and attrs.get("rel") in ("canonical", "alternate")
        if navigates:
            if scheme not in (None, "http", "https", "mailto") or other_origin(value):
                self.problem(f"<{tag} {key}={value!r}>")
        elif scheme is not None and not (absolute_ok and value.startswith(BASE_URL)):
            self.problem(f"<{tag} {key}={value!r}> loads from an absolute URL")
        elif other_origin(value):
            self.problem(f"<{tag} {key}={value!r}> loads from another origin")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            self.check_script(self.script, "".join(self.script_body))
            self.script = None
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def check_script(self, attrs: dict[str, str | None], body: str) -> None:
        kind = attrs.get("type")
        if attrs.get("src") is not None:
            if not re.fullmatch(r"/assets/[a-z0-9.-]+\.js", attrs["src"] or "") or body.strip():
                self.problem(f"<script src={attrs['src']!r}>")
        elif kind in ("application/json", "application/ld+json"):
            if "<" in body:
                self.problem(f"'<' inside a {kind} script element")
            try:
                json.loads(body)
            except ValueError as exc:
                self.problem(f"{kind} script is not JSON: {exc}")
        else:
            self.problem(f"inline script of type {kind!r}: {body[:80]!r}")

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_body.append(data)
        elif self.stack and self.stack[-1] == "style":
            if re.search(r"url\(|expression|javascript|@import|</", data, re.I):
                self.problem(f"suspicious <style>: {data[:80]!r}")
        elif "body" in self.stack:
            self.text.append(data)

    def handle_pi(self, data: str) -> None:
        self.problem(f"processing instruction {data!r}")


def inspect_page(name: str, data: bytes) -> Inspector:
    page = Inspector(name)
    page.feed(data.decode("utf-8"))
    page.close()
    if page.script is not None:
        page.problem("a <script> element is never closed")
    return page


def page_text(page: Inspector) -> str:
    return " ".join("".join(page.text).split())


def test_every_html_page_is_inert(built: Path) -> None:
    problems: list[str] = []
    pages = {k: v for k, v in site_files(built / "site").items() if k.endswith(".html")}
    assert len(pages) > 40
    for name, data in pages.items():
        problems += inspect_page(name, data).problems
    assert not problems, "\n".join(problems[:40])


def inspect_svg(name: str, text: str) -> list[str]:
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


def test_every_diagram_is_well_formed_and_inert(built: Path) -> None:
    files = site_files(built / "site")
    svgs = {k: v.decode("utf-8") for k, v in files.items() if k.endswith("diagram.svg")}
    for name, data in files.items():
        if name.endswith(".html"):
            for n, inline in enumerate(re.findall(r"<svg\b.*?</svg>", data.decode("utf-8"), re.S)):
                svgs[f"{name} (inline svg {n})"] = inline
    assert len([k for k in svgs if k.endswith("diagram.svg")]) >= 6
    problems = [p for name, text in svgs.items() for p in inspect_svg(name, text)]
    assert not problems, "\n".join(problems[:40])


def test_feeds_and_data_files_parse(built: Path) -> None:
    files = site_files(built / "site")
    for name in [n for n in files if n.endswith(".xml")]:
        ET.fromstring(files[name])  # well-formed, whatever the titles and summaries held
    terms = json.loads(files["api/terms.json"])["terms"]
    assert len(terms) == len(list((built / "content").glob("*.md")))
    for term in terms:
        assert term["url"].startswith(BASE_URL) and browser_scheme(term["url"]) == "https"
    for title, url, aliases in json.loads(files["search/names.json"]):
        assert isinstance(title, str) and url.startswith("/glossary/") and all(isinstance(a, str) for a in aliases)
    aliases = next(t["aliases"] for t in terms if t["slug"] == "url-like-aliases")
    assert "javascript:__pwned()" in aliases  # kept as a name, never used as an address


def test_payloads_are_printed_as_text(built: Path) -> None:
    missing: list[str] = []
    for file in VALID_FILES:
        wanted = shows(file)
        if not wanted:
            continue
        page = inspect_page(file.name, (built / "site" / "glossary" / file.stem / "index.html").read_bytes())
        text = page_text(page)
        missing += [f"{file.stem}: {w!r}" for w in wanted if " ".join(w.split()) not in text]
    assert not missing, "\n".join(missing)


def test_jinja_looking_text_is_never_evaluated(built: Path) -> None:
    page = (built / "site" / "glossary" / "jinja-looking" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }} Jinja Title" in html.unescape(page)
    assert "__globals__" in html.unescape(page)  # printed, not looked up


def test_diagram_of_long_text_is_bounded(built: Path) -> None:
    svg = (built / "site" / "glossary" / "long-text-in-diagram" / "diagram.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    lines = [e for e in root.iter() if e.tag.endswith("}text")]
    assert len(lines) < 80, "each cell shows at most its line limit"
    assert "…" in svg


def test_each_valid_case_describes_itself() -> None:
    for file in VALID_FILES:
        head = file.read_text(encoding="utf-8-sig").replace("\r", "\n")
        assert f"# case: {file.stem}\n" in head, file.name
        assert "# what: " in head and "# expect: " in head, file.name


def test_the_readme_lists_every_case() -> None:
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9-]+)` \|", readme, re.M))
    cases = {p.stem for p in VALID_FILES} | set(INVALID_CASES) | set(GENERATED_VALID)
    assert cases == listed, f"missing from README: {sorted(cases - listed)}; not cases: {sorted(listed - cases)}"
    assert len(cases) >= 60


def test_every_invalid_case_expects_something() -> None:
    for case in INVALID_CASES:
        if case not in GENERATED_INVALID:
            parse_expect((INVALID / case / "expect.txt").read_text(encoding="utf-8"))


# -- time and memory, in a process of their own ------------------------------------------------

_MEMORY_SCRIPT = textwrap.dedent(
    """
    import os, resource, shutil, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from glossator.build.pipeline import Project, check, load_config, render
    longest = 0.0
    for case in sys.argv[3:]:
        project = Project.at(Path(case), cwd=Path(case))
        started = time.monotonic()
        try:
            result = check(project, load_config(project))
        except Exception as exc:  # a config error is a clean failure here; anything else is not
            if type(exc).__name__ != "DiagnosticError":
                raise
            continue
        finally:
            longest = max(longest, time.monotonic() - started)
        if result.glossary is not None:  # the valid project: render it too, for the memory it takes
            render(project, result.glossary, search=False)
    print(longest, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def test_checking_the_whole_corpus_stays_small_and_quick(tmp_path: Path) -> None:
    """Every case checked in one process, under a hard address-space limit: no blow-up, no hang."""
    cases = [invalid_project(case, tmp_path)[0] for case in INVALID_CASES]
    cases.append(valid_project(tmp_path / "valid"))
    limit = 2 * 1024**3

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-c", _MEMORY_SCRIPT, str(ROOT), "--", *map(str, cases)],
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=limited,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    longest, peak_kib = result.stdout.split()
    assert float(longest) < SECONDS_PER_CASE
    assert int(peak_kib) < 600 * 1024, f"peak memory {int(peak_kib) // 1024} MiB"
