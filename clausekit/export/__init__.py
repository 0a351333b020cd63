"""Exports of the tracked deadlines: ICS calendar (``ics``), CSV (``csv``) and JSON (``json``).

Renderers are pure (deadlines in, text out); ``write_output`` writes a file atomically
(temporary file in the same folder, fsync, rename) with user-only permissions, or stdout.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from clausekit.errors import UsageError


def write_output(data: str | bytes, out: str | Path | None) -> Path | None:
    """Write ``data`` to ``out`` atomically with mode 0600; ``None`` or "-" writes to stdout."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out is None or str(out) == "-":
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        return None
    target = Path(out).expanduser()
    if target.is_dir():
        raise UsageError("is a folder; give a file name", path=str(target))
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError("no such folder", path=str(folder))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)  # created 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
