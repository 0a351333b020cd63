"""clausekit_timex: shapes of time provision added for recall, each on several hand-written phrasings.

The expected fields were written by hand from the Conventions of shared/spec/extraction.md (not copied
from the component's output): "until X" is an expiry anchored on X with no count or direction, whatever X
is (an event or a state of affairs); "as soon as practicable after X" is a deadline anchored on X with
direction "after"; recurring provisions are items with their period as count/unit and no anchor; a
bare event that sets no limit is not an item.
"""
from __future__ import annotations

import pytest

from tests.timex_helpers import items, one

FIELDS = ("kind", "count", "unit", "direction", "anchor")


def check(nlp, text: str, quote: str, expected: tuple) -> dict:
    got = one(nlp, text)
    assert got["quote"] == quote
    assert text[got["start"]:got["end"]] == quote
    assert tuple(got[f] for f in FIELDS) == expected
    return got


# ---- "until" + a state of affairs -----------------------------------------------------------------
UNTIL_STATE = [
    ("The Holder shall not be required to reduce its shares until the number of shares referred to in clause (i) "
     "shall have been reduced to zero.",
     "until the number of shares referred to in clause (i) shall have been reduced to zero",
     "number of shares referred to in clause (i) shall have been reduced to zero"),
    ("The Borrower shall maintain the insurance until all amounts owing hereunder have been paid in full.",
     "until all amounts owing hereunder have been paid in full",
     "all amounts owing hereunder have been paid in full"),
    ("The Company shall keep the registration effective until such time as the Registration Statement is no "
     "longer required.",
     "until such time as the Registration Statement is no longer required",
     "Registration Statement is no longer required"),
    ("The transfer restrictions apply until there are no shares outstanding.",
     "until there are no shares outstanding",
     "no shares outstanding"),
    ("The guarantee continues until the obligations of the borrower are fully satisfied.",
     "until the obligations of the borrower are fully satisfied",
     "obligations of the borrower are fully satisfied"),
]


@pytest.mark.parametrize("text,quote,anchor", UNTIL_STATE, ids=[u[2][:30] for u in UNTIL_STATE])
def test_until_a_state_of_affairs_is_an_expiry_anchored_on_it(nlp, text, quote, anchor):
    check(nlp, text, quote, ("expiry", None, None, None, anchor))


def test_until_paid_in_full(nlp):
    check(nlp, "Interest shall accrue on the unpaid amount until paid in full.", "until paid in full",
          ("expiry", None, None, None, "paid in full"))


def test_until_a_word_that_is_neither_event_nor_state_is_no_item(nlp):
    assert items(nlp, "The parties will not know the answer until later.") == []


def test_an_enumeration_marker_still_ends_an_until_anchor(nlp):
    got = items(nlp, "The Seller shall comply with (i) the covenants until the Closing and (ii) the policies.")
    assert [(d["kind"], d["anchor"]) for d in got] == [("expiry", "Closing")]


# ---- a comma between the period and its direction; "it receives X" is the receipt of X -------------
def test_a_comma_before_after_keeps_the_anchor(nlp):
    check(nlp, "The Distributor shall notify the Supplier within one Business Day, after it receives any adverse "
               "communication from a Regulatory Authority.",
          "within one Business Day, after it receives any adverse communication from a Regulatory Authority",
          ("deadline", 1, "business_day", "after", "receipt of any adverse communication from a Regulatory Authority"))
    check(nlp, "The Seller shall respond within five (5) Business Days, following receipt of the request.",
          "within five (5) Business Days, following receipt of the request",
          ("deadline", 5, "business_day", "after", "receipt of the request"))


def test_a_backstop_with_a_comma_before_after_is_one_item(nlp):
    check(nlp, "The Supplier shall notify the Buyer promptly, and in any event within five (5) days, after it receives "
               "any complaint.",
          "promptly, and in any event within five (5) days, after it receives any complaint",
          ("deadline", 5, "day", "after", "receipt of any complaint"))


