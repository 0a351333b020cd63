"""The reminder sent-log and the calendar export state (migration 0003).

``reminders_sent`` is append-only: a row says "this step of this deadline, at this due date,
went to this recipient". ``export_state`` keeps, per deadline, the ICS ``SEQUENCE`` and the
(due, status) fingerprint it was last exported with, so a calendar re-import updates events.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import NamedTuple

from sqlite_utils import Database

from clausekit.store.db import read, write
from clausekit.store.repo import _SELECT, _all, _deadline, _iso, _notes_for, _stamp, event_key
from clausekit.types import Deadline

SentKey = tuple[str, str, str, str]  # (deadline id, due key, step, recipient)


class PendingDeadline(NamedTuple):
    """An open deadline waiting for an event, with what is known about that event."""

    deadline: Deadline
    event_scheduled: str | None  # a scheduled date of the event (document or derived), if any
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
            for e in _all(db, f"""SELECT document_id, name_key, min(scheduled) AS scheduled FROM events
                                  WHERE document_id IN ({marks}) AND scheduled IS NOT NULL
                                  GROUP BY document_id, name_key""", chunk):
                scheduled[(e["document_id"], e["name_key"])] = e["scheduled"]
            for d in _all(db, f"SELECT id, agreement_date, ingested_at FROM documents WHERE id IN ({marks})", chunk):
                dated[d["id"]] = d["agreement_date"] or d["ingested_at"][:10]
        notes = _notes_for(db, [r["uid"] for r in rows])
        return [PendingDeadline(_deadline(r, notes.get(r["uid"], ())),
                                scheduled.get((r["document_id"], event_key(r["pending_on"]))),
                                dated[r["document_id"]]) for r in rows]

    return read(db, q)


def sent_keys(db: Database, *, uids: Iterable[str] | None = None) -> set[SentKey]:
    """Every (deadline id, due key, step, recipient) already reminded (optionally for some deadlines)."""
    def q(db: Database) -> set[SentKey]:
        if uids is None:
            return {tuple(r) for r in db.execute(
                "SELECT uid, due_key, step, recipient FROM reminders_sent").fetchall()}
        wanted = sorted(set(uids))
        out: set[SentKey] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            out |= {tuple(r) for r in db.execute(
                f"SELECT uid, due_key, step, recipient FROM reminders_sent WHERE uid IN ({', '.join('?' * len(chunk))})",
                chunk).fetchall()}
        return out

    return read(db, q)


def record_sent(db: Database, items: Iterable[tuple[str, str, str]], recipient: str, *,
                at: datetime | None = None) -> int:
    """Log that ``items`` — (deadline id, due key, step) — were sent to ``recipient``; one transaction.

    Returns how many were new (a key already logged is left as it was).
    """
    stamp = _stamp(at)
    rows = [(uid, due_key, step, recipient, stamp) for uid, due_key, step in items]

    def tx(db: Database) -> int:
        before = db.execute("SELECT total_changes()").fetchone()[0]
        db.conn.executemany("""INSERT OR IGNORE INTO reminders_sent (uid, due_key, step, recipient, sent_at)
                               VALUES (?, ?, ?, ?, ?)""", rows)
        return db.execute("SELECT total_changes()").fetchone()[0] - before

    return write(db, tx)


def sent_log(db: Database) -> list[dict]:
    """The whole sent-log, oldest first: dicts with uid, due_key, step, recipient, sent_at."""
    return read(db, lambda db: _all(db, "SELECT * FROM reminders_sent ORDER BY sent_at, uid, step, recipient"))


def export_sequences(db: Database, fingerprints: Mapping[str, str], *,
                     at: datetime | None = None) -> dict[str, tuple[int, str]]:
    """ICS ``(SEQUENCE, DTSTAMP)`` per deadline id, given each one's current fingerprint (its due date and status).

    A deadline seen for the first time gets sequence 0 stamped ``at``; one whose fingerprint
    differs from the last export gets sequence + 1 stamped ``at``; an unchanged one keeps both.
    Only new and changed rows are written (one transaction).
    """
    stamp = _stamp(at)

    def tx(db: Database) -> dict[str, tuple[int, str]]:
        known = {r[0]: (r[1], r[2], r[3]) for r in db.execute(
            "SELECT uid, sequence, fingerprint, changed_at FROM export_state").fetchall()}
        out: dict[str, tuple[int, str]] = {}
        changed = []
        for uid, fp in fingerprints.items():
            prev = known.get(uid)
            if prev is None:
                out[uid] = (0, stamp)
            elif prev[1] != fp:
                out[uid] = (prev[0] + 1, stamp)
            else:
                out[uid] = (prev[0], prev[2])
                continue
            changed.append((uid, out[uid][0], fp, stamp))
        if changed:
            db.conn.executemany("""INSERT INTO export_state (uid, sequence, fingerprint, changed_at)
                                   VALUES (?, ?, ?, ?) ON CONFLICT (uid) DO UPDATE SET
                                   sequence = excluded.sequence, fingerprint = excluded.fingerprint,
                                   changed_at = excluded.changed_at""", changed)
        return out

    return write(db, tx)
