"""A fingerprint of the extraction method: changes whenever pipeline code or pattern files change.

A record (or a stored document) extracted under another fingerprint is stale and is
re-extracted; one under the same fingerprint and the same file hash is current.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from clausekit import __version__

_PKG = Path(__file__).resolve().parent
#: the code whose change changes what extraction produces
_METHOD_PATHS = ("nlp", "extract.py", "types.py", "deadlines", "ingest")


def _models_dir() -> Path | None:
    for candidate in (_PKG.parent / "models", _PKG / "_models"):
        if candidate.is_dir():
            return candidate
    return None


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    h = hashlib.sha256(__version__.encode())
    files: list[Path] = []
    for rel in _METHOD_PATHS:
        p = _PKG / rel
        files += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    models = _models_dir()
    if models:
        files += sorted(f for f in models.rglob("*") if f.is_file())
    for f in files:
        h.update(str(f.relative_to(f.parents[1] if f.is_relative_to(_PKG) else models.parent)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]
