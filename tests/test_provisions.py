"""clausekit_provisions: conditions precedent and covenants on short made-up sections, the seed.

Each snippet was written for the test; the expected sections, beneficiaries and obligors are
what a reader of the snippet would write down (checked by hand against the spec's lists of
what is and is not a covenant).
"""
from __future__ import annotations

import json

import pytest

from clausekit.nlp.provisions import ProvisionFinder
from clausekit.nlp.sections import Segmenter, load_config
from clausekit.nlp.util import models_dir
from tests.conftest import shared_corpus


@pytest.fixture(scope="module")
def find():
    seg = Segmenter(load_config())
    finder = ProvisionFinder(json.loads((models_dir() / "provisions.json").read_text(encoding="utf-8")))

    def run(text: str, parties: list[dict] | None = None):
        sections, subitems = seg.segment(text)
        return finder.find(text, sections, subitems, parties or [])
    return run


CONDITIONS = """ARTICLE III
CLOSING
Section 3.1 Closing. The Closing shall take place at the offices of counsel.
Section 3.2 Conditions to Obligations of Buyer. The obligations of Buyer to consummate the purchase are subject to the following conditions:
(a) the representations of Seller shall be true and correct;
(b) Seller shall have delivered the Shares; and
(c) no Governmental Authority shall have enjoined the sale.
Section 3.3 Conditions to Seller's Obligations. The obligation of Seller to sell is subject to the following:
(a) Buyer shall have paid the Purchase Price.
(b) Buyer shall have delivered a certificate.
Section 3.4 Conditions to Obligations of Each Party. The obligations of the parties are subject to:
(a) the Stockholder Approval shall have been obtained.
ARTICLE IV
COVENANTS
Section 4.1 Conduct of Business. From the date hereof until the Closing, Seller shall operate the business in the ordinary course.
"""


def test_conditions_one_per_lettered_item_with_beneficiary(find):
    conditions, _ = find(CONDITIONS)
    got = [(c["section"], c["beneficiary"]) for c in conditions]
    assert got == [
        ("3.2(a)", "Buyer"), ("3.2(b)", "Buyer"), ("3.2(c)", "Buyer"),
        ("3.3(a)", "Seller"), ("3.3(b)", "Seller"),
        ("3.4(a)", None),  # mutual: conditions to the obligations of each party
    ]
    assert conditions[1]["quote"].startswith("Seller shall have delivered the Shares")
    assert CONDITIONS[conditions[0]["start"]:].startswith("(a) the representations of Seller")


def test_beneficiary_resolves_to_the_party_alias(find):
    parties = [{"name": "Acme Holdings, Inc.", "aliases": ["Buyer"], "jurisdiction": None},
               {"name": "Beta LLC", "aliases": ["Seller"], "jurisdiction": None}]
    text = ("5. CONDITIONS\n5.1 Conditions to Obligations of Acme Holdings, Inc. The obligations of "
            "Acme Holdings, Inc. are subject to the following conditions:\n(a) Beta LLC shall have "
            "delivered the goods.\n")
    conditions, _ = find(text, parties)
    assert [(c["section"], c["beneficiary"]) for c in conditions] == [("5.1(a)", "Buyer")]


def test_units_of_a_conditions_article_without_letters_are_conditions(find):
    text = ("Article 8\nCONDITIONS PRECEDENT TO THE MERGER\n"
            "Section 8.1 No Restraints. There shall not be in effect any order prohibiting the Merger.\n"
            "Section 8.2 Consummation of Offer. Purchaser shall have accepted the Shares for payment.\n"
            "Article 9\nTERMINATION\nSection 9.1 Termination. This Agreement may be terminated.\n")
    conditions, _ = find(text)
    assert [c["section"] for c in conditions] == ["8.1", "8.2"]


def test_lettered_items_outside_conditions_are_not_conditions(find):
    text = ("2. CLOSING\n2.1 Deliveries by Seller. At the Closing, Seller shall deliver:\n"
            "(a) the share certificates;\n(b) the register of members.\n")
    conditions, _ = find(text)
    assert conditions == []


COVENANTS = """1. DEFINITIONS
1.1 Products. "Products" means the goods listed in Schedule A.
2. OBLIGATIONS
2.1 Confidentiality. The Distributor shall keep all Confidential Information secret.
2.2 Payment Terms. The Distributor shall pay each invoice within thirty (30) days.
2.3 Further Assurances. Each party shall execute such further documents as may be reasonably required.
2.4 Representations. The Supplier represents and warrants that it is duly organized.
2.5 Shipping. The Supplier shall ship the Products to the Distributor's warehouse.
2.6 Indemnification. The Supplier shall indemnify the Distributor against all losses.
2.7 Marketing. The Distributor may advertise the Products.
3. MISCELLANEOUS
3.1 Governing Law. This Agreement shall be governed by the laws of New York.
3.2 Notices. All notices shall be in writing.
3.3 Counterparts. This Agreement may be executed in counterparts.
"""


