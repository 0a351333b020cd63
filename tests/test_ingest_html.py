"""The .htm/.html reader on EDGAR-style markup.

tests/data/ingest/edgar_exhibit.htm was written by hand to show EDGAR's traits: <FONT> soup,
unclosed <P>, &nbsp; and &#147; (a cp1252 character reference), layout tables holding a section
number and heading in two cells (one nested in another table), a price table with an empty
spacer cell, a centred page number and a "Confidential" running footer before each
page-break <DIV> / <HR>. EXPECTED is its text written out by hand.
"""
from __future__ import annotations

from pathlib import Path

from clausekit.ingest import read_document
from tests.conftest import DATA
from tests.test_ingest_txt import assert_offsets_point_at_source

FIXTURE = DATA / "ingest" / "edgar_exhibit.htm"

EXPECTED = """\
Exhibit 10.1

SUPPLY AGREEMENT

THIS SUPPLY AGREEMENT (this “Agreement”) is made as of March 23, 2021, by and between Acme Corp., \
a Delaware corporation (“Acme”), and Beta & Co. Ltd. (“Beta”).

1.\tDEFINITIONS

1.1 Business Day means a day other than a Saturday or Sunday.

1.2 Term. The term ends on the 7th anniversary of the Effective Date.

2.\tSUPPLY

2.1 Orders. Acme shall deliver each order within thirty (30) days after receipt.

Product\tPrice
Widget\tUS$5.00

3. MISCELLANEOUS

3.1 Governing Law. This Agreement is governed by the laws of New York.
Second line after a break.
"""


def test_edgar_exhibit_text():
    doc = read_document(FIXTURE)
    assert doc.format == "html"
    assert doc.text == EXPECTED


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset)


def test_edgar_exhibit_title_and_line_offsets():
    doc = read_document(FIXTURE)
    source = FIXTURE.read_text(encoding="ascii")
    assert doc.title == "EX-10.1 Supply Agreement"
    assert doc.offset_map.unit == "html-line"
    for word in ("SUPPLY AGREEMENT</B>", "Governing Law", "Second line after", "Widget", "DEFINITIONS"):
        text_word = word.replace("</B>", "")
        s = doc.offset_map.to_source(doc.text.index(text_word))
        assert _line(source, s) == _line(source, source.index(word)), word


def test_deep_html_falls_back_to_exact_offsets(tmp_path: Path):
    """Nesting past libxml2's limit is read by html.parser, whose offsets are exact."""
    source = "<div>" * 3000 + "<p>Section <b>4.02</b> Closing&nbsp;Date.</p>" + "</div>" * 3000
    p = tmp_path / "deep.html"
    p.write_text(source, encoding="utf-8")
    doc = read_document(p)
    assert doc.text == "Section 4.02 Closing Date.\n"
    assert doc.offset_map.unit == "char"
    assert_offsets_point_at_source(doc, source)


def test_pre_block_keeps_lines_and_page_breaks(tmp_path: Path):
    body = "\n".join(f"Line {k} of the agreement text that goes on for a while to fill the page." for k in range(8))
    html = (f"<html><body><pre>AGREEMENT\n\n{body}\n\n                 1\n\f{body}\n\n                 2\n</pre>"
            "</body></html>")
    p = tmp_path / "pre.htm"
    p.write_text(html, encoding="utf-8")
    doc = read_document(p)
    assert doc.text == f"AGREEMENT\n\n{body}\n\n{body}\n"


def test_windows_1252_bytes_and_entities(tmp_path: Path):
    p = tmp_path / "w.html"
    p.write_bytes(b"<p>\x93Company\x94 &sect;&nbsp;5 &#x2014; caf\xe9 &amp; co&period;</p>")
    assert read_document(p).text == "“Company” § 5 — café & co.\n"


def test_script_style_comments_and_head_are_not_text(tmp_path: Path):
    p = tmp_path / "s.htm"
    p.write_text("<html><head><meta charset=utf-8><style>.a{}</style><title>T</title></head>"
                 "<body><script>if (a < b) { x = '</p>'; }</script><!-- c --><div>Body</div>"
                 "<noscript>enable js</noscript></body></html>", encoding="utf-8")
    doc = read_document(p)
    assert doc.text == "Body\n"
    assert doc.title == "T"


def test_lists_and_line_breaks(tmp_path: Path):
    p = tmp_path / "l.html"
    p.write_text("<h2>ARTICLE IV</h2><h3>COVENANTS</h3><ul><li>(a) first<li>(b) second</ul>"
                 "<p>one<br/>two<br>three</p>", encoding="utf-8")
    assert read_document(p).text == "ARTICLE IV\n\nCOVENANTS\n\n(a) first\n(b) second\n\none\ntwo\nthree\n"


def test_inline_xbrl_hidden_facts_are_not_text(tmp_path: Path):
    p = tmp_path / "ixbrl.htm"
    p.write_text('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
                 'xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><head><title>ex10</title></head><body>'
                 '<div style="display: none"><div>nested</div><ix:header><ix:hidden>0001234567</ix:hidden>'
                 '</ix:header></div><p>Section 1.1 <ix:nonNumeric name="x">Term</ix:nonNumeric>. Five years.</p>'
                 '<span style="DISPLAY:NONE">hidden span</span><br style="display:none">visible</body></html>',
                 encoding="utf-8")
    assert read_document(p).text == "Section 1.1 Term. Five years.\n\nvisible\n"  # </p> ends a paragraph
