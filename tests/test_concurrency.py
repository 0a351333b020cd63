"""A reader holding a read transaction, an ingest, two writers and the nightly reminder, in parallel
processes, on one database: no "database is locked" reaches anyone and no write is lost."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

from clausekit import store
from tests.store_helpers import seed_extraction, write_variants

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": "/nonexistent/clausekit.toml"}

READER = textwrap.dedent("""
    import json, sys, time
    from clausekit import store
    db = store.open_db(sys.argv[1])
    db.execute("BEGIN")  # one long read transaction, like a TUI holding a snapshot
    first = len(store.list_contracts(db))
    seen = []
    end = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < end:
        seen.append(len(store.list_deadlines(db, as_of="2021-03-24", status="all")))
        time.sleep(0.05)
    last = len(store.list_contracts(db))
    db.execute("COMMIT")
    print(json.dumps({"first": first, "last": last, "reads": len(seen), "distinct": sorted(set(seen))}))
""")

WRITER = textwrap.dedent("""
    import sys
    from clausekit import store
    db = store.open_db(sys.argv[1])
    for i in range(int(sys.argv[3])):
        store.add_note(db, sys.argv[2], f"{sys.argv[4]} note {i}")
        store.set_status(db, sys.argv[2], "done" if i % 2 == 0 else "open")
    print("writer ok")
""")


def test_reader_ingest_and_writers_in_parallel(tmp_path):
    db_path = tmp_path / "shared.db"
    db = store.open_db(db_path)
    store.save_extraction(db, seed_extraction())
    target = store.list_deadlines(db, as_of="2021-03-24")[0].short_id
    db.close()
    records = write_variants(tmp_path / "records", 80)
    per_writer = 60

    def spawn(*args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, *args], cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    procs = {
        "reader": spawn("-c", READER, str(db_path), "4"),
        "ingest": spawn("-m", "clausekit", "ingest", "--db", str(db_path), "--records", str(records)),
        "writer-a": spawn("-c", WRITER, str(db_path), target, str(per_writer), "a"),
        "writer-b": spawn("-c", WRITER, str(db_path), target, str(per_writer), "b"),
        # no mail server configured: the digest goes to stdout and is logged as sent
        "remind": spawn("-m", "clausekit", "remind", "--db", str(db_path), "--as-of", "2021-03-24"),
    }
    results = {name: (*p.communicate(timeout=240), p.returncode) for name, p in procs.items()}
    for name, (out, err, code) in results.items():
        assert code == 0, (name, err)
        assert "locked" not in (out + err).lower() and "busy" not in (out + err).lower(), (name, err)

    reader = json.loads(results["reader"][0])
    assert reader["reads"] > 10
    # its snapshot did not move under it while ingest committed documents
    assert reader["first"] == reader["last"] and len(reader["distinct"]) == 1
    assert "80 new, 0 unchanged, 0 updated, 0 failed" in results["ingest"][0]
    assert "2021-04-01" in results["remind"][0]  # the seed's closing deadline, due within 30 days

    # the reminder's sent log was written despite the contention: a second run repeats none of what
    # the first printed (it may remind of contracts that ingest added after the first run read)
    again = subprocess.run([sys.executable, "-m", "clausekit", "remind", "--db", str(db_path), "--as-of",
                            "2021-03-24"], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    first_ids = set(re.findall(r"\[([0-9a-f]{8})\]", results["remind"][0]))
    assert first_ids and not first_ids & set(re.findall(r"\[([0-9a-f]{8})\]", again.stdout))

    db = store.open_db(db_path)
    assert len(store.list_contracts(db)) == 81
    notes = store.get_deadline(db, target).notes
    assert len(notes) == 2 * per_writer
    assert {n.text for n in notes} == {f"{w} note {i}" for w in "ab" for i in range(per_writer)}
    # every status change is logged against the value it really replaced: a chain with no gap
    chain = [(a.old, a.new) for a in reversed(store.list_audit(db)) if a.action == "status"]
    assert chain and chain[0][0] == "open"
    assert all(prev[1] == cur[0] and cur[0] != cur[1] for prev, cur in zip(chain, chain[1:]))
    assert store.get_deadline(db, target).status == chain[-1][1]
    assert store.integrity_check(db) == "ok"
