"""Three wrong-date shapes of time provisions: caps in other words, ranges of two units, "a day" as a term.

1. A written-date cap beside a period ("within 30 days after the Closing, but in no event later than June 1,
   2021") caps `due` at the earlier date (spec: "no later than DATE" together with a relative period: `due`
   is the earlier of the two), whatever words introduce it.
2. "between thirty (30) days and six (6) months after X" is a range, not a sum: due on its last allowed day
   (the choice already made for "not less than 10 nor more than 60 days"), the explanation says so.
3. "one year and a day" / "a year and one day" / "six months and a day": one compound period.

Every expected date below was computed by hand (calendar arithmetic, written next to each case), never
copied from the code's output. Weekend calendar only: no business days are counted here.
"""
from __future__ import annotations

import datetime as dt

import pytest

from clausekit import deadlines
from clausekit.deadlines import parse_expression
from clausekit.extract import extract
from clausekit.ingest import read_document

D = dt.date

# ------------------------------------------------------------------ 1. caps, the engine

PERIOD = "within thirty (30) days after the Closing"
CAP_WORDS = [
    ", but in no event later than June 1, 2021",
    ", but not later than June 1, 2021",
    " and in any event no later than June 1, 2021",
    " (and in any event not later than June 1, 2021)",
    ", provided that in no event shall such payment be made later than June 1, 2021",
    "; provided, however, that in no event shall the Purchase Price be paid later than June 1, 2021",
    ", but in any case no later than June 1, 2021",
    " or, if earlier, June 1, 2021",
    " (but in no event later than June 1, 2021)",
]


@pytest.mark.parametrize("words", CAP_WORDS)
def test_a_cap_in_other_words_caps_the_due_date(words):
    # Closing 2021-05-20 + 30 days = 2021-06-19 (11 days to May 31, 19 more in June); the cap 2021-06-01 is
    # earlier, so it wins
    rule = parse_expression(PERIOD + words)
    assert (rule.count, rule.unit, rule.anchor, rule.cap) == (30, "day", "Closing", D(2021, 6, 1))
    res = deadlines.due_for(rule, D(2021, 5, 20), anchor_name="Closing")
    assert res.due == D(2021, 6, 1)
    assert "capped" in res.explanation and "2021-06-19" in res.explanation


@pytest.mark.parametrize("words", CAP_WORDS)
def test_a_later_cap_leaves_the_period_date(words):
    # Closing 2021-04-01 + 30 days = 2021-05-01, before the cap 2021-06-01: the period's date stands
    res = deadlines.due_for(parse_expression(PERIOD + words), D(2021, 4, 1), anchor_name="Closing")
    assert res.due == D(2021, 5, 1)
    assert "2021-05-01 stands" in res.explanation


def test_cli_says_the_cap_applied(ck):
    code, out, err = ck("due", "within 30 days after the Closing, but in no event later than June 1, 2021",
                        "--from", "2021-05-20")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "2021-06-01"  # 2021-05-20 + 30 days = 2021-06-19, capped at 2021-06-01
    assert "capped" in out


def test_no_later_than_alone_is_the_deadline_not_a_cap():
    rule = parse_expression("no later than June 15, 2021")
    assert (rule.date, rule.cap, rule.count) == (D(2021, 6, 15), None, None)
    assert deadlines.due_for(rule, None).due == D(2021, 6, 15)


def test_a_later_than_event_is_not_a_cap():
    # "but in no event later than the date on which X happens": no written date, nothing to cap with
    rule = parse_expression("within 30 days after the Closing, but in no event later than the Outside Date")
    assert rule.cap is None


# ------------------------------------------------------------------ 2. ranges of two units, the engine

def test_between_two_units_is_a_range_due_on_its_last_day():
    # Closing 2021-01-31: + 30 days = 2021-03-02 (28 days to Feb 28, 2 more); + 6 months = 2021-07-31.
    # A sum would give 2021-07-31 + 30 days = 2021-08-30.
    rule = parse_expression("between thirty (30) days and six (6) months after the Closing")
    assert (rule.count, rule.unit, rule.earliest_count, rule.earliest_unit) == (6, "month", 30, "day")
    assert rule.extra == ()
    res = deadlines.due_for(rule, D(2021, 1, 31), anchor_name="Closing")
    assert res.due == D(2021, 7, 31)
    assert "range" in res.explanation and "2021-03-02" in res.explanation and "last allowed day" in res.explanation


