"""Measuring one command: wall time, CPU time and peak memory of its whole process tree.

CPU time is the child's user + system time from `wait4`, which on Linux includes
every descendant it waited for (Glossator's Pagefind process, say).  Peak
memory is sampled: every few milliseconds the resident set sizes of the child
and all its descendants are added up, and the largest sum is kept.  `ru_maxrss`
(the largest single process) is kept beside it for comparison.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.01


@dataclass(frozen=True)
class Sample:
    """One measured run of a command."""

    wall: float  # seconds
    cpu: float  # user + system seconds, descendants included
    peak_rss: int  # bytes, whole process tree, sampled
    max_rss: int  # bytes, largest single process (ru_maxrss)
    exit_code: int
    busy_before: float  # CPU use by everything else just before the run, in cores

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def in_turn(first: Sample, then: Sample) -> Sample:
    """Two commands run one after the other, as one figure: their times added, the larger of their peaks."""
    return Sample(
        wall=first.wall + then.wall,
        cpu=first.cpu + then.cpu,
        peak_rss=max(first.peak_rss, then.peak_rss),
        max_rss=max(first.max_rss, then.max_rss),
        exit_code=first.exit_code or then.exit_code,
        busy_before=first.busy_before,
    )


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc/<pid>/task/<tid>/children."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{current}/task").iterdir():
                with contextlib.suppress(OSError):
                    queue.extend(int(c) for c in (task / "children").read_text().split())
    return found


def tree_rss(pid: int) -> int:
    total = 0
    for p in descendants(pid):
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * PAGE
    return total


class PeakSampler:
    """Keeps the largest resident size of a process tree while it runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(SAMPLE_SECONDS)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def cpu_busy(seconds: float = 0.5) -> float:
    """How many cores were busy over `seconds`, from /proc/stat (everything on the machine)."""

    def read() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        idle = fields[3] + fields[4]
        return sum(fields[:8]), idle

    total0, idle0 = read()
    time.sleep(seconds)
    total1, idle1 = read()
    cores = os.cpu_count() or 1
    spent = total1 - total0
    return 0.0 if spent <= 0 else cores * (1 - (idle1 - idle0) / spent)


def wait_for_quiet(limit: float, threshold: float = 0.25) -> float:
    """Wait up to `limit` seconds for the machine to fall below `threshold` busy cores; return the last reading."""
    deadline = time.monotonic() + limit
    busy = cpu_busy()
    while busy > threshold and time.monotonic() < deadline:
        busy = cpu_busy(1.0)
    return busy


def run(
    argv: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    quiet_wait: float = 0.0,
) -> Sample:
    """Run `argv` to completion and measure it; its output goes to `log` (or nowhere)."""
    busy = wait_for_quiet(quiet_wait) if quiet_wait > 0 else cpu_busy(0.2)
    out = log.open("ab") if log else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=out, stderr=out, stdin=subprocess.DEVNULL)
        sampler = PeakSampler(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        peak = sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()  # type: ignore[union-attr]
    return Sample(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss=max(peak, usage.ru_maxrss * 1024),
        max_rss=usage.ru_maxrss * 1024,
        exit_code=proc.returncode,
        busy_before=round(busy, 2),
    )


def process_cpu(pid: int) -> float:
    """CPU seconds used so far by `pid` and the descendants it has waited for (from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    with contextlib.suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / ticks
    return 0.0


def wait_until_idle(pid: int, *, quiet: float = 0.5, limit: float = 120.0) -> float:
    """Block until `pid` has used no CPU for `quiet` seconds (or `limit` passes); return the seconds waited."""
    started = time.monotonic()
    last, still_since = process_cpu(pid), time.monotonic()
    while time.monotonic() - started < limit:
        time.sleep(0.1)
        now = process_cpu(pid)
        if now - last > 0.02:
            last, still_since = now, time.monotonic()
        elif time.monotonic() - still_since >= quiet:
            break
    return time.monotonic() - started
