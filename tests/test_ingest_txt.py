"""The .txt reader, the shared normalization and read_document's dispatch.

Expected texts are written out by hand from the fixtures (not produced by the code): e.g. for
tests/data/ingest/edgar_fixed.txt the page numbers "i", "-1-", "-2-", "Page 3 of 4", "4" and the
"Table of Contents" back-links at the top of pages 2-4 are furniture; everything else stays.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clausekit.errors import UnreadableFile, UnsupportedFormat
from clausekit.ingest import EXTENSIONS, read_document
from clausekit.ingest.normalize import fold_line, furniture, split_lines
from tests.conftest import DATA, shared_corpus

INGEST = DATA / "ingest"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def assert_offsets_point_at_source(doc, source: str) -> None:
    """Every letter and digit of the normalized text maps back onto the same character."""
    for i, ch in enumerate(doc.text):
        if ch.isalnum():
            s = doc.offset_map.to_source(i)
            assert source[s] == ch, (i, ch, s, source[max(0, s - 10):s + 10])


# -- decoding ---------------------------------------------------------------------------------

TEXT = "Section 2.1 Closing. The Purchaser shall pay €5 on the 7th day — “promptly”.\n"


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", b"\xff\xfe\x00\x00"),
])
def test_unicode_encodings_with_and_without_bom(tmp_path, encoding, bom):
    doc = read_document(write(tmp_path, "a.txt", bom + TEXT.encode(encoding)))
    assert doc.text == TEXT
    assert doc.format == "txt"


def test_cp1252_text_is_decoded_not_refused(tmp_path):
    raw = "Caf\xe9 \u2019s \u201cAgreement\u201d \u2014 \xa75.1 \u20ac10".encode("cp1252")
    doc = read_document(write(tmp_path, "latin.txt", raw + b"\n"))
    assert doc.text == "Café ’s “Agreement” — §5.1 €10\n"


def test_utf8_with_one_damaged_byte_keeps_utf8(tmp_path):
    raw = ("“Closing Date” means — the date é " * 3).encode("utf-8") + b"\xff end\n"
    doc = read_document(write(tmp_path, "damaged.txt", raw))
    assert doc.text.startswith("“Closing Date” means — the date é")
    assert doc.text.endswith("\ufffd end\n")


def test_sha256_is_of_the_original_bytes(tmp_path):
    import hashlib
    raw = b"\xef\xbb\xbfHello  world\r\n"
    doc = read_document(write(tmp_path, "h.txt", raw))
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()
    assert doc.text == "Hello world\n"


# -- normalization ----------------------------------------------------------------------------

def test_whitespace_folds_tabs_survive_lines_stay(tmp_path):
    src = ("  ARTICLE I  \r\n   DEFINITIONS\n\n\n\n1.1.\tCertain Definitions\n"
           "The  Buyer\u00a0\u00a0shall\t\tpay.   \n\n  \n(a)  first\n")
    doc = read_document(write(tmp_path, "ws.txt", src))
    assert doc.text == ("ARTICLE I\nDEFINITIONS\n\n1.1.\tCertain Definitions\nThe Buyer shall\tpay.\n\n"
                        "(a) first\n")
    assert_offsets_point_at_source(doc, src)


def test_edgar_fixture_page_furniture_dropped_headings_kept():
    path = INGEST / "edgar_fixed.txt"
    doc = read_document(path)
    lines = doc.text.split("\n")
    for furniture_line in ("i", "-1-", "-2-", "Page 3 of 4", "4"):
        assert furniture_line not in lines
    # the real contents heading stays, the three back-links at the tops of pages go
    assert lines.count("TABLE OF CONTENTS") == 1 and "Table of Contents" not in lines
    # section numbers alone on a line are not page numbers
    assert "1.\nCertain Definitions." in doc.text
    assert "ARTICLE\n2\nPURCHASE AND SALE" in doc.text
    assert "3\n\nGENERAL PROVISIONS" in doc.text
    assert "ARTICLE I\nDEFINITIONS" in doc.text
    assert "1.1.\tBusiness Day. \"Business Day\" means" in doc.text
    # a cover-table's row numbers 1, 2, 3 are close together: not pages
    assert "1\tNAME OF REPORTING PERSON\n2\n3\nSEC USE ONLY" in doc.text
    assert all(f"Paragraph {k}." in doc.text for k in range(1, 10))
    assert_offsets_point_at_source(doc, path.read_text(encoding="utf-8"))


def test_page_numbers_in_a_rising_sequence_are_dropped_lonely_numbers_kept():
    para = "x" * 400
    lines = [para, "1", para, "2", para, "3", para, "17", "Heading text follows here."]
    texts = [fold_line(ln).text if ln else "" for ln in split_lines("\n".join(lines))]
    dropped = {texts[i] for i in furniture(texts)}
    assert dropped == {"1", "2", "3"}


def test_running_footer_next_to_page_numbers_is_dropped():
    body = [f"Clause {k} " + "text " * 80 for k in range(6)]
    lines = []
    for k, para in enumerate(body, 1):
        lines += [para, "", "Confidential - Acme Supply Agreement", str(k), ""]
    lines.insert(0, "Confidential - Acme Supply Agreement is the title line")
    texts = [fold_line(ln).text if ln else "" for ln in split_lines("\n".join(lines))]
    kept = [t for i, t in enumerate(texts) if i not in furniture(texts)]
    assert "Confidential - Acme Supply Agreement" not in kept
    assert not any(t.isdigit() for t in kept)
    assert kept[0] == "Confidential - Acme Supply Agreement is the title line"


def test_reading_is_deterministic(tmp_path):
    a = read_document(INGEST / "edgar_fixed.txt")
    b = read_document(INGEST / "edgar_fixed.txt")
    assert a == b


# -- dispatch and errors ------------------------------------------------------------------------

def test_unsupported_extension_names_the_file(tmp_path):
    with pytest.raises(UnsupportedFormat) as e:
        read_document(write(tmp_path, "contract.rtf", "{\\rtf1 hello}"))
    assert "contract.rtf" in str(e.value) and "'.rtf'" in str(e.value)
    assert "\n" not in str(e.value)


def test_missing_file_is_one_line(tmp_path):
    with pytest.raises(UnreadableFile) as e:
        read_document(tmp_path / "nope.txt")
    assert str(e.value).startswith(str(tmp_path / "nope.txt") + ": cannot read file")


def test_extension_table():
    assert set(EXTENSIONS.values()) == {"txt", "md", "html", "pdf", "docx"}


# -- the real corpora ---------------------------------------------------------------------------

def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.parametrize("folder", ["mergers-dev", "dev", "cuad-dev"])
def test_corpus_keeps_every_gold_heading(folder):
    """Every heading of the gold files survives normalization (no heading dropped as furniture).
    Speed is measured by bench/bench_ingest.py, not asserted here."""
    corpus = shared_corpus(folder)
    for path in sorted(corpus.glob("*.txt")):
        doc = read_document(path)
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        text = _norm(doc.text)
        for s in gold.get("sections", []):
            if s.get("heading"):
                assert _norm(s["heading"]) in text, (path.name, s)
        # no page-number line left over in the merger agreements' bodies
        if folder == "mergers-dev":
            assert not re.search(r"(?m)^- ?\d+ ?-$", doc.text)


def test_sentence_running_over_a_page_break_stays_one_paragraph(tmp_path):
    src = ("1. Term. " + "The Company shall pay the premiums on the Policy. " * 8 + "The remaining\n\n"
           "                                   2\n\n"
           "balance of the Demand Note shall be repaid.\n\n"
           "2. Ownership. " + "The Company shall own the Policy. " * 8 + "\n\n"
           "                                   3\n\n"
           "3. Notices. All notices shall be in writing.\n")
    doc = read_document(write(tmp_path, "turn.txt", src))
    assert "The remaining\nbalance of the Demand Note" in doc.text
    assert "own the Policy.\n\n3. Notices." in doc.text


def test_edgar_full_submission_txt_wrapping_html(tmp_path):
    src = ("<DOCUMENT>\n<TYPE>EX-10.1\n<SEQUENCE>2\n<FILENAME>ex10-1.htm\n<TEXT>\n<HTML><BODY>"
           "<P ALIGN=center><B>SUPPLY AGREEMENT</B></P><P>1.&nbsp;&nbsp;<U>Term</U>. Five years.</P>"
           "</BODY></HTML>\n</TEXT>\n</DOCUMENT>\n")
    doc = read_document(write(tmp_path, "0001234567-21-000001.txt", src))
    assert doc.text == "EX-10.1\n2\nex10-1.htm\n\nSUPPLY AGREEMENT\n\n1. Term. Five years.\n"
