"""The preview server's rules, tested without sockets, and its rebuilds against full builds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.pipeline import Project
from glossator.preview.changes import ChangeKind, classify
from glossator.preview.report import saved_names
from glossator.preview.server import (
    Preview,
    content_type,
    css_only_change,
    host_allowed,
    inject_client,
    site_path,
    start,
    under_base,
)
from glossator.preview.watch import is_ignored
from tests.helpers import BILINGUAL_SITE_YAML, build_site, entry_text, read_site


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("/", "index.html"),
        ("/glossary/rag/", "glossary/rag/index.html"),
        ("/glossary/rag/?x=1#y", "glossary/rag/index.html"),
        ("/assets/site.abc.css", "assets/site.abc.css"),
        ("/glossary/caf%C3%A9/", "glossary/café/index.html"),
    ],
)
def test_request_paths_map_to_snapshot_keys(raw: str, key: str) -> None:
    assert site_path(raw) == key


@pytest.mark.parametrize(
    "raw",
    [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/glossary/%2e%2e/%2e%2e/content/rag.md",
        "/..%2f..%2fsite.yaml",
        "/..%5c..%5csite.yaml",
        "/glossary\\..\\site.yaml",
        "/%5c..%5c.git/config",
        "//etc/passwd",
        "/./index.html",
        "/a/%00/b",
        "relative/path",
        "http://evil.example/",
    ],
)
def test_traversal_in_any_encoding_is_refused(raw: str) -> None:
    assert site_path(raw) is None


@pytest.mark.parametrize("raw", ["/%252e%252e/site.yaml", "/%c0%ae%c0%ae/site.yaml", "/.git/config", "/content/rag.md"])
def test_odd_paths_only_ever_name_snapshot_keys(raw: str) -> None:
    # Double-encoded or overlong forms decode to harmless names; they can only be looked up
    # in the in-memory snapshot, which holds nothing but the built site.
    key = site_path(raw)
    assert key is None or ".." not in key.split("/")


@pytest.mark.parametrize(
    ("host", "bound", "ok"),
    [
        ("localhost:8000", "127.0.0.1", True),
        ("localhost", "127.0.0.1", True),
        ("127.0.0.1:8000", "127.0.0.1", True),
        ("[::1]:8000", "::1", True),
        ("[::1]", "127.0.0.1", True),
        ("LOCALHOST", "127.0.0.1", True),
        ("evil.example", "127.0.0.1", False),
        ("evil.example:8000", "127.0.0.1", False),
        ("localhost.evil.example", "127.0.0.1", False),
        ("", "127.0.0.1", False),
        (None, "127.0.0.1", False),
        ("192.168.1.20:8000", "0.0.0.0", True),
        ("[fe80::1]:8000", "::", True),
        ("rebind.example:8000", "0.0.0.0", False),
        # Nothing but the exact name and this server's port: no userinfo, other port, path or spelling.
        ("127.0.0.1:8000@evil.example", "127.0.0.1", False),
        ("127.0.0.1:8000@evil.example", "0.0.0.0", False),
        ("localhost@evil.example", "127.0.0.1", False),
        ("evil.example@localhost", "127.0.0.1", False),
        ("localhost:8001", "127.0.0.1", False),
        ("localhost:", "127.0.0.1", False),
        ("localhost:+8000", "127.0.0.1", False),
        ("localhost:８０００", "127.0.0.1", False),
        ("localhost:8000/evil", "127.0.0.1", False),
        ("localhost.", "127.0.0.1", False),
        ("[::1]evil.example", "127.0.0.1", False),
        ("[::1", "127.0.0.1", False),
        ("::1", "127.0.0.1", False),
        ("127.1", "0.0.0.0", False),
        ("1.2.3.4.5", "0.0.0.0", False),
        ("::1:8000", "::", False),
    ],
)
def test_only_local_host_headers_are_answered(host: str | None, bound: str, ok: bool) -> None:
    assert host_allowed(host, bound, 8000) is ok


def test_content_types_are_explicit() -> None:
    assert content_type("index.html") == "text/html; charset=utf-8"
    assert content_type("assets/site.1.css") == "text/css; charset=utf-8"
    assert content_type("glossary/x/diagram.svg") == "image/svg+xml"
    assert content_type("pagefind/wasm.en.pagefind") == "application/octet-stream"


def test_the_client_is_injected_before_body_end_only_when_served() -> None:
    html = b"<html><body><p>x</p></body></html>"
    out = inject_client(html, 7)
    assert out.endswith(b'data-build="7"></script></body></html>')


def test_a_change_to_stylesheets_only_is_recognised() -> None:
    old = {"a.html": b'<link href="/assets/site.1.css">A', "assets/site.1.css": b"x"}
    new = {"a.html": b'<link href="/assets/site.2.css">A', "assets/site.2.css": b"y"}
    assert css_only_change(old, new) == (("assets/site.1.css", "assets/site.2.css"),)
    new_text = {**new, "a.html": b'<link href="/assets/site.2.css">B'}
    assert css_only_change(old, new_text) == ()


@pytest.mark.parametrize(
    "name", [".rag.md.swp", "rag.md~", ".#rag.md", "#rag.md#", "4913", "rag.md.tmp", "x___jb_tmp___"]
)
def test_editor_litter_is_ignored(name: str) -> None:
    assert is_ignored(Path("content") / name)
    assert not is_ignored(Path("content") / "rag.md")


def full_build(root: Path, base_url: str, out: Path) -> dict[str, bytes]:
    """What the preview must show: the site built in full, drafts included, at the preview's address."""
    return read_site(build_site(root, out, "--drafts", base_url=base_url))


