"""The store against real SQLite files in tmp_path, fed the hand-made seed record.

Expected values are typed in from reading the seed agreement (see
tests/data/records/make_seed_record.py for the hand-checked date arithmetic), never taken
from the code under test.
"""
from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import UTC, datetime

import pytest

from clausekit import store
from clausekit.errors import NotFound, UsageError
from clausekit.types import Extraction, Party, Section, TimeProvision
from tests.store_helpers import SEED_SHA, by_section, seed_extraction, seed_record

T0 = datetime(2021, 3, 24, 9, 0, tzinfo=UTC)
T1 = datetime(2021, 3, 25, 10, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    d = store.open_db(tmp_path / "ck.db")
    yield d
    d.close()


@pytest.fixture
def seeded(db):
    store.save_extraction(db, seed_extraction(), pipeline="p1", at=T0)
    return db


# ---------------------------------------------------------------- opening


def test_open_creates_private_wal_database_with_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "ck.db"
    db = store.open_db(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == ["0001_initial", "0002_query_indexes", "0003_revisions", "0004_reminder_log",
        "0005_deadline_status_cache"]
    assert store.SCHEMA_VERSION == 5
    store.save_extraction(db, seed_extraction())
    for side in ("-wal", "-shm"):  # SQLite gives its side files the database's permissions
        assert stat.S_IMODE(path.with_name(path.name + side).stat().st_mode) == 0o600
    assert {"documents", "sections", "sections_fts", "parties", "party_aliases", "defined_terms", "provisions",
            "deadlines", "events", "conditions", "covenants", "deadline_state", "notes", "recorded_events",
            "audit_log"} <= set(db.table_names())


def test_open_an_existing_empty_file_migrates_it(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    db = store.open_db(path)
    assert store.list_contracts(db) == []
    assert list(tmp_path.glob("*.bak")) == []  # nothing to back up in an empty file


def test_open_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(Exception) as e:
        store.open_db(path)
    assert "notes.db" in str(e.value) and "\n" not in str(e.value)


def test_reopening_applies_nothing(tmp_path):
    store.open_db(tmp_path / "a.db").close()
    db = store.open_db(tmp_path / "a.db")
    assert db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == 5


# ---------------------------------------------------------------- saving


def test_seed_record_is_stored_whole(seeded):
    c = store.get_contract(seeded, "vnet-13da-sra")
    assert c.sha256 == SEED_SHA
    assert c.title == "SHARE REPURCHASE AGREEMENT"
    assert c.agreement_date == "2021-03-23"
    assert c.governing_law == "Hong Kong" and c.calendar == "HK"
    assert [p.name for p in c.parties] == ["21Vianet Group, Inc.", "Tuspark Innovation Venture Limited",
                                          "Tus-Holdings Co., Ltd.", "Beacon Capital Group Inc."]
    assert c.parties[1].aliases == ("Tuspark",)
    assert len(c.sections) == 27 and c.sections[0].number == "Item 2"
    assert [cp.section for cp in c.conditions_precedent] == ["3.1(a)", "3.1(b)", "3.1(c)", "3.1(d)", "3.1(e)",
                                                             "3.2(a)", "3.2(b)"]
    assert [(cv.section, cv.obligor) for cv in c.covenants] == [("5.1", "Company"), ("5.2", "Tuspark"), ("5.3", None)]
    assert c.open_deadlines == 9
    assert {e.name: e.scheduled for e in c.events}["Effective Date"] == "2021-03-23"


def test_identity_is_sha256_of_hash_section_normalized_quote_occurrence(seeded):
    d = by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "2.1")
    # computed here by hand from the documented recipe
    key = f"{SEED_SHA}\x1f2.1\x1fon the seventh (7th) business day after the effective date\x1f0"
    assert d.id == hashlib.sha256(key.encode()).hexdigest()
    assert d.short_id == d.id[:8]


def test_normalization_folds_case_spaces_and_curly_quotes():
    assert store.normalize_quote("  Within  “Ninety” days.\n") == 'within "ninety" days'
    a = store.provision_uid("ab" * 32, "2.1", "Within ten days", 0)
    assert a == store.provision_uid("ab" * 32, " 2.1 ", "within   ten  days.", 0)
    assert a != store.provision_uid("ab" * 32, "2.1", "within ten days", 1)
    assert a != store.provision_uid("cd" * 32, "2.1", "within ten days", 0)


def test_identical_quotes_in_one_section_get_distinct_ids_by_occurrence(db):
    sha = hashlib.sha256(b"twice").hexdigest()
    tp = dict(section="7", kind="notice", count=30, unit="day", direction="before", anchor=None, date=None,
              due=None, obligor=None, action=None, explanation=None)
    x = Extraction(source={"path": "twice.txt", "sha256": sha, "format": "txt"},
                   deadlines=(TimeProvision(quote="thirty (30) days' prior written notice", start=500, end=540, **tp),
                              TimeProvision(quote="thirty (30) days' prior written notice", start=100, end=140, **tp)))
    store.save_extraction(db, x)
    items = store.list_deadlines(db, as_of="2021-01-01")
    ids = {d.start: d.id for d in items}
    assert len(ids) == 2 and ids[100] != ids[500]
    # occurrence counts in text order, whatever the order of the list
    assert ids[100] == store.provision_uid(sha, "7", "thirty (30) days' prior written notice", 0)
    assert ids[500] == store.provision_uid(sha, "7", "thirty (30) days' prior written notice", 1)


def test_unchanged_reingest_writes_nothing(seeded):
    before = seeded.conn.total_changes
    r = store.save_extraction(seeded, seed_extraction(), pipeline="p1", at=T1)
    assert (r.status, r.deadlines) == ("unchanged", 9)
    assert seeded.conn.total_changes == before
    assert store.get_contract(seeded, "vnet-13da-sra").updated_at == T0.isoformat(timespec="seconds")


def test_new_pipeline_replaces_rows_and_keeps_user_state(seeded):
    items = store.list_deadlines(seeded, as_of="2021-03-24")
    closing = by_section(items, "2.1")
    reg = by_section(items, "5.1", "as soon as")
    window = by_section(items, "Item 2")
    store.set_status(seeded, closing.short_id, "done", note="closed on time", at=T1)
    store.set_owner(seeded, reg.short_id, "j.doe", at=T1)
    store.add_note(seeded, window.short_id, "not a deadline really", at=T1)
    store.snooze(seeded, reg.short_id, "2021-05-01", at=T1)

    # the "improved" pipeline drops the Item 2 window and adds a new provision
    rec = seed_record()
    rec["deadlines"] = [d for d in rec["deadlines"] if d["section"] != "Item 2"]
    rec["deadlines"].append({**rec["deadlines"][0], "quote": "within five (5) Business Days", "section": "6.2",
                             "start": 20000, "end": 20029})
    r = store.save_extraction(seeded, Extraction.from_record(rec), pipeline="p2", at=T1)
    assert (r.status, r.deadlines, r.orphaned) == ("updated", 9, 1)

    after = store.list_deadlines(seeded, as_of="2021-03-24", status="all", include_snoozed=True)
    c2 = by_section(after, "2.1")
    assert (c2.id, c2.status, c2.due) == (closing.id, "done", "2021-04-01")
    assert [n.text for n in c2.notes] == ["closed on time"]
    r2 = by_section(after, "5.1", "as soon as")
    assert (r2.id, r2.owner, r2.snoozed_until) == (reg.id, "j.doe", "2021-05-01")
    orphans = store.list_orphans(seeded)
    assert [(o.id, o.section, o.quote, o.orphaned) for o in orphans] == [
        (window.id, "Item 2", "during the last five years", True)]
    assert [n.text for n in orphans[0].notes] == ["not a deadline really"]
    assert store.get_deadline(seeded, window.short_id).orphaned

    # the provision comes back: its state reattaches
    store.save_extraction(seeded, seed_extraction(), pipeline="p3", at=T1)
    assert store.list_orphans(seeded) == []
    back = store.get_deadline(seeded, window.short_id)
    assert not back.orphaned and [n.text for n in back.notes] == ["not a deadline really"]


def test_a_failing_save_leaves_the_database_untouched(seeded, monkeypatch):
    from clausekit.store import repo

    before = seeded.execute("SELECT count(*) FROM provisions").fetchone()[0]
    rec = seed_record()
    rec["source"]["sha256"] = "ee" * 32

    def boom(*a, **k):
        raise RuntimeError("engine exploded")

    monkeypatch.setattr("clausekit.deadlines.resolve_provisions", boom)
    with pytest.raises(RuntimeError):
        store.save_extraction(seeded, Extraction.from_record(rec))
    assert seeded.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert seeded.execute("SELECT count(*) FROM provisions").fetchone()[0] == before
    assert seeded.execute("SELECT count(*) FROM sections").fetchone()[0] == 27


def test_extraction_without_hash_is_refused(db):
    with pytest.raises(UsageError):
        store.save_extraction(db, Extraction(source={"path": "x.txt"}))


# ---------------------------------------------------------------- listing


def test_deadlines_as_of_seed_day(seeded):
    """Dates hand-checked: the Closing Date is fixed by 2.1 (7 HK business days after 23 March =
    1 April), so everything "on or before" / "from" the Closing Date falls on 1 April too."""
    items = store.list_deadlines(seeded, as_of="2021-03-24")
    # Item 4 counts from the Class B closing the 13D/A records (2021-04-13) + 60 days = 2021-06-12
    # (hand-checked in make_seed_record.py).
    assert [(d.section, d.due, d.pending_on) for d in items] == [
        ("2.1", "2021-04-01", None),
        ("3.1", "2021-04-01", None),
        ("3.2", "2021-04-01", None),
        ("5.1", "2021-04-01", None),
        ("5.2", "2021-04-01", None),
        ("Item 4", "2021-06-12", None),
        ("5.1", "2021-06-21", None),
        ("Item 2", None, None),
        ("Item 4", None, None),
    ]
    closing = items[0]
    assert closing.status == "open" and closing.kind == "deadline"
    assert closing.explanation == "Effective Date 2021-03-23 + 7 business days (HK) = 2021-04-01"
    assert closing.contract_name == "vnet-13da-sra" and closing.count == 7 and closing.unit == "business_day"
    assert closing.calendar == "HK"
    assert not closing.is_overdue("2021-03-24") and closing.is_overdue("2021-04-02")
    assert "Closing Date" in items[1].explanation and "2021-04-01" in items[1].explanation
    # 30 XHKG sessions ending 22 March 2021: 16 in March, then back through February skipping
    # the Lunar New Year closures of 12 and 15 February -> starts 5 February
    window = items[-1]
    assert (window.kind, window.window_start, window.window_end) == ("window", "2021-02-05", "2021-03-22")


def test_a_provision_waiting_for_an_event_is_listed_after_dated_ones(db):
    rec = seed_record()
    rec["events"] = [e for e in rec["events"] if "Class B" not in e["name"]]
    store.save_extraction(db, Extraction.from_record(rec))
    items = store.list_deadlines(db, as_of="2021-03-24")
    pending = [d for d in items if d.pending_on]
    assert [(d.section, d.pending_on) for d in pending] == [
        ("Item 4", "closing date of the Class B Share Repurchase")]
    assert items.index(pending[0]) == 6  # after the six dated ones, before the two undated windows
    assert all(d.due for d in items[:6]) and not any(d.due for d in items[7:])


def test_within_overdue_kind_text_contract_filters(seeded):
    within = store.list_deadlines(seeded, as_of="2021-03-24", within=8)
    assert [(d.section, d.due) for d in within] == [("2.1", "2021-04-01"), ("3.1", "2021-04-01"),
                                                     ("3.2", "2021-04-01"), ("5.1", "2021-04-01"),
                                                     ("5.2", "2021-04-01")]
    assert [d.due for d in store.list_deadlines(seeded, as_of="2021-03-24", within=7)] == []
    # --within keeps overdue items: they need attention most
    assert [d.due for d in store.list_deadlines(seeded, as_of="2021-06-13", within=0)] == ["2021-04-01"] * 5 + [
        "2021-06-12"]
    assert [d.due for d in store.list_deadlines(seeded, as_of="2021-06-13", overdue=True)] == ["2021-04-01"] * 5 + [
        "2021-06-12"]
    assert [d.section for d in store.list_deadlines(seeded, as_of="2021-03-24", kind="expiry")] == ["5.2"]
    assert len(store.list_deadlines(seeded, as_of="2021-03-24", kind=["window", "expiry"])) == 3
    assert [d.section for d in store.list_deadlines(seeded, as_of="2021-03-24", text="REGISTER")] == ["5.1"]
    assert len(store.list_deadlines(seeded, as_of="2021-03-24", contract="vnet")) == 9
    assert len(store.list_deadlines(seeded, as_of="2021-03-24", contract="Tuspark")) == 9  # by party
    with pytest.raises(NotFound):
        store.list_deadlines(seeded, as_of="2021-03-24", contract="nope")
    with pytest.raises(UsageError):
        store.list_deadlines(seeded, as_of="2021-03-24", status="closed")
    with pytest.raises(UsageError):
        store.list_deadlines(seeded, as_of="24/03/2021")


def test_text_filter_treats_like_wildcards_literally(seeded):
    assert store.list_deadlines(seeded, as_of="2021-03-24", text="%") == []
    assert store.list_deadlines(seeded, as_of="2021-03-24", text="_") == []


def test_status_owner_snooze_and_audit(seeded):
    d = by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "2.1")
    assert store.set_status(seeded, d.short_id, "done", at=T1).status == "done"
    assert by_section(store.list_deadlines(seeded, as_of="2021-03-24", status="done"), "2.1").id == d.id
    # the status cache in deadlines follows, and survives re-extraction
    store.save_extraction(seeded, seed_extraction(), pipeline="p-next", at=T1)
    assert [x.id for x in store.list_deadlines(seeded, as_of="2021-03-24", status="done")] == [d.id]
    assert all(x.id != d.id for x in store.list_deadlines(seeded, as_of="2021-03-24"))
    store.set_status(seeded, d.id, "open", at=T1)
    store.set_status(seeded, d.id[:10], "waived", note="waived by letter", at=T1)
    store.set_owner(seeded, d.short_id, "Robert'); DROP TABLE deadlines;--", at=T1)
    store.snooze(seeded, d.short_id, "2021-03-30", at=T1)
    assert [x.id for x in store.list_deadlines(seeded, as_of="2021-03-24", status="all", include_snoozed=True,
                                               owner="robert'); drop table deadlines;--")] == [d.id]
    got = store.get_deadline(seeded, d.short_id)
    assert (got.status, got.owner, got.snoozed_until) == ("waived", "Robert'); DROP TABLE deadlines;--",
                                                          "2021-03-30")
    assert got.updated_at == "2021-03-25T10:30:00+00:00"
    log = store.list_audit(seeded, deadline_id=d.short_id)
    assert [(a.action, a.old, a.new) for a in reversed(log)] == [
        ("status", "open", "done"), ("status", "done", "open"), ("status", "open", "waived"),
        ("note", None, "waived by letter"), ("owner", None, "Robert'); DROP TABLE deadlines;--"),
        ("snooze", None, "2021-03-30")]
    assert all(a.at == "2021-03-25T10:30:00+00:00" and a.contract_sha256 == SEED_SHA for a in log)
    # setting the same value again is not a change
    store.set_owner(seeded, d.short_id, "Robert'); DROP TABLE deadlines;--", at=T1)
    assert len(store.list_audit(seeded, deadline_id=d.short_id)) == 6


def test_snoozed_deadlines_are_hidden_until_the_day(seeded):
    d = by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "5.1", "as soon as")
    store.snooze(seeded, d.short_id, "2021-04-10", at=T1)
    assert d.id not in {x.id for x in store.list_deadlines(seeded, as_of="2021-04-09")}
    assert d.id in {x.id for x in store.list_deadlines(seeded, as_of="2021-04-09", include_snoozed=True)}
    assert d.id in {x.id for x in store.list_deadlines(seeded, as_of="2021-04-10")}
    store.snooze(seeded, d.short_id, None, at=T1)
    assert d.id in {x.id for x in store.list_deadlines(seeded, as_of="2021-04-09")}


