"""The tracker on the seed agreement ingested through the real pipeline (`clausekit ingest FILE`).

Hand-checked (tests/data/records/make_seed_record.py): §2.1 closing = 2021-03-23 + 7 HK business
days = 2021-04-01; §5.1 registration = 2021-03-23 + 90 days = 2021-06-21. As of 2021-03-24 they
are 8 and 89 days away.
"""
from __future__ import annotations

import pytest
from textual.widgets import DataTable

from clausekit.nlp import timex
from clausekit.tui import make_app
from tests.tui_helpers import AS_OF, SEED, fixed_clock, ingest, settle

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif("placeholder" in (timex.__doc__ or "").lower(),
                       reason="the time-provision component (clausekit_timex) is still a placeholder in this build"),
]


@pytest.mark.asyncio
async def test_dashboard_shows_the_closing_and_registration_deadlines(tmp_path):
    db = tmp_path / "tracker.db"
    ingest(str(SEED), "--db", str(db))
    app = make_app(db, as_of=AS_OF, clock=fixed_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#deadlines", DataTable)
        rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        # columns: marker, due, days, contract, section, what, who, kind, status
        found = {(r[1], r[2], r[3], r[4]) for r in rows}
        assert ("2021-04-01", "8", "vnet-13da-sra", "2.1") in found
        assert ("2021-06-21", "89", "vnet-13da-sra", "5.1") in found
        closing = next(r for r in rows if r[1] == "2021-04-01" and r[4] == "2.1")
        assert closing[0] == "30 DAYS"
