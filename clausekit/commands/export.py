"""`clausekit export ics|csv|json`: the tracked deadlines as a calendar or a spreadsheet.

``--out FILE`` is written atomically (temporary file + rename) with user-only permissions;
``--out -`` (the default) writes to stdout. No spaCy or Textual is imported here.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import click

from clausekit.errors import UsageError

STATUS_CHOICES = ("open", "done", "waived", "all")


def _common(f: Callable) -> Callable:
    f = click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
                     help="database file (default: $CLAUSEKIT_DB, else the user data dir)")(f)
    f = click.option("--contract", default=None, help="only this contract (id or name)")(f)
    f = click.option("--out", "-o", default="-", show_default=True, metavar="FILE",
                     help="output file (written atomically, mode 0600); - for stdout")(f)
    return f


def _open(db_path: str | None):
    from clausekit import store
    from clausekit.config import load_config

    path = load_config(db_path).db
    if not path.exists():
        raise UsageError("no database here yet; run `clausekit ingest` first", path=str(path))
    return store.open_db(path)


def _alarms(text: str) -> tuple[int, ...]:
    if not text.strip():
        return ()
    try:
        days = sorted({int(p) for p in text.split(",") if p.strip()}, reverse=True)
    except ValueError:
        raise UsageError(f"bad --alarm {text!r}: expected days before the due date, e.g. 7,1") from None
    if days and days[-1] < 0:
        raise UsageError(f"bad --alarm {text!r}: days must be zero or more")
    return tuple(days)


def _done(out: str, what: str) -> None:
    if out != "-":
        click.echo(f"wrote {what} to {out}", err=True)


@click.group("export")
def export_cmd() -> None:
    """Export the tracked deadlines: an ICS calendar, or CSV / JSON for spreadsheets and scripts.

    \b
    Examples:
        clausekit export ics --out deadlines.ics --alarm 7,1
        clausekit export csv --out deadlines.csv
        clausekit export json --contract vnet-13da-sra
    """


@export_cmd.command("ics")
@_common
@click.option("--alarm", default="7,1", show_default=True, metavar="DAYS",
              help="display alarms this many days before each open deadline ('' for none)")
@click.option("--include-done", is_flag=True, help="also export deadlines marked done")
@click.option("--name", default=None, help="calendar name (X-WR-CALNAME; default: clausekit deadlines)")
def ics_cmd(out: str, contract: str | None, db_path: str | None, alarm: str, include_done: bool,
            name: str | None) -> None:
    """An iCalendar file: one all-day event per dated deadline, updated in place on re-import.

    Open deadlines are CONFIRMED with alarms, waived ones CANCELLED (so a calendar that
    imported them earlier drops them); done ones only with --include-done. Each event's
    UID is the deadline's stable id, and its SEQUENCE rises when its due date, status (or
    other state) changes, so importing a newer export updates events instead of duplicating them.

    \b
    Examples:
        clausekit export ics --out ~/calendars/deadlines.ics
        clausekit export ics --contract vnet-13da-sra --alarm 14,7,1 --include-done
    """
    from clausekit import store
    from clausekit.export import write_output
    from clausekit.export.ics import render_ics

    alarms = _alarms(alarm)
    db = _open(db_path)
    keep = {"open", "waived"} | ({"done"} if include_done else set())
    items = [d for d in store.list_deadlines(db, as_of=date.today(), status="all", contract=contract,
                                             include_snoozed=True)
             if d.due is not None and d.status in keep]
    label = name or ("clausekit deadlines" + (f" — {items[0].contract_name}" if contract and items else ""))
    write_output(render_ics(items, alarms=alarms, name=label), out)
    _done(out, f"{len(items)} events")


def _rows_command(fmt: str):
    @export_cmd.command(fmt)
    @_common
    @click.option("--status", type=click.Choice(STATUS_CHOICES), default="all", show_default=True)
    @click.option("--as-of", "as_of", default=None, help="the day days_left and overdue are measured from")
    def cmd(out: str, contract: str | None, db_path: str | None, status: str, as_of: str | None) -> None:
        from clausekit import store
        from clausekit.commands.tracker import parse_date
        from clausekit.export import write_output
        from clausekit.export.csv import render_csv
        from clausekit.export.json import COLUMNS, deadline_row, render_json

        day = parse_date(as_of, "--as-of date") or date.today()
        items = store.list_deadlines(_open(db_path), as_of=day, status=status, contract=contract,
                                     include_snoozed=True)
        if fmt == "csv":
            data = render_csv((deadline_row(d, day) for d in items), COLUMNS)
        else:
            data = render_json(items, day)
        write_output(data, out)
        _done(out, f"{len(items)} deadlines")

    cmd.__doc__ = {
        "csv": """Every deadline as a CSV row (contract, section, kind, quote, due, status, owner, ...).

    Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.

    \b
    Example:
        clausekit export csv --out deadlines.csv --status open
    """,
        "json": """Every deadline as JSON: {"version": 1, "as_of": ..., "deadlines": [...]}.

    \b
    Example:
        clausekit export json --contract vnet-13da-sra --out vnet.json
    """}[fmt]
    cmd.help = cmd.__doc__
    return cmd


csv_cmd = _rows_command("csv")
json_cmd = _rows_command("json")
