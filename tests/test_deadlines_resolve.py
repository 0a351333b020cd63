"""resolve_provisions: anchors, events, chains, caps, pending, and the seed's three deadlines."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clausekit.deadlines import event_key, resolve_provisions
from clausekit.errors import UnknownCalendar
from clausekit.types import Event
from tests.timex_helpers import tp

# The seed agreement (21Vianet SRA, dated March 23, 2021 = the Effective Date; Hong Kong law,
# so HK general holidays). Rule inputs exactly as in seed/vnet-13da-sra.gold.json.
SEED = [
    tp(
        "on the seventh (7th) business day after the Effective Date",
        7,
        "business_day",
        "after",
        "Effective Date",
        schedules="Closing Date",
    ),
    tp(
        "on the sixtieth (60th) day after the closing date of the Class B Share Repurchase "
        "(no later than June 15, 2021)",
        60,
        "day",
        "after",
        "closing date of the Class B Share Repurchase",
        "2021-06-15",
    ),
    tp(
        "as soon as practicable and in any event within ninety (90) days after the Effective Date",
        90,
        "day",
        "after",
        "Effective Date",
    ),
]
SEED_EVENTS = [
    Event("Effective Date", scheduled="2021-03-23", source="preamble"),
    # the Schedule 13D/A reports the Class B Share Repurchase completed on April 13, 2021
    Event("Class B Share Repurchase", scheduled="2021-04-13", source="13D/A Item 4"),
]


def test_seed_three_deadlines():
    out, events = resolve_provisions(SEED, SEED_EVENTS, calendar="HK")
    # 1. HK business days after Tue 2021-03-23: 24, 25, 26, 29, 30, 31 Mar, 1 Apr (7th);
    #    the Good Friday/Easter closures (Apr 2-6) come after it.
    assert out[0].due == "2021-04-01"
    assert out[0].explanation == "Effective Date 2021-03-23 + 7 business days (HK) = 2021-04-01"
    assert out[0].calendar == "HK"
    # 2. 2021-04-13 + 60 days: 17 days to Apr 30, 31 in May (48), 12 in June = 2021-06-12,
    #    earlier than the cap 2021-06-15
    assert out[1].due == "2021-06-12"
    assert "2021-04-13 + 60 days = 2021-06-12" in out[1].explanation
    assert "2021-06-15" in out[1].explanation
    # 3. 2021-03-23 + 90 days: 8 to Mar 31, 30 in Apr (38), 31 in May (69), 21 in June = 2021-06-21
    assert out[2].due == "2021-06-21"
    assert out[2].explanation == "Effective Date 2021-03-23 + 90 days = 2021-06-21"
    # the closing provision schedules the Closing Date event
    closing = [e for e in events if event_key(e.name) == "closing"]
    assert closing and closing[0].scheduled == "2021-04-01"


def test_effective_date_falls_back_to_agreement_date_and_says_so():
    out, _ = resolve_provisions(SEED[2:], [], calendar="HK", agreement_date="2021-03-23")
    assert out[0].due == "2021-06-21"
    assert "agreement date" in out[0].explanation


def test_cap_earlier_than_period_wins():
    # 2021-05-01 + 60 days = 2021-06-30, capped at June 15
    out, _ = resolve_provisions(
        SEED[1:2], [Event("closing of the Class B Share Repurchase", recorded="2021-05-01")], calendar="HK"
    )
    assert out[0].due == "2021-06-15"
    assert "capped" in out[0].explanation


def test_chain_reports_each_step_and_recorded_date_overrides():
    closing = tp(
        "on the seventh (7th) business day after the Effective Date",
        7,
        "business_day",
        "after",
        "Effective Date",
        schedules="Closing Date",
    )
    later = tp("within sixty (60) days after the Closing", 60, "day", "after", "Closing")
    events = [Event("Effective Date", scheduled="2021-03-23")]
    out, ev = resolve_provisions([later, closing], events, calendar="HK")
    # Closing = 2021-04-01 (as above); + 60 days = 2021-05-31 (30 in Apr, 30 in May)
    assert out[0].due == "2021-05-31"
    assert out[0].explanation.startswith("Effective Date 2021-03-23 + 7 business days (HK) = 2021-04-01")
    assert "Closing" in out[0].explanation and out[0].explanation.endswith("= 2021-05-31")
    # the user records the Closing on 2021-04-13: 13 + 60 days = 2021-06-12, no chain
    ev = [replace(e, recorded="2021-04-13") if event_key(e.name) == "closing" else e for e in ev]
    out2, _ = resolve_provisions([later, closing], ev, calendar="HK")
    assert out2[0].due == "2021-06-12"
    assert "recorded" in out2[0].explanation
    assert out2[1].due == "2021-04-01"  # the scheduling rule itself still shows its own date


def test_recorded_date_wins_over_scheduled_whatever_the_order():
    p = tp("within sixty (60) days after the Closing", 60, "day", "after", "Closing")
    ev = [Event("Closing", scheduled="2021-04-01"), Event("Closing Date", recorded="2021-04-13")]
    out, _ = resolve_provisions([p], ev, calendar="HK")
    assert out[0].due == "2021-06-12"  # Apr 13 + 60 (17 + 31 + 12)


def test_pending_on_unknown_event():
    p = tp(
        "within thirty (30) days after receipt of such notice", 30, "day", "after", "receipt of such notice"
    )
    out, _ = resolve_provisions([p], [], calendar="weekends", agreement_date="2021-03-23")
    assert out[0].due is None and out[0].pending_on == "receipt of such notice"
    out, _ = resolve_provisions([p], [Event("receipt of notice", recorded="2021-05-03")], calendar="weekends")
    assert out[0].due == "2021-06-02" and out[0].pending_on is None  # May 3 + 30 = June 2


def test_anchor_written_as_a_date_is_its_own_date():
    # stockpurchase gold: "may be extended by Buyer for up to thirty (30) days", anchor October 31, 2020
    p = tp(
        "which may be extended by Buyer for up to thirty (30) days", 30, "day", "after", "October 31, 2020"
    )
    out, _ = resolve_provisions([p], [], calendar="weekends")
    assert out[0].due == "2020-11-30"  # Oct 31 + 30 days


def test_bare_date_and_no_count_rules():
    bare = tp("no later than June 15, 2021", direction="before", anchor="June 15, 2021", date="2021-06-15")
    on_closing = tp("on or before the Closing Date", direction="before", anchor="Closing Date")
    prior = tp("prior to the Closing", direction="before", anchor="Closing")
    promptly = tp("promptly after the Closing", direction="after", anchor="Closing")
    effect = tp("with immediate effect from the Closing Date", anchor="Closing Date")
    ev = [Event("Closing", recorded="2021-04-13")]
    out, _ = resolve_provisions([bare, on_closing, prior, promptly, effect], ev, calendar="HK")
    assert [p.due for p in out] == ["2021-06-15", "2021-04-13", None, None, "2021-04-13"]
    assert out[2].pending_on is None and out[3].pending_on is None


def test_more_than_counts_the_next_day():
    # rra-ud055x gold: "more than one hundred eighty (180) days after the date hereof", dated
    # 2020-03-05: 180 days after is 2020-09-01, so more than 180 days is 2020-09-02
    p = tp(
        "From and after the date which is more than one hundred eighty (180) days after the date hereof",
        180,
        "day",
        "after",
        "date hereof",
    )
    out, _ = resolve_provisions([p], [], calendar="weekends", agreement_date="2020-03-05")
    assert out[0].due == "2020-09-02"


def test_recurring_keeps_due_empty():
    p = tp(
        "within 45 days after the end of each fiscal quarter",
        45,
        "day",
        "after",
        "end of each fiscal quarter",
        recurring=True,
    )
    out, _ = resolve_provisions([p], [], calendar="weekends", agreement_date="2021-01-01")
    assert out[0].due is None and out[0].pending_on is None


def test_window_resolves_to_start_and_end():
    # seed: "for the consecutive thirty (30) trading days ended on March 22, 2021" (Nasdaq-listed ADSs).
    # XNAS sessions counted back from Mon 2021-03-22 (day 1): 16 in March (22..1), 5 in the week of
    # Feb 22, Feb 16-19 (Feb 15 Presidents' Day closed) = 25, Feb 8-12 = 30 -> starts 2021-02-08
    p = tp(
        "for the consecutive thirty (30) trading days ended on March 22, 2021",
        30,
        "trading_day",
        "before",
        "March 22, 2021",
        "2021-03-22",
        kind="window",
        calendar="XNAS",
    )
    out, _ = resolve_provisions([p], [], calendar="HK")
    assert (out[0].window_start, out[0].window_end, out[0].due) == ("2021-02-08", "2021-03-22", None)
    assert out[0].calendar == "XNAS"


def test_window_ending_on_an_event():
    # seed Item 4: begins on the 30th trading day before the Effective Date (2021-03-23) and ends on
    # the closing date of the Class A Share Transfer. XNAS sessions before Mar 23: Mar 22..1 (16),
    # Feb 26-16 (9; Feb 15 closed) = 25, Feb 12-8 = 30 -> 2021-02-08
    p = tp(
        "for the period beginning on the thirtieth (30th) trading day before the Effective Date and ending "
        "on the closing date of the Class A Share Transfer",
        30,
        "trading_day",
        "before",
        "Effective Date",
        kind="window",
        calendar="XNAS",
    )
    out, _ = resolve_provisions([p], SEED_EVENTS, calendar="HK")
    assert (out[0].window_start, out[0].window_end, out[0].pending_on) == (
        "2021-02-08",
        None,
        "closing date of the Class A Share Transfer",
    )
    ev = [*SEED_EVENTS, Event("Class A Share Transfer", recorded="2021-04-20")]
    out, _ = resolve_provisions([p], ev, calendar="HK")
    assert (out[0].window_start, out[0].window_end, out[0].pending_on) == ("2021-02-08", "2021-04-20", None)


def test_earlier_of_two_periods_from_two_events():
    # (a) Closing 2021-04-13 + 30 days = 2021-05-13; (b) Filing Date 2021-04-20 + 10 business days (US:
    # Apr 21-23, 26-30, May 3-4) = 2021-05-04 -> the earlier is 2021-05-04
    p = tp(
        "the earlier of (a) thirty (30) days after the Closing and "
        "(b) ten (10) Business Days after the Filing Date",
        30,
        "day",
        "after",
        "Closing",
        choose="earlier",
    )
    out, _ = resolve_provisions([p], [Event("Closing", recorded="2021-04-13")], calendar="US")
    assert out[0].due is None and out[0].pending_on == "Filing Date"
    out, _ = resolve_provisions(
        [p],
        [Event("Closing", recorded="2021-04-13"), Event("Filing Date", scheduled="2021-04-20")],
        calendar="US",
    )
    assert out[0].due == "2021-05-04"
    assert "2021-05-13" in out[0].explanation and out[0].explanation.startswith("the earlier of")


def test_roll_convention_applied_only_when_stated():
    # 2021-06-05 + 30 days = Mon 2021-07-05, Independence Day observed (US): rolled to 07-06
    p = tp("thirty (30) days after the Effective Date", 30, "day", "after", "Effective Date")
    ev = [Event("Effective Date", scheduled="2021-06-05")]
    out, _ = resolve_provisions([p], ev, calendar="US")
    assert out[0].due == "2021-07-05"
    out, _ = resolve_provisions([replace(p, roll="following")], ev, calendar="US")
    assert out[0].due == "2021-07-06" and "rolled" in out[0].explanation


def test_unknown_calendar_is_an_error():
    with pytest.raises(UnknownCalendar):
        resolve_provisions(SEED, SEED_EVENTS, calendar="Narnia")


@pytest.mark.parametrize(
    "a,b",
    [
        ("the Closing", "Closing Date"),
        ("Closing", "closing date"),
        ("completion of the Closing", "Closing"),
        ("closing date of the Class B Share Repurchase", "Class B Share Repurchase"),
        ("closing date of the Class B Share Repurchase", "closing of the Class B Share Repurchase"),
        ("receipt of such notice", "receipt of notice"),
        ("date hereof", "date of this Agreement"),
        ("Execution Date", "the date first written above"),
    ],
)
def test_event_key_matches_loose_names(a, b):
    assert event_key(a) == event_key(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("Closing", "Class B Closing"),
        ("Effective Date", "date hereof"),  # an Effective Date event may differ from the signing date
        ("Closing", "Termination Date"),
    ],
)
def test_event_key_keeps_different_events_apart(a, b):
    assert event_key(a) != event_key(b)
