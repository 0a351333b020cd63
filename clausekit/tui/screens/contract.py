"""A contract: parties and aliases, key dates and events, sections as a tree, conditions
precedent, covenants; the selected section's text with its time expressions highlighted."""
from __future__ import annotations

from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static, Tree

from clausekit.errors import ClausekitError
from clausekit.tui import data
from clausekit.types import Contract, Deadline, Section


def section_body(section: Section, text: str | None, deadlines: list[Deadline], focus: str | None) -> Group:
    """The section's text with each of its time expressions underlined (the focused one reversed)."""
    head = Text(f"§{section.number}" + (f"  {section.heading}" if section.heading else ""), style="bold")
    if not text:
        body = Text("(the text of this section was not stored; ingest the agreement itself to see it)", style="italic")
    else:
        body = Text(text)
        for d in deadlines:
            start = (d.start - section.start) if d.start is not None else -1
            if not (0 <= start and text[start:start + len(d.quote)] == d.quote):
                start = text.find(d.quote)
            if start >= 0:
                style = "bold reverse underline" if d.id == focus else "underline"
                body.stylize(style, start, start + len(d.quote))
    parts: list = [head, body]
    if deadlines:
        parts.append(Text("Deadlines in this section:", style="bold"))
        for d in deadlines:
            mark = "▶ " if d.id == focus else "  "
            parts.append(Text(f"{mark}{data.due_text(d):<10}  {d.status:<6}  {d.kind:<8}  {data.what(d)}"))
    return Group(*parts)


def _aliases(aliases: tuple[str, ...]) -> str:
    return " (" + ", ".join(f'"{a}"' for a in aliases) + ")" if aliases else ""


class ContractScreen(Screen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "back", "Back", id="contract.back", tooltip="Back to where you came from"),
        Binding("g", "deadlines", "Its deadlines", id="contract.deadlines",
                tooltip="Back to the dashboard, filtered to this contract"),
    ]

    def __init__(self, contract_id: int, *, section: str | None = None, deadline: Deadline | None = None) -> None:
        super().__init__(id="contract")
        self.contract_id = contract_id
        self.want_section = section
        self.deadline = deadline
        self.contract: Contract | None = None
        self.deadlines: tuple[Deadline, ...] = ()

    @property
    def source(self) -> data.Source:
        return self.app.source  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        yield Static("loading…", id="contract-title")
        with Horizontal(id="contract-main"):
            yield Tree("contract", id="contract-tree")
            with VerticalScroll(id="section-view"):
                yield Static("", id="section-body")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, group="contract")
    def load(self) -> None:
        try:
            with self.source.connect() as db:
                contract, deadlines = data.load_contract(db, self.contract_id)
        except ClausekitError as e:
            self.app.call_from_thread(self.notify, e.message, severity="error")
            return
        self.app.call_from_thread(self._show, contract, deadlines)

    def _show(self, c: Contract, deadlines: tuple[Deadline, ...]) -> None:
        self.contract, self.deadlines = c, deadlines
        bits = [f"dated {c.agreement_date}" if c.agreement_date else "",
                f"governing law {c.governing_law}" if c.governing_law else "",
                f"calendar {c.calendar}" if c.calendar else "", f"{c.open_deadlines} open deadlines"]
        title = Text(c.title or c.name, style="bold")
        title.append(f"  ({c.name})  " + " · ".join(b for b in bits if b))
        self.query_one("#contract-title", Static).update(title)
        tree = self.query_one(Tree)
        tree.clear()
        tree.root.set_label(c.name)
        tree.root.expand()
        parties = tree.root.add("Parties", expand=True)
        for p in c.parties:
            extra = f", {p.jurisdiction}" if p.jurisdiction else ""
            parties.add_leaf(f"{p.name}{_aliases(p.aliases)}{extra}")
        dates = tree.root.add("Key dates and events", expand=True)
        if c.agreement_date:
            dates.add_leaf(f"Agreement date: {c.agreement_date}")
        for e in c.events:
            when = [f"scheduled {e.scheduled}" if e.scheduled else "", f"recorded {e.recorded}" if e.recorded else ""]
            dates.add_leaf(f"{e.name}: {', '.join(w for w in when if w) or 'no date yet'}")
        cps = tree.root.add(f"Conditions precedent ({len(c.conditions_precedent)})", expand=True)
        for cp in c.conditions_precedent:
            who = f" for {cp.beneficiary}" if cp.beneficiary else ""
            cps.add_leaf(f"{cp.section}{who}: {data.what_text(cp.quote, 60)}".rstrip(": "))
        covs = tree.root.add(f"Covenants ({len(c.covenants)})", expand=True)
        for cv in c.covenants:
            covs.add_leaf(f"{cv.section}  {cv.heading or ''}" + (f" ({cv.obligor})" if cv.obligor else ""))
        sections = tree.root.add(f"Sections ({len(c.sections)})", expand=True)
        parents = {s.parent for s in c.sections if s.parent}
        nodes = {}
        target = None
        for s in c.sections:
            parent = nodes.get(s.parent, sections)
            label = f"{s.number}" + (f"  {s.heading}" if s.heading else "")
            node = parent.add(label, data=s, expand=True) if s.number in parents else parent.add_leaf(label, data=s)
            nodes.setdefault(s.number, node)
            if s.number == self.want_section and target is None:
                target = node
        tree.focus()
        if target is not None:
            self.call_after_refresh(tree.move_cursor, target)
            self.show_section(target.data)
        else:
            self.query_one("#section-body", Static).update(
                Text("Choose a section in the tree to read it." if c.sections else "No sections were extracted."))

    @on(Tree.NodeHighlighted, "#contract-tree")
    def _node(self, event: Tree.NodeHighlighted) -> None:
        if isinstance(event.node.data, Section):
            self.show_section(event.node.data)

    def show_section(self, section: Section) -> None:
        self.load_section(section)

    @work(thread=True, group="section", exclusive=True)
    def load_section(self, section: Section) -> None:
        try:
            with self.source.connect() as db:
                found = data.load_section(db, self.contract_id, section.number)
        except ClausekitError as e:
            self.app.call_from_thread(self.notify, e.message, severity="error")
            return
        text = found[1] if found else None
        self.app.call_from_thread(self._show_section, section, text)

    def _show_section(self, section: Section, text: str | None) -> None:
        mine = [d for d in self.deadlines if d.section == section.number]
        focus = self.deadline.id if self.deadline else None
        self.query_one("#section-body", Static).update(section_body(section, text, mine, focus))
        self.query_one("#section-view", VerticalScroll).scroll_home(animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_deadlines(self) -> None:
        from clausekit.tui.screens.dashboard import DashboardScreen

        while not isinstance(self.app.screen, DashboardScreen) and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        dash = self.app.screen
        if isinstance(dash, DashboardScreen):
            first = self.deadline.id if self.deadline else (self.deadlines[0].id if self.deadlines else "")
            dash.jump_to(first, self.contract_id)
