"""clausekit_sections on hand-written snippets of each numbering style, the seed, and a save/load.

Expected numbers, headings, levels and offsets below were worked out by reading each snippet
(offsets are found with ``str.index`` on the snippet itself, never taken from the code).
"""
from __future__ import annotations

import json
import re

import pytest

from clausekit.nlp.sections import Segmenter, load_config, roman_to_int
from tests.conftest import shared_corpus


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return Segmenter(load_config())


def outline(seg: Segmenter, text: str) -> list[tuple]:
    sections, _ = seg.segment(text)
    return [(s["number"], s["heading"], s["level"], s["parent"]) for s in sections]


BODY = "The parties agree to the matters set out in this section, which runs on for a while."


def test_article_roman_with_title_on_next_line_and_dotted_sections(seg):
    text = (f"ARTICLE I\nTHE MERGER\n1.1. Certain Definitions.\n{BODY}\n1.2. The Merger. {BODY}\n"
            f"ARTICLE II\nREPRESENTATIONS AND WARRANTIES\n2.1. Organization. {BODY}\n")
    assert outline(seg, text) == [
        ("ARTICLE I", "THE MERGER", 1, None),
        ("1.1", "Certain Definitions", 2, "ARTICLE I"),
        ("1.2", "The Merger", 2, "ARTICLE I"),
        ("ARTICLE II", "REPRESENTATIONS AND WARRANTIES", 1, None),
        ("2.1", "Organization", 2, "ARTICLE II"),
    ]


def test_offsets_and_ends(seg):
    text = (f"Article 4\nCLOSING\nSection 4.01 Closing. {BODY}\nSection 4.02 Deliveries. {BODY}\n"
            f"Article 5\nMISCELLANEOUS\nSection 5.01 Notices. {BODY}")
    sections, _ = seg.segment(text)
    by = {s["number"]: s for s in sections}
    assert list(by) == ["Article 4", "Section 4.01", "Section 4.02", "Article 5", "Section 5.01"]
    assert by["Article 4"]["start"] == 0
    assert by["Article 4"]["end"] == text.index("Article 5")
    assert by["Section 4.01"]["start"] == text.index("Section 4.01")
    assert by["Section 4.01"]["end"] == text.index("Section 4.02")
    assert by["Section 4.02"]["end"] == text.index("Article 5")  # the next unit of a higher level
    assert by["Section 5.01"]["end"] == len(text)
    assert by["Section 4.02"]["heading"] == "Deliveries"
    assert by["Section 5.01"]["type"] == "notices"


def test_bare_numbers_top_level_and_second_level(seg):
    text = (f"1. AGREEMENT TO REPURCHASE AND SELL ORDINARY SHARES.\n{BODY}\n2. CLOSINGS; DELIVERIES.\n"
            f"2.1 Closing. {BODY}\n2.2 Deliveries by Tuspark. At the Closing, Tuspark shall deliver:\n"
            f"(a) a certificate;\n(b) a register.\n3. MISCELLANEOUS\n3.1 Governing Law. {BODY}\n")
    assert outline(seg, text) == [
        ("1", "AGREEMENT TO REPURCHASE AND SELL ORDINARY SHARES", 1, None),
        ("2", "CLOSINGS; DELIVERIES", 1, None),
        ("2.1", "Closing", 2, "2"),
        ("2.2", "Deliveries by Tuspark", 2, "2"),
        ("3", "MISCELLANEOUS", 1, None),
        ("3.1", "Governing Law", 2, "3"),
    ]


def test_lettered_items_are_subitems_not_sections(seg):
    text = (f"3. CLOSING CONDITIONS\n3.1 Conditions to Buyer's Obligations. The obligation of Buyer is "
            f"subject to the following conditions:\n(a) Seller shall have delivered the shares.\n"
            f"(b) No law shall prohibit the sale; and\n(c) the approvals shall have been obtained, as "
            f"described in clauses (a) and (b) above.\n3.2 Other. {BODY}\n")
    sections, subitems = seg.segment(text)
    assert [s["number"] for s in sections] == ["3", "3.1", "3.2"]
    assert [(i["id"], i["section"], i["label"]) for i in subitems] == [
        ("3.1(a)", "3.1", "(a)"), ("3.1(b)", "3.1", "(b)"), ("3.1(c)", "3.1", "(c)")]
    a, b, c = subitems
    assert a["start"] == text.index("(a) Seller")
    assert a["end"] == b["start"] == text.index("(b) No law")
    assert c["end"] == text.index("3.2 Other")  # the last item ends with its section
    assert sections[1]["type"] == "conditions_precedent"


