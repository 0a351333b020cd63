"""The tracker app. It receives its dependencies (database path, as-of date, clock) from
``make_app``; every read and write goes through ``clausekit.store`` in thread workers."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType

from clausekit.tui.commands import TrackerCommands
from clausekit.tui.data import Source
from clausekit.tui.screens.dashboard import BINDINGS as DASHBOARD_BINDINGS
from clausekit.tui.screens.dashboard import DashboardScreen
from clausekit.tui.screens.help import HelpScreen


class TrackerApp(App[None]):
    TITLE = "clausekit"
    SUB_TITLE = "deadlines"
    CSS_PATH = "tracker.tcss"
    COMMANDS = App.COMMANDS | {TrackerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "search", "Find", id="app.search", tooltip="Full-text search across every contract"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Every key and what the markers mean"),
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (every change is already saved)"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.commands",
                tooltip="Command palette: actions, contracts, deadlines by their words"),
    ]

    def __init__(self, source: Source, *, as_of: date) -> None:
        super().__init__()
        self.source = source
        self.as_of = as_of

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen())

    def action_search(self) -> None:
        from clausekit.tui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        groups = [("Deadline (dashboard)", list(DASHBOARD_BINDINGS)), ("Anywhere", list(self.BINDINGS))]
        from clausekit.tui.screens.contract import ContractScreen
        groups.append(("Contract screen", list(ContractScreen.BINDINGS)))
        groups.append(("Moving", [Binding("up,down,pageup,pagedown,home,end", "", "Move in the table (more rows load as you near the end)"),
                                  Binding("tab,shift+tab", "", "Move between the filters and the table")]))
        self.push_screen(HelpScreen(groups))

    def get_system_commands(self, screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help: keys and markers", "Every key and what the row markers mean", self.action_help)
        yield SystemCommand("Find in contracts", "Full-text search across every contract", self.action_search)


def make_app(db_path, *, as_of: date, clock: Callable[[], datetime] | None = None) -> TrackerApp:
    """The tracker for the database at ``db_path`` as of ``as_of``; ``clock`` stamps user changes."""
    from pathlib import Path

    from clausekit.tui.data import utc_now

    return TrackerApp(Source(Path(db_path), clock or utc_now), as_of=as_of)
