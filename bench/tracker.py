"""The tracker at scale: `deadlines`, `remind --dry-run` and `export ics` at 1k / 10k / 100k deadlines.

    python bench/tracker.py                      # sizes 1000,10000,100000 (first run builds the databases)
    python bench/tracker.py --sizes 1000,10000 --repeat 5 --dir /tmp/ckb

Databases come from bench/make_db.py (the one generator; built on first use, then reused).
Every figure is the median of --repeat runs (wall and CPU: the machine may be shared).
Library calls are timed in this process, each next to two same-run baselines on the same
connection: the bare indexed SQL count of open deadlines due within 30 days (what SQLite alone
needs to answer `--within 30`) and ``SELECT * FROM deadlines`` read into tuples (every row, no
joins, no objects). Command-line runs are subprocesses (output discarded) next to
``python -c pass`` (interpreter start) and ``python -c "import clausekit.store"`` (the import
floor every tracker command pays). `remind` is timed twice: on a first run (empty sent log,
every candidate printed) and nightly (a copy of the database whose sent log holds the night
before's reminders: what cron sees). ICS export is timed in one process and in one per CPU.
``EXPLAIN QUERY PLAN`` of the deadlines and reminder queries is printed for the largest database.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_db

from clausekit import remind, store
from clausekit.export.ics import render_ics

AS_OF = make_db.AS_OF
# as a user's install runs: bytecode cached (PYTHONDONTWRITEBYTECODE would recompile clausekit on every run)
ENV = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSEKIT_") and k != "PYTHONDONTWRITEBYTECODE"}
ENV.update({"PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": "/nonexistent/clausekit.toml"})


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the machine may be shared)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def median_time(fn, repeat: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of ``repeat`` calls."""
    wall, cpu = [], []
    for _ in range(repeat):
        c0, t0 = _cpu(), time.perf_counter()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
    return statistics.median(wall), statistics.median(cpu)


def cli(*args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)


def export_ics(db, workers: int | None = None) -> bytes:
    items = [d for d in store.list_deadlines(db, as_of=AS_OF, status="all", include_snoozed=True)
             if d.due is not None and d.status in ("open", "waived")]
    return render_ics(items, workers=workers)


def library(path: Path, nightly: Path, repeat: int, export_repeat: int) -> list[tuple[str, float, float, float]]:
    db = store.open_db(path)
    night = store.open_db(nightly)
    base = median_time(lambda: db.execute("SELECT * FROM deadlines").fetchall(), repeat)
    rows = [("SELECT * FROM deadlines, fetchall (baseline)", *base, 1.0)]

    def add(name: str, fn, times: int = repeat) -> None:
        t = median_time(fn, times)
        rows.append((name, *t, t[0] / base[0]))

    horizon = (AS_OF + timedelta(days=30)).isoformat()
    add("bare SQL: count open due within 30 (floor)", lambda: db.execute(
        "SELECT count(*) FROM deadlines d LEFT JOIN deadline_state s ON s.uid = d.uid "
        "WHERE d.due IS NOT NULL AND d.due <= ? AND coalesce(s.status, 'open') = 'open'", [horizon]).fetchone())
    add("list_deadlines(within=30)", lambda: store.list_deadlines(db, as_of=AS_OF, within=30))
    add("list_deadlines(overdue=True)", lambda: store.list_deadlines(db, as_of=AS_OF, overdue=True))
    add("list_deadlines(contract=one)", lambda: store.list_deadlines(db, as_of=AS_OF, contract="agreement-000042"))
    add("list_deadlines(limit=80) (TUI first page)", lambda: store.list_deadlines(db, as_of=AS_OF, limit=80))
    add("list_deadlines() every open one", lambda: store.list_deadlines(db, as_of=AS_OF))
    add("remind.run(dry_run), first run (empty sent log)", lambda: remind.run(
        db, as_of=AS_OF, leads=(30, 7, 1), dry_run=True, echo=lambda s: None))
    add("remind.run(dry_run), nightly (last night logged)", lambda: remind.run(
        night, as_of=AS_OF, leads=(30, 7, 1), dry_run=True, echo=lambda s: None))
    times = "" if export_repeat == repeat else f", median of {export_repeat}"
    add(f"export ics (render), 1 process{times}", lambda: export_ics(db, workers=1), export_repeat)
    add(f"export ics (render), {os.cpu_count()} processes{times}", lambda: export_ics(db), export_repeat)
    db.close()
    night.close()
    return rows


