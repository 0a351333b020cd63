"""`clausekit export ics|csv|json`: parsed back with icalendar AND vobject (an independent parser,
which also validates), UIDs kept across exports, SEQUENCE raised on change, tricky text intact,
CSV formula injection neutralized, files written atomically with mode 0600.

The alpha agreement's due dates are hand-checked in tests/remind_helpers.py.
"""
from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from clausekit import store
from tests.conftest import run_in_process
from tests.remind_helpers import TRICKY, find, make_alpha_db
from tests.store_helpers import seed_extraction


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAUSEKIT_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("CLAUSEKIT_DB", raising=False)
    path = tmp_path / "alpha.db"
    make_alpha_db(path).close()
    return path


@pytest.fixture
def ck(capsysbinary):
    """The shared runner, with stdout kept as bytes: what a calendar file receives."""
    def run(*args: str) -> tuple[int, bytes, str]:
        code, out, err = run_in_process(capsysbinary, *args)
        return code, out, err.decode()
    return run


def export(ck, db: Path, fmt: str, *extra: str) -> bytes:
    code, out, err = ck("export", fmt, "--db", str(db), *extra)
    assert code == 0, err
    return out


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def uid(db_path: Path, section: str) -> str:
    db = store.open_db(db_path)
    try:
        return find(db, section).id + "@clausekit"
    finally:
        db.close()


def test_ics_parses_and_validates_with_two_parsers(env, ck):
    data = export(ck, env, "ics")
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "clausekit deadlines" and str(cal["VERSION"]) == "2.0"
    evs = events(data)
    # 9 provisions: 1.7 is done (left out by default), 2.2 waits for the Closing (no date): 7 events
    assert len(evs) == 7
    j = evs[uid(env, "2.1")]
    assert j.decoded("DTSTART") == date(2021, 4, 14) and j.decoded("DTEND") == date(2021, 4, 15)
    assert type(j.decoded("DTSTART")) is date  # all-day: DATE, not DATE-TIME
    assert str(j["SUMMARY"]) == "object to the notice — Alpha Supply Agreement — 北京"
    desc = str(j["DESCRIPTION"])
    assert f"Obligor: {TRICKY}" in desc  # commas, semicolons, a newline and non-ASCII survive
    assert "Section: 2.1" in desc and "Due: Notice Date 2021-04-09 + 5 days = 2021-04-14" in desc
    assert "“within five (5) days after the Notice Date”" in desc
    assert j["CATEGORIES"].cats == ["notice"] and str(j["STATUS"]) == "CONFIRMED" and j["SEQUENCE"] == 0
    assert sorted(a.decoded("TRIGGER") for a in j.walk("VALARM")) == [timedelta(days=-7), timedelta(days=-1)]
    assert b"\\;" in data and b"\\," in data and b"\\n" in data  # escaped on the wire
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded (octets)

    # the independent parser: vobject reads the same events and validates the calendar
    vcal = vobject.readOne(data.decode("utf-8"))
    vcal.validate()
    vevents = {e.uid.value: e for e in vcal.vevent_list}
    assert set(vevents) == set(evs)
    vj = vevents[uid(env, "2.1")]
    assert vj.description.value == desc and vj.summary.value == str(j["SUMMARY"])
    assert vj.dtstart.value == date(2021, 4, 14) and vj.dtend.value == date(2021, 4, 15)
    assert len(vj.valarm_list) == 2


def test_uids_kept_and_sequence_raised_on_change(env, ck):
    first = export(ck, env, "ics")
    again = export(ck, env, "ics")
    assert again == first  # nothing changed: byte for byte the same (DTSTAMP included)
    before = events(first)

    db = store.open_db(env)
    store.record_event(db, "alpha", "Notice Date", "2021-04-16")  # J: 2021-04-14 -> 2021-04-21
    store.set_status(db, find(db, "1.3").id, "waived")
    store.set_status(db, find(db, "1.2").id, "done")
    store.save_extraction(db, seed_extraction())  # another contract arrives
    db.close()

    after = events(export(ck, env, "ics"))
    j, c = uid(env, "2.1"), uid(env, "1.3")
    assert after[j]["SEQUENCE"] == 1 and after[j].decoded("DTSTART") == date(2021, 4, 21)
    assert after[j].decoded("DTSTAMP") >= before[j].decoded("DTSTAMP")
    assert after[c]["SEQUENCE"] == 1 and str(after[c]["STATUS"]) == "CANCELLED" and not after[c].walk("VALARM")
    assert uid(env, "1.2") not in after  # done: left out by default
    unchanged = set(before) - {j, c, uid(env, "1.2")}
    assert unchanged and unchanged <= set(after)  # every other UID kept...
    for u in unchanged:  # ... with its SEQUENCE and DTSTAMP
        assert after[u]["SEQUENCE"] == before[u]["SEQUENCE"]
        assert after[u].decoded("DTSTAMP") == before[u].decoded("DTSTAMP")
    assert before[j]["SEQUENCE"] == 0 and before[c]["SEQUENCE"] == 0
    assert len(after) == len(before) - 1 + 7  # the seed adds its 7 dated deadlines

    done = events(export(ck, env, "ics", "--include-done"))[uid(env, "1.2")]
    assert done["SEQUENCE"] == 1 and str(done["SUMMARY"]).startswith("[done] ")


