"""clausekit_terms on hand-written sentences (expected terms written by hand from the text)."""
from __future__ import annotations

import pytest

from tests.conftest import SEED


def terms(nlp, text):
    return [t["term"] for t in nlp(text)._.clausekit_terms]


@pytest.mark.parametrize("text, expected", [
    ('Acme Corp., a Delaware corporation (the "Company"), agrees.', ["Company"]),
    ("the American Depositary Shares (\u201cADSs\u201d) are listed.", ["ADSs"]),
    ('"Business Day" means any day other than a Saturday or Sunday.', ["Business Day"]),
    ('"Losses" shall mean all losses.', ["Losses"]),
    ('"Board" has the meaning specified in Section 5 hereof.', ["Board"]),
    ('Ferrer (hereinafter indistinctly referred to as "Ferrer" and/or "Supplier").', ["Ferrer", "Supplier"]),
    ('The shares to be sold are collectively referred to as the \u201cRepurchase Shares.\u201d',
     ["Repurchase Shares"]),
    ('Herrera and Messina (together with the Seller, each a "Seller Party" and collectively, the "Seller Parties").',
     ["Seller Party", "Seller Parties"]),
    ('The term "control" (including the terms "controlled by" and "under common control with") means power.',
     ["control", "controlled by", "under common control with"]),
    ('"Product" or "Products" means the goods.', ["Product", "Products"]),
    ('an election (collectively, a \u201cCode Section 338(h)(10) Election\u201d) is made', ["Code Section 338(h)(10) Election"]),
    ('hereinafter "Medimetriks") entered into an agreement', ["Medimetriks"]),
])
def test_definitions(nlp, text, expected):
    assert terms(nlp, text) == expected


@pytest.mark.parametrize("text", [
    'The ADSs are quoted under the symbol "VNET".',
    'shall not be deemed to be "filed" for the purpose of Section 18.',
    'wire instructions (known as \u201cMT-103\u201d and containing the SWIFT number)',
    '4.4 "Big Person" Representation. Tuspark acknowledges the risk.',
    'with the "Products" (as defined below) and a 5" screen.',
    'He said "we will pay" and left.',
])
def test_quoted_phrases_that_are_not_definitions(nlp, text):
    assert terms(nlp, text) == []


def test_offsets_cover_the_term_without_quotes(nlp):
    text = 'This Agreement (this \u201c**Agreement**\u201d) is made.'  # Markdown bold inside the quotes
    t = nlp(text)._.clausekit_terms[0]
    assert t["term"] == "Agreement"
    assert text[t["start"]:t["end"]] == "Agreement"
    doc = nlp(text)
    assert [s.text for s in doc.spans["clausekit_terms"]] == ["Agreement"]


def test_definition_text_is_kept(nlp):
    t = nlp('"Closing Date" means the date of the Closing. Other text.')._.clausekit_terms[0]
    assert t["definition"] == "the date of the Closing"


def test_seed_defined_terms(nlp):
    """The 29 terms of the seed gold (checked by hand against the 13D/A and the SRA)."""
    expected = {"Act", "ADSs", "ADS", "Class A Ordinary Shares", "Class B Ordinary Shares",
                "Class C Ordinary Shares", "SEC", "Amendment", "Schedule 13D", "Tuspark", "Tus-Holdings",
                "SRA", "Class B Share Repurchase", "30-Day VWAP", "BCG", "Class A Share Transfer",
                "Effective Date", "Agreement", "Company", "Tuspark Class B Ordinary Shares",
                "Existing Agreement", "Repurchase Price", "Repurchase Shares", "Closing", "Closing Date",
                "Ordinary Share Conversion", "Board", "UNCITRAL Rules", "e-mail"}
    got = {t["term"] for t in nlp(SEED.read_text(encoding="utf-8"))._.clausekit_terms}
    assert got == expected


def test_a_number_glued_to_the_opening_quote(nlp):
    """"1.5"Effective Date" shall mean" (a clause number run into the quote) is a definition;
    a 5" screen is not an opening quote."""
    assert terms(nlp, '1.5"Effective Date" shall mean December 5, 2014.') == ["Effective Date"]
    assert terms(nlp, 'a 5" screen and a 7" tablet "X" panel') == []


def test_terms_carry_their_section_when_sections_are_known(nlp):
    text = "1. Definitions.\n\n1.1 \"Business Day\" means any day other than a Saturday or a Sunday.\n"
    t = nlp(text)._.clausekit_terms[0]
    assert t["term"] == "Business Day"
    assert t["section"] == "1.1"  # the innermost section


def test_a_redaction_mark_is_not_markup(nlp):
    """"[***]" marks an omission in EDGAR exhibits; only Markdown bold is blanked."""
    text = '"AbbVie [***] Rights" means the rights.'
    t = nlp(text)._.clausekit_terms[0]
    assert t["term"] == "AbbVie [***] Rights"
    assert text[t["start"]:t["end"]] == "AbbVie [***] Rights"
