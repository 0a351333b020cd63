"""Extraction records on disk: one JSON file per document, written only when stale.

Extraction is a pure function from a file to a record, so ``write_record`` is the unit of
work everywhere: ``clausekit extract --out DIR``, and tasks on a distributed engine (see
``examples/dask_extract.py``), whose output ``clausekit ingest --records DIR`` loads.
spaCy is imported only when a record actually has to be (re)extracted.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from clausekit import __version__
from clausekit.fingerprint import pipeline_fingerprint
from clausekit.ingest import read_document
from clausekit.types import Document


def record_path(out_dir: str | Path, source: str | Path) -> Path:
    """``DIR/<name>.json``, ``<name>`` being the file name without its extension."""
    return Path(out_dir) / f"{Path(source).stem}.json"


def record_is_current(path: Path, sha256: str) -> bool:
    """True when ``path`` holds a record of these bytes made by this extraction method."""
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(rec, dict) and (rec.get("source") or {}).get("sha256") == sha256
            and rec.get("pipeline") == pipeline_fingerprint())


def record_of(document: Document, nlp=None) -> dict:
    """The extraction record of ``document``, stamped with the version and method fingerprint."""
    from clausekit.extract import extract

    rec = extract(document, nlp).to_record()
    rec["clausekit_version"] = __version__
    rec["pipeline"] = pipeline_fingerprint()
    return rec


def write_json_atomic(path: Path, data: dict) -> None:
    """Write JSON so that a reader never sees half a file (temp file in the same folder + rename).

    Records quote contract text, so the file is created readable by its owner only (0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    tmp.replace(path)


def write_record(source: str | Path, out_dir: str | Path, *, force: bool = False, nlp=None) -> Path | None:
    """Extract ``source`` into ``out_dir``; returns the record's path, or None if it was current.

    Raises ``ClausekitError`` (one line naming the file) when the file cannot be read.
    """
    document = read_document(source)
    target = record_path(out_dir, source)
    if not force and record_is_current(target, document.sha256):
        return None
    write_json_atomic(target, record_of(document, nlp))
    return target
