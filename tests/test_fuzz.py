"""Fuzzing (issue 9, item 2): random and mutated contract text through the extractor, random
time expressions through the ``due`` parser and resolver.

Properties checked on every input:

- extraction: no exception escapes ``extract``; every offset (sections, defined terms, parties,
  time provisions, conditions, covenants, events) lies inside the text; where an item carries
  its own words (a term, a party name, a quote) ``text[start:end]`` says them, word for word
  (markup aside; a condition's span may carry its ``(b)`` label before the quote); every date is a real
  ISO date; every resolved due that counts business or trading days names its calendar;
- ``due``: ``parse_expression`` and ``due_for`` raise nothing but ``ClausekitError``
  (``ExpressionError``, ``UnknownCalendar``); every result is a real date with an explanation,
  and an explanation that counts business or trading days names the calendar.

The default run keeps each property to a few seconds. The long run is marked ``fuzz`` (left out
of the default run) and takes its size from the ``fuzz`` hypothesis profile (tests/conftest.py):

    CLAUSEKIT_FUZZ_EXAMPLES=20000 python -m pytest -m fuzz --hypothesis-profile=fuzz \\
        --hypothesis-show-statistics tests/test_fuzz.py

(``CLAUSEKIT_FUZZ_MAX_CHARS=30000`` mutates whole agreements instead of 4000-character snippets.)
"""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.errors import ClausekitError
from clausekit.types import Document, Extraction
from tests.conftest import SEED, SHARED

