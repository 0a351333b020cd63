"""Inputs the fuzzer (tests/test_fuzz.py) found crashing a component, kept as plain tests.

Each one crashed ``extract`` before its fix; the properties of the fuzz tests are checked on the
result. Shrunk by hypothesis; the comment says which fix it guards.
"""
from __future__ import annotations

import pytest

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
