"""kill -9 a `clausekit remind` in the middle of sending (issue 9, item 3).

The loopback server accepts the first digest and hangs on the second; the run is killed
while it waits. Then: the database is intact, the sent-log holds exactly what the server
accepted, and a re-run sends the rest — no digest twice, none lost.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from clausekit import store
from tests.remind_helpers import Inbox, make_alpha_db, start_server

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if not k.startswith("CLAUSEKIT_")}
ENV.update({"PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": "/nonexistent/clausekit.toml"})


def remind(db_path: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "clausekit", "remind", "--db", str(db_path), "--as-of", "2021-04-20",
         "--smtp", f"127.0.0.1:{port}", "--no-starttls", "--to", "team@example.com"],
        cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def logged(db_path: Path, status: str = "sent") -> dict[str, int]:
    db = store.open_db(db_path)
    try:
        assert store.integrity_check(db) == "ok"
        out: dict[str, int] = {}
        for r in store.list_reminders(db, status=status):
            out[r.recipient] = out.get(r.recipient, 0) + 1
        return out
    finally:
        db.close()


def test_kill_during_sending_then_rerun(tmp_path):
    db_path = tmp_path / "alpha.db"
    make_alpha_db(db_path).close()
    inbox = Inbox(stall_after=1)
    controller = start_server(inbox)
    try:
        proc = remind(db_path, controller.port)
        deadline = time.monotonic() + 60
        while not inbox.stalled:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "remind never reached the second message"
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL

        # digests go out in recipient order: the team's (5 reminders) first, then jane's (1)
        assert [rcpts for rcpts, _ in inbox.messages] == [["team@example.com"]]
        assert logged(db_path) == {"team@example.com": 5}  # exactly what the server accepted
        assert logged(db_path, "sending") == {"jane@example.com": 1}  # claimed, never confirmed

        inbox.stall_after = None
        proc = remind(db_path, controller.port)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert [rcpts for rcpts, _ in inbox.messages] == [["team@example.com"], ["jane@example.com"]]
        assert logged(db_path) == {"team@example.com": 5, "jane@example.com": 1}
        assert logged(db_path, "sending") == {}
        # the re-sent digest carries the Message-ID the interrupted attempt logged
        db = store.open_db(db_path)
        claimed = {r.message_id for r in store.list_reminders(db) if r.recipient == "jane@example.com"}
        db.close()
        assert claimed == {inbox.messages[1][1]["Message-ID"]}

        proc = remind(db_path, controller.port)  # and nothing more after that
        assert proc.communicate(timeout=120)[0] == "" and proc.returncode == 0
        assert len(inbox.messages) == 2
    finally:
        controller.stop()
