"""PDF (.pdf) with pypdf (BSD licence): text PDFs, pages joined.

Each page's text (pypdf's ``extract_text``) becomes lines with a page break between pages;
``normalize`` then drops page numbers at the top or bottom of pages and running headers and
footers (a line, digits ignored, repeated next to the page breaks of at least half the pages).
Refused with one line: a file that is not a PDF, a truncated one (no ``%%EOF``), an encrypted
one that does not open with the empty password, one over ``Limits.max_pdf_pages``, and one with
no text at all ("no text layer (scanned?)": clausekit does no OCR).
The offset map counts characters of the page texts joined by form feeds (``unit="pdf-text"``).
"""
from __future__ import annotations

import io
import logging
import warnings

from clausekit.errors import LimitExceeded, UnreadableFile
from clausekit.ingest.limits import Limits
from clausekit.ingest.normalize import BREAK, Line, Normalized, normalize, split_lines

#: titles PDF producers write when the author gave none
PLACEHOLDER_TITLES = {"untitled", "(anonymous)", "anonymous", "title", "document", "document1"}


def _open(data: bytes, path: str):
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile("not a PDF (no %PDF header)", path=path)
    if b"%%EOF" not in data[-2048:]:
        raise UnreadableFile("truncated or corrupt PDF (no %%EOF end marker)", path=path)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as e:
        raise UnreadableFile(f"corrupt PDF ({e.__class__.__name__})", path=path) from None
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:
            opened = 0
        if not opened:
            raise UnreadableFile("encrypted PDF (password required)", path=path)
    return reader


def read_pdf(data: bytes, path: str, limits: Limits) -> tuple[Normalized, str | None]:
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)  # pypdf logs recoverable damage as warnings; we report in one line
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = _open(data, path)
            try:
                npages = len(reader.pages)
            except Exception as e:
                raise UnreadableFile(f"corrupt PDF ({e.__class__.__name__})", path=path) from None
            if npages > limits.max_pdf_pages:
                raise LimitExceeded(f"PDF has {npages} pages, over the {limits.max_pdf_pages} page limit "
                                    f"(CLAUSEKIT_MAX_PDF_PAGES)", path=path)
            if npages == 0:
                raise UnreadableFile("PDF has no pages", path=path)
            texts = []
            for page in reader.pages:
                try:
                    texts.append(page.extract_text() or "")
                except Exception as e:
                    raise UnreadableFile(f"corrupt PDF page {len(texts) + 1} ({e.__class__.__name__})",
                                         path=path) from None
            title = _title(reader)
    finally:
        log.setLevel(level)
    if not any(t.strip() for t in texts):
        raise UnreadableFile("no text layer (scanned?)", path=path)
    lines: list[Line | None] = [BREAK]
    base = 0
    for text in texts:
        page = split_lines(text, base)
        while page and not "".join(t for t, _ in page[-1]).strip():  # a page break is not a paragraph break
            page.pop()
        while page and not "".join(t for t, _ in page[0]).strip():
            page.pop(0)
        lines += page
        lines.append(BREAK)
        base += len(text) + 1
    return normalize(lines, unit="pdf-text", min_repeats=max(2, (len(texts) + 1) // 2)), title


def _title(reader) -> str | None:
    try:
        meta = reader.metadata
        title = meta.title if meta else None
    except Exception:
        return None
    title = " ".join(str(title).split()) if title else ""
    return title if title and title.lower() not in PLACEHOLDER_TITLES else None
