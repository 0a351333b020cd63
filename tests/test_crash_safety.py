"""kill -9 an ingest in the middle of a batch: the database opens cleanly, holds no half-written
document, and re-running completes the batch without duplicates."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from clausekit import store
from tests.store_helpers import write_variants

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": "/nonexistent/clausekit.toml"}


def documents(db_path: Path) -> int:
    if not db_path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def start_ingest(db_path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "clausekit", "ingest", "--db", str(db_path), *args], cwd=ROOT,
                            env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_when(proc: subprocess.Popen, db_path: Path, at_least: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while documents(db_path) < at_least:
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.communicate()}"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return documents(db_path)


def assert_whole(db_path: Path, provisions_per_doc: int, sections_per_doc: int) -> None:
    db = store.open_db(db_path)
    try:
        assert store.integrity_check(db) == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = db.execute("""
            SELECT d.id, (SELECT count(*) FROM provisions p WHERE p.document_id = d.id),
                   (SELECT count(*) FROM deadlines x WHERE x.document_id = d.id),
                   (SELECT count(*) FROM sections s WHERE s.document_id = d.id)
            FROM documents d""").fetchall()
        half = [r for r in rows if r[1:] != (provisions_per_doc, provisions_per_doc, sections_per_doc)]
        assert half == [], f"half-written documents: {half[:5]}"
        assert db.execute("SELECT count(*) - count(DISTINCT sha256) FROM documents").fetchone()[0] == 0
        # the FTS index agrees with its table
        db.execute("INSERT INTO sections_fts(sections_fts) VALUES ('integrity-check')")
    finally:
        db.close()


def test_kill_during_records_ingest_then_rerun(tmp_path):
    n = 150
    records = write_variants(tmp_path / "records", n)
    db_path = tmp_path / "ck.db"
    proc = start_ingest(db_path, "--records", str(records))
    done_at_kill = kill_when(proc, db_path, at_least=20)
    assert 20 <= done_at_kill < n
    assert_whole(db_path, provisions_per_doc=9, sections_per_doc=27)

    rerun = start_ingest(db_path, "--records", str(records))
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert f"{n - done_at_kill} new, {done_at_kill} unchanged, 0 updated, 0 failed" in out
    assert documents(db_path) == n
    assert_whole(db_path, provisions_per_doc=9, sections_per_doc=27)


def _processes_mentioning(needle: str) -> list[int]:
    found = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if needle.encode() in (p / "cmdline").read_bytes():
                found.append(int(p.name))
        except OSError:
            continue
    return found


def test_kill_during_file_ingest_with_workers_leaves_no_workers_behind(tmp_path):
    seed = (ROOT / "corpus" / "vnet-13da-sra.md").read_text(encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    n = 40
    for i in range(n):
        (folder / f"agreement-{i:03d}.md").write_text(seed + f"\n\nCopy {i}.\n", encoding="utf-8")
    db_path = tmp_path / "files.db"
    proc = start_ingest(db_path, "--workers", "2", str(folder))
    done_at_kill = kill_when(proc, db_path, at_least=3)
    assert done_at_kill < n
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(db_path)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_mentioning(str(db_path)) == [], "extraction workers outlived a killed ingest"
    db = store.open_db(db_path)
    assert store.integrity_check(db) == "ok"
    db.close()
    rerun = start_ingest(db_path, "--workers", "2", str(folder))
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert documents(db_path) == n
    assert f"{done_at_kill} unchanged" in out
