"""What the tracker screens show, read and written through ``clausekit.store`` only. No Textual here.

Every function takes an open store database (each worker thread opens its own with
``Source.connect``: SQLite connections stay in the thread that made them) and returns
plain data the widgets render on the UI thread.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

from clausekit import store
from clausekit.types import AuditEntry, Contract, Deadline, Event, EventChange, SearchHit, Section

FIRST_PAGE = 80  # rows drawn first (more than a tall terminal shows)
PAGE = 200  # rows loaded at a time after that, as the cursor nears the end
STATUS_CHOICES = ("open", "all", "done", "waived")
KIND_CHOICES = ("deadline", "notice", "expiry", "window")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Source:
    """Where the data lives and how user changes are stamped (``clock`` is fixed in tests)."""

    path: Path
    clock: Callable[[], datetime] = utc_now

    @contextmanager
    def connect(self) -> Iterator:
        db = store.open_db(self.path)
        try:
            yield db
        finally:
            db.close()


def interrupt(db) -> None:
    """Stop the query running on ``db`` (called from another thread); that query raises an error."""
    db.conn.interrupt()


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters. ``status`` "open" hides done and waived; "all" shows everything."""

    status: str = "open"
    contract: int | None = None
    kind: str | None = None
    text: str = ""

    def query(self) -> dict:
        return {"status": self.status, "contract": self.contract, "kind": self.kind,
                "text": self.text.strip() or None, "include_snoozed": self.status != "open"}


@dataclass(frozen=True)
class Page:
    """One page of the sorted, filtered deadline list."""

    generation: int
    offset: int
    rows: tuple[Deadline, ...]
    limit: int


# ------------------------------------------------------------------ urgency

URGENCY_LABEL = {"overdue": "OVERDUE", "week": "7 DAYS", "month": "30 DAYS", "pending": "PENDING",
                 "done": "done", "waived": "waived", None: ""}


def days_left(d: Deadline, as_of: date) -> int | None:
    """Days from ``as_of`` to the due date (negative when past), None while undated."""
    return (date.fromisoformat(d.due) - as_of).days if d.due else None


def urgency(d: Deadline, as_of: date) -> str | None:
    """"overdue" | "week" (due within 7 days) | "month" (within 30) | "pending" (waits for an
    event) | "done" | "waived" | None (later, or undated)."""
    if d.status != "open":
        return d.status
    left = days_left(d, as_of)
    if left is None:
        return "pending" if d.pending_on else None
    if left < 0:
        return "overdue"
    if left <= 7:
        return "week"
    if left <= 30:
        return "month"
    return None


def what(d: Deadline) -> str:
    """What must happen: the action when extracted, else the provision's words."""
    return " ".join((d.action or d.quote or "").split())


