"""Counting rules, hand-checked, and property tests against numpy.busday_offset.

The property tests build their holiday lists straight from the ``holidays`` package (and from
``exchange_calendars``), not through clausekit's calendars, and let numpy do the counting.
"""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.deadlines import get_calendar
from clausekit.deadlines.arithmetic import roll, shift_months, shift_open_days

D = dt.date.fromisoformat


# ------------------------------------------------------------------ hand-checked rules


@pytest.mark.parametrize(
    "start,months,expected,clipped",
    [
        ("2021-01-31", 1, "2021-02-28", True),  # 2021 is not a leap year
        ("2024-01-31", 1, "2024-02-29", True),  # 2024 is
        ("2021-03-31", 1, "2021-04-30", True),
        ("2021-01-15", 1, "2021-02-15", False),
        ("2021-12-31", 2, "2022-02-28", True),  # across the year end
        ("2021-03-31", -1, "2021-02-28", True),
        ("2020-02-29", 12, "2021-02-28", True),  # one year after Feb 29
        ("2021-05-31", 3, "2021-08-31", False),
    ],
)
def test_months_keep_day_number_and_clip(start, months, expected, clipped):
    assert shift_months(D(start), months) == (D(expected), clipped)


def test_anchor_day_is_not_counted():
    # 1 business day after Monday 2021-03-22 is Tuesday (weekends calendar)
    assert shift_open_days(D("2021-03-22"), 1, get_calendar("weekends")).date == D("2021-03-23")
    # 5 business days after Friday 2021-03-19 is Friday 2021-03-26 (Mon..Fri)
    assert shift_open_days(D("2021-03-19"), 5, get_calendar("weekends")).date == D("2021-03-26")


def test_anchor_on_non_business_day():
    # anchor Saturday 2021-03-27: the 1st business day after it is Monday 03-29, the 3rd is
    # Wednesday 03-31 (counting starts after the anchor whatever it is)
    cal = get_calendar("weekends")
    assert shift_open_days(D("2021-03-27"), 1, cal).date == D("2021-03-29")
    assert shift_open_days(D("2021-03-27"), 3, cal).date == D("2021-03-31")
    # anchor Good Friday 2021-04-02 in HK: Apr 3-6 closed, so 1 business day after is Apr 7
    assert shift_open_days(D("2021-04-02"), 1, get_calendar("HK")).date == D("2021-04-07")
    # before a Sunday: 1 business day before Sunday 2021-03-28 is Friday 03-26
    assert shift_open_days(D("2021-03-28"), -1, cal).date == D("2021-03-26")


def test_skipped_holidays_are_reported_weekends_are_not():
    # HK 2021-04-01 + 7 business days: skips Apr 2 (Good Friday), Apr 5, Apr 6 -> Apr 15
    # (Apr 7,8,9,12,13,14,15 are the seven)
    shift = shift_open_days(D("2021-04-01"), 7, get_calendar("HK"))
    assert shift.date == D("2021-04-15")
    assert [c.day for c in shift.skipped] == [D("2021-04-02"), D("2021-04-05"), D("2021-04-06")]
    assert shift.skipped[0].reason == "Good Friday"


@pytest.mark.parametrize(
    "day,convention,expected",
    [
        # Saturday 2021-07-03 in US; Monday July 5 2021 closed (Independence Day observed)
        ("2021-07-03", "following", "2021-07-06"),
        ("2021-07-03", "preceding", "2021-07-02"),
        # Sunday 2021-10-31: following would cross into November, so modified following goes back
        ("2021-10-31", "modified_following", "2021-10-29"),
        ("2021-10-30", "following", "2021-11-01"),
        # a business day does not move
        ("2021-07-02", "following", "2021-07-02"),
    ],
)
def test_roll_conventions(day, convention, expected):
    assert roll(D(day), get_calendar("US"), convention)[0] == D(expected)


# ------------------------------------------------------------------ properties vs numpy

YEARS = range(1995, 2041)


def _holiday_list(name: str) -> list[dt.date]:
    if name == "US":
        days = holidays.financial_holidays("XFED", years=YEARS).keys()
    elif name == "HK":
        days = holidays.HK(years=YEARS, categories=("public", "optional")).keys()
    elif name == "GB":
        days = holidays.GB(subdiv="ENG", years=YEARS).keys()
    elif name == "CN":
        days = holidays.CN(years=YEARS).keys()
    elif name == "JP":
        days = holidays.JP(years=YEARS, categories=("public", "bank")).keys()
    else:
        days = []
    return sorted(d for d in days if d.weekday() < 5)


BUSDAYCAL = {
    name: np.busdaycalendar(weekmask="1111100", holidays=_holiday_list(name))
    for name in ("weekends", "US", "HK", "GB", "CN", "JP")
}


def _numpy_offset(day: dt.date, n: int, bdc: np.busdaycalendar) -> dt.date:
    # n-th business day after (n > 0) a possibly closed day = n days on from the business day
    # on or before it; mirror for n < 0
    res = np.busday_offset(np.datetime64(day), n, roll="backward" if n > 0 else "forward", busdaycal=bdc)
    return res.astype("datetime64[D]").astype(dt.date)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(BUSDAYCAL)),
    day=st.dates(min_value=dt.date(2000, 6, 1), max_value=dt.date(2039, 6, 30)),  # +-260 stays in 1999-2040
    n=st.integers(min_value=-260, max_value=260).filter(lambda n: n != 0),
)
def test_business_day_counting_matches_numpy(name, day, n):
    assert shift_open_days(day, n, get_calendar(name)).date == _numpy_offset(day, n, BUSDAYCAL[name])


def _sessions_cal(code: str) -> np.busdaycalendar:
    import warnings

    import exchange_calendars as xc

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cal = xc.get_calendar(code, start="2000-01-01", end="2026-12-31")
    sessions = {s.date() for s in cal.sessions}
    closed, d = [], dt.date(2000, 1, 1)
    while d <= dt.date(2026, 12, 31):
        if d.weekday() < 5 and d not in sessions:
            closed.append(d)
        d += dt.timedelta(days=1)
    return np.busdaycalendar(weekmask="1111100", holidays=closed)


XNYS_NP = _sessions_cal("XNYS")


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2025, 6, 30)),
    n=st.integers(min_value=-120, max_value=120).filter(lambda n: n != 0),
)
def test_trading_day_counting_matches_numpy(day, n):
    assert shift_open_days(day, n, get_calendar("XNYS")).date == _numpy_offset(day, n, XNYS_NP)


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    months=st.integers(min_value=-240, max_value=240),
)
def test_months_round_trip_properties(day, months):
    d, clipped = shift_months(day, months)
    # same day number unless clipped, and then the last day of the month
    assert (d.day == day.day) != clipped
    if clipped:
        assert (d + dt.timedelta(days=1)).day == 1
    assert (d.year * 12 + d.month) - (day.year * 12 + day.month) == months
