"""Opening the database, transactions with retry, backups.

Every connection: WAL journal (readers never block the writer), foreign keys on,
``synchronous=FULL`` (a committed user change survives power loss), a busy timeout, and
write transactions that start with ``BEGIN IMMEDIATE`` and are retried while another
process holds the write lock, so "database is locked" never reaches a user; if the lock
stays taken past ``RETRY_SECONDS`` the caller gets ``TemporaryFailure`` (exit 75).
"""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from clausekit.store._sqlite_utils import Database

from clausekit.errors import StoreError, TemporaryFailure, UsageError
from clausekit.store.schema import MIGRATIONS

T = TypeVar("T")

BUSY_TIMEOUT_MS = 5_000
RETRY_SECONDS = 60.0


MMAP_BYTES = 256 * 2**20  # address space only; SQLite maps at most the file's size


def _is_busy(e: sqlite3.OperationalError) -> bool:
    msg = str(e).lower()
    return "locked" in msg or "busy" in msg


def retry(fn: Callable[[], T], *, seconds: float = RETRY_SECONDS) -> T:
    """Call ``fn`` until it does not fail with SQLITE_BUSY/LOCKED, for up to ``seconds``."""
    deadline = time.monotonic() + seconds
    delay = 0.01
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as e:
            if not _is_busy(e):
                raise
            if time.monotonic() >= deadline:
                raise TemporaryFailure("the database is busy (another clausekit is writing); try again later") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def write(db: Database, fn: Callable[[Database], T]) -> T:
    """Run ``fn(db)`` in one write transaction (BEGIN IMMEDIATE), retrying while the lock is taken."""
    if db.conn.in_transaction:  # nested: part of the caller's transaction
        return fn(db)

    def attempt() -> T:
        db.execute("BEGIN IMMEDIATE")
        try:
            result = fn(db)
            db.execute("COMMIT")
            return result
        except BaseException:
            db.rollback()
            raise

    return retry(attempt)


def read(db: Database, fn: Callable[[Database], T]) -> T:
    """Run ``fn(db)`` in one read transaction: every query sees the same snapshot."""
    if db.conn.in_transaction:
        return fn(db)

    def attempt() -> T:
        db.execute("BEGIN")
        try:
            return fn(db)
        finally:
            db.rollback()

    return retry(attempt)


def _create_private(path: Path) -> None:
    """Create an empty file readable and writable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def _connect(path: Path, check_same_thread: bool = True) -> Database:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=check_same_thread)
    db = Database(conn)
    retry(lambda: db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"))
    mode = retry(lambda: db.execute("PRAGMA journal_mode = WAL").fetchone()[0])
    if str(mode).lower() != "wal":
        raise StoreError(f"cannot switch the database to WAL mode (got {mode})", path=str(path))
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA synchronous = FULL")
    # read pages through a memory map instead of one read() call each: a 100k-deadline list
    # touches most pages of the provisions table (bench/tracker.py: ~30 % less CPU for `remind`)
    db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    return db


def _has_data(db: Database) -> bool:
    return db["documents"].exists() or db["deadline_state"].exists()


def pending_migrations(db: Database) -> list[str]:
    return [m.name for m in MIGRATIONS.pending(db)]


def open_db(path: str | Path, *, migrate: bool = True, backup_dir: str | Path | None = None,
            check_same_thread: bool = True) -> Database:
    """Open (creating if needed, mode 0600) the clausekit database at ``path``.

    Pending migrations are applied; a database that already holds data is backed up first
    (``<name>.pre-<migration>.<stamp>.bak`` next to it, or in ``backup_dir``).
    ``check_same_thread=False`` lets another thread (a TUI worker) use the connection; the caller
    must then use it from one thread at a time (or open one connection per thread).
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise UsageError("is a folder, not a database file", path=str(path))
    try:
        _create_private(path)
        db = _connect(path, check_same_thread)
        if migrate:
            _migrate(db, path, Path(backup_dir) if backup_dir else path.parent)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"cannot open database: {e}", path=str(path)) from None
    except OSError as e:
        raise StoreError(f"cannot open database: {e.strerror or e}", path=str(path)) from None
    return db


def _migrate(db: Database, path: Path, backup_dir: Path) -> None:
    pending = retry(lambda: pending_migrations(db))
    if not pending:
        return
    if _has_data(db):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup(db, backup_dir / f"{path.name}.pre-{pending[0]}.{stamp}.bak")

    def apply(db: Database) -> None:
        if pending_migrations(db):  # another process may have migrated meanwhile
            MIGRATIONS.apply(db)

    write(db, apply)


def _private_target(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if out.exists():
        out.unlink()
    _create_private(out)
    os.chmod(out, 0o600)


def backup(db: Database, out: str | Path) -> Path:
    """Copy the live database to ``out`` with SQLite's online backup API (file mode 0600)."""
    out = Path(out).expanduser()
    if out.is_dir():
        raise UsageError("is a folder; give a file name for the backup", path=str(out))
    _private_target(out)
    target = sqlite3.connect(str(out))
    try:
        retry(lambda: db.conn.backup(target))
    finally:
        target.close()
    return out


def check_database_file(path: Path) -> None:
    """Raise UsageError unless ``path`` is an intact clausekit database."""
    if not path.is_file():
        raise UsageError("no such file", path=str(path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise UsageError(f"not a clausekit database: {e}", path=str(path)) from None
    if ok != "ok":
        raise UsageError(f"database fails its integrity check: {ok}", path=str(path))
    if "_sqlite_migrations" not in tables or "documents" not in tables:
        raise UsageError("not a clausekit database (no clausekit tables)", path=str(path))


def restore(db: Database, source: str | Path) -> None:
    """Replace the live database's content with the backup at ``source`` (online backup API).

    The caller should back up the current database first (``clausekit restore`` does).
    """
    source = Path(source).expanduser()
    check_database_file(source)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        retry(lambda: src.backup(db.conn))
    finally:
        src.close()
