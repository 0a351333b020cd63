"""clausekit_timex on short hand-written sentences: one construction per case, positives and traps.

Every expected value below was written by hand from the spec's conventions
(shared/spec/extraction.md), not copied from the component's output.
"""
from __future__ import annotations

import pytest

from tests.timex_helpers import items, one

FIELDS = ("kind", "count", "unit", "direction", "anchor", "date")

POSITIVE = [
    # spelled and numeric together, ordinals, business days
    ("The Closing shall take place on the seventh (7th) business day after the Effective Date.",
     "on the seventh (7th) business day after the Effective Date",
     ("deadline", 7, "business_day", "after", "Effective Date", None)),
    ("The Company shall file the report within ninety (90) days after the Effective Date.",
     "within ninety (90) days after the Effective Date",
     ("deadline", 90, "day", "after", "Effective Date", None)),
    ("Buyer shall pay each invoice within thirty (30) days of receipt of invoice.",
     "within thirty (30) days of receipt of invoice",
     ("deadline", 30, "day", "after", "receipt of invoice", None)),
    ("The notice must be given no later than sixty days after the Closing Date.",
     "no later than sixty days after the Closing Date",
     ("deadline", 60, "day", "after", "Closing Date", None)),
    ("The Seller shall deliver the schedules not later than one hundred twenty (120) days following the Closing.",
     "not later than one hundred twenty (120) days following the Closing",
     ("deadline", 120, "day", "after", "Closing", None)),
    ("Each Holder shall respond within two (2) Trading Days after delivery of the notice.",
     "within two (2) Trading Days after delivery of the notice",
     ("deadline", 2, "trading_day", "after", "delivery of the notice", None)),
    ("The Agent shall confirm within 48 hours after receipt of the request.",
     "within 48 hours after receipt of the request",
     ("deadline", 48, "hour", "after", "receipt of the request", None)),
    ("The Buyer shall deliver the certificate at least ten (10) Business Days prior to the Closing Date.",
     "at least ten (10) Business Days prior to the Closing Date",
     ("deadline", 10, "business_day", "before", "Closing Date", None)),
    # a relative period and its cap are one item
    (("The second closing will occur on the sixtieth (60th) day after the closing date of the Share Sale "
     "(no later than June 15, 2021)."),
     "on the sixtieth (60th) day after the closing date of the Share Sale (no later than June 15, 2021)",
     ("deadline", 60, "day", "after", "closing date of the Share Sale", "2021-06-15")),
    # promptly / as soon as practicable with a backstop: one item carrying the backstop's count
    (("The Company shall, as soon as practicable and in any event within ninety (90) days after the Effective Date, "
     "convert the shares."),
     "as soon as practicable and in any event within ninety (90) days after the Effective Date",
     ("deadline", 90, "day", "after", "Effective Date", None)),
    # bare dates
    ("The Buyer shall pay the balance on or before December 1, 2021.",
     "on or before December 1, 2021",
     ("deadline", None, None, "before", "December 1, 2021", "2021-12-01")),
    ("The report must be filed no later than June 15, 2021.",
     "no later than June 15, 2021",
     ("deadline", None, None, "before", "June 15, 2021", "2021-06-15")),
    ("This Agreement shall expire on December 31, 2020.",
     "shall expire on December 31, 2020",
     ("expiry", None, None, None, "December 31, 2020", "2020-12-31")),
    # terms, renewals, survival
    ("This Agreement shall remain in effect for a period of five (5) years from the Effective Date.",
     "for a period of five (5) years from the Effective Date",
     ("expiry", 5, "year", "after", "Effective Date", None)),
    ("The representations shall survive for two (2) years after the Closing.",
     "for two (2) years after the Closing",
     ("expiry", 2, "year", "after", "Closing", None)),
    # notice leads
    ("Either party may terminate this Agreement upon thirty (30) days' prior written notice.",
     "upon thirty (30) days' prior written notice",
     ("notice", 30, "day", "before", None, None)),
    # windows
    ("The price is the average for the consecutive thirty (30) trading days ended on March 22, 2021.",
     "for the consecutive thirty (30) trading days ended on March 22, 2021",
     ("window", 30, "trading_day", "before", "March 22, 2021", "2021-03-22")),
    ("There have been no transactions in the shares during the past sixty days.",
     "during the past sixty days",
     ("window", 60, "day", "before", None, None)),
    # count-less limits on an event
    ("The conditions must be satisfied on or before the Closing Date.",
     "on or before the Closing Date",
     ("deadline", None, None, "before", "Closing Date", None)),
    ("Tuspark shall convert the shares with immediate effect from the Closing Date.",
     "with immediate effect from the Closing Date",
     ("deadline", None, None, None, "Closing Date", None)),
    ("The Company shall notify the Holders promptly after the filing of the Registration Statement.",
     "promptly after the filing of the Registration Statement",
     ("deadline", None, None, "after", "filing of the Registration Statement", None)),
    ("The board rights shall terminate immediately upon the completion of the Closing.",
     "immediately upon the completion of the Closing",
     ("expiry", None, None, "after", "completion of the Closing", None)),
    ("The license continues until the Purchaser receives the final payment.",
     "until the Purchaser receives the final payment",
     ("expiry", None, None, None, "Purchaser receives the final payment", None)),
    # past tense is still an item
    ("The Buyer has paid the deposit within three business days of the Effective Date.",
     "within three business days of the Effective Date",
     ("deadline", 3, "business_day", "after", "Effective Date", None)),
]


