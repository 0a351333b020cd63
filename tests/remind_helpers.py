"""A small synthetic agreement for the reminder and export tests, plus a loopback SMTP server.

Dates are stated or counted in calendar days / weekend-only business days so every due
date below is hand-checkable (each is worked out in a comment).
"""
from __future__ import annotations

import asyncio
import hashlib
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from clausekit import store
from clausekit.types import Extraction

TRICKY = "Société Générale; 北京 Holdings, Ltd.\nline two"


def provision(section: str, quote: str, *, kind: str = "deadline", count=None, unit=None, direction=None,
              anchor=None, date=None, obligor=None, action=None, start: int = 0) -> dict:
    return {"quote": quote, "section": section, "kind": kind, "count": count, "unit": unit,
            "direction": direction, "anchor": anchor, "date": date, "due": None, "obligor": obligor,
            "action": action, "explanation": None, "pending_on": None, "calendar": None, "cap": None,
            "schedules": None, "start": start, "end": start + len(quote)}


def record(name: str, deadlines: list[dict], *, events: list[dict] = (), agreement_date: str = "2021-03-01",
           title: str | None = None, parties: list[str] = ()) -> dict:
    return {
        "schema": "clausekit.extraction/1",
        "source": {"path": f"contracts/{name}.md", "sha256": hashlib.sha256(name.encode()).hexdigest(),
                   "format": "md"},
        "title": title, "agreement_date": agreement_date,
        "governing_law": {"jurisdiction": None, "section": None},
        "calendar": {"name": "weekends", "source": "default"},
        "parties": [{"name": p, "aliases": [], "jurisdiction": None, "role": None} for p in parties],
        "defined_terms": [], "sections": [], "deadlines": list(deadlines), "conditions_precedent": [],
        "covenants": [], "events": list(events),
    }


def alpha_record() -> dict:
    """As of 2021-04-20 (a Tuesday), with --lead 30,7,1:

    1.1 A  stated 2021-04-15                 -> 5 days overdue            (step overdue)
    1.2 B  stated 2021-04-22                 -> 2 days left               (step 7)
    1.3 C  stated 2021-05-10                 -> 20 days left              (step 30)
    1.4 D  stated 2021-07-01                 -> 72 days left              (not yet)
    1.5 G  stated 2021-04-25, owner jane@    -> 5 days left               (step 7, to jane)
    1.6 H  stated 2021-04-21, snoozed to 04-30                            (left out)
    1.7 I  stated 2021-04-18, done                                        (left out)
    2.1 J  5 days after Notice Date (scheduled Fri 2021-04-09) -> Wed 2021-04-14, 6 days overdue
    2.2 E  10 business days after the Closing (no date)        -> pending; agreement 2021-03-01 is 50 days old
    """
    d = [
        provision("1.1", "on or before April 15, 2021", date="2021-04-15", action="deliver the compliance certificate",
                  obligor="Société Générale", start=100),
        provision("1.2", "no later than April 22, 2021", date="2021-04-22", action="pay the deferred price",
                  obligor="Buyer", start=200),
        provision("1.3", "by May 10, 2021", date="2021-05-10", action="file the annual report", start=300),
        provision("1.4", "on July 1, 2021", date="2021-07-01", action="renew the lease", start=400),
        provision("1.5", "until April 25, 2021", date="2021-04-25", kind="expiry", action="option expires",
                  start=500),
        provision("1.6", "by April 21, 2021", date="2021-04-21", action="send the board pack", start=600),
        provision("1.7", "by April 18, 2021", date="2021-04-18", action="hold the kick-off call", start=700),
        provision("2.1", "within five (5) days after the Notice Date", count=5, unit="day", direction="after",
                  anchor="Notice Date", kind="notice", action="object to the notice", obligor=TRICKY, start=800),
        provision("2.2", "within ten (10) Business Days after the Closing", count=10, unit="business_day",
                  direction="after", anchor="Closing", action="deliver the closing statement", obligor="Buyer",
                  start=900),
    ]
    events = [{"name": "Notice Date", "scheduled": "2021-04-09", "source": "2.1"},
              {"name": "Closing", "scheduled": None, "source": None}]
    return record("alpha", d, events=events, title="Alpha Supply Agreement — 北京",
                  parties=["Société Générale", "北京 Holdings, Ltd."])


def find(db, section: str, contract: str = "alpha"):
    items = [d for d in store.list_deadlines(db, as_of="2021-01-01", status="all", include_snoozed=True)
             if d.section == section and d.contract_name == contract]
    assert len(items) == 1, items
    return items[0]


def make_alpha_db(path) -> object:
    """The alpha agreement in a fresh database, with G owned by jane, H snoozed and I done."""
    db = store.open_db(path)
    store.save_extraction(db, Extraction.from_record(alpha_record()))
    store.set_owner(db, find(db, "1.5").id, "jane@example.com")
    store.snooze(db, find(db, "1.6").id, "2021-04-30")
    store.set_status(db, find(db, "1.7").id, "done")
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Inbox:
    """What the loopback server accepted (a message counts once the server answered 250)."""

    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)
    stall_after: int | None = None  # accept this many messages, then hang on the next one
    stalled: bool = False

    async def handle_DATA(self, server, session, envelope):
        if self.stall_after is not None and len(self.messages) >= self.stall_after:
            self.stalled = True
            await asyncio.sleep(3600)
            return "451 stalled"
        msg = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def to(self, addr: str) -> list[EmailMessage]:
        return [m for rcpts, m in self.messages if addr in rcpts]


def start_server(inbox: Inbox, *, auth: dict[str, str] | None = None) -> Controller:
    kwargs = {}
    if auth is not None:
        def authenticator(server, session, envelope, mechanism, auth_data):
            from aiosmtpd.smtp import AuthResult, LoginPassword

            if isinstance(auth_data, LoginPassword):
                user, pw = auth_data.login.decode(), auth_data.password.decode()
                inbox.logins.append((user, pw))
                return AuthResult(success=auth.get(user) == pw, handled=False)
            return AuthResult(success=False, handled=False)
        kwargs = {"authenticator": authenticator, "auth_require_tls": False, "auth_required": True}
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


def text_part(msg: EmailMessage) -> str:
    return msg.get_body(preferencelist=("plain",)).get_content()