def test_ics_options(env, ck):
    db = store.open_db(env)
    store.save_extraction(db, seed_extraction())
    db.close()
    only = events(export(ck, env, "ics", "--contract", "alpha", "--alarm", "14", "--name", "Alpha; deals"))
    assert len(only) == 7 and all(u.endswith("@clausekit") for u in only)
    assert {a.decoded("TRIGGER") for e in only.values() for a in e.walk("VALARM")} == {timedelta(days=-14)}
    cal = icalendar.Calendar.from_ical(export(ck, env, "ics", "--alarm", ""))
    assert not cal.walk("VALARM")
    code, _, err = ck("export", "ics", "--db", str(env), "--alarm", "7,x")
    assert code == 2 and err.startswith("clausekit: error: bad --alarm") and err.count("\n") == 1


def test_csv_has_every_column_and_neutralizes_formulas(env, ck, tmp_path):
    db = store.open_db(env)
    store.set_owner(db, find(db, "1.1").id, "=HYPERLINK(\"http://evil.example\",\"x\")")
    store.add_note(db, find(db, "1.1").id, "+cmd|' /C calc'!A0")
    db.close()
    out = tmp_path / "out" / "deadlines.csv"
    out.parent.mkdir()
    out.write_text("old content")
    out.chmod(0o644)
    code, _, err = ck("export", "csv", "--db", str(env), "--out", str(out), "--as-of", "2021-04-20")
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and [p.name for p in out.parent.iterdir()] == [out.name]
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 9  # every status by default, pending ones too
    for column in ("contract", "section", "kind", "quote", "due", "status", "owner", "explanation", "anchor",
                   "pending_on", "id"):
        assert column in rows[0]
    a = next(r for r in rows if r["section"] == "1.1")
    assert a["owner"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert a["notes"].endswith(": +cmd|' /C calc'!A0") and a["notes"][0] != "+"  # starts with the time
    assert a["days_left"] == "-5" and a["overdue"] == "yes" and a["due"] == "2021-04-15"
    j = next(r for r in rows if r["section"] == "2.1")
    assert j["obligor"] == TRICKY and j["anchor"] == "Notice Date" and j["anchor_date"] == ""
    e = next(r for r in rows if r["section"] == "2.2")
    assert e["due"] == "" and e["pending_on"] == "Closing" and e["explanation"] == "waits for Closing"
    assert next(r for r in rows if r["section"] == "1.7")["status"] == "done"


def test_json_carries_a_version(env, ck):
    doc = json.loads(export(ck, env, "json", "--status", "open", "--as-of", "2021-04-20"))
    assert doc["version"] == 1 and doc["as_of"] == "2021-04-20"
    rows = {r["section"]: r for r in doc["deadlines"]}
    assert set(rows) == {"1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2"}  # 1.7 is done
    assert rows["1.5"]["owner"] == "jane@example.com" and rows["1.6"]["snoozed_until"] == "2021-04-30"
    assert rows["2.1"]["obligor"] == TRICKY and rows["2.1"]["days_left"] == -6 and rows["2.1"]["overdue"] is True
    assert rows["1.1"]["notes"] == []


def test_export_errors_are_one_line(env, ck, tmp_path):
    code, _, err = ck("export", "csv", "--db", str(env), "--out", str(tmp_path / "missing" / "x.csv"))
    assert code == 2 and "no such folder" in err and err.count("\n") == 1
    code, _, err = ck("export", "ics", "--db", str(tmp_path / "nothing.db"))
    assert code == 2 and "no database here yet" in err and not (tmp_path / "nothing.db").exists()


def test_remind_and_export_commands_have_help_with_an_example():
    import click

    from clausekit.cli import cli

    remind_cmd = cli.get_command(click.Context(cli), "remind")
    export_cmd = cli.get_command(click.Context(cli), "export")
    assert remind_cmd is not None and export_cmd is not None  # registered, and importable
    commands = [remind_cmd, export_cmd, *(export_cmd.get_command(click.Context(export_cmd), n)
                                          for n in ("ics", "csv", "json"))]
    for cmd in commands:
        assert cmd is not None and cmd.help and "Example" in cmd.help, cmd