def test_until_it_receives_is_the_receipt(nlp):
    check(nlp, "The Escrow Agent shall hold the funds until such time as it receives joint written instructions.",
          "until such time as it receives joint written instructions",
          ("expiry", None, None, None, "receipt of joint written instructions"))


def test_a_comma_then_after_which_is_not_a_direction(nlp):
    check(nlp, "The Buyer shall pay within thirty (30) days, after which interest accrues.",
          "within thirty (30) days", ("deadline", 30, "day", "after", None))


# ---- as soon as reasonably possible / practical after X ---------------------------------------------
AS_SOON_AS = [
    ("The Supplier shall notify the Buyer as soon as reasonably possible after it receives any recall notice.",
     "as soon as reasonably possible after it receives any recall notice", "receipt of any recall notice"),
    ("The Distributor shall inform the Supplier as soon as practical following receipt of any complaint.",
     "as soon as practical following receipt of any complaint", "receipt of any complaint"),
    ("The Licensee shall report the sales as soon as commercially practicable after the end of each quarter.",
     "as soon as commercially practicable after the end of each quarter", "end of each quarter"),
    # a relative clause that only says what the event is about does not belong to the anchor
    ("The Agent shall notify the Lenders as soon as reasonably practicable after it receives any notice from any "
     "Governmental Authority that relates to the Collateral.",
     "as soon as reasonably practicable after it receives any notice from any Governmental Authority",
     "receipt of any notice from any Governmental Authority"),
]


@pytest.mark.parametrize("text,quote,anchor", AS_SOON_AS, ids=[a[2][:30] for a in AS_SOON_AS])
def test_as_soon_as_possible_after_an_event(nlp, text, quote, anchor):
    check(nlp, text, quote, ("deadline", None, None, "after", anchor))


def test_as_soon_as_practical_with_no_event_is_no_item(nlp):
    assert items(nlp, "The Licensee shall report any defect as soon as practical.") == []


# ---- recurring items with no number before the unit -------------------------------------------------
RECURRING = [
    ("The Licensee may audit the records no more than twice a year.",
     "no more than twice a year", ("window", 1, "year", None, None)),
    ("The Supplier shall permit the Buyer to conduct, once annually during the Term, one quality audit.",
     "once annually during the Term", ("window", 1, "year", None, None)),
    ("The Licensor may inspect the facility no more than once in any twelve (12) month period.",
     "no more than once in any twelve (12) month period", ("window", 12, "month", None, None)),
    ("The Company shall furnish a compliance report once per calendar quarter.",
     "once per calendar quarter", ("deadline", 3, "month", None, None)),
    ("The Distributor shall submit its sales reports monthly.",
     "monthly", ("deadline", 1, "month", None, None)),
    ("The Steering Committee will meet semi-annually.",
     "semi-annually", ("deadline", 6, "month", None, None)),
    ("The Licensee shall deliver royalty statements on a quarterly basis.",
     "on a quarterly basis", ("deadline", 3, "month", None, None)),
    ("The Partner shall update its product information at a minimum of once a quarter.",
     "at a minimum of once a quarter", ("deadline", 3, "month", None, None)),
    ("The tanks shall be inspected at least once every five years.",
     "at least once every five years", ("deadline", 5, "year", None, None)),
    ("The Board shall meet no less than four times per year.",
     "no less than four times per year", ("deadline", 1, "year", None, None)),
    ("The Licensor may conduct an audit not more than once in any calendar year.",
     "not more than once in any calendar year", ("window", 1, "year", None, None)),
]


def test_two_recurring_items_in_one_sentence(nlp):
    got = items(nlp, "The Distributor shall provide the Company with written sales reports on a monthly basis and "
                     "inventory reports quarterly.")
    assert [(d["quote"], d["kind"], d["count"], d["unit"]) for d in got] == [
        ("on a monthly basis", "deadline", 1, "month"), ("quarterly", "deadline", 3, "month")]


