"""Snapshots of the tracker's screens (pytest-textual-snapshot) at fixed sizes, as of 2021-03-24.

Nothing on screen comes from the clock: the as-of date is fixed, user changes are stamped
with a fixed time, and the database path is not shown. Review the report before updating
(`pytest tests/test_tui_snapshots.py --snapshot-update`).
"""
from __future__ import annotations

import pytest

from clausekit import store
from clausekit.tui import make_app
from tests.tui_helpers import AS_OF, CLOCK_AT, fixed_clock, fresh_copy, seed_db, settle

pytestmark = pytest.mark.timeout(90)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return seed_db(tmp_path_factory.mktemp("seed-snap"))


@pytest.fixture
def db_path(template, tmp_path):
    return fresh_copy(template, tmp_path)


def select(section: str, due: str):
    async def run(pilot) -> None:
        await settle(pilot)
        table = pilot.app.screen.table
        row = next(i for i, d in enumerate(table.items) if d.section == section and d.due == due)
        table.move_cursor(row=row, animate=False)
        await settle(pilot)
    return run


def test_dashboard_120x40(db_path, snap_compare):
    assert snap_compare(make_app(db_path, as_of=AS_OF, clock=fixed_clock), terminal_size=(120, 40),
                        run_before=select("2.1", "2021-04-01"))


def test_dashboard_80x24(db_path, snap_compare):
    assert snap_compare(make_app(db_path, as_of=AS_OF, clock=fixed_clock), terminal_size=(80, 24),
                        run_before=select("2.1", "2021-04-01"))


def test_detail_pane_with_owner_notes_and_history(db_path, snap_compare):
    db = store.open_db(db_path)
    d = next(x for x in store.list_deadlines(db, as_of=AS_OF) if x.section == "5.1" and x.due == "2021-06-21")
    store.set_owner(db, d.id, "ana@example.com", at=CLOCK_AT)
    store.add_note(db, d.id, "draft F-3 sent to counsel", at=CLOCK_AT)
    db.close()
    # wide enough for the side-by-side layout
    assert snap_compare(make_app(db_path, as_of=AS_OF, clock=fixed_clock), terminal_size=(200, 40),
                        run_before=select("5.1", "2021-06-21"))


def test_event_dialog(db_path, snap_compare):
    async def run(pilot) -> None:
        await select("3.1", "2021-04-01")(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"2021-13-01", "enter")  # refused: the error line shows
        await pilot.pause()
    assert snap_compare(make_app(db_path, as_of=AS_OF, clock=fixed_clock), terminal_size=(120, 40), run_before=run)


def test_moved_deadlines_after_recording_the_closing(db_path, snap_compare):
    async def run(pilot) -> None:
        await select("3.1", "2021-04-01")(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"2021-04-13", "enter")
        await settle(pilot)
    assert snap_compare(make_app(db_path, as_of=AS_OF, clock=fixed_clock), terminal_size=(120, 40), run_before=run)


def test_contract_screen(db_path, snap_compare):
    async def run(pilot) -> None:
        await select("5.1", "2021-06-21")(pilot)
        await pilot.press("c")
        await settle(pilot)
    assert snap_compare(make_app(db_path, as_of=AS_OF, clock=fixed_clock), terminal_size=(120, 40), run_before=run)