def test_section_keyword_single_numbers_and_wrapped_cross_references(seg):
    # hard-wrapped text: lines that start with "Section N" mid-sentence are references
    text = ("Section 1. Certain Definitions. For purposes of this Agreement, the following\n"
            "terms have the meanings set out below, as further described in\n"
            "Section 2 hereof and in Section 3(b).\n"
            "Section 2. Demand Registration. The Company shall file a registration\n"
            "statement within the time allowed by\n"
            "Section 13 is unavailable to the holders in that case.\n"
            "Section 3. Piggy-Back Registration Rights.\n"
            "(a) If the Company proposes to file, it shall give notice.\n")
    assert outline(seg, text) == [
        ("Section 1", "Certain Definitions", 1, None),
        ("Section 2", "Demand Registration", 1, None),
        ("Section 3", "Piggy-Back Registration Rights", 1, None),
    ]


def test_cross_references_in_running_text_are_not_headings(seg):
    text = (f"4.1 Closing. {BODY} As set forth in Section 4.2 and 4.3 below, the Buyer shall pay.\n"
            f"4.2 Payment. Subject to Section 4.3. Payment Terms apply as provided in 4.3. {BODY}\n"
            f"4.3 Taxes. {BODY}\n")
    assert [n for n, *_ in outline(seg, text)] == ["4.1", "4.2", "4.3"]


def test_table_of_contents_with_page_numbers_is_skipped(seg):
    toc = ("TABLE OF CONTENTS\nPage\nArticle I THE MERGER\t1\n1.1.\tCertain Definitions\t1\n"
           "1.2.\tThe Merger\t10\nArticle II MISCELLANEOUS\t16\n2.1.\tNotices\t16\n")
    body = (f"AGREEMENT AND PLAN OF MERGER, dated as of January 14, 2021. {BODY}\n"
            f"ARTICLE I\nTHE MERGER\n1.1. Certain Definitions. {BODY}\n1.2. The Merger. {BODY}\n"
            f"ARTICLE II\nMISCELLANEOUS\n2.1. Notices. {BODY}\n")
    sections, _ = seg.segment(toc + body)
    assert [s["number"] for s in sections] == ["ARTICLE I", "1.1", "1.2", "ARTICLE II", "2.1"]
    assert all(s["start"] >= len(toc) for s in sections)


def test_table_of_contents_without_page_numbers_is_skipped(seg):
    toc = ("TABLE OF CONTENTS\nArticle I DEFINITIONS\nSection 1.01   Definitions\n"
           "Article II THE MERGER\nSection 2.01   The Merger\nSection 2.02   Closing\n")
    body = (f"Article I DEFINITIONS\nSection 1.01 Definitions. {BODY}\nArticle II THE MERGER\n"
            f"Section 2.01 The Merger. {BODY}\nSection 2.02 Closing. {BODY}\n")
    sections, _ = seg.segment(toc + body)
    assert [s["number"] for s in sections] == [
        "Article I", "Section 1.01", "Article II", "Section 2.01", "Section 2.02"]
    assert sections[0]["start"] == len(toc)


def test_table_of_contents_without_title_or_page_numbers_is_skipped(seg):
    toc = ("ARTICLE 1 DEFINITIONS\n1.1 Definitions\n1.2 Interpretation\n\nARTICLE 2 SALE\n2.1 Sale\n"
           "2.2 Price\n")
    body = (f"THIS AGREEMENT is made on 1 May 2020. {BODY}\nARTICLE 1 DEFINITIONS\n1.1 Definitions. {BODY}\n"
            f"1.2 Interpretation. {BODY}\nARTICLE 2 SALE\n2.1 Sale. {BODY}\n2.2 Price. {BODY}\n")
    sections, _ = seg.segment(toc + body)
    assert [s["number"] for s in sections] == ["ARTICLE 1", "1.1", "1.2", "ARTICLE 2", "2.1", "2.2"]
    assert sections[0]["start"] == (toc + body).index("ARTICLE 1", len(toc))