@pytest.mark.parametrize("text,quote,expected", RECURRING, ids=[r[1] for r in RECURRING])
def test_recurring_items_without_a_count(nlp, text, quote, expected):
    got = check(nlp, text, quote, expected)
    assert got["recurring"] is True


RECURRING_DAY = [
    ("The Distributor shall pay the fees on the last business day of each calendar quarter.",
     "on the last business day of each calendar quarter",
     ("deadline", None, None, None, "last business day of each calendar quarter")),
    ("The Licensee shall deliver the report by the last day of each month.",
     "by the last day of each month", ("deadline", None, None, "before", "last day of each month")),
    ("The rate is the average of the rates published in the Financial Times the last business day of every month.",
     "the last business day of every month", ("window", None, None, None, None)),
]


@pytest.mark.parametrize("text,quote,expected", RECURRING_DAY, ids=[r[1] for r in RECURRING_DAY])
def test_a_recurring_day_has_no_count(nlp, text, quote, expected):
    assert check(nlp, text, quote, expected)["recurring"] is True


@pytest.mark.parametrize("text", [
    "The Company provides monthly reports to the Board.",  # an adjective, not a schedule
    "The Company shall provide monthly reports to the Board.",
    "Once the Closing occurs, the Buyer shall pay the price.",  # "once" as a conjunction
    "Interest accrues monthly on the unpaid balance.",  # no one must act
])
def test_frequency_traps(nlp, text):
    assert items(nlp, text) == []


# ---- "remain valid during the term of" another agreement ----------------------------------------------
def test_remaining_in_force_for_the_term_of_another_agreement_is_an_expiry(nlp):
    check(nlp, "The license granted to the Supplier shall remain valid during the term of the LSA.",
          "shall remain valid during the term of the LSA", ("expiry", None, None, None, "term of the LSA"))
    check(nlp, "The sublicense shall remain in full force and effect for the term of the Master Agreement.",
          "shall remain in full force and effect for the term of the Master Agreement",
          ("expiry", None, None, None, "term of the Master Agreement"))


@pytest.mark.parametrize("text", [
    "The covenants shall remain in effect during the term of this Agreement.",  # "during the Term": no item
    "The warranty shall remain valid during the term of the Agreement.",
])
def test_the_agreements_own_term_sets_no_limit(nlp, text):
    assert items(nlp, text) == []


# ---- "prior to X" that describes a period rather than limiting an act ------------------------------------
@pytest.mark.parametrize("text", [
    "The parties shall cooperate to reconcile the receivables that have arisen due to operations of the Company "
    "prior to the Closing.",
    "The vendor is handled by an entity that is an affiliate of the Company prior to the Closing.",
    "The Seller shall pay any losses arising out of events occurring prior to the Closing.",
    "Taxes paid prior to the Closing Date are for the account of the Seller.",
    "The Seller shall assign all Contracts that were in effect prior to the Closing.",
    "Employees who have been employed by the Company prior to the Closing Date shall receive service credit.",
])
def test_what_arose_or_existed_before_an_event_is_no_item(nlp, text):
    assert items(nlp, text) == []


@pytest.mark.parametrize("text,quote", [
    ("The Seller shall deliver the certificates prior to the Closing.", "deliver the certificates prior to the Closing"),
    ("Any liabilities incurred by the Seller shall be paid prior to the Closing.", "be paid prior to the Closing"),
    ("The Company shall deliver all documents that are required to be delivered prior to the Closing.",
     "be delivered prior to the Closing"),
    ("The Buyer shall hold the meeting that is required to be held prior to the Closing.", "be held prior to the Closing"),
])
def test_an_act_limited_by_an_event_stays_a_deadline(nlp, text, quote):
    check(nlp, text, quote, ("deadline", None, None, "before", "Closing"))
