"""Reading for the reminder job: open deadlines waiting for an event, with what is known of it.

(The sent log itself is ``begin_reminder`` / ``finish_reminder`` / ``list_reminders`` in repo.py.)
"""
from __future__ import annotations

from datetime import date
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
        docs = sorted({r["document_id"] for r in rows})
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
        notes = _notes_for(db, [r["uid"] for r in rows])
        return [PendingDeadline(_deadline(r, notes.get(r["uid"], ())),
                                scheduled.get((r["document_id"], event_key(r["pending_on"]))),
                                dated[r["document_id"]]) for r in rows]

    return read(db, q)