def test_items_of_a_schedule_13d(seg):
    text = ("## **Item 2. Identity and Background.**\nThis statement is filed by Tuspark.\n"
            "## **Item 4. Purpose of Transaction.**\nThe Reporting Persons entered into an agreement.\n"
            "**Item 5. Interest in Securities of the Issuer.**\n(a)-(b) Tuspark owns shares.\n")
    assert outline(seg, text) == [
        ("Item 2", "Identity and Background", 1, None),
        ("Item 4", "Purpose of Transaction", 1, None),
        ("Item 5", "Interest in Securities of the Issuer", 1, None),
    ]


def test_spelled_section_numbers_with_title_line(seg):
    text = (f"SECTION ONE\nDEFINITIONS\n{BODY}\nSECTION TWO\nTERM AND TERMINATION\n{BODY}\n"
            f"SECTION THREE\nGOVERNING LAW\n{BODY}\n")
    assert outline(seg, text) == [
        ("SECTION ONE", "DEFINITIONS", 1, None),
        ("SECTION TWO", "TERM AND TERMINATION", 1, None),
        ("SECTION THREE", "GOVERNING LAW", 1, None),
    ]


def test_markdown_headings(seg):
    text = (f"# 1. DEFINITIONS\n{BODY}\n### 2. CLOSING CONDITIONS\n**2.1 Conditions to Closing.** {BODY}\n"
            f"#### 3. COVENANTS\n3.1 Further Assurances. {BODY}\n")
    assert outline(seg, text) == [
        ("1", "DEFINITIONS", 1, None),
        ("2", "CLOSING CONDITIONS", 1, None),
        ("2.1", "Conditions to Closing", 2, "2"),
        ("3", "COVENANTS", 1, None),
        ("3.1", "Further Assurances", 2, "3"),
    ]


def test_paragraphs_run_together(seg):
    """Text whose line breaks were lost (CUAD exhibits): headings inside the line."""
    text = ('NOW, THEREFORE, the Parties agree as follows: 1. DEFINITIONS 1.1 Act "Act" means the '
            'Federal Food, Drug and Cosmetic Act. 1.2 Business Day "Business Day" means any day. '
            '2. SUPPLY 2.1 Manufacture and Purchase. Supplier shall manufacture the Products, see '
            'Section 2.2 below. 2.2 Termination without Cause In the event this Agreement ends, '
            'Supplier may stop. 3 ARTICLE 3 CONFIDENTIALITY AND NON-COMPETITION 3.1 Maintenance of '
            'Confidential Information. (a) The Consultant will keep secrets.')
    assert outline(seg, text) == [
        ("1", "DEFINITIONS", 1, None),
        ("1.1", "Act", 2, "1"),
        ("1.2", "Business Day", 2, "1"),
        ("2", "SUPPLY", 1, None),
        ("2.1", "Manufacture and Purchase", 2, "2"),
        ("2.2", "Termination without Cause", 2, "2"),
        ("ARTICLE 3", "CONFIDENTIALITY AND NON-COMPETITION", 1, None),
        ("3.1", "Maintenance of Confidential Information", 2, "ARTICLE 3"),
    ]


def test_dates_lists_addresses_and_level_three_are_not_sections(seg):
    text = (f"1. DEFINITIONS\n{BODY}\n1.1 Term. The Term begins on\n1. 2021 and ends later.\n"
            "1.1.1 Renewal. The Term renews each year.\n"
            "1.2 Notices. Notices go to:\nAstraZeneca PLC\n1 Francis Crick Avenue\nCambridge\n"
            "The Company shall:\n1. keep records;\n2. file reports;\n"
            "2.5 million shares were issued.\n"
            f"2. TERMINATION\n2.1 Termination. {BODY}\n")
    assert [n for n, *_ in outline(seg, text)] == ["1", "1.1", "1.2", "2", "2.1"]


def test_restart_for_an_annexed_instrument(seg):
    text = (f"ARTICLE 1\nSERVICES\n1.1 Engagement. {BODY}\n1.2 Duties. {BODY}\nARTICLE 2\nGENERAL\n"
            f"2.1 Notices. {BODY}\nANNEX A\nFORM OF WARRANT\nARTICLE 1\nEXERCISE\n1.1 Method of "
            f"Exercise. {BODY}\n")
    assert [n for n, *_ in outline(seg, text)] == [
        "ARTICLE 1", "1.1", "1.2", "ARTICLE 2", "2.1", "ARTICLE 1", "1.1"]


