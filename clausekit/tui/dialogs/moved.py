"""After an event is recorded: which deadlines moved, from what to what, and why."""
from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Static

from clausekit.tui.data import Change
from clausekit.types import EventChange


def _state(due: str | None, pending: str | None) -> str:
    return due or (f"waits for {pending}" if pending else "undated")


def moved_rows(moved: tuple[EventChange, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(c.short_id, c.section or "-", _state(c.old_due, c.old_pending_on), _state(c.new_due, c.new_pending_on),
             c.explanation or "") for c in moved]


class MovedDialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter", "close", "Close", id="dialog.close")]

    def __init__(self, change: Change) -> None:
        super().__init__(id="moved-dialog")
        self.change = change

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.change.message, classes="dialog-title")
            if self.change.moved:
                table = DataTable(cursor_type="row", id="moved-table")
                table.add_columns("Id", "Section", "Was", "Now", "Why")
                for row in moved_rows(self.change.moved):
                    table.add_row(*row)
                yield table
            else:
                yield Static("No deadline moved.")
            yield Button("Close", variant="primary", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
