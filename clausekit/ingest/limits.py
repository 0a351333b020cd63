"""Limits that keep reading a hostile or broken file bounded in time and memory.

Every limit has a default, can be set from the environment (for a cron job or a batch), and
can be passed as a ``Limits`` to ``read_document(path, limits=...)``. Exceeding one raises
``LimitExceeded`` (one line, naming the file and the limit) before the expensive work starts.

``max_file_mb`` (``CLAUSEKIT_MAX_FILE_MB``, default 25)
    The largest agreements we know (merger agreements) are 0.2-0.5 MB of text and 1-6 MB as
    filed HTML or PDF; 25 MB is 5x headroom. A bigger file is refused from its size alone,
    before it is read, so a 50 MB file costs no memory.
``max_text_chars`` (``CLAUSEKIT_MAX_TEXT_CHARS``, default 20,000,000)
    The spaCy pipeline's ``max_length``: longer text could not be extracted anyway.
``max_unzipped_mb`` (``CLAUSEKIT_MAX_UNZIPPED_MB``, default 100)
    A DOCX is a zip; the sum of its members' declared sizes is checked before anything is
    decompressed (python-docx loads every part into memory). A 300-page agreement's
    ``document.xml`` is ~10 MB.
``max_zip_ratio`` (``CLAUSEKIT_MAX_ZIP_RATIO``, default 200)
    Word XML compresses 5-20x; a member over 1 MB that claims more than 200x is a zip bomb.
``max_pdf_pages`` (``CLAUSEKIT_MAX_PDF_PAGES``, default 2000)
    pypdf spends 5-50 ms a page; 2000 pages bounds a PDF to well under a minute.

HTML nesting needs no limit: the HTML reader applies its rules to a flat stream of tag/text
events without recursion; past libxml2's depth limit it takes the events from ``html.parser``,
so a document nested 100,000 deep reads in linear time like any other.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, fields

from clausekit.errors import UsageError

ENV = {
    "max_file_mb": "CLAUSEKIT_MAX_FILE_MB",
    "max_text_chars": "CLAUSEKIT_MAX_TEXT_CHARS",
    "max_unzipped_mb": "CLAUSEKIT_MAX_UNZIPPED_MB",
    "max_zip_ratio": "CLAUSEKIT_MAX_ZIP_RATIO",
    "max_pdf_pages": "CLAUSEKIT_MAX_PDF_PAGES",
}


@dataclass(frozen=True)
class Limits:
    max_file_mb: float = 25
    max_text_chars: int = 20_000_000
    max_unzipped_mb: float = 100
    max_zip_ratio: float = 200
    max_pdf_pages: int = 2000

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """Defaults overridden by any ``CLAUSEKIT_MAX_*`` variable set (a bad value is a UsageError)."""
        env = os.environ if environ is None else environ
        kwargs: dict[str, float | int] = {}
        for f in fields(cls):
            raw = env.get(ENV[f.name])
            if raw is None or not raw.strip():
                continue
            kind = int if f.type in (int, "int") else float
            try:
                value = kind(raw.strip())
            except ValueError:
                raise UsageError(f"{ENV[f.name]}={raw!r} is not a number") from None
            if value <= 0:
                raise UsageError(f"{ENV[f.name]}={raw!r} must be positive")
            kwargs[f.name] = value
        return cls(**kwargs)
