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
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import (
    HOSTILE,
    ROOT,
    build_site,
    check_case,
    copy_case,
    indexed_names,
    read_page,
    read_site,
    run_cli,
)
from tests.sitecheck import browser_scheme, inert_problems, svg_problems

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
    copy_case(INVALID / case, work, expectation="expect.txt", site_yaml=VALID / "site.yaml")
    return work, parse_expect((INVALID / case / "expect.txt").read_text(encoding="utf-8"))


# Raw control characters a terminal or a CI log would act on.
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_case_is_refused_with_its_diagnostics(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work, expect = invalid_project(case, tmp_path)
    run = check_case(capsys, work, "--format", "text")
    printed = run.printed
    assert run.code == expect.exit, printed
    assert run.seconds < SECONDS_PER_CASE, f"{case}: check took {run.seconds:.1f}s"
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
def test_invalid_case_in_machine_formats(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Contributor text cannot forge a GitHub annotation or break the JSON."""
    work, expect = invalid_project(case, tmp_path)
    run = check_case(capsys, work, "--format", "github")
    assert run.code == expect.exit
    if expect.exit == 1:
        assert run.out, "content errors are printed on stdout"
        for line in run.out.splitlines():
            assert re.match(r"::(error|warning) file=[^,:]*,line=\d+,col=\d+,title=[^:]*::", line), line
        assert not _TERMINAL_CONTROL.search(run.out), "escape sequences would rewrite the CI log"
    run = check_case(capsys, work, "--format", "json")
    assert run.code == expect.exit
    if expect.exit == 1:
        problems = json.loads(run.out)
        assert problems and all(set(p) == {"path", "line", "col", "severity", "code", "message"} for p in problems)


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_case_builds_nothing(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work, expect = invalid_project(case, tmp_path)
    run = run_cli(capsys, "build", "--root", ".", "--out", "site", cwd=work)
    assert run.code == expect.exit and "Traceback" not in run.printed
    assert not (work / "site").exists()
    assert not [p for p in work.iterdir() if p.name.endswith(".glossator-tmp")]


def test_symlinked_files_are_never_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work, _ = invalid_project("generated-symlinks", tmp_path)
    for fmt in ("text", "json", "github"):
        printed = check_case(capsys, work, "--format", fmt).printed
        assert "CANARY-7f3a" not in printed and "root:" not in printed


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
    build_site(project, project / "site")  # every entry of tests/hostile/valid must build
    return project


def shows(file: Path) -> list[str]:
    """The `# shows:` lines of a valid case: text its page must print as text."""
    return [
        line.split(":", 1)[1].strip()
        for line in file.read_text(encoding="utf-8-sig").replace("\r", "\n").splitlines()
        if line.startswith("# shows:")
    ]


def test_every_valid_case_has_its_page(built: Path) -> None:
    slugs = [p.stem for p in (built / "content").glob("*.md")]
    assert len(slugs) >= len(VALID_FILES) + 8
    for slug in slugs:
        assert (built / "site" / "glossary" / slug / "index.html").is_file(), slug


def test_output_paths_stay_inside_the_site(built: Path) -> None:
    for rel in read_site(built / "site"):
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


def test_every_html_page_is_inert(built: Path) -> None:
    problems: list[str] = []
    pages = {k: v for k, v in read_site(built / "site").items() if k.endswith(".html")}
    assert len(pages) > 40
    for name, data in pages.items():
        problems += inert_problems(name, read_page(data), base_url=BASE_URL)
    assert not problems, "\n".join(problems[:40])


def test_every_diagram_is_well_formed_and_inert(built: Path) -> None:
    files = read_site(built / "site")
    svgs = {k: v.decode("utf-8") for k, v in files.items() if k.endswith("diagram.svg")}
    for name, data in files.items():
        if name.endswith(".html"):
            for n, inline in enumerate(re.findall(r"<svg\b.*?</svg>", data.decode("utf-8"), re.S)):
                svgs[f"{name} (inline svg {n})"] = inline
    assert len([k for k in svgs if k.endswith("diagram.svg")]) >= 6
    problems = [p for name, text in svgs.items() for p in svg_problems(name, text)]
    assert not problems, "\n".join(problems[:40])


def test_feeds_and_data_files_parse(built: Path) -> None:
    files = read_site(built / "site")
    for name in [n for n in files if n.endswith(".xml")]:
        ET.fromstring(files[name])  # well-formed, whatever the titles and summaries held
    terms = json.loads(files["api/terms.json"])["terms"]
    assert len(terms) == len(list((built / "content").glob("*.md")))
    for term in terms:
        assert term["url"].startswith(BASE_URL) and browser_scheme(term["url"]) == "https"
    for title, url, names, *_ in indexed_names(files.__getitem__):
        assert isinstance(title, str) and url.startswith("/glossary/") and all(isinstance(n, str) for n in names)
    aliases = next(t["aliases"] for t in terms if t["slug"] == "url-like-aliases")
    assert "javascript:__pwned()" in aliases  # kept as a name, never used as an address


def test_payloads_are_printed_as_text(built: Path) -> None:
    missing: list[str] = []
    for file in VALID_FILES:
        wanted = shows(file)
        if not wanted:
            continue
        text = read_page((built / "site" / "glossary" / file.stem / "index.html").read_bytes()).text
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


@pytest.mark.slow  # every case checked again in a process of its own: about 3 s
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
