"""One reminder run at a time: an exclusive ``flock`` on ``<database>.remind.lock`` (mode 0600).

The kernel drops the lock when the process ends, however it ends (kill -9 included), so a
crashed run never leaves a stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clausekit.errors import TemporaryFailure


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".remind.lock")


@contextmanager
def run_lock(db_path: Path) -> Iterator[Path]:
    """Hold the reminder lock of ``db_path``; TemporaryFailure (exit 75) when another run holds it."""
    path = lock_path(db_path)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise TemporaryFailure("another `clausekit remind` is running on this database; try again later",
                                   path=str(db_path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        os.close(fd)
