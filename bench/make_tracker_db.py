"""Synthetic tracker databases for benchmarks: N deadlines spread over contracts of PER deadlines.

    python bench/make_tracker_db.py OUT.db N [--per 100] [--as-of 2021-03-24]

Each contract is one synthetic ``Extraction`` saved with ``store.save_extraction`` (one
transaction per contract, the engine resolving every provision), with a realistic mix:
about 55% stated dates ("on or before June 1, 2022", from 200 days before ``as_of`` to three
years after), 25% counted from the contract's Effective Date ("within 30 days after the
Effective Date", calendar or business days), 10% waiting for a Closing Date nobody has
recorded (pending), 10% recurring or windows (undated); kinds deadline / notice / expiry /
window; a few done or waived, owners on some.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clausekit import store
from clausekit.types import Event, Extraction, Party, Section, TimeProvision

AT = datetime(2021, 3, 24, 9, 0, tzinfo=UTC)
ACTIONS = ("deliver the audited financial statements", "give notice of renewal", "pay the deferred consideration",
           "file the registration statement", "deliver the compliance certificate", "complete the closing",
           "return confidential information", "obtain the regulatory approvals", "hold the annual review",
           "register the transfer of shares")
OBLIGORS = ("Company", "Purchaser", "Seller", "Lender", "Borrower", "Licensee", None)
PARTIES = ("Acme Holdings Ltd.", "Borealis Capital LLC", "Cygnus Partners L.P.", "Delta Freight Inc.",
           "Eagle Rock Bank N.A.", "Fulcrum Technologies Corp.", "Granite Insurance Co.")


def _long(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _provision(rng: random.Random, i: int, as_of: date, section: str, offset: int) -> TimeProvision:
    action = rng.choice(ACTIONS)
    kind = rng.choices(("deadline", "notice", "expiry", "window"), (65, 20, 10, 5))[0]
    roll = rng.random()
    common = {"section": section, "kind": kind, "obligor": rng.choice(OBLIGORS), "action": action,
              "explanation": None, "due": None, "start": offset, "end": offset + 40}
    if roll < 0.55:
        d = as_of + timedelta(days=rng.randint(-200, 3 * 365))
        return TimeProvision(quote=f"on or before {_long(d)} (item {i})", count=None, unit=None, direction=None,
                             anchor=None, date=d.isoformat(), **common)
    if roll < 0.80:
        n = rng.choice((5, 7, 10, 15, 30, 45, 60, 90, 120, 180))
        unit = rng.choice(("day", "business_day"))
        words = "business days" if unit == "business_day" else "days"
        return TimeProvision(quote=f"within {n} {words} after the Effective Date (item {i})", count=n, unit=unit,
                             direction="after", anchor="Effective Date", date=None, **common)
    if roll < 0.90:
        n = rng.choice((3, 5, 10, 30))
        return TimeProvision(quote=f"within {n} days after the Closing Date (item {i})", count=n, unit="day",
                             direction="after", anchor="Closing Date", date=None, **common)
    return TimeProvision(quote=f"each fiscal quarter (item {i})", count=1, unit="month", direction=None,
                         anchor=None, date=None, recurring=True, **common)


def extraction(rng: random.Random, c: int, per: int, as_of: date) -> Extraction:
    sha = hashlib.sha256(f"synthetic contract {c}".encode()).hexdigest()
    effective = as_of - timedelta(days=rng.randint(0, 400))
    sections = tuple(Section(number=f"{s + 1}.1", heading=f"Heading {s + 1}", level=2, parent=None,
                             start=s * 1000, end=(s + 1) * 1000) for s in range(max(1, per // 5)))
    deadlines = tuple(_provision(rng, i, as_of, sections[i % len(sections)].number, (i % len(sections)) * 1000 + 10)
                      for i in range(per))
    a, b = rng.sample(PARTIES, 2)
    return Extraction(
        source={"path": f"synthetic/contract-{c:05d}.md", "sha256": sha, "format": "md"},
        title=f"SYNTHETIC AGREEMENT {c}", agreement_date=effective.isoformat(),
        parties=(Party(name=a, aliases=(a.split()[0],)), Party(name=b, aliases=(b.split()[0],))),
        sections=sections, deadlines=deadlines,
        events=(Event(name="Effective Date", scheduled=effective.isoformat(), source="preamble"),
                Event(name="Closing Date")),
    )


def make_db(path: Path, n: int, *, per: int = 100, as_of: date = date(2021, 3, 24), seed: int = 7) -> Path:
    """Create ``path`` holding ``n`` synthetic deadlines (replacing any file there)."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    db = store.open_db(path)
    contracts = max(1, n // per)
    for c in range(contracts):
        count = per if c < contracts - 1 else n - per * (contracts - 1)
        store.save_extraction(db, extraction(rng, c, count, as_of), at=AT)
    # some user state: a few done, waived, owned
    sample = store.list_deadlines(db, as_of=as_of, within=60)[:: max(1, n // 200)]
    for k, d in enumerate(sample):
        if k % 3 == 0:
            store.set_status(db, d.id, "done", at=AT)
        elif k % 3 == 1:
            store.set_owner(db, d.id, rng.choice(("ana", "ben", "chen")), at=AT)
        else:
            store.set_status(db, d.id, "waived", at=AT)
    db.close()
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("n", type=int)
    ap.add_argument("--per", type=int, default=100)
    ap.add_argument("--as-of", default="2021-03-24")
    args = ap.parse_args()
    make_db(Path(args.out), args.n, per=args.per, as_of=date.fromisoformat(args.as_of))
    print(args.out)


if __name__ == "__main__":
    main()