def test_unknown_ambiguous_and_malformed_ids(seeded, db):
    with pytest.raises(NotFound):
        store.set_status(seeded, "00000000", "done")
    with pytest.raises(UsageError, match="bad deadline id"):
        store.get_deadline(seeded, "xyz!")
    with pytest.raises(UsageError, match="unknown status"):
        store.set_status(seeded, "00000000", "finished")
    with pytest.raises(UsageError, match="empty note"):
        store.add_note(seeded, "00000000", "   ")
    with pytest.raises(UsageError):
        store.get_deadline(seeded, "abc")  # under four characters


def test_a_prefix_shared_by_two_ids_is_ambiguous(db):
    sha = hashlib.sha256(b"ambiguous").hexdigest()
    first: dict[str, str] = {}
    for i in range(100_000):  # find two quotes whose ids share 4 hex digits (birthday: a few hundred tries)
        quote = f"within {i} days"
        prefix = store.provision_uid(sha, "1", quote, 0)[:4]
        if prefix in first:
            pair = (first[prefix], quote)
            break
        first[prefix] = quote
    tp = dict(section="1", kind="deadline", count=1, unit="day", direction="after", anchor="X", date=None, due=None,
              obligor=None, action=None, explanation=None, start=0, end=5)
    store.save_extraction(db, Extraction(source={"path": "a.txt", "sha256": sha, "format": "txt"},
                                         deadlines=tuple(TimeProvision(quote=q, **tp) for q in pair)))
    with pytest.raises(UsageError, match="ambiguous"):
        store.get_deadline(db, prefix)
    full = store.provision_uid(sha, "1", pair[1], 0)
    assert store.get_deadline(db, full[:12]).quote == pair[1]


