"""Build a synthetic clausekit database with N deadlines, through the store API.

    python bench/make_db.py --deadlines 100000 --out /tmp/ck-100k.db

Contracts hold 5-40 time provisions each (mean about 20), a realistic mix for a legal team's
tracker, relative to ``--as-of`` (default 2026-01-15, the date bench/tracker.py measures at):

- kinds: deadline 55 %, notice 20 %, expiry 10 %, window 15 %;
- how they are dated: a stated date 50 %, N days / business days after the agreement's
  Effective Date 30 % (resolved by the real engine), waiting for an undated Closing 15 %,
  undated (recurring) 5 %;
- when: overdue 25 % (up to 400 days back), due within 30 days 10 %, later 65 % (up to 900 days);
- user state: 40 % owned (20 e-mail addresses), 20 % done (mostly the overdue ones), 5 %
  waived, 2 % snoozed.

Each contract is one ``store.save_extraction`` transaction plus one transaction for its user
state. The output is deterministic for a given --seed. The file is written without fsync
(``PRAGMA synchronous = OFF`` on this connection only): it is a benchmark fixture.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clausekit import store
from clausekit.types import Extraction

AS_OF = date(2026, 1, 15)
KINDS = [("deadline", 55), ("notice", 20), ("expiry", 10), ("window", 15)]
OWNERS = [f"counsel{i:02d}@example.com" for i in range(20)]
ACTIONS = ["deliver the compliance certificate", "pay the deferred purchase price", "give notice of renewal",
           "file the annual report", "object to the closing statement", "exercise the option",
           "deliver audited financial statements", "notify the Agent of a Default", "repay the Loan",
           "hold the annual general meeting"]
OBLIGORS = ["Buyer", "Seller", "the Company", "Société Générale", "北京 Holdings, Ltd.", "the Borrower", "Agent"]


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _offset(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.25:
        return -rng.randint(1, 400)
    if r < 0.35:
        return rng.randint(0, 30)
    return rng.randint(31, 900)


def provision(rng: random.Random, i: int, effective: date) -> dict:
    kind = _pick(rng, KINDS)
    action = rng.choice(ACTIONS)
    p = {"section": f"{i // 5 + 1}.{i % 5 + 1}", "kind": kind, "count": None, "unit": None, "direction": None,
         "anchor": None, "date": None, "due": None, "obligor": rng.choice(OBLIGORS), "action": action,
         "explanation": None, "pending_on": None, "calendar": None, "cap": None, "schedules": None,
         "start": i * 400, "end": i * 400 + 60}
    how = rng.random()
    if how < 0.50:
        due = AS_OF + timedelta(days=_offset(rng))
        p.update(date=due.isoformat(), quote=f"on or before {due:%B} {due.day}, {due.year}, {action}")
    elif how < 0.80:
        target = AS_OF + timedelta(days=_offset(rng))
        days = max(1, (target - effective).days)
        p.update(count=days, unit="day", direction="after", anchor="Effective Date",
                 quote=f"within {days} days after the Effective Date, {action}")
    elif how < 0.95:
        n = rng.choice([5, 10, 15, 30])
        p.update(count=n, unit="business_day", direction="after", anchor="Closing",
                 quote=f"within {n} Business Days after the Closing, {action}")
    else:
        p.update(kind="deadline", quote=f"within 45 days after the end of each fiscal quarter, {action}")
        p["recurring"] = True
    return p


def contract(rng: random.Random, n: int, size: int) -> dict:
    effective = AS_OF - timedelta(days=rng.randint(30, 1500))
    return {
        "schema": "clausekit.extraction/1",
        "source": {"path": f"dataroom/agreement-{n:06d}.md",
                   "sha256": hashlib.sha256(f"synthetic {n}".encode()).hexdigest(), "format": "md"},
        "title": f"Synthetic Agreement {n}", "agreement_date": effective.isoformat(),
        "governing_law": {"jurisdiction": None, "section": None},
        "calendar": {"name": "weekends", "source": "default"},
        "parties": [{"name": rng.choice(OBLIGORS), "aliases": [], "jurisdiction": None, "role": None}],
        "defined_terms": [], "sections": [],
        "deadlines": [provision(rng, i, effective) for i in range(size)],
        "conditions_precedent": [], "covenants": [],
        "events": [{"name": "Effective Date", "scheduled": effective.isoformat(), "source": "preamble"},
                   {"name": "Closing", "scheduled": None, "source": None}],
    }


def user_state(db, rng: random.Random, contract_id: int) -> None:
    """Owners, done / waived and snoozes for one contract, in one transaction."""
    items = store.list_deadlines(db, as_of=AS_OF, status="all", contract=contract_id, include_snoozed=True)

    def tx(db) -> None:
        for d in items:
            if rng.random() < 0.40:
                store.set_owner(db, d.id, rng.choice(OWNERS))
            r = rng.random()
            overdue = d.due is not None and d.due < AS_OF.isoformat()
            if r < (0.60 if overdue else 0.07):
                store.set_status(db, d.id, "done")
            elif r < (0.65 if overdue else 0.12):
                store.set_status(db, d.id, "waived")
            elif rng.random() < 0.02:
                store.snooze(db, d.id, AS_OF + timedelta(days=rng.randint(1, 60)))

    store.write(db, tx)


def build(out: Path, deadlines: int, seed: int = 1, quiet: bool = False) -> None:
    rng = random.Random(seed)
    if out.exists():
        out.unlink()
    db = store.open_db(out)
    # a throw-away benchmark file: no fsync per commit (the store keeps synchronous=FULL for real use)
    db.execute("PRAGMA synchronous = OFF")
    made = n = 0
    t0 = time.perf_counter()
    while made < deadlines:
        size = min(rng.randint(5, 35), deadlines - made)
        result = store.save_extraction(db, Extraction.from_record(contract(rng, n, size)), pipeline="synthetic")
        user_state(db, rng, result.contract_id)
        made += size
        n += 1
        if not quiet and n % 500 == 0:
            print(f"  {made} deadlines in {n} contracts, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    db.execute("PRAGMA optimize")
    db.close()
    if not quiet:
        print(f"{out}: {made} deadlines in {n} contracts ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deadlines", type=int, default=10_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    build(args.out, args.deadlines, args.seed)


if __name__ == "__main__":
    main()