QUICK = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# no max_examples: the long runs take it from the profile (``--hypothesis-profile=fuzz``); one input
# slower than 20 s is a finding (a runaway pattern), not noise
LONG = settings(deadline=dt.timedelta(seconds=20),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- material --------------------------------------------------------------------------------------------

#: characters that break naive code: bidi controls, zero-width, combining marks, NUL and other
#: controls, line/paragraph separators, letters whose case mapping changes the length ("İ".lower()
#: is two characters, "ß".upper() is "SS", "ﬁ" folds to "fi"), digits that are not ASCII
#: (``\d`` and ``int()`` take "٣" and "３"; "²" is ``isdigit()`` but not ``int()``), a BOM, surrogate-free
#: astral characters, fancy quotes and dashes.
ODD = [
    "\u200f", "\u200e", "\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u00ad", "\u0301", "\u0308\u0323", "\x00", "\x01", "\x0b", "\x0c", "\x1c", "\x1e", "\x7f",
    "\x85", "\u2028", "\u2029", "\ufffd", "\uffff", "\U0001f600", "\U000e0001", "\u00a0", "\u3000",
    "\u2009", "ß", "İ", "ı", "ﬁ", "ǅ", "Ⅻ", "²", "½", "٣", "٢٠٢١", "３０", "๑", "߀", "\u05d0\u05d1",
    "\u0627\u0644", "“", "”", "‘", "’", "«", "»", "„", "–", "—", "‐", "…", "§", "¶", "\\", "\r", "\n",
    "\n\n", "\t", "\r\n",
]
NUMBERS = [
    "0", "1", "7", "30", "(30)", "thirty (30)", "seventh (7th)", "1st", "2.5", "1,000", "99999999999999999999",
    "-5", "0.0", "1e9", "one hundred and eighty (180)", "twenty-one", "Ⅻ", "٣٠", "３０", "²", "½", "10¹⁰",
]
DATES = [
    "June 15, 2021", "15 June 2021", "March 23, 2021", "2021-03-23", "February 29, 2021", "February 30, 2020",
    "31 April 2021", "December 31, 9999", "January 1, 0001", "January 1, 10000", "00/00/0000", "13/13/2021",
    "the 31st day of February, 2022", "2021-02-29", "9999-12-31", "0001-01-01", "June 15,2021", "June 2021",
    "on or before June 31, 2021", "as of March 23, 2021", "dated as of the 23rd day of March, 2021",
]
PUNCT = ["(", ")", "((", "))", "(a)", "(iv)", "\"", "'", "“", "”", "[", "]", "{", "}", "<", ">", ":", ";",
         ".", "...", ",", "-", "/", "*", "#", "|", "$", "%", "&", "_", "=", "@"]
LEGAL = [
    "Section 2.1", "ARTICLE IV", "1.", "2.1", "Section 4.02", "Item 4", "WHEREAS", "NOW, THEREFORE",
    "(the \"Company\")", "(\"Buyer\")", "\"Effective Date\" means",
    "\"Business Day\" means any day on which banks in Hong Kong are open", "shall", "within", "no later than",
    "not less than", "prior to", "after",
    "following", "before", "business days", "Business Days", "trading days", "days", "months", "years",
    "weeks", "hours", "the Closing Date", "the Effective Date", "the Closing", "the earlier of", "the later of",
    "if such day is not a Business Day, the next Business Day", "governed by the laws of", "Hong Kong",
    "New York", "England and Wales", "conditions precedent", "The obligations of the Buyer are subject to",
    "covenants and agrees", "the last day of the month following", "each calendar quarter", "annually",
    "from time to time", "Termination Date", "terminate",
]


def _shared_texts() -> list[Path]:
    dev = SHARED / "corpus" / "dev"
    return sorted(dev.glob("*.txt")) if dev.is_dir() else []


@lru_cache(maxsize=1)
def corpus() -> tuple[str, ...]:
    """The seed agreement and the shared dev texts as the readers give them to the extractor
    (real contract language to mutate)."""
    from clausekit.ingest import read_document

    return tuple(read_document(p).text for p in [SEED, *_shared_texts()])


#: longest snippet taken from a real agreement; a long run may ask for whole agreements (30000)
SNIPPET_CHARS = int(os.environ.get("CLAUSEKIT_FUZZ_MAX_CHARS", "4000"))


@st.composite
def snippets(draw, max_len: int = SNIPPET_CHARS) -> str:
    text = draw(st.sampled_from(corpus()))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    length = draw(st.integers(0, max_len))
    return text[start:start + length]


INSERTS = st.one_of(st.sampled_from(ODD), st.sampled_from(NUMBERS), st.sampled_from(DATES),
                    st.sampled_from(PUNCT), st.sampled_from(LEGAL),
                    st.text(st.characters(exclude_categories=("Cs",)), max_size=8))


@st.composite
def mutated(draw) -> str:
    """A real snippet after a few splices, duplications, deletions and odd insertions."""
    text = draw(snippets())
    for _ in range(draw(st.integers(0, 10))):
        op = draw(st.sampled_from(["splice", "duplicate", "delete", "insert", "insert", "insert", "repeat"]))
        n = len(text)
        i = draw(st.integers(0, n))
        if op == "splice":
            text = text[:i] + draw(snippets(max_len=800)) + text[i:]
        elif op == "duplicate":
            j = draw(st.integers(i, min(n, i + 400)))
            text = text[:j] + text[i:j] + text[j:]
        elif op == "delete":
            j = draw(st.integers(i, min(n, i + 200)))
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(INSERTS) + text[i:]
        else:  # the same odd piece many times (deep parentheses, long runs of marks)
            text = text[:i] + draw(INSERTS) * draw(st.integers(2, 300)) + text[i:]
    return text


#: contract-shaped nonsense: legal phrases, numbers, dates and odd characters in any order
PHRASES = st.lists(st.one_of(st.sampled_from(LEGAL), st.sampled_from(NUMBERS), st.sampled_from(DATES),
                             st.sampled_from(PUNCT), st.sampled_from(ODD), st.just(" "), st.just("\n")),
                   max_size=120).map(" ".join)
RANDOM = st.text(st.characters(exclude_categories=("Cs",)), max_size=1500)
CONTRACT_TEXT = st.one_of(mutated(), PHRASES, RANDOM)

# -- checks ------------------------------------------------------------------------------------------------


def real_date(value: str | None, what: str) -> None:
    if value is None:
        return
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII), (what, value)
    dt.date.fromisoformat(value)  # raises on 2021-02-30


def inside(text: str, item, what: str) -> str | None:
    start, end = getattr(item, "start", None), getattr(item, "end", None)
    if start is None and end is None:
        return None
    assert isinstance(start, int) and isinstance(end, int), (what, item)
    assert 0 <= start <= end <= len(text), (what, start, end, len(text), item)
    return text[start:end]


def words(s: str) -> list[str]:
    """The words of a span, markup aside: quotes drop tags (``30<sup>th</sup>`` -> ``30th``) and
    emphasis marks, so spans and quotes are compared word for word."""
    return re.findall(r"\w+", re.sub(r"<[^<>]{0,40}>", "", s))


