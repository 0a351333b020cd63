"""Resolve a synthetic database of ~100,000 deadlines (3,000 contracts x 33 provisions) the way the
store does after an event is recorded: resolve_provisions once per contract.

Prints time per contract and per deadline, cold (holiday tables and exchange sessions being
built) and warm, and the ratio to a baseline measured in the same run: plain calendar-day
arithmetic (date + timedelta) over the same provisions.

    python bench/bench_deadlines.py [--contracts 3000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clausekit.deadlines import resolve_provisions  # noqa: E402
from clausekit.types import Event, TimeProvision  # noqa: E402

CALENDARS = ["HK", "US", "US-NY", "GB", "CN", "HK+US", "weekends", "JP", "SG"]
SHAPES = [
    (7, "business_day", "after", "Effective Date"),
    (90, "day", "after", "Effective Date"),
    (60, "day", "after", "Closing"),
    (10, "business_day", "before", "Closing"),
    (3, "month", "after", "Closing"),
    (1, "year", "after", "Effective Date"),
    (30, "trading_day", "before", "Effective Date"),
    (None, None, "before", "Closing Date"),
    (5, "business_day", "after", "receipt of notice"),
]


def provision(quote, count, unit, direction, anchor, schedules=None) -> TimeProvision:
    return TimeProvision(
        quote=quote,
        section=None,
        kind="deadline",
        count=count,
        unit=unit,
        direction=direction,
        anchor=anchor,
        date=None,
        due=None,
        obligor=None,
        action=None,
        explanation=None,
        start=0,
        end=1,
        schedules=schedules,
    )


def contract(rng: random.Random):
    effective = dt.date(1999, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 26))
    provs = [
        provision(
            "on the seventh (7th) business day after the Effective Date",
            7,
            "business_day",
            "after",
            "Effective Date",
            schedules="Closing Date",
        )
    ]
    provs += [provision(f"q{j}", *rng.choice(SHAPES)) for j in range(32)]
    return provs, [Event("Effective Date", scheduled=effective.isoformat())], rng.choice(CALENDARS)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--contracts", type=int, default=3000)
    args = ap.parse_args()
    rng = random.Random(7)
    contracts = [contract(rng) for _ in range(args.contracts)]
    n = sum(len(p) for p, _, _ in contracts)

    t = time.perf_counter()
    for provs, events, _ in contracts:
        start = dt.date.fromisoformat(events[0].scheduled)
        for p in provs:
            start + dt.timedelta(days=p.count or 0)
    base = time.perf_counter() - t

    print(f"{n} deadlines in {len(contracts)} contracts; baseline (date + timedelta): {base * 1000:.0f} ms")
    for label in ("cold", "warm"):
        t = time.perf_counter()
        resolved = 0
        for provs, events, cal in contracts:
            out, _ = resolve_provisions(provs, events, calendar=cal)
            resolved += sum(1 for p in out if p.due)
        el = time.perf_counter() - t
        print(
            f"{label}: {el:.2f} s = {el / len(contracts) * 1000:.2f} ms per contract, "
            f"{el / n * 1e6:.0f} us per deadline ({resolved} dated); {el / base:.0f}x the baseline"
        )


if __name__ == "__main__":
    main()
