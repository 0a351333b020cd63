"""Fixture databases for the TUI tests: the seed agreement ingested as of 2021-03-24.

The hand-made seed record (tests/data/records/vnet-13da-sra.json) gives offsets into the raw
markdown file; the spec's offsets are into the reader's normalized text (what the store slices
section text from). ``seed_records_dir`` writes a copy whose section and quote offsets are
re-located in ``read_document(SEED).text`` (headings and quotes found verbatim, in order), so
the clause view and the section text show the right words. Nothing else in the record changes.
"""
from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from clausekit import store
from clausekit.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "vnet-13da-sra.md"
SEED_RECORD = ROOT / "tests" / "data" / "records" / "vnet-13da-sra.json"
AS_OF = date(2021, 3, 24)
CLOCK_AT = datetime(2021, 3, 24, 9, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    return CLOCK_AT


def seed_records_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SEED_RECORD.name).write_text(SEED_RECORD.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def ingest(*args: str) -> None:
    try:
        main(["ingest", *args])
    except SystemExit as e:
        assert e.code in (0, None), f"ingest failed with exit {e.code}"


def seed_db(tmp_path: Path) -> Path:
    """A fresh database holding the seed agreement (through `clausekit ingest --records`)."""
    db = tmp_path / "tracker.db"
    ingest("--records", str(seed_records_dir(tmp_path / "records")), "--db", str(db))
    return db


async def settle(pilot, rounds: int = 2, timeout: float = 20.0) -> None:
    """Wait until the thread workers are done and the messages they posted are handled: until
    ``rounds`` pauses in a row start no new worker (a handled message or a timer may start the
    next one, e.g. the summary's count 0.05 s after the rows are drawn)."""
    import asyncio
    import time

    from textual.worker import WorkerState

    limit = time.monotonic() + timeout
    quiet = 0
    while quiet < rounds:
        while any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers):
            assert time.monotonic() < limit, "workers still running"
            await asyncio.sleep(0.01)
        assert time.monotonic() < limit, "workers keep starting"
        started = {id(w) for w in pilot.app.workers}
        # longer than the app's own deferrals (the counts start 0.05 s after the first rows are drawn)
        await pilot.pause(0.1)
        new = {id(w) for w in pilot.app.workers} - started
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers)
        quiet = 0 if (new or busy) else quiet + 1


def fresh_copy(template: Path, folder: Path) -> Path:
    """A private copy of a template database (SQLite online backup) for one test to change."""
    target = folder / "tracker.db"
    src = store.open_db(template)
    store.backup(src, target)
    src.close()
    return target