def settled(preview: Preview) -> dict[str, bytes]:
    preview.wait_for_search()
    return dict(preview.snapshot.files)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow  # fifteen edits, each checked against a full build of the starter: about 20 s
def test_any_sequence_of_edits_equals_a_full_build(starter_copy: Path, tmp_path: Path) -> None:
    preview = Preview(Project.at(starter_copy), base_url="http://127.0.0.1:9/")
    content = starter_copy / "content"
    preview.rebuild()
    rag = content / "rag.md"
    extra = content / "extra-term.md"
    fine = content / "fine-tuning.md"
    zh_token = content / "zh-tw" / "token.md"
    site_yaml = starter_copy / "site.yaml"
    edits: list[tuple[Path, Callable[[], object]]] = [
        (
            extra,
            lambda: extra.write_text(
                "---\ntitle: Extra Term\ncategory: Training\nlevel: advanced\nsummary: Mentions fine-tuning.\n"
                "related: [rag]\n---\n## What is this?\n\nIt is about fine-tuning and embeddings.\n",
                encoding="utf-8",
            ),
        ),
        (rag, lambda: edit(rag, "## What is this?", "## What is this, really?")),
        (extra, lambda: extra.unlink()),
        # A name other entries mention, a summary their previews and cards show, a source whose
        # translation goes out of date, and a translation itself: each must reach every page showing it.
        (content / "token.md", lambda: edit(content / "token.md", "title: Token\n", "title: Token Unit\n")),
        (
            content / "embedding.md",
            lambda: edit(content / "embedding.md", "summary: >-\n  ", "summary: >-\n  In short: "),
        ),
        (
            rag,
            lambda: edit(
                rag, "Retrieval-augmented generation is a pattern", "Retrieval-augmented generation is a method"
            ),
        ),
        (
            content / "zh-tw" / "embedding.md",
            lambda: edit(content / "zh-tw" / "embedding.md", "title: 嵌入\n", "title: 嵌入向量表示\n"),
        ),
        # Edits only the entry's own page shows: its prose, its diagram, a translation's prose.
        (fine, lambda: edit(fine, "## Why does it exist?\n", "## Why does it exist?\n\nA new *first* paragraph.\n")),
        (fine, lambda: edit(fine, "[Model weights,", "[The weights themselves,")),
        (zh_token, lambda: edit(zh_token, "## 為什麼會有它？\n", "## 為什麼會有它？\n\n新的一段。\n")),
        (
            fine,
            lambda: fine.write_text(
                re.sub(r"\ncomparison:\n.*?\nexample:", "\nexample:", fine.read_text(), flags=re.S)
            ),
        ),
        # ...and what other pages show of it: its summary (cards, previews), its tags (listings), a new
        # link in its prose (the backlinks and related topics of others).
        (fine, lambda: edit(fine, "Fine-tuning takes a model", "Fine-tuning takes any model")),
        (fine, lambda: edit(fine, "tags: [training,", "tags: [training, adaptation,")),
        (fine, lambda: edit(fine, "A new *first* paragraph.", "A new paragraph about [[temperature]].")),
        (site_yaml, lambda: edit(site_yaml, "title: AI Glossary", "title: The AI Glossary")),
    ]
    before = settled(preview)
    alone: list[int] = []
    for n, (path, change) in enumerate(edits):
        change()
        snapshot = preview.rebuild({path})
        assert not snapshot.errors, snapshot.errors
        full = full_build(starter_copy, "http://127.0.0.1:9/", tmp_path / f"full{n}")
        assert settled(preview) == full, n
        if snapshot.changed is not None:  # answered without building the whole site: it says what changed
            alone.append(n)
            assert snapshot.changed == differing(before, full), n
        before = full
    assert alone == [7, 8, 9, 10], "the four edits of an entry's own page are answered by rendering that page alone"