@pytest.mark.parametrize("text,quote,expected", POSITIVE, ids=[p[1][:40] for p in POSITIVE])
def test_construction(nlp, text, quote, expected):
    got = one(nlp, text)
    assert got["quote"] == quote
    assert tuple(got[f] for f in FIELDS) == expected
    assert text[got["start"]:got["end"]] == quote


def test_recurring_and_renewal_notice(nlp):
    text = ("This Agreement shall automatically renew for successive one-year periods unless either party gives "
            "notice at least ninety (90) days prior to the end of the then-current term.")
    notice = [d for d in items(nlp, text) if d["kind"] == "notice"]
    assert [(d["count"], d["unit"], d["direction"]) for d in notice] == [(90, "day", "before")]
    rec = one(nlp, "The Company shall deliver a report within 45 days after the end of each fiscal quarter.")
    assert (rec["count"], rec["unit"], rec["recurring"]) == (45, "day", True)


def test_deemed_delivery_with_a_period_is_notice(nlp):
    text = ("All notices shall be deemed given (i) when delivered in person; (ii) three (3) days after deposit "
            "in the United States mail.")
    got = one(nlp, text)
    assert (got["kind"], got["count"], got["unit"], got["anchor"]) == ("notice", 3, "day",
                                                                      "deposit in the United States mail")


