"""THE synthetic clausekit database for the tracker benchmarks: N deadlines, through the store API.

    python bench/make_db.py --deadlines 100000 --out /tmp/ck-100k.db

Used by bench/tracker.py and bench/tui.py (``make_db.database(folder, n)`` builds on first use
and reuses a file whose generator version and size match). Contracts hold 5-35 time provisions
each (mean about 20), a realistic mix for a legal team's tracker, relative to ``AS_OF``
(2026-01-15, the date every tracker benchmark measures at):

- kinds: deadline 55 %, notice 20 %, expiry 10 %, window 15 %;
- how they are dated: a stated date 50 %, N days after the agreement's Effective Date 30 %
  (resolved by the real engine), waiting for an undated Closing 15 % (pending), undated
  recurring 5 %;
- when: overdue 25 % (up to 400 days back), due within 30 days 10 %, later 65 % (up to 900 days);
- user state: 40 % owned (20 e-mail addresses), done 60 % of the overdue and 7 % of the others,
  waived 5 %, snoozed 2 %; a few notes.

Speed (the old generator took ~10 minutes for 100k): the contracts are clones of ``--templates``
template agreements (each clone its own file hash, path, title and so its own provision ids),
saved with ``store.save_extraction`` in batches of 250 per transaction. The deadline engine is a
pure function of (provisions, events, calendar, agreement date), so while building, its
``resolve_provisions`` is memoised on those arguments: the engine runs once per template and
every clone stores exactly what the engine computed for it. User state is written with the
store's ``set_owner`` / ``set_status`` / ``snooze`` / ``add_note`` (audited, as in real use) in
batched transactions. Deterministic for a given --seed; written without fsync
(``PRAGMA synchronous = OFF`` on this connection only): it is a benchmark fixture.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from clausekit import deadlines as engine
from clausekit import store
from clausekit.types import Extraction

VERSION = 2  # bump when the mix changes: database() rebuilds files of another version
AS_OF = date(2026, 1, 15)
AT = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)  # when the user state was "changed"
KINDS = [("deadline", 55), ("notice", 20), ("expiry", 10), ("window", 15)]
OWNERS = [f"counsel{i:02d}@example.com" for i in range(20)]
ACTIONS = ["deliver the compliance certificate", "pay the deferred purchase price", "give notice of renewal",
           "file the annual report", "object to the closing statement", "exercise the option",
           "deliver audited financial statements", "notify the Agent of a Default", "repay the Loan",
           "hold the annual general meeting"]
OBLIGORS = ["Buyer", "Seller", "the Company", "Société Générale", "北京 Holdings, Ltd.", "the Borrower", "Agent"]
BATCH = 250
DEFAULT_DIR = Path(tempfile.gettempdir()) / "clausekit-bench"  # where the benchmarks keep their databases


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _offset(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.25:
        return -rng.randint(1, 400)
    if r < 0.35:
        return rng.randint(0, 30)
    return rng.randint(31, 900)


def provision(rng: random.Random, i: int, effective: date, as_of: date = AS_OF) -> dict:
    kind = _pick(rng, KINDS)
    action = rng.choice(ACTIONS)
    p = {"section": f"{i // 5 + 1}.{i % 5 + 1}", "kind": kind, "count": None, "unit": None, "direction": None,
         "anchor": None, "date": None, "due": None, "obligor": rng.choice(OBLIGORS), "action": action,
         "explanation": None, "pending_on": None, "calendar": None, "cap": None, "schedules": None,
         "start": i * 400, "end": i * 400 + 60}
    how = rng.random()
    if how < 0.50:
        due = as_of + timedelta(days=_offset(rng))
        p.update(date=due.isoformat(), quote=f"on or before {due:%B} {due.day}, {due.year}, {action}")
    elif how < 0.80:
        target = as_of + timedelta(days=_offset(rng))
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


def template(rng: random.Random, t: int, as_of: date = AS_OF) -> Extraction:
    effective = as_of - timedelta(days=rng.randint(30, 1500))
    size = rng.randint(5, 35)
    return Extraction.from_record({
        "schema": "clausekit.extraction/1",
        "source": {"path": f"templates/{t}.md", "sha256": "0" * 64, "format": "md"},
        "title": None, "agreement_date": effective.isoformat(),
        "governing_law": {"jurisdiction": None, "section": None},
        "calendar": {"name": "weekends", "source": "default"},
        "parties": [{"name": rng.choice(OBLIGORS), "aliases": [], "jurisdiction": None, "role": None}],
        "defined_terms": [], "sections": [],
        "deadlines": [provision(rng, i, effective, as_of) for i in range(size)],
        "conditions_precedent": [], "covenants": [],
        "events": [{"name": "Effective Date", "scheduled": effective.isoformat(), "source": "preamble"},
                   {"name": "Closing", "scheduled": None, "source": None}],
    })


def clone(x: Extraction, n: int, size: int) -> Extraction:
    return replace(x, source={"path": f"dataroom/agreement-{n:06d}.md", "format": "md",
                              "sha256": hashlib.sha256(f"synthetic {n}".encode()).hexdigest()},
                   title=f"Synthetic Agreement {n}", deadlines=x.deadlines[:size])


class _Memo:
    """``resolve_provisions`` memoised on its (hashable, frozen) arguments while the database is built."""

    def __init__(self) -> None:
        self.real = engine.resolve_provisions
        self.cache: dict = {}

    def __call__(self, provisions, events, **kw):
        key = (tuple(provisions), tuple(events), tuple(sorted(kw.items())))
        if key not in self.cache:
            resolved, new_events = self.real(provisions, events, **kw)
            self.cache[key] = (tuple(resolved), tuple(new_events))
        resolved, new_events = self.cache[key]
        return list(resolved), list(new_events)

    def __enter__(self):
        engine.resolve_provisions = self
        return self

    def __exit__(self, *exc) -> None:
        engine.resolve_provisions = self.real


def user_state(db, rng: random.Random, as_of_day: date = AS_OF) -> None:
    """Owners, done / waived, snoozes and a few notes, through the store's audited setters."""
    items = [(d.id, d.due) for d in store.list_deadlines(db, as_of=as_of_day, status="all", include_snoozed=True)]
    items.sort()  # list order is by due date; decide in id order so the mix does not follow the dates
    as_of = as_of_day.isoformat()
    for start in range(0, len(items), 5000):
        def tx(db, chunk=items[start:start + 5000]) -> None:
            for uid, due in chunk:
                if rng.random() < 0.40:
                    store.set_owner(db, uid, rng.choice(OWNERS), at=AT)
                r = rng.random()
                overdue = due is not None and due < as_of
                if r < (0.60 if overdue else 0.07):
                    store.set_status(db, uid, "done", at=AT)
                elif r < (0.65 if overdue else 0.12):
                    store.set_status(db, uid, "waived", at=AT)
                elif rng.random() < 0.02:
                    store.snooze(db, uid, as_of_day + timedelta(days=rng.randint(1, 60)), at=AT)
                if rng.random() < 0.01:
                    store.add_note(db, uid, "asked the counterparty; waiting for an answer", at=AT)

        store.write(db, tx)