def differing(old: dict[str, bytes], new: dict[str, bytes]) -> set[str]:
    """The files two builds do not share byte for byte, apart from the search index."""
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name) and "pagefind/" not in name}


@pytest.mark.slow  # the starter built twice, by the preview and in full: 2 to 3.5 s
def test_a_save_reported_with_its_folder_and_editor_litter_is_still_quick(starter_copy: Path, tmp_path: Path) -> None:
    preview = Preview(Project.at(starter_copy), base_url="http://127.0.0.1:9/")
    preview.rebuild()
    content = starter_copy / "content"
    fine, backup = content / "fine-tuning.md", content / "fine-tuning.md~"
    backup.write_bytes(fine.read_bytes())
    edit(fine, "## Why does it exist?\n", "## Why does it exist?\n\nSaved by an editor that keeps a backup.\n")
    paths = {fine, content, backup, content / ".fine-tuning.md.swp"}
    assert classify(paths, preview.project, preview.last).kind is ChangeKind.PAGE
    snapshot = preview.rebuild(paths)
    # that page alone was rendered again, and the print documents that hold it
    assert snapshot.changed == {"glossary/fine-tuning/index.html", "print/index.html", "print/training/index.html"}
    assert settled(preview) == full_build(starter_copy, "http://127.0.0.1:9/", tmp_path / "full")


@pytest.mark.slow  # the starter built three times, twice by the preview and once in full: 2 to 3.5 s
@pytest.mark.parametrize("case", ["folder only", "deleted entry", "new entry"])
def test_a_save_that_may_change_more_than_one_page_builds_in_full(
    starter_copy: Path, tmp_path: Path, case: str
) -> None:
    preview = Preview(Project.at(starter_copy), base_url="http://127.0.0.1:9/")
    preview.rebuild()
    content = starter_copy / "content"
    if case == "folder only":  # a folder moved in whole reports only itself
        edit(content / "zh-tw" / "token.md", "## 為什麼會有它？\n", "## 為什麼會有它？\n\n新的一段。\n")
        paths = {content / "zh-tw"}
    elif case == "deleted entry":
        (content / "zh-tw" / "hallucination.md").unlink()
        paths = {content / "zh-tw" / "hallucination.md", content / "zh-tw"}
    else:
        (content / "new-term.md").write_text(
            "---\ntitle: New Term\ncategory: Training\nlevel: beginner\nsummary: New.\nrelated: [rag]\n---\n"
            "## What is this?\n\nNew.\n",
            encoding="utf-8",
        )
        paths = {content / "new-term.md", content}
    assert classify(paths, preview.project, preview.last).kind is ChangeKind.ENTRIES
    snapshot = preview.rebuild(paths)
    assert snapshot.changed is None  # the new build was compared with the last one, file by file
    assert settled(preview) == full_build(starter_copy, "http://127.0.0.1:9/", tmp_path / "full")


