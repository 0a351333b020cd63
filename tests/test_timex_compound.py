"""clausekit_timex: a compound period ("one (1) year and one (1) month after X") is ONE time provision.

Split in two, "within one (1) year" lost its anchor and "one (1) month after the Closing Date" was due a year
early. The spec asks for one item per time expression; the deadline engine reads a compound period's further
terms from the quote when the quote starts with the item's count and unit, so the item carries the first
term's count/unit and a quote that covers every term.

Every expected value below was written by hand, not copied from the code's output:
- quotes and fields from the Conventions of shared/spec/extraction.md;
- dates by calendar arithmetic from the Closing Date 2021-03-23 (a Tuesday), following the counting rules
  (months: same day number; a compound adds its years and months as one month count, then its days;
  business days skip Saturdays and Sundays; no bank holiday falls in the weeks used here).

What must NOT merge (the engine reads them as separate periods too): alternatives ("30 days or 60 days",
"30 days, 2 months"), a list of the same unit ("30 days, 60 days and 90 days"), and two periods with their
own anchors or verbs in one sentence.
"""
from __future__ import annotations

import pytest

from clausekit.extract import from_doc
from clausekit.types import Document

HEAD = "Closing Date: March 23, 2021.\n\n"  # a labelled event date the engine counts from


def provisions(nlp, sentence: str) -> list:
    """The time provisions of ``sentence`` (the dated Closing Date above it gives nothing of its own)."""
    text = HEAD + sentence
    x = from_doc(nlp(text), Document(path="compound.txt", format="txt", sha256="0", text=text))
    found = [p for p in x.deadlines if p.start >= len(HEAD)]
    for p in found:
        assert text[p.start:p.end] == p.quote
    return found


def one(nlp, sentence: str):
    found = provisions(nlp, sentence)
    assert len(found) == 1, [p.quote for p in found]
    return found[0]


# (sentence, quote, count, unit, direction, due, how the due date was computed by hand)
COMPOUND = [
    ("The Buyer shall pay the balance within one (1) year and one (1) month after the Closing Date.",
     "within one (1) year and one (1) month after the Closing Date", 1, "year", "after", "2022-04-23"),
    # 2021-03-23 + 13 months = 2022-04-23 (not 2021-04-23, the date the split item gave)
    ("The Seller shall deliver the report within six (6) months and one (1) day after the Closing Date.",
     "within six (6) months and one (1) day after the Closing Date", 6, "month", "after", "2021-09-24"),
    # 2021-03-23 + 6 months = 2021-09-23, + 1 day = 2021-09-24
    ("The Buyer shall file the return within one year, two months and ten days after the Closing Date.",
     "within one year, two months and ten days after the Closing Date", 1, "year", "after", "2022-06-02"),
    # + 14 months = 2022-05-23, + 10 days = 2022-06-02 (May has 31 days: 23 + 10 -> June 2)
    ("The Seller shall pay the holdback within thirty (30) days plus five (5) Business Days after the Closing Date.",
     "within thirty (30) days plus five (5) Business Days after the Closing Date", 30, "day", "after", "2021-04-29"),
    # + 30 days = 2021-04-22 (Thu); 5 business days: Fri 23, Mon 26, Tue 27, Wed 28, Thu 29
    ("The Buyer shall file the return within one (1) year, two (2) months, and ten (10) days after the Closing Date.",
     "within one (1) year, two (2) months, and ten (10) days after the Closing Date", 1, "year", "after",
     "2022-06-02"),
    # the same with an Oxford comma and figures
    ("The option lapses twelve (12) months and one (1) day after the Closing Date.",
     "twelve (12) months and one (1) day after the Closing Date", 12, "month", "after", "2022-03-24"),
    # + 12 months = 2022-03-23, + 1 day = 2022-03-24
    ("The Buyer shall pay within 2 years and 3 months after the Closing Date.",
     "within 2 years and 3 months after the Closing Date", 2, "year", "after", "2023-06-23"),
    # + 27 months = 2023-06-23
    ("The restrictions continue until two (2) years and six (6) months following the Closing Date.",
     "until two (2) years and six (6) months following the Closing Date", 2, "year", "after", "2023-09-23"),
    # + 30 months = 2023-09-23
    ("The Seller shall give notice at least one (1) month and fifteen (15) days prior to the Closing Date.",
     "at least one (1) month and fifteen (15) days prior to the Closing Date", 1, "month", "before", "2021-02-08"),
    # - 1 month = 2021-02-23, - 15 days = 2021-02-08
]


@pytest.mark.parametrize("sentence,quote,count,unit,direction,due", COMPOUND, ids=[c[1][:40] for c in COMPOUND])
def test_a_compound_period_is_one_item_due_after_all_its_terms(nlp, sentence, quote, count, unit, direction, due):
    p = one(nlp, sentence)
    assert p.quote.endswith(quote)  # a cue before the lead ("give notice") may start the quote earlier
    assert (p.count, p.unit, p.direction, p.anchor, p.due) == (count, unit, direction, "Closing Date", due)