NEGATIVE = [
    "The Company may terminate the license at its discretion.",  # "may" is not May
    "The Company owned 90 shares of stock in 1990.",  # amounts and years are not periods
    "The meeting was held on the 7th floor.",  # an ordinal is not July
    "As provided in Section 2.1 and Section 30, the Buyer shall pay.",
    "The Company filed its Form 10-K and relied on Rule 144.",
    "The interest rate is 30% per annum and the fee is $60.",
    "If the Buyer defaults, the Seller shall promptly notify the Agent.",  # condition, no event of time
    "The Seller shall comply with the covenants during the Term.",
    "The Buyer may at any time, and from time to time, request information.",
    "The Company filed the report on July 13, 2016.",  # a date recording a fact
    "This Agreement is dated as of March 1, 2020 between the parties.",
    "Either party may terminate this Agreement upon written notice.",  # no lead time
    "At the Closing, Tuspark shall deliver the share certificates.",  # bare event, no limit
    "The price equals the 30-Day VWAP of the shares.",  # a period used as a name
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_traps_are_not_time_provisions(nlp, text):
    assert items(nlp, text) == []


def test_spans_and_json_safety(nlp):
    import json

    doc = nlp("The Company shall pay within ten (10) days after the Closing Date. "
              "The term expires on December 31, 2030.")
    recs = doc._.clausekit_timex
    assert len(recs) == 2
    json.dumps(recs)
    json.dumps(doc._.clausekit_events)
    group = doc.spans["clausekit_timex"]
    assert [s.label_ for s in group] == ["deadline", "expiry"]
    assert group[0].text.startswith("within ten (10) days")


def test_events_from_definitions_and_facts(nlp):
    text = ("In addition, on March 23, 2021 (“Effective Date”) the parties signed. On April 13, 2021, Tuspark "
            "completed the sale of shares back to the Issuer pursuant to a Share Repurchase Agreement (the “SRA”), "
            "for an aggregate purchase price of US$260,000,000 (the “Class B Share Repurchase”). The second closing "
            "will occur on the sixtieth (60th) day after the closing date of the Class B Share Repurchase.")
    doc = nlp(text)
    events = {e["name"]: e["scheduled"] for e in doc._.clausekit_events}
    assert events["Effective Date"] == "2021-03-23"
    assert events["Class B Share Repurchase"] == "2021-04-13"
    # the anchor as the provision names it resolves to the same event
    assert events["closing date of the Class B Share Repurchase"] == "2021-04-13"


def test_a_provision_that_fixes_an_event_schedules_it(nlp):
    text = ("2.1 Closing. The closing of the sale shall take place on the seventh (7th) business day after the "
            "Effective Date, or at such other time as may be agreed (the “Closing”). The date and time of the "
            "Closing are referred to herein as the “Closing Date.”")
    got = one(nlp, text)
    assert got["schedules"] == "Closing Date"


def test_obligor_is_the_acting_party(nlp):
    text = ("This Agreement is made between Alpha Inc. (the “Company”) and Beta LLC (the “Supplier”). "
            "The Supplier shall deliver the goods within five (5) Business Days after receipt of an order. "
            "The Company shall pay each invoice within thirty (30) days of receipt. "
            "The Company shall notify the Supplier and the Supplier shall notify the Company within ten days "
            "after each party learns of a defect.")
    got = items(nlp, text)
    assert [d["obligor"] for d in got[:2]] == ["Supplier", "Company"]


# ---- the seed document end to end, and the pipeline saved and loaded ---------------------------

SCORED = ("kind", "count", "unit", "direction", "anchor", "date", "obligor")


def _scorer():
    import importlib.util

    from tests.conftest import SHARED

    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"{path} not present")
    spec = importlib.util.spec_from_file_location("clausekit_shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _seed_pairs(nlp):
    import json

    from clausekit.extract import extract
    from clausekit.ingest import read_document
    from tests.conftest import SEED, shared_corpus

    gold = json.loads((shared_corpus("seed") / "vnet-13da-sra.gold.json").read_text(encoding="utf-8"))["deadlines"]
    pred = [d.__dict__ for d in extract(read_document(SEED), nlp).deadlines]
    score = _scorer()
    pairs = score.match_greedy(gold, pred, lambda g, p: score.quotes_match(g["quote"], p["quote"]),
                               lambda g, p: score.quote_overlap(g["quote"], p["quote"]))
    return score, gold, pred, pairs


@pytest.mark.slow
def test_seed_deadlines_equal_gold(nlp):
    score, gold, pred, pairs = _seed_pairs(nlp)
    assert len(pairs) == len(gold) == len(pred) == 14
    wrong = [(gold[g]["quote"], f, gold[g].get(f), pred[p].get(f)) for g, p in pairs for f in SCORED
             if f in gold[g] and not score.field_equal(f, gold[g].get(f), pred[p].get(f))]
    assert wrong == []


def test_pipeline_save_load_keeps_timex(nlp, tmp_path):
    from clausekit.nlp.pipeline import load_pipeline, save_pipeline

    text = ("This Agreement is made as of March 23, 2021 (the “Effective Date”) between Alpha Inc. (the “Company”) "
            "and Beta Ltd. (“Beta”). The Company shall pay the price within ninety (90) days after the Effective "
            "Date. Beta may terminate upon thirty (30) days' prior written notice.")
    save_pipeline(nlp, tmp_path / "pipe")
    assert (tmp_path / "pipe" / "clausekit_timex" / "timex.jsonl").exists()
    loaded = load_pipeline(tmp_path / "pipe")
    before, after = nlp(text), loaded(text)
    assert after._.clausekit_timex == before._.clausekit_timex
    assert after._.clausekit_events == before._.clausekit_events
    assert [d["kind"] for d in after._.clausekit_timex] == ["deadline", "notice"]


def test_saved_patterns_travel_with_the_pipeline(tmp_path):
    """The pattern rows are saved with the pipeline: a pipeline saved without the unit 'hours' keeps that."""
    import json

    import spacy

    from clausekit.nlp.timex import TimexComponent
    from clausekit.nlp.timex_lex import Lexicon
    from clausekit.nlp.util import models_dir

    rows = [json.loads(line) for line in (models_dir() / "timex.jsonl").read_text().splitlines() if line.strip()]
    rows = [r for r in rows if not (r["type"] == "unit" and r["word"].startswith("hour"))]
    nlp = spacy.blank("en")
    nlp.add_pipe("clausekit_timex")
    nlp.get_pipe("clausekit_timex")._set_lexicon(Lexicon.from_rows(rows))
    text = "The Agent shall confirm within 48 hours after receipt of the request."
    assert nlp(text)._.clausekit_timex == []
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert isinstance(loaded.get_pipe("clausekit_timex"), TimexComponent)
    assert loaded(text)._.clausekit_timex == []
    assert spacy.blank("en").add_pipe("clausekit_timex")(spacy.blank("en")(text))._.clausekit_timex != []


@pytest.mark.slow
def test_seed_due_dates_resolve_through_events(nlp):
    """Hand-checked: 2021-03-23 + 7 HK business days (Good Friday 2 Apr, Easter Monday 5 Apr are after
    the 7th) = 1 Apr; 2021-04-13 + 60 days = 12 Jun (before the 15 Jun cap); 2021-03-23 + 90 days = 21 Jun."""
    _score, gold, pred, pairs = _seed_pairs(nlp)
    dues = {gold[g]["quote"][:40]: pred[p]["due"] for g, p in pairs if gold[g].get("due")}
    assert sorted(dues.values()) == ["2021-04-01", "2021-06-12", "2021-06-21"]
    assert all(pred[p]["due"] == gold[g]["due"] for g, p in pairs if gold[g].get("due"))


# ---- term clauses, renewals and other shapes met in the corpora (hand-written variants) ----------

TERMS = [
    (("The term of this Agreement shall commence upon April 1, 1999 and shall continue for a period of six (6) "
     "months, unless earlier terminated."),
     ("expiry", 6, "month", "after", "April 1, 1999")),
    (("This Agreement shall be effective upon the Effective Date and shall remain in force for a period of one (1) "
     "year."),
     ("expiry", 1, "year", "after", "Effective Date")),
    ("The term of this Agreement shall be five years commencing on the Effective Date.",
     ("expiry", 5, "year", "after", "Effective Date")),
    ("This Agreement will continue for a period of three (3) years therefrom, commencing on the Effective Date.",
     ("expiry", 3, "year", "after", "Effective Date")),
]


@pytest.mark.parametrize("text,expected", TERMS, ids=[t[0][:30] for t in TERMS])
def test_term_clauses_anchor_on_their_start(nlp, text, expected):
    found = [d for d in items(nlp, text) if d["count"] is not None]
    assert [(d["kind"], d["count"], d["unit"], d["direction"], d["anchor"]) for d in found] == [expected]


def test_term_without_a_stated_start_counts_from_the_agreement(nlp):
    got = one(nlp, "This Agreement shall be for an initial term of five (5) years.")
    assert (got["kind"], got["count"], got["unit"], got["anchor"]) == ("expiry", 5, "year", "date of this Agreement")


def test_renewal_notice_periods(nlp):
    texts = [
        ("The Agreement renews for successive one-year terms unless either party gives written notice of "
        "non-renewal no later than sixty (60) days prior to the end of the then applicable term."),
        ("Unless Customer notifies Supplier of its intent not to renew this Agreement in writing within a period of "
        "three (3) months following the Renewal Notice, this Agreement shall automatically renew."),
        ("Contractor may terminate this Agreement upon a prior written notice of termination of not less than "
        "six (6) months."),
    ]
    got = [[(d["count"], d["unit"]) for d in items(nlp, t) if d["kind"] == "notice"] for t in texts]
    assert got == [[(60, "day")], [(3, "month")], [(6, "month")]]
    renew = [d for d in items(nlp, texts[0]) if d["kind"] != "notice"]
    assert all(d["kind"] != "notice" for d in renew)


def test_abbreviations_do_not_cut_the_sentence(nlp):
    got = one(nlp, "The Closing shall be deemed effective as of 12:01 a.m. Eastern Time on the Closing Date. Then")
    assert (got["kind"], got["anchor"], got["direction"]) == ("deadline", "Closing Date", None)


def test_anchor_lists_and_parentheses(nlp):
    got = one(nlp, "No Seller shall hire any person employed within the twelve (12)-month period prior to such "
                   "solicitation, inducement, hiring, retention, or attempt to hire or retain, any employee.")
    assert got["anchor"] == "solicitation, inducement, hiring, retention, or attempt to hire or retain"
    got = one(nlp, "Supplier shall order components as soon as CUTANEA provides Supplier (or its designee) with the "
                   "artwork. Then")
    assert got["anchor"] == "CUTANEA provides Supplier (or its designee) with the artwork"


def test_coreferent_period_and_extension(nlp):
    text = ("The Representative may object within twenty (20) days following its receipt of the Allocation. If no "
            "objection is made within such twenty (20)-day period, the Allocation is final.")
    got = items(nlp, text)
    assert [d["anchor"] for d in got] == ["its receipt of the Allocation"] * 2
    text = "Buyer may terminate if the Closing does not occur by October 31, 2020, which may be extended by Buyer " \
           "for up to thirty (30) days."
    got = items(nlp, text)
    assert [(d["count"], d["anchor"], d["date"]) for d in got] == [(None, "October 31, 2020", "2020-10-31"),
                                                                   (30, "October 31, 2020", None)]


def test_more_traps(nlp):
    for text in [
        "Executive shall receive two (2) years Base Consulting Fee in a single lump sum.",  # an amount
        "WHEREAS, the Act prohibits loans made on or after July 30, 2002; and",  # a recital
        "The Action is pending before a Governmental Authority.",  # in front of, not earlier than
        "The information was in the Receiving Party's possession prior to disclosure.",  # a fact
        "All notices shall be effective upon receipt.",  # deemed delivery without a period
        "This Agreement is dated this 30th day of April.",  # an ordinal day with no period
    ]:
        assert items(nlp, text) == [], text


def test_a_period_from_x_until_y_is_a_window_from_x(nlp):
    got = one(nlp, "Interest accrues for the period from the date of death of such survivor until the payment of "
                   "the death benefit.")
    assert (got["kind"], got["direction"], got["anchor"], got["count"]) == ("window", "after",
                                                                           "date of death of such survivor", None)


def test_a_bare_prior_to_limit_quotes_its_verb_phrase(nlp):
    got = one(nlp, "Supplier shall qualify such alternate supplier before the Failure to Supply.")
    assert (got["quote"], got["anchor"], got["direction"]) == (
        "qualify such alternate supplier before the Failure to Supply", "Failure to Supply", "before")


def test_redacted_periods(nlp):
    got = one(nlp, "Forecasted Needs means the estimate of Products for the upcoming rolling [***] period. Then")
    assert (got["kind"], got["count"], got["unit"], got["direction"]) == ("window", None, None, "after")
    got = one(nlp, "Such payment terms shall be [***] following the date that the Products are received. Then")
    assert (got["kind"], got["count"], got["anchor"]) == ("deadline", None, "date that the Products are received")
    got = one(nlp, "Buyer shall issue orders not less than [***] business days before the requested delivery date.")
    assert (got["count"], got["unit"], got["direction"]) == (None, "business_day", "before")


def test_obligor_of_a_list_item_is_the_subject_introducing_the_list(nlp):
    text = ("This Agreement is made between Alpha Inc. (the “Company”) and Beta LLC (the “Holder”). In connection "
            "with each registration the Company shall: (a) prepare the statement; (b) keep it effective for at least "
            "ninety (90) days; and (c) list the shares.")
    got = one(nlp, text)
    assert (got["count"], got["obligor"]) == (90, "Company")
    text = ("This Agreement is made between Alpha Inc. (the “Buyer”) and Gamma LLC, Delta LLC (each a “Seller Party” "
            "and together the “Seller Parties”). From the date hereof until the Closing, the Seller Parties shall "
            "conduct the business in the ordinary course.")
    got = one(nlp, text)
    assert (got["kind"], got["obligor"]) == ("expiry", "Seller Parties")


def test_lookback_windows_and_deemed_delivery_bind_nobody(nlp):
    text = ("This Agreement is made between Alpha Inc. (the “Company”) and Beta LLC (the “Holder”). The Company "
            "shall not be obliged to file if the Company shall have filed a registration statement during the "
            "immediately preceding ninety (90) day period. All notices by the Company shall be deemed given three (3) "
            "days after deposit in the mail.")
    got = items(nlp, text)
    assert [(d["kind"], d["obligor"]) for d in got] == [("window", None), ("notice", None)]


# ---- where an anchor ends ---------------------------------------------------------------------------
def test_anchor_takes_a_bare_noun_list_without_oxford_comma(nlp):
    got = one(nlp, "The Licensee shall notify the Licensor within ten (10) days after service of any claim, "
                   "demand, lawsuit or arbitration brought by a third party concerning the Software.")
    assert got["anchor"] == "service of any claim, demand, lawsuit or arbitration"


def test_anchor_comma_then_new_clause_is_not_a_list(nlp):
    got = one(nlp, "The Agent shall file the return within five (5) days after receipt of the statement, "
                   "and the Agent shall keep a copy.")
    assert got["anchor"] == "receipt of the statement"


def test_anchor_stops_where_a_second_object_starts_after_a_name(nlp):
    got = one(nlp, "The Issuer will transfer to the Investor promptly upon receipt of a written request of the "
                   "Investor such units of the Fund as are then owed to the Investor.")
    assert got["anchor"] == "receipt of a written request of the Investor"


def test_anchor_keeps_such_after_a_preposition(nlp):
    got = one(nlp, "The Tenant shall vacate within thirty (30) days after receipt of such notice from the Landlord.")
    assert got["anchor"] == "receipt of such notice from the Landlord"


def test_anchor_drops_purpose_adjunct_after_relative_clause(nlp):
    got = one(nlp, "The Trustee shall give the Members at least ten (10) days prior written notice of the date on "
                   "which the books will be closed for such distribution.")
    assert got["anchor"] == "date on which the books will be closed"


def test_anchor_keeps_for_such_that_names_the_event(nlp):
    got = one(nlp, "The Lessee shall pay within fifteen (15) days after the due date for such installment.")
    assert got["anchor"] == "due date for such installment"


def test_anchor_keeps_for_such_as_a_verb_complement(nlp):
    got = one(nlp, "The Escrow Agent shall release the funds within three (3) days after the date on which "
                   "the Purchaser pays for such goods.")
    assert got["anchor"] == "date on which the Purchaser pays for such goods"


def test_anchor_earlier_of_enumerated_alternatives_is_whole(nlp):
    got = one(nlp, "The Agent shall hold the deposit until the earlier of (a) the Outside Date, "
                   "as the case may be, or (b) such time as the Buyer shall have paid the Price in full "
                   "(it being agreed that the Agent may release it sooner).")
    assert (got["kind"], got["direction"], got["anchor"]) == (
        "expiry", None, "earlier of (a) the Outside Date, as the case may be, or (b) such time as "
                        "the Buyer shall have paid the Price in full")


def test_anchor_earlier_of_two_events_joined_by_and(nlp):
    got = one(nlp, "The Agent shall hold the deposit until the earlier of the Closing and the Outside Date, "
                   "after which it shall be returned.")
    assert got["anchor"] == "earlier of the Closing and the Outside Date"


def test_anchor_stops_at_long_aside_in_parentheses(nlp):
    got = one(nlp, "The Licensee shall report within ten (10) days after the end of each calendar quarter "
                   "(it being understood that a quarter with no sales still requires a report).")
    assert got["anchor"] == "end of each calendar quarter"


def test_anchor_keeps_an_including_aside_inside_an_until_clause(nlp):
    got = one(nlp, "The covenants survive until the relevant limitation periods (including any extensions) "
                   "have expired.")
    assert got["anchor"] == "relevant limitation periods (including any extensions) have expired"


def test_window_between_two_events_counts_from_the_first(nlp):
    got = one(nlp, "No Member may transfer Units following the delivery of a Sale Notice but before the "
                   "completion of the Sale.")
    assert (got["quote"], got["kind"], got["direction"], got["anchor"]) == (
        "following the delivery of a Sale Notice but before the completion of the Sale", "window", "after",
        "delivery of a Sale Notice")


def test_before_alone_stays_a_deadline(nlp):
    got = one(nlp, "The Member shall give notice after the vote, and before the completion of the Sale, the Member "
                   "shall obtain consent.")
    assert (got["kind"], got["direction"], got["anchor"]) == ("deadline", "before", "completion of the Sale")


def test_and_the_still_ends_an_ordinary_anchor(nlp):
    got = one(nlp, "The Seller shall deliver the records within five (5) days after the Closing and the Buyer "
                   "shall pay the fee.")
    assert got["anchor"] == "Closing"


def test_period_plus_days_counts_from_the_named_period(nlp):
    got = one(nlp, "The representations shall survive for the full period of all applicable statutes of "
                   "limitation (giving effect to any tolling thereof) plus ninety (90) days.")
    assert (got["count"], got["unit"], got["direction"], got["anchor"]) == (
        90, "day", "after", "full period of all applicable statutes of limitation")


def test_amount_plus_days_has_no_period_anchor(nlp):
    found = items(nlp, "The Buyer shall pay the base amount plus ninety (90) days of accrued interest.")
    assert all(d["anchor"] is None for d in found)


# ---- obligor ----------------------------------------------------------------------------------------
PARTIES = 'This Agreement is made between Alpha Inc. (the "Buyer") and Beta LLC (the "Seller"). '


def test_obligor_is_the_agent_of_the_main_clause_passive_after_the_period(nlp):
    got = one(nlp, PARTIES + "In the event of a dispute, within ten (10) days after the Buyer's notice, "
                             "the goods shall be inspected by the Seller at its cost.")
    assert got["obligor"] == "Seller"


def test_obligor_not_taken_from_a_prepositional_object_after_the_period(nlp):
    got = one(nlp, PARTIES + "Within ten (10) days after the Closing, the goods shall be returned to the Seller.")
    assert got["obligor"] is None


def test_freshness_window_binds_the_party_that_delivers(nlp):
    got = one(nlp, PARTIES + "The Seller shall deliver a certificate of good standing issued as of a date that is "
                             "no more than five (5) Business Days before the Closing Date.")
    assert (got["kind"], got["direction"], got["obligor"]) == ("window", "before", "Seller")


def test_look_back_window_binds_nobody(nlp):
    got = one(nlp, PARTIES + "The Seller shall not have sold any shares during the sixty (60) days preceding "
                             "the Closing Date.")
    assert (got["kind"], got["obligor"]) == ("window", None)


def test_obligor_not_a_name_after_a_preposition(nlp):
    got = one(nlp, PARTIES + "Within five (5) days after the Closing, all invoices to the Seller shall be paid in full.")
    assert got["obligor"] is None


def test_obligor_subject_after_a_preposition_phrase_still_counts(nlp):
    got = one(nlp, PARTIES + "Within five (5) days after the Closing, the Seller shall pay all invoices.")
    assert got["obligor"] == "Seller"


def test_obligor_not_the_subject_of_a_later_until_clause(nlp):
    found = items(nlp, PARTIES + "Effective upon the Closing Date, all notices shall be sent to the address below "
                                 "until the Buyer gives notice of a new one.")
    assert [(d["quote"], d["obligor"]) for d in found] == [
        ("Effective upon the Closing Date", None), ("until the Buyer gives notice of a new one", None)]


def test_obligor_of_a_provision_inside_an_unless_clause_is_its_subject(nlp):
    got = one(nlp, PARTIES + "The order is final unless the Buyer, acting in good faith, shall have objected "
                             "in writing prior to its receipt of the goods.")
    assert got["obligor"] == "Buyer"


def test_right_holder_is_not_the_obligor(nlp):
    got = one(nlp, PARTIES + "The Seller will be entitled to receive a bonus payable promptly after the "
                             "Buyer's revenue exceeds the target.")
    assert got["obligor"] is None


def test_two_parties_as_one_subject_have_no_single_obligor(nlp):
    got = one(nlp, PARTIES + "If the Buyer and the Seller cannot agree on the price within twenty (20) days "
                             "after the Closing, an expert decides.")
    assert got["obligor"] is None


def test_one_party_after_and_between_clauses_is_the_obligor(nlp):
    got = one(nlp, PARTIES + "The goods are ready, and the Seller shall ship them within twenty (20) days "
                             "after the Closing.")
    assert got["obligor"] == "Seller"


def test_same_party_repeated_after_and_is_still_the_obligor(nlp):
    got = one(nlp, PARTIES + "No consent of the Buyer or the Seller is needed and the Seller will ship the goods "
                             "promptly upon receipt of a written order.")
    assert got["obligor"] == "Seller"
