"""The export row of a deadline (every column a spreadsheet user needs) and the JSON document."""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from clausekit.types import Deadline

JSON_VERSION = 1

#: export columns, in spreadsheet order
COLUMNS = ("contract", "contract_title", "section", "kind", "quote", "action", "obligor", "due", "days_left",
           "overdue", "status", "owner", "snoozed_until", "explanation", "anchor", "anchor_date", "pending_on",
           "calendar", "recurring", "notes", "id", "short_id", "start", "end")


def deadline_row(d: Deadline, as_of: date) -> dict:
    """One deadline as a flat dict of ``COLUMNS`` (``notes`` joined as "time: text" lines)."""
    return {
        "contract": d.contract_name, "contract_title": d.contract_title, "section": d.section, "kind": d.kind,
        "quote": d.quote, "action": d.action, "obligor": d.obligor, "due": d.due,
        "days_left": (date.fromisoformat(d.due) - as_of).days if d.due else None,
        "overdue": d.is_overdue(as_of.isoformat()), "status": d.status, "owner": d.owner,
        "snoozed_until": d.snoozed_until, "explanation": d.explanation, "anchor": d.anchor,
        "anchor_date": d.date, "pending_on": d.pending_on, "calendar": d.calendar, "recurring": d.recurring,
        "notes": "\n".join(f"{n.at}: {n.text}" for n in d.notes) or None, "id": d.id, "short_id": d.short_id,
        "start": d.start, "end": d.end,
    }


def render_json(deadlines: Iterable[Deadline], as_of: date) -> str:
    """``{"version": 1, "as_of": ..., "deadlines": [row, ...]}`` (notes as a list of {at, text})."""
    rows = []
    for d in deadlines:
        row = deadline_row(d, as_of)
        row["notes"] = [{"at": n.at, "text": n.text} for n in d.notes]
        rows.append(row)
    doc = {"version": JSON_VERSION, "as_of": as_of.isoformat(), "deadlines": rows}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
