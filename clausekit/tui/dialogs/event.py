"""Record the date an anchor event happened (or clear it); the date is validated first."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from clausekit.tui.data import parse_day
from clausekit.types import Event


@dataclass(frozen=True)
class EventRequest:
    name: str
    when: date | None  # None clears the recorded date


def check_event_date(text: str) -> date:
    """A plausible event date, or ValueError with the reason."""
    day = parse_day(text)
    if not 1900 <= day.year <= 2200:
        raise ValueError(f"{day.isoformat()} is out of range: give a year between 1900 and 2200")
    return day


class EventDialog(ModalScreen[EventRequest | None]):
    """Choose one of the contract's events, type the date it happened; Record writes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, contract_name: str, events: list[Event], selected: str | None = None) -> None:
        super().__init__(id="event-dialog")
        self.contract_name = contract_name
        self.events = {e.name: e for e in events}
        self.selected = selected if selected in self.events else (events[0].name if events else None)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Record an event of {self.contract_name}", classes="dialog-title")
            yield Label("Event")
            yield Select([(self._label(e), e.name) for e in self.events.values()], value=self.selected or Select.NULL,
                         allow_blank=False, id="event-name")
            yield Label("Date it happened (YYYY-MM-DD)")
            yield Input(placeholder="2021-04-13", id="event-date")
            yield Static("", id="event-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Record", variant="primary", id="record")
                yield Button("Clear recorded date", id="clear")
                yield Button("Cancel", id="cancel")

    @staticmethod
    def _label(e: Event) -> str:
        bits = [f"scheduled {e.scheduled}" if e.scheduled else "", f"recorded {e.recorded}" if e.recorded else ""]
        info = ", ".join(b for b in bits if b) or "no date yet"
        return f"{e.name} ({info})"

    def on_mount(self) -> None:
        self.query_one("#event-date", Input).focus()

    def _error(self, text: str) -> None:
        self.query_one("#event-error", Static).update(text)

    def _event_name(self) -> str | None:
        value = self.query_one("#event-name", Select).value
        return value if isinstance(value, str) else None

    def _record(self) -> None:
        name = self._event_name()
        if not name:
            self._error("choose an event")
            return
        try:
            day = check_event_date(self.query_one("#event-date", Input).value)
        except ValueError as e:
            self._error(str(e))
            return
        self.dismiss(EventRequest(name, day))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._record()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "record":
            self._record()
        elif event.button.id == "clear":
            name = self._event_name()
            if name and self.events[name].recorded:
                self.dismiss(EventRequest(name, None))
            else:
                self._error("this event has no recorded date to clear")
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
