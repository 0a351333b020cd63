"""The .docx reader, on documents built here with python-docx (numbering.xml edited by hand).

Expected texts are written out by hand: Word would display list numbers "1.", "(a)", "(i)"
for the levels defined below, restart "(a)" after a new "2.", start the second list (numId 91,
startOverride 5) at 5, and continue with 6 in a third instance (numId 92) of the same abstract
list, which has no override.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from clausekit.errors import LimitExceeded, UnreadableFile
from clausekit.ingest import Limits, read_document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

ABSTRACT = f"""
<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl>
</w:abstractNum>"""
NUMS = f"""
<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>
<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="90"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num xmlns:w="{W_NS}" w:numId="92"><w:abstractNumId w:val="90"/></w:num>"""


def numbered(doc, text: str, num_id: int, ilvl: int):
    from docx.oxml import parse_xml

    p = doc.add_paragraph(text)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def add_numbering(doc) -> None:
    from docx.oxml import parse_xml

    root = doc.part.numbering_part.element
    first_num = root.find(f"{{{W_NS}}}num")
    abstract = parse_xml(ABSTRACT)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    for num in parse_xml(f'<x xmlns:w="{W_NS}">{NUMS}</x>'):
        root.append(num)


@pytest.fixture(scope="module")
def agreement_docx(tmp_path_factory) -> Path:
    import docx

    doc = docx.Document()
    doc.core_properties.title = "Master  Services Agreement"
    doc.add_paragraph("MASTER SERVICES AGREEMENT")
    add_numbering(doc)
    numbered(doc, "Definitions.", 90, 0)
    numbered(doc, "“Business Day” means a day banks are open.", 90, 1)
    numbered(doc, "“Term” has the meaning in Section 2.", 90, 1)
    numbered(doc, "deep item", 90, 2)
    numbered(doc, "third definition", 90, 1)
    numbered(doc, "Services.", 90, 0)
    numbered(doc, "Supplier shall perform.", 90, 1)
    numbered(doc, "Sub-clause", 90, 3)
    numbered(doc, "a bullet point", 90, 4)
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("Fee", "Amount", "Due"), ("Setup", "US$100", "Closing"), ("", "", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Total"
    table.cell(2, 2).text = "US$100"
    p = doc.add_paragraph("Signed at London")
    p.add_run().add_break()
    p.add_run("on the date first written above.")
    numbered(doc, "Restarted list.", 91, 0)
    numbered(doc, "Continued by another instance of the same list.", 92, 0)
    numbered(doc, "Its sub-item.", 92, 1)
    path = tmp_path_factory.mktemp("docx") / "msa.docx"
    doc.save(str(path))
    return path


EXPECTED = """\
MASTER SERVICES AGREEMENT

1. Definitions.

(a) “Business Day” means a day banks are open.

(b) “Term” has the meaning in Section 2.

(i) deep item

(c) third definition

2. Services.

(a) Supplier shall perform.

2.1 Sub-clause

a bullet point

Fee\tAmount\tDue
Setup\tUS$100\tClosing
Total\tUS$100

Signed at London
on the date first written above.

5. Restarted list.

6. Continued by another instance of the same list.

(a) Its sub-item.
"""


def test_paragraphs_numbering_and_tables_in_body_order(agreement_docx):
    doc = read_document(agreement_docx)
    assert doc.format == "docx"
    assert doc.text == EXPECTED
    assert doc.title == "Master Services Agreement"
    assert doc.offset_map.unit == "docx-text"


def test_offsets_map_into_the_paragraph_texts(agreement_docx):
    import docx

    d = docx.Document(str(agreement_docx))
    raw = []
    for block in d.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        raw += [p.text for p in cell.paragraphs]
        else:
            raw.append(block.text)
    raw_text = "\n".join(raw)
    doc = read_document(agreement_docx)
    for word in ("Business Day", "Supplier shall perform", "Closing", "first written above"):
        i = doc.text.index(word)
        s = doc.offset_map.to_source(i)
        assert raw_text[s:s + len(word)] == word


def test_not_a_zip(tmp_path):
    p = tmp_path / "fake.docx"
    p.write_text("This is plain text pretending to be Word.")
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert str(e.value) == f"{p}: not a DOCX (not a zip archive)"


def test_zip_without_a_word_document(tmp_path):
    p = tmp_path / "other.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert "no word/document.xml" in str(e.value)


def test_corrupt_document_xml(tmp_path, agreement_docx):
    p = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(agreement_docx) as src, zipfile.ZipFile(p, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut mid-element
            dst.writestr(info, data)
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert str(e.value).startswith(f"{p}: ") and "\n" not in str(e.value)


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    p = tmp_path / "bomb.docx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (30 * 2**20) + b"</w:document>")
    assert p.stat().st_size < 200_000  # 30 MB squeezed into ~30 KB
    with pytest.raises(LimitExceeded) as e:
        read_document(p)
    assert "word/document.xml is compressed" in str(e.value) and "zip bomb" in str(e.value)


def test_total_unzipped_size_limit(tmp_path, agreement_docx):
    with pytest.raises(LimitExceeded) as e:
        read_document(agreement_docx, limits=Limits(max_unzipped_mb=0.001))
    assert "over the 0.001 MB limit" in str(e.value)


def test_numbered_paragraph_of_an_undefined_list(tmp_path):
    """A paragraph whose numPr names a list that numbering.xml does not define reads plainly."""
    import docx

    d = docx.Document()
    numbered(d, "Orphan numbered paragraph.", 999, 0)  # no such list
    buf = io.BytesIO()
    d.save(buf)
    p = tmp_path / "orphan.docx"
    p.write_bytes(buf.getvalue())
    assert read_document(p).text == "Orphan numbered paragraph.\n"


def test_tracked_changes_read_as_accepted(tmp_path):
    """<w:ins> runs are text (python-docx's Paragraph.text drops them), <w:del> runs are not."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    p = d.add_paragraph("The Term is ")
    p._p.append(parse_xml(f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="A"><w:r><w:delText>three</w:delText>'
                          f'</w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="2" w:author="A"><w:r><w:t>five</w:t></w:r></w:ins>'))
    p.add_run(" years.")
    path = tmp_path / "tracked.docx"
    d.save(str(path))
    assert read_document(path).text == "The Term is five years.\n"


def test_block_content_controls_are_read_in_order(tmp_path):
    """Body-level <w:sdt> (python-docx's iter_inner_content skips it) is read where it stands."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("Before the control.")
    d.add_paragraph("After the control.")
    sdt = parse_xml(f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Inside the control.'
                    f'</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    d.paragraphs[0]._p.addnext(sdt)
    path = tmp_path / "sdt.docx"
    d.save(str(path))
    assert read_document(path).text == "Before the control.\n\nInside the control.\n\nAfter the control.\n"