def says(span: str | None, quote: str | None, what: str, *, label_ok: bool = False) -> None:
    """``text[start:end]`` says the item's own words (a quote may end in an ellipsis; a condition's
    span may carry its ``(b)`` label before the quote, and its quote may be cut short)."""
    if span is None or not quote:
        return
    want = words(quote.rstrip("…").removesuffix("..."))
    got = words(span)
    if label_ok:
        # a long quote is cut at a length, possibly inside a word
        assert " ".join(want) in " ".join(got), (what, quote, span)
    else:
        assert got == want, (what, quote, span)


def counts_open_days(explanation: str, anchor: str | None) -> bool:
    """The explanation counts or rolls over business / trading days (an anchor's own name aside:
    "5 days after Business Day" anchors on an event called Business Day)."""
    e = explanation.replace(anchor, " ") if anchor else explanation
    return bool(re.search(r"business day|trading day|rolled", e, re.IGNORECASE))


def check_extraction(text: str, x: Extraction) -> None:
    for s in x.sections:
        inside(text, s, "section")
    for t in x.defined_terms:
        says(inside(text, t, "defined term"), t.term, "defined term")
    for p in x.parties:
        says(inside(text, p, "party"), p.name, "party")
    for c in x.conditions_precedent:
        says(inside(text, c, "condition"), c.quote, "condition", label_ok=True)
    for c in x.covenants:
        inside(text, c, "covenant")
    for e in x.events:
        inside(text, e, "event")
        real_date(e.scheduled, "event scheduled")
        real_date(e.recorded, "event recorded")
    real_date(x.agreement_date, "agreement_date")
    for d in x.deadlines:
        says(inside(text, d, "deadline"), d.quote, "deadline")
        for name in ("date", "due", "cap", "window_start", "window_end"):
            real_date(getattr(d, name), f"deadline {name}")
        if d.due is not None:
            assert d.explanation, d
            if d.unit in ("business_day", "trading_day") or counts_open_days(d.explanation, d.anchor):
                calendar = d.calendar or (x.calendar.name if x.calendar else None)
                assert calendar and calendar in d.explanation, d


def run_extract(nlp, text: str) -> None:
    from clausekit.extract import extract

    x = extract(Document(path="fuzz.txt", format="txt", sha256="0" * 64, text=text), nlp)
    check_extraction(text, x)
    x.to_record()  # the JSON record is built from every field: it must not fail either


# -- the extractor -----------------------------------------------------------------------------------------


def test_checks_hold_on_the_unmutated_corpus(nlp):
    """The properties are true of real agreements (otherwise the fuzz tests would prove nothing)."""
    from clausekit.extract import extract

    for text in corpus():
        x = extract(Document(path="c.txt", format="txt", sha256="0" * 64, text=text), nlp)
        assert x.sections and x.defined_terms and x.parties
        check_extraction(text, x)


def test_checks_catch_a_bad_offset_and_a_bad_date():
    """The checkers themselves fail on what they must reject."""
    from clausekit.types import DefinedTerm, TimeProvision

    text = "The Effective Date is here."
    good = DefinedTerm(term="Effective Date", section=None, start=4, end=18)
    check_extraction(text, Extraction(source={}, defined_terms=(good,)))
    for bad in (DefinedTerm(term="Effective Date", section=None, start=4, end=99),
                DefinedTerm(term="Effective Date", section=None, start=5, end=18)):
        with pytest.raises(AssertionError):
            check_extraction(text, Extraction(source={}, defined_terms=(bad,)))
    dl = {"quote": "is here", "section": None, "kind": "deadline", "count": 7, "unit": "business_day",
          "direction": "after", "anchor": "Effective Date", "date": None, "obligor": None, "action": None,
          "start": 19, "end": 26}
    check_extraction(text, Extraction(source={}, deadlines=(TimeProvision(
        due="2021-04-01", explanation="Effective Date 2021-03-23 + 7 business days (HK) = 2021-04-01",
        calendar="HK", **dl),)))
    for due, expl, cal in (("2021-02-30", "x", None),
                           ("2021-04-01", "Effective Date 2021-03-23 + 7 business days = 2021-04-01", "HK")):
        with pytest.raises((AssertionError, ValueError)):
            check_extraction(text, Extraction(source={}, deadlines=(TimeProvision(
                due=due, explanation=expl, calendar=cal, **dl),)))


