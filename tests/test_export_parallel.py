"""A large ICS export renders its events in worker processes: the bytes must not change."""
from __future__ import annotations

from dataclasses import replace

from icalendar import Calendar

from clausekit import store
from clausekit.export.ics import render_ics
from tests.remind_helpers import make_alpha_db


def test_parallel_rendering_gives_the_same_bytes(tmp_path):
    db = make_alpha_db(tmp_path / "alpha.db")
    base = store.list_deadlines(db, as_of="2021-03-20", status="all", include_snoozed=True)
    assert any(d.due is None for d in base)  # undated ones are skipped on both paths
    # 12 copies with distinct ids, so several chunks go to each worker
    items = [replace(d, id=f"{k:02d}{d.id[2:]}") for k in range(12) for d in base]
    serial = render_ics(items, workers=1)
    parallel = render_ics(items, workers=2, parallel_min=1)
    assert parallel == serial
    cal = Calendar.from_ical(parallel)
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 12 * sum(d.due is not None for d in base)
    assert parallel.endswith(b"END:VCALENDAR\r\n") and parallel.count(b"BEGIN:VCALENDAR") == 1
