"""The tracker TUI driven through App.run_test() and the pilot on a real database file.

The fixture is the seed agreement ingested with `clausekit ingest --records` as of 2021-03-24.
Expected dates are hand-checked (see tests/data/records/make_seed_record.py):
  2.1 closing  = 2021-03-23 + 7 HK business days = 2021-04-01 (8 days after 2021-03-24)
  5.1 register = 2021-03-23 + 90 days = 2021-06-21 (7 + 30 + 31 + 21 = 89 days after 2021-03-24)
  Item 4       = 2021-04-13 + 60 days = 2021-06-12 (80 days after 2021-03-24)
  3.1, 3.2, 5.1 (conversion), 5.2 hang on the Closing Date = 2021-04-01.
So as of 2021-03-24: 0 overdue, 0 due within 7 days, 5 within 30 days (the five 2021-04-01 rows),
0 pending, 9 open.
"""
from __future__ import annotations

import io
from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select, Tree

from clausekit import store
from clausekit.tui import make_app
from clausekit.tui.data import FIRST_PAGE, Filters, clause_for, urgency
from clausekit.tui.dialogs.event import EventDialog
from clausekit.tui.dialogs.moved import MovedDialog
from clausekit.tui.dialogs.prompt import PromptDialog
from clausekit.tui.screens.contract import ContractScreen
from clausekit.tui.screens.dashboard import BINDINGS, DashboardScreen
from clausekit.tui.screens.help import HelpScreen
from clausekit.tui.screens.search import SearchScreen
from clausekit.tui.widgets.detail import DetailPane
from clausekit.tui.widgets.summary import SummaryBar
from clausekit.types import Deadline
from tests.tui_helpers import AS_OF, CLOCK_AT, fixed_clock, fresh_copy, seed_db, settle

pytestmark = pytest.mark.timeout(60)

CLOSING = ("2.1", "2021-04-01")
REGISTRATION = ("5.1", "2021-06-21")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return seed_db(tmp_path_factory.mktemp("seed"))


@pytest.fixture
def db_path(template, tmp_path):
    return fresh_copy(template, tmp_path)


def app_for(path, size_as_of=AS_OF):
    return make_app(path, as_of=size_as_of, clock=fixed_clock)


def rows(app) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#deadlines", DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def row_index(app, section: str, due: str) -> int:
    for i, d in enumerate(app.screen.table.items):
        if d.section == section and d.due == due:
            return i
    raise AssertionError(f"no row {section} {due}: {[(d.section, d.due) for d in app.screen.table.items]}")


async def select_row(pilot, section: str, due: str) -> Deadline:
    app = pilot.app
    app.screen.table.move_cursor(row=row_index(app, section, due), animate=False)
    await settle(pilot)
    return app.screen.table.current


def plain(*statics, width: int = 200) -> str:
    """What Static widgets hold, as plain text (no colour, no styles)."""
    from rich.console import Console

    console = Console(width=width, no_color=True, record=True, file=io.StringIO())
    for static in statics:
        console.print(static.content)
    return console.export_text()


def detail_text(app) -> str:
    return plain(app.screen.query_one(DetailPane).query_one("#detail-body"))


async def fill(pilot, text: str) -> None:
    """Put ``text`` in the focused input and press Enter (typing long strings key by key is slow)."""
    field = pilot.app.focused
    assert isinstance(field, Input), field
    field.value = text
    await pilot.press("enter")


def one(db_path, deadline_id: str) -> Deadline:
    db = store.open_db(db_path)
    try:
        return store.get_deadline(db, deadline_id)
    finally:
        db.close()


# ------------------------------------------------------------------ dashboard


