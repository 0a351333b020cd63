"""Readers: one per format, each turning a file into a ``Document`` (normalized text + offsets).

``read_document(path, limits=None)`` picks the reader by extension and raises
``UnsupportedFormat``, ``UnreadableFile`` or ``LimitExceeded`` (one line, naming the file and
the reason) for anything it cannot read; no library exception escapes it.

Normalized text (``Document.text``, what every offset of an extraction refers to) is built by
``clausekit.ingest.normalize``: one line per source line / block, a blank line between
paragraphs, whitespace runs folded, table cells separated by a tab, page numbers and running
headers/footers dropped. ``Document.offset_map`` maps text offsets back to the source:

=======  ===============  ===========================================================
format   ``unit``         source offsets count ...
=======  ===============  ===========================================================
txt, md  ``char``         characters of the decoded file
html     ``html-line``    the start of the source line where the text's element begins
         (``char``)       (exact characters of the decoded HTML when the flat fallback
                          tokenizer read it: nesting deeper than libxml2 takes)
pdf      ``pdf-text``     characters of pypdf's page texts joined by form feeds
docx     ``docx-text``    characters of the body's paragraph texts (table cells
                          included, in body order) joined by newlines
=======  ===============  ===========================================================
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from clausekit.errors import ClausekitError, LimitExceeded, UnreadableFile, UnsupportedFormat
from clausekit.ingest.limits import Limits
from clausekit.types import Document

#: extension -> format name
EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md", ".htm": "html", ".html": "html",
              ".pdf": "pdf", ".docx": "docx"}

__all__ = ["EXTENSIONS", "Limits", "read_document"]


def _reader(fmt: str):
    if fmt == "txt":
        from clausekit.ingest.txt import read_txt
        return read_txt
    if fmt == "md":
        from clausekit.ingest.md import read_md
        return read_md
    if fmt == "html":
        from clausekit.ingest.html import read_html
        return read_html
    if fmt == "pdf":
        from clausekit.ingest.pdf import read_pdf
        return read_pdf
    from clausekit.ingest.docx import read_docx
    return read_docx


def read_document(path: str | Path, limits: Limits | None = None) -> Document:
    """Read one file into a Document; ``limits`` defaults to ``Limits.from_env()``."""
    path = Path(path)
    name = str(path)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        what = f"'{path.suffix}' files" if path.suffix else "files without an extension"
        raise UnsupportedFormat(f"unsupported format: clausekit reads {', '.join(sorted(set(EXTENSIONS)))}, "
                                f"not {what}", path=name)
    limits = limits or Limits.from_env()
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableFile("is a directory", path=name)
        if size > limits.max_file_bytes:
            raise LimitExceeded(f"file is {size / 2**20:.1f} MB, over the {limits.max_file_mb:g} MB limit "
                                f"(CLAUSEKIT_MAX_FILE_MB)", path=name)
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableFile(f"cannot read file: {e.strerror or e}", path=name) from None
    if not data.strip():
        raise UnreadableFile("file is empty" if not data else "file is blank (whitespace only)", path=name)
    sha = hashlib.sha256(data).hexdigest()
    try:
        normalized, title = _reader(fmt)(data, name, limits)
    except ClausekitError:
        raise
    except (RecursionError, MemoryError) as e:
        raise LimitExceeded(f"too complex to read ({e.__class__.__name__})", path=name) from None
    except Exception as e:  # a library failing on a malformed file: one line, never a traceback
        detail = str(e).strip().splitlines()[0][:120] if str(e).strip() else "no detail"
        raise UnreadableFile(f"cannot read {fmt.upper()} file ({e.__class__.__name__}: {detail})",
                             path=name) from None
    text = normalized
    if not text.text.strip():
        raise UnreadableFile("no text in file", path=name)
    if len(text.text) > limits.max_text_chars:
        raise LimitExceeded(f"text is {len(text.text):,} characters, over the "
                            f"{limits.max_text_chars:,} limit (CLAUSEKIT_MAX_TEXT_CHARS)", path=name)
    return Document(path=name, format=fmt, sha256=sha, text=text.text, offset_map=text.offset_map,
                    title=title)
