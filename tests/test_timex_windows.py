"""Windows with two ends, and "until terminated": hand-written sentences, hand-checked values.

Expected values were written by hand from shared/spec/extraction.md (a window's gold fields are
those of the counted period where it begins: count, unit, direction, anchor), not copied from
the code's output. Dates were counted on a calendar: 10 days before 2021-04-13, not counting the
anchor day, start on 2021-04-03 (04-03 … 04-12 is ten days).
"""
from __future__ import annotations

import pytest

from clausekit.deadlines import resolve_provisions
from clausekit.types import Event
from tests.timex_helpers import items, one, tp

FIELDS = ("kind", "count", "unit", "direction", "anchor")


@pytest.mark.parametrize(("text", "quote", "fields"), [
    # the seed's shape: the window is quoted to its far end; the gold fields stay those of the start
    ("The price is subject to adjustment in the event of a fluctuation of the VWAP for the period beginning "
     "on the thirtieth (30th) trading day before the Effective Date and ending on the closing date of the "
     "Share Transfer.",
     "for the period beginning on the thirtieth (30th) trading day before the Effective Date and ending on "
     "the closing date of the Share Transfer",
     ("window", 30, "trading_day", "before", "Effective Date")),
    # "commencing on" and a written date as the far end (the date's comma does not cut it)
    ("The price shall be adjusted for the period commencing on the fifth (5th) Business Day after the "
     "Closing Date and ending on December 31, 2022.",
     "for the period commencing on the fifth (5th) Business Day after the Closing Date and ending on "
     "December 31, 2022",
     ("window", 5, "business_day", "after", "Closing Date")),
    # "from X until Y": the anchor stops at "until"
    ("The VWAP shall be measured during the period from thirty (30) days before the Meeting until the "
     "Meeting Date.",
     "during the period from thirty (30) days before the Meeting until the Meeting Date",
     ("window", 30, "day", "before", "Meeting")),
    ("The average shall be computed over the period starting on the tenth (10th) trading day before the "
     "Announcement Date and ending at the close of trading on the Pricing Date.",
     "over the period starting on the tenth (10th) trading day before the Announcement Date and ending at "
     "the close of trading on the Pricing Date",
     ("window", 10, "trading_day", "before", "Announcement Date")),
])
def test_window_is_quoted_to_its_far_end(nlp, text, quote, fields):
    got = one(nlp, text)
    assert got["quote"] == quote
    assert tuple(got[f] for f in FIELDS) == fields


def test_a_window_with_one_end_is_unchanged(nlp):
    got = one(nlp, "The VWAP for the consecutive thirty (30) trading days ended on March 22, 2021 was $10.")
    assert got["quote"] == "for the consecutive thirty (30) trading days ended on March 22, 2021"
    assert (got["kind"], got["count"], got["anchor"], got["date"]) == ("window", 30, "March 22, 2021", "2021-03-22")


def test_a_deadline_followed_by_until_is_not_a_window(nlp):
    found = items(nlp, "The Buyer shall pay the Price within ten (10) days after the Closing Date and shall "
                       "hold the Shares until the Closing.")
    assert [(d["quote"], d["kind"]) for d in found] == [
        ("within ten (10) days after the Closing Date", "deadline"), ("until the Closing", "expiry")]


@pytest.mark.parametrize(("text", "quote", "anchor"), [
    ("This Agreement shall continue in full force and effect until terminated as provided below.",
     "until terminated as provided below", "terminated as provided below"),
    ("The license shall continue until terminated as provided in Section 8.2 of this Agreement.",
     "until terminated as provided in Section 8.2 of this Agreement",
     "terminated as provided in Section 8.2 of this Agreement"),
])
def test_until_terminated_as_provided_is_quoted_whole(nlp, text, quote, anchor):
    got = one(nlp, text)
    assert (got["quote"], got["kind"], got["anchor"]) == (quote, "expiry", anchor)


# ---- resolution ---------------------------------------------------------------------------------

def _window(quote: str) -> object:
    return tp(quote, 10, "day", "before", "Closing Date", kind="window")


CLOSING = Event("Closing Date", recorded="2021-04-13")
BEGIN = "for the period beginning on the tenth (10th) day before the Closing Date"


def _resolve(p, *events):
    (out,), _ = resolve_provisions([p], list(events), calendar="US-NY", agreement_date="2021-03-01")
    return out


def test_window_ending_on_a_date_ends_on_it():
    out = _resolve(_window(f"{BEGIN} and ending on June 30, 2021"), CLOSING)
    assert (out.window_start, out.window_end, out.pending_on, out.due) == ("2021-04-03", "2021-06-30", None, None)
    assert "2021-06-30" in out.explanation


def test_window_ending_on_an_event_with_no_date_waits_for_it():
    out = _resolve(_window(f"{BEGIN} and ending on the closing date of the Share Transfer"), CLOSING)
    assert (out.window_start, out.window_end) == ("2021-04-03", None)
    assert out.pending_on == "closing date of the Share Transfer"
    assert "no date yet" in out.explanation


def test_window_ending_on_a_recorded_event_ends_on_its_date():
    transfer = Event("closing date of the Share Transfer", recorded="2021-05-20")
    out = _resolve(_window(f"{BEGIN} and ending on the closing date of the Share Transfer"), CLOSING, transfer)
    assert (out.window_start, out.window_end, out.pending_on) == ("2021-04-03", "2021-05-20", None)


def test_from_until_window_waits_for_its_end():
    out = _resolve(_window("during the period from ten (10) days before the Closing Date until the Listing Date"),
                   CLOSING)
    assert (out.window_start, out.window_end, out.pending_on) == ("2021-04-03", None, "Listing Date")


def test_window_with_one_end_still_closes_the_day_before_its_anchor():
    out = _resolve(_window("during the ten (10) days before the Closing Date"), CLOSING)
    assert (out.window_start, out.window_end, out.pending_on) == ("2021-04-03", "2021-04-12", None)


@pytest.mark.parametrize("anchor", [
    "terminated in accordance with their respective terms", "terminated", "terminated as provided below",
    "terminated by either party"])
def test_until_terminated_has_no_time_limit_and_waits_for_nothing(anchor):
    out = _resolve(tp(f"until {anchor}", anchor=anchor, kind="expiry"))
    assert (out.due, out.pending_on) == (None, None)
    assert out.explanation == f"no time limit: runs until {anchor}"


@pytest.mark.parametrize("anchor", ["Closing", "termination of this Agreement"])
def test_until_an_event_still_waits_for_it(anchor):
    out = _resolve(tp(f"until the {anchor}", anchor=anchor, kind="expiry"))
    assert out.pending_on == anchor