def build(out: Path, deadlines: int, seed: int = 1, quiet: bool = False, templates: int = 128,
          as_of: date = AS_OF) -> Path:
    """Create ``out`` (replacing any file there) holding exactly ``deadlines`` synthetic deadlines,
    dated relative to ``as_of`` (tests use their own date)."""
    rng = random.Random(seed)
    for suffix in ("", "-wal", "-shm"):
        Path(str(out) + suffix).unlink(missing_ok=True)
    db = store.open_db(out)
    db.execute("PRAGMA synchronous = OFF")  # a throw-away benchmark file (the store keeps FULL for real use)
    pool = [template(rng, t, as_of) for t in range(templates)]
    made = n = 0
    t0 = time.perf_counter()
    with _Memo():
        while made < deadlines:
            def tx(db) -> None:
                nonlocal made, n
                for _ in range(BATCH):
                    if made >= deadlines:
                        return
                    x = pool[rng.randrange(templates)]
                    size = min(len(x.deadlines), deadlines - made)
                    store.save_extraction(db, clone(x, n, size), pipeline="synthetic", at=AT)
                    made += size
                    n += 1

            store.write(db, tx)
            if not quiet:
                print(f"  {made} deadlines in {n} contracts, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    t1 = time.perf_counter()
    user_state(db, rng, as_of)
    db.execute("ANALYZE")
    db.close()
    if not quiet:
        print(f"{out}: {made} deadlines in {n} contracts ({t1 - t0:.1f} s contracts, "
              f"{time.perf_counter() - t1:.1f} s user state)", file=sys.stderr)
    return out


def remind_the_night_before(path: Path) -> None:
    """Log the reminders of a run the night before ``AS_OF`` (stdout digest, leads 30,7,1): the
    state of a database whose nightly cron job has been running."""
    from clausekit import remind

    db = store.open_db(path)
    db.execute("PRAGMA synchronous = OFF")
    remind.run(db, as_of=AS_OF - timedelta(days=1), leads=(30, 7, 1), echo=lambda text: None, at=AT)
    db.close()


def database(folder: Path, n: int, *, nightly: bool = False) -> Path:
    """The benchmark database of ``n`` deadlines in ``folder``: built on first use, then reused.
    ``nightly``: a copy whose sent log holds the night before's reminders (see ``remind_the_night_before``)."""
    path = Path(folder) / f"clausekit-bench-v{VERSION}-{n}{'-nightly' if nightly else ''}.db"
    if nightly and not path.exists():
        tmp = path.with_name(path.name + ".building")
        db = store.open_db(database(folder, n))
        store.backup(db, tmp)
        db.close()
        remind_the_night_before(tmp)
        tmp.rename(path)
        return path
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        tmp = path.with_name(path.name + ".building")
        build(tmp, n, quiet=True)
        tmp.rename(path)
        print(f"  built {path} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deadlines", type=int, default=10_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--templates", type=int, default=128)
    args = ap.parse_args()
    build(args.out, args.deadlines, args.seed, templates=args.templates)


if __name__ == "__main__":
    main()
