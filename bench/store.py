"""The tracker at scale: `deadlines` queries on synthetic databases of 1k, 10k and 100k deadlines.

    python bench/store.py                 # 1k, 10k, 100k (the 100k database takes a minute to build)
    python bench/store.py --sizes 1000 10000 --keep /tmp/bench-dbs

Each database holds N/10 contracts of 10 provisions each (a realistic mix: bare dates, periods
from an Effective Date, provisions pending on a Closing, recurring ones, windows), about 1 in 5
marked done, some snoozed and owned. Timings are medians of 7 runs; the baseline is the bare
indexed SQL (the same open deadlines due within 30 days fetched as bare tuples) measured in
the same run, so the ratio says what the store adds on top of SQLite (objects, state, notes).
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clausekit import store  # noqa: E402
from clausekit.store import repo  # noqa: E402
from clausekit.types import Event, Extraction, TimeProvision  # noqa: E402

AS_OF = date(2025, 6, 1)


def provisions(rng: random.Random, effective: date) -> list[TimeProvision]:
    out = []
    for j in range(10):
        shape = rng.random()
        base = dict(section=f"{j // 3 + 1}.{j % 3 + 1}", obligor=rng.choice([None, "Company", "Buyer"]),
                    action=f"obligation {j}", explanation=None, due=None, start=j * 100, end=j * 100 + 40)
        if shape < 0.35:
            d = effective + timedelta(days=rng.randint(-400, 900))
            out.append(TimeProvision(quote=f"no later than {d:%B %d, %Y} ({j})", kind="deadline", count=None,
                                     unit=None, direction="before", anchor=f"{d:%B %d, %Y}", date=d.isoformat(),
                                     **base))
        elif shape < 0.7:
            n = rng.choice([5, 10, 30, 60, 90])
            unit = rng.choice(["day", "business_day", "month"])
            out.append(TimeProvision(quote=f"within {n} {unit}s after the Effective Date ({j})", kind="deadline",
                                     count=n, unit=unit, direction="after", anchor="Effective Date", date=None,
                                     **base))
        elif shape < 0.85:
            out.append(TimeProvision(quote=f"within 10 days after the Closing Date ({j})", kind="deadline",
                                     count=10, unit="day", direction="after", anchor="Closing Date", date=None,
                                     **base))
        elif shape < 0.93:
            out.append(TimeProvision(quote=f"within 45 days after the end of each fiscal quarter ({j})",
                                     kind="deadline", count=45, unit="day", direction="after",
                                     anchor="end of each fiscal quarter", date=None, recurring=True, **base))
        else:
            out.append(TimeProvision(quote=f"upon thirty (30) days' prior written notice ({j})", kind="notice",
                                     count=30, unit="day", direction="before", anchor=None, date=None, **base))
    return out


def build(path: Path, n_deadlines: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = store.open_db(path)
    contracts = n_deadlines // 10

    def chunk(db, start: int, stop: int) -> None:
        for i in range(start, stop):
            sha = hashlib.sha256(f"contract {i}".encode()).hexdigest()
            effective = date(2021, 1, 1) + timedelta(days=rng.randint(0, 1500))
            x = Extraction(source={"path": f"dataroom/contract-{i:06d}.pdf", "sha256": sha, "format": "pdf"},
                           title=f"AGREEMENT {i}", agreement_date=effective.isoformat(),
                           deadlines=tuple(provisions(rng, effective)),
                           events=(Event(name="Effective Date", scheduled=effective.isoformat()),
                                   Event(name="Closing Date")))
            repo.save_extraction(db, x, at=None)

    for start in range(0, contracts, 500):
        store.write(db, lambda db, s=start: chunk(db, s, min(s + 500, contracts)))
    # user state: what a team that uses the tracker has: 9 in 10 deadlines more than a month past
    # marked done, 1 in 5 of the others done too; 1 in 20 snoozed, 1 in 10 owned
    old = (AS_OF - timedelta(days=30)).isoformat()
    uids = [(r[0], r[1]) for r in db.execute("SELECT uid, due FROM deadlines")]

    def state(db) -> None:
        for k, (uid, due) in enumerate(uids):
            if (due and due < old and k % 10 != 0) or k % 5 == 0:
                repo.set_status(db, uid, "done")
            elif k % 20 == 1:
                repo.snooze(db, uid, (AS_OF + timedelta(days=10)).isoformat())
            if k % 10 == 3:
                repo.set_owner(db, uid, f"lawyer{k % 7}")

    store.write(db, state)
    db.execute("ANALYZE")
    db.close()


def median_ms(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def plan(db) -> list[str]:
    """EXPLAIN QUERY PLAN of the very query `deadlines --within 30` runs."""
    where, params = repo._deadline_filter(db, AS_OF.isoformat(), within=30, overdue=False, status="open",
                                          contract=None, kind=None, text=None, include_snoozed=False)
    sql = "EXPLAIN QUERY PLAN " + repo._SELECT + " WHERE " + " AND ".join(where) + repo._ORDER
    return [r[3] for r in db.execute(sql, params)]


def measure(path: Path) -> dict:
    db = store.open_db(path)
    horizon = (AS_OF + timedelta(days=30)).isoformat()
    # the floor: the same rows fetched as bare tuples by one indexed query, no objects, no notes
    raw_sql = ("SELECT d.uid, d.due, p.quote, doc.name FROM deadlines d JOIN provisions p ON p.uid = d.uid "
               "JOIN documents doc ON doc.id = d.document_id "
               "WHERE d.status = 'open' AND d.due IS NOT NULL AND d.due <= ?")
    figures = {
        "rows": db.execute("SELECT count(*) FROM deadlines").fetchone()[0],
        "baseline_sql_ms": median_ms(lambda: db.execute(raw_sql, [horizon]).fetchall()),
        "within30_ms": median_ms(lambda: store.list_deadlines(db, as_of=AS_OF, within=30)),
        "within30_n": len(store.list_deadlines(db, as_of=AS_OF, within=30)),
        "overdue_ms": median_ms(lambda: store.list_deadlines(db, as_of=AS_OF, overdue=True)),
        "all_open_ms": median_ms(lambda: store.list_deadlines(db, as_of=AS_OF), runs=3),
        "one_contract_ms": median_ms(lambda: store.list_deadlines(db, as_of=AS_OF, contract="contract-000042")),
        "plan": plan(db),
    }
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "clausekit", "deadlines", "--db", str(path), "--as-of", AS_OF.isoformat(),
                    "--within", "30", "--format", "json"], cwd=ROOT, check=True, capture_output=True)
    figures["cli_within30_ms"] = (time.perf_counter() - t) * 1000
    db.close()
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--keep", type=Path, default=None, help="build databases here and keep them")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="clausekit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'deadlines':>10} {'build s':>8} {'SQL floor':>10} {'--within 30':>12} {'ratio':>6} {'hits':>6} "
          f"{'--overdue':>10} {'all open':>9} {'1 contract':>10} {'CLI --within 30':>16}")
    for n in args.sizes:
        path = folder / f"bench-{n}.db"
        t = time.perf_counter()
        if not path.exists():
            build(path, n)
        built = time.perf_counter() - t
        f = measure(path)
        print(f"{f['rows']:>10} {built:>8.1f} {f['baseline_sql_ms']:>8.2f}ms {f['within30_ms']:>10.2f}ms "
              f"{f['within30_ms'] / max(f['baseline_sql_ms'], 1e-6):>6.1f} {f['within30_n']:>6} "
              f"{f['overdue_ms']:>8.1f}ms {f['all_open_ms']:>7.0f}ms {f['one_contract_ms']:>8.2f}ms "
              f"{f['cli_within30_ms']:>14.0f}ms")
    print("\nEXPLAIN QUERY PLAN (deadlines --within 30):")
    for line in f["plan"]:
        print("  " + line)


if __name__ == "__main__":
    main()
