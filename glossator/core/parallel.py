"""Parallel work on a machine's cores, sharing the parent's memory by forking.

A build's later stages read one large immutable Glossary.  Forked workers
inherit it without copying or pickling it; only each worker's results travel
back, in order.  Where fork is unavailable (or one job is asked for) the same
function simply runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

from glossator.core.diagnostics import DiagnosticError

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a fork costs more than it saves.
MIN_ITEMS_PER_JOB = 64


def default_jobs() -> int:
    """One job per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class WorkerError(RuntimeError):
    """A worker failed; carries the worker's traceback as text.  (A DiagnosticError is raised again as itself.)"""


def fork_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """`[fn(item) for item in items]`, spread over `jobs` forked processes, in order."""
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_JOB)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(item) for item in items]
    context = multiprocessing.get_context("fork")
    size = -(-len(items) // jobs)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    pipes = []
    workers = []
    for chunk in chunks[1:]:
        receive, send = context.Pipe(duplex=False)

        def work(chunk: Sequence[T] = chunk, send: object = send) -> None:
            try:
                payload = pickle.dumps(("ok", [fn(item) for item in chunk]), protocol=pickle.HIGHEST_PROTOCOL)
            except DiagnosticError as exc:  # a problem to report, not a bug: it travels as itself
                payload = pickle.dumps(("raise", exc))
            except BaseException:
                payload = pickle.dumps(("error", traceback.format_exc()))
            send.send_bytes(payload)  # type: ignore[attr-defined]
            send.close()  # type: ignore[attr-defined]

        worker = context.Process(target=work, daemon=True)
        worker.start()
        send.close()
        pipes.append(receive)
        workers.append(worker)
    try:
        # The parent takes the first chunk itself rather than waiting idle.
        results = [fn(item) for item in chunks[0]]
        for receive in pipes:
            status, value = pickle.loads(receive.recv_bytes())
            if status == "raise":
                raise value
            if status != "ok":
                raise WorkerError(value)
            results.extend(value)
    except BaseException:
        for worker in workers:  # their work is no longer wanted, and no one would read it
            worker.terminate()
        raise
    finally:
        for worker in workers:
            worker.join()
    return results
