"""`clausekit tui`: open the deadline tracker. The only place the tracker reads the clock."""
from __future__ import annotations

from datetime import date

import click

from clausekit.commands.tracker import db_option, parse_date


@click.command("tui")
@click.option("--as-of", "as_of", default=None, help="the day to show deadlines as of (default: today)")
@db_option
def tui_cmd(as_of: str | None, db_path: str | None) -> None:
    """Open the deadline tracker: a dashboard of deadlines, their clauses, and keys to act on them.

    Keys: d done, w waive, a owner, n note, z snooze, e record an event, c contract,
    f find, ? help, q quit. Every change is saved at once.

    \b
    Examples:
        clausekit tui
        clausekit tui --db deals.db --as-of 2021-03-24
    """
    from clausekit.config import load_config
    from clausekit.store import open_db
    from clausekit.tui import run_tui

    day = parse_date(as_of, "--as-of date") or date.today()
    path = load_config(db_path).db
    open_db(path).close()  # create / migrate it now, so errors are one line before the screen opens
    run_tui(path, as_of=day)
