"""clausekit_law: governing law, dispute resolution and the Business Day definition (hand-checked)."""
from __future__ import annotations

import pytest

from tests.conftest import SEED


@pytest.mark.parametrize("text, expected", [
    ("6.1 Governing Law. This Agreement shall be governed by and construed under the laws of Hong Kong.", "Hong Kong"),
    (("THIS AGREEMENT SHALL BE CONSTRUED IN ACCORDANCE WITH THE LAWS OF THE STATE OF NEW YORK, WITHOUT REGARD "
     "TO CONFLICTS OF LAW."), "New York"),
    ("This Agreement shall be governed by the internal laws of the State of Delaware.", "Delaware"),
    ("The laws of England and Wales shall govern this Agreement.", "England and Wales"),
    ("This Agreement is governed by Texas law.", "Texas"),
])
def test_jurisdiction(nlp, text, expected):
    assert nlp(text)._.clausekit_governing_law["jurisdiction"] == expected


def test_no_governing_law(nlp):
    doc = nlp("The Company shall comply with the laws and regulations applicable to it. Payment is due in May.")
    assert doc._.clausekit_governing_law is None
    assert doc._.clausekit_business_day is None


def test_governing_law_section_wins_over_a_passing_mention(nlp):
    text = ("3. Compliance. Supplier warrants that the Products comply with the laws of Canada. "
            "12. Governing Law. This Agreement shall be governed by the laws of the State of New York.")
    assert nlp(text)._.clausekit_governing_law["jurisdiction"] == "New York"


def test_seed_governing_law_and_arbitration(nlp):
    gl = nlp(SEED.read_text(encoding="utf-8"))._.clausekit_governing_law
    assert {k: gl[k] for k in ("jurisdiction", "section", "seat", "institution", "rules", "language")} == {
        "jurisdiction": "Hong Kong", "section": "6.1", "seat": "Hong Kong", "institution": "HKIAC",
        "rules": "UNCITRAL Arbitration Rules", "language": "Chinese"}


def test_forum(nlp):
    text = ("Section 21. Choice of Law; Venue. THIS AGREEMENT SHALL BE GOVERNED BY THE LAWS OF THE STATE OF NEW "
            "YORK. The parties submit to the exclusive jurisdiction of the state and federal courts located in "
            "the Borough of Manhattan, New York.")
    gl = nlp(text)._.clausekit_governing_law
    assert gl["jurisdiction"] == "New York"
    assert "Borough of Manhattan" in gl["forum"]
    assert gl["institution"] is None


@pytest.mark.parametrize("text, expected", [
    (("(h) \u201cBusiness Day\u201d means a day other than a Saturday, Sunday or other day on which commercial banks "
     "are authorized to close under the laws of the State of New York. (i) \u201cCertificate\u201d means it."),
     ("\u201cBusiness Day\u201d means a day other than a Saturday, Sunday or other day on which commercial banks are "
     "authorized to close under the laws of the State of New York.")),
    ('Payment is due on any day other than a Saturday, Sunday or public holiday in Hong Kong (a "Business Day").',
     'any day other than a Saturday, Sunday or public holiday in Hong Kong (a "Business Day")'),
])
def test_business_day(nlp, text, expected):
    assert nlp(text)._.clausekit_business_day == expected


def test_save_load_round_trip(nlp, tmp_path):
    """The saved pipeline reloads with the same data and gives the same entity results."""
    from clausekit.nlp.pipeline import load_pipeline, save_pipeline

    save_pipeline(nlp, tmp_path / "pipe")
    assert (tmp_path / "pipe" / "clausekit_parties" / "parties.json").is_file()
    again = load_pipeline(tmp_path / "pipe")
    text = SEED.read_text(encoding="utf-8")
    a, b = nlp(text), again(text)
    for ext in ("clausekit_terms", "clausekit_parties", "clausekit_agreement_date", "clausekit_title",
                "clausekit_governing_law", "clausekit_business_day"):
        assert getattr(a._, ext) == getattr(b._, ext), ext


@pytest.mark.parametrize("text, expected", [
    ("e) Governing Law and Jurisdiction: The laws of the province of Ontario, Canada, govern this AGREEMENT.",
     "Ontario"),
    (("10.4 GOVERNING LAW. This Agreement shall be governed by the laws of the United States and, to the extent "
     "not inconsistent therewith, by the laws of the Commonwealth of Kentucky."), "Kentucky"),
    (("(4) Applicable law. Even in case of agreements with foreign Software Publishers, the law of the Federal "
     "Republic of Germany applies."), "Germany"),
    ("its validity shall be governed by the laws and judicial decisions of the State of Florida.", "Florida"),
])
def test_more_jurisdiction_shapes(nlp, text, expected):
    assert nlp(text)._.clausekit_governing_law["jurisdiction"] == expected
