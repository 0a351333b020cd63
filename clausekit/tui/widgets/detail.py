"""The detail pane: clause with its time expression highlighted, the date's explanation,
anchor event, owner, notes and history of the selected deadline."""
from __future__ import annotations

from datetime import date

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from clausekit.tui.data import URGENCY_LABEL, Clause, DeadlineDetail, days_left, urgency, what
from clausekit.types import AuditEntry

HIGHLIGHT = "bold reverse underline"
LABEL = "bold"


def clause_text(clause: Clause) -> Text:
    """The clause with the time expression highlighted (reverse + underline: visible without colour)."""
    text = Text(clause.text)
    text.stylize(HIGHLIGHT, clause.start, clause.end)
    return text


def _line(label: str, value: str | Text | None) -> Text:
    out = Text(f"{label}: ", style=LABEL)
    out.append(value if isinstance(value, Text) else Text(value or "-"))
    return out


def history_line(a: AuditEntry) -> str:
    if a.action == "note":
        return f"{a.at}  note: {a.new}"
    return f"{a.at}  {a.action}: {a.old or '-'} → {a.new or '-'}"


def render_detail(detail: DeadlineDetail, as_of: date) -> Group:
    d = detail.deadline
    level = urgency(d, as_of)
    left = days_left(d, as_of)
    head = Text(f"{d.contract_name}  §{d.section or '-'}  ", style="bold")
    head.append(f"{d.kind} · {d.status}")
    if URGENCY_LABEL[level] and level not in ("done", "waived"):
        head.append(f"  [{URGENCY_LABEL[level]}]", style="bold")
    head.append(f"  id {d.short_id}", style="dim")
    parts: list = [head]
    if d.orphaned:
        parts.append(Text("orphaned: the provision is no longer extracted from the document; your state is kept",
                          style="italic"))
    parts.append(_line("What", what(d)))
    parts.append(_line("Who must act", d.obligor))
    if detail.clause is not None:
        where = ""
        if detail.clause.section is not None:
            s = detail.clause.section
            where = f" (§{s.number}{' ' + s.heading if s.heading else ''})"
        parts.append(Text(f"Clause{where}:", style=LABEL))
        parts.append(clause_text(detail.clause))
    if d.due:
        due = f"{d.due} ({'overdue by ' + str(-left) + ' days' if left is not None and left < 0 else str(left) + ' days left'})"
    elif d.pending_on:
        due = f"pending: waits for {d.pending_on}"
    else:
        due = "recurring, no single date" if d.recurring else "no date"
    parts.append(_line("Due", due))
    parts.append(_line("Why", d.explanation or "no explanation stored"))
    for e in detail.anchor_events:
        when = f"scheduled {e.scheduled or '—'}, recorded {e.recorded or '—'}"
        parts.append(_line("Anchor event", f"{e.name}: {when}"))
    if not detail.anchor_events and (d.anchor or d.pending_on):
        parts.append(_line("Anchor", d.anchor or d.pending_on))
    parts.append(_line("Owner", d.owner or "unassigned"))
    if d.snoozed_until:
        parts.append(_line("Snoozed until", d.snoozed_until))
    if d.notes:
        parts.append(Text("Notes:", style=LABEL))
        parts.extend(Text(f"  {n.at}  {n.text}") for n in d.notes)
    if detail.history:
        parts.append(Text("History:", style=LABEL))
        parts.extend(Text("  " + history_line(a)) for a in detail.history)
    return Group(*parts)


class DetailPane(VerticalScroll):
    DEFAULT_CSS = """
    DetailPane { height: 1fr; padding: 0 1; }
    DetailPane > Static { width: 1fr; }
    """

    def compose(self):
        yield Static("Select a deadline to see its clause, date and history.", id="detail-body")

    def show(self, detail: DeadlineDetail, as_of: date) -> None:
        self.detail = detail
        self.query_one("#detail-body", Static).update(render_detail(detail, as_of))

    def message(self, text: str) -> None:
        self.detail = None
        self.query_one("#detail-body", Static).update(Text(text))