def test_party_with_sql_in_its_name_round_trips(db):
    evil = "Robert'); DROP TABLE deadlines;--"
    sha = hashlib.sha256(b"evil").hexdigest()
    x = Extraction(source={"path": "evil.txt", "sha256": sha, "format": "txt"}, title=evil,
                   parties=(Party(name=evil, aliases=(evil, "Bob")),),
                   sections=(Section(number="1", heading=evil, level=1, parent=None, start=0, end=10),),
                   deadlines=(TimeProvision(quote=evil, section="1", kind="deadline", count=None, unit=None,
                                            direction="before", anchor=evil, date=None, due="2021-01-02",
                                            obligor=evil, action=evil, explanation=None, start=0, end=10),))
    store.save_extraction(db, x, text="Robert drop table deadlines")
    c = store.get_contract(db, evil)
    assert c.parties[0].name == evil and c.parties[0].aliases == (evil, "Bob") and c.title == evil
    d = store.list_deadlines(db, as_of="2021-01-01", text=evil)[0]
    assert (d.quote, d.obligor, d.anchor) == (evil, evil, evil)
    store.add_note(db, d.short_id, evil)
    assert store.get_deadline(db, d.short_id).notes[0].text == evil
    assert [h.section for h in store.search(db, evil)] == ["1"]
    assert "deadlines" in db.table_names() and store.integrity_check(db) == "ok"


