"""Removing a contract: its rows and the user's state of it go, in one transaction; the others stay."""
from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import pytest

from clausekit import store
from clausekit.errors import NotFound
from clausekit.types import Extraction
from tests.store_helpers import variant_record

AT = datetime(2021, 4, 1, 9, 0, tzinfo=UTC)
AS_OF = date(2021, 3, 24)


def _save(db, i: int):
    return store.save_extraction(db, Extraction.from_record(variant_record(i)), at=AT)


def _first_deadline(db, contract_id: int):
    items = store.list_deadlines(db, as_of=AS_OF, status="all", contract=str(contract_id), include_snoozed=True)
    return next(d for d in items if d.due)


def _rows(path, sql: str, *params) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def two(tmp_path):
    """Two contracts, the user's state on both: status, owner, note, recorded event, a reminder sent."""
    path = tmp_path / "ck.db"
    db = store.open_db(path)
    a, b = _save(db, 1), _save(db, 2)
    for c in (a, b):
        d = _first_deadline(db, c.contract_id)
        store.set_status(db, d.id, "done", note=f"paid ({c.name})", at=AT)
        store.set_owner(db, d.id, "maria", at=AT)
        store.begin_reminder(db, d.id, due=d.due, lead_days=7, recipient="maria@example.com", at=AT)
    event = store.list_events(db, a.contract_id)[0]
    store.record_event(db, a.contract_id, event.name, "2021-04-13", at=AT)
    return path, db, a, b


def test_remove_deletes_the_contract_and_its_state_and_keeps_the_other(two):
    path, db, a, b = two
    sha_a = store.get_contract(db, a.contract_id, detail=False).sha256
    before_b = store.list_deadlines(db, as_of=AS_OF, status="all", contract=str(b.contract_id))

    r = store.remove_contract(db, a.contract_id, at=AT)

    assert (r.id, r.name, r.sha256) == (a.contract_id, a.name, sha_a)
    assert r.deadlines == a.deadlines and r.tracked == 1 and r.notes == 1 and r.events == 1 and r.reminders == 1
    assert [c.id for c in store.list_contracts(db)] == [b.contract_id]
    with pytest.raises(NotFound):
        store.get_contract(db, a.contract_id, exact=True)
    # every table that held something of contract a holds nothing of it now
    assert _rows(path, "SELECT count(*) FROM deadline_state WHERE document_sha256 = ?", sha_a) == 0
    assert _rows(path, "SELECT count(*) FROM recorded_events WHERE document_sha256 = ?", sha_a) == 0
    assert _rows(path, "SELECT count(*) FROM provisions WHERE document_id = ?", a.contract_id) == 0
    assert _rows(path, "SELECT count(*) FROM sections WHERE document_id = ?", a.contract_id) == 0
    assert _rows(path, "SELECT count(*) FROM notes") == 1  # b's
    assert _rows(path, "SELECT count(*) FROM reminder_log") == 1  # b's
    # b is exactly as it was, state included
    after_b = store.list_deadlines(db, as_of=AS_OF, status="all", contract=str(b.contract_id))
    assert after_b == before_b
    assert [n.text for d in after_b for n in d.notes] == [f"paid ({b.name})"]
    # nothing orphaned, the full-text index agrees with the table, the audit log says what happened
    assert store.list_orphans(db) == []
    assert store.integrity_check(db) == "ok"
    assert {h.contract_id for h in store.search(db, "Tuspark")} == {b.contract_id}
    entry = store.list_audit(db, limit=1)[0]
    assert entry.action == "remove contract" and entry.contract_sha256 == sha_a and "1 notes" in entry.detail


def test_reingest_after_remove_starts_fresh(two):
    _, db, a, _ = two
    store.remove_contract(db, a.contract_id, at=AT)
    again = _save(db, 1)
    assert again.status == "new"
    items = store.list_deadlines(db, as_of=AS_OF, status="all", contract=str(again.contract_id))
    assert all(d.status == "open" and not d.owner and not d.notes for d in items)


def test_unknown_contract_changes_nothing(two):
    path, db, _, _ = two
    before = _rows(path, "SELECT count(*) FROM audit_log")
    with pytest.raises(NotFound):
        store.remove_contract(db, "no such agreement", at=AT)
    with pytest.raises(NotFound):  # a part of a name is not enough to remove a contract
        store.remove_contract(db, "agreement-000", at=AT)
    assert len(store.list_contracts(db)) == 2 and _rows(path, "SELECT count(*) FROM audit_log") == before


def test_cli_needs_yes_without_a_terminal_then_backs_up_and_removes(two, ck):
    path, db, a, b = two
    code, out, err = ck("remove", str(a.contract_id), "--db", str(path))
    assert code == 2 and "--yes" in err and out == ""
    assert len(store.list_contracts(db)) == 2

    code, out, err = ck("remove", str(a.contract_id), "--yes", "--db", str(path))
    assert code == 0, err
    assert f"removed contract {a.contract_id}" in out and "1 notes" in out
    assert [c.id for c in store.list_contracts(db)] == [b.contract_id]
    backup = out.rsplit("the previous content is in ", 1)[1].strip()
    assert _rows(backup, "SELECT count(*) FROM documents") == 2  # the backup still has both

    # the id is gone; it must not fall through to a partial match ("1" is in contract b's title)
    code, _, err = ck("remove", str(a.contract_id), "--yes", "--db", str(path))
    assert code == 2 and "no contract has the id, name or hash" in err
    assert [c.id for c in store.list_contracts(db)] == [b.contract_id]
