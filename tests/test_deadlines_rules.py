"""Reading contract language (parse_expression) and resolving it (due_for), hand-checked.

Anchor for most cases: Tuesday 2021-03-23. Day counts were checked on a printed calendar:
March has 31 days (8 left after the 23rd), April 30, May 31, June 30.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.deadlines import due_for, parse_expression, resolve
from clausekit.deadlines.rules import words_to_int
from clausekit.errors import ExpressionError

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    "words,value,ordinal",
    [
        ("seven", 7, False),
        ("seventh", 7, True),
        ("ninety", 90, False),
        ("ninety-nine", 99, False),
        ("twenty one", 21, False),
        ("twenty-first", 21, True),
        ("thirtieth", 30, True),
        ("sixtieth", 60, True),
        ("one hundred twenty", 120, False),
        ("one hundred and eighty", 180, False),
        ("two hundred seventy", 270, False),
        ("one hundredth", 100, True),
        ("one hundred twentieth", 120, True),
        ("one thousand ninety-five", 1095, False),
    ],
)
def test_words_to_int(words, value, ordinal):
    assert words_to_int(words) == (value, ordinal)


@pytest.mark.parametrize(
    "text,count,unit,direction,anchor",
    [
        (
            "the seventh (7th) business day after the Effective Date",
            7,
            "business_day",
            "after",
            "Effective Date",
        ),
        ("within ninety (90) days after", 90, "day", "after", None),
        ("60 days", 60, "day", "after", None),
        ("30 trading days before", 30, "trading_day", "before", None),
        ("at least ten (10) Business Days prior to the Closing", 10, "business_day", "before", "Closing"),
        ("upon thirty (30) days' prior written notice", 30, "day", "before", None),
        ("within 30 days of receipt of such notice", 30, "day", "after", "receipt of such notice"),
        ("one hundred twenty (120) calendar days following", 120, "day", "after", None),
        ("the tenth (10th) anniversary of the Issue Date", 10, "year", "after", "Issue Date"),
        ("2 weeks prior to", 2, "week", "before", None),
        ("the next Business Day", 1, "business_day", "after", None),
        (
            "the Business Day immediately preceding the Payment Date",
            1,
            "business_day",
            "before",
            "Payment Date",
        ),
    ],
)
def test_parse_fields(text, count, unit, direction, anchor):
    r = parse_expression(text)
    assert (r.count, r.unit, r.direction, r.anchor) == (count, unit, direction, anchor)


# (expression, --from, calendar, expected due, how it was checked)
CASES = [
    ("the seventh (7th) business day after", "2021-03-23", "HK", "2021-04-01"),  # Mar 24-26, 29-31, Apr 1
    # HK: Apr 2 (Good Friday), 5, 6 general holidays -> Apr 7, 8, 9, 12, 13, 14, 15
    ("seven (7) Business Days after", "2021-04-01", "HK", "2021-04-15"),
    ("within ninety (90) days after", "2021-03-23", "weekends", "2021-06-21"),  # 8+30+31+21
    ("60 days", "2021-04-13", "weekends", "2021-06-12"),  # 17+31+12
    # XNYS sessions before Mon 2021-03-22: 15 in March (19..1), Feb 26-16 = 9 (Feb 15 closed) -> 24,
    # Feb 12-8 = 29, Feb 5 = 30
    ("30 trading days before", "2021-03-22", "XNYS", "2021-02-05"),
    ("3 months after", "2021-01-31", "weekends", "2021-04-30"),  # April has 30 days
    ("one (1) month after", "2021-01-31", "weekends", "2021-02-28"),  # 2021 not a leap year
    ("one (1) month after", "2024-01-31", "weekends", "2024-02-29"),
    # US (Fed) 2020: July 3 open (July 4 a Saturday); ten business days before Fri 2020-07-10:
    # Jul 9, 8, 7, 6, 3, 2, 1, Jun 30, 29, 26
    ("at least ten (10) Business Days prior to", "2020-07-10", "US", "2020-06-26"),
    # ...whereas NYSE was closed July 3 2020: Jul 9, 8, 7, 6, 2, 1, Jun 30, 29, 26, 25
    ("at least ten (10) Business Days prior to", "2020-07-10", "XNYS", "2020-06-25"),
    ("five (5) Business Days following", "2020-07-01", "US", "2020-07-08"),  # Jul 2, 3, 6, 7, 8
    ("one (1) year after", "2020-02-29", "weekends", "2021-02-28"),
    ("2 weeks prior to", "2021-03-01", "weekends", "2021-02-15"),
    ("the thirtieth (30th) day following", "2021-03-01", "weekends", "2021-03-31"),
    ("one hundred twenty (120) days after", "2021-01-01", "weekends", "2021-05-01"),  # 30+28+31+30+1
    ("more than one hundred eighty (180) days after", "2020-03-05", "weekends", "2020-09-02"),
    ("not less than ten (10) nor more than sixty (60) days prior to", "2021-06-30", "weekends", "2021-06-20"),
    # a range after an anchor is due on its last day: 2021-03-23 + 90 = 2021-06-21
    ("not earlier than 60 days nor later than 90 days after", "2021-03-23", "weekends", "2021-06-21"),
    ("between 30 and 60 days prior to", "2021-03-23", "weekends", "2021-02-21"),  # 23 + 28 (Feb) - 30
    # 2021-06-05 + 30 = Mon 2021-07-05, US Independence Day observed -> next Business Day 07-06
    (
        "30 days after, or if such day is not a Business Day, the next succeeding Business Day",
        "2021-06-05",
        "US",
        "2021-07-06",
    ),
    (
        "30 days after, or if such day is not a Business Day, the immediately preceding Business Day",
        "2021-06-05",
        "US",
        "2021-07-02",
    ),
    (
        "the earlier of (a) 60 days after the Closing and (b) June 15, 2021",
        "2021-04-13",
        "weekends",
        "2021-06-12",
    ),
    (
        "the later of (a) 60 days after the Closing and (b) June 15, 2021",
        "2021-04-13",
        "weekends",
        "2021-06-15",
    ),
    (
        "60 days after the Closing, but in no event later than June 1, 2021",
        "2021-04-13",
        "weekends",
        "2021-06-01",
    ),
    ("the next Business Day", "2021-04-01", "HK", "2021-04-07"),
    ("the tenth (10th) anniversary of", "2020-04-30", "weekends", "2030-04-30"),
    ("within 48 hours after", "2021-04-01", "weekends", "2021-04-03"),
    (
        "by 5:00 p.m. (New York City time) on the third Business Day after",
        "2020-07-01",
        "US-NY",
        "2020-07-06",
    ),
    ("no later than June 15, 2021", "2021-01-01", "weekends", "2021-06-15"),
    ("on or before the Closing Date", "2021-04-01", "weekends", "2021-04-01"),
    # 2021-01-01 + 30 days = Sun Jan 31; 5 US business days after: Feb 1-5
    (
        "five (5) Business Days after the date that is thirty (30) days after the Closing",
        "2021-01-01",
        "US",
        "2021-02-05",
    ),
    ("6 months and one day after", "2021-03-23", "weekends", "2021-09-24"),
    ("the 20th trading day following", "2021-03-23", "XNYS", "2021-04-21"),  # Good Friday Apr 2 closed
    # anchor on a Saturday: 1st business day after Sat 2021-03-27 is Mon 03-29
    ("one (1) business day after", "2021-03-27", "weekends", "2021-03-29"),
    # HK trap: Saturday 2021-04-03 is closed twice over; HK+US closed on every HK or US holiday
    ("1 business day after", "2021-04-01", "HK+US", "2021-04-07"),
    # trading days on a bank calendar count on its main exchange: XHKG closed Apr 2, 5, 6 2021
    ("1 trading day after", "2021-04-01", "HK", "2021-04-07"),
    # trading days with no exchange named count on XNYS (closed Good Friday 2021-04-02)
    ("1 trading day after", "2021-04-01", "weekends", "2021-04-05"),
    # GB (England and Wales) 2021: Good Friday Apr 2, Easter Monday Apr 5
    ("two (2) Business Days after", "2021-04-01", "GB", "2021-04-07"),
    # CN 2021: Oct 1-7 National Day holidays
    ("3 business days after", "2021-09-29", "CN", "2021-10-11"),  # Sep 30, Oct 8, Oct 11
    # JP: Jan 1-3 bank holidays; 2021-12-30 + 2 = Jan 4, 5 (Dec 31 bank holiday)
    ("2 business days after", "2021-12-30", "JP", "2022-01-05"),
    # days fixed by the calendar
    ("the last day of the month following the month in which", "2021-03-23", "weekends", "2021-04-30"),
    ("the last day of the month", "2024-02-10", "weekends", "2024-02-29"),
    # US: Fri 2021-12-31 open at the Fed (New Year 2022 fell on a Saturday)
    ("the last Business Day of the month", "2021-12-05", "US", "2021-12-31"),
    # HK: Apr 1 2021 open (Good Friday is Apr 2)
    ("the first Business Day of the month following", "2021-03-10", "HK", "2021-04-01"),
    # HK: Jan 1 2022 Saturday -> first business day of 2022 is Mon Jan 3
    ("the first business day of the next calendar month", "2021-12-15", "HK", "2022-01-03"),
    ("the fifteenth (15th) day of the month following", "2021-03-23", "weekends", "2021-04-15"),
    ("30 days after the end of the calendar quarter", "2021-02-10", "weekends", "2021-04-30"),  # Mar 31 + 30
    # HK April 2021: 1 open, 2 Good Friday, 5 and 6 general holidays, 7, 8, 9, 12 -> 5th is Apr 12
    ("the fifth (5th) Business Day of the month following", "2021-03-23", "HK", "2021-04-12"),
    ("the third business day of the month", "2021-03-23", "weekends", "2021-03-03"),  # Mon 1, Tue 2, Wed 3
]


@pytest.mark.parametrize("text,start,calendar,expected", CASES)
def test_due(text, start, calendar, expected):
    assert resolve(text, start, calendar).due == D(expected)


def test_explanation_names_calendar_and_skips():
    res = resolve("seven (7) Business Days after", "2021-04-01", "HK")
    assert res.explanation == (
        "2021-04-01 + 7 business days (HK: skips 2021-04-02 Good Friday, "
        "2021-04-05 The day following Tomb-Sweeping Day, "
        "2021-04-06 The day following Easter Monday) = 2021-04-15"
    )
    assert (
        "(XNYS, no exchange named; default XNYS" in resolve("1 trading day after", "2021-04-01").explanation
    )


def test_window_ended_on():
    r = due_for(
        parse_expression("the consecutive thirty (30) trading days ended on March 22, 2021"), None, "XNAS"
    )
    assert (r.window_start, r.window_end) == (D("2021-02-08"), D("2021-03-22"))


@pytest.mark.parametrize(
    "text",
    [
        "gibberish",
        "",
        "promptly after the Closing",
        "prior to the Closing",
        "during the Term",
        "ten (11) days after",  # words and figures disagree: refuse rather than guess
        "within a reasonable time",
        "the end of the fiscal year",  # depends on the company's fiscal year: refused, not guessed
        "the thirty-first day of the month following",  # from March: April has no 31st
        "3,000,000 months after",  # beyond any calendar: refused, not an overflow traceback
    ],
)
def test_unreadable_or_undated_is_an_error(text):
    with pytest.raises(ExpressionError):
        resolve(text, "2021-03-23", "weekends")


def test_no_anchor_date_is_an_error():
    with pytest.raises(ExpressionError):
        due_for(parse_expression("60 days after"), None, "weekends")


# ------------------------------------------------------------------ generated phrasings (hypothesis)
# Contract phrasings are built from parts with a known count, unit and direction; the expected
# date is computed independently (timedelta, numpy.busday_offset, or a month shift checked in
# test_deadlines_arithmetic), so the parser is tested on language it has never seen verbatim.


_U = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_T = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_OU = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_OT = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]


def _words(n: int, ordinal: bool) -> str:
    head = ""
    if n >= 100:
        head, n = f"{_U[n // 100]} hundred", n % 100
        if not n:
            return head + ("th" if ordinal else "")
        head += " "
    if n < 20:
        return head + (_OU if ordinal else _U)[n]
    if n % 10 == 0:
        return head + (_OT if ordinal else _T)[n // 10]
    return head + f"{_T[n // 10]}-{(_OU if ordinal else _U)[n % 10]}"


def _figure(n: int, ordinal: bool) -> str:
    if not ordinal:
        return str(n)
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


_UNIT_WORDS = {
    "day": ["day", "calendar day", "Day"],
    "business_day": ["business day", "Business Day", "banking day"],
    "week": ["week"],
    "month": ["month", "calendar month"],
    "year": ["year"],
}
_AFTER = ["after", "following", "from", "subsequent to", "of", "immediately following", "after receipt of"]
_BEFORE = ["before", "prior to", "preceding", "in advance of", "immediately preceding"]
_LEAD = [
    "",
    "within ",
    "no later than ",
    "not later than ",
    "at least ",
    "not less than ",
    "by ",
    "on or before ",
    "no later than 5:00 p.m. (New York City time) on ",
    "the date that is ",
    "not more than ",
    "as soon as practicable, and in any event within ",
]
_ANCHOR = ["", " the Closing", " the Effective Date", " receipt of such notice", " the date hereof"]


@st.composite
def phrasings(draw):
    unit = draw(st.sampled_from(sorted(_UNIT_WORDS)))
    n = draw(st.integers(1, 199 if unit in ("day", "business_day") else 30))
    ordinal = unit in ("day", "business_day") and draw(st.booleans())
    style = draw(st.sampled_from(["words", "figures", "both"]))
    num = {
        "words": _words(n, ordinal),
        "figures": _figure(n, ordinal),
        "both": f"{_words(n, ordinal)} ({_figure(n, ordinal)})",
    }[style]
    word = draw(st.sampled_from(_UNIT_WORDS[unit]))
    if n != 1 and not ordinal:
        word += "s"
    direction = draw(st.sampled_from(["after", "before"]))
    dword = draw(st.sampled_from(_AFTER if direction == "after" else _BEFORE))
    text = f"{draw(st.sampled_from(_LEAD))}{'the ' if ordinal else ''}{num} {word} {dword}"
    return text + draw(st.sampled_from(_ANCHOR)), n, unit, direction


def _expected(day: dt.date, n: int, unit: str, direction: str) -> dt.date:
    from clausekit.deadlines.arithmetic import shift_months

    s = 1 if direction == "after" else -1
    if unit in ("day", "week"):
        return day + dt.timedelta(days=s * n * (7 if unit == "week" else 1))
    if unit in ("month", "year"):
        return shift_months(day, s * n * (12 if unit == "year" else 1))[0]
    res = np.busday_offset(np.datetime64(day), s * n, roll="backward" if s > 0 else "forward")
    return res.astype("datetime64[D]").astype(dt.date)


@settings(max_examples=300, deadline=None)
@given(case=phrasings(), day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_generated_phrasings(case, day):
    text, n, unit, direction = case
    rule = parse_expression(text)
    assert (rule.count, rule.unit, rule.direction) == (n, unit, direction), text
    assert due_for(rule, day, "weekends").due == _expected(day, n, unit, direction), text


# 2021-06-05 + 30 days = Monday 2021-07-05, the Fed's Independence Day holiday (July 4 was a Sunday):
# following -> Tue 07-06, preceding -> Fri 07-02. Without a stated convention nothing moves.
@pytest.mark.parametrize(
    "text,expected",
    [
        ("30 days after", "2021-07-05"),
        ("30 days after (or, if such day is not a Business Day, the next Business Day)", "2021-07-06"),
        ("30 days after, or the next Business Day if such day is not a Business Day", "2021-07-06"),
        (
            "30 days after; provided that if such day is not a Business Day, the preceding Business Day",
            "2021-07-02",
        ),
        (
            "30 days after (adjusted in accordance with the Modified Following Business Day Convention)",
            "2021-07-06",
        ),
        ("30 days after, subject to the Following Business Day Convention", "2021-07-06"),
        ("30 days after; if that day is not a business day, the first business day thereafter", "2021-07-06"),
        (
            "30 days after (or if such day is a Saturday, Sunday or holiday, the next business day)",
            "2021-07-06",
        ),
        (
            "30 days after, but if such day is not a Business Day, the immediately preceding Business Day",
            "2021-07-02",
        ),
    ],
)
def test_roll_phrasings(text, expected):
    res = resolve(text, "2021-06-05", "US")
    assert res.due == D(expected)
    assert ("rolled" in res.explanation) == (expected != "2021-07-05")


@pytest.mark.parametrize(
    "text,expected",
    [
        # no period: due on the anchor itself (the spec: "on the Closing Date" is a deadline on that day)
        ("on the Closing Date", "2021-04-13"),
        ("on or before the Closing Date", "2021-04-13"),
        ("with immediate effect from the Closing Date", "2021-04-13"),
        ("the Closing Date", "2021-04-13"),
        ("no later than June 15, 2021", "2021-06-15"),  # a stated date ignores --from
        ("ninety (90) days after March 1, 2021", "2021-05-30"),  # so does a stated anchor: 30 + 30 + 30
    ],
)
def test_no_period(text, expected):
    assert resolve(text, "2021-04-13", "HK").due == D(expected)


@pytest.mark.parametrize("text", ["Gibberish", "the Widget", "soon"])
def test_words_that_are_no_anchor_are_refused(text):
    with pytest.raises(ExpressionError):
        resolve(text, "2021-04-13", "HK")
