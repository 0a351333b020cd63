"""The deadline tracker TUI (Textual). The only package of clausekit that imports Textual.

``make_app(db_path, *, as_of, clock=None)`` builds the app for the CLI and for tests;
``run_tui(db_path, *, as_of)`` runs it. Reads and writes go through ``clausekit.store``.
"""
from __future__ import annotations

from datetime import date

from clausekit.tui.app import TrackerApp, make_app

__all__ = ["TrackerApp", "make_app", "run_tui"]


def run_tui(db_path, *, as_of: date) -> None:
    make_app(db_path, as_of=as_of).run()