def what_text(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def due_text(d: Deadline) -> str:
    if d.due:
        return d.due
    if d.pending_on:
        return "pending"
    return "recurring" if d.recurring else "-"


# ------------------------------------------------------------------ reading

def load_page(db, filters: Filters, as_of: date, *, offset: int, generation: int, limit: int = PAGE) -> Page:
    q = filters.query()
    rows = store.list_deadlines(db, as_of=as_of, limit=limit, offset=offset, **q)
    return Page(generation, offset, tuple(rows), limit)


def count(db, filters: Filters, as_of: date) -> int:
    return store.count_deadlines(db, as_of=as_of, **filters.query())


def summary(db, as_of: date) -> dict[str, int]:
    return store.deadline_summary(db, as_of=as_of)


@dataclass(frozen=True)
class Clause:
    """The sentence (or more) around a time expression; ``start``/``end`` locate the expression in ``text``."""

    text: str
    start: int
    end: int
    section: Section | None = None


@dataclass(frozen=True)
class DeadlineDetail:
    deadline: Deadline
    clause: Clause | None
    events: tuple[Event, ...]
    history: tuple[AuditEntry, ...]

    @property
    def anchor_events(self) -> tuple[Event, ...]:
        """The events this deadline hangs on (its anchor, or the event it waits for)."""
        names = {_key(n) for n in (self.deadline.anchor, self.deadline.pending_on) if n}
        return tuple(e for e in self.events if _key(e.name) in names)


def _key(name: str) -> str:
    return re.sub(r"^the ", "", " ".join(name.split()).casefold())


def load_detail(db, deadline_id: str) -> DeadlineDetail:
    d = store.get_deadline(db, deadline_id)
    events: tuple[Event, ...] = ()
    clause = None
    if d.contract_id is not None and not d.orphaned:
        events = tuple(store.list_events(db, d.contract_id))
        clause = clause_for(db, d)
    history = tuple(store.list_audit(db, deadline_id=d.id, limit=50))
    return DeadlineDetail(d, clause, events, history)


def clause_for(db, d: Deadline, *, around: int = 320) -> Clause:
    """The sentence holding the deadline's time expression, cut from its section's stored text.

    Falls back to the quote alone when the section's text was not stored (e.g. records
    ingested without their source file)."""
    alone = Clause(d.quote, 0, len(d.quote))
    if d.contract_id is None or not d.section:
        return alone
    found = store.section_text(db, d.contract_id, d.section)
    if not found or not found[1]:
        return replace(alone, section=found[0] if found else None)
    section, text = found
    start = (d.start - section.start) if d.start is not None and section.start is not None else -1
    if not (0 <= start <= len(text) and text[start:start + len(d.quote)] == d.quote):
        start = text.find(d.quote)
    if start < 0:
        return replace(alone, section=section)
    end = start + len(d.quote)
    return _sentence(text, start, end, around, section)


_BOUNDARY = re.compile(r"(?<=[.;:])\s+(?=[A-Z(\"“])|\n\s*\n")
#: a period after these ends no sentence ("the U.S. Securities and Exchange Commission", "Co. Ltd.")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:Inc|Ltd|Co|Corp|No|Nos|Mr|Ms|Mrs|Dr|Sec|Art|St|vs|cf|e\.g|i\.e|L\.P|N\.A))\.$")


def _boundaries(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BOUNDARY.finditer(text, lo, hi)
            if not _ABBREV.search(text[max(0, m.start() - 6):m.start()])]


def _sentence(text: str, start: int, end: int, around: int, section: Section | None) -> Clause:
    lo = max(0, start - around)
    hi = min(len(text), end + around)
    left = [b for _, b in _boundaries(text, lo, start)]
    right = [a for a, _ in _boundaries(text, end, hi)]
    a = left[-1] if left else lo
    b = right[0] if right else hi
    prefix = "…" if a > 0 and not left else ""
    suffix = "…" if b < len(text) and not right else ""
    body = text[a:b]
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    s = len(prefix) + (start - a - lead)
    return Clause(prefix + body + suffix, s, s + (end - start), section)


def load_contract(db, contract: int | str) -> tuple[Contract, tuple[Deadline, ...]]:
    c = store.get_contract(db, contract)
    deadlines = store.list_deadlines(db, as_of=date(1, 1, 1), contract=c.id, status="all", include_snoozed=True)
    return c, tuple(deadlines)


def load_section(db, contract: int, number: str) -> tuple[Section, str | None] | None:
    return store.section_text(db, contract, number)


def list_contracts(db) -> list[Contract]:
    return store.list_contracts(db)


def search(db, query: str, limit: int = 100) -> list[SearchHit]:
    return store.search(db, query, limit=limit)


def find_deadlines(db, text: str, as_of: date, limit: int = 20) -> list[Deadline]:
    return store.list_deadlines(db, as_of=as_of, status="all", text=text, include_snoozed=True, limit=limit)


# ------------------------------------------------------------------ writing (each stamped by the clock)

@dataclass(frozen=True)
class Change:
    """What an action did, for the confirmation shown to the user."""

    message: str
    deadline_id: str | None = None
    moved: tuple[EventChange, ...] = field(default_factory=tuple)
    event: str | None = None
    when: str | None = None


def set_status(db, source: Source, deadline_id: str, status: str) -> Change:
    d = store.set_status(db, deadline_id, status, at=source.clock())
    verb = {"open": "reopened", "done": "marked done", "waived": "waived"}[status]
    return Change(f"{d.short_id} {verb}: {d.contract_name} {d.section or ''}".rstrip(), d.id)


def set_owner(db, source: Source, deadline_id: str, owner: str) -> Change:
    d = store.set_owner(db, deadline_id, owner, at=source.clock())
    return Change(f"{d.short_id} assigned to {d.owner}" if d.owner else f"{d.short_id} unassigned", d.id)


def add_note(db, source: Source, deadline_id: str, text: str) -> Change:
    n = store.add_note(db, deadline_id, text, at=source.clock())
    return Change(f"{n.deadline_id[:8]} note added", n.deadline_id)


def snooze(db, source: Source, deadline_id: str, until: date | None) -> Change:
    d = store.snooze(db, deadline_id, until, at=source.clock())
    msg = f"{d.short_id} snoozed until {d.snoozed_until}" if d.snoozed_until else f"{d.short_id} no longer snoozed"
    return Change(msg, d.id)


def record_event(db, source: Source, contract: int, name: str, when: date | None, deadline_id: str | None) -> Change:
    moved = tuple(store.record_event(db, contract, name, when, at=source.clock()))
    day = when.isoformat() if when else None
    head = f"{name} recorded as {day}" if day else f"{name}: recorded date cleared"
    tail = f"; {len(moved)} deadline{'s' if len(moved) != 1 else ''} moved"
    return Change(head + tail, deadline_id, moved, name, day)


def parse_day(text: str) -> date:
    """A date typed by the user: YYYY-MM-DD only (unambiguous); ValueError with a readable message."""
    value = (text or "").strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value or '(empty)'!r} is not a date: type YYYY-MM-DD, e.g. 2021-04-13") from None
