"""Reading for the reminder job: its candidates (slim rows, no text), what was sent for them, the
full deadlines of the few to remind, and open deadlines waiting for an event with what is known of it.

(The sent log itself is ``begin_reminder`` / ``finish_reminder`` / ``list_reminders`` in repo.py.)
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import NamedTuple

from clausekit.store._sqlite_utils import Database

from clausekit.store.db import read
from clausekit.store.repo import _SELECT, _all, _deadline, _iso, _notes_for, event_key
from clausekit.types import Deadline


class PendingDeadline(NamedTuple):
    """An open deadline waiting for an event, with what is known about that event."""

    deadline: Deadline
    event_scheduled: str | None  # the earliest scheduled date of the event (document or derived), if any
    contract_dated: str  # the agreement date, else the day the contract was first ingested


class Candidate(NamedTuple):
    """What the reminder's selection reads of a deadline (``Deadline``'s names), before the full row
    is loaded for the few that are not reminded already."""

    id: str
    document_id: int
    due: str | None
    pending_on: str | None
    status: str
    owner: str | None
    contract_name: str = ""  # unknown until loaded; selection does not use it
    section: str | None = None


# d.status mirrors deadline_state's status (migration 0005): "open, due by D" is one index range
_OPEN_AWAKE = "d.status = 'open' AND (s.snoozed_until IS NULL OR s.snoozed_until <= :as_of)"
_CANDIDATES = """SELECT d.uid, d.document_id, d.due, d.pending_on, coalesce(s.status, 'open') AS status, s.owner
FROM deadlines d LEFT JOIN deadline_state s ON s.uid = d.uid WHERE """ + _OPEN_AWAKE


def reminder_candidates(db: Database, *, as_of: date | str, within: int
                        ) -> tuple[list[Candidate], list[tuple[Candidate, str | None, str]]]:
    """The reminder's candidates without loading their text: open, not snoozed deadlines due on or
    before ``as_of + within`` days (overdue included), and those waiting for an event, each with the
    event's earliest scheduled date and the contract's date (as ``pending_deadlines``). Two index
    walks over ``deadlines`` and ``deadline_state``; ``deadlines_by_id`` loads the ones to remind."""
    as_of_s = _iso(as_of, "as-of date")
    horizon = (date.fromisoformat(as_of_s) + timedelta(days=within)).isoformat()

    def q(db: Database):
        params = {"as_of": as_of_s, "horizon": horizon}
        dated = [Candidate(*r) for r in db.execute(
            _CANDIDATES + " AND d.due IS NOT NULL AND d.due <= :horizon", params)]
        pending = [Candidate(*r) for r in db.execute(
            _CANDIDATES + " AND +d.due IS NULL AND d.pending_on IS NOT NULL", params)]  # walks idx_deadlines_pending
        info = _event_info(db, pending)
        return dated, [(c, *info(c)) for c in pending]

    return read(db, q)


def sent_reminder_keys(db: Database) -> set[tuple[str, str, int, str, str]]:
    """(deadline id, due, lead days, recipient, channel) of every reminder delivered ("sent"), as plain
    tuples (``list_reminders`` builds a record per row: slow on a log of years of nights)."""
    return read(db, lambda db: set(db.execute(
        "SELECT uid, due, lead_days, recipient, channel FROM reminder_log WHERE status = 'sent'")))


def deadlines_by_id(db: Database, uids: Iterable[str]) -> dict[str, Deadline]:
    """Full ``Deadline``s (with notes) of these ids, by id; ids that are not tracked are left out."""
    def q(db: Database) -> dict[str, Deadline]:
        ids = list(dict.fromkeys(uids))
        rows = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows += _all(db, _SELECT + f" WHERE d.uid IN ({', '.join('?' * len(chunk))})", chunk)
        notes = _notes_for(db) if len(rows) > 500 else _notes_for(db, [r["uid"] for r in rows])
        return {r["uid"]: _deadline(r, notes.get(r["uid"], ())) for r in rows}

    return read(db, q)


def _event_info(db: Database, rows) -> Callable[[object], tuple[str | None, str]]:
    """For deadlines waiting for an event (``document_id``, ``pending_on``): a function giving the
    event's earliest scheduled date (document or derived) and the contract's date (the agreement
    date, else the day the contract was first ingested)."""
    docs = sorted({r.document_id for r in rows})
    scheduled: dict[tuple[int, str], str] = {}
    dated: dict[int, str] = {}
    for i in range(0, len(docs), 500):
        chunk = docs[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for e in _all(db, f"""SELECT document_id, name, scheduled FROM events
                              WHERE document_id IN ({marks}) AND scheduled IS NOT NULL""", chunk):
            key = (e["document_id"], event_key(e["name"]))
            if key not in scheduled or e["scheduled"] < scheduled[key]:
                scheduled[key] = e["scheduled"]
        for d in _all(db, f"SELECT id, agreement_date, ingested_at FROM documents WHERE id IN ({marks})", chunk):
            dated[d["id"]] = d["agreement_date"] or d["ingested_at"][:10]
    return lambda r: (scheduled.get((r.document_id, event_key(r.pending_on))), dated[r.document_id])


def pending_deadlines(db: Database, *, as_of: date | str) -> list[PendingDeadline]:
    """Open, not snoozed (as of ``as_of``) deadlines with no due date that wait for an event."""
    as_of_s = _iso(as_of, "as-of date")

    def q(db: Database) -> list[PendingDeadline]:
        rows = _all(db, _SELECT + """
            WHERE d.due IS NULL AND d.pending_on IS NOT NULL AND coalesce(s.status, 'open') = 'open'
              AND (s.snoozed_until IS NULL OR s.snoozed_until <= :as_of)
            ORDER BY doc.name, p.ordinal""", {"as_of": as_of_s})
        if not rows:
            return []
        notes = _notes_for(db, [r["uid"] for r in rows])
        keys = [_Row(r["document_id"], r["pending_on"]) for r in rows]
        info = _event_info(db, keys)
        return [PendingDeadline(_deadline(r, notes.get(r["uid"], ())), *info(k)) for r, k in zip(rows, keys)]

    return read(db, q)


class _Row(NamedTuple):
    document_id: int
    pending_on: str
