"""An agreement's general business-day roll clause (spec, counting rules for ``due``: "if the
agreement has a roll convention ..., apply it and say so").

Every expected date was worked out by hand from a printed 2021 calendar: Mon 2021-03-01, so
Sat 03-06, Mon 03-08, Sat 03-13, Mon 03-15, Sat 03-20, Mon 03-22, Wed 03-31; Sat 2021-04-10,
Fri 04-09, Mon 04-12; Mon 2021-05-31 is Memorial Day (a US bank holiday), Tue 06-01; Thu
2021-07-01, so Sat 07-31 and Mon 08-02 (next month), Fri 07-30.
"""

from __future__ import annotations

import pytest

from clausekit.deadlines import general_roll, resolve_provisions, roll_convention
from clausekit.deadlines.conventions import (
    applies_to,
    has_own_roll,
    own_roll_after,
    roll_conventions,
    section_of,
)
from clausekit.types import Event, Section, TimeProvision
from tests.timex_helpers import tp

# ------------------------------------------------------------------ the detector

POSITIVE = [
    # (clause, convention, what it covers)
    (
        (
            "If the last day for the giving of any notice or the performance of any act required or permitted "
            "under this Agreement is a day that is not a Business Day, then the time for the giving of such "
            "notice or the performance of such act shall be extended to the next succeeding Business Day."
        ),
        "following",
        {"acts", "notices"},
    ),
    (
        (
            "Whenever any payment or action to be made or taken hereunder shall be stated to be due on a day "
            "that is not a Business Day, such payment or action shall be made or taken on the next succeeding "
            "Business Day."
        ),
        "following",
        {"acts", "payments"},
    ),
    (
        (
            "If any period expires on a day which is not a Business Day or any event or condition is required "
            "by the terms of this Agreement to occur or be fulfilled on a day which is not a Business Day, such "
            "period shall expire or such event or condition shall occur or be fulfilled, as the case may be, on "
            "the next succeeding Business Day."
        ),
        "following",
        {"acts", "periods", "expiry"},
    ),
    (
        (
            "If the date specified for any payment or the taking of any action under this Agreement falls on a "
            "day that is not a Business Day, the payment shall be made or the action taken on the next Business "
            "Day, unless that day falls in the next calendar month, in which case on the immediately preceding "
            "Business Day."
        ),
        "modified_following",
        {"acts", "payments"},
    ),
    (
        (
            "Any action required to be taken on a day that is not a Business Day may be taken on the next "
            "Business Day."
        ),
        "following",
        {"acts"},
    ),
    (
        (
            "When the last day for the taking of any action or the giving of any notice under this Agreement "
            "falls on a Saturday, Sunday or legal holiday, such action may be taken or notice given on the next "
            "succeeding business day."
        ),
        "following",
        {"acts", "notices"},
    ),
    (
        (
            "In the event that any date on which any action is required to be taken hereunder by any of the "
            "parties is not a Business Day, such action shall be required to be taken on the next succeeding "
            "day that is a Business Day."
        ),
        "following",
        {"acts"},
    ),
    (
        (
            "If the last day of a period of time before which, within which or following which any act is to "
            "be done or step taken pursuant to this Agreement is not a Business Day, the period shall end on "
            "the immediately following Business Day."
        ),
        "following",
        {"periods"},  # acts only describe the periods it is about
    ),
    (
        (
            "If any payment hereunder falls due on a day that is not a Business Day, it shall be made on the "
            "immediately preceding Business Day."
        ),
        "preceding",
        {"payments"},
    ),
    (
        (
            "All dates hereunder shall be adjusted in accordance with the Modified Following Business Day "
            "Convention."
        ),
        "modified_following",
        {"acts"},
    ),
]


@pytest.mark.parametrize("clause, convention, covers", POSITIVE)
def test_general_clause_read(clause, convention, covers):
    found = roll_convention(clause)
    assert found is not None
    assert found.convention == convention
    assert found.covers == covers
    assert found.quote == clause.rstrip(".")


