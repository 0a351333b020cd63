"""Date arithmetic with the counting rules of the extraction spec.

- The anchor day is not counted: ``shift_days(D, 7)`` is D + 7.
- ``shift_open_days(D, n, cal)`` is the n-th open (business/trading) day after D (before D
  for negative n), also when D itself is closed.
- ``shift_months(D, n)`` keeps the day number and clips to the month's end (Jan 31 + 1 month
  = Feb 28/29); years are 12 months. The years and months of one period are one shift (see
  ``resolve``): clipping happens once, at the end.
- ``roll(D, cal, convention)`` applies a stated roll convention; nothing here rolls on its own.
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt
from dataclasses import dataclass, field

from clausekit.deadlines.calendars import Calendar, Closure

ONE = dt.timedelta(days=1)
#: no calendar is closed this long; a longer search means a broken calendar
MAX_CLOSED_RUN = 3660


@dataclass(frozen=True)
class Shift:
    date: dt.date
    skipped: tuple[Closure, ...] = field(default=())  # weekday closures passed over


def shift_days(d: dt.date, n: int) -> dt.date:
    return d + dt.timedelta(days=n)


def shift_months(d: dt.date, n: int) -> tuple[dt.date, bool]:
    """D plus n months, same day number or the month's last day; returns (date, clipped)."""
    m = d.month - 1 + n
    year, month = d.year + m // 12, m % 12 + 1
    last = _stdcal.monthrange(year, month)[1]
    return dt.date(year, month, min(d.day, last)), d.day > last


def shift_open_days(d: dt.date, n: int, cal: Calendar) -> Shift:
    """The |n|-th open day of ``cal`` after (n > 0) or before (n < 0) ``d``; n = 0 is ``d``."""
    step = ONE if n >= 0 else -ONE
    is_open = cal.is_business_day
    left, skipped, run, cur = abs(n), [], 0, d
    while left:
        cur += step
        if is_open(cur):
            left -= 1
            run = 0
            continue
        run += 1
        if run > MAX_CLOSED_RUN:
            raise ValueError(f"calendar {cal.name} has no open day near {cur}")
        if cur.weekday() < 5:
            skipped.append(Closure(cur, cal.closed_reason(cur) or "closed"))
    return Shift(cur, tuple(skipped))


def open_day_on_or_before(d: dt.date, cal: Calendar) -> dt.date:
    return d if cal.is_business_day(d) else shift_open_days(d, -1, cal).date


def open_day_on_or_after(d: dt.date, cal: Calendar) -> dt.date:
    return d if cal.is_business_day(d) else shift_open_days(d, 1, cal).date


ROLLS = ("following", "preceding", "modified_following", "modified_preceding")


def roll(d: dt.date, cal: Calendar, convention: str) -> tuple[dt.date, str | None]:
    """Apply a stated roll convention; returns the date and a note when it moved."""
    if convention not in ROLLS:
        raise ValueError(f"unknown roll convention {convention!r}")
    reason = cal.closed_reason(d)
    if reason is None:
        return d, None
    forward = convention in ("following", "modified_following")
    moved = open_day_on_or_after(d, cal) if forward else open_day_on_or_before(d, cal)
    if convention.startswith("modified") and moved.month != d.month:
        forward = not forward
        moved = open_day_on_or_after(d, cal) if forward else open_day_on_or_before(d, cal)
    label = convention.replace("_", " ")
    return moved, f"{d} is not a business day ({reason}; {cal.name}): rolled to {moved} ({label})"
