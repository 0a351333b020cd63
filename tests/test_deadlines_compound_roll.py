"""Compound periods ("1 year and 1 month") and roll clauses written without a comma.

Every expected date was worked out by hand from a printed calendar, as each comment says.
Weekdays used: Tue 2021-03-23 (so Sun 03-28, Mon 03-29, Fri 03-26); Wed 2021-06-30 (so
Mon 07-05, Independence Day observed at the US Federal Reserve, Fri 07-02, Tue 07-06).
Month lengths: Feb 2020 and Feb 2024 have 29 days, Feb 2021, 2022 and 2023 have 28.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.deadlines import due_for, parse_expression, resolve, resolve_provisions
from clausekit.errors import ExpressionError
from clausekit.types import Event
from tests.timex_helpers import tp

D = dt.date.fromisoformat


# ------------------------------------------------------------------ compound periods

COMPOUND = [
    # Feb 29 2020 + 13 months = Mar 29 2021 (March has a 29th: nothing clipped). Year first
    # then month would give Feb 28 2021 + 1 month = Mar 28 2021, the old wrong answer.
    ("1 year and 1 month after", "2020-02-29", "2021-03-29"),
    ("one (1) year and one (1) month after", "2020-02-29", "2021-03-29"),
    # Jan 31 2021 + 13 months = Feb 2022, 28 days: clipped once to Feb 28 2022
    ("one year and one month after", "2021-01-31", "2022-02-28"),
    # Feb 29 2024 - 13 months = Jan 29 2023 (January has a 29th). Step-wise it would be
    # Feb 28 2023 (clipped) - 1 month = Jan 28 2023.
    ("1 year and 1 month before", "2024-02-29", "2023-01-29"),
    ("one (1) year and one (1) month prior to", "2024-02-29", "2023-01-29"),
    # Mar 31 2021 - 13 months = Feb 2020, 29 days: Feb 29 2020
    ("1 year and 1 month before", "2021-03-31", "2020-02-29"),
    # months first, then days: Jan 31 2021 + 1 month = Feb 28 2021 (clipped), + 10 days = Mar 10
    ("one month and ten days after", "2021-01-31", "2021-03-10"),
    # leap year: Jan 31 2020 + 1 month = Feb 29 2020 (clipped), + 10 days = Mar 10 2020
    ("one (1) month and ten (10) days after", "2020-01-31", "2020-03-10"),
    # days written first: still months first (Feb 28 2021), then 10 days = Mar 10 2021
    ("ten days and one month after", "2021-01-31", "2021-03-10"),
    # before: Aug 31 2021 - 6 months = Feb 28 2021 (clipped), - 10 days = Feb 18 2021
    ("six (6) months and ten (10) days before", "2021-08-31", "2021-02-18"),
    # Jan 31 2021 + 14 months = Mar 31 2022, + 10 days = Apr 10 2022
    ("one year, two months and ten days after", "2021-01-31", "2022-04-10"),
    # Aug 31 2019 + 30 months = Feb 2022: clipped to Feb 28 2022
    ("2 years and 6 months after", "2019-08-31", "2022-02-28"),
    # a year alone still clips: Feb 29 2020 + 12 months = Feb 28 2021, + 30 days = Mar 30 2021
    ("one year plus thirty (30) days after", "2020-02-29", "2021-03-30"),
    # Mar 23 2021 + 6 months = Sep 23, + 1 day = Sep 24 2021
    ("six (6) months and one (1) day after the Effective Date", "2021-03-23", "2021-09-24"),
]


@pytest.mark.parametrize("text,start,expected", COMPOUND)
def test_compound_period(text, start, expected):
    assert resolve(text, start).due == D(expected)


def test_compound_with_business_days():
    # Feb 29 2020 + 13 months = Mon Mar 29 2021; 5 US business days after it:
    # Tue 30, Wed 31, Thu Apr 1, Fri Apr 2 (Good Friday: the Fed is open), Mon Apr 5
    res = resolve("1 year and 1 month and 5 business days after", "2020-02-29", "US")
    assert res.due == D("2021-04-05")
    assert res.explanation == (
        "2020-02-29 + 1 year and 1 month (13 months) + 5 business days (US) = 2021-04-05"
    )


def test_compound_explanation_without_clipping():
    res = resolve("1 year and 1 month after", "2020-02-29")
    assert res.explanation == "2020-02-29 + 1 year and 1 month (13 months) = 2021-03-29"


def test_compound_explanation_clips_once_at_the_end():
    res = resolve("1 year and 1 month after", "2021-01-31")
    assert res.explanation == (
        "2021-01-31 + 1 year and 1 month (13 months; day 31 does not exist in February 2022: "
        "its last day) = 2022-02-28"
    )
    # the day 29 of Feb 29 2024 exists in January 2023: no clipping note
    assert "does not exist" not in resolve("1 year and 1 month before", "2024-02-29").explanation


def test_months_then_days_explanation():
    res = resolve("one month and ten days after", "2021-01-31")
    assert res.explanation == (
        "2021-01-31 + 1 month (day 31 does not exist in February 2021: its last day) + 10 days = 2021-03-10"
    )
    res = resolve("six (6) months and ten (10) days before", "2021-08-31")
    assert res.explanation.startswith("2021-08-31 - 6 months (day 31 does not exist in February 2021")
    assert res.explanation.endswith("- 10 days = 2021-02-18")


def test_compound_terms_are_read():
    rule = parse_expression("within one year, two months and ten days after the Closing")
    assert (rule.count, rule.unit, rule.extra) == (1, "year", ((2, "month"), (10, "day")))
    assert rule.anchor == "Closing"


def _month_end(year: int, month: int, back: int) -> dt.date:
    """The last day of the month, or up to 3 days before it (days 28-31: where clipping happens)."""
    return dt.date(year, month, calendar.monthrange(year, month)[1] - back)


#: any day, with the days that clip (month ends, Feb 29 of leap years) drawn far more often
ANCHORS = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.builds(_month_end, st.integers(1900, 2200), st.integers(1, 12), st.integers(0, 3)),
    st.integers(1900, 2200).filter(calendar.isleap).map(lambda y: dt.date(y, 2, 29)),
)


@settings(max_examples=300, deadline=None)
@given(
    day=ANCHORS,
    years=st.integers(1, 40),
    months=st.integers(1, 11),
    direction=st.sampled_from(["after", "before"]),
)
def test_years_and_months_are_one_month_count(day, years, months, direction):
    y = f"{years} year{'s' if years > 1 else ''}"
    m = f"{months} month{'s' if months > 1 else ''}"
    sign = 1 if direction == "after" else -1
    # dateutil's relativedelta adds months in one step and clips to the month's end: an
    # implementation independent of clausekit's
    expected = day + relativedelta(months=sign * (12 * years + months))
    compound = resolve(f"{y} and {m} {direction}", day).due
    assert compound == expected
    assert compound == resolve(f"{12 * years + months} months {direction}", day).due


@settings(max_examples=200, deadline=None)
@given(
    day=ANCHORS,
    months=st.integers(1, 30),
    days=st.integers(1, 60),
    direction=st.sampled_from(["after", "before"]),
    days_first=st.booleans(),
)
def test_months_then_days(day, months, days, direction, days_first):
    # months first (one step, clipped), then days, whichever is written first
    sign = 1 if direction == "after" else -1
    expected = day + relativedelta(months=sign * months) + dt.timedelta(days=sign * days)
    terms = [f"{months} months", f"{days} days"]
    text = " and ".join(reversed(terms) if days_first else terms)
    assert resolve(f"{text} {direction}", day).due == expected


# ------------------------------------------------------------------ roll clauses

NO_COMMA = "within 5 days after the Closing if such day is not a Business Day, the next Business Day"


@pytest.mark.parametrize(
    "text,start,expected",
    [
        # 03-23 + 5 = Sun 03-28: rolled to Mon 03-29
        (NO_COMMA, "2021-03-23", "2021-03-29"),
        # 03-24 + 5 = Mon 03-29, open: no roll. (Read as an anchor "Business Day", the old
        # answer was the business day after 03-24 (03-25) + 5 days = 03-30.)
        (NO_COMMA, "2021-03-24", "2021-03-29"),
        # 06-30 + 5 = Mon 07-05, Independence Day observed: rolled to Tue 07-06
        (NO_COMMA, "2021-06-30", "2021-07-06"),
        (
            "within 5 days after the Closing if such date is not a Business Day, the next Business Day",
            "2021-03-23",
            "2021-03-29",
        ),
        (
            (
                "within 5 days after the Closing provided that if such day is not a business day, "
                "then on the next succeeding business day"
            ),
            "2021-03-23",
            "2021-03-29",
        ),
        # Sun 03-28 back to Fri 03-26
        (
            (
                "within 5 days after the Closing or, if such day is not a Business Day, the immediately "
                "preceding Business Day"
            ),
            "2021-03-23",
            "2021-03-26",
        ),
        # Mon 07-05 (holiday) back to Fri 07-02
        (
            (
                "within 5 days after the Closing or, if such day is not a Business Day, the immediately "
                "preceding Business Day"
            ),
            "2021-06-30",
            "2021-07-02",
        ),
        (
            (
                "within 5 days after the Closing if such day falls on a day that is not a Business Day, "
                "the next Business Day"
            ),
            "2021-03-23",
            "2021-03-29",
        ),
        (
            "within 5 days after the Closing (or, if not a Business Day, the next Business Day)",
            "2021-03-23",
            "2021-03-29",
        ),
        (
            "within 5 days after the Closing, or if such day is not a Business Day, the next Business Day",
            "2021-03-23",
            "2021-03-29",
        ),
        # the target before the condition, no comma
        (
            "within 5 days after the Closing or the next Business Day if such day is not a Business Day",
            "2021-03-23",
            "2021-03-29",
        ),
        # a named day with no period: Sat 03-27 rolled to Mon 03-29; Wed 03-24 stays
        (
            "on the Closing Date if such day is not a Business Day, the next Business Day",
            "2021-03-27",
            "2021-03-29",
        ),
        (
            "on the Closing Date if such day is not a Business Day, the next Business Day",
            "2021-03-24",
            "2021-03-24",
        ),
        # a cap after the roll clause stays a cap: Sun 03-28 rolls to Mon 03-29, capped at Sat 03-27
        (
            (
                "within 5 days after the Closing if such day is not a Business Day, the next Business Day, "
                "but in no event later than March 27, 2021"
            ),
            "2021-03-23",
            "2021-03-27",
        ),
    ],
)
def test_roll_clause_variants(text, start, expected):
    rule = parse_expression(text)
    assert rule.anchor in ("Closing", "Closing Date")
    assert rule.inner is None  # the roll clause is no chained anchor
    res = resolve(text, start, "US")
    assert res.due == D(expected)
    assert res.explanation.startswith(f"Closing {start} + 5 days") or res.explanation.startswith(
        f"on Closing Date {start}"
    )


def test_roll_clause_explanation_names_the_closing():
    res = resolve(NO_COMMA, "2021-03-24", "US")
    assert res.explanation == (
        "Closing 2021-03-24 + 5 days = 2021-03-29 (2021-03-29 is a business day in US: no roll needed)"
    )


def test_chained_anchor_is_still_a_chain():
    # Tue 03-23 + 30 days = Thu 04-22 (8 days to Mar 31, then 22); 5 US business days:
    # Fri 23, Mon 26, Tue 27, Wed 28, Thu 29 Apr
    text = "the fifth Business Day after the date that is thirty days after the Closing"
    rule = parse_expression(text)
    assert rule.inner is not None and rule.anchor == "Closing" and rule.roll is None
    assert resolve(text, "2021-03-23", "US").due == D("2021-04-29")


def test_chain_with_a_roll_clause():
    # Fri 03-19: 5 US business days = Mon 22, Tue 23, Wed 24, Thu 25, Fri 26 Mar;
    # + 30 days = Sun 04-25 (5 days to Mar 31, then 25): rolled to Mon 04-26
    text = (
        "thirty days after the date that is five Business Days after the Closing "
        "if such day is not a Business Day, the next Business Day"
    )
    rule = parse_expression(text)
    assert rule.roll == "following" and rule.inner is not None and rule.anchor == "Closing"
    assert resolve(text, "2021-03-19", "US").due == D("2021-04-26")


def test_a_roll_clause_alone_is_refused():
    with pytest.raises(ExpressionError, match="only a roll rule"):
        parse_expression("if such day is not a Business Day, the next Business Day")


# ------------------------------------------------------------------ the record's provisions


def _tp(quote, count, unit, anchor):
    return tp(quote, count, unit, "after", anchor)


def test_provision_with_compound_quote_uses_all_terms():
    # the record holds count 1, unit year; its quote adds the month: Feb 29 2020 + 13 months
    p = _tp("within one (1) year and one (1) month after the Closing Date", 1, "year", "Closing Date")
    out, _ = resolve_provisions([p], [Event("Closing Date", scheduled="2020-02-29")], calendar="US")
    assert out[0].due == "2021-03-29"
    assert out[0].explanation == "Closing Date 2020-02-29 + 1 year and 1 month (13 months) = 2021-03-29"


def test_provision_with_roll_clause_in_quote_rolls():
    # Tue 03-23 + 5 days = Sun 03-28, rolled to Mon 03-29
    p = _tp(
        "within five (5) days after the Closing Date if such day is not a Business Day, "
        "the next Business Day",
        5,
        "day",
        "Closing Date",
    )
    out, _ = resolve_provisions([p], [Event("Closing Date", scheduled="2021-03-23")], calendar="US")
    assert out[0].due == "2021-03-29"
    assert out[0].explanation.startswith("Closing Date 2021-03-23 + 5 days = 2021-03-28; 2021-03-28 is not")


@pytest.mark.parametrize(
    "text,start,end",
    [
        # Aug 31 2021 - 6 months = Feb 28 2021 (clipped), - 10 days = Feb 18; the window
        # includes Aug 31 and so starts the day after, Feb 19
        ("the six months and ten days ended on", "2021-02-19", "2021-08-31"),
        # Aug 31 2021 + 6 months = Feb 28 2022 (clipped), + 10 days = Mar 10; from Aug 31 on,
        # the last day inside is Mar 9 2022
        ("the six months and ten days beginning on", "2021-08-31", "2022-03-09"),
        # Aug 31 2021 - 13 months = Jul 31 2020; the window ends the day before Aug 31
        ("the one year and one month preceding", "2020-07-31", "2021-08-30"),
        # Aug 31 2021 + 13 months = Sep 2022, 30 days: Sep 30 2022 (clipped once)
        ("the one year and one month following", "2021-09-01", "2022-09-30"),
    ],
)
def test_compound_window(text, start, end):
    res = due_for(parse_expression(text), D("2021-08-31"), window=True)
    assert (res.due, res.window_start, res.window_end) == (None, D(start), D(end))
