"""iCalendar export (RFC 5545, with the ``icalendar`` package).

One all-day ``VEVENT`` per dated deadline: ``DTSTART;VALUE=DATE`` the due date and an
exclusive ``DTEND`` the day after; ``UID`` = deadline id + ``@clausekit`` (the id is the
provision's stable identity, so re-importing the file updates events instead of duplicating
them); ``SEQUENCE`` and ``DTSTAMP`` come from the store's export state (raised / re-stamped
whenever the due date or status changed since the last export); waived deadlines are
``STATUS:CANCELLED``; ``VALARM`` display alarms for the lead days on open deadlines.
Escaping and line folding are icalendar's.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from clausekit import __version__
from clausekit.types import Deadline

UID_DOMAIN = "clausekit"
PRODID = f"-//clausekit//clausekit {__version__}//EN"


def uid(d: Deadline) -> str:
    return f"{d.id}@{UID_DOMAIN}"


def fingerprint(d: Deadline) -> str:
    """What a SEQUENCE bump tracks: the due date and the status."""
    return f"{d.due}|{d.status}"


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


def _stamp(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC)


def vevent(d: Deadline, sequence: int, stamp: str, alarms: Sequence[int] = ()) -> Event:
    due = date.fromisoformat(d.due)
    ev = Event()
    ev.add("uid", uid(d))
    ev.add("dtstamp", _stamp(stamp))
    ev.add("last-modified", _stamp(stamp))
    ev.add("sequence", sequence)
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


def render_ics(deadlines: Iterable[Deadline], sequences: Mapping[str, tuple[int, str]], *,
               alarms: Sequence[int] = (7, 1), name: str = "clausekit deadlines") -> bytes:
    """The calendar as bytes; deadlines without a due date are skipped.

    ``sequences`` maps deadline id → (SEQUENCE, DTSTAMP ISO timestamp), see
    ``store.export_sequences``.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for d in deadlines:
        if d.due is None:
            continue
        seq, stamp = sequences[d.id]
        cal.add_component(vevent(d, seq, stamp, alarms))
    return cal.to_ical()
