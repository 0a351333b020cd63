"""Delivery by SMTP (smtplib): plain, STARTTLS or implicit TLS; one connection for all digests.

The password comes from the settings (environment or config file), never from the command
line, and is never logged, printed or stored. A password is only sent over an encrypted
connection, except to a loopback server (a local relay or a test server).
"""
from __future__ import annotations

import hashlib
import smtplib
import ssl as ssl_lib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate

from clausekit.errors import ClausekitError, TemporaryFailure, UsageError
from clausekit.remind.digest import Digest

LOOPBACK = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    starttls: bool = True
    ssl: bool = False
    timeout: float = 30.0


def message_id(digest: Digest) -> str:
    """A Message-ID derived from what the digest reminds of: a digest re-sent after a crash (the
    server accepted it but the run died before logging it) carries the same id, so mail systems
    that collapse duplicates by Message-ID show it once."""
    keys = "\n".join(sorted("|".join(map(str, i.key)) for i in digest.items))
    return f"<{hashlib.sha256(keys.encode()).hexdigest()[:40]}@clausekit>"


def build_message(digest: Digest, sender: str) -> EmailMessage:
    """A MIME message: text/plain with a text/html alternative, marked as automatically generated."""
    msg = EmailMessage()
    msg["Subject"] = digest.subject
    msg["From"] = sender
    msg["To"] = digest.recipient
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = message_id(digest)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-replies to a reminder
    msg.set_content(digest.text)
    msg.add_alternative(digest.html, subtype="html")
    return msg


def _temporary(server: Server, e: BaseException) -> TemporaryFailure:
    reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
    return TemporaryFailure(f"mail server {server.host}:{server.port} unreachable or failing ({reason}); "
                            "nothing more was sent, try again later")


def _connect(server: Server) -> smtplib.SMTP:
    context = ssl_lib.create_default_context()
    if server.ssl:
        conn: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
    else:
        conn = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
    conn.ehlo()
    if server.starttls and not server.ssl:
        if not conn.has_extn("starttls"):
            conn.quit()
            raise UsageError(f"mail server {server.host}:{server.port} does not offer STARTTLS; "
                             "use --ssl, or --no-starttls for a server you trust in plain text")
        conn.starttls(context=context)
        conn.ehlo()
    if server.user:
        encrypted = server.ssl or server.starttls
        if not encrypted and server.host not in LOOPBACK:
            conn.quit()
            raise UsageError(f"refusing to send the SMTP password to {server.host} over an unencrypted "
                             "connection; use --starttls or --ssl")
        if server.password is None:
            conn.quit()
            raise UsageError("an SMTP user is set but no password: set CLAUSEKIT_SMTP_PASSWORD")
        try:
            conn.login(server.user, server.password)
        except smtplib.SMTPAuthenticationError as e:
            conn.quit()
            raise ClausekitError(f"mail server {server.host} refused the login of {server.user} "
                                 f"({e.smtp_code})") from None
    return conn


def send_digests(server: Server, digests: Sequence[Digest], before: Callable[[Digest], None],
                 after: Callable[[Digest, str | None], None]) -> list[tuple[Digest, str]]:
    """Send each digest: ``before(digest)`` just before handing it to the server (claim it in the
    log), ``after(digest, error)`` once the server answered (``error`` None: accepted).

    Returns the digests a recipient refused permanently, with the reason. A connection that
    fails, or a 4xx answer, raises TemporaryFailure (exit 75) — the digests accepted before it
    have already been passed to ``after``. Nothing is claimed before the connection is up.
    """
    refused: list[tuple[Digest, str]] = []
    if not digests:
        return refused
    try:
        conn = _connect(server)
    except ssl_lib.SSLError as e:  # a certificate that does not verify will not fix itself by waiting
        raise ClausekitError(f"TLS with mail server {server.host}:{server.port} failed: "
                             f"{getattr(e, 'verify_message', None) or e.reason or e}") from None
    except (OSError, smtplib.SMTPException) as e:
        if isinstance(e, smtplib.SMTPResponseException) and 500 <= e.smtp_code < 600:
            raise ClausekitError(f"mail server {server.host} refused the connection: {e.smtp_code}") from None
        raise _temporary(server, e) from None
    try:
        for digest in digests:
            msg = build_message(digest, server.sender)
            before(digest)
            try:
                conn.send_message(msg, from_addr=_envelope(server.sender), to_addrs=[digest.recipient])
            except smtplib.SMTPRecipientsRefused as e:
                code, text = next(iter(e.recipients.values()))
                reason = f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                after(digest, reason)
                if 400 <= code < 500:
                    raise _temporary(server, e) from None
                refused.append((digest, reason))
                continue
            except smtplib.SMTPResponseException as e:
                reason = f"{e.smtp_code} {e.smtp_error.decode(errors='replace') if isinstance(e.smtp_error, bytes) else e.smtp_error}"
                after(digest, reason)
                if 500 <= e.smtp_code < 600:
                    refused.append((digest, reason))
                    continue
                raise _temporary(server, e) from None
            except (OSError, smtplib.SMTPException) as e:
                after(digest, str(e) or type(e).__name__)
                raise _temporary(server, e) from None
            after(digest, None)
    finally:
        try:
            conn.quit()
        except (OSError, smtplib.SMTPException):
            conn.close()
    return refused


def _envelope(sender: str) -> str:
    from email.utils import parseaddr

    return parseaddr(sender)[1] or sender
