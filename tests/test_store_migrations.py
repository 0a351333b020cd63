"""Migrations: from an empty file, from the previous schema version (a real v1 file), backups first."""
from __future__ import annotations

import shutil
import sqlite3
import stat

from clausekit import store
from tests.store_helpers import DATA, SEED_SHA, by_section

V1 = DATA / "schema_v1.db"


def indexes(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_%'")}


def test_fixture_is_at_version_1():
    conn = sqlite3.connect(f"file:{V1}?mode=ro", uri=True)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    conn.close()


def test_v1_database_is_migrated_with_its_data_and_user_state(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    db = store.open_db(path)
    assert [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == [
        "0001_initial", "0002_query_indexes", "0003_revisions", "0004_reminder_log",
        "0005_deadline_status_cache"]
    assert {"idx_deadlines_due", "idx_deadlines_document_due", "idx_state_status"} <= indexes(db)
    # the data and the user's state made under v1 (see tests/data/make_schema_v1.py)
    items = store.list_deadlines(db, as_of="2021-03-24", status="all")
    assert len(items) == 9
    closing = by_section(items, "2.1")
    assert (closing.status, closing.due, [n.text for n in closing.notes]) == ("done", "2021-04-01",
                                                                             ["closed 2021-04-13"])
    assert by_section(items, "5.1", "as soon as").owner == "j.doe"
    # 0005 copied the v1 statuses into the deadlines' status cache
    assert [d.section for d in store.list_deadlines(db, as_of="2021-03-24", status="done")] == ["2.1"]
    assert "2.1" not in [d.section for d in store.list_deadlines(db, as_of="2021-03-24")]
    # 0003 counts the v1 user changes into the revision: status + note, owner
    assert (closing.revision, by_section(items, "5.1", "as soon as").revision) == (2, 1)
    ev = {e.name: e.recorded for e in store.list_events(db, "vnet-13da-sra")}
    assert ev["Closing Date"] == "2021-04-13"
    assert store.get_contract(db, SEED_SHA[:10]).name == "vnet-13da-sra"
    assert [h.section for h in store.search(db, "Closing")][:1]  # FTS still answers
    assert store.integrity_check(db) == "ok"


def test_migration_takes_a_private_backup_first(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(V1, path)
    store.open_db(path).close()
    backups = list(tmp_path.glob("old.db.pre-0002_query_indexes.*.bak"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    conn = sqlite3.connect(backups[0])
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    assert conn.execute("SELECT count(*) FROM provisions").fetchone()[0] == 9
    conn.close()
    # opening again: nothing pending, no new backup
    store.open_db(path).close()
    assert len(list(tmp_path.glob("*.bak"))) == 1


def test_deadline_query_uses_the_due_index(tmp_path):
    """EXPLAIN QUERY PLAN of the `deadlines --within` query: a range search on idx_deadlines_due."""
    from clausekit.store import repo

    db = store.open_db(tmp_path / "q.db")
    plan = " | ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN " + repo._SELECT + " WHERE d.status = 'open' AND d.due IS NOT NULL "
        "AND d.due <= '2021-04-30'" + repo._ORDER))
    assert "USING INDEX idx_deadlines_status_due (status=? AND due>? AND due<?)" in plan, plan
    plan = " | ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN " + repo._SELECT + " WHERE d.document_id = 1" + repo._ORDER))
    assert "idx_deadlines_document_due" in plan, plan
