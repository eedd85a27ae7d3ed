"""`glossator rename OLD NEW`: the entry moves, every link follows it, its old address stays, nothing else changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import BILINGUAL_SITE_YAML, CliRun, entry_text, write_project

SOURCE = entry_text(
    "Vector Store",
    extra="aliases: [Vector index]\n",
    body="## What is this?\n\nIt keeps [[embedding]]s.\n",
)
EMBEDDING = entry_text(
    "Embedding",
    extra="related: [vecdb, 'token']\n",
    body=(
        "## What is this?\n\n"
        "Stored in a [[vecdb]], or [[ vecdb | a store ]], or a [[Vector index]].\n\n"
        "Literal \\[[vecdb]] and `[[vecdb]]` stay as they are.\n"
    ),
)
TOKEN = entry_text(
    "Token",
    extra="related:\n  - embedding\n  - vecdb\n",
    body="## What is this?\n\nSee the [[VecDB]].\r\n",
)
STORE = entry_text(
    "Store",
    extra="kind: disambiguation\nmeanings:\n  - slug: vecdb\n    note: Vectors.\n  - slug: token\n    note: Words.\n",
    body="",
).replace("level: beginner\n", "")
OLD_NAME = entry_text("Vector DB", extra="status: deprecated\nreplaced_by: vecdb\n")
ZH_EMBEDDING = entry_text("嵌入", extra="related: [vecdb]\n", body="## 是什麼？\n\n存在 [[vecdb]] 裡。\n")
ZH_SOURCE = entry_text("向量資料庫", body="## 是什麼？\n\n保存 [[embedding]]。\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    files = {
        "content/vecdb.md": SOURCE,
        "content/embedding.md": EMBEDDING,
        "content/token.md": TOKEN,
        "content/store.md": STORE,
        "content/vector-db.md": OLD_NAME,
        "content/zh-tw/embedding.md": ZH_EMBEDDING,
        "content/zh-tw/vecdb.md": ZH_SOURCE,
    }
    root = write_project(tmp_path / "project", files, site_yaml=BILINGUAL_SITE_YAML)
    token = root / "content" / "token.md"
    token.write_bytes(token.read_bytes().replace(b"\n", b"\r\n").replace(b"\r\r\n", b"\r\n"))  # a CRLF file
    return root


def text(root: Path, rel: str) -> str:
    return (root / rel).read_bytes().decode("utf-8")


def test_rename_moves_the_entry_and_rewrites_every_link_leaving_other_bytes_alone(
    project: Path, cli: Callable[..., CliRun]
) -> None:
    token_before = text(project, "content/token.md")
    run = cli("rename", "vecdb", "vector-database", "--root", ".", cwd=project)
    assert run.code == 0, run.err
    content = project / "content"
    assert not (content / "vecdb.md").exists() and not (content / "zh-tw" / "vecdb.md").exists()
    assert text(project, "content/vector-database.md") == SOURCE.replace(
        "aliases: [Vector index]\n", "aliases: [Vector index]\nredirect_from: [vecdb]\n"
    )
    assert text(project, "content/zh-tw/vector-database.md") == ZH_SOURCE, "a translation moves as it is"
    links = ("a [[vecdb]], or [[ vecdb | a store ]]", "a [[vector-database|vecdb]], or [[ vector-database | a store ]]")
    related = ("related: [vecdb, 'token']", "related: [vector-database, 'token']")
    assert text(project, "content/embedding.md") == EMBEDDING.replace(*related).replace(*links)
    item = ("  - vecdb\r\n", "  - vector-database\r\n")
    token_after = token_before.replace(*item).replace("[[VecDB]]", "[[vector-database|VecDB]]")
    assert text(project, "content/token.md") == token_after, "line endings stay as they were"
    assert "  - slug: vector-database\n" in text(project, "content/store.md")
    assert "replaced_by: vector-database\n" in text(project, "content/vector-db.md")
    zh = ZH_EMBEDDING.replace("related: [vecdb]", "related: [vector-database]")
    assert text(project, "content/zh-tw/embedding.md") == zh.replace("[[vecdb]]", "[[vector-database|vecdb]]")
    assert "moved content/vecdb.md -> content/vector-database.md" in run.out
    assert "moved content/zh-tw/vecdb.md -> content/zh-tw/vector-database.md" in run.out
    assert "content/embedding.md: rewrote 1 related slug, 2 term links to 'vector-database'" in run.out
    assert "content/vector-database.md: added 'vecdb' to redirect_from" in run.out
    check = cli("check", "--root", ".", cwd=project)
    assert "error" not in check.out, check.out


def test_a_link_by_a_name_the_entry_keeps_is_left_as_it_is(project: Path, cli: Callable[..., CliRun]) -> None:
    assert cli("rename", "vecdb", "vector-database", "--root", ".", cwd=project).code == 0
    assert "or a [[Vector index]]." in text(project, "content/embedding.md")


def test_an_old_slug_joins_the_ones_already_kept(project: Path, cli: Callable[..., CliRun]) -> None:
    assert cli("rename", "vecdb", "vector-store", "--root", ".", cwd=project).code == 0
    assert cli("rename", "vector-store", "vector-database", "--root", ".", cwd=project).code == 0
    assert "redirect_from: [vecdb, vector-store]\n" in text(project, "content/vector-database.md")
    block = project / "content" / "token.md"
    block.write_text(entry_text("Token", extra="redirect_from:\n  - tokens\n"), encoding="utf-8")
    assert cli("rename", "token", "text-token", "--root", ".", cwd=project).code == 0
    assert "redirect_from:\n  - tokens\n  - token\n---" in text(project, "content/text-token.md")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("vecdb", "embedding"), "content/embedding.md already exists; choose another slug"),
        (("vecdb", "Vector DB"), "'Vector DB' is not a valid slug: use lowercase letters, digits and single hyphens"),
        (("nothing", "something"), "there is no entry content/nothing.md"),
        (("vecdb", "vecdb"), "the entry is already called 'vecdb'"),
    ],
)
def test_rename_refuses_and_changes_nothing(
    project: Path, cli: Callable[..., CliRun], args: tuple[str, str], message: str
) -> None:
    before = {p: p.read_bytes() for p in sorted((project / "content").rglob("*.md"))}
    run = cli("rename", *args, "--root", ".", cwd=project)
    assert run.code == 1
    assert message in run.err and "(nothing was changed)" in run.err
    assert {p: p.read_bytes() for p in sorted((project / "content").rglob("*.md"))} == before
