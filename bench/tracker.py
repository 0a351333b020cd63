"""Tracker timings at 1k / 10k / 100k deadlines, each next to a baseline from the same run.

    python bench/tracker.py                      # sizes 1000,10000,100000, databases in /tmp/ckb
    python bench/tracker.py --sizes 1000,10000 --dir /tmp/ckb --repeat 3

Databases come from bench/make_db.py (built on first use, then reused). Every figure is the
median of --repeat runs. Library calls are timed in this process; CLI runs as subprocesses
(output discarded). Baselines: for library calls a bare ``SELECT * FROM deadlines`` read
into Python tuples on the same connection (every row, no joins, no objects); for CLI runs ``python -c pass`` (interpreter start) and
``python -c "import clausekit.store"`` (the import floor every tracker command pays).
``EXPLAIN QUERY PLAN`` of the reminder's queries is printed for the largest database.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_db

from clausekit import remind, store
from clausekit.export.ics import render_ics

AS_OF = make_db.AS_OF
ENV = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSEKIT_")}
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


def database(folder: Path, n: int) -> Path:
    path = folder / f"tracker-{n}.db"
    if path.exists():
        db = store.open_db(path)
        have = db.execute("SELECT count(*) FROM deadlines").fetchone()[0]
        db.close()
        if have == n:
            return path
    print(f"building {path} ...", file=sys.stderr)
    make_db.build(path, n, quiet=True)
    return path


def export_ics(db) -> bytes:
    items = [d for d in store.list_deadlines(db, as_of=AS_OF, status="all", include_snoozed=True)
             if d.due is not None and d.status in ("open", "waived")]
    return render_ics(items)


def library(path: Path, repeat: int, export_repeat: int) -> list[tuple[str, float, float, float]]:
    db = store.open_db(path)
    base = median_time(lambda: db.execute("SELECT * FROM deadlines").fetchall(), repeat)
    rows = [("SELECT * FROM deadlines, fetchall (baseline)", *base, 1.0)]

    def add(name: str, fn, times: int = repeat) -> None:
        t = median_time(fn, times)
        rows.append((name, *t, t[0] / base[0]))

    add("list_deadlines(within=30)", lambda: store.list_deadlines(db, as_of=AS_OF, within=30))
    add("remind.run(dry_run) 30,7,1", lambda: remind.run(db, as_of=AS_OF, leads=(30, 7, 1), dry_run=True,
                                                         echo=lambda s: None))
    add(f"export ics (render){'' if export_repeat == repeat else f', median of {export_repeat}'}",
        lambda: export_ics(db), export_repeat)
    db.close()
    return rows


def command_line(path: Path, repeat: int, out: Path, export_repeat: int) -> list[tuple[str, float, float, float]]:
    py = median_time(lambda: cli("-c", "pass"), repeat)
    floor = median_time(lambda: cli("-c", "import clausekit.store"), repeat)
    rows = [("python -c pass (baseline)", *py, 1.0), ("python -c 'import clausekit.store'", *floor, floor[0] / py[0])]
    d = AS_OF.isoformat()
    for name, args, times in (
            ("clausekit deadlines --within 30", ("deadlines", "--within", "30", "--as-of", d), repeat),
            ("clausekit remind --dry-run", ("remind", "--dry-run", "--as-of", d), repeat),
            ("clausekit export ics --out FILE" + ("" if export_repeat == repeat else f", median of {export_repeat}"),
             ("export", "ics", "--out", str(out)), export_repeat)):
        t = median_time(lambda args=args: cli("-m", "clausekit", *args, "--db", str(path)), times)
        rows.append((name, *t, t[0] / py[0]))
    return rows


def explain(path: Path) -> None:
    from clausekit.store.repo import _ORDER, _SELECT

    db = store.open_db(path)
    queries = {
        "deadlines --within 30 / remind (dated)": (
            _SELECT + " WHERE coalesce(s.status, 'open') = :status AND (s.snoozed_until IS NULL OR "
            "s.snoozed_until <= :as_of OR coalesce(s.status, 'open') != 'open') AND d.due IS NOT NULL "
            "AND d.due <= :horizon" + _ORDER, {"status": "open", "as_of": "2026-01-15", "horizon": "2026-02-14"}),
        "remind (pending)": (
            _SELECT + " WHERE d.due IS NULL AND d.pending_on IS NOT NULL AND coalesce(s.status, 'open') = 'open' "
            "AND (s.snoozed_until IS NULL OR s.snoozed_until <= :as_of) ORDER BY doc.name, p.ordinal",
            {"as_of": "2026-01-15"}),
        "remind (sent log)": ("SELECT * FROM reminder_log WHERE status = ? ORDER BY id", ["sent"]),
    }
    for name, (sql, params) in queries.items():
        print(f"\nEXPLAIN QUERY PLAN — {name}")
        for row in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall():
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
    ap.add_argument("--dir", type=Path, default=Path("/tmp/ckb"))
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
            path = database(args.dir, n)
            export_repeat = args.export_repeat or args.repeat
            table(f"{n:,} deadlines — library", library(path, args.repeat, export_repeat), "raw read")
            table(f"{n:,} deadlines — command line",
                  command_line(path, args.repeat, Path(tmp) / "x.ics", export_repeat), "python startup")
    explain(database(args.dir, sizes[-1]))


if __name__ == "__main__":
    main()
