"""Extraction of many files in worker processes, each document under a time budget.

``extract_files(paths, workers=N, time_budget=S)`` yields ``(path, Outcome)`` as documents
finish. Each worker is a forked copy of this process (the spaCy pipeline is built once,
before forking, and shared copy-on-write); it reads one file, extracts it and sends back the
plain ``Extraction`` and the document's text. A worker that runs past the budget is killed
and replaced, and that one file is reported as failed; so is a worker that dies (out of
memory, a crash in a library): the rest of the batch goes on.

With ``time_budget=None`` extraction runs in this process through ``extract_many``
(``nlp.pipe`` with ``n_process=workers``): faster to start, but one runaway document then
holds up the batch.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
import resource
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from clausekit.errors import ClausekitError
from clausekit.types import Extraction


@dataclass(frozen=True)
class Outcome:
    extraction: Extraction | None = None
    text: str | None = None
    error: str | None = None  # one line, without the file name


def _limit_memory(max_memory_mb: float | None) -> None:
    if max_memory_mb:
        limit = int(max_memory_mb * 1024 * 1024)
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass


def _work(nlp, path: str, limits=None) -> Outcome:
    from clausekit.extract import extract
    from clausekit.ingest import read_document

    try:
        document = read_document(path, limits)
        return Outcome(extraction=extract(document, nlp), text=document.text)
    except ClausekitError as e:
        return Outcome(error=e.message)
    except Exception as e:  # a bug in a component must not take the batch down
        return Outcome(error=crash_reason(e))


def crash_reason(e: Exception) -> str:
    """One line for an unexpected failure inside extraction (out of memory, a bug in a component)."""
    if isinstance(e, MemoryError):
        return "ran out of memory while extracting"
    return f"extraction failed: {type(e).__name__}: {e}".splitlines()[0]


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the ingest process dies (even by SIGKILL)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_loop(conn: Connection, inherited: list[Connection], nlp, max_memory_mb: float | None,
                 limits) -> None:
    # fork copied the parent's ends of every pipe; without closing them no EOF would ever come
    for c in inherited:
        c.close()
    _die_with_parent()
    if os.getppid() == 1:
        return
    _limit_memory(max_memory_mb)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        index, path = task
        conn.send((index, _work(nlp, path, limits)))


class _Worker:
    def __init__(self, ctx, nlp, max_memory_mb: float | None, limits, others: Sequence[_Worker] = ()):
        self.conn, child = ctx.Pipe()
        inherited = [self.conn, *(w.conn for w in others if not w.conn.closed)]
        self.process = ctx.Process(target=_worker_loop, args=(child, inherited, nlp, max_memory_mb, limits),
                                   daemon=True)
        # the pipeline's objects out of the collector's reach: a worker's garbage collections would
        # otherwise write to every inherited object and copy all their pages; with two workers
        # those copies contend and each ran ~40 % slower (bench/ingest.py)
        gc.freeze()
        self.process.start()
        child.close()
        self.task: tuple[int, str] | None = None
        self.started = 0.0

    def give(self, index: int, path: str) -> None:
        self.task = (index, path)
        self.started = time.monotonic()
        self.conn.send(self.task)

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def extract_files(paths: Sequence[str | Path], *, workers: int = 1, time_budget: float | None = 120.0,
                  max_memory_mb: float | None = None, nlp=None, limits=None) -> Iterator[tuple[str, Outcome]]:
    """Extract every file; yields ``(path, Outcome)`` in the order documents finish.

    ``limits`` (``clausekit.ingest.Limits``) bounds the readers; default from the environment."""
    paths = [str(p) for p in paths]
    if not paths:
        return
    from clausekit.nlp.pipeline import get_pipeline

    nlp = nlp or get_pipeline()
    if not time_budget:
        yield from _in_process(paths, nlp, workers, limits)
        return
    ctx = mp.get_context("fork")
    queue = list(enumerate(paths))[::-1]  # popped from the end: in the order given
    if workers > 1:  # largest first, so no big document starts last and leaves the other workers idle
        queue.sort(key=lambda task: _size(task[1]))
    pool: list[_Worker] = []
    for _ in range(max(1, min(workers, len(paths)))):
        pool.append(_Worker(ctx, nlp, max_memory_mb, limits, pool))
    try:
        for w in pool:
            if queue:
                w.give(*queue.pop())
        while any(w.task for w in pool):
            busy = [w for w in pool if w.task]
            now = time.monotonic()
            timeout = max(0.0, min(w.started + time_budget - now for w in busy))
            ready = wait([w.conn for w in busy], timeout=timeout)
            for i, w in enumerate(pool):
                if not w.task:
                    continue
                index, path = w.task
                if w.conn in ready:
                    try:
                        _, outcome = w.conn.recv()
                    except (EOFError, OSError):
                        code = w.process.exitcode
                        w.stop(kill=True)
                        pool[i] = w = _Worker(ctx, nlp, max_memory_mb, limits, pool)
                        outcome = Outcome(error=f"extraction process died (exit code {code}); "
                                                "out of memory or a crash in a reader")
                elif time.monotonic() - w.started >= time_budget:
                    w.stop(kill=True)
                    pool[i] = w = _Worker(ctx, nlp, max_memory_mb, limits, pool)
                    outcome = Outcome(error=f"extraction took longer than the time budget of {time_budget:g} s")
                else:
                    continue
                w.task = None
                if queue:
                    w.give(*queue.pop())
                yield path, outcome
    finally:
        for w in pool:
            w.stop(kill=bool(w.task))
        gc.unfreeze()


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reported when the worker reads it


def _in_process(paths: list[str], nlp, workers: int, limits=None) -> Iterator[tuple[str, Outcome]]:
    from clausekit.extract import extract_many
    from clausekit.ingest import read_document

    documents = []
    for p in paths:
        try:
            documents.append(read_document(p, limits))
        except ClausekitError as e:
            yield p, Outcome(error=e.message)
    try:
        results = list(extract_many(documents, nlp, n_process=workers))
    except Exception:  # find the document at fault: one at a time
        for d in documents:
            yield d.path, _work(nlp, d.path, limits)
        return
    for d, x in zip(documents, results):
        yield d.path, Outcome(extraction=x, text=d.text)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