def test_roman_numerals():
    assert [roman_to_int(s) for s in ("I", "IV", "IX", "XII", "XIV")] == [1, 4, 9, 12, 14]
    assert roman_to_int("IIII") is None and roman_to_int("Dividends") is None


def test_component_sets_extensions_and_span_group(nlp):
    text = f"1. DEFINITIONS\n{BODY}\n2. CLOSING\n2.1 Closing. {BODY}\n"
    doc = nlp(text)
    assert [s["number"] for s in doc._.clausekit_sections] == ["1", "2", "2.1"]
    spans = doc.spans["clausekit_sections"]
    assert [sp.label_ for sp in spans] == ["level1", "level1", "level2"]
    assert spans[2].text.startswith("2.1 Closing.")
    json.dumps(doc._.clausekit_sections)  # JSON-safe


def test_seed_sections_match_gold(nlp):
    folder = shared_corpus("seed")
    gold = json.loads((folder / "vnet-13da-sra.gold.json").read_text(encoding="utf-8"))
    from clausekit.ingest import read_document

    doc = nlp(read_document(folder / "vnet-13da-sra.md").text)
    got = [(s["number"], s["heading"]) for s in doc._.clausekit_sections]
    want = [(s["number"], s["heading"]) for s in gold["sections"]]
    norm = lambda h: re.sub(r"[\"'“”‘’]", "", h or "")
    assert [(n, norm(h)) for n, h in got] == [(n, norm(h)) for n, h in want]
    ids = [i["id"] for i in doc._.clausekit_subitems if i["section"] in ("3.1", "3.2")]
    assert ids == ["3.1(a)", "3.1(b)", "3.1(c)", "3.1(d)", "3.1(e)", "3.2(a)", "3.2(b)"]


def test_mergers_dev_sections_and_headings():
    """Corpus check (fast: the segmenter alone takes well under a second for all eight)."""
    folder = shared_corpus("mergers-dev")
    import sys

    sys.path.insert(0, str(folder.parent.parent / "eval"))
    from score import norm, norm_id  # the scorer's own normalisation

    seg = Segmenter(load_config())
    tp = fp = fn = ok = n = 0
    for path in sorted(folder.glob("*.txt")):
        gold = json.loads(path.with_suffix("").with_suffix(".gold.json").read_text(encoding="utf-8"))
        sections, _ = seg.segment(path.read_text(encoding="utf-8"))
        g = {norm_id(s["number"]) for s in gold["sections"]}
        p = {norm_id(s["number"]) for s in sections}
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
        heads: dict[str, set] = {}
        for s in gold["sections"]:
            if s["heading"]:
                heads.setdefault(norm_id(s["number"]), set()).add(norm(s["heading"]))
        for s in sections:
            if norm_id(s["number"]) in heads:
                n += 1
                ok += norm(s["heading"]) in heads[norm_id(s["number"])]
    assert 2 * tp / (2 * tp + fp + fn) >= 0.95
    assert ok / n >= 0.90


def test_save_and_load_round_trip(nlp, tmp_path):
    from clausekit.nlp.pipeline import load_pipeline, save_pipeline

    save_pipeline(nlp, tmp_path / "pipe")
    assert (tmp_path / "pipe" / "clausekit_sections" / "sections.json").is_file()
    loaded = load_pipeline(tmp_path / "pipe")
    text = f"ARTICLE I\nTHE SALE\nSection 1.1 Sale. {BODY}\nSection 1.2 Price. {BODY}\n"
    assert loaded(text)._.clausekit_sections == nlp(text)._.clausekit_sections
    assert [s["number"] for s in loaded(text)._.clausekit_sections] == [
        "ARTICLE I", "Section 1.1", "Section 1.2"]


