"""The dashboard's table: deadlines by due date, urgency shown by style AND a text marker."""
from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from clausekit.tui.data import URGENCY_LABEL, days_left, due_text, urgency, what
from clausekit.types import Deadline

#: rich style of a row by urgency; the first column also names it, so NO_COLOR stays readable
ROW_STYLE = {"overdue": "bold red", "week": "bold yellow", "month": "cyan", "pending": "italic magenta",
             "done": "dim strike", "waived": "dim strike", None: ""}

# (key, label, width); "what" takes the width that is left
COLUMNS = (("flag", "!", 7), ("due", "Due", 10), ("days", "Days", 5), ("contract", "Contract", 14),
           ("section", "Section", 7), ("what", "What must happen", 0), ("who", "Who", 10),
           ("kind", "Kind", 8), ("status", "Status", 9))
#: below this width "who" and "kind" leave the table (the detail pane shows them)
NARROW = 110
MIN_WHAT = 16


def clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


class DeadlineTable(DataTable):
    """Rows are keyed by deadline id; ``items`` holds the loaded deadlines in table order."""

    DEFAULT_CSS = """
    DeadlineTable { height: 1fr; }
    """
    # rows, not columns, are what one moves through: Home/End go to the first/last loaded row
    BINDINGS: ClassVar[list[BindingType]] = [Binding("home", "scroll_top", "First row", show=False),
                Binding("end", "scroll_bottom", "Last row", show=False)]

    def __init__(self, as_of: date, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.as_of = as_of
        self.items: list[Deadline] = []
        self._what_width = 40
        self._shown = COLUMNS

    def on_mount(self) -> None:
        self._make_columns()

    def _columns(self, width: int) -> tuple[tuple[str, str, int], ...]:
        if width >= NARROW:
            return COLUMNS
        narrow = {"contract": 13, "status": 6}
        return tuple((k, label, narrow.get(k, w)) for k, label, w in COLUMNS if k not in ("who", "kind"))

    def _layout(self) -> tuple[tuple[tuple[str, str, int], ...], int]:
        width = self.size.width or 120
        columns = self._columns(width)
        fixed = sum(w for _, _, w in columns) + 2 * len(columns)
        return columns, max(MIN_WHAT, width - fixed - 2)

    def _make_columns(self) -> None:
        self._shown, self._what_width = self._layout()
        self.clear(columns=True)
        for key, label, w in self._shown:
            self.add_column(label, key=key, width=w or self._what_width)

    def on_resize(self) -> None:
        if self._layout() != (self._shown, self._what_width):
            keep = self.cursor_row
            self._make_columns()
            self._add(self.items)
            if self.items:
                self.move_cursor(row=min(keep, len(self.items) - 1), animate=False)

    def cells(self, d: Deadline) -> list[Text]:
        level = urgency(d, self.as_of)
        style = ROW_STYLE[level]
        left = days_left(d, self.as_of)
        status = d.status + (f" @{d.owner}" if d.owner else "")
        if d.snoozed_until and d.status == "open" and d.snoozed_until > self.as_of.isoformat():
            status += " zZ"
        values = {"flag": URGENCY_LABEL[level], "due": due_text(d), "days": "" if left is None else str(left),
                  "contract": d.contract_name, "section": d.section or "-", "what": what(d),
                  "who": d.obligor or "-", "kind": d.kind, "status": status}
        width = {key: w or self._what_width for key, _, w in self._shown}
        out = [Text(clip(values[key], width[key]), style=style) for key, _, _ in self._shown]
        for t, (key, _, _) in zip(out, self._shown):
            if key == "days":
                t.justify = "right"
        return out

    def _add(self, rows: list[Deadline]) -> None:
        for d in rows:
            self.add_row(*self.cells(d), key=d.id)

    def show(self, rows: list[Deadline], *, append: bool, keep_id: str | None = None) -> None:
        """Replace (or extend) the rows; the cursor stays on ``keep_id`` when it is still listed."""
        if not append:
            old_row = self.cursor_row
            self.clear()
            self.items = []
        self.items.extend(rows)
        self._add(rows)
        if not append and self.items:
            ids = [d.id for d in self.items]
            row = ids.index(keep_id) if keep_id in ids else min(max(old_row, 0), len(self.items) - 1)
            self.move_cursor(row=row, animate=False)

    @property
    def current(self) -> Deadline | None:
        if not self.items or not (0 <= self.cursor_row < len(self.items)):
            return None
        return self.items[self.cursor_row]