@QUICK
@given(text=mutated())
def test_extract_survives_mutated_contracts(nlp, text):
    run_extract(nlp, text)


@QUICK
@given(text=st.one_of(PHRASES, RANDOM))
def test_extract_survives_random_text(nlp, text):
    run_extract(nlp, text)


@pytest.mark.fuzz
@pytest.mark.timeout(0)  # the run takes as long as its profile asks (pyproject's 300 s is per test)
@LONG
@given(text=CONTRACT_TEXT)
def test_fuzz_extract(nlp, text):
    run_extract(nlp, text)


# -- the due parser and resolver ---------------------------------------------------------------------------

EXPR_WORDS = [
    "within", "no later than", "not later than", "not less than", "not more than", "at least", "on or before",
    "on or after", "prior to", "before", "after", "following", "from", "of", "the", "on", "by", "until",
    "the earlier of", "the later of", "and", "or", "(i)", "(ii)", "day", "days", "business day",
    "Business Days", "trading days", "calendar days", "week", "weeks", "month", "months", "year", "years",
    "hours", "quarter", "fortnight", "the last day of the month following", "the first business day of",
    "the last business day of the calendar quarter", "the fifteenth day of the month", "each", "every",
    "if such day is not a Business Day, the next Business Day", "the preceding Business Day",
    "modified following", "the Closing Date", "the Effective Date", "the date hereof", "the date that is",
    "ended on", "beginning on", "such notice", "thereafter", "anniversary", "the end of", "end of each",
    "fiscal year", "Ⅻ",
]
EXPRESSIONS = st.one_of(
    st.lists(st.one_of(st.sampled_from(EXPR_WORDS), st.sampled_from(NUMBERS), st.sampled_from(DATES),
                       st.sampled_from(PUNCT), st.sampled_from(ODD)), min_size=1, max_size=14).map(" ".join),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),
)
CALENDARS = st.sampled_from(["weekends", "HK", "US", "US-NY", "GB", "CN", "HK+US", "HK+CN", "XNYS", "XHKG",
                             "XNAS", "DE", "JP", "SG", "KY", "VG"])
ANCHORS = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)), st.dates())


def check_due(expression: str, anchor: dt.date | None, calendar: str) -> None:
    from clausekit.deadlines import due_for, get_calendar, parse_expression

    try:
        rule = parse_expression(expression)
        res = due_for(rule, anchor, get_calendar(calendar))
    except ClausekitError as e:
        assert str(e) and "\n" not in str(e), e
        return
    assert res.explanation, (expression, res)
    dates = [d for d in (res.due, res.window_start, res.window_end) if d is not None]
    assert dates, (expression, res)  # a date, or a window
    for d in dates:
        assert type(d) is dt.date, (expression, res)
    if rule.unit in ("business_day", "trading_day") or counts_open_days(res.explanation, rule.anchor):
        assert (res.calendar or calendar) in res.explanation, (expression, res)


def test_due_checks_accept_a_known_answer_and_reject_junk():
    """Hand-checked: 2021-03-23 + 7 HK business days = 2021-04-01 (Good Friday 04-02 is later)."""
    from clausekit.deadlines import due_for, get_calendar, parse_expression

    res = due_for(parse_expression("on the seventh (7th) business day after"), dt.date(2021, 3, 23),
                  get_calendar("HK"))
    assert res.due == dt.date(2021, 4, 1) and "(HK)" in res.explanation
    check_due("on the seventh (7th) business day after", dt.date(2021, 3, 23), "HK")
    check_due("purple elephants", dt.date(2021, 3, 23), "HK")  # an ExpressionError is fine


@QUICK
@given(expression=EXPRESSIONS, anchor=ANCHORS, calendar=CALENDARS)
def test_due_raises_only_clausekit_errors(expression, anchor, calendar):
    check_due(expression, anchor, calendar)


@pytest.mark.fuzz
@pytest.mark.timeout(0)  # the run takes as long as its profile asks (pyproject's 300 s is per test)
@LONG
@given(expression=EXPRESSIONS, anchor=ANCHORS, calendar=CALENDARS)
def test_fuzz_due(expression, anchor, calendar):
    check_due(expression, anchor, calendar)