def test_repeated_numbers_first_in_record_all_in_full_list_and_spans(nlp):
    text = (f"ARTICLE 1\nSERVICES\n1.1 Engagement. {BODY}\n1.2 Duties. {BODY}\nANNEX A\n"
            f"ARTICLE 1\nEXERCISE\n1.1 Method of Exercise. {BODY}\n1.3 Replacement. {BODY}\n")
    doc = nlp(text)
    assert [s["number"] for s in doc._.clausekit_sections_all] == [
        "ARTICLE 1", "1.1", "1.2", "ARTICLE 1", "1.1", "1.3"]
    assert [(s["number"], s["heading"]) for s in doc._.clausekit_sections] == [
        ("ARTICLE 1", "SERVICES"), ("1.1", "Engagement"), ("1.2", "Duties"), ("1.3", "Replacement")]
    assert len(doc.spans["clausekit_sections"]) == 6


def test_repeated_numbers_keep_setting():
    import spacy

    import clausekit.nlp.sections  # noqa: F401 - registers the factory

    keep = spacy.blank("en")
    keep.add_pipe("clausekit_sections", config={"repeated_numbers": "keep"})
    keep.initialize()
    text = f"1. TERMS\n1.1 Term. {BODY}\n1. TERMS OF THE WARRANT\n1.1 Exercise. {BODY}\n"
    assert [s["number"] for s in keep(text)._.clausekit_sections] == ["1", "1.1", "1", "1.1"]
    bad = spacy.blank("en")
    with pytest.raises(ValueError, match="repeated_numbers"):
        bad.add_pipe("clausekit_sections", config={"repeated_numbers": "drop"})


def test_definition_items_take_the_defined_term_as_heading(seg):
    text = ('1. DEFINITIONS\n1.1 Business Day means a day other than a Saturday or Sunday.\n'
            '1.2 "Commercial Rights" means all rights of a commercial nature.\n'
            '1.3 Confidential Information "Confidential Information" means secret information.\n'
            '1.4 MD Anderson shall keep records.\n1.5 PPG SHANGHAI shall appoint a distributor.\n')
    assert [h for _, h, *_ in outline(seg, text)] == [
        "DEFINITIONS", "Business Day", "Commercial Rights", "Confidential Information", None, None]


def test_numbered_third_level_items_are_subitems(seg):
    text = ("6. CONDITIONS\n6.1 Conditions to Obligations of Buyer. The obligations of Buyer are subject to:\n"
            "6.1.1 Seller shall have delivered the Shares, including (a) the certificates and (b) the register.\n"
            "6.1.2 No injunction shall be in effect, as required by Section 6.1.1 above.\n"
            "6.2 Other. Nothing else.\n")
    sections, subitems = seg.segment(text)
    assert [s["number"] for s in sections] == ["6", "6.1", "6.2"]
    assert [(i["id"], i["section"]) for i in subitems] == [("6.1.1", "6.1"), ("6.1.2", "6.1")]
    assert subitems[0]["end"] == text.index("6.1.2 No")
    assert subitems[1]["end"] == text.index("6.2 Other")


# -- numbering styles of short EDGAR exhibits that had no sections at all ------------------------
# Each snippet is written for the test; the expected outlines were worked out by reading it.
LONG = ("The parties shall cooperate in good faith and keep each other informed of every matter "
        "that concerns this paragraph, in writing where practicable.")


def test_parenthesis_numbers_run_together_with_the_subject_after_the_title(seg):
    text = ("Now therefore, the parties agree as follows: 1) Duties of Acme Acme agrees to find sales "
            f"leads for the Company. {LONG} 2) Obligations of the Parties Acme and COMPANY agree to "
            f"meet monthly. {LONG} 3) Term The term of this Agreement is twelve (12) months. {LONG} "
            "4) Governing Law This Agreement is governed by the laws of Texas.")
    assert outline(seg, text) == [
        ("1", "Duties of Acme", 1, None),
        ("2", "Obligations of the Parties", 1, None),
        ("3", "Term", 1, None),
        ("4", "Governing Law", 1, None),
    ]


