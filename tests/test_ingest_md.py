"""The .md reader: the EDGAR-to-Markdown style of the seed agreement.

Expected texts are written by hand from the Markdown rules in clausekit/ingest/md.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.ingest import read_document
from tests.conftest import SEED, shared_corpus
from tests.test_ingest_txt import assert_offsets_point_at_source

SNIPPET = """\
---

**SECURITIES AND EXCHANGE COMMISSION  
WASHINGTON, DC 20549**

## **Item 2. Identity and Background.**

Price of US\\$5.346 per share; see note\\*\\* and 1 \\* 2.

1\tNAME OF REPORTING PERSON <b>Tuspark Innovation Venture Ltd.</b>\t
2\tCHECK THE BOX\t(a) <input type="checkbox"/>\t(b) <input type="checkbox"/>
\t\t8\tShared Voting Power 94,415,771 <sup>(1)</sup>

<b><u>Name and Position</u></b>\t<b><u>Citizenship</u></b>

### 3. CLOSING CONDITIONS ###

- (a) Tuspark shall have delivered the documents.
* (b) on the seventh (7<sup>th</sup>) business day after the *Effective Date*;

> Quoted &amp; escaped &lt;tag&gt;<br>next line

Email: [wcai@cooley.com](mailto:wcai@cooley.com) <https://example.com>

| Name | Amount |
|------|-------:|
| Acme | US$1 |

By: \\_\\_\\_\\_\\_  
Name:  
***
Footnote mark after a word* stays; ** ** bold markers go.
"""

EXPECTED = """\
SECURITIES AND EXCHANGE COMMISSION
WASHINGTON, DC 20549

Item 2. Identity and Background.

Price of US$5.346 per share; see note** and 1 * 2.

1\tNAME OF REPORTING PERSON Tuspark Innovation Venture Ltd.
2\tCHECK THE BOX\t(a)\t(b)
8\tShared Voting Power 94,415,771 (1)

Name and Position\tCitizenship

3. CLOSING CONDITIONS

(a) Tuspark shall have delivered the documents.
(b) on the seventh (7th) business day after the Effective Date;

Quoted & escaped <tag>
next line

Email: wcai@cooley.com https://example.com

Name\tAmount
Acme\tUS$1

By: _____
Name:

Footnote mark after a word* stays; bold markers go.
"""


def test_markdown_snippet(tmp_path: Path):
    p = tmp_path / "snippet.md"
    p.write_text(SNIPPET, encoding="utf-8")
    doc = read_document(p)
    assert doc.format == "md"
    assert doc.text == EXPECTED
    assert_offsets_point_at_source(doc, SNIPPET)


@pytest.fixture(scope="module")
def seed_doc():
    path = SEED if SEED.exists() else shared_corpus("seed") / "vnet-13da-sra.md"
    return read_document(path), path.read_text(encoding="utf-8")


def test_seed_headings_on_their_own_lines(seed_doc):
    doc, _ = seed_doc
    lines = doc.text.split("\n")
    for heading in ("Item 2. Identity and Background.", "Item 4. Purpose of Transaction.",
                    "Item 5. Interest in Securities of the Issuer.", "Item 7. Material to be Filed as Exhibits.",
                    "SHARE REPURCHASE AGREEMENT", "1. AGREEMENT TO REPURCHASE AND SELL ORDINARY SHARES.",
                    "2. CLOSINGS; DELIVERIES.", "3. CLOSING CONDITIONS",
                    "4. REPRESENTATIONS, WARRANTIES AND ACKNOWLEDGEMENTS OF TUSPARK",
                    "5. COVENANTS, UNDERTAKINGS AND FURTHER ASSURANCES", "6. MISCELLANEOUS"):
        assert heading in lines, heading


def test_seed_inline_markup_resolved(seed_doc):
    doc, source = seed_doc
    assert "on the seventh (7th) business day after the Effective Date" in doc.text
    assert "a purchase price of US$5.346 per share" in doc.text
    assert "(the “Effective Date”)" in doc.text  # curly quotes stay, ** go
    assert "(a) an instrument of transfer" in doc.text  # list bullet gone
    for junk in ("<sup>", "<b>", "<input", "\\", "](mailto", "\n---", "## "):
        assert junk not in doc.text, junk
    # the only stars left are the two escaped ones: "90138A103\*\*" and "\*\*There is no CUSIP"
    assert doc.text.count("**") == 2 and "90138A103**\n" in doc.text
    assert_offsets_point_at_source(doc, source)


def test_seed_paragraphs_separated_by_blank_line(seed_doc):
    doc, _ = seed_doc
    assert "2.1 Closing. The closing" in doc.text
    i = doc.text.index("2.1 Closing.")
    assert doc.text[i - 2:i] == "\n\n"
    assert "\n\n\n" not in doc.text
