"""The header box's name index: a small manifest and chunks by first letters, each name in one chunk.

The box fetches the chunk a query would start in (the last whose start sorts
at or before it, as JavaScript compares strings), so these tests look names up
the same way.  The large cases use the benchmark's 2,000 invented entries.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import random
from collections import Counter

import pytest

from bench.corpus import identities
from glossator.pages.names import CHUNK_BYTES, NAMES_DIR, NAMES_MANIFEST, Named, chunked, fold, order


def bench_entries(count: int = 2000) -> list[Named]:
    return [Named(i.title, f"/glossary/{i.slug}/", (i.title, *i.aliases)) for i in identities(count, 1)]


def invented(titles: list[str]) -> list[Named]:
    return [Named(title, f"/glossary/e{n}/", (title,)) for n, title in enumerate(titles)]


class Index:
    """A built name index, read back: its starts and, for each start, the chunk's rows."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        manifest = json.loads(files[NAMES_MANIFEST])
        self.starts = [start for start, _ in manifest["chunks"]]
        self.chunks = [json.loads(files[NAMES_DIR + file]) for _, file in manifest["chunks"]]
        self.names = [chunk_names(chunk) for chunk in self.chunks]

    def chunk_of(self, query: str) -> int:
        """The chunk the script fetches for a folded query."""
        return max(i for i, start in enumerate(self.starts) if order(start) <= order(query))


def chunk_names(chunk: list[list[object]]) -> list[tuple[str, str]]:
    return [(str(url), str(name)) for _, url, names in chunk for name in names]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def large() -> tuple[list[Named], Index]:
    entries = bench_entries()
    return entries, Index(chunked(entries))


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Fine-Tuning", "finetuning"),
        ("Café Crème", "cafecreme"),
        ("Straße", "strasse"),
        ("Łódź", "lodz"),
        ("İstanbul", "istanbul"),
        ("ＲＡＧ", "rag"),
        ("ΣΎΝΟΨΙΣ", "συνοψισ"),
        ("σύνοψις", "συνοψισ"),
        ("きゃっしゅ", "キャッシュ"),
        ("ｷｬｯｼｭ", "キャッシュ"),
        ("Ёлка", "елка"),
        ("索引 (資料庫)", "索引資料庫"),
    ],
)
def test_a_key_folds_case_accents_punctuation_and_forms_of_a_script(name: str, key: str) -> None:
    assert fold(name) == key


def test_each_name_is_in_exactly_one_chunk(large: tuple[list[Named], Index]) -> None:
    entries, index = large
    placed = Counter(pair for names in index.names for pair in names)
    wanted = {(e.url, name) for e in entries for name in e.names}
    assert set(placed) == wanted
    assert max(placed.values()) == 1
    assert len(index.chunks) > 5, "2,000 entries need several chunks"


def test_the_manifest_leads_every_name_to_its_chunk(large: tuple[list[Named], Index]) -> None:
    _, index = large
    assert index.starts[0] == ""
    assert [order(s) for s in index.starts] == sorted({order(s) for s in index.starts}), "starts strictly increase"
    for i, names in enumerate(index.names):
        assert all(index.chunk_of(fold(name)) == i for _, name in names)


def test_a_query_starts_in_a_chunk_holding_names_that_begin_with_it(large: tuple[list[Named], Index]) -> None:
    _, index = large
    held = [{fold(name) for _, name in names} for names in index.names]
    keys = sorted(set().union(*held))
    for query in sorted({key[:n] for key in keys for n in (1, 2, 3)}):
        i = index.chunk_of(query)
        here = held[i]
        everywhere = set(keys[bisect.bisect_left(keys, query) : bisect.bisect_left(keys, query + "\U0010ffff")])
        assert here & everywhere, query
        later = index.starts[i + 1] if i + 1 < len(index.starts) else None
        if later is None or not later.startswith(query):
            assert everywhere <= here, f"every name beginning with {query!r} is in its chunk"


def test_chunks_stay_small_so_a_first_keystroke_fetches_under_20_kb(large: tuple[list[Named], Index]) -> None:
    _, index = large
    chunks = [data for path, data in index.files.items() if path != NAMES_MANIFEST]
    assert max(len(data) for data in chunks) <= CHUNK_BYTES
    assert len(index.files[NAMES_MANIFEST]) + max(len(data) for data in chunks) <= 20_000


def test_the_bytes_depend_only_on_the_names() -> None:
    entries = bench_entries(600)
    shuffled = entries[:]
    random.Random(5).shuffle(shuffled)
    files = chunked(entries)
    assert chunked(shuffled) == files
    for path, data in files.items():
        if path != NAMES_MANIFEST:
            assert path == NAMES_DIR + hashlib.sha256(data).hexdigest()[:10] + ".json", "named by its contents"


def test_a_small_glossary_keeps_one_chunk() -> None:
    index = Index(chunked(bench_entries(40)))
    assert index.starts == [""]
    assert len(index.files) == 2


def test_an_empty_glossary_has_one_empty_chunk() -> None:
    index = Index(chunked([]))
    assert index.starts == [""] and index.chunks == [[]]


def test_a_crowded_first_letter_is_split_by_the_letters_after_it() -> None:
    entries = invented([f"S{i.title.lower()}" for i in identities(700, 2)])
    index = Index(chunked(entries))
    s_chunks = [start for start in index.starts if start.startswith("s")]
    assert len(s_chunks) > 2 and all(len(start) >= 2 for start in s_chunks[1:])
    assert all(len(data) <= CHUNK_BYTES for path, data in index.files.items() if path != NAMES_MANIFEST)
    for i, names in enumerate(index.names):
        assert all(index.chunk_of(fold(name)) == i for _, name in names)


def test_cjk_names_are_chunked_by_their_first_character() -> None:
    firsts = "索快資模𠀋"  # the last is outside the Basic Multilingual Plane: two UTF-16 code units
    entries = invented([f"{first}{n:03d}語" for first in firsts for n in range(40)])
    index = Index(chunked(entries, budget=2_500))
    assert all(len(start) == 1 for start in index.starts[1:])
    assert set(index.starts[1:]) <= set(firsts)
    for i, names in enumerate(index.names):
        assert len({fold(name)[0] for _, name in names}) <= 2
        assert all(index.chunk_of(fold(name)) == i for _, name in names)


def test_names_with_one_key_are_never_split_even_past_the_budget() -> None:
    entries = [Named(f"Entry {n}", f"/glossary/e{n}/", (f"Entry {n}", "Model")) for n in range(60)]
    index = Index(chunked(entries, budget=600))
    holding = [i for i, names in enumerate(index.names) if any(name == "Model" for _, name in names)]
    assert len(holding) == 1
    assert sum(name == "Model" for _, name in index.names[holding[0]]) == 60
