"""Full-text search across every contract's sections (the store's FTS index)."""
from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static

from clausekit.errors import ClausekitError
from clausekit.tui import data
from clausekit.types import SearchHit


def snippet_text(snippet: str) -> Text:
    """The store marks matches with [ ]; show them bold and underlined (readable without colour)."""
    out = Text()
    rest = snippet
    while "[" in rest and "]" in rest.split("[", 1)[1]:
        before, tail = rest.split("[", 1)
        hit, rest = tail.split("]", 1)
        out.append(before)
        out.append(hit, style="bold underline")
    out.append(rest)
    return out


class SearchScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back", id="search.back", tooltip="Back to the dashboard")]

    def __init__(self, query: str = "") -> None:
        super().__init__(id="search")
        self.initial = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        yield Static("Search every contract (words, any order). Enter opens the section.", id="search-help")
        yield Input(self.initial, placeholder="e.g. business day, arbitration, registration", id="search-input")
        yield DataTable(cursor_type="row", id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Contract", width=18)
        table.add_column("Section", width=9)
        table.add_column("Heading", width=24)
        table.add_column("Match")
        self.query_one(Input).focus()
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.run_search(event.value)

    @work(thread=True, group="search", exclusive=True)
    def run_search(self, query: str) -> None:
        try:
            with self.app.source.connect() as db:  # type: ignore[attr-defined]
                hits = data.search(db, query)
        except ClausekitError as e:
            self.app.call_from_thread(self.notify, e.message, severity="error")
            return
        self.app.call_from_thread(self._show, hits)

    def _show(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        table = self.query_one(DataTable)
        table.clear()
        for h in hits:
            table.add_row(data.what_text(h.contract_name, 18), h.section or "-", data.what_text(h.heading, 24),
                          snippet_text(h.snippet))
        self.query_one("#search-help", Static).update(
            f"{len(hits)} match{'es' if len(hits) != 1 else ''}. Enter opens the section; Esc goes back."
            if hits else "No matches.")
        if hits:
            table.focus()

    @on(DataTable.RowSelected, "#search-results")
    def _open(self, event: DataTable.RowSelected) -> None:
        from clausekit.tui.screens.contract import ContractScreen

        hit = self.hits[event.cursor_row]
        self.app.push_screen(ContractScreen(hit.contract_id, section=hit.section))

    def action_back(self) -> None:
        self.app.pop_screen()
