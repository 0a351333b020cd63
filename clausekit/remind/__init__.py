"""Nightly reminders: what is due (pure selection), digests, delivery, and the sent-log.

Start-up matters (cron runs this every night): nothing here imports spaCy, Textual or the
extraction pipeline. Library code takes ``as_of`` and ``at``; only the command reads the clock.

- ``plan(db, ...)`` → the items to remind now (not yet sent) and whether anything needs
  attention (``--check``).
- ``run(db, ...)`` → prints the stdout digest, sends the mail digests, logs what went out.
- ``select``/``lead_step``/``route`` (``clausekit.remind.select``): the rules, documented there.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from clausekit.remind.digest import Digest, digests, render_text, subject
from clausekit.remind.mail import Server, build_message, send_digests
from clausekit.remind.select import (
    OVERDUE,
    PENDING,
    SOON,
    STDOUT,
    Item,
    lead_step,
    needs_attention,
    parse_leads,
    route,
    select,
)

__all__ = ["OVERDUE", "PENDING", "SOON", "STDOUT", "Digest", "Item", "Outcome", "Server", "build_message",
           "digests", "lead_step", "needs_attention", "parse_leads", "plan", "render_text", "route", "run",
           "select", "subject"]

#: load the whole sent-log instead of asking for it in chunks past this many candidates
_BULK = 2000


@dataclass
class Outcome:
    items: list[Item] = field(default_factory=list)
    attention: bool = False  # something open is overdue or due within the first lead
    printed: Digest | None = None
    sent: list[Digest] = field(default_factory=list)
    refused: list[tuple[Digest, str]] = field(default_factory=list)


def plan(db, *, as_of: date, leads: Sequence[int], defaults: Sequence[str] = (), pending_after: int = 30,
         mail: bool = False) -> tuple[list[Item], bool]:
    """(items to remind now, needs attention). Without ``mail`` every item goes to the stdout digest."""
    from clausekit import store

    dated = store.list_deadlines(db, as_of=as_of, within=max(leads), status="open")
    pending = store.pending_deadlines(db, as_of=as_of)
    uids = [d.id for d in dated] + [p.deadline.id for p in pending]
    sent = store.sent_keys(db) if len(uids) > _BULK else store.sent_keys(db, uids=uids)

    def recipients(d) -> Sequence[str]:
        return route(d, defaults) if mail else (STDOUT,)

    items = select(dated, pending, as_of=as_of, leads=leads, pending_after=pending_after, sent=sent,
                   recipients=recipients)
    return items, needs_attention(dated, as_of=as_of, leads=leads)


def _keys(digest: Digest) -> list[tuple[str, str, str]]:
    return [(i.deadline.id, i.due_key, i.step) for i in digest.items]


def run(db, *, as_of: date, leads: Sequence[int], defaults: Sequence[str] = (), pending_after: int = 30,
        server: Server | None = None, dry_run: bool = False, echo: Callable[[str], None] = print,
        at: datetime | None = None) -> Outcome:
    """One reminder run: the stdout digest is echoed, mail digests sent, and (unless ``dry_run``) logged.

    A mail digest is logged right after the server accepts it, so an interrupted run resumes
    where it stopped. Raises TemporaryFailure when the mail server cannot be reached.
    ``dry_run`` echoes every digest (mail ones with their To and Subject) and logs nothing.
    """
    from clausekit import store

    items, attention = plan(db, as_of=as_of, leads=leads, defaults=defaults, pending_after=pending_after,
                            mail=server is not None)
    out = Outcome(items=items, attention=attention)
    all_digests = digests(items, as_of)
    for d in all_digests:
        if d.recipient == STDOUT:
            echo(d.text.rstrip("\n"))
            out.printed = d
            if not dry_run:
                store.record_sent(db, _keys(d), STDOUT, at=at)
    mail = [d for d in all_digests if d.recipient != STDOUT]
    if dry_run:
        for d in mail:
            echo(f"To: {d.recipient}\nSubject: {d.subject}\n\n{d.text.rstrip()}\n")
        return out
    if mail and server is not None:
        def logged(d: Digest) -> None:
            store.record_sent(db, _keys(d), d.recipient, at=at)
            out.sent.append(d)
        out.refused = send_digests(server, mail, logged)
    return out
