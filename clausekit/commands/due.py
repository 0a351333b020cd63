"""`clausekit due`: the deadline calculator."""

from __future__ import annotations

import datetime as dt
import json

import click

from clausekit.errors import ExpressionError, UsageError


def _date(value: str) -> dt.date:
    from clausekit.deadlines.rules import is_date_text, parse_date

    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        d = parse_date(value) if is_date_text(value) else None
    except Exception:
        d = None
    if d is None:
        raise UsageError(f"--from: {value!r} is not a date (use YYYY-MM-DD)")
    return d


@click.command("due")
@click.argument("expression", nargs=-1, required=True)
@click.option(
    "--from", "from_", metavar="DATE", help="The anchor date (YYYY-MM-DD) the expression counts from."
)
@click.option(
    "--calendar",
    default="weekends",
    show_default=True,
    help="Business-day calendar: weekends, a country code (HK, US, US-NY, GB, CN, ...), "
    "an exchange (XNYS, XHKG, ...) or a combination (HK+US).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def due_cmd(expression: tuple[str, ...], from_: str | None, calendar: str, fmt: str) -> None:
    """Compute the date a time provision falls on, and explain it.

    EXPRESSION is contract language with the anchor left out or named; --from gives the
    anchor's date. Prints the ISO date, then the explanation.

    \b
    Examples:
        clausekit due "the seventh (7th) business day after" --from 2021-03-23 --calendar HK
        clausekit due "within ninety (90) days after" --from 2021-03-23
        clausekit due "30 trading days before" --from 2021-03-22 --calendar XNYS --format json
    """
    from clausekit.deadlines import due_for, get_calendar, parse_expression

    cal = get_calendar(calendar)
    rule = parse_expression(" ".join(expression))
    anchor = _date(from_) if from_ else None
    try:
        res = due_for(rule, anchor, cal)
    except (ValueError, OverflowError) as e:  # a date beyond what the calendars cover
        raise ExpressionError(f"cannot compute a date for {' '.join(expression)!r}: {e}") from None
    due = res.due
    window = res.window_start is not None
    if due is None and window:
        due = res.window_start if rule.direction == "before" else res.window_end
    out = {
        "due": due.isoformat() if due else None,
        "explanation": res.explanation,
        "calendar": res.calendar or cal.name,
    }
    if window:
        out["window_start"] = res.window_start.isoformat()  # type: ignore[union-attr]
        out["window_end"] = res.window_end.isoformat() if res.window_end else None
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        click.echo(out["due"])
        click.echo(res.explanation)