def test_title_printed_before_the_number(seg):
    text = ("the Members agree as follows: Formation 1. By this Agreement the Members form a joint "
            f"venture. {LONG} Name 2. The business name of the Venture will be Acme JV. Page 1 of 3\n\n"
            f"Purpose 3. The purpose of the Venture is software. {LONG} 4. The Term may be extended "
            f"by consent of all Members. {LONG} INDEMNIFICATION 5. Each Member will indemnify the "
            "others.")
    sections, _ = seg.segment(text)
    assert [(s["number"], s["heading"]) for s in sections] == [
        ("1", "Formation"), ("2", "Name"), ("3", "Purpose"), ("4", None), ("5", "INDEMNIFICATION")]
    # the unit starts at its title, so the title is not the tail of the unit before
    assert sections[0]["start"] == text.index("Formation 1.")
    assert sections[0]["end"] == text.index("Name 2.")
    assert sections[3]["start"] == text.index("4. The Term")
    assert sections[4]["start"] == text.index("INDEMNIFICATION 5.")


def test_numbered_paragraphs_without_headings(seg):
    text = ("Party A and Party B agree as follows. 1. Party B shall provide transport services on the "
            f"routes Party A names. {LONG} 2. Period of transportation services: this Agreement is valid "
            f"for an indefinite term. {LONG} 3. Freight and payment method: (a) Party A pays freight "
            f"monthly. (b) No other charges apply. 4. Party A has the right to terminate this Agreement "
            f"if Party B breaches it. {LONG}\n\n5. Any dispute shall be settled by the court where this "
            f"Agreement is signed. {LONG}")
    assert outline(seg, text) == [
        ("1", None, 1, None),
        ("2", "Period of transportation services", 1, None),
        ("3", "Freight and payment method", 1, None),
        ("4", None, 1, None),  # "Party A has the right …" is a sentence, not the title "Party"
        ("5", None, 1, None),
    ]


def test_paragraph_sign_sections_inside_roman_parts(seg):
    text = (f"I. Object of the Program\n\n{LONG}\n\nII. Affiliate Program\n\n§ 1 Affiliate Participation\n\n"
            f"{LONG}\n\n§ 2 Products under the Agreement\n\n{LONG}\n\nIII. General terms\n\n"
            f"§ 1 License\n\n{LONG}\n\n§ 2 Changes to these provisions\n\n{LONG}\n")
    sections, _ = seg.segment(text)
    assert [(s["number"], s["heading"], s["level"], s["parent"]) for s in sections] == [
        ("I", "Object of the Program", 1, None),
        ("II", "Affiliate Program", 1, None),
        ("§ 1", "Affiliate Participation", 2, "II"),
        ("§ 2", "Products under the Agreement", 2, "II"),
        ("III", "General terms", 1, None),
        ("§ 1", "License", 2, "III"),
        ("§ 2", "Changes to these provisions", 2, "III"),
    ]
    assert sections[2]["start"] == text.index("§ 1 Affiliate")


def test_point_zero_article_headings(seg):
    text = (f"1.0 Purpose\n\n1.1 The purpose of this alliance is to develop products. {LONG}\n\n"
            f"2.0 Definitions\n\n2.1 Hearing Aids: devices worn in the ear.\n\n2.2 Term: {LONG}\n\n"
            f"3.0 Payments\n\n3.1 Royalties are due quarterly. {LONG}\n")
    assert outline(seg, text) == [
        ("1.0", "Purpose", 1, None),
        ("1.1", None, 2, "1.0"),
        ("2.0", "Definitions", 1, None),
        ("2.1", "Hearing Aids", 2, "2.0"),
        ("2.2", "Term", 2, "2.0"),
        ("3.0", "Payments", 1, None),
        ("3.1", None, 2, "3.0"),
    ]


def test_sentence_case_headings(seg):
    text = (f"1. Services Company agrees to provide the platform. {LONG} 2. Fees and expenses a) "
            f"Generally you shall pay the fees below. b) Billing The Company bills monthly. 3. Limitation "
            f"of liability. EXCLUDING INDEMNITY CLAIMS, NEITHER PARTY IS LIABLE FOR INDIRECT LOSS. {LONG}\n\n"
            f"4. Governing law:\n\nThis Agreement is governed by New York law. {LONG}")
    assert outline(seg, text) == [
        ("1", None, 1, None),
        ("2", "Fees and expenses", 1, None),
        ("3", "Limitation of liability", 1, None),
        ("4", "Governing law", 1, None),
    ]


def test_a_list_in_an_unnumbered_document_is_not_sections(seg):
    text = ("SERVICES\n\nThe Supplier shall: 1. Deliver the goods. 2. Install the goods. 3. Train the "
            "staff.\n\nThe Buyer shall pay within 30 days. 1. The Buyer pays by wire. 2. The Buyer pays "
            "in dollars.\n")
    assert outline(seg, text) == []