NEGATIVE = [
    # a Business Day definition
    (
        "\u201cBusiness Day\u201d means any day other than a Saturday, Sunday or a day on which banks in New York "
        "are authorized or required by law to close."
    ),
    "Business Day means a day that is not a Saturday, Sunday or public holiday in Hong Kong.",
    # a defined date with its own roll
    (
        "\u201cInterest Payment Date\u201d means the 15th day of each month, or if such day is not a Business Day, "
        "the next Business Day."
    ),
    # one named date
    (
        "If any Interest Payment Date falls on a day that is not a Business Day, the interest shall be paid on "
        "the next Business Day."
    ),
    "If the Closing Date is not a Business Day, the Closing shall take place on the next Business Day.",
    # one instrument
    (
        "If any payment on the Notes is due on a day that is not a Business Day, such payment shall be made on "
        "the next Business Day."
    ),
    # one provision's own roll clause
    (
        "The Buyer shall pay each invoice within thirty (30) days after receipt, or if such day is not a "
        "Business Day, the next Business Day."
    ),
    (
        "The Company shall pay the fee on the 1st of each month (or the next business day if the 1st of any "
        "month is not a business day)."
    ),
    (
        "If the 1st or 16th of the month fall on a weekend or holiday, then the fee is payable on the next "
        "business day."
    ),
    # a deemed-delivery rule for notices
    (
        "Any notice received on a day that is not a Business Day shall be deemed received on the next "
        "Business Day."
    ),
    # a condition with nowhere to move to
    "If any payment hereunder is due on a day that is not a Business Day, interest shall accrue.",
    # a non-business day that rolls nothing
    "The Supplier shall not be required to make deliveries on any day that is not a Business Day.",
]


@pytest.mark.parametrize("clause", NEGATIVE)
def test_not_a_general_clause(clause):
    assert roll_convention(clause) is None


def test_other_instrument_named_this():
    """'this Warrant' in a document that calls itself 'this Agreement' is another instrument."""
    text = (
        "This Agreement is made between the parties. Each party to this Agreement shall act in good faith. "
        "If any payment under this Warrant is due on a day that is not a Business Day, it shall be paid on "
        "the next Business Day."
    )
    assert roll_convention(text) is None
    assert roll_convention(text.replace("this Warrant", "this Agreement")) is not None


def test_such_period_borrows_the_sentence_before():
    general = (
        "When calculating the period of time before which, within which or following which any act is to be "
        "done or step taken pursuant to this Agreement, the date that is the reference date in calculating "
        "such period shall be excluded. If the last day of such period is a non-Business Day, the period in "
        "question shall end on the next succeeding Business Day."
    )
    found = roll_convention(general)
    assert found is not None and found.quote.startswith("If the last day of such period")
    # the sentence before says nothing about periods: "such period" is unknown, so no convention
    unrelated = (
        "Unless otherwise specifically provided for herein, the term \u201cor\u201d shall not be deemed to be "
        "exclusive. If the last day of such period is a non-Business Day, the period in question shall end "
        "on the next succeeding Business Day."
    )
    assert roll_convention(unrelated) is None


def test_sentence_after_a_definition_ending_in_a_date():
    """The clause is its own sentence: a definition just before it (ending in "2021.") does not
    make it part of the definition."""
    clause = (
        "If any payment hereunder is due on a day that is not a Business Day, it shall be made on the "
        "next Business Day"
    )
    text = "\u201cOutside Date\u201d means March 1, 2021. " + clause + "."
    found = roll_convention(text)
    assert found is not None and found.quote == clause


def test_last_day_of_the_period_included_unless_a_holiday():
    """The civil-procedure form: the scope comes from the sentence before ("any period of time
    prescribed or allowed by this Agreement")."""
    text = (
        "In computing any period of time prescribed or allowed by this Agreement, the day of the act from "
        "which the period begins to run shall not be included. The last day of the period shall be "
        "included, unless it is a Saturday, Sunday or legal holiday, in which event the period runs until "
        "the end of the next day which is not a Saturday, Sunday or legal holiday."
    )
    found = roll_convention(text)
    assert found is not None and found.quote.startswith("The last day of the period")
    assert found.convention == "following" and found.covers == {"periods"}


def test_offsets_point_into_the_text():
    clause = POSITIVE[0][0]
    text = (
        "12. MISCELLANEOUS\n\n12.1 Notices. Any notice shall be in writing (and, if mailed, Inc. shall "
        "confirm it). 12.2 Computation of Time. " + clause + " 12.3 Counterparts. This Agreement may be "
        "executed in counterparts."
    )
    (found,) = roll_conventions(text)
    assert text[found.start : found.end] == found.quote == clause.rstrip(".")
    sections = (
        Section("12", "MISCELLANEOUS", 1, None, 0, len(text)),
        Section("12.2", "Computation of Time", 2, "12", text.index("12.2"), text.index("12.3")),
    )
    assert section_of(sections, found.start, found.end).number == "12.2"


