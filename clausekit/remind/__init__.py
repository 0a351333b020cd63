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
    looks_like_address,
    needs_attention,
    parse_leads,
    route,
    select,
)

__all__ = ["OVERDUE", "PENDING", "SOON", "STDOUT", "Digest", "Item", "Outcome", "Server", "build_message",
           "digests", "lead_step", "looks_like_address", "needs_attention", "parse_leads", "plan", "render_text", "route", "run",
           "select", "sent_keys", "subject"]


@dataclass
class Outcome:
    items: list[Item] = field(default_factory=list)
    attention: bool = False  # something open is overdue or due within the first lead
    printed: Digest | None = None
    sent: list[Digest] = field(default_factory=list)
    refused: list[tuple[Digest, str]] = field(default_factory=list)


def sent_keys(db) -> set[tuple[str, str, int, str, str]]:
    """The keys of every reminder the log says was delivered ("sending" — a crash before the
    server's answer was logged — and "failed" ones are sent again)."""
    from clausekit import store

    return {(r.deadline_id, r.due, r.lead_days, r.recipient, r.channel)
            for r in store.list_reminders(db, status="sent")}


def plan(db, *, as_of: date, leads: Sequence[int], defaults: Sequence[str] = (), pending_after: int = 30,
         mail: bool = False) -> tuple[list[Item], bool]:
    """(items to remind now, needs attention). Without ``mail`` every item goes to the stdout digest."""
    from clausekit import store

    dated = store.list_deadlines(db, as_of=as_of, within=max(leads), status="open")
    pending = store.pending_deadlines(db, as_of=as_of)

    def recipients(d) -> Sequence[str]:
        return route(d, defaults) if mail else (STDOUT,)

    items = select(dated, pending, as_of=as_of, leads=leads, pending_after=pending_after, sent=sent_keys(db),
                   recipients=recipients)
    return items, needs_attention(dated, as_of=as_of, leads=leads)


def _log(db, digest: Digest, *, begin: bool, error: str | None = None, at: datetime | None = None,
         message_id: str | None = None) -> None:
    """Claim (``begin``) or settle every item of a digest in the sent log, in one transaction."""
    from clausekit import store

    def tx(db) -> None:
        for i in digest.items:
            key = {"due": i.log_due, "lead_days": i.lead_days, "recipient": i.recipient, "channel": i.channel,
                   "at": at}
            if begin:
                store.begin_reminder(db, i.deadline.id, message_id=message_id, **key)
            else:
                store.finish_reminder(db, i.deadline.id, ok=error is None, error=error, **key)

    store.write(db, tx)


def run(db, *, as_of: date, leads: Sequence[int], defaults: Sequence[str] = (), pending_after: int = 30,
        server: Server | None = None, dry_run: bool = False, echo: Callable[[str], None] = print,
        at: datetime | None = None) -> Outcome:
    """One reminder run: the stdout digest is echoed, mail digests sent, and (unless ``dry_run``) logged.

    Each mail digest is claimed in the sent log ("sending") before it is handed to the server
    and marked "sent" once the server accepted it, so a run killed in between resumes where
    it stopped (at worst re-sending the one digest in flight, with the same Message-ID).
    Raises TemporaryFailure when the mail server cannot be reached; nothing is then marked
    sent. ``dry_run`` echoes every digest (mail ones with To and Subject) and logs nothing.
    """
    from clausekit.remind.mail import message_id

    items, attention = plan(db, as_of=as_of, leads=leads, defaults=defaults, pending_after=pending_after,
                            mail=server is not None)
    out = Outcome(items=items, attention=attention)
    all_digests = digests(items, as_of)
    for d in all_digests:
        if d.recipient == STDOUT:
            if not dry_run:
                _log(db, d, begin=True, at=at)
            echo(d.text.rstrip("\n"))
            out.printed = d
            if not dry_run:
                _log(db, d, begin=False, at=at)
    mail = [d for d in all_digests if d.recipient != STDOUT]
    if dry_run:
        for d in mail:
            echo(f"To: {d.recipient}\nSubject: {d.subject}\n\n{d.text.rstrip()}\n")
        return out
    if mail and server is not None:
        def before(d: Digest) -> None:
            _log(db, d, begin=True, at=at, message_id=message_id(d))

        def after(d: Digest, error: str | None) -> None:
            _log(db, d, begin=False, error=error, at=at)
            if error is None:
                out.sent.append(d)

        out.refused = send_digests(server, mail, before, after)
    return out