def test_between_two_units_before_is_due_on_the_nearer_end():
    # Meeting 2021-06-30: - 6 months = 2020-12-30, - 30 days = 2021-05-31 (30 days back: June 30 -> May 31);
    # the last allowed day is the later one, 2021-05-31
    res = deadlines.resolve("between thirty (30) days and six (6) months before the Meeting", D(2021, 6, 30))
    assert res.due == D(2021, 5, 31)


def test_mixed_bounds_are_a_range_too():
    # "not less than 10 days nor more than 3 months before" 2021-06-30: allowed 2021-03-30 .. 2021-06-20
    res = deadlines.resolve("not less than 10 days nor more than 3 months before the Meeting", D(2021, 6, 30))
    assert res.due == D(2021, 6, 20)


def test_a_range_whose_rough_order_is_wrong_for_the_dates_takes_the_later_end():
    # from 2021-01-31: 30 days = 2021-03-02 but 1 month = 2021-02-28 (February is short): the last allowed
    # day is 2021-03-02 although a month is "longer" than 30 days
    res = deadlines.resolve("between 30 days and one month after the Closing", D(2021, 1, 31))
    assert res.due == D(2021, 3, 2)


def test_a_compound_period_is_still_a_sum():
    # 2021-01-31 + 6 months = 2021-07-31, + 30 days = 2021-08-30 (no "between": a compound period)
    assert deadlines.resolve("six (6) months and thirty (30) days after the Closing", D(2021, 1, 31)).due \
        == D(2021, 8, 30)


def test_between_two_events_is_not_a_period_range():
    with pytest.raises(Exception):
        parse_expression("between the Closing and the Effective Time")


# ------------------------------------------------------------------ 3. "a day" as a term, the engine

@pytest.mark.parametrize("text, expected", [
    ("one year and a day after the Closing", D(2022, 3, 24)),  # 2021-03-23 + 1 year = 2022-03-23, + 1 day
    ("a year and one day after the Closing", D(2022, 3, 24)),  # the same terms, the article first
    ("within a year and a day after the Closing", D(2022, 3, 24)),
    ("six months and a day after the Closing", D(2021, 9, 24)),  # + 6 months = 2021-09-23, + 1 day
    ("one year and a day before the Closing", D(2020, 3, 22)),  # - 1 year = 2020-03-23, - 1 day
])
def test_a_day_is_a_term_of_the_period(text, expected):
    rule = parse_expression(text)
    assert rule.extra == ((1, "day"),)
    assert deadlines.due_for(rule, D(2021, 3, 23)).due == expected


# ------------------------------------------------------------------ end to end through the pipeline

HEAD = "Closing Date: March 23, 2021.\n\n"  # a labelled event date the engine counts from


def items(nlp, tmp_path, sentence: str) -> list:
    path = tmp_path / "agreement.txt"
    path.write_text(HEAD + sentence + "\n", encoding="utf-8")
    found = [p for p in extract(read_document(path), nlp).deadlines if p.start >= len(HEAD)]
    return found


def test_pipeline_caps_the_due_date(nlp, tmp_path):
    # 2021-03-23 + 30 days = 2021-04-22 (8 days to March 31, 22 more); the cap 2021-04-15 is earlier
    found = items(nlp, tmp_path, "The Buyer shall pay the Purchase Price within thirty (30) days after the "
                                 "Closing Date, but in no event later than April 15, 2021.")
    assert [(p.quote, p.count, p.unit, p.anchor, p.cap, p.due) for p in found] == [
        ("within thirty (30) days after the Closing Date, but in no event later than April 15, 2021",
         30, "day", "Closing Date", "2021-04-15", "2021-04-15")]


@pytest.mark.parametrize("words", [
    "and in any event no later than April 15, 2021",
    "provided that in no event shall such payment be made later than April 15, 2021",
    "or, if earlier, April 15, 2021",
])
def test_pipeline_caps_in_other_words(nlp, tmp_path, words):
    found = items(nlp, tmp_path, f"The Buyer shall pay the Purchase Price within thirty (30) days after the "
                                 f"Closing Date, {words}.")
    assert [(p.count, p.cap, p.due) for p in found] == [(30, "2021-04-15", "2021-04-15")]


def test_pipeline_a_later_cap_keeps_the_period_date(nlp, tmp_path):
    # 2021-04-22 is before the cap 2021-06-01
    found = items(nlp, tmp_path, "The Buyer shall pay the Purchase Price within thirty (30) days after the "
                                 "Closing Date, but not later than June 1, 2021.")
    assert [(p.cap, p.due) for p in found] == [("2021-06-01", "2021-04-22")]