# ------------------------------------------------------------------ which provisions it governs


def _p(quote, kind="deadline", **fields):
    return tp(quote, kind=kind, **{"section": "1.1", **fields})


def test_what_each_clause_covers():
    acts = roll_convention(POSITIVE[4][0])  # any action
    payments = roll_convention(POSITIVE[8][0])  # any payment hereunder
    periods = roll_convention(POSITIVE[7][0])  # the last day of a period ... any act
    expiring = roll_convention(
        "If any period expires on a day which is not a Business Day, such period shall be extended to the "
        "next Business Day."
    )
    assert expiring is not None and expiring.covers == {"periods", "expiry"}

    dated = _p("no later than June 15, 2021", date="2021-06-15", anchor="June 15, 2021", direction="before")
    counted = _p(
        "within ten (10) days after the Closing", count=10, unit="day", direction="after", anchor="Closing"
    )
    pay = _p(
        "within ten (10) days after receipt of the invoice",
        count=10,
        unit="day",
        direction="after",
        anchor="receipt of the invoice",
        action="pay the Fee",
    )
    notice = _p(
        "at least thirty (30) days' prior written notice",
        kind="notice",
        count=30,
        unit="day",
        direction="before",
    )
    term = _p("until December 31, 2025", kind="expiry", anchor="December 31, 2025")
    window = _p("the thirty (30) days ended on March 22, 2021", kind="window", count=30, unit="day")
    recurring = _p(
        "within 45 days after the end of each fiscal quarter", count=45, unit="day", recurring=True
    )

    assert [applies_to(acts, p) for p in (dated, counted, pay, notice, term, window, recurring)] == [
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
    assert [applies_to(payments, p) for p in (dated, counted, pay)] == [False, False, True]
    assert [applies_to(periods, p) for p in (dated, counted, notice, term)] == [False, True, True, False]
    assert [applies_to(expiring, p) for p in (dated, counted, notice, term)] == [False, True, True, True]


def test_own_roll_clause_recognised():
    assert has_own_roll("on April 10, 2021, or if such day is not a Business Day, the preceding Business Day")
    assert has_own_roll("on the Payment Date (subject to the modified following business day convention)")
    assert not has_own_roll("no later than April 10, 2021")


@pytest.mark.parametrize(
    "after, convention",
    [
        (
            ", or if such day is not a Business Day, the immediately preceding Business Day. Next.",
            "preceding",
        ),
        (" (or the next Business Day if such day is not a Business Day), Buyer shall", "following"),
        (
            "; provided that if such date is a Saturday, Sunday or holiday, the next succeeding business day",
            "following",
        ),
        (
            (
                " (or, if such day is not a Business Day, the next Business Day, unless it falls in the next calendar "
                "month, in which case the preceding Business Day)"
            ),
            "modified_following",
        ),
        (
            ". If any dispute arises, the parties shall meet on the next Business Day.",
            None,
        ),  # another sentence
        (", and the Buyer shall pay on the next Business Day if the goods are not a Business Day", None),
        (", after which interest accrues.", None),
    ],
)
def test_own_roll_written_after_the_quote(after, convention):
    quote = "Buyer shall deliver the forecast on or before April 10, 2021"
    assert own_roll_after(quote + after, len(quote)) == convention


# ------------------------------------------------------------------ resolving with it

SECTIONS = (Section("9", "Miscellaneous", 1, None, 0, 2000), Section("9.4", "Time", 2, "9", 1000, 1500))


def _conv(text, at=1100):
    found = roll_convention(text)
    assert found is not None
    # place the clause inside Section 9.4
    from dataclasses import replace

    return replace(found, start=at, end=at + len(found.quote))


def _resolve(provisions, conv, calendar="US-NY", events=()):
    rolled = general_roll(provisions, conv, SECTIONS)
    out, _ = resolve_provisions(rolled, list(events), calendar=calendar, agreement_date="2021-03-01")
    return out


def test_saturday_rolls_to_monday_naming_the_section():
    conv = _conv(POSITIVE[0][0])
    (p,) = _resolve(
        [_p("no later than March 6, 2021", date="2021-03-06", anchor="March 6, 2021", direction="before")],
        conv,
    )
    assert p.due == "2021-03-08"  # Sat 03-06 -> Mon 03-08
    assert p.roll == "following; the agreement's general roll clause in Section 9.4"
    assert "2021-03-06 is not a business day (Saturday; US-NY): rolled to 2021-03-08" in p.explanation
    assert p.explanation.endswith("(following, by the agreement's general roll clause in Section 9.4)")


def test_holiday_rolls_and_open_day_says_nothing():
    conv = _conv(POSITIVE[0][0])
    memorial, friday = _resolve(
        [
            _p("no later than May 31, 2021", date="2021-05-31", anchor="May 31, 2021", direction="before"),
            _p(
                "no later than April 16, 2021", date="2021-04-16", anchor="April 16, 2021", direction="before"
            ),
        ],
        conv,
    )
    assert memorial.due == "2021-06-01"  # Memorial Day Mon 05-31 -> Tue 06-01
    assert "Memorial Day" in memorial.explanation and "Section 9.4" in memorial.explanation
    assert friday.due == "2021-04-16"  # a Friday, open: not moved, no roll note
    assert friday.explanation == "stated date 2021-04-16"


def test_counted_period_from_an_event():
    conv = _conv(POSITIVE[0][0])
    (p,) = _resolve(
        [
            _p(
                "within twelve (12) days after the Closing Date",
                count=12,
                unit="day",
                direction="after",
                anchor="Closing Date",
            )
        ],
        conv,
        events=[Event("Closing Date", scheduled="2021-03-01")],
    )
    assert p.due == "2021-03-15"  # Mon 03-01 + 12 days = Sat 03-13 -> Mon 03-15
    assert "= 2021-03-13; 2021-03-13 is not a business day (Saturday; US-NY)" in p.explanation


def test_modified_following_stays_in_the_month():
    conv = _conv(POSITIVE[3][0])
    (p,) = _resolve(
        [_p("no later than July 31, 2021", date="2021-07-31", anchor="July 31, 2021", direction="before")],
        conv,
        calendar="weekends",
    )
    assert p.due == "2021-07-30"  # Sat 07-31; Mon 08-02 is next month, so Fri 07-30
    assert "(modified following, by the agreement's general roll clause in Section 9.4)" in p.explanation


def test_the_quotes_own_roll_wins():
    conv = _conv(POSITIVE[0][0])  # following
    own = _p(
        "on or before April 10, 2021, or if such day is not a Business Day, the immediately preceding "
        "Business Day",
        date="2021-04-10",
        anchor="April 10, 2021",
        direction="before",
    )
    (p,) = _resolve([own], conv)
    assert p.roll is None
    assert p.due == "2021-04-09"  # Sat 04-10, preceding: Fri 04-09 (the general clause would give Mon 04-12)
    assert "general roll clause" not in p.explanation


def test_own_clause_after_the_quote_wins():
    conv = _conv(POSITIVE[0][0])  # following
    text = (
        "Buyer shall deliver the forecast on or before April 10, 2021, or if such day is not a Business Day, "
        "the immediately preceding Business Day."
    )
    quote = "on or before April 10, 2021"
    p = TimeProvision(
        quote=quote,
        section="1.1",
        kind="deadline",
        count=None,
        unit=None,
        direction="before",
        anchor="April 10, 2021",
        date="2021-04-10",
        due=None,
        obligor=None,
        action=None,
        explanation=None,
        start=text.index(quote),
        end=text.index(quote) + len(quote),
    )
    (rolled,) = general_roll([p], conv, SECTIONS, text)
    assert rolled.roll == "preceding"
    (out,), _ = resolve_provisions([rolled], [], calendar="US-NY")
    assert out.due == "2021-04-09"  # Sat 04-10, preceding: Fri 04-09


def test_no_convention_no_roll():
    (p,) = _resolve(
        [_p("no later than March 6, 2021", date="2021-03-06", anchor="March 6, 2021", direction="before")],
        None,
    )
    assert p.due == "2021-03-06" and p.roll is None


def test_earlier_of_two_dates_rolls():
    conv = _conv(POSITIVE[0][0])
    quote = (
        "the earlier of (a) thirty (30) days after the Closing Date and (b) ten (10) days after the "
        "Filing Date"
    )
    (p,) = _resolve(
        [_p(quote, count=30, unit="day", direction="after", anchor="Closing Date", choose="earlier")],
        conv,
        events=[Event("Closing Date", scheduled="2021-03-01"), Event("Filing Date", scheduled="2021-03-10")],
    )
    # (a) Mon 03-01 + 30 = Wed 03-31; (b) Wed 03-10 + 10 = Sat 03-20: earlier Sat 03-20 -> Mon 03-22
    assert p.due == "2021-03-22"
    assert (
        "rolled to 2021-03-22 (following, by the agreement's general roll clause in Section 9.4)"
        in p.explanation
    )


# ------------------------------------------------------------------ through the real pipeline

AGREEMENT = """SUPPLY AGREEMENT

This Supply Agreement (this "Agreement") is dated as of March 1, 2021, between Alpha Widgets, Inc., a Delaware corporation ("Supplier"), and Beta Stores LLC, a New York limited liability company ("Buyer").

1. DELIVERY

1.1 Initial Order. Supplier shall deliver the initial order to Buyer no later than March 6, 2021.

1.2 Samples. Supplier shall deliver product samples to Buyer within twelve (12) days after the date of this Agreement.

1.3 Inspection Reports. Buyer shall deliver its inspection report no later than April 16, 2021.

1.4 Payment. Buyer shall pay the Purchase Price within ten (10) days after the Closing Date.

1.5 Forecast. Buyer shall deliver its forecast on or before April 10, 2021, or if such day is not a Business Day, the immediately preceding Business Day.

2. MISCELLANEOUS

2.1 Governing Law. This Agreement shall be governed by the laws of the State of New York.

2.2 Business Days. "Business Day" means any day other than a Saturday, Sunday or a day on which banks in New York City are authorized or required by law to close.

2.3 Computation of Time. If the last day for the giving of any notice or the performance of any act required or permitted under this Agreement is a day that is not a Business Day, then the time for the giving of such notice or the performance of such act shall be extended to the next succeeding Business Day.
"""


@pytest.fixture
def agreement(nlp, tmp_path):
    from clausekit.extract import extract
    from clausekit.ingest import read_document

    path = tmp_path / "supply.txt"
    path.write_text(AGREEMENT, encoding="utf-8")
    return extract(read_document(path), nlp)


def _by_section(x, number):
    (d,) = [d for d in x.deadlines if d.section == number]
    return d


def test_pipeline_rolls_saturday_to_monday(agreement):
    x = agreement
    assert x.calendar.name == "US-NY"
    clause = next(s for s in x.sections if s.number == "2.3")
    assert clause.heading == "Computation of Time"
    # 1.1: stated Sat 2021-03-06 -> Mon 2021-03-08
    d = _by_section(x, "1.1")
    assert d.due == "2021-03-08"
    assert d.explanation == (
        "stated date 2021-03-06; 2021-03-06 is not a business day (Saturday; US-NY): rolled to 2021-03-08 "
        "(following, by the agreement's general roll clause in Section 2.3)"
    )
    # 1.2: Mon 2021-03-01 + 12 days = Sat 2021-03-13 -> Mon 2021-03-15
    d = _by_section(x, "1.2")
    assert d.due == "2021-03-15" and "2021-03-13 is not a business day (Saturday; US-NY)" in d.explanation
    assert "Section 2.3" in d.explanation
    # 1.3: Fri 2021-04-16 is open: unchanged, no note
    d = _by_section(x, "1.3")
    assert d.due == "2021-04-16" and "roll" not in d.explanation
    # 1.5: its own clause (preceding) wins: Sat 2021-04-10 -> Fri 2021-04-09
    d = _by_section(x, "1.5")
    assert d.due == "2021-04-09" and "general roll clause" not in d.explanation


def test_pipeline_roll_survives_the_store(agreement, tmp_path):
    """The roll is kept with the provision: a date recorded later in the tracker rolls the same way."""
    from clausekit import store

    db = store.open_db(tmp_path / "ck.db")
    try:
        store.save_extraction(db, agreement, text=AGREEMENT)
        changes = store.record_event(db, "supply", "Closing Date", "2021-03-03")
        (moved,) = [c for c in changes if c.section == "1.4"]
        # Wed 2021-03-03 + 10 days = Sat 2021-03-13 -> Mon 2021-03-15
        assert moved.new_due == "2021-03-15"
        assert moved.explanation.endswith(
            "(following, by the agreement's general roll clause in Section 2.3)"
        )
    finally:
        db.close()
