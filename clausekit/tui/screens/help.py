"""Every key, what it does, and what the row markers mean."""
from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from clausekit.tui.widgets.deadline_table import ROW_STYLE

LEGEND = (("OVERDUE", "overdue", "open and due before the as-of date (Days is negative)"),
          ("7 DAYS", "week", "due within 7 days"),
          ("30 DAYS", "month", "due within 30 days"),
          ("PENDING", "pending", "waits for an event (record its date with e)"),
          ("done / waived", "done", "closed; shown when done/waived is ticked (x)"))


def key_table(groups: list[tuple[str, list[Binding]]]) -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for title, bindings in groups:
        table.add_row(Text(title, style="bold underline"), "")
        for b in bindings:
            keys = ", ".join(format_key(k.strip()) for k in b.key.split(","))
            table.add_row(keys, b.tooltip or b.description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__(id="help")
        self.groups = groups

    def compose(self) -> ComposeResult:
        legend = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        legend.add_column(no_wrap=True)
        legend.add_column()
        for label, key, meaning in LEGEND:
            legend.add_row(Text(label, style=ROW_STYLE[key]), meaning)
        with VerticalScroll(classes="dialog wide"):
            yield Static(Text("clausekit tracker — keys", style="bold"), classes="dialog-title")
            yield Static(key_table(self.groups))
            yield Static(Text("\nRow markers (the first column names them, so they read without colour)",
                              style="bold"))
            yield Static(legend)
            yield Static(Text("\nCtrl+P opens the command palette: every action, jump to a contract or a "
                              "deadline by its words.", style="dim"))

    def action_close(self) -> None:
        self.dismiss(None)
