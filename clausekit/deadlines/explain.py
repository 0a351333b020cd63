"""The explanation text every resolved date carries."""

from __future__ import annotations

import datetime as dt

from clausekit.deadlines.calendars import Closure

#: at most this many skipped holidays are listed by date in an explanation
MAX_LISTED = 8

_UNIT_LABEL = {
    "day": "day",
    "business_day": "business day",
    "trading_day": "trading day",
    "week": "week",
    "month": "month",
    "year": "year",
    "hour": "hour",
}


def unit_label(unit: str, count: int) -> str:
    label = _UNIT_LABEL.get(unit, unit)
    return label if count == 1 else label + "s"


def skips(cal_name: str, skipped: tuple[Closure, ...], note: str | None = None) -> str:
    """'(HK)' or '(HK: skips 2021-04-02 Good Friday, 2021-04-05 ...)'."""
    head = cal_name + (f", {note}" if note else "")
    if not skipped:
        return f"({head})"
    listed = [f"{c.day.isoformat()} {c.reason}" for c in skipped[:MAX_LISTED]]
    more = len(skipped) - MAX_LISTED
    if more > 0:
        listed.append(f"and {more} more")
    return f"({head}: skips {', '.join(listed)})"


def ordinal(n: int) -> str:
    """1 -> '1st', 22 -> '22nd', 13 -> '13th'."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def anchor_text(name: str | None, day: dt.date) -> str:
    return f"{name} {day.isoformat()}" if name else day.isoformat()