def test_a_no_later_than_cap_after_a_compound_still_caps_it(nlp):
    # 2022-04-23 by the period; the stated cap 2022-04-01 is earlier, so it is the due date
    p = one(nlp, "The Buyer shall pay within one (1) year and one (1) month after the Closing Date "
                 "(but no later than April 1, 2022).")
    assert p.quote == ("within one (1) year and one (1) month after the Closing Date "
                       "(but no later than April 1, 2022)")
    assert (p.count, p.unit, p.anchor, p.cap, p.due) == (1, "year", "Closing Date", "2022-04-01", "2022-04-01")


def test_a_roll_clause_after_a_compound_rolls_its_due_date(nlp):
    # 2021-03-23 + 13 months = 2022-04-23, a Saturday (April 1, 2022 was a Friday): the clause rolls it to
    # the next Business Day, Monday 2022-04-25; the clause itself is not part of the quote
    p = one(nlp, "The Buyer shall pay within one (1) year and one (1) month after the Closing Date; "
                 "if such day is not a Business Day, the next Business Day.")
    assert p.quote == "within one (1) year and one (1) month after the Closing Date"
    assert (p.count, p.unit, p.anchor, p.due) == (1, "year", "Closing Date", "2022-04-25")


def test_a_compound_window_spans_all_its_terms(nlp):
    # ended on 2021-03-22, inclusive: 6 months back is 2020-09-22 -> the span starts the next day (2020-09-23)
    # for six months; one day more starts it on 2020-09-22
    p = one(nlp, "The price is the average for the six months and one day ended on March 22, 2021.")
    assert p.quote == "for the six months and one day ended on March 22, 2021"
    assert (p.kind, p.count, p.unit, p.direction) == ("window", 6, "month", "before")
    assert (p.window_start, p.window_end) == ("2020-09-22", "2021-03-22")


def test_a_compound_notice_lead_time_is_one_item(nlp):
    p = one(nlp, "Either party may terminate this Agreement upon one (1) month and fifteen (15) days' "
                 "prior written notice.")
    assert p.quote == "upon one (1) month and fifteen (15) days' prior written notice"
    assert (p.kind, p.count, p.unit, p.direction) == ("notice", 1, "month", "before")


# ---- not compounds --------------------------------------------------------------------------------
# (sentence, the quotes expected, in order)
SEPARATE = [
    ("The Buyer shall pay within 30 days or 60 days after the Closing Date.",
     ["within 30 days", "60 days after the Closing Date"]),  # alternatives
    ("The Buyer shall pay within 30 days, 2 months after the Closing Date.",
     ["within 30 days", "2 months after the Closing Date"]),  # a comma alone: a list, not a sum
    ("The Buyer shall pay within 30 days, 60 days and 90 days after the Closing Date.",
     ["within 30 days", "60 days", "90 days after the Closing Date"]),  # the same unit again
    ("The Buyer shall pay within 30 days after the Closing Date and 60 days after the Effective Date.",
     ["within 30 days after the Closing Date", "60 days after the Effective Date"]),  # own anchors
    ("The Buyer shall pay within ten (10) days, and the Seller shall deliver within thirty (30) months after "
     "the Closing Date.",
     ["within ten (10) days", "within thirty (30) months after the Closing Date"]),  # own verbs
]


@pytest.mark.parametrize("sentence,quotes", SEPARATE, ids=[s[0][22:60] for s in SEPARATE])
def test_alternatives_lists_and_separate_periods_are_not_merged(nlp, sentence, quotes):
    assert [p.quote for p in provisions(nlp, sentence)] == quotes


def test_separate_periods_keep_their_own_due_dates(nlp):
    # 2021-03-23 + 30 days = 2021-04-22 (8 days to March 31, 22 more in April); the delivery is not dated
    # here, so the second waits for it
    first, second = provisions(nlp, "The Buyer shall pay within 30 days after the Closing Date and 60 days "
                                    "after delivery of the Goods.")
    assert (first.count, first.unit, first.anchor, first.due) == (30, "day", "Closing Date", "2021-04-22")
    assert (second.count, second.unit, second.anchor, second.due) == (60, "day", "delivery of the Goods", None)


def test_a_range_between_two_units_is_not_summed(nlp):
    # "between 30 days and 6 months after X" gives a range: its last day is X + 6 months (2021-09-23),
    # never X + 6 months + 30 days (2021-10-23), the date a sum would give
    found = provisions(nlp, "The Buyer may exercise the option between thirty (30) days and six (6) months "
                            "after the Closing Date.")
    # one item, quoted whole as a range (tests/test_caps_ranges.py): its count/unit are the last allowed end
    assert [(p.quote, p.count, p.unit) for p in found] == [
        ("between thirty (30) days and six (6) months after the Closing Date", 6, "month")]
    assert "2021-10-23" not in [p.due for p in found]
    assert [p.due for p in found if p.unit == "month"] == ["2021-09-23"]