# ---------------------------------------------------------------- events


def test_record_event_validates_and_survives_reingest(seeded):
    with pytest.raises(NotFound, match="Closing Date"):  # the message lists the known events
        store.record_event(seeded, "vnet-13da-sra", "Signing Date", "2021-04-13")
    with pytest.raises(UsageError):
        store.record_event(seeded, "vnet-13da-sra", "Closing Date", "13 April")
    store.record_event(seeded, "vnet-13da-sra", "the closing date", "2021-04-13", at=T1)
    ev = {e.name: e for e in store.list_events(seeded, "vnet-13da-sra")}
    assert (ev["Closing Date"].recorded, ev["Effective Date"].scheduled) == ("2021-04-13", "2021-03-23")
    store.save_extraction(seeded, seed_extraction(), pipeline="p2", at=T1)  # re-extraction
    ev = {e.name: e for e in store.list_events(seeded, "vnet-13da-sra")}
    assert ev["Closing Date"].recorded == "2021-04-13"
    audit = store.list_audit(seeded)[0]
    assert (audit.action, audit.new, audit.detail) == ("event", "2021-04-13", "Closing Date")
    store.record_event(seeded, "vnet-13da-sra", "Closing Date", None, at=T1)
    assert {e.name: e for e in store.list_events(seeded, "vnet-13da-sra")}["Closing Date"].recorded is None