def test_an_invalid_edit_keeps_the_last_good_site_and_a_good_one_clears_it(starter_copy: Path) -> None:
    preview = Preview(Project.at(starter_copy), base_url="http://127.0.0.1:9/")
    first = preview.rebuild()
    rag = starter_copy / "content" / "rag.md"
    good = rag.read_text(encoding="utf-8")
    rag.write_text(good.replace("level: intermediate", "level: <script>alert(1)</script>"), encoding="utf-8")
    broken = preview.rebuild({rag})
    assert broken.build == first.build and broken.files is first.files
    assert any(
        e.path.endswith("content/rag.md") and e.message.startswith("level: must be one of") for e in broken.errors
    )
    rag.write_text(good, encoding="utf-8")
    fixed = preview.rebuild({rag})
    assert fixed.errors == ()
    assert fixed.build == first.build  # the same site as before the slip: nothing to reload
    rag.write_text(good.replace("level: intermediate", "level: advanced"), encoding="utf-8")
    assert preview.rebuild({rag}).build == first.build + 1


def test_a_template_error_is_reported_not_raised(starter_copy: Path) -> None:
    preview = Preview(Project.at(starter_copy), base_url="http://127.0.0.1:9/")
    preview.rebuild()
    (starter_copy / "templates").mkdir(exist_ok=True)
    (starter_copy / "templates" / "404.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ nope }}{% endblock %}"
    )
    snapshot = preview.rebuild({starter_copy / "templates" / "404.html"})
    assert snapshot.errors and snapshot.errors[0].code == "template" and "nope" in snapshot.errors[0].message


def test_ctrl_c_stops_the_preview_promptly(starter_copy: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, str(root / "build.py"), "serve", "--root", str(starter_copy), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "previewing" in line:
                break
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=10)  # a hang guard; the figure itself is printed, not asserted
        print(f"stopped {time.monotonic() - started:.2f}s after Ctrl-C")
        assert code == 0
    finally:
        if process.poll() is None:
            process.kill()


COMPARISON = """\
comparison:
  title: Left vs Right
  columns: [Left, Right]
  rows:
    - label: Kind
      cells: [One, Two]
"""


