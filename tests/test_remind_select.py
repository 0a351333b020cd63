"""The selection rules as a pure function: lead steps, catch-up, routing, pending events, --check.

Every expected value is worked out by hand from the dates in the test (day counts in comments).
"""
from __future__ import annotations

from datetime import date

import pytest

from clausekit.remind import digests, lead_step, needs_attention, parse_leads, route, select, subject
from clausekit.remind.select import STDOUT
from clausekit.types import Deadline

LEADS = (30, 7, 1)


def dl(ident: str, due: str | None, *, status="open", owner=None, pending_on=None, section="1.1") -> Deadline:
    return Deadline(id=ident * 8, contract_id=1, contract_name="alpha", section=section, quote=f"quote {ident}",
                    kind="deadline", due=due, status=status, owner=owner, pending_on=pending_on,
                    explanation=f"stated date {due}" if due else None, action=f"do {ident}")


def pick(dated, pending=(), *, as_of, sent=(), pending_after=30, defaults=("team@example.com",)):
    return select(dated, pending, as_of=date.fromisoformat(as_of), leads=LEADS, pending_after=pending_after,
                  sent=set(sent), recipients=lambda d: route(d, defaults))


@pytest.mark.parametrize(("days_left", "step"), [
    (-1, "overdue"), (0, "1"), (1, "1"), (2, "7"), (7, "7"), (8, "30"), (30, "30"), (31, None)])
def test_lead_step_is_the_most_urgent_step_reached(days_left, step):
    assert lead_step(days_left, LEADS) == step


def test_parse_leads():
    assert parse_leads("1, 30,7,7") == (30, 7, 1)
    assert parse_leads([14]) == (14,)
    for bad in ("", "x", "7,-1"):
        with pytest.raises(ValueError):
            parse_leads(bad)


def test_a_missed_night_is_caught_up_and_passed_steps_are_not_sent_late():
    d = dl("a", "2021-05-01")
    # 2021-04-01: 30 days left -> step 30
    first = pick([d], as_of="2021-04-01")
    assert [(i.step, i.days_left) for i in first] == [("30", 30)]
    sent = {i.key for i in first}
    assert pick([d], as_of="2021-04-02", sent=sent) == []  # 29 days: still step 30, already sent
    # the job did not run from 04-20 to 04-28; on 04-29 there are 2 days left: the 7-day step
    # (never sent) goes out now, not "days left == 7" which that night would have missed
    late = pick([d], as_of="2021-04-29", sent=sent)
    assert [(i.step, i.days_left) for i in late] == [("7", 2)]
    # first seen 3 days before the due date: only the current step, not 30 and 7 as well
    assert [i.step for i in pick([dl("b", "2021-05-01")], as_of="2021-04-28")] == ["7"]


def test_a_moved_due_date_is_reminded_again():
    d = dl("a", "2021-04-25")
    sent = {i.key for i in pick([d], as_of="2021-04-20")}  # step 7 for 04-25
    assert pick([d], as_of="2021-04-20", sent=sent) == []
    moved = dl("a", "2021-04-23")  # 3 days left: still step 7, but a new due date
    assert [(i.log_due, i.step) for i in pick([moved], as_of="2021-04-20", sent=sent)] == [("2021-04-23", "7")]


def test_groups_order_and_routing():
    items = pick([dl("c", "2021-05-10"), dl("a", "2021-04-15"), dl("g", "2021-04-25", owner="jane@example.com"),
                  dl("n", "2021-04-22", owner="Jane Doe"), dl("x", "2021-04-10", status="done")],
                 as_of="2021-04-20")
    assert [(i.deadline.id[0], i.group, i.recipient) for i in items] == [
        ("a", "overdue", "team@example.com"),  # 5 days late
        ("n", "soon", "team@example.com"),  # owner is a name, not an address: the defaults get it
        ("g", "soon", "jane@example.com"),
        ("c", "soon", "team@example.com")]  # 20 days left
    assert [len(d.items) for d in digests(items, date(2021, 4, 20))] == [3, 1]
    assert subject(items) == "clausekit: 1 overdue, 2 due this week, 1 due within 20 days"


def test_without_recipients_everything_goes_to_stdout():
    assert route(dl("a", "2021-04-15"), ()) == (STDOUT,)
    assert route(dl("a", "2021-04-15", owner="jane@example.com"), ()) == ("jane@example.com",)


def test_pending_overdue_for_recording():
    waiting = dl("p", None, pending_on="Closing")
    # event with a scheduled date that has passed, not recorded: remind
    assert [i.group for i in pick([], [(waiting, "2021-04-19", "2021-04-01")], as_of="2021-04-20")] == ["pending"]
    # scheduled in the future: not yet
    assert pick([], [(waiting, "2021-04-21", "2021-01-01")], as_of="2021-04-20") == []
    # no date at all: once the agreement is more than 30 days old (2021-03-20 -> 31 days on 04-20)
    assert pick([], [(waiting, None, "2021-03-21")], as_of="2021-04-20") == []  # 30 days: not more than 30
    item, = pick([], [(waiting, None, "2021-03-20")], as_of="2021-04-20")
    assert (item.step, item.lead_days, item.log_due) == ("pending", -2, "2021-03-20")
    assert pick([], [(waiting, None, "2021-03-20")], as_of="2021-05-20", sent={item.key}) == []  # once per event


def test_check_looks_at_state_not_at_the_sent_log():
    as_of = date(2021, 4, 20)
    assert needs_attention([dl("a", "2021-05-20")], as_of=as_of, leads=LEADS)  # 30 days: within the first lead
    assert not needs_attention([dl("a", "2021-05-21")], as_of=as_of, leads=LEADS)  # 31 days
    assert needs_attention([dl("a", "2021-01-01")], as_of=as_of, leads=LEADS)  # overdue
    assert not needs_attention([dl("a", "2021-04-21", status="waived")], as_of=as_of, leads=LEADS)


@pytest.mark.parametrize(("owner", "is_address"), [
    ("jane@example.com", True), (" jane.doe+deals@legal.example.co.uk ", True), ("Jane Doe", False),
    ("jane@example.com\r\nBcc: evil@example.com", False), ("Jane <jane@example.com>", False),
    ("jane@localhost", False), ("@example.com", False), ("a@b@c.com", False), ("", False), (None, False)])
def test_only_a_bare_address_routes_to_its_owner(owner, is_address):
    from clausekit.remind import looks_like_address

    assert looks_like_address(owner) is is_address
    routed = route(dl("a", "2021-04-15", owner=owner), ("team@example.com",))
    assert routed == ((owner.strip(),) if is_address else ("team@example.com",))