def test_covenant_classification(find):
    _, covenants = find(COVENANTS)
    got = {c["section"]: c["obligor"] for c in covenants}
    # 2.1 confidentiality, 2.3 further assurances (all parties), 2.5 a supply duty whose heading is
    # silent; not: definitions, payment terms, representations, indemnification, a right ("may"),
    # boilerplate
    assert got == {"2.1": "Distributor", "2.3": None, "2.5": "Supplier"}


def test_obligor_uses_party_aliases(find):
    parties = [{"name": "Acme Corp.", "aliases": ["Acme"], "jurisdiction": None},
               {"name": "Beta Ltd.", "aliases": ["Beta"], "jurisdiction": None}]
    text = ("7. INSURANCE AND RECORDS\n7.1 Insurance. Acme Corp. shall maintain product liability "
            "insurance.\n7.2 Records. Beta shall keep complete books and records.\n")
    _, covenants = find(text, parties)
    assert [(c["section"], c["obligor"], c["heading"]) for c in covenants] == [
        ("7.1", "Acme", "Insurance"), ("7.2", "Beta", "Records")]


def test_articles_without_subsections_are_decided_and_items_of_a_filing_are_not(find):
    text = ("Item 4. Purpose of Transaction.\nThe Company shall repurchase the shares.\n"
            "1. Confidentiality. The Consultant shall not disclose any Confidential Information.\n"
            "2. Compensation. The Company shall pay the Consultant $5,000 per month.\n")
    _, covenants = find(text)
    assert [(c["section"], c["obligor"]) for c in covenants] == [("1", "Consultant")]


def test_seed_conditions_and_covenants_equal_gold(nlp):
    folder = shared_corpus("seed")
    gold = json.loads((folder / "vnet-13da-sra.gold.json").read_text(encoding="utf-8"))
    from clausekit.ingest import read_document

    doc = nlp(read_document(folder / "vnet-13da-sra.md").text)
    assert [(c["section"], c["beneficiary"]) for c in doc._.clausekit_conditions] == [
        (c["section"], c["beneficiary"]) for c in gold["conditions_precedent"]]
    assert [(c["section"], c["obligor"]) for c in doc._.clausekit_covenants] == [
        (c["section"], c["obligor"]) for c in gold["covenants"]]
    types = {s["number"]: s["type"] for s in doc._.clausekit_sections}
    assert (types["3"], types["3.1"], types["4.1"], types["5"], types["5.1"], types["6.1"], types["6.2"]) == (
        "conditions_precedent", "conditions_precedent", "representations", "covenant", "covenant",
        "governing_law", "notices")
    for c in doc._.clausekit_conditions:  # offsets point at the lettered item
        assert doc.text[c["start"]:c["end"]].lstrip("- ").startswith(c["section"][-3:])


def test_dev_conditions_and_covenants_f1():
    """Corpus check on dev/ (segmenter + finder only, no parties: the weakest setting)."""
    folder = shared_corpus("dev")
    import re
    seg = Segmenter(load_config())
    finder = ProvisionFinder(json.loads((models_dir() / "provisions.json").read_text(encoding="utf-8")))
    key = lambda s: re.sub(r"^(?:section|article)\s+", "", s.lower())
    tally = {"conditions_precedent": [0, 0, 0], "covenants": [0, 0, 0]}
    for path in sorted(folder.glob("*.txt")):
        gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        sections, subitems = seg.segment(text)
        conditions, covenants = finder.find(text, sections, subitems, [])
        for field, pred in (("conditions_precedent", conditions), ("covenants", covenants)):
            g = {key(x["section"]) for x in gold[field]}
            p = {key(x["section"]) for x in pred}
            t = tally[field]
            t[0], t[1], t[2] = t[0] + len(g & p), t[1] + len(p - g), t[2] + len(g - p)
    for tp, fp, fn in tally.values():
        assert 2 * tp / (2 * tp + fp + fn) >= 0.80


def test_save_and_load_round_trip(nlp, tmp_path):
    from clausekit.nlp.pipeline import load_pipeline, save_pipeline

    save_pipeline(nlp, tmp_path / "pipe")
    assert (tmp_path / "pipe" / "clausekit_provisions" / "provisions.json").is_file()
    loaded = load_pipeline(tmp_path / "pipe")
    a, b = loaded(CONDITIONS), nlp(CONDITIONS)
    assert a._.clausekit_conditions == b._.clausekit_conditions
    assert a._.clausekit_covenants == b._.clausekit_covenants
    assert [c["section"] for c in a._.clausekit_covenants] == ["Section 4.1"]