@pytest.mark.slow  # two builds and a preview of a two-entry site: about 4 s
def test_diagrams_credit_the_address_in_site_yaml_wherever_the_site_is_served(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project(
        {
            "content/alpha.md": entry_text("Alpha", extra=COMPARISON),
            "content/zh-tw/alpha.md": entry_text("阿爾法", extra=COMPARISON),
        },
        site_yaml=BILINGUAL_SITE_YAML,
    )
    published = read_site(build_site(root, tmp_path / "published"))
    elsewhere = read_site(build_site(root, tmp_path / "elsewhere", base_url="http://127.0.0.1:9/"))
    preview = Preview(Project.at(root), base_url="http://127.0.0.1:9/")
    preview.rebuild()
    credits = {"": "Test Glossary · https://example.org/", "zh-tw/": "Test Glossary · https://example.org/zh-tw/"}
    for prefix, credit in credits.items():
        diagram = f"{prefix}glossary/alpha/diagram.svg"
        # The standalone diagram, meant to be shared on its own, is the same wherever it was built.
        assert elsewhere[diagram] == published[diagram] == preview.snapshot.files[diagram]
        assert credit.encode() in published[diagram]
        for site in (elsewhere, dict(preview.snapshot.files)):
            page = site[f"{prefix}glossary/alpha/index.html"]
            assert credit.encode() in page and b"\xc2\xb7 http://127.0.0.1:9/" not in page


def test_the_log_says_what_was_saved_what_was_rebuilt_and_how_long_it_took(make_project: Callable[..., Path]) -> None:
    root = make_project(
        {
            "content/alpha.md": entry_text("Alpha", body="## What is this?\n\nA letter.\n"),
            "content/beta.md": entry_text("Beta", body="## What is this?\n\nAfter [[alpha]].\n"),
            "content/gamma.md": entry_text("Gamma", extra="status: draft\n"),
        }
    )
    preview = Preview(Project.at(root, cwd=root), base_url="http://127.0.0.1:9/")
    took = r"\d+ ms|\d+\.\d s"

    def saved(old: str, new: str) -> str:
        edit(root / "content" / "alpha.md", old, new)
        preview.rebuild({root / "content" / "alpha.md", root / "content"})
        assert preview.rebuilt is not None
        return preview.rebuilt.lines()

    preview.rebuild()
    assert preview.rebuilt is not None
    pages = sum(name.endswith(".html") for name in preview.snapshot.files)
    assert re.fullmatch(rf"serve: built {pages} pages (?:and \d+ other files )?in ({took})\n", preview.rebuilt.lines())
    quick = saved("A letter", "A vowel")
    # alpha's own page, and the two print documents that hold it (the whole glossary's and its category's)
    assert re.fullmatch(rf"serve: rebuilt 3 pages after content/alpha.md changed in ({took})\n", quick)
    same = saved("", "")
    assert re.fullmatch(
        rf"serve: nothing to rebuild after content/alpha.md changed: the site is the same \(({took})\)\n", same
    )
    assert saved("level: beginner", "level: expert") == (
        "content/alpha.md:4:8: error: level: must be one of beginner, intermediate, advanced (got 'expert') [choice]\n"
        "serve: not rebuilt after content/alpha.md changed; still showing the last good build\n"
    )
    lines = saved("level: expert", "level: beginner").splitlines()  # the last good build again
    assert lines == [lines[-1]] and lines[-1].startswith("serve: nothing to rebuild after content/alpha.md changed")
    # A link to a draft: built here, and said once, since `check` and a build without drafts fail on it.
    lines = saved("A vowel.", "A vowel, like [[gamma]].").splitlines()
    assert lines[0].startswith("content/alpha.md:9:15: warning: term link [[gamma]]: that entry is a draft")
    assert re.fullmatch(rf"serve: rebuilt \d+ pages after content/alpha.md changed in ({took})", lines[1])
    assert "warning" not in saved("## What is this?", "## What is it?")
    assert '"warnings": ["content/alpha.md:9:15: warning: term link [[gamma]]' in preview.snapshot.event().decode()


def test_the_log_names_the_files_saved_not_their_folders_or_litter(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "rag.md").write_text("x", encoding="utf-8")
    reported = {
        tmp_path / "content",
        tmp_path / "content" / "rag.md",
        tmp_path / "content" / ".rag.md.swp",
        tmp_path / "content" / "sedX1b2c3",  # written and removed by `sed -i`
        tmp_path / "content" / "gone.md",  # deleted
    }
    assert saved_names(reported, tmp_path) == ("content/gone.md", "content/rag.md")
    assert saved_names({tmp_path / "content"}, tmp_path) == ("content",)


@pytest.mark.parametrize(
    ("key", "base_path", "served"),
    [
        ("docs/glossary/rag/index.html", "/docs/", "glossary/rag/index.html"),
        ("docs/index.html", "/docs/", "index.html"),
        ("a/b/index.html", "/a/b/", "index.html"),
        ("glossary/rag/index.html", "/docs/", None),
        ("docsx/index.html", "/docs/", None),
        ("index.html", "/", "index.html"),
    ],
)
def test_a_site_served_under_a_path_answers_only_inside_it(key: str, base_path: str, served: str | None) -> None:
    assert under_base(key, base_path) == served


DRAFTED = {
    "content/alpha.md": entry_text("Alpha", body="## W\n\nSee [[beta]].\n"),
    "content/beta.md": entry_text("Beta"),
    "content/gamma.md": entry_text("Gamma", extra="status: draft\n"),
}


def test_the_preview_shows_drafts_unless_told_not_to(make_project: Callable[..., Path]) -> None:
    project = Project.at(make_project(DRAFTED))
    shown = Preview(project, base_url="http://127.0.0.1:9/").rebuild().files
    assert "glossary/gamma/index.html" in shown
    left_out = Preview(project, base_url="http://127.0.0.1:9/", drafts=False).rebuild().files
    assert "glossary/gamma/index.html" not in left_out and "glossary/alpha/index.html" in left_out


def test_the_preview_serves_under_the_path_of_its_base_url(make_project: Callable[..., Path]) -> None:
    import urllib.error
    import urllib.request

    running = start(Project.at(make_project(DRAFTED)), port=0, quiet=True, base_url="https://example.org/docs/")
    try:
        assert running.url.endswith("/docs/")
        port = running.server.server_address[1]

        def status(path: str) -> tuple[int, str]:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
                    return response.status, response.read().decode("utf-8")
            except urllib.error.HTTPError as refused:
                return refused.code, ""

        code, page = status("/docs/glossary/alpha/")
        assert code == 200 and 'href="/docs/glossary/beta/"' in page
        assert 'href="https://example.org/docs/glossary/alpha/"' in page  # the canonical address is the one given
        assert status("/glossary/alpha/")[0] == 404
    finally:
        running.stop()
