"""The tracker commands end to end: real database files, real command line, JSON checked field by field.

Expected values are typed in from the seed agreement (dates hand-checked in
tests/data/records/make_seed_record.py), not copied from output.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store_helpers import SEED_RECORD, seed_record

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAUSEKIT_DB", str(tmp_path / "tracker.db"))
    monkeypatch.setenv("CLAUSEKIT_CONFIG", str(tmp_path / "no-config.toml"))
    records = tmp_path / "records"
    records.mkdir()
    shutil.copy(SEED_RECORD, records / SEED_RECORD.name)
    return tmp_path


def ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out


def by_section(items: list[dict], section: str, quote_start: str = "") -> dict:
    found = [d for d in items if d["section"] == section and d["quote"].startswith(quote_start)]
    assert len(found) == 1, found
    return found[0]


def listing(ck, *args) -> dict:
    return json.loads(ok(ck("deadlines", "--format", "json", *args)))


def test_scripted_session(env, ck):
    records = str(env / "records")
    assert "1 new, 0 unchanged, 0 updated, 0 failed; 9 time provisions" in ok(ck("ingest", "--records", records))
    assert "0 new, 1 unchanged, 0 updated, 0 failed" in ok(ck("ingest", "--records", records))

    data = listing(ck, "--as-of", "2021-03-24")
    assert data["version"] == 1 and data["as_of"] == "2021-03-24"
    items = data["deadlines"]
    assert [d["due"] for d in items[:7]] == ["2021-04-01"] * 5 + ["2021-06-12", "2021-06-21"]
    closing = by_section(items, "2.1")
    assert closing["due"] == "2021-04-01"
    assert closing["status"] == "open"
    assert closing["kind"] == "deadline"
    assert closing["overdue"] is False
    assert closing["days_left"] == 8  # 24 March -> 1 April
    assert closing["count"] == 7 and closing["unit"] == "business_day" and closing["anchor"] == "Effective Date"
    assert closing["explanation"] == "Effective Date 2021-03-23 + 7 business days (HK) = 2021-04-01"
    assert closing["contract_name"] == "vnet-13da-sra"
    assert closing["short_id"] == closing["id"][:8] and len(closing["id"]) == 64
    assert closing["notes"] == [] and closing["owner"] is None and closing["updated_at"] is None
    assert closing["calendar"] == "HK" and closing["pending_on"] is None
    registration = by_section(items, "5.1", "as soon as practicable")
    assert registration["due"] == "2021-06-21"
    assert registration["days_left"] == 89  # 7 (25-31 Mar) + 30 + 31 + 21
    assert registration["obligor"] == "Company" and registration["status"] == "open"
    # hanging on the Closing Date, which 2.1 fixes on 1 April until the real one is recorded
    on_closing = [d for d in items if d["due"] == "2021-04-01" and d["section"] != "2.1"]
    assert [d["section"] for d in on_closing] == ["3.1", "3.2", "5.1", "5.2"]

    moved = json.loads(ok(ck("event", "vnet-13da-sra", "Closing Date", "2021-04-13", "--format", "json")))
    assert (moved["event"], moved["date"]) == ("Closing Date", "2021-04-13")
    assert sorted((c["section"], c["old_due"], c["new_due"]) for c in moved["changes"]) == [
        ("3.1", "2021-04-01", "2021-04-13"), ("3.2", "2021-04-01", "2021-04-13"),
        ("5.1", "2021-04-01", "2021-04-13"), ("5.2", "2021-04-01", "2021-04-13")]
    assert all(c["id"].startswith(c["short_id"]) for c in moved["changes"])
    ok(ck("done", closing["short_id"], "--note", "closed on 2021-04-13"))
    ok(ck("note", registration["short_id"], "F-3 in preparation"))

    # re-ingest: the same record, and then as if a newer pipeline produced it
    assert "1 unchanged" in ok(ck("ingest", "--records", records))
    rec = seed_record()
    rec["pipeline"] = "a-newer-pipeline"
    (env / "records" / SEED_RECORD.name).write_text(json.dumps(rec), encoding="utf-8")
    assert "0 new, 0 unchanged, 1 updated, 0 failed" in ok(ck("ingest", "--records", records))

    after = listing(ck, "--as-of", "2021-03-24", "--status", "all")["deadlines"]
    c2 = by_section(after, "2.1")
    assert c2["id"] == closing["id"]
    assert c2["status"] == "done"
    assert [n["text"] for n in c2["notes"]] == ["closed on 2021-04-13"]
    assert c2["updated_at"] is not None and c2["overdue"] is False
    r2 = by_section(after, "5.1", "as soon as practicable")
    assert r2["id"] == registration["id"] and r2["status"] == "open"
    assert [n["text"] for n in r2["notes"]] == ["F-3 in preparation"]
    events = {e["name"]: e for e in json.loads(ok(ck("events", "vnet-13da-sra", "--format", "json")))["events"]}
    assert events["Closing Date"]["recorded"] == "2021-04-13"
    assert events["Closing Date"]["scheduled"] == "2021-04-01"  # derived from 2.1
    assert events["Closing Date"]["date"] == "2021-04-13"
    assert events["Effective Date"]["scheduled"] == "2021-03-23"
    # the recorded date still governs after re-extraction
    assert by_section(after, "3.1")["due"] == "2021-04-13"
    open_ids = [d["id"] for d in listing(ck, "--as-of", "2021-03-24")["deadlines"]]
    assert closing["id"] not in open_ids and registration["id"] in open_ids
    assert listing(ck, "--orphaned")["deadlines"] == []


def test_table_output_and_pending_after_dated(env, ck):
    ok(ck("ingest", "--records", str(env / "records")))
    out = ok(ck("deadlines", "--as-of", "2021-04-05"))
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ID", "DUE", "STATUS"]
    assert all("2021-04-01 !" in line for line in lines[1:6])  # overdue as of 5 April
    assert "5 overdue (marked !) as of 2021-04-05" in out
    within = ok(ck("deadlines", "--as-of", "2021-03-24", "--within", "30")).splitlines()
    assert len(within) == 1 + 5 and all("2021-04-01" in line for line in within[1:])


def test_pending_deadline_shows_the_event_it_waits_for(env, ck):
    rec = seed_record()
    rec["events"] = [e for e in rec["events"] if "Class B" not in e["name"]]
    (env / "records" / SEED_RECORD.name).write_text(json.dumps(rec), encoding="utf-8")
    ok(ck("ingest", "--records", str(env / "records")))
    out = ok(ck("deadlines", "--as-of", "2021-03-24"))
    assert out.index("2021-06-21") < out.index("on closing date of the Class B Share Repurchase")


def test_csv_output_neutralizes_formulas(env, ck):
    ok(ck("ingest", "--records", str(env / "records")))
    item = by_section(listing(ck, "--as-of", "2021-03-24")["deadlines"], "2.1")
    ok(ck("assign", item["short_id"], "=HYPERLINK(\"http://evil\")"))
    rows = list(csv.DictReader(io.StringIO(ok(ck("deadlines", "--as-of", "2021-03-24", "--format", "csv")))))
    row = next(r for r in rows if r["id"] == item["id"])
    assert row["owner"] == "'=HYPERLINK(\"http://evil\")"
    assert row["due"] == "2021-04-01" and row["status"] == "open" and row["section"] == "2.1"


def test_user_state_commands(env, ck):
    ok(ck("ingest", "--records", str(env / "records")))
    item = by_section(listing(ck, "--as-of", "2021-03-24")["deadlines"], "5.1", "as soon as")
    sid = item["short_id"]
    assert "assigned to Robert'); DROP TABLE deadlines;--" in ok(ck("assign", sid, "Robert'); DROP TABLE deadlines;--"))
    assert "snoozed until 2021-05-01" in ok(ck("snooze", sid, "2021-05-01"))
    assert sid not in ok(ck("deadlines", "--as-of", "2021-04-01"))
    assert sid in ok(ck("deadlines", "--as-of", "2021-05-01"))
    ok(ck("snooze", sid, "--clear"))
    assert "waived" in ok(ck("waive", sid, "--note", "registration no longer needed"))
    assert "reopened" in ok(ck("reopen", sid))
    shown = json.loads(ok(ck("show", sid, "--format", "json")))
    assert shown["deadline"]["owner"] == "Robert'); DROP TABLE deadlines;--"
    assert [h["action"] for h in shown["history"]] == ["status", "note", "status", "snooze", "snooze", "owner"]
    text = ok(ck("show", "vnet-13da-sra"))
    for needle in ("SHARE REPURCHASE AGREEMENT", "21Vianet Group, Inc. (\"Company\")", "Effective Date: 2021-03-23",
                   "conditions precedent:", "3.1(e)", "covenants:", "5.3  Further Assurances"):
        assert needle in text
    contracts = json.loads(ok(ck("contracts", "--format", "json")))["contracts"]
    assert [(c["id"], c["name"], c["open_deadlines"]) for c in contracts] == [(1, "vnet-13da-sra", 9)]


def test_errors_are_one_line_with_exit_2(env, ck):
    ok(ck("ingest", "--records", str(env / "records")))
    cases = [
        (("done", "00000000"), "no deadline with id '00000000'"),
        (("done", "not-an-id"), "bad deadline id"),
        (("deadlines", "--as-of", "2021-13-01"), "bad --as-of date '2021-13-01'"),
        (("show", "no-such-contract"), "no contract or deadline matches"),
        (("event", "vnet-13da-sra", "Closing Date", "next week"), "bad event date 'next week'"),
        (("event", "vnet-13da-sra", "Signing", "2021-04-13"), "has no event 'Signing'"),
        (("snooze", "00000000", "someday"), "bad snooze date"),
        (("events", "nothing-like-this"), "no contract matches"),
    ]
    for args, message in cases:
        code, out, err = ck(*args)
        assert code == 2, (args, err)
        assert err.startswith("clausekit: error: ") and message in err and err.count("\n") == 1, err


def test_ingest_reports_each_bad_input_and_goes_on(env, ck):
    bad = env / "records" / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    (env / "records" / "other.json").write_text(json.dumps({"schema": "something/else"}), encoding="utf-8")
    code, out, err = ck("ingest", "--records", str(env / "records"), str(env / "missing-folder"))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any("broken.json: not a readable JSON record" in line for line in lines)
    assert any("other.json: not a clausekit extraction record" in line for line in lines)
    assert any("missing-folder: no such file or folder" in line for line in lines)
    assert "1 new, 0 unchanged, 0 updated, 3 failed" in out
    assert len(listing(ck, "--as-of", "2021-03-24")["deadlines"]) == 9


def test_ingest_files_through_the_pipeline(env, ck):
    folder = env / "docs"
    folder.mkdir()
    shutil.copy(ROOT / "corpus" / "vnet-13da-sra.md", folder)
    (folder / "junk.pdf").write_bytes(b"\x00\x01 not a pdf at all")
    (folder / "empty.txt").write_bytes(b"")
    code, out, err = ck("ingest", str(folder))
    assert code == 1
    assert "1 new, 0 unchanged, 0 updated, 2 failed" in out
    errs = err.strip().splitlines()
    assert len(errs) == 2 and any("junk.pdf" in e for e in errs) and any("empty.txt: file is empty" in e for e in errs)
    code, out, _ = ck("ingest", str(folder / "vnet-13da-sra.md"))
    assert code == 0 and "0 new, 1 unchanged" in out
    db = Path(os.environ["CLAUSEKIT_DB"])
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_search_command(env, ck):
    folder = env / "docs"
    folder.mkdir()
    shutil.copy(ROOT / "corpus" / "vnet-13da-sra.md", folder)
    rec = seed_record()
    rec["source"]["path"] = str(folder / "vnet-13da-sra.md")  # the record's source is readable: sections get text
    (env / "records" / SEED_RECORD.name).write_text(json.dumps(rec), encoding="utf-8")
    ok(ck("ingest", "--records", str(env / "records")))
    hits = json.loads(ok(ck("search", "arbitration", "--format", "json")))["hits"]
    assert hits and all(h["contract"] == "vnet-13da-sra" for h in hits)
    assert "6.1" in [h["section"] for h in hits]
    assert "No matches." in ok(ck("search", "zebra"))


def test_backup_and_restore_commands(env, ck):
    ok(ck("ingest", "--records", str(env / "records")))
    item = by_section(listing(ck, "--as-of", "2021-03-24")["deadlines"], "2.1")
    out = env / "safe" / "copy.db"
    assert ok(ck("backup", "--out", str(out))).strip() == str(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    ok(ck("done", item["short_id"]))
    msg = ok(ck("restore", str(out)))
    assert "restored from" in msg
    assert by_section(listing(ck, "--as-of", "2021-03-24")["deadlines"], "2.1")["status"] == "open"
    saved = list((env / "backups").glob("*-before-restore.db"))
    assert len(saved) == 1 and stat.S_IMODE(saved[0].stat().st_mode) == 0o600
    code, _, err = ck("restore", str(env / "records" / SEED_RECORD.name))
    assert code == 2 and "not a clausekit database" in err


def test_demo_prints_the_list_without_a_terminal(env, ck):
    code, out, err = ck("demo", "--db", str(env / "demo.db"), "--as-of", "2021-03-24")
    assert code == 0, err
    assert "1 new" in out and "demo database:" in err
    assert (env / "demo.db").exists()


def test_cli_subprocess_never_shows_a_traceback(env):
    proc = subprocess.run([sys.executable, "-m", "clausekit", "deadlines", "--as-of", "yesterday-ish"],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "clausekit: error: bad --as-of date 'yesterday-ish': expected a date as YYYY-MM-DD"
    assert "Traceback" not in proc.stderr


def test_every_tracker_command_has_help_with_an_example():
    import click

    from clausekit.cli import COMMANDS, cli

    for name, target in COMMANDS.items():
        if "tracker" not in target:
            continue
        cmd = cli.get_command(click.Context(cli), name)
        assert cmd is not None, name
        assert cmd.help and "Example" in cmd.help, name


def _pipeline_extracts_time_provisions() -> bool:
    from clausekit.extract import extract
    from clausekit.ingest import read_document

    return bool(extract(read_document(ROOT / "corpus" / "vnet-13da-sra.md")).deadlines)


@pytest.mark.slow
def test_scripted_session_through_the_real_pipeline(env, ck):
    """Issue 5's session from the agreement itself rather than a record."""
    if not _pipeline_extracts_time_provisions():
        pytest.skip("the extraction components have not landed: the pipeline finds no time provision yet")
    seed = str(ROOT / "corpus")
    assert "1 new, 0 unchanged" in ok(ck("ingest", seed))
    assert "0 new, 1 unchanged" in ok(ck("ingest", seed))
    items = listing(ck, "--as-of", "2021-03-24")["deadlines"]
    closing = next(d for d in items if d["section"] == "2.1" and d["due"] == "2021-04-01")
    registration = next(d for d in items if d["section"] == "5.1" and d["due"] == "2021-06-21")
    assert closing["status"] == registration["status"] == "open"
    ok(ck("event", "vnet-13da-sra", "Closing Date", "2021-04-13"))
    ok(ck("done", closing["short_id"], "--note", "closed"))
    ok(ck("note", registration["short_id"], "F-3 in preparation"))
    assert "1 unchanged" in ok(ck("ingest", seed))
    after = {d["id"]: d for d in listing(ck, "--as-of", "2021-03-24", "--status", "all")["deadlines"]}
    assert after[closing["id"]]["status"] == "done" and after[closing["id"]]["notes"][0]["text"] == "closed"
    assert after[registration["id"]]["notes"][0]["text"] == "F-3 in preparation"
    events = {e["name"]: e for e in json.loads(ok(ck("events", "vnet-13da-sra", "--format", "json")))["events"]}
    assert any(e["recorded"] == "2021-04-13" for e in events.values())
