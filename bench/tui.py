"""Tracker TUI speed on synthetic databases of 1k, 10k and 100k deadlines.

    python bench/tui.py [--sizes 1000,10000,100000] [--repeats 3] [--dir DIR]

Databases are made by bench/make_tracker_db.py (the store's save_extraction, one transaction
per contract of 500 deadlines) and kept in DIR (default: the system temp dir) for later runs.
For each size it prints the median over ``--repeats`` of

  first paint   App.run_test(size=(120, 40)) entered until the dashboard's table holds rows and
                the screen has been refreshed after that
  filter        a filter applied on an idle dashboard (text submitted, kind chosen) until its first
                rows are drawn: a common word, words that match nothing (the whole list is
                scanned), the text cleared, one kind. The match count follows in the background.

(wall time, and the CPU time of the process: the machine may be shared) next to same-run baselines:

  textual floor a bare Textual app whose DataTable gets 200 rows in on_mount (no database)
  store page    store.list_deadlines(limit=80): the query behind the first rows drawn
  store all     store.list_deadlines() without a limit: what loading every row would cost
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.make_tracker_db import make_db
from clausekit import store
from clausekit.tui.data import FIRST_PAGE

AS_OF = date(2021, 3, 24)
SIZE = (120, 40)
GENERATOR = "v1"


def database(folder: Path, n: int) -> Path:
    path = folder / f"clausekit-bench-tui-{GENERATOR}-{n}.db"
    if not path.exists():
        t = time.perf_counter()
        tmp = path.with_suffix(".building")
        make_db(tmp, n, per=500, as_of=AS_OF)
        tmp.rename(path)
        print(f"  built {path.name} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return path


async def first_paint(path: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the whole process) until the table holds rows."""
    from clausekit.tui import make_app

    t, c = time.perf_counter(), time.process_time()
    app = make_app(path, as_of=AS_OF)
    async with app.run_test(size=SIZE):
        await _drawn(lambda: app.screen.id == "dashboard" and len(app.screen.table.items) > 0, app)
        return time.perf_counter() - t, time.process_time() - c


async def _drawn(condition, app, timeout: float = 120.0) -> None:
    """Until ``condition`` holds and the screen has been refreshed once after that."""
    limit = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > limit:
            raise TimeoutError("the table did not fill in time")
        await asyncio.sleep(0.002)
    painted = asyncio.Event()
    app.screen.call_after_refresh(painted.set)
    await asyncio.wait_for(painted.wait(), timeout)


async def filter_times(path: Path) -> dict[str, float]:
    """Each filter applied on an idle dashboard (background counts finished), timed until its
    first rows are on screen."""
    from textual.widgets import Input, Select

    from clausekit.tui import make_app

    app = make_app(path, as_of=AS_OF)
    out: dict[str, float] = {}
    async with app.run_test(size=SIZE):
        await _drawn(lambda: app.screen.id == "dashboard" and len(app.screen.table.items) > 0, app)
        screen = app.screen

        async def apply(label: str, change) -> None:
            await _idle(app)
            generation = screen.generation
            t = time.perf_counter()
            change()
            await _drawn(lambda: screen._painted > generation, app)
            out[label] = time.perf_counter() - t

        text = screen.query_one("#f-text", Input)

        def submit(value: str):
            def go():
                text.value = value
                screen._text_submitted(Input.Submitted(text, value))
            return go
        await apply("text 'audited'", submit("audited"))
        await apply("text, no match", submit("no such words"))
        await apply("text cleared", submit(""))
        await apply("kind notice", lambda: setattr(screen.query_one("#f-kind", Select), "value", "notice"))
    return out


async def _idle(app, timeout: float = 120.0) -> None:
    from textual.worker import WorkerState

    limit = time.monotonic() + timeout
    await asyncio.sleep(0.2)  # the counts start shortly after the rows are drawn
    while any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers):
        if time.monotonic() > limit:
            raise TimeoutError("workers still busy")
        await asyncio.sleep(0.01)


async def textual_floor() -> tuple[float, float]:
    from textual.app import App
    from textual.widgets import DataTable

    class Floor(App):
        def compose(self):
            yield DataTable()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns(*"abcdefghi")
            for i in range(200):
                table.add_row(*(f"cell {i}-{j}" for j in range(9)))

    t, c = time.perf_counter(), time.process_time()
    app = Floor()
    async with app.run_test(size=SIZE):
        await _drawn(lambda: app.query_one(DataTable).row_count > 0, app)
        return time.perf_counter() - t, time.process_time() - c


def store_page(path: Path, limit: int | None) -> float:
    db = store.open_db(path)
    try:
        t = time.perf_counter()
        store.list_deadlines(db, as_of=AS_OF, limit=limit)
        return time.perf_counter() - t
    finally:
        db.close()


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dir", default=tempfile.gettempdir())
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {n: database(folder, n) for n in sizes}

    floors = [asyncio.run(textual_floor()) for _ in range(args.repeats)]
    floor, floor_cpu = median([f[0] for f in floors]), median([f[1] for f in floors])
    print(f"textual floor (bare DataTable, 200 rows, {SIZE[0]}x{SIZE[1]}): {floor * 1000:.0f} ms wall, "
          f"{floor_cpu * 1000:.0f} ms CPU")
    print(f"{'deadlines':>10} {'store page':>11} {'store all':>10} {'first paint':>12} {'/ floor':>8} "
          f"{'paint CPU':>10} {'/ floor':>8}   filters (ms, wall)")
    for n, path in paths.items():
        page = median([store_page(path, FIRST_PAGE) for _ in range(args.repeats)])
        full = median([store_page(path, None) for _ in range(min(args.repeats, 3 if n <= 10000 else 1))])
        paints = [asyncio.run(first_paint(path)) for _ in range(args.repeats)]
        paint, paint_cpu = median([p[0] for p in paints]), median([p[1] for p in paints])
        runs = [asyncio.run(filter_times(path)) for _ in range(args.repeats)]
        filters = {k: median([r[k] for r in runs]) for k in runs[0]}
        fmt = ", ".join(f"{k} {v * 1000:.0f}" for k, v in filters.items())
        print(f"{n:>10,} {page * 1000:>9.0f}ms {full * 1000:>8.0f}ms {paint * 1000:>10.0f}ms {paint / floor:>7.2f}x "
              f"{paint_cpu * 1000:>8.0f}ms {paint_cpu / floor_cpu:>7.2f}x   {fmt}")


if __name__ == "__main__":
    main()
