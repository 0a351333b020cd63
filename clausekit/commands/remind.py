"""`clausekit remind`: the nightly reminder job (cron / systemd timer).

Imports only click, the config, the store and ``clausekit.remind`` — never spaCy or Textual —
so it starts fast. Only this layer reads the clock.
"""
from __future__ import annotations

import socket
import sys
from datetime import UTC, date, datetime

import click

from clausekit.errors import Exit, UsageError


def _smtp_address(text: str, default_port: int) -> tuple[str, int]:
    host, sep, port = text.strip().rpartition(":")
    if not sep or "]" in port:  # no port given (or a bare IPv6 address in brackets)
        host, port = text.strip(), str(default_port)
    host = host.strip("[]")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"bad --smtp {text!r}: expected HOST or HOST:PORT")
    return host, int(port)


@click.command("remind")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="database file (default: $CLAUSEKIT_DB, else the user data dir)")
@click.option("--as-of", "as_of", default=None, help="the day to remind as of (default: today)")
@click.option("--lead", default=None, metavar="DAYS",
              help="lead days, e.g. 30,7,1 (default: config lead_days, else 30,7,1)")
@click.option("--to", "to", multiple=True, metavar="ADDR",
              help="default recipient for deadlines with no e-mail owner (repeatable; default: config recipients)")
@click.option("--smtp", default=None, metavar="HOST[:PORT]", help="mail server (default: config smtp.host)")
@click.option("--from", "sender", default=None, metavar="ADDR", help="sender address (default: config smtp.sender)")
@click.option("--starttls/--no-starttls", default=None,
              help="upgrade the connection with STARTTLS (default: config smtp.starttls, on)")
@click.option("--ssl", "use_ssl", is_flag=True, default=None, help="implicit TLS (SMTPS, usually port 465)")
@click.option("--pending-after", type=click.IntRange(0, None), default=30, show_default=True,
              help="remind of a deadline waiting for an undated event once the agreement is this many days old")
@click.option("--dry-run", is_flag=True, help="print what would be sent; send and record nothing")
@click.option("--check", is_flag=True, help="exit 3 when anything is overdue or due within the first lead")
def remind_cmd(db_path: str | None, as_of: str | None, lead: str | None, to: tuple[str, ...], smtp: str | None,
               sender: str | None, starttls: bool | None, use_ssl: bool | None, pending_after: int,
               dry_run: bool, check: bool) -> None:
    """Remind of deadlines that are overdue, due within a lead time, or waiting for an overdue event.

    One digest per recipient (the deadline's owner when it is an e-mail address, else --to /
    the configured recipients), grouped overdue / due soon / pending. Without a mail server
    the digest is printed to stdout (cron mails it); when nothing is due nothing is printed.
    Each (deadline, due date, lead step, recipient) is sent once: a second run sends nothing
    new, a missed night is caught up, a moved due date is reminded again. SMTP user and
    password come from the config file or the environment (CLAUSEKIT_SMTP_USER,
    CLAUSEKIT_SMTP_PASSWORD), never from the command line.

    Exit status: 0 ok; 3 with --check when something needs attention; 75 when the mail
    server is unreachable or another run holds the lock (nothing unsent is recorded).

    \b
    Examples:
        clausekit remind --dry-run
        clausekit remind --smtp smtp.example.com:587 --to counsel@example.com
        clausekit remind --check --dry-run --as-of 2021-03-25 || echo "deadlines need attention"
    """
    from clausekit import remind, store
    from clausekit.commands.tracker import parse_date
    from clausekit.config import load_config
    from clausekit.remind.lock import run_lock

    config = load_config(db_path)
    day = parse_date(as_of, "--as-of date") or date.today()
    try:
        leads = remind.parse_leads(lead) if lead is not None else remind.parse_leads(config.lead_days)
    except ValueError as e:
        raise UsageError(f"bad --lead {lead!r}: {e}") from None
    smtp_cfg = config.smtp
    server = None
    host = smtp_cfg.host
    port = smtp_cfg.port
    if smtp:
        host, port = _smtp_address(smtp, 465 if use_ssl else smtp_cfg.port)
    if host:
        ssl_on = bool(use_ssl) if use_ssl is not None else smtp_cfg.ssl
        server = remind.Server(
            host=host, port=port,
            sender=sender or smtp_cfg.sender or smtp_cfg.user or f"clausekit@{socket.gethostname()}",
            user=smtp_cfg.user, password=smtp_cfg.password,
            starttls=(smtp_cfg.starttls if starttls is None else starttls) and not ssl_on,
            ssl=ssl_on, timeout=smtp_cfg.timeout)
    defaults = tuple(a.strip() for a in (tuple(to) or config.recipients))
    for address in defaults:
        if not remind.looks_like_address(address):
            raise UsageError(f"bad recipient {address!r}: expected an address like counsel@example.com")
    if not config.db.exists():
        raise UsageError("no database here yet; run `clausekit ingest` first", path=str(config.db))
    db = store.open_db(config.db)

    def echo(text: str) -> None:
        click.echo(text)

    def go():
        return remind.run(db, as_of=day, leads=leads, defaults=defaults, pending_after=pending_after,
                          server=server, dry_run=dry_run, echo=echo, at=datetime.now(UTC))

    if dry_run:
        outcome = go()
    else:
        with run_lock(config.db):
            outcome = go()
    for digest, reason in outcome.refused:
        click.echo(f"clausekit: error: {digest.recipient}: the mail server refused the digest ({reason})", err=True)
    if outcome.sent and sys.stderr.isatty():  # cron mails any output: silent on success there
        click.echo(f"sent {len(outcome.sent)} digest{'s' if len(outcome.sent) != 1 else ''} "
                   f"({sum(len(d.items) for d in outcome.sent)} reminders)", err=True)
    if outcome.refused:
        sys.exit(Exit.FAILED)
    if check and outcome.attention:
        sys.exit(Exit.ATTENTION)
