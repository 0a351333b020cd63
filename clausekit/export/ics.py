"""iCalendar export (RFC 5545, with the ``icalendar`` package).

One all-day ``VEVENT`` per dated deadline: ``DTSTART;VALUE=DATE`` the due date and an
exclusive ``DTEND`` the day after; ``UID`` = deadline id + ``@clausekit`` (the id is the
provision's stable identity, so re-importing the file updates events instead of duplicating
them); ``SEQUENCE`` is the store's revision counter of the deadline (raised whenever its due
date, pending event or explanation is recomputed differently, and whenever the user changes
its status, owner, snooze or notes) and ``DTSTAMP`` its last change, so exporting an
unchanged database gives the same bytes; waived deadlines are
``STATUS:CANCELLED``; ``VALARM`` display alarms for the lead days on open deadlines.
Escaping and line folding are icalendar's.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from clausekit import __version__
from clausekit.types import Deadline

UID_DOMAIN = "clausekit"
PRODID = f"-//clausekit//clausekit {__version__}//EN"


def uid(d: Deadline) -> str:
    return f"{d.id}@{UID_DOMAIN}"


def summary(d: Deadline) -> str:
    what = " ".join((d.action or d.quote or d.kind).split())
    if len(what) > 120:
        what = what[:119] + "…"
    prefix = {"done": "[done] ", "waived": "[waived] "}.get(d.status, "")
    return f"{prefix}{what} — {d.contract_title or d.contract_name}"


def description(d: Deadline) -> str:
    lines = [f"“{d.quote}”"]
    lines.append(f"Contract: {d.contract_name}" + (f" ({d.contract_title})" if d.contract_title else ""))
    if d.section:
        lines.append(f"Section: {d.section}")
    if d.explanation:
        lines.append(f"Due: {d.explanation}")
    if d.obligor:
        lines.append(f"Obligor: {d.obligor}")
    if d.owner:
        lines.append(f"Owner: {d.owner}")
    lines.append(f"Status: {d.status}")
    lines.append(f"clausekit id: {d.short_id}")
    return "\n".join(lines)


EPOCH = "1970-01-01T00:00:00+00:00"


def _stamp(text: str | None) -> datetime:
    at = datetime.fromisoformat(text or EPOCH)
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)


def vevent(d: Deadline, alarms: Sequence[int] = ()) -> Event:
    due = date.fromisoformat(d.due)
    ev = Event()
    ev.add("uid", uid(d))
    stamp = _stamp(d.changed_at or d.updated_at)
    ev.add("dtstamp", stamp)
    ev.add("last-modified", stamp)
    ev.add("sequence", d.revision)
    ev.add("dtstart", due)
    ev.add("dtend", due + timedelta(days=1))
    ev.add("summary", summary(d))
    ev.add("description", description(d))
    ev.add("categories", [d.kind])
    ev.add("status", "CANCELLED" if d.status == "waived" else "CONFIRMED")
    ev.add("transp", "TRANSPARENT")
    if d.status == "open":
        for days in sorted(set(alarms), reverse=True):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{'Due today' if days == 0 else f'Due in {days} days'}: {summary(d)}")
            alarm.add("trigger", timedelta(days=-days))
            ev.add_component(alarm)
    return ev


#: below this many events one process renders them all (a pool costs more than it saves)
PARALLEL_MIN = 2000
_END = b"END:VCALENDAR\r\n"
_CHUNKS: list[tuple[list[Deadline], tuple[int, ...]]] = []  # inherited by forked workers, not pickled


def _events(deadlines: Sequence[Deadline], alarms: Sequence[int]) -> bytes:
    return b"".join(vevent(d, alarms).to_ical() for d in deadlines)


def _chunk(i: int) -> bytes:
    return _events(*_CHUNKS[i])


def _render_forked(chunks: list[list[Deadline]], alarms: tuple[int, ...], workers: int) -> bytes:
    """Each chunk's events rendered in a forked worker that inherits the deadlines (no pickling)."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    _CHUNKS[:] = [(c, alarms) for c in chunks]
    gc.freeze()  # the workers' collections would copy every inherited page (they contend: ~2x slower)
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            return b"".join(pool.map(_chunk, range(len(chunks))))
    finally:
        gc.unfreeze()
        _CHUNKS.clear()


def render_ics(deadlines: Iterable[Deadline], *, alarms: Sequence[int] = (7, 1),
               name: str = "clausekit deadlines", workers: int | None = None,
               parallel_min: int = PARALLEL_MIN) -> bytes:
    """The calendar as bytes; deadlines without a due date are skipped.

    icalendar builds and serializes every event (~0.5 ms each, most of it in its property
    objects and line folding; it has no faster serializer), so a large export renders its events
    in ``workers`` processes (default: one per CPU) and splices them into the calendar: the bytes
    are the same as ``Calendar.to_ical()`` with every event added (tests/test_export_parallel.py).
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    dated = [d for d in deadlines if d.due is not None]
    alarms = tuple(alarms)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers > 1 and len(dated) >= parallel_min and hasattr(os, "fork"):
        size = -(-len(dated) // workers)  # one even share each (more, smaller chunks measured slower)
        body = _render_forked([dated[i:i + size] for i in range(0, len(dated), size)], alarms, workers)
    else:
        body = _events(dated, alarms)
    head = cal.to_ical()
    if not head.endswith(_END):
        raise RuntimeError("icalendar ended the calendar unexpectedly")
    return head[:-len(_END)] + body + _END
