"""Previews on other sites: the index embed.js reads, split by slug, written as data, and the script's weight."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from glossator.build.pipeline import check
from glossator.content.project import Project, load_config
from glossator.pages.embed import CALLBACK, PER_CHUNK, bucket, bucket_count, embed_files, script_data
from glossator.pages.urls import EMBED_CHUNKS, Urls
from glossator.prose.glossary import Glossary
from tests.helpers import BILINGUAL_SITE_YAML, build_site, entry_text, read_site

HOSTILE_TITLE = "</script><img src=x onerror=alert(1)><!--"
HOSTILE_SUMMARY = "Ends\u2028lines\u2029here & <b>there</b> </SCRIPT>"


def chunk_data(data: bytes) -> dict[str, object]:
    """What a chunk hands to the callback: it is exactly one call with one JSON argument."""
    text = data.decode("utf-8")
    match = re.fullmatch(rf"{CALLBACK}\((.*)\);\n", text, flags=re.DOTALL)
    assert match, text[:200]
    value = json.loads(match.group(1))
    assert isinstance(value, dict)
    return value


def embed_config(script: bytes) -> dict[str, object]:
    match = re.search(rb"const config = (\{.*?\});\n", script)
    assert match
    value = json.loads(match.group(1))
    assert isinstance(value, dict)
    return value


def checked(root: Path) -> tuple[Glossary, tuple[Glossary, ...]]:
    project = Project.at(root)
    result = check(project, load_config(project), warnings=False)
    assert result.ok and result.glossary is not None, result.diagnostics
    return result.glossary, result.translations


@pytest.fixture
def hundred(make_project: Callable[..., Path]) -> tuple[Glossary, tuple[Glossary, ...]]:
    files = {f"content/term-{n:03d}.md": entry_text(f"Term {n:03d}", summary=f"Summary {n}.") for n in range(100)}
    return checked(make_project(files))


def test_the_index_is_split_by_a_hash_of_the_slug_and_every_entry_is_in_its_chunk(
    hundred: tuple[Glossary, tuple[Glossary, ...]],
) -> None:
    glossary, _ = hundred
    files = embed_files(glossary)
    buckets = bucket_count(len(glossary.entries))
    assert buckets > 1 and buckets * PER_CHUNK >= 100
    chunks = {path: chunk_data(data) for path, data in files.items() if path.startswith(EMBED_CHUNKS)}
    assert 1 < len(chunks) <= buckets
    seen: dict[str, str] = {}
    for path, chunk in chunks.items():
        entries = chunk["entries"]
        assert isinstance(entries, dict)
        for slug in entries:
            assert path == Urls.embed_chunk("", bucket(slug, buckets)), f"{slug} is in the wrong chunk"
            seen[slug] = path
    assert sorted(seen) == sorted(glossary.entries)
    assert embed_config(files["embed.js"])["buckets"] == buckets


def test_a_chunk_holds_the_title_summary_category_and_level_as_plain_text(
    hundred: tuple[Glossary, tuple[Glossary, ...]],
) -> None:
    glossary, _ = hundred
    files = embed_files(glossary)
    buckets = bucket_count(len(glossary.entries))
    chunk = chunk_data(files[Urls.embed_chunk("", bucket("term-007", buckets))])
    assert chunk["lang"] == "en" and chunk["dir"] == "ltr" and chunk["prefix"] == ""
    assert chunk["id"] == "https://example.org/"
    entries = chunk["entries"]
    assert isinstance(entries, dict)
    assert entries["term-007"] == {
        "title": "Term 007",
        "summary": "Summary 7.",
        "category": "Core Concepts",
        "level": "Beginner",
    }


def test_at_ten_thousand_entries_a_page_loads_only_a_few_kilobytes_per_link(
    hundred: tuple[Glossary, tuple[Glossary, ...]],
) -> None:
    glossary, _ = hundred
    template = glossary.entries["term-000"]
    prose = glossary.prose["term-000"]
    summary = "A summary of about the length a real one has, " * 5  # ~230 characters
    prose = dataclasses.replace(prose, summary_text=summary)
    slugs = [f"entry-number-{n}" for n in range(10_000)]
    big = dataclasses.replace(
        glossary,
        entries={s: dataclasses.replace(template, slug=s, title=s.replace("-", " ").title()) for s in slugs},
        prose=dict.fromkeys(slugs, prose),
    )
    files = embed_files(big)
    chunks = [data for path, data in files.items() if path.startswith(EMBED_CHUNKS)]
    total = sum(len(data) for data in chunks)
    largest = max(len(data) for data in chunks)
    assert total > 2_500_000, "the whole index is megabytes"
    assert len(chunks) == bucket_count(10_000) >= 10_000 // PER_CHUNK
    assert largest < 16_000, f"a chunk weighs {largest} bytes"
    ten_links = sorted({Urls.embed_chunk("", bucket(s, len(chunks))) for s in slugs[:10]})
    gzipped = sum(len(gzip.compress(files[path])) for path in ten_links)
    assert gzipped < 30_000, f"a page with ten links loads {gzipped} bytes gzipped"


def yaml_escaped(text: str) -> str:
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def test_hostile_titles_and_summaries_are_data_that_cannot_end_a_script(make_project: Callable[..., Path]) -> None:
    title = HOSTILE_TITLE.replace("'", "''")
    files = {
        # Written as YAML escapes: the raw characters are refused, since editors show no line break there.
        "content/hostile.md": entry_text(f"'{title}'", summary=f'"{yaml_escaped(HOSTILE_SUMMARY)}"'),
        "content/plain.md": entry_text("Plain"),
    }
    glossary, _ = checked(make_project(files))
    files_out = embed_files(glossary)
    chunk_bytes = files_out[Urls.embed_chunk("", bucket("hostile", bucket_count(2)))]
    text = chunk_bytes.decode("utf-8")
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text
    entries = chunk_data(chunk_bytes)["entries"]
    assert isinstance(entries, dict)
    assert entries["hostile"]["title"] == HOSTILE_TITLE
    shown = entries["hostile"]["summary"]
    assert shown.endswith("& <b>there</b> </SCRIPT>"), "the summary is kept as text, to be shown as text"


@pytest.mark.parametrize("text", [HOSTILE_TITLE, HOSTILE_SUMMARY, "\u2028\u2029</script>", "a\\u003cb"])
def test_script_data_reads_back_the_same_and_holds_nothing_a_script_or_parser_would_trip_on(text: str) -> None:
    written = script_data({"title": text})
    assert json.loads(written) == {"title": text}
    assert not set(written) & set("<>&\u2028\u2029")


def test_the_embed_files_are_byte_identical_for_the_same_content_and_versioned_by_it(
    hundred: tuple[Glossary, tuple[Glossary, ...]],
) -> None:
    glossary, _ = hundred
    first, second = embed_files(glossary), embed_files(glossary)
    assert first == second
    prose = dict(glossary.prose)
    prose["term-001"] = dataclasses.replace(prose["term-001"], summary_text="Changed.")
    changed = embed_files(dataclasses.replace(glossary, prose=prose))
    version = embed_config(first["embed.js"])["version"]
    assert embed_config(changed["embed.js"])["version"] != version


def test_each_language_has_its_own_chunks_under_its_prefix(make_project: Callable[..., Path]) -> None:
    files = {
        "content/cache.md": entry_text("Cache"),
        "content/zh-tw/cache.md": entry_text("快取", summary="資料的近端副本。"),
    }
    glossary, translations = checked(make_project(files, site_yaml=BILINGUAL_SITE_YAML))
    out = embed_files(glossary, translations)
    config = embed_config(out["embed.js"])
    assert config["prefixes"] == ["", "zh-tw/"]
    chunk = chunk_data(out[Urls.embed_chunk("zh-tw/", bucket("cache", 1))])
    assert chunk["prefix"] == "zh-tw/" and chunk["lang"] == "zh-tw"
    entries = chunk["entries"]
    assert isinstance(entries, dict)
    assert entries["cache"]["title"] == "快取"


def test_embed_js_stays_under_five_kilobytes_gzipped(hundred: tuple[Glossary, tuple[Glossary, ...]]) -> None:
    glossary, _ = hundred
    script = embed_files(glossary)["embed.js"]
    assert len(gzip.compress(script, compresslevel=9)) <= 5 * 1024


def test_a_build_writes_embed_js_and_embed_css_at_the_root_under_stable_names(
    make_project: Callable[..., Path], tmp_path: Path
) -> None:
    root = make_project({"content/cache.md": entry_text("Cache")})
    site = read_site(build_site(root, tmp_path / "site", base_url="http://127.0.0.1:8000/sub/"))
    assert {"embed.js", "embed.css"} <= set(site)
    assert not [path for path in site if re.fullmatch(r"assets/embed\.[0-9a-f]+\.(js|css)", path)]
    config = embed_config(site["embed.js"])
    assert config["bases"] == ["http://127.0.0.1:8000/sub/", "https://example.org/"]
    assert config["id"] == "http://127.0.0.1:8000/sub/"
    assert b"GLOSSATOR_EMBED_CONFIG" not in site["embed.js"]
