"""Command palette: every dashboard action, and jumps to a contract or a deadline."""
from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.keys import format_key

from clausekit.errors import ClausekitError
from clausekit.tui import data


class TrackerCommands(Provider):
    """Actions by name; "contract NAME" opens a contract; other words find deadlines to jump to."""

    async def startup(self) -> None:
        source = self.app.source  # type: ignore[attr-defined]

        def contracts():
            with source.connect() as db:
                return data.list_contracts(db)
        try:
            self.contracts = await asyncio.to_thread(contracts)
        except ClausekitError:
            self.contracts = []

    def _dashboard(self):
        from clausekit.tui.screens.dashboard import DashboardScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, DashboardScreen):
                return screen
        return None

    def _actions(self):
        from clausekit.tui.screens.dashboard import BINDINGS

        dash = self._dashboard()
        if dash is None:
            return
        for b in BINDINGS:
            yield f"{b.description} ({format_key(b.key)})", b.tooltip, partial(self._run, b.action)

    async def _run(self, action: str) -> None:
        dash = self._dashboard()
        if dash is not None:
            while self.app.screen is not dash:
                self.app.pop_screen()
            await dash.run_action(action)

    def _open_contract(self, contract_id: int) -> None:
        from clausekit.tui.screens.contract import ContractScreen

        self.app.push_screen(ContractScreen(contract_id))

    def _jump(self, deadline_id: str, contract_id: int | None) -> None:
        dash = self._dashboard()
        if dash is not None:
            while self.app.screen is not dash:
                self.app.pop_screen()
            dash.jump_to(deadline_id, contract_id)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._actions():
            yield DiscoveryHit(title, callback, help=help_text)
        for c in self.contracts:
            yield DiscoveryHit(f"Open contract {c.name}", partial(self._open_contract, c.id), help=c.title or "")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._actions():
            if (score := matcher.match(title)) > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        for c in self.contracts:
            title = f"Open contract {c.name}"
            if (score := matcher.match(f"{title} {c.title or ''}")) > 0:
                yield Hit(score, matcher.highlight(title), partial(self._open_contract, c.id), help=c.title or "")
        words = query.strip()
        if len(words) < 3:
            return
        source, as_of = self.app.source, self.app.as_of  # type: ignore[attr-defined]

        def find():
            with source.connect() as db:
                return data.find_deadlines(db, words, as_of)
        try:
            found = await asyncio.to_thread(find)
        except ClausekitError:
            return
        for d in found:
            title = f"Go to {d.contract_name} §{d.section or '-'} {data.due_text(d)}: {data.what_text(data.what(d), 50)}"
            yield Hit(0.5, title, partial(self._jump, d.id, d.contract_id), help=d.quote)