def test_recording_the_closing_date_moves_what_hangs_on_it(seeded):
    changes = store.record_event(seeded, "vnet-13da-sra", "Closing Date", "2021-04-13", at=T1)
    assert sorted((c.section, c.old_due, c.new_due, c.new_pending_on) for c in changes) == [
        ("3.1", "2021-04-01", "2021-04-13", None), ("3.2", "2021-04-01", "2021-04-13", None),
        ("5.1", "2021-04-01", "2021-04-13", None), ("5.2", "2021-04-01", "2021-04-13", None)]
    assert all("2021-04-13" in c.explanation and "recorded" in c.explanation for c in changes)
    items = store.list_deadlines(seeded, as_of="2021-04-14", overdue=True)
    assert [(d.section, d.due) for d in items] == [("2.1", "2021-04-01"), ("3.1", "2021-04-13"),
                                                   ("3.2", "2021-04-13"), ("5.1", "2021-04-13"),
                                                   ("5.2", "2021-04-13")]
    # another name of the same event finds the same recording; clearing it moves them back
    assert {e.name: e.recorded for e in store.list_events(seeded, "vnet-13da-sra")}["Closing Date"] == "2021-04-13"
    back = store.record_event(seeded, "vnet-13da-sra", "the Closing", None, at=T1)
    assert sorted((c.section, c.new_due) for c in back) == [("3.1", "2021-04-01"), ("3.2", "2021-04-01"),
                                                            ("5.1", "2021-04-01"), ("5.2", "2021-04-01")]