def command_line(path: Path, nightly: Path, repeat: int, out: Path,
                 export_repeat: int) -> list[tuple[str, float, float, float]]:
    py = median_time(lambda: cli("-c", "pass"), repeat)
    floor = median_time(lambda: cli("-c", "import clausekit.store"), repeat)
    rows = [("python -c pass (baseline)", *py, 1.0), ("python -c 'import clausekit.store'", *floor, floor[0] / py[0])]
    d = AS_OF.isoformat()
    for name, args, times in (
            ("clausekit deadlines --within 30", ("deadlines", "--within", "30", "--as-of", d), repeat),
            ("clausekit remind --dry-run, first run", ("remind", "--dry-run", "--as-of", d), repeat),
            ("clausekit remind --dry-run, nightly", ("remind", "--dry-run", "--as-of", d, "--db", str(nightly)),
             repeat),
            ("clausekit export ics --out FILE" + ("" if export_repeat == repeat else f", median of {export_repeat}"),
             ("export", "ics", "--out", str(out)), export_repeat)):
        db_args = () if "--db" in args else ("--db", str(path))
        t = median_time(lambda args=args, db_args=db_args: cli("-m", "clausekit", *args, *db_args), times)
        rows.append((name, *t, t[0] / py[0]))
    return rows


def explain(path: Path) -> None:
    """The plans of the queries `deadlines --within 30` and `remind` run (the store's own SQL)."""
    from clausekit.store import reminders, repo

    db = store.open_db(path)
    as_of = AS_OF.isoformat()
    where, params = repo._deadline_filter(db, as_of, within=30, overdue=False, status="open", contract=None,
                                          kind=None, text=None, include_snoozed=False)
    params["horizon"] = (AS_OF + timedelta(days=30)).isoformat()
    queries = {
        "deadlines --within 30; remind, first run (dated)": (
            repo._SELECT + " WHERE " + " AND ".join(where) + repo._ORDER, params),
        "remind, first run (pending)": (
            repo._SELECT + " WHERE d.due IS NULL AND d.pending_on IS NOT NULL AND " + reminders._OPEN_AWAKE
            + " ORDER BY doc.name, p.ordinal", params),
        "remind, nightly: candidates (dated)": (
            reminders._CANDIDATES + " AND d.due IS NOT NULL AND d.due <= :horizon", params),
        "remind, nightly: candidates (pending)": (
            reminders._CANDIDATES + " AND +d.due IS NULL AND d.pending_on IS NOT NULL", params),
        "remind, nightly: the items to remind, by id": (repo._SELECT + " WHERE d.uid IN (?, ?)", ["a", "b"]),
        "remind: sent keys": (
            "SELECT uid, due, lead_days, recipient, channel FROM reminder_log WHERE status = 'sent'", []),
    }
    for name, (sql, args) in queries.items():
        print(f"\nEXPLAIN QUERY PLAN — {name}")
        for row in db.execute("EXPLAIN QUERY PLAN " + sql, args).fetchall():
            print(f"  {row[-1]}")
    db.close()


def table(title: str, rows: list[tuple[str, float, float, float]], unit: str) -> None:
    print(f"\n{title}")
    w = max(len(r[0]) for r in rows)
    print(f"  {'':{w}}  {'wall':>10}  {'cpu':>10}  ratio (wall)")
    for name, t, cpu, ratio in rows:
        print(f"  {name.ljust(w)}  {t * 1000:7.1f} ms  {cpu * 1000:7.1f} ms  {ratio:8.1f}x {unit}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--dir", type=Path, default=make_db.DEFAULT_DIR)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--export-repeat", type=int, default=None,
                    help="runs of the (slow) ICS export to take the median of (default: --repeat)")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"clausekit tracker benchmark, {date.today()}, as of {AS_OF}, median of {args.repeat}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = make_db.database(args.dir, n)
            nightly = make_db.database(args.dir, n, nightly=True)
            export_repeat = args.export_repeat or args.repeat
            table(f"{n:,} deadlines — library", library(path, nightly, args.repeat, export_repeat), "raw read")
            table(f"{n:,} deadlines — command line",
                  command_line(path, nightly, args.repeat, Path(tmp) / "x.ics", export_repeat), "python startup")
    explain(make_db.database(args.dir, sizes[-1]))


if __name__ == "__main__":
    main()