def test_pipeline_no_later_than_a_date_is_the_deadline(nlp, tmp_path):
    found = items(nlp, tmp_path, "The Seller shall deliver the notice no later than June 1, 2021.")
    assert [(p.count, p.date, p.cap, p.direction, p.due) for p in found] == [
        (None, "2021-06-01", None, "before", "2021-06-01")]


def test_pipeline_range_of_two_units(nlp, tmp_path):
    # 2021-03-23 + 6 months = 2021-09-23 (the last allowed day); a sum would be 2021-10-23
    found = items(nlp, tmp_path, "The Buyer may exercise the option between thirty (30) days and six (6) "
                                 "months after the Closing Date.")
    assert [(p.quote, p.count, p.unit, p.direction, p.anchor, p.due) for p in found] == [
        ("between thirty (30) days and six (6) months after the Closing Date", 6, "month", "after",
         "Closing Date", "2021-09-23")]


def test_pipeline_between_two_events_is_no_range(nlp, tmp_path):
    found = items(nlp, tmp_path, "The Seller shall maintain the insurance in the period between the Closing "
                                 "and the Effective Time.")
    assert not [p for p in found if p.count is not None]


@pytest.mark.parametrize("sentence, quote, count, unit, due", [
    ("The claim must be brought within one year and a day after the Closing Date.",
     "within one year and a day after the Closing Date", 1, "year", "2022-03-24"),  # + 1 year, + 1 day
    ("The claim must be brought within a year and one day after the Closing Date.",
     "within a year and one day after the Closing Date", 1, "year", "2022-03-24"),  # not + 1 day alone
    ("The claim must be brought within six months and a day after the Closing Date.",
     "within six months and a day after the Closing Date", 6, "month", "2021-09-24"),  # 09-23, + 1 day
])
def test_pipeline_a_day_is_one_compound_item(nlp, tmp_path, sentence, quote, count, unit, due):
    found = items(nlp, tmp_path, sentence)
    assert [(p.quote, p.count, p.unit, p.due) for p in found] == [(quote, count, unit, due)]


@pytest.mark.parametrize("sentence, quote, count, unit, due", [
    # + 60 days: 8 days to March 31, 30 in April, 22 in May -> 2021-05-22 (a "more than 60" reading gave 05-23)
    ("The meeting shall be held not less than 10 nor more than 60 days after the Closing Date.",
     "not less than 10 nor more than 60 days after the Closing Date", 60, "day", "2021-05-22"),
    ("The meeting shall be held not less than ten (10) days nor more than sixty (60) days after the Closing "
     "Date.", "not less than ten (10) days nor more than sixty (60) days after the Closing Date", 60, "day",
     "2021-05-22"),
    # before X the last allowed day is the nearer end: 2021-03-23 - 10 days = 2021-03-13
    ("The Company shall give notice at least 10 but not more than 60 days before the Closing Date.",
     "at least 10 but not more than 60 days before the Closing Date", 10, "day", "2021-03-13"),
    # mixed units: 2021-03-23 + 3 months = 2021-06-23 (not 06-24, a "more than 3 months" reading)
    ("The meeting shall be held not less than 10 days nor more than 3 months after the Closing Date.",
     "not less than 10 days nor more than 3 months after the Closing Date", 3, "month", "2021-06-23"),
])
def test_pipeline_a_range_read_from_its_far_end_is_one_item(nlp, tmp_path, sentence, quote, count, unit, due):
    found = items(nlp, tmp_path, sentence)
    assert [(p.quote, p.count, p.unit, p.due) for p in found] == [(quote, count, unit, due)]


def test_pipeline_more_than_alone_stays_more_than(nlp, tmp_path):
    # no first end: "more than 60 days after" is the first day after 60 days: 2021-05-22 + 1 = 2021-05-23
    found = items(nlp, tmp_path, "The Option may be exercised more than 60 days after the Closing Date.")
    assert [(p.quote, p.count, p.due) for p in found] == [
        ("more than 60 days after the Closing Date", 60, "2021-05-23")]


def test_pipeline_once_a_year_is_not_a_first_term(nlp, tmp_path):
    # "once a year" is a frequency: the 30 days stay a period of their own (2021-03-23 + 30 days = 2021-04-22)
    found = items(nlp, tmp_path, "The Seller shall report once a year and 30 days after the Closing Date.")
    assert [(p.count, p.unit, p.due) for p in found if p.anchor == "Closing Date"] == [(30, "day", "2021-04-22")]
