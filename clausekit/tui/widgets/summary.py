"""The header line: as-of date and counts (overdue / this week / this month / pending)."""
from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from clausekit.tui.widgets.deadline_table import ROW_STYLE


def summary_text(as_of: date, counts: dict[str, int] | None, shown: int | None, total: int | None,
                 busy: bool = False) -> Text:
    out = Text(f"as of {as_of.isoformat()}", style="bold")
    if counts is None:
        out.append("  · counting…")
    else:
        for key, label in (("overdue", "OVERDUE"), ("week", "7 DAYS"), ("month", "30 DAYS"), ("pending", "PENDING")):
            out.append("  · ")
            out.append(f"{label} {counts.get(key, 0):,}", style=ROW_STYLE[key] if counts.get(key) else "")
        out.append(f"  · open {counts.get('open', 0):,}")
    if busy:
        out.append("  │ loading…", style="bold")
    elif total is not None and total >= 0:
        out.append(f"  │ showing {shown or 0:,} of {total:,}", style="dim")
    return out


class SummaryBar(Static):
    DEFAULT_CSS = """
    SummaryBar { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, as_of: date, **kwargs) -> None:
        super().__init__("", **kwargs)
        self.as_of = as_of
        self.counts: dict[str, int] | None = None
        self.shown: int | None = None
        self.total: int | None = None
        self.busy = False

    def on_mount(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        self.update(summary_text(self.as_of, self.counts, self.shown, self.total, self.busy))