def test_recorded_event_is_applied_when_a_document_is_re_extracted(seeded):
    store.record_event(seeded, "vnet-13da-sra", "Closing Date", "2021-04-13", at=T1)
    store.save_extraction(seeded, seed_extraction(), pipeline="p2", at=T1)
    assert by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "3.1").due == "2021-04-13"


# ---------------------------------------------------------------- search, backup


def test_search_reports_contract_and_section(db):
    from clausekit.ingest import read_document
    from tests.conftest import SEED

    store.save_extraction(db, seed_extraction(), text=read_document(SEED).text)
    hits = store.search(db, "arbitration")
    assert hits and hits[0].contract_name == "vnet-13da-sra"
    assert "6.1" in [h.section for h in hits]
    assert any("[" in h.snippet for h in hits)
    # FTS syntax in a query is taken literally, not as operators
    assert store.search(db, 'NOT "unbalanced') == []
    assert [h.section for h in store.search(db, "Further Assurances")][:1] == ["5.3"]
    with pytest.raises(UsageError):
        store.search(db, "  ")


def test_backup_and_restore(seeded, tmp_path):
    d = by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "2.1")
    out = store.backup(seeded, tmp_path / "b" / "backup.db")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    store.set_status(seeded, d.short_id, "done", at=T1)
    store.restore(seeded, out)
    assert store.get_deadline(seeded, d.short_id).status == "open"
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"\0" * 4096)
    with pytest.raises(UsageError):
        store.restore(seeded, bad)
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(UsageError, match="not a clausekit database"):
        store.restore(seeded, plain)