def test_a_list_inside_a_unit_is_not_sections(seg):
    text = (f"1. DEFINITIONS\n\n{LONG}\n\n2. SERVICES\n\nThe Supplier shall:\n\n"
            f"1. Deliver the goods on time and in full to the address given by the Buyer. {LONG}\n\n"
            f"2. Install the goods at the site of the Buyer within ten days of delivery. {LONG}\n\n"
            f"3. Train the staff of the Buyer in the use of the goods. {LONG}\n\n"
            f"3. FEES\n\n{LONG}\n\n4. TERM\n\n{LONG}\n")
    sections, _ = seg.segment(text)
    assert [(s["number"], s["heading"]) for s in sections] == [
        ("1", "DEFINITIONS"), ("2", "SERVICES"), ("3", "FEES"), ("4", "TERM")]
    assert sections[2]["start"] == text.index("3. FEES")


def test_no_sections_from_dates_references_pages_and_short_lists(seg):
    text = (f"This Agreement is effective as of March 1. The Company shall pay the fee set out in "
            f"Schedule 2. The Buyer may terminate under Section 3. The parties meet yearly. {LONG}\n\n"
            f"Page 4\n\n5 The Company shall keep records. {LONG}\n\nStandards: 1. JCAHO Manual 2. AABB "
            "3. NFPA 99 4. FDA 5. OSHA\n")
    assert outline(seg, text) == []


def test_run_in_table_of_contents_is_skipped(seg):
    text = (f"TABLE OF CONTENTS 1. Definitions 3 2. Term 4 3. Fees 5\n\n1. DEFINITIONS\n\n{LONG}\n\n"
            f"2. TERM\n\n{LONG}\n\n3. FEES\n\n{LONG}\n")
    sections, _ = seg.segment(text)
    assert [(s["number"], s["heading"]) for s in sections] == [
        ("1", "DEFINITIONS"), ("2", "TERM"), ("3", "FEES")]
    assert sections[0]["start"] == text.index("1. DEFINITIONS")
    text2 = ("1. INTRODUCTION 1 2. GRANT OF LICENSE 2 2.1 Term 2 2.2 Renewal 3 3. FEES 4\n\n"
             f"recitals. 1. INTRODUCTION. {LONG} 2. GRANT OF LICENSE. 2.1 Term. {LONG} 2.2 Renewal. {LONG} "
             f"3. FEES. {LONG}")
    sections, _ = seg.segment(text2)
    assert [s["number"] for s in sections] == ["1", "2", "2.1", "2.2", "3"]
    assert sections[0]["start"] == text2.index("1. INTRODUCTION.")


def test_two_numbered_paragraphs_of_an_amendment(seg):
    text = ("AMENDMENT 1\n\nThe parties agree as follows:\n\n1. Section 2.2 of the Agreement is hereby "
            f"amended to allow Acme to add staff. {LONG}\n\n2. Other than as expressly modified by this "
            f"Amendment, all terms of the Agreement continue without modification. {LONG}\n")
    assert outline(seg, text) == [("1", None, 1, None), ("2", None, 1, None)]
    # the same two paragraphs run into one line are not enough to call them units
    assert outline(seg, text.replace("\n\n1.", " 1.").replace("\n\n2.", " 2.")) == []


def test_a_repeated_number_lets_the_next_heading_skip_it(seg):
    # the form prints "2." twice, so its third unit is numbered 4
    text = (f"agree as follows: 1. Services Company agrees to host the offering. {LONG} 2. Fees and "
            f"expenses a) Generally you pay the fees below. {LONG} 2. Customer Representations Customer "
            f"represents that it may sign. {LONG} 4. Returns and Reversals a) Returns are charged. {LONG} "
            f"5. Term and Survival a) The term is one year. {LONG}")
    assert [n for n, *_ in outline(seg, text)] == ["1", "2", "4", "5"]
    # without the repeated "2." a jump from 2 to 4 inside running text is not a heading
    text2 = text.replace(f"2. Customer Representations Customer represents that it may sign. {LONG} ", "")
    assert [n for n, *_ in outline(seg, text2)] == ["1", "2"]
