"""Inputs the fuzzer (tests/test_fuzz.py) found crashing a component, kept as plain tests.

Each one crashed ``extract`` before its fix; the properties of the fuzz tests are checked on the
result. Shrunk by hypothesis; the comment says which fix it guards.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_fuzz import run_extract

CRASHES = [
    # parties.alias_led: a ". " at the very start of the 300-character window before an alias
    # left no word to test for an abbreviation (IndexError). Shrunk from a duplicated recital.
    '. ("Buyer")',
    'x\n. (the "Buyer") and Y Inc. ("Seller")',
    # parties.reporting_persons: a cover page whose reporting-person line is only "." (IndexError;
    # found reading the code next to the first crash)
    "NAME OF REPORTING PERSON\n.\n",
    "NAMES OF REPORTING PERSONS\n  .  \n",
]


@pytest.mark.parametrize("text", CRASHES)
def test_fuzz_crash_stays_fixed(nlp, text):
    run_extract(nlp, text)


def test_vertical_tab_before_an_inline_heading_number(nlp):
    """sections._inline_context_ok: text before "10.7" ending in a vertical tab left no word for
    ``(\\S+)$`` (AttributeError on None). Shrunk from the consulting agreement's first line."""
    run_extract(nlp, "Exhibit\x0b 10.7 CONSULTING AGREEMENT THIS AGREEMENT made this 30th day of April")
    run_extract(nlp, 'residing in Bet Shemes\u200fExhibit\x0b 10.7 CONSULTING AGREEMENT (the "Company")')


def _naive_resolve_overlaps(items):
    """timex_find._resolve_overlaps before the fix: every item compared with every kept one."""
    items.sort(key=lambda i: (i.start, -i.priority, -(i.end - i.start)))
    kept = []
    for it in items:
        clash = [k for k in kept if it.start < k.end and k.start < it.end]
        if not clash:
            kept.append(it)
            continue
        if all(it.priority > k.priority for k in clash):
            for k in clash:
                kept.remove(k)
            kept.append(it)
    kept.sort(key=lambda i: i.start)
    return kept


SPANS = st.lists(st.tuples(st.integers(0, 300), st.integers(1, 60), st.integers(0, 3)), max_size=60)


@settings(max_examples=300, deadline=None)
@given(SPANS)
def test_overlap_resolution_keeps_what_it_kept_before(spans):
    """The linear _resolve_overlaps keeps exactly what the quadratic one kept."""
    from clausekit.nlp.timex_find import Item, _resolve_overlaps

    def items():
        return [Item(start=s, end=s + n, kind="deadline", priority=p) for s, n, p in spans]

    assert _resolve_overlaps(items()) == _naive_resolve_overlaps(items())


@pytest.mark.timeout(120)
def test_a_file_of_repeated_time_provisions_is_bounded(nlp):
    """An 8 MB file of one repeated payment clause (125,000 provisions) took hours in timex's
    overlap resolution (quadratic); found by the hostile batch. A 1 MB slice of it now extracts in
    seconds, every provision kept."""
    from clausekit.extract import extract
    from clausekit.types import Document

    line = "The Buyer shall pay within thirty (30) days after the Closing Date.\n"
    text = line * 15_000
    x = extract(Document(path="many.txt", format="txt", sha256="0" * 64, text=text), nlp)
    assert len(x.deadlines) == 15_000
