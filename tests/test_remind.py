"""`clausekit remind` end to end: a real database file, a real SMTP server on loopback (aiosmtpd),
messages parsed back with the standard ``email`` package.

The alpha agreement (tests/remind_helpers.py) has its due dates worked out by hand there.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clausekit import store
from clausekit.remind.lock import run_lock
from tests.remind_helpers import Inbox, find, free_port, make_alpha_db, start_server, text_part
from tests.store_helpers import SEED_RECORD, seed_extraction

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2021-04-20"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAUSEKIT_CONFIG", str(tmp_path / "no-config.toml"))
    for var in ("CLAUSEKIT_DB", "CLAUSEKIT_SMTP_HOST", "CLAUSEKIT_SMTP_PORT", "CLAUSEKIT_SMTP_USER",
                "CLAUSEKIT_SMTP_PASSWORD", "CLAUSEKIT_SMTP_FROM", "CLAUSEKIT_SMTP_STARTTLS", "CLAUSEKIT_SMTP_SSL",
                "CLAUSEKIT_RECIPIENTS", "CLAUSEKIT_LEAD_DAYS"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


@pytest.fixture
def alpha(env):
    path = env / "alpha.db"
    make_alpha_db(path).close()
    return path


@pytest.fixture
def inbox():
    box = Inbox()
    controller = start_server(box)
    box.port = controller.port
    yield box
    controller.stop()


def remind(ck, db: Path, port: int, *extra: str, as_of: str = AS_OF):
    return ck("remind", "--db", str(db), "--as-of", as_of, "--smtp", f"127.0.0.1:{port}", "--no-starttls",
              "--from", "clausekit <ck@example.com>", "--to", "team@example.com", *extra)


def sent_rows(db_path: Path, status: str = "sent") -> list[tuple]:
    db = store.open_db(db_path)
    try:
        return sorted((r.deadline_id[:8], r.due, r.lead_days, r.recipient)
                      for r in store.list_reminders(db, status=status))
    finally:
        db.close()


def test_digest_arrives_once_with_the_right_deadlines(alpha, inbox, ck):
    code, out, err = remind(ck, alpha, inbox.port)
    assert code == 0, err
    assert out == ""  # everything went by mail
    assert len(inbox.messages) == 2
    team, = inbox.to("team@example.com")
    jane, = inbox.to("jane@example.com")
    assert team["Subject"] == "clausekit: 2 overdue, 1 due this week, 1 due within 20 days, 1 waiting for an event"
    assert jane["Subject"] == "clausekit: 1 due this week"
    assert team["From"] == "clausekit <ck@example.com>" and team["Auto-Submitted"] == "auto-generated"
    assert team.get_content_type() == "multipart/alternative"
    assert team.get_body(preferencelist=("html",)).get_content().startswith("<html>")
    body = text_part(team)
    # the overdue group first, J (6 days late) before A (5 days late)
    overdue = body[body.index("Overdue (2)"):body.index("Due soon (2)")]
    assert overdue.index("2021-04-14  6 days overdue  alpha §2.1") < overdue.index("2021-04-15  5 days overdue  alpha §1.1")
    assert "Notice Date 2021-04-09 + 5 days = 2021-04-14" in overdue  # the explanation
    assert "by Société Générale" in overdue  # who
    soon = body[body.index("Due soon (2)"):]
    assert "2021-04-22  2 days left  alpha §1.2" in soon and "2021-05-10  20 days left  alpha §1.3" in soon
    assert "waits for Closing (no date recorded)" in body
    for absent in ("§1.4", "§1.5", "§1.6", "§1.7"):  # too far, jane's, snoozed, done
        assert absent not in body
    assert "2021-04-25  5 days left  alpha §1.5" in text_part(jane)
    # lead -1 is "overdue", -2 "waiting for an event" (logged with the agreement's date, 2021-03-01)
    assert sent_rows(alpha) == sorted([
        (find_id(alpha, "2.1"), "2021-04-14", -1, "team@example.com"),
        (find_id(alpha, "1.1"), "2021-04-15", -1, "team@example.com"),
        (find_id(alpha, "1.2"), "2021-04-22", 7, "team@example.com"),
        (find_id(alpha, "1.3"), "2021-05-10", 30, "team@example.com"),
        (find_id(alpha, "2.2"), "2021-03-01", -2, "team@example.com"),
        (find_id(alpha, "1.5"), "2021-04-25", 7, "jane@example.com")])
    assert team["Message-ID"] != jane["Message-ID"]


def find_id(db_path: Path, section: str) -> str:
    db = store.open_db(db_path)
    try:
        return find(db, section).id[:8]
    finally:
        db.close()


def test_second_run_sends_nothing_and_a_moved_due_date_is_reminded(alpha, inbox, ck):
    assert remind(ck, alpha, inbox.port)[0] == 0
    assert len(inbox.messages) == 2
    assert remind(ck, alpha, inbox.port) == (0, "", "")
    assert len(inbox.messages) == 2
    # the notice actually came on Friday 2021-04-16: J moves to 2021-04-21 (1 day left, step 1)
    db = store.open_db(alpha)
    changes = store.record_event(db, "alpha", "Notice Date", "2021-04-16")
    assert [(c.section, c.old_due, c.new_due) for c in changes] == [("2.1", "2021-04-14", "2021-04-21")]
    db.close()
    assert remind(ck, alpha, inbox.port)[0] == 0
    assert len(inbox.messages) == 3
    msg = inbox.messages[-1][1]
    assert inbox.messages[-1][0] == ["team@example.com"]
    assert msg["Subject"] == "clausekit: 1 due this week"
    assert "2021-04-21  1 day left  alpha §2.1" in text_part(msg)
    assert "Notice Date (recorded) 2021-04-16 + 5 days = 2021-04-21" in text_part(msg)
    assert "§1.1" not in text_part(msg)


def test_server_down_exits_75_and_records_nothing(alpha, ck):
    port = free_port()  # nothing listens there
    code, _, err = remind(ck, alpha, port)
    assert code == 75
    assert err.startswith("clausekit: error: mail server 127.0.0.1:") and "try again later" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert sent_rows(alpha) == [] and sent_rows(alpha, "sending") == []  # nothing even claimed


def test_dry_run_sends_and_records_nothing(alpha, inbox, ck):
    code, out, err = remind(ck, alpha, inbox.port, "--dry-run")
    assert code == 0, err
    assert "To: team@example.com\nSubject: clausekit: 2 overdue" in out
    assert "To: jane@example.com\nSubject: clausekit: 1 due this week" in out
    assert inbox.messages == [] and sent_rows(alpha) == []


def test_stdout_digest_without_a_mail_server(alpha, ck):
    code, out, err = ck("remind", "--db", str(alpha), "--as-of", AS_OF)
    assert code == 0, err
    assert out.startswith("clausekit: 2 overdue, 2 due this week, 1 due within 20 days, 1 waiting for an event "
                          "(as of 2021-04-20)\n")  # jane's G too: there is no mail to send it by
    assert ck("remind", "--db", str(alpha), "--as-of", AS_OF) == (0, "", "")  # logged: nothing twice
    assert {r[3] for r in sent_rows(alpha)} == {"-"} and len(sent_rows(alpha)) == 6


def test_nothing_due_prints_nothing(env, ck):
    path = env / "seed.db"
    db = store.open_db(path)
    store.save_extraction(db, seed_extraction())
    db.close()
    # the seed's nearest deadline is 2021-04-01; on 2021-01-01 it is 90 days away
    assert ck("remind", "--db", str(path), "--as-of", "2021-01-01", "--check") == (0, "", "")


def test_check_exit_status(alpha, ck):
    code, out, _ = ck("remind", "--db", str(alpha), "--as-of", AS_OF, "--check", "--dry-run")
    assert code == 3 and out
    # on 2021-02-01 the nearest open date is J's 2021-04-14 (72 days, beyond the 30-day first lead)
    # and the agreement (2021-03-01) that waits for the Closing is not even signed yet
    assert ck("remind", "--db", str(alpha), "--as-of", "2021-02-01", "--check", "--dry-run") == (0, "", "")


def test_lock_prevents_two_runs(alpha, inbox, ck):
    with run_lock(alpha):
        code, _, err = remind(ck, alpha, inbox.port)
    assert code == 75 and "another `clausekit remind` is running" in err
    assert inbox.messages == [] and sent_rows(alpha) == []
    assert remind(ck, alpha, inbox.port)[0] == 0  # the lock is gone with its holder
    assert (alpha.parent / "alpha.db.remind.lock").stat().st_mode & 0o777 == 0o600


def test_smtp_login_from_environment_never_leaks(alpha, monkeypatch, ck):
    box = Inbox()
    controller = start_server(box, auth={"ck-user": "s3cret-Pa55"})
    try:
        monkeypatch.setenv("CLAUSEKIT_SMTP_USER", "ck-user")
        monkeypatch.setenv("CLAUSEKIT_SMTP_PASSWORD", "wrong")
        code, out, err = remind(ck, alpha, controller.port)
        assert code == 1 and "refused the login of ck-user" in err and "wrong" not in err
        assert sent_rows(alpha) == []
        monkeypatch.setenv("CLAUSEKIT_SMTP_PASSWORD", "s3cret-Pa55")
        code, out, err = remind(ck, alpha, controller.port)
        assert code == 0, err
        assert box.logins[-1] == ("ck-user", "s3cret-Pa55") and len(box.messages) == 2
        assert "s3cret" not in out + err
        for f in alpha.parent.iterdir():  # database, WAL, lock file: the password is nowhere
            if f.is_file():
                assert b"s3cret-Pa55" not in f.read_bytes(), f
    finally:
        controller.stop()


def test_refuses_to_send_a_password_in_clear_to_a_remote_host(alpha, monkeypatch, ck):
    from clausekit.errors import UsageError
    from clausekit.remind.mail import Server, _connect

    # the check happens before any login: use a loopback server but pretend it is remote
    box = Inbox()
    controller = start_server(box, auth={"u": "p"})
    try:
        server = Server(host="127.0.0.1", port=controller.port, sender="a@b", user="u", password="p", starttls=False)
        monkeypatch.setattr("clausekit.remind.mail.LOOPBACK", set())
        with pytest.raises(UsageError, match="unencrypted"):
            _connect(server)
        assert box.logins == []
    finally:
        controller.stop()


def test_starttls_required_but_not_offered_is_a_clear_error(alpha, inbox, ck):
    code, _, err = ck("remind", "--db", str(alpha), "--as-of", AS_OF, "--smtp", f"127.0.0.1:{inbox.port}",
                      "--to", "team@example.com")  # STARTTLS is the default
    assert code == 2 and "does not offer STARTTLS" in err
    assert sent_rows(alpha) == []


def test_no_spacy_or_textual_on_the_remind_path(tmp_path):
    db_path = tmp_path / "seed.db"
    db = store.open_db(db_path)
    store.save_extraction(db, seed_extraction())
    db.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": str(tmp_path / "none.toml")}
    for args in (["remind", "--dry-run", "--as-of", "2021-03-26"], ["export", "ics"], ["export", "csv"]):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "clausekit", *args, "--db", str(db_path)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr[-2000:]
        imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
        assert "clausekit.store" in imported  # the scan sees real imports
        assert not {m for m in imported if m.split(".")[0] in ("spacy", "textual", "thinc")}, args
        assert "clausekit.extract" not in imported and "clausekit.nlp" not in imported
    assert "2021-04-01  6 days left  vnet-13da-sra §2.1" in subprocess.run(
        [sys.executable, "-m", "clausekit", "remind", "--dry-run", "--as-of", "2021-03-26", "--db", str(db_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False).stdout
    assert SEED_RECORD.exists()


@pytest.fixture
def tls_files(tmp_path):
    """A self-signed certificate for 127.0.0.1 (openssl CLI)."""
    import shutil as sh

    if not sh.which("openssl"):
        pytest.skip("openssl not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def test_starttls_and_login(alpha, monkeypatch, ck, tls_files):
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = tls_files
    box = Inbox()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"u", b"pw")
        box.logins.append((session.ssl is not None, ok))
        return AuthResult(success=ok, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    from tests.remind_helpers import free_port as fp
    controller = Controller(box, hostname="127.0.0.1", port=fp(), tls_context=context, require_starttls=True,
                            authenticator=authenticator, auth_require_tls=True)
    controller.start()
    try:
        monkeypatch.setenv("CLAUSEKIT_SMTP_USER", "u")
        monkeypatch.setenv("CLAUSEKIT_SMTP_PASSWORD", "pw")
        # the certificate is not trusted yet: a clear error, nothing sent or logged
        code, _, err = ck("remind", "--db", str(alpha), "--as-of", AS_OF, "--smtp", f"127.0.0.1:{controller.port}",
                          "--starttls", "--to", "team@example.com")
        assert code == 1 and "TLS with mail server 127.0.0.1" in err and "self-signed certificate" in err
        assert box.messages == [] and sent_rows(alpha) == []
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # now trust it (OpenSSL reads this variable)
        code, _, err = ck("remind", "--db", str(alpha), "--as-of", AS_OF, "--smtp", f"127.0.0.1:{controller.port}",
                          "--starttls", "--to", "team@example.com")
        assert code == 0, err
        assert box.logins and all(over_tls for over_tls, _ in box.logins) and box.logins[-1][1]
        assert len(box.messages) == 2 and len(sent_rows(alpha)) == 6
    finally:
        controller.stop()


def test_an_owner_cannot_inject_headers(alpha, inbox, ck):
    db = store.open_db(alpha)
    store.set_owner(db, find(db, "1.2").id, "jane@example.com\r\nBcc: evil@example.com")
    db.close()
    code, _, err = remind(ck, alpha, inbox.port)
    assert code == 0, err
    assert sorted(r for rcpts, _ in inbox.messages for r in rcpts) == ["jane@example.com", "team@example.com"]
    team, = inbox.to("team@example.com")
    assert team["Bcc"] is None and "owner jane@example.com Bcc: evil@example.com" not in team["Subject"]
    assert "2021-04-22  2 days left  alpha §1.2" in text_part(team)  # the defaults got it instead
    code, _, err = remind(ck, alpha, inbox.port, "--to", "x@example.com\nBcc: y@example.com")
    assert code == 2 and "bad recipient" in err and err.count("\n") == 1
