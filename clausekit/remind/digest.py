"""Rendering a digest: the subject line, a plain-text body and an HTML body (one per recipient)."""
from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from clausekit.remind.select import OVERDUE, PENDING, SOON, Item

TITLES = {OVERDUE: "Overdue", SOON: "Due soon", PENDING: "Waiting for an event that should have happened"}


@dataclass(frozen=True)
class Digest:
    recipient: str
    items: tuple[Item, ...]
    as_of: date

    def count(self, group: str) -> int:
        return sum(1 for i in self.items if i.group == group)

    @property
    def subject(self) -> str:
        return subject(self.items)

    @property
    def text(self) -> str:
        return render_text(self.items, self.as_of)

    @property
    def html(self) -> str:
        return render_html(self.items, self.as_of)


def subject(items: Sequence[Item]) -> str:
    """"clausekit: 2 overdue, 3 due this week, 1 due within 30 days, 1 waiting for an event"."""
    overdue = sum(1 for i in items if i.group == OVERDUE)
    week = sum(1 for i in items if i.group == SOON and (i.days_left or 0) <= 7)
    later = [i for i in items if i.group == SOON and (i.days_left or 0) > 7]
    pending = sum(1 for i in items if i.group == PENDING)
    parts = []
    if overdue:
        parts.append(f"{overdue} overdue")
    if week:
        parts.append(f"{week} due this week")
    if later:
        parts.append(f"{len(later)} due within {max(i.days_left or 0 for i in later)} days")
    if pending:
        parts.append(f"{pending} waiting for an event")
    return "clausekit: " + (", ".join(parts) or "nothing due")


def days_text(item: Item) -> str:
    n = item.days_left
    if n is None:
        return "no date yet"
    if n < 0:
        return f"{-n} day{'s' if n != -1 else ''} overdue"
    if n == 0:
        return "due today"
    return f"{n} day{'s' if n != 1 else ''} left"


def _what(item: Item) -> str:
    d = item.deadline
    return " ".join((d.action or d.quote or "").split())


def _who(item: Item) -> str:
    d = item.deadline
    parts = []
    if d.obligor:
        parts.append(f"by {d.obligor}")
    if d.owner:
        parts.append(f"owner {d.owner}")
    return " ".join("; ".join(parts).split())  # one line, whatever the fields hold


def _where(item: Item) -> str:
    d = item.deadline
    return f"{d.contract_name} §{d.section}" if d.section else d.contract_name


def _why(item: Item) -> str:
    d = item.deadline
    if item.group == PENDING:
        known = (f"scheduled for {item.event_scheduled}, not recorded" if item.event_scheduled
                 else "no date recorded")
        return (f"waits for {d.pending_on} ({known}); record it with: "
                f"clausekit event {d.contract_name} \"{d.pending_on}\" YYYY-MM-DD")
    return d.explanation or d.quote


def _line_head(item: Item) -> str:
    d = item.deadline
    when = d.due or "pending"
    return f"{when}  {days_text(item)}  {_where(item)}  [{d.short_id}]"


def render_text(items: Sequence[Item], as_of: date) -> str:
    """The plain-text digest (also what is printed to stdout for cron)."""
    if not items:
        return ""
    out = [f"{subject(items)} (as of {as_of.isoformat()})"]
    for group in (OVERDUE, SOON, PENDING):
        members = [i for i in items if i.group == group]
        if not members:
            continue
        out += ["", f"{TITLES[group]} ({len(members)})"]
        for i in members:
            out.append(f"  {_line_head(i)}")
            out.append(f"      {_what(i)}" + (f"  ({_who(i)})" if _who(i) else ""))
            out.append(f"      {_why(i)}")
    out += ["", "Mark one done with `clausekit done ID`, or snooze it with `clausekit snooze ID DATE`."]
    return "\n".join(out) + "\n"


def render_html(items: Sequence[Item], as_of: date) -> str:
    """The HTML alternative: the same content as tables (every value escaped)."""
    e = html.escape
    parts = [f"<html><body><p><b>{e(subject(items))}</b> (as of {as_of.isoformat()})</p>"]
    for group in (OVERDUE, SOON, PENDING):
        members = [i for i in items if i.group == group]
        if not members:
            continue
        parts.append(f"<h3>{e(TITLES[group])} ({len(members)})</h3>")
        parts.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><tr><th>Due</th><th>Days</th>"
                     "<th>Contract</th><th>What and who</th><th>Why</th><th>ID</th></tr>")
        for i in members:
            d = i.deadline
            parts.append(f"<tr><td>{e(d.due or 'pending')}</td><td>{e(days_text(i))}</td><td>{e(_where(i))}</td>"
                         f"<td>{e(_what(i))}<br><small>{e(_who(i))}</small></td><td>{e(_why(i))}</td>"
                         f"<td><code>{e(d.short_id)}</code></td></tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def digests(items: Sequence[Item], as_of: date) -> list[Digest]:
    """One digest per recipient, recipients in first-seen order."""
    by: dict[str, list[Item]] = {}
    for i in items:
        by.setdefault(i.recipient, []).append(i)
    return [Digest(r, tuple(its), as_of) for r, its in by.items()]
