"""Readers: one per format, each turning a file into a ``Document`` (normalized text + offsets).

``read_document(path)`` picks the reader by extension and raises ``UnsupportedFormat`` or
``UnreadableFile`` (one line, naming the file) for anything it cannot read.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from clausekit.errors import UnreadableFile, UnsupportedFormat
from clausekit.types import Document

#: extension -> format name
EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md", ".htm": "html", ".html": "html",
              ".pdf": "pdf", ".docx": "docx"}


def read_document(path: str | Path) -> Document:
    path = Path(path)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(f"unsupported format {path.suffix or '(no extension)'!r}", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UnreadableFile(f"cannot read file: {e.strerror or e}", path=str(path)) from None
    if not data.strip():
        raise UnreadableFile("file is empty", path=str(path))
    sha = hashlib.sha256(data).hexdigest()
    if fmt in ("txt", "md"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UnreadableFile("not valid UTF-8 text", path=str(path)) from None
        return Document(path=str(path), format=fmt, sha256=sha, text=text)
    raise UnsupportedFormat(f"reader for {fmt} not built yet", path=str(path))
