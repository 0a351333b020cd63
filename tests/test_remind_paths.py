"""The reminder's fast paths give exactly what the plain selection gives, and stay off the engine.

``remind.plan`` reads slim candidate rows and loads only the items to remind once the sent log
has entries (bench/tracker.py measures why). The reference here is the selection applied to the
store's full lists (``list_deadlines`` + ``pending_deadlines``) and the whole sent log
(``list_reminders``): the way plan worked before, built from public store functions.
"""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from clausekit import remind, store
from clausekit.remind.select import STDOUT, route, select
from tests.remind_helpers import find, make_alpha_db

ROOT = Path(__file__).resolve().parent.parent


def reference(db, *, as_of: date, leads, defaults=(), mail=False):
    dated = store.list_deadlines(db, as_of=as_of, within=max(leads), status="open")
    pending = store.pending_deadlines(db, as_of=as_of)
    sent = {(r.deadline_id, r.due, r.lead_days, r.recipient, r.channel) for r in store.list_reminders(db, status="sent")}
    items = select(dated, pending, as_of=as_of, leads=leads, pending_after=30, sent=sent,
                   recipients=lambda d: route(d, defaults) if mail else (STDOUT,))
    return items, remind.needs_attention(dated, as_of=as_of, leads=leads)


def test_plan_equals_the_plain_selection_night_after_night(tmp_path):
    db = make_alpha_db(tmp_path / "alpha.db")
    start = date(2021, 3, 20)
    seen_nonempty_log = False
    for night in range(0, 70, 3):
        as_of = start + timedelta(days=night)
        for mail, defaults in ((False, ()), (True, ("team@example.com",))):
            got = remind.plan(db, as_of=as_of, leads=(30, 7, 1), defaults=defaults, mail=mail)
            want = reference(db, as_of=as_of, leads=(30, 7, 1), defaults=defaults, mail=mail)
            assert got == want, (as_of, mail)
        seen_nonempty_log |= bool(store.list_reminders(db, status="sent"))
        if night == 30:  # the Closing is recorded: 2.2 stops waiting and gets a due date (a new key)
            store.record_event(db, find(db, "1.5").contract_id, "Closing", "2021-05-03")
        remind.run(db, as_of=as_of, leads=(30, 7, 1), echo=lambda text: None)  # log tonight's stdout digest
    assert seen_nonempty_log
    assert remind.plan(db, as_of=start + timedelta(days=69), leads=(30, 7, 1)) == reference(
        db, as_of=start + timedelta(days=69), leads=(30, 7, 1))


def test_remind_does_not_import_the_deadline_engine(tmp_path):
    db = make_alpha_db(tmp_path / "alpha.db")
    db.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": str(tmp_path / "none.toml")}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "clausekit", "remind", "--dry-run",
                           "--as-of", "2021-04-20", "--db", str(tmp_path / "alpha.db")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert "clausekit.store" in imported and "clausekit.remind" in imported  # the scan sees real imports
    assert not {m for m in imported if m.split(".")[0] in ("holidays", "exchange_calendars")}
    assert "clausekit.deadlines" not in imported
    assert "Overdue" in proc.stdout or "Due soon" in proc.stdout
