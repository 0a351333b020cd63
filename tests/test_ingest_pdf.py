"""The .pdf reader, on PDFs built here with reportlab (and encrypted with pypdf's writer).

The expected text of the four-page agreement is written out by hand from the lines drawn:
the running header, the "Page N of 4" footers and the bare page numbers are furniture.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.errors import LimitExceeded, UnreadableFile
from clausekit.ingest import Limits, read_document

HEADER = "Acme / Beta Supply Agreement - Confidential"
PAGES = [
    ["SUPPLY AGREEMENT", "", "ARTICLE I", "DEFINITIONS", "1.1 Business Day. A day banks in New York are open."],
    ["1.2 Term. The term ends on the fifth anniversary of the Effective Date.", "ARTICLE II", "SUPPLY"],
    ["2.1 Orders. The Supplier shall deliver within thirty (30) days after receipt of an order."],
    ["2.2 Price. US$5.00 per unit.", "IN WITNESS WHEREOF the parties have signed this Agreement."],
]
EXPECTED = """\
SUPPLY AGREEMENT
ARTICLE I
DEFINITIONS
1.1 Business Day. A day banks in New York are open.
1.2 Term. The term ends on the fifth anniversary of the Effective Date.
ARTICLE II
SUPPLY
2.1 Orders. The Supplier shall deliver within thirty (30) days after receipt of an order.
2.2 Price. US$5.00 per unit.
IN WITNESS WHEREOF the parties have signed this Agreement.
"""


def make_pdf(path: Path, pages: list[list[str]], *, header: str | None = HEADER, footer: str = "page-of",
             title: str | None = "Supply Agreement") -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    if title:
        c.setTitle(title)
    for n, lines in enumerate(pages, 1):
        if header:
            c.drawString(72, 740, header)
        y = 700
        for line in lines:
            if line:
                c.drawString(72, y, line)
            y -= 16
        if footer == "page-of":
            c.drawCentredString(306, 40, f"Page {n} of {len(pages)}")
        elif footer == "bare":
            c.drawCentredString(306, 40, str(n))
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def agreement_pdf(tmp_path_factory) -> Path:
    return make_pdf(tmp_path_factory.mktemp("pdf") / "agreement.pdf", PAGES)


def test_pages_joined_headers_footers_and_page_numbers_dropped(agreement_pdf):
    doc = read_document(agreement_pdf)
    assert doc.format == "pdf"
    assert doc.text == EXPECTED
    assert doc.title == "Supply Agreement"
    assert doc.offset_map.unit == "pdf-text"


def test_bare_page_numbers_dropped_without_header(tmp_path):
    doc = read_document(make_pdf(tmp_path / "bare.pdf", PAGES, header=None, footer="bare", title=None))
    assert doc.text == EXPECTED
    assert doc.title is None


def test_offsets_map_into_the_page_texts(agreement_pdf):
    from pypdf import PdfReader

    raw = "\f".join(p.extract_text() for p in PdfReader(str(agreement_pdf)).pages)
    doc = read_document(agreement_pdf)
    for word in ("ARTICLE II", "thirty (30) days", "IN WITNESS"):
        i = doc.text.index(word)
        s = doc.offset_map.to_source(i)
        assert raw[s:s + len(word)] == word


def encrypt(src: Path, dst: Path, user_password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(str(src)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    with open(dst, "wb") as f:
        writer.write(f)
    return dst


def test_encrypted_pdf_is_refused(agreement_pdf, tmp_path):
    p = encrypt(agreement_pdf, tmp_path / "locked.pdf", "secret")
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert str(e.value) == f"{p}: encrypted PDF (password required)"


def test_pdf_with_only_an_owner_password_opens(agreement_pdf, tmp_path):
    """Permissions-only encryption (empty user password) opens in any viewer: read it."""
    p = encrypt(agreement_pdf, tmp_path / "owner-only.pdf", "")
    assert read_document(p).text == EXPECTED


def test_truncated_pdf(agreement_pdf, tmp_path):
    data = agreement_pdf.read_bytes()
    p = tmp_path / "truncated.pdf"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert "truncated" in str(e.value) and str(p) in str(e.value)


def test_corrupt_pdf_body(agreement_pdf, tmp_path):
    data = bytearray(agreement_pdf.read_bytes())
    data[200:-200] = b"\x00garbage" * ((len(data) - 400) // 8) + b"\x00" * ((len(data) - 400) % 8)
    p = tmp_path / "corrupt.pdf"
    p.write_bytes(bytes(data))
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert str(e.value).startswith(f"{p}: ") and "\n" not in str(e.value)


def test_scanned_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    for _ in range(2):
        c.rect(72, 72, 400, 600, fill=1)  # a page that is all picture, no text
        c.showPage()
    c.save()
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert str(e.value) == f"{p}: no text layer (scanned?)"


def test_not_a_pdf(tmp_path):
    p = tmp_path / "fake.pdf"
    p.write_bytes(b"PK\x03\x04 this is a zip, not a pdf" * 10)
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert str(e.value) == f"{p}: not a PDF (no %PDF header)"


def test_page_limit(agreement_pdf):
    with pytest.raises(LimitExceeded) as e:
        read_document(agreement_pdf, limits=Limits(max_pdf_pages=3))
    assert "4 pages, over the 3 page limit" in str(e.value)
