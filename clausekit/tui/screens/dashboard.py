"""The dashboard: summary line, filters, the deadline table (paged) and the detail pane."""
from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Input, Select

from clausekit.errors import ClausekitError
from clausekit.tui import data
from clausekit.tui.data import FIRST_PAGE, KIND_CHOICES, PAGE, Filters
from clausekit.tui.dialogs.event import EventDialog, EventRequest
from clausekit.tui.dialogs.moved import MovedDialog
from clausekit.tui.dialogs.prompt import PromptDialog
from clausekit.tui.messages import Changed, CountLoaded, DetailLoaded, Failed, PageLoaded, SummaryLoaded
from clausekit.tui.widgets.deadline_table import DeadlineTable
from clausekit.tui.widgets.detail import DetailPane
from clausekit.tui.widgets.summary import SummaryBar

#: the dashboard's actions; shown in the footer (show=True), the help screen and the command palette
BINDINGS = [
    Binding("d", "done", "Done", id="deadline.done", tooltip="Mark the selected deadline done"),
    Binding("w", "waive", "Waive", id="deadline.waive", tooltip="Mark the selected deadline waived"),
    Binding("o", "reopen", "Reopen", show=False, id="deadline.reopen", tooltip="Reopen a done or waived deadline"),
    Binding("a", "assign", "Owner", id="deadline.assign", tooltip="Assign the selected deadline to someone"),
    Binding("n", "note", "Note", id="deadline.note", tooltip="Add a note to the selected deadline"),
    Binding("z", "snooze", "Snooze", show=False, id="deadline.snooze",
            tooltip="Hide the selected deadline until a date (empty date ends the snooze)"),
    Binding("e", "event", "Event", id="deadline.event",
            tooltip="Record the date an anchor event happened; shows which deadlines moved"),
    Binding("c", "contract", "Contract", id="deadline.contract",
            tooltip="Open the deadline's contract at its section (Esc comes back)"),
    Binding("slash", "filter_text", "Filter", show=False, id="filter.text", tooltip="Filter by text"),
    Binding("x", "toggle_closed", "Done/waived", show=False, id="filter.closed",
            tooltip="Show or hide done and waived deadlines"),
    Binding("r", "reload", "Reload", show=False, id="view.reload", tooltip="Reload from the database"),
]


#: from this width the detail pane sits beside the table instead of below it
WIDE = 190


class DashboardScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = BINDINGS
    AUTO_FOCUS = "#deadlines"

    def __init__(self) -> None:
        super().__init__(id="dashboard")
        self.filters = Filters()
        self.generation = 0
        self.exhausted = False
        self.loading_more = False
        self._pending_jump: str | None = None
        self._painted = 0  # generation whose first page is on screen
        self._counting = None  # the connection a count runs on, to interrupt it
        self._debounce = None

    @property
    def source(self) -> data.Source:
        return self.app.source  # type: ignore[attr-defined]

    @property
    def as_of(self):
        return self.app.as_of  # type: ignore[attr-defined]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield SummaryBar(self.as_of, id="summary")
        with Horizontal(id="filters"):
            yield Input(placeholder="/ filter: words in the clause, action, party, owner, contract", id="f-text",
                        compact=True)
            yield Select([(s, s) for s in data.STATUS_CHOICES], value="open", allow_blank=False, id="f-status",
                         compact=True)
            yield Select([], prompt="any contract", id="f-contract", compact=True)
            yield Select([(k, k) for k in KIND_CHOICES], prompt="any kind", id="f-kind", compact=True)
            yield Checkbox("done/waived", id="f-closed", compact=True)
        with Container(id="main"):
            yield DeadlineTable(self.as_of, id="deadlines")
            yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self._contracts_loaded = False
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        self.set_class(self.size.width < 110, "-narrow")

    @property
    def table(self) -> DeadlineTable:
        return self.query_one(DeadlineTable)

    # ------------------------------------------------------------ loading (thread workers post messages)

    def reload(self, *, keep_id: str | None = None, rows: int = FIRST_PAGE) -> None:
        """Load the first rows for the current filters; the counts follow once they are drawn."""
        self.generation += 1
        if self._counting is not None:
            data.interrupt(self._counting)
        self.exhausted = False
        self.loading_more = False
        self._summary_due = True
        self._keep_id = keep_id or (self.table.current.id if self.table.current else None)
        self.load_page(self.filters, 0, self.generation, max(FIRST_PAGE, rows))
        generation = self.generation
        self.set_timer(0.2, lambda: self._show_busy(generation))

    def _show_busy(self, generation: int) -> None:
        """Say "loading…" when a slow filter has not answered within 0.2 s."""
        summary = self.query_one(SummaryBar)
        if generation == self.generation and self._painted != generation:
            summary.busy = True
            summary.refresh_text()

    @work(thread=True, group="page")
    def load_page(self, filters: Filters, offset: int, generation: int, limit: int) -> None:
        try:
            with self.source.connect() as db:
                page = data.load_page(db, filters, self.as_of, offset=offset, generation=generation, limit=limit)
            self.post_message(PageLoaded(page))
        except ClausekitError as e:
            self.post_message(Failed(e.message))

    @work(thread=True, group="count", exclusive=True)
    def load_count(self, filters: Filters, generation: int) -> None:
        """Count the matches; a newer filter interrupts the query (a count of 100k rows takes a second)."""
        try:
            with self.source.connect() as db:
                self._counting = db
                try:
                    if generation == self.generation:
                        self.post_message(CountLoaded(generation, data.count(db, filters, self.as_of)))
                finally:
                    if self._counting is db:
                        self._counting = None
        except ClausekitError as e:
            self.post_message(Failed(e.message))
        except Exception:
            if generation == self.generation:
                raise  # not interrupted by a newer filter: a real failure

    @work(thread=True, group="summary")
    def load_summary(self) -> None:
        try:
            with self.source.connect() as db:
                self.post_message(SummaryLoaded(data.summary(db, self.as_of)))
        except ClausekitError as e:
            self.post_message(Failed(e.message))

    @work(thread=True, group="contracts")
    def load_contracts(self) -> None:
        with self.source.connect() as db:
            contracts = data.list_contracts(db)
        self.app.call_from_thread(self._set_contracts, [(c.name, c.id) for c in contracts])

    def _set_contracts(self, options: list[tuple[str, int]]) -> None:
        if not self.is_attached:
            return  # the screen closed while the worker was loading
        try:
            select = self.query_one("#f-contract", Select)
            select.set_options(options)
        except NoMatches:
            return  # the app is shutting down: its widgets are already gone
        if self.filters.contract is not None:
            select.value = self.filters.contract

    @work(thread=True, group="detail", exclusive=True)
    def load_detail(self, deadline_id: str) -> None:
        try:
            with self.source.connect() as db:
                self.post_message(DetailLoaded(data.load_detail(db, deadline_id)))
        except ClausekitError as e:
            self.post_message(Failed(e.message))

    def on_page_loaded(self, message: PageLoaded) -> None:
        page = message.page
        if page.generation != self.generation:
            return  # a newer filter superseded this page
        table = self.table
        append = page.offset > 0
        table.show(list(page.rows), append=append, keep_id=None if append else self._keep_id)
        self.exhausted = len(page.rows) < page.limit
        self.loading_more = False
        if not append:  # once the first rows are on screen: count, summarize, list the contracts
            generation = page.generation
            self.call_after_refresh(lambda: self.set_timer(0.05, lambda: self._after_first_rows(generation)))
        summary = self.query_one(SummaryBar)
        summary.shown = len(table.items)
        if not append:
            summary.total = None  # counted next
            self._painted = page.generation
        summary.busy = False
        summary.refresh_text()
        if not table.items:
            self.query_one(DetailPane).message("No deadlines match." if self.filters != Filters()
                                               else "No deadlines yet. Add agreements with `clausekit ingest`.")
        elif not append:
            self._show_current()
        if self._pending_jump:
            self._continue_jump()

    def _after_first_rows(self, generation: int) -> None:
        if generation != self.generation:
            return
        self.load_count(self.filters, generation)
        if self._summary_due:
            self._summary_due = False
            self.load_summary()
        if not self._contracts_loaded:
            self._contracts_loaded = True
            self.load_contracts()

    def on_count_loaded(self, message: CountLoaded) -> None:
        if message.generation == self.generation:
            summary = self.query_one(SummaryBar)
            summary.total = message.total
            summary.shown = len(self.table.items)
            summary.refresh_text()

    def on_summary_loaded(self, message: SummaryLoaded) -> None:
        summary = self.query_one(SummaryBar)
        summary.counts = message.counts
        summary.refresh_text()

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        current = self.table.current
        if current is not None and current.id == message.detail.deadline.id:
            self.query_one(DetailPane).show(message.detail, self.as_of)

    def on_failed(self, message: Failed) -> None:
        self.notify(message.message, title="clausekit", severity="error")

    def _show_current(self) -> None:
        current = self.table.current
        if current is not None:
            self.load_detail(current.id)

    @on(DataTable.RowHighlighted, "#deadlines")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_current()
        table = self.table
        if not self.exhausted and not self.loading_more and event.cursor_row >= len(table.items) - 40:
            self.loading_more = True
            self.load_page(self.filters, len(table.items), self.generation, PAGE)

    # ------------------------------------------------------------ filters

    def _apply(self, filters: Filters) -> None:
        if filters != self.filters:
            self.filters = filters
            self.reload()

    @on(Input.Changed, "#f-text")
    def _text_changed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        value = event.value
        self._debounce = self.set_timer(0.25, lambda: self._apply(replace(self.filters, text=value)))

    @on(Input.Submitted, "#f-text")
    def _text_submitted(self, event: Input.Submitted) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._apply(replace(self.filters, text=event.value))
        self.table.focus()

    @on(Select.Changed, "#f-status")
    def _status_changed(self, event: Select.Changed) -> None:
        status = str(event.value)
        self.query_one("#f-closed", Checkbox).value = status != "open"
        self._apply(replace(self.filters, status=status))

    @on(Select.Changed, "#f-contract")
    def _contract_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, int) else None
        self._apply(replace(self.filters, contract=value))

    @on(Select.Changed, "#f-kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else None
        self._apply(replace(self.filters, kind=value))

    @on(Checkbox.Changed, "#f-closed")
    def _closed_changed(self, event: Checkbox.Changed) -> None:
        status = self.query_one("#f-status", Select)
        if event.value and status.value == "open":
            status.value = "all"
        elif not event.value and status.value != "open":
            status.value = "open"

    def action_filter_text(self) -> None:
        self.query_one("#f-text", Input).focus()

    def action_toggle_closed(self) -> None:
        box = self.query_one("#f-closed", Checkbox)
        box.value = not box.value

    def action_reload(self) -> None:
        self._contracts_loaded = False
        self.reload(rows=len(self.table.items))

    def jump_to(self, deadline_id: str, contract_id: int | None) -> None:
        """Show one deadline: its contract, every status; select its row once it is loaded."""
        self._pending_jump = deadline_id
        self.query_one("#f-text", Input).value = ""
        self.filters = Filters(status="all", contract=contract_id)
        self.query_one("#f-status", Select).value = "all"
        if contract_id is not None:
            self.query_one("#f-contract", Select).value = contract_id
        self.reload(keep_id=deadline_id)
        self.table.focus()

    def _continue_jump(self) -> None:
        ids = [d.id for d in self.table.items]
        if self._pending_jump in ids:
            self.table.move_cursor(row=ids.index(self._pending_jump), animate=False)
            self._pending_jump = None
        elif self.exhausted:
            self._pending_jump = None
            self.notify("that deadline is not in this list", severity="warning")
        else:
            self.loading_more = True
            self.load_page(self.filters, len(ids), self.generation, PAGE)

    # ------------------------------------------------------------ actions (each written at once, then confirmed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs_row = {"done", "waive", "reopen", "assign", "note", "snooze", "event", "contract"}
        return not (action in needs_row and self.table.current is None)

    def _selected(self):
        d = self.table.current
        if d is None:
            self.notify("no deadline selected", severity="warning")
        return d

    @work(thread=True, group="write")
    def write(self, fn, *args) -> None:
        try:
            with self.source.connect() as db:
                change = fn(db, self.source, *args)
        except (ClausekitError, ValueError) as e:
            self.post_message(Failed(getattr(e, "message", str(e))))
            return
        self.post_message(Changed(change))

    def on_changed(self, message: Changed) -> None:
        change = message.change
        self.notify(change.message, title="saved")
        if change.event is not None:
            self.app.push_screen(MovedDialog(change))
        self.reload(keep_id=change.deadline_id, rows=len(self.table.items))

    def _status(self, status: str) -> None:
        if d := self._selected():
            if d.status == status:
                self.notify(f"{d.short_id} is already {status}", severity="warning")
                return
            self.write(data.set_status, d.id, status)

    def action_done(self) -> None:
        self._status("done")

    def action_waive(self) -> None:
        self._status("waived")

    def action_reopen(self) -> None:
        self._status("open")

    def action_assign(self) -> None:
        if d := self._selected():
            def done(owner: str | None) -> None:
                if owner is not None:
                    self.write(data.set_owner, d.id, owner)
            self.app.push_screen(PromptDialog(f"Owner of {d.short_id}", "Who is responsible? (empty unassigns)",
                                              value=d.owner or "", placeholder="name or e-mail", id="owner-dialog"),
                                 done)

    def action_note(self) -> None:
        if d := self._selected():
            def done(text: str | None) -> None:
                if text:
                    self.write(data.add_note, d.id, text)
            self.app.push_screen(PromptDialog(f"Note on {d.short_id}", "Note (kept with its time, never edited)",
                                              check=lambda t: None if t else "type a note, or Esc to cancel",
                                              id="note-dialog"), done)

    def action_snooze(self) -> None:
        if d := self._selected():
            def check(text: str) -> str | None:
                if not text:
                    return None
                try:
                    day = data.parse_day(text)
                except ValueError as e:
                    return str(e)
                return None if day > self.as_of else f"snooze until a day after {self.as_of.isoformat()}"

            def done(text: str | None) -> None:
                if text is not None:
                    self.write(data.snooze, d.id, data.parse_day(text) if text else None)
            self.app.push_screen(PromptDialog(f"Snooze {d.short_id}", "Hide until (YYYY-MM-DD; empty ends the snooze)",
                                              value=d.snoozed_until or "", placeholder="2021-05-01", check=check,
                                              id="snooze-dialog"), done)

    def action_event(self) -> None:
        d = self._selected()
        if d is None:
            return
        pane = self.query_one(DetailPane)
        detail = getattr(pane, "detail", None)
        if d.contract_id is None or detail is None or detail.deadline.id != d.id:
            self.notify("the deadline's contract is still loading; try again", severity="warning")
            return
        if not detail.events:
            self.notify(f"{d.contract_name} has no events to record", severity="warning")
            return
        names = [e.name for e in detail.events]
        wanted = next((e.name for e in detail.anchor_events), d.pending_on or d.anchor)

        def done(request: EventRequest | None) -> None:
            if request is not None:
                self.write(data.record_event, d.contract_id, request.name, request.when, d.id)
        self.app.push_screen(EventDialog(d.contract_name, list(detail.events),
                                         wanted if wanted in names else None), done)

    def action_contract(self) -> None:
        if (d := self._selected()) and d.contract_id is not None:
            from clausekit.tui.screens.contract import ContractScreen
            self.app.push_screen(ContractScreen(d.contract_id, section=d.section, deadline=d))
