"""Reader speed: ``python bench/bench_ingest.py``.

Prints, per input, the time ``read_document`` takes and its ratio to a same-run baseline:
for text formats the baseline is decoding the bytes and splitting lines (the least any reader
must do); for HTML it is lxml's ``text_content()`` (a C parser with no layout rules and no
offset map: what the event-stream reader trades speed for); for DOCX, python-docx's own
paragraph texts; for PDF, pypdf's own ``extract_text``. Nothing is asserted.
"""
from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clausekit.ingest import read_document  # noqa: E402  (after the sys.path line)

SHARED = ROOT.parent / "shared" / "corpus"


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def row(name: str, size: int, reader: float, baseline: float, label: str) -> None:
    print(f"{name:<34} {size / 1024:>9.0f} KB {reader * 1000:>9.1f} ms {size / 2**20 / reader:>7.1f} MB/s "
          f"{reader / baseline:>7.1f}x {label}")


def text_files() -> None:
    for folder in ("seed", "dev", "mergers-dev", "cuad-dev"):
        files = sorted((SHARED / folder).glob("*.txt")) + sorted((SHARED / folder).glob("*.md"))
        if not files:
            continue
        size = sum(f.stat().st_size for f in files)
        reader = best(lambda files=files: [read_document(f) for f in files], 3)
        baseline = best(lambda files=files: [f.read_bytes().decode("utf-8", "replace").splitlines()
                                             for f in files], 3)
        row(f"{folder}/ ({len(files)} files)", size, reader, baseline, "decode+splitlines")
        if folder == "mergers-dev":
            per = [best(lambda f=f: read_document(f), 3) for f in files]
            print(f"{'':<34} per merger agreement: median {statistics.median(per) * 1000:.1f} ms, "
                  f"max {max(per) * 1000:.1f} ms")


def html_file(tmp: Path) -> None:
    import lxml.html

    fixture = (ROOT / "tests" / "data" / "ingest" / "edgar_exhibit.htm").read_text(encoding="ascii")
    head, _, rest = fixture.partition("<BODY BGCOLOR=\"WHITE\">")
    body, _, tail = rest.partition("</BODY>")
    big = tmp / "big.htm"
    big.write_text(head + "<BODY>" + body * 400 + "</BODY>" + tail, encoding="ascii")
    data = big.read_bytes()
    reader = best(lambda: read_document(big), 3)
    baseline = best(lambda: lxml.html.document_fromstring(data).text_content(), 3)
    row("EDGAR-style HTML (fixture x400)", len(data), reader, baseline, "lxml text_content")
    deep = tmp / "deep.html"
    deep.write_text("<div>" * 100_000 + "text" + "</div>" * 100_000, encoding="ascii")
    reader = best(lambda: read_document(deep), 1)
    print(f"{'HTML nested 100,000 deep':<34} {deep.stat().st_size / 1024:>9.0f} KB {reader * 1000:>9.1f} ms")


def docx_file(tmp: Path) -> None:
    import docx

    d = docx.Document()
    for k in range(3000):
        d.add_paragraph(f"{k}. The Supplier shall deliver the Products within thirty (30) days after receipt "
                        f"of each Purchase Order, and in any event no later than the Delivery Date.")
    path = tmp / "big.docx"
    d.save(str(path))
    reader = best(lambda: read_document(path), 3)
    baseline = best(lambda: [p.text for p in docx.Document(str(path)).paragraphs], 3)
    row("DOCX (3,000 paragraphs)", path.stat().st_size, reader, baseline, "python-docx .text")


def pdf_file(tmp: Path) -> None:
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    path = tmp / "big.pdf"
    c = canvas.Canvas(str(path))
    for page in range(1, 51):
        c.drawString(72, 800, "Supply Agreement - Confidential")
        for k in range(45):
            c.drawString(72, 770 - 15 * k, f"{page}.{k} The Supplier shall deliver within thirty (30) days.")
        c.drawCentredString(300, 30, str(page))
        c.showPage()
    c.save()
    reader = best(lambda: read_document(path), 3)
    baseline = best(lambda: [p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages], 3)
    row("PDF (50 pages)", path.stat().st_size, reader, baseline, "pypdf extract_text")


def main() -> None:
    print(f"{'input':<34} {'size':>12} {'read':>12} {'speed':>12} {'ratio':>8} baseline")
    text_files()
    with tempfile.TemporaryDirectory() as tmp:
        html_file(Path(tmp))
        docx_file(Path(tmp))
        pdf_file(Path(tmp))


if __name__ == "__main__":
    main()
