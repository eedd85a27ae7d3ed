"""Building on several cores gives exactly the bytes of building on one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glossator.core.parallel import WorkerError, fork_map
from tests.helpers import build_site, read_site


def test_fork_map_keeps_order_and_results() -> None:
    items = list(range(1000))
    assert fork_map(lambda n: n * n, items, jobs=4) == [n * n for n in items]


def test_fork_map_really_uses_other_processes() -> None:
    pids = set(fork_map(lambda _: os.getpid(), list(range(256)), jobs=2))
    assert len(pids) == 2 and os.getpid() in pids


def test_a_failing_worker_is_reported() -> None:
    def boom(n: int) -> int:
        if n == 200:
            raise ValueError("no 200")
        return n

    with pytest.raises(WorkerError, match="no 200"):
        fork_map(boom, list(range(256)), jobs=2)


@pytest.mark.slow  # two builds of a 160-entry corpus: about 7 s
def test_a_parallel_build_equals_a_serial_one(tmp_path: Path) -> None:
    from bench.corpus import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(160, corpus, seed=7)
    root = corpus / "glossator"
    serial = read_site(build_site(root, tmp_path / "one", "--jobs", "1"))
    parallel = read_site(build_site(root, tmp_path / "two", "--jobs", "2"))
    assert serial == parallel
