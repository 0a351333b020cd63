"""What is due: a pure function of the deadlines, ``as_of``, the lead days and what was already sent.

Rules (documented in ``clausekit remind --help`` and the README):

- A dated open deadline is in the *overdue* group when its due date is before ``as_of``, in
  the *due soon* group when it is due within the largest lead (``--lead 30,7,1`` → 30 days).
- Its *lead step* is the most urgent step it has reached: ``overdue``, else the smallest lead
  ``L`` with ``days_left <= L``. It is reminded when that step, at that due date, has not been
  sent to that recipient yet. So a missed night is caught up (the step is still unsent), a
  second run sends nothing, a moved due date is a new key and is reminded again, and steps
  already passed are never sent late (a deadline first seen 3 days out gets the 7-day step,
  not the 30-day one as well). Never "days left == N".
- A pending deadline (no due date, waiting for an event) is *overdue for recording* when its
  event has a scheduled date before ``as_of`` and still no recorded date, or — when the
  event has no date at all — when the agreement is dated (else was ingested) more than
  ``pending_after`` days before ``as_of``. It is reminded once (logged with lead -2 and, as its
  due date, the event's scheduled date or else the agreement's date); overdue is logged as lead -1.
- Snoozed deadlines are left out by the store until their snooze date.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from clausekit.types import Deadline

OVERDUE = "overdue"
SOON = "soon"
PENDING = "pending"
GROUPS = (OVERDUE, SOON, PENDING)
STDOUT = "-"  # the recipient key of the digest printed to stdout


#: the ``lead_days`` the sent log records for the two steps that are not a lead time
OVERDUE_LEAD = -1
PENDING_LEAD = -2


@dataclass(frozen=True)
class Item:
    """One line of a digest: a deadline, why it is in the digest, and for whom."""

    deadline: Deadline
    group: str  # overdue | soon | pending
    step: str  # "overdue", a lead in days ("30", "7", "1") or "pending"
    log_due: str  # the due date the sent log keys on (pending: the event's scheduled date, else the agreement's)
    days_left: int | None
    recipient: str
    event_scheduled: str | None = None  # pending only: the event's scheduled date, if any

    @property
    def lead_days(self) -> int:
        return {OVERDUE: OVERDUE_LEAD, PENDING: PENDING_LEAD}.get(self.step) or int(self.step)

    @property
    def channel(self) -> str:
        return "stdout" if self.recipient == STDOUT else "email"

    @property
    def key(self) -> tuple[str, str, int, str, str]:
        """What the sent log keys on: (deadline id, due date, lead days, recipient, channel)."""
        return (self.deadline.id, self.log_due, self.lead_days, self.recipient, self.channel)


def parse_leads(text: str | Iterable[int]) -> tuple[int, ...]:
    """"30,7,1" → (30, 7, 1): distinct, non-negative, largest first. ValueError when unreadable."""
    parts = [p.strip() for p in text.split(",")] if isinstance(text, str) else [str(p) for p in text]
    leads = sorted({int(p) for p in parts if p}, reverse=True)
    if not leads or leads[-1] < 0:
        raise ValueError("lead days must be whole numbers of days, zero or more, e.g. 30,7,1")
    return tuple(leads)


def lead_step(days_left: int, leads: Sequence[int]) -> str | None:
    """The most urgent step reached: "overdue", the smallest lead >= days_left, or None (not yet)."""
    if days_left < 0:
        return OVERDUE
    reached = [lead for lead in leads if days_left <= lead]
    return str(min(reached)) if reached else None


_ADDRESS = re.compile(r"[^@\s<>(),;:\"\[\]\\]+@[^@\s<>(),;:\"\[\]\\]+\.[^@\s<>(),;:\"\[\]\\.]+")


def looks_like_address(owner: str | None) -> bool:
    """A bare e-mail address (no display name, no spaces or line breaks: nothing that could
    smuggle another header or recipient into the message)."""
    return bool(owner) and _ADDRESS.fullmatch(owner.strip()) is not None


def route(deadline: Deadline, defaults: Sequence[str]) -> tuple[str, ...]:
    """Who gets a deadline: its owner when the owner is an e-mail address, else the defaults, else stdout."""
    if looks_like_address(deadline.owner):
        return (deadline.owner.strip(),)
    return tuple(defaults) or (STDOUT,)


def select(dated: Iterable[Deadline], pending: Iterable[tuple[Deadline, str | None, str]], *, as_of: date,
           leads: Sequence[int], pending_after: int, sent: Collection[tuple[str, str, int, str, str]],
           recipients: Callable[[Deadline], Sequence[str]]) -> list[Item]:
    """Everything to remind now, as ``Item``s not yet in ``sent``; in digest order."""
    items: list[Item] = []
    for d in dated:
        if d.status != "open" or d.due is None:
            continue
        days_left = (date.fromisoformat(d.due) - as_of).days
        step = lead_step(days_left, leads)
        if step is None:
            continue
        group = OVERDUE if step == OVERDUE else SOON
        for r in recipients(d):
            items.append(Item(d, group, step, d.due, days_left, r))
    for d, scheduled, dated_on in pending:
        if d.status != "open" or d.due is not None or not d.pending_on:
            continue
        if scheduled:
            late = date.fromisoformat(scheduled) < as_of
        else:
            late = (as_of - date.fromisoformat(dated_on)).days > pending_after
        if not late:
            continue
        for r in recipients(d):
            items.append(Item(d, PENDING, PENDING, scheduled or dated_on, None, r, scheduled))
    fresh = [i for i in items if i.key not in sent]
    return sorted(fresh, key=_order)


def _order(item: Item) -> tuple:
    d = item.deadline
    return (GROUPS.index(item.group), d.due or "", d.pending_on or "", d.contract_name, d.section or "", d.id)


def needs_attention(dated: Iterable[Deadline], *, as_of: date, leads: Sequence[int]) -> bool:
    """``--check``: anything open that is overdue or due within the first (largest) lead."""
    horizon = max(leads)
    return any(d.status == "open" and d.due is not None and (date.fromisoformat(d.due) - as_of).days <= horizon
               for d in dated)