@pytest.mark.asyncio
async def test_dashboard_shows_seed_deadlines_by_due_date(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = rows(app)
        dues = [r[1] for r in table]
        assert dues == ["2021-04-01"] * 5 + ["2021-06-12", "2021-06-21", "-", "-"]
        closing = table[row_index(app, *CLOSING)]
        assert closing[:5] == ("30 DAYS", "2021-04-01", "8", "vnet-13da-sra", "2.1")
        assert closing[5].startswith("closing of the repurchase")
        registration = table[row_index(app, *REGISTRATION)]
        assert registration[:5] == ("", "2021-06-21", "89", "vnet-13da-sra", "5.1")
        assert registration[5].startswith("register the Class A")
        assert registration[6] == "Company" and registration[7] == "deadline" and registration[8] == "open"
        summary = str(app.screen.query_one(SummaryBar).render())
        assert "as of 2021-03-24" in summary
        for part in ("OVERDUE 0", "7 DAYS 0", "30 DAYS 5", "PENDING 0", "open 9", "showing 9 of 9"):
            assert part in summary


@pytest.mark.asyncio
async def test_detail_pane_explains_the_date_and_highlights_the_expression(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await select_row(pilot, *CLOSING)
        text = detail_text(app)
        assert "Effective Date 2021-03-23 + 7 business days (HK) = 2021-04-01" in text
        assert "Anchor event: Effective Date: scheduled 2021-03-23, recorded —" in text
        assert "Due: 2021-04-01 (8 days left)" in text
        assert "Owner: unassigned" in text
        # the clause is the sentence from §2.1, with the time expression styled as the highlight
        assert "The closing of the repurchase and sale of the Repurchase Shares hereunder shall take place" in text
        group = app.screen.query_one(DetailPane).query_one("#detail-body").content
        clause = next(t for t in group.renderables if "shall take place remotely" in t.plain)
        quote = "on the seventh (7th) business day after the Effective Date"
        start = clause.plain.index(quote)
        assert [(s.start, s.end) for s in clause.spans if "reverse" in str(s.style)] == [(start, start + len(quote))]


@pytest.mark.asyncio
async def test_mark_done_is_saved_audited_and_survives_a_restart(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        d = await select_row(pilot, *CLOSING)
        await pilot.press("d")
        await settle(pilot)
        assert one(db_path, d.id).status == "done"
        db = store.open_db(db_path)
        audit = store.list_audit(db, deadline_id=d.id)
        db.close()
        assert [(a.action, a.old, a.new, a.at) for a in audit] == [("status", "open", "done", "2021-03-24T09:30:00+00:00")]
        assert [n.message for n in app._notifications] == [f"{d.short_id} marked done: vnet-13da-sra 2.1"]
        # the open list no longer shows it; the summary counts 4 within 30 days
        assert d.id not in [x.id for x in app.screen.table.items]
        assert "30 DAYS 4" in str(app.screen.query_one(SummaryBar).render())
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:  # a new app on the same file: still done
        await settle(pilot)
        assert d.id not in [x.id for x in app.screen.table.items]
        await pilot.press("x")  # show done and waived
        await settle(pilot)
        i = [x.id for x in app.screen.table.items].index(d.id)
        assert rows(app)[i][0] == "done" and rows(app)[i][8] == "done"


@pytest.mark.asyncio
async def test_waive_then_reopen(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        d = await select_row(pilot, *REGISTRATION)
        await pilot.press("w")
        await settle(pilot)
        assert one(db_path, d.id).status == "waived"
        assert app.screen.table.current.id == d.id and rows(app)[app.screen.table.cursor_row][8] == "waived"
        await pilot.press("o")
        await settle(pilot)
        assert one(db_path, d.id).status == "open"
        assert "status: waived → open" in detail_text(app)


@pytest.mark.asyncio
async def test_assign_owner_and_add_note(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        d = await select_row(pilot, *REGISTRATION)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await fill(pilot, "ana@example.com")
        await settle(pilot)
        assert one(db_path, d.id).owner == "ana@example.com"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # an empty note is refused in the dialog
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        assert "type a note" in plain(app.screen.query_one("#prompt-error"))
        await fill(pilot, "F-3 filed with the SEC")
        await settle(pilot)
        saved = one(db_path, d.id)
        assert [(n.text, n.at) for n in saved.notes] == [("F-3 filed with the SEC", "2021-03-24T09:30:00+00:00")]
        text = detail_text(app)
        assert "Owner: ana@example.com" in text
        assert "2021-03-24T09:30:00+00:00  F-3 filed with the SEC" in text
        assert "owner: - → ana@example.com" in text
        assert rows(app)[app.screen.table.cursor_row][8].startswith("open @an")


@pytest.mark.asyncio
async def test_snooze_validates_the_date_and_hides_the_row(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        d = await select_row(pilot, *REGISTRATION)
        await pilot.press("z")
        await pilot.pause()
        await pilot.press(*"2021-13-01", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        assert "is not a date" in plain(app.screen.query_one("#prompt-error"))
        assert one(db_path, d.id).snoozed_until is None
        await fill(pilot, "2021-05-01")
        await settle(pilot)
        assert one(db_path, d.id).snoozed_until == "2021-05-01"
        assert d.id not in [x.id for x in app.screen.table.items]


@pytest.mark.asyncio
async def test_record_event_validates_then_shows_what_moved(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        d = await select_row(pilot, "3.1", "2021-04-01")  # "on or before the Closing Date"
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventDialog)
        assert app.screen.query_one("#event-name", Select).value == "Closing Date"
        await pilot.press(*"2021-02-30", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EventDialog)
        assert "is not a date" in plain(app.screen.query_one("#event-error"))
        db = store.open_db(db_path)
        assert {e.name: e.recorded for e in store.list_events(db, "vnet-13da-sra")}["Closing Date"] is None
        db.close()
        app.screen.query_one("#event-date", Input).value = ""
        await pilot.press(*"2021-04-13", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MovedDialog)
        moved = app.screen.query_one("#moved-table", DataTable)
        moved_rows = {(str(moved.get_row_at(i)[1]), str(moved.get_row_at(i)[2]), str(moved.get_row_at(i)[3]))
                      for i in range(moved.row_count)}
        # everything hanging on the Closing Date moves from 2021-04-01 to 2021-04-13; 2.1 (which
        # schedules the closing) does not
        assert {("3.1", "2021-04-01", "2021-04-13"), ("3.2", "2021-04-01", "2021-04-13"),
                ("5.1", "2021-04-01", "2021-04-13")} <= moved_rows
        assert not any(r[0] == "2.1" for r in moved_rows)
        await pilot.press("escape")
        await settle(pilot)
        db = store.open_db(db_path)
        assert {e.name: e.recorded for e in store.list_events(db, "vnet-13da-sra")}["Closing Date"] == "2021-04-13"
        assert store.get_deadline(db, d.id).due == "2021-04-13"
        db.close()
        assert app.screen.table.current.id == d.id
        assert rows(app)[app.screen.table.cursor_row][1:3] == ("2021-04-13", "20")
        assert "Anchor event: Closing Date: scheduled 2021-04-01, recorded 2021-04-13" in detail_text(app)


# ------------------------------------------------------------------ filters


@pytest.mark.asyncio
async def test_filters_text_kind_status_and_contract(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await fill(pilot, "register")
        await settle(pilot)
        assert [(r[1], r[4]) for r in rows(app)] == [("2021-06-21", "5.1")]
        app.screen.query_one("#f-text", Input).value = ""
        await pilot.press("escape")
        app.screen.query_one("#f-kind", Select).value = "window"
        await pilot.pause(0.4)
        await settle(pilot)
        assert [(r[4], r[7]) for r in rows(app)] == [("Item 2", "window"), ("Item 4", "window")]
        assert app.screen.filters == Filters(kind="window")
        app.screen.query_one("#f-kind", Select).clear()
        app.screen.query_one("#f-contract", Select).value = 1
        await settle(pilot)
        assert len(rows(app)) == 9


# ------------------------------------------------------------------ contract, search, help, palette


@pytest.mark.asyncio
async def test_contract_screen_opens_at_the_section_and_comes_back(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        d = await select_row(pilot, *REGISTRATION)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ContractScreen)
        tree = app.screen.query_one(Tree)
        assert str(tree.cursor_node.label).startswith("5.1  Conversion into Class A Ordinary Shares")
        labels = [str(n.label) for n in _walk(tree.root)]
        assert '21Vianet Group, Inc. ("Company"), Cayman Islands' in labels
        assert "Effective Date: scheduled 2021-03-23" in labels
        assert any(label.startswith("Conditions precedent (7)") for label in labels)
        assert any(label.startswith("5.2  Termination of Board Representation Rights") for label in labels)
        body = plain(app.screen.query_one("#section-body"), width=400)
        assert "as soon as practicable and in any event within ninety (90) days after the Effective Date" in body
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen) and app.screen.table.current.id == d.id


def _walk(node):
    for child in node.children:
        yield child
        yield from _walk(child)


@pytest.mark.asyncio
async def test_search_finds_a_section_and_opens_it(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await fill(pilot, "arbitration")
        await settle(pilot)
        table = app.screen.query_one("#search-results", DataTable)
        hits = [(str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1])) for i in range(table.row_count)]
        assert ("vnet-13da-sra", "6.1") in hits
        table.move_cursor(row=hits.index(("vnet-13da-sra", "6.1")))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContractScreen)
        assert str(app.screen.query_one(Tree).cursor_node.label).startswith("6.1  Governing Law; Arbitration")


@pytest.mark.asyncio
async def test_help_lists_every_action(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = plain(*app.screen.query("Static"), width=150)
        for b in BINDINGS:
            assert b.tooltip in text
        assert "OVERDUE" in text and "PENDING" in text


@pytest.mark.asyncio
async def test_command_palette_runs_an_action(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        d = await select_row(pilot, *CLOSING)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Waive (w)")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert one(db_path, d.id).status == "waived"


@pytest.mark.asyncio
async def test_command_palette_jumps_to_a_deadline_by_its_words(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"register the")
        await pilot.pause(1.0)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        current = app.screen.table.current
        assert (current.section, current.due) == REGISTRATION
        assert app.screen.filters == Filters(status="all", contract=current.contract_id)


# ------------------------------------------------------------------ scale, markers, clause, entry point


@pytest.mark.asyncio
async def test_large_lists_load_page_by_page(tmp_path):
    from bench.make_db import build

    path = build(tmp_path / "big.db", 450, quiet=True, as_of=AS_OF)
    db = store.open_db(path)
    expected = [d.id for d in store.list_deadlines(db, as_of=AS_OF)]
    db.close()
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.table
        assert len(table.items) == FIRST_PAGE  # the first page only
        assert f"showing {FIRST_PAGE} of {len(expected)}" in str(app.screen.query_one(SummaryBar).render())
        for _ in range(6):
            await pilot.press("end")
            await settle(pilot)
        assert [d.id for d in table.items] == expected


def test_urgency_bands_and_pending():
    def d(**kw):
        return Deadline(id="0" * 64, contract_id=1, contract_name="c", section="1", quote="q", kind="deadline", **kw)
    as_of = date(2021, 3, 24)
    assert urgency(d(due="2021-03-23"), as_of) == "overdue"
    assert urgency(d(due="2021-03-24"), as_of) == "week"
    assert urgency(d(due="2021-03-31"), as_of) == "week"  # 7 days
    assert urgency(d(due="2021-04-01"), as_of) == "month"  # 8 days
    assert urgency(d(due="2021-04-23"), as_of) == "month"  # 30 days
    assert urgency(d(due="2021-04-24"), as_of) is None
    assert urgency(d(pending_on="Closing Date"), as_of) == "pending"
    assert urgency(d(due="2021-03-01", status="done"), as_of) == "done"


@pytest.mark.asyncio
async def test_no_color_keeps_the_markers(tmp_path, monkeypatch):
    from bench.make_db import build

    path = build(tmp_path / "mix.db", 150, quiet=True, as_of=AS_OF)
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        items = app.screen.table.items
        flags = [r[0] for r in rows(app)]
        for d, flag in zip(items, flags):
            expected = {"overdue": "OVERDUE", "week": "7 DAYS", "month": "30 DAYS", "pending": "PENDING"}
            assert flag == expected.get(urgency(d, AS_OF), "")
        assert "OVERDUE" in flags


def test_clause_is_the_sentence_around_the_expression(tmp_path):
    import hashlib

    from clausekit.types import Extraction, Section, TimeProvision

    text = ("1. Payment. The Buyer shall pay the Price. The Seller shall deliver the goods within ten (10) "
            "days after the Closing Date; title passes on delivery. Risk passes later.")
    quote = "within ten (10) days after the Closing Date"
    start = text.index(quote)
    x = Extraction(source={"path": "x.txt", "sha256": hashlib.sha256(text.encode()).hexdigest(), "format": "txt"},
                   sections=(Section("1", "Payment", 1, None, 0, len(text)),),
                   deadlines=(TimeProvision(quote=quote, section="1", kind="deadline", count=10, unit="day",
                                            direction="after", anchor="Closing Date", date=None, due=None,
                                            obligor="Seller", action=None, explanation=None, start=start,
                                            end=start + len(quote)),))
    db = store.open_db(tmp_path / "c.db")
    store.save_extraction(db, x, text=text, at=CLOCK_AT)
    d = store.list_deadlines(db, as_of=AS_OF)[0]
    assert d.pending_on == "Closing Date" and urgency(d, AS_OF) == "pending"
    clause = clause_for(db, d)
    assert clause.text == ("The Seller shall deliver the goods within ten (10) days after the Closing Date; "
                           "title passes on delivery.")
    assert clause.text[clause.start:clause.end] == quote


def test_tui_command_rejects_a_bad_date(tmp_path, capsys):
    from clausekit.cli import main

    with pytest.raises(SystemExit) as e:
        main(["tui", "--db", str(tmp_path / "x.db"), "--as-of", "2021-02-30"])
    assert e.value.code != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad --as-of date '2021-02-30'" in err


@pytest.mark.asyncio
async def test_a_contract_list_arriving_after_quit_is_dropped(db_path):
    # the contract list loads in a worker; when its result arrives after the app has quit
    # (the race a large database makes likely), it must be dropped, not raise NoMatches
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        await pilot.press("q")
    dashboard._set_contracts([("late contract", 99)])  # what the worker's callback does, too late