def test_revision_counts_changes_a_user_would_see(seeded):
    d = by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "3.1")
    assert (d.revision, d.changed_at) == (0, T0.isoformat(timespec="seconds"))
    store.set_owner(seeded, d.short_id, "ann", at=T1)
    store.add_note(seeded, d.short_id, "chasing the certificate", at=T1)
    assert store.get_deadline(seeded, d.short_id).revision == 2
    t2 = datetime(2021, 4, 13, 8, 0, tzinfo=UTC)
    store.record_event(seeded, "vnet-13da-sra", "Closing Date", "2021-04-13", at=t2)
    got = store.get_deadline(seeded, d.short_id)
    assert (got.revision, got.changed_at) == (3, t2.isoformat(timespec="seconds"))
    untouched = by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "2.1")
    assert (untouched.revision, untouched.changed_at) == (0, T0.isoformat(timespec="seconds"))
    # re-extraction under a new pipeline keeps the counters
    store.save_extraction(seeded, seed_extraction(), pipeline="p2", at=t2)
    assert store.get_deadline(seeded, d.short_id).revision == 3


# ---------------------------------------------------------------- reminders' sent log


def test_sent_log_claims_confirms_and_never_repeats(seeded):
    d = by_section(store.list_deadlines(seeded, as_of="2021-03-24"), "2.1")
    key = dict(due="2021-04-01", lead_days=7, recipient="counsel@example.com")
    assert store.begin_reminder(seeded, d.short_id, message_id="<a@clausekit>", at=T0, **key) is None
    # a run killed here leaves the claim; the next run sees it was in flight
    assert store.begin_reminder(seeded, d.short_id, at=T1, **key) == "sending"
    rec = store.finish_reminder(seeded, d.short_id, at=T1, **key)
    assert (rec.status, rec.sent_at, rec.message_id) == ("sent", "2021-03-25T10:30:00+00:00", "<a@clausekit>")
    assert store.begin_reminder(seeded, d.short_id, at=T1, **key) == "sent"
    assert store.list_reminders(seeded, deadline_id=d.short_id)[0].status == "sent"  # not reclaimed
    # another lead, recipient or due date is another reminder
    assert store.begin_reminder(seeded, d.short_id, at=T1, **{**key, "lead_days": 1}) is None
    store.finish_reminder(seeded, d.short_id, ok=False, error="421 try later", at=T1, **{**key, "lead_days": 1})
    failed = store.list_reminders(seeded, status="failed")
    assert [(r.lead_days, r.error, r.sent_at) for r in failed] == [(1, "421 try later", None)]
    assert store.begin_reminder(seeded, d.short_id, at=T1, **{**key, "lead_days": 1}) == "failed"
    with pytest.raises(NotFound):
        store.finish_reminder(seeded, d.short_id, at=T1, **{**key, "recipient": "other@example.com"})
    # re-extraction does not touch the log
    store.save_extraction(seeded, seed_extraction(), pipeline="p2", at=T1)
    assert len(store.list_reminders(seeded)) == 2


def test_derived_current_keeps_extracted_dates_until_an_event_is_recorded(db):
    # the hand-made record leaves 3.1 pending on the Closing Date (what an extraction without the
    # 2.1 chain would say); trusted as current, the store keeps that instead of running the engine
    store.save_extraction(db, seed_extraction(), pipeline="now", derived_current=True, at=T0)
    d = by_section(store.list_deadlines(db, as_of="2021-03-24"), "3.1")
    assert (d.due, d.pending_on) == (None, "Closing Date")
    # a recorded event always goes through the engine, also on the next re-extraction
    store.record_event(db, "vnet-13da-sra", "Closing Date", "2021-04-13", at=T1)
    assert store.get_deadline(db, d.short_id).due == "2021-04-13"
    store.save_extraction(db, seed_extraction(), pipeline="later", derived_current=True, at=T1)
    assert store.get_deadline(db, d.short_id).due == "2021-04-13"


def test_same_fingerprint_is_unchanged_without_comparing_content(seeded):
    rec = seed_record()
    rec["title"] = "SOMETHING ELSE"  # cannot happen with one fingerprint; shows the fingerprint decides
    assert store.save_extraction(seeded, Extraction.from_record(rec), pipeline="p1").status == "unchanged"
    assert store.save_extraction(seeded, Extraction.from_record(rec), pipeline="p2").status == "updated"
    assert store.get_contract(seeded, "vnet-13da-sra").title == "SOMETHING ELSE"
