"""No network (issue 9 item 5): extraction, ingest, deadlines, export and `remind --dry-run` open no
internet socket and resolve no host name, and the pipeline is ``spacy.blank("en")`` plus our own
components (nothing downloaded).

Method: each command runs as a user runs it (``python -m clausekit ...`` in a subprocess) with a
``sitecustomize`` module on ``PYTHONPATH`` that installs a ``sys.addaudithook`` guard. CPython
raises an audit event before every socket is connected, bound or sent on and before every name
lookup (``socket.connect``, ``socket.getaddrinfo``, ``urllib.Request``, ``smtplib.connect``, ...) —
also inside libraries and in forked workers, which inherit the hook. The guard records the event
to a log file and raises ``PermissionError``, so a library that swallows the error is still caught
by the log. Unix-domain sockets (multiprocessing's pipes) and a bind to loopback port 0 (urllib3's
IPv6 probe when spaCy is imported) are allowed. Chosen over ``unshare -n``
because it needs no privileges and names the culprit instead of only making it fail.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

GUARD = '''
import os, socket, sys

_LOG = os.environ["CLAUSEKIT_NET_LOG"]
_NAMES = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo",
          "socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind", "urllib.Request",
          "http.client.connect", "smtplib.connect", "ftplib.connect")


def _unix(args):
    for a in args:
        if isinstance(a, socket.socket):
            return a.family == socket.AF_UNIX
    return False


def _loopback_bind(event, args):
    """urllib3 (imported by spaCy through ``spacy.cli.download`` -> requests) probes for IPv6 at
    import by binding a socket to ``::1`` port 0: no traffic, allowed."""
    if event != "socket.bind" or len(args) < 2 or not isinstance(args[1], tuple):
        return False
    return args[1][0] in ("::1", "127.0.0.1") and args[1][1] == 0


def _guard(event, args):
    if event not in _NAMES or _unix(args) or _loopback_bind(event, args):
        return
    with open(_LOG, "a") as f:
        f.write(f"{os.getpid()} {event} {args!r}"[:300] + "\\n")
    raise PermissionError(f"network access blocked by the test: {event}")


sys.addaudithook(_guard)
'''


@pytest.fixture
def guarded(tmp_path):
    """Runs clausekit with the network guard; returns (run, log)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "network.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "CLAUSEKIT_NET_LOG": str(log),
           "CLAUSEKIT_CONFIG": str(tmp_path / "no-config.toml"), "CLAUSEKIT_DB": str(tmp_path / "env.db")}
    for k in [k for k in env if k.startswith("CLAUSEKIT_SMTP")]:
        del env[k]

    def run(*args: str, extra: dict | None = None, code: str | None = None) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-c", code] if code else [sys.executable, "-m", "clausekit", *args]
        r = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env={**env, **(extra or {})},
                           timeout=180, check=False)
        assert "Error in sitecustomize" not in r.stderr, r.stderr  # the guard is in place
        return r

    return run, log


def attempts(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.timeout(60)
def test_the_guard_catches_a_connection_and_a_lookup(guarded):
    """The guard fails what it must fail: a TCP connect to loopback and a name lookup."""
    run, log = guarded
    r = run(code="import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
                 "except OSError as e:\n    print(type(e).__name__)\n"
                 "try:\n    socket.socket().connect(('127.0.0.1', 9))\n"
                 "except OSError as e:\n    print(type(e).__name__)\n"
                 "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.com', timeout=1)\n"
                 "except Exception as e:\n    print(type(e).__name__)\n")
    assert r.returncode == 0, r.stderr
    events = [line.split()[1] for line in attempts(log)]
    assert events == ["socket.getaddrinfo", "socket.connect", "urllib.Request"]
    assert r.stdout.split() == ["PermissionError"] * 3


@pytest.mark.timeout(240)
def test_no_command_touches_the_network(guarded, tmp_path):
    run, log = guarded
    db = str(tmp_path / "t.db")
    out = tmp_path / "records"
    steps = [
        ("extract", ["extract", "--out", str(out), str(SEED)], 0),
        ("ingest", ["ingest", "--db", db, str(SEED)], 0),
        ("deadlines", ["deadlines", "--db", db, "--as-of", "2021-03-24", "--status", "all", "--format", "json"], 0),
        ("due", ["due", "on the seventh (7th) business day after", "--from", "2021-03-23", "--calendar", "HK"], 0),
        ("export ics", ["export", "ics", "--db", db, "--out", str(tmp_path / "d.ics")], 0),
        ("export csv", ["export", "csv", "--db", db, "--out", str(tmp_path / "d.csv")], 0),
        ("export json", ["export", "json", "--db", db], 0),
        ("remind --dry-run", ["remind", "--db", db, "--dry-run", "--as-of", "2021-03-24",
                              "--to", "counsel@example.com"], 0),
    ]
    for name, args, rc in steps:
        r = run(*args)
        assert r.returncode == rc, (name, r.returncode, r.stderr[-2000:])
        assert attempts(log) == [], (name, attempts(log))
    assert json.loads((out / "vnet-13da-sra.json").read_text())["source"]["format"] == "md"

    # a configured mail server does not make a dry run connect (nor print the password)
    r = run("remind", "--db", db, "--dry-run", "--as-of", "2021-03-24", "--to", "counsel@example.com",
            extra={"CLAUSEKIT_SMTP_HOST": "smtp.example.com", "CLAUSEKIT_SMTP_USER": "counsel",
                   "CLAUSEKIT_SMTP_PASSWORD": "hunter2-secret"})
    assert r.returncode == 0, r.stderr
    assert attempts(log) == []
    assert "hunter2-secret" not in r.stdout + r.stderr


def test_pipeline_is_blank_english_plus_our_components(nlp):
    """Nothing downloaded: no trained model package, no vectors; every pipe is one of ours."""
    from clausekit.nlp.pipeline import COMPONENTS

    assert nlp.lang == "en"
    assert nlp.pipe_names == list(COMPONENTS)
    assert all(name.startswith("clausekit_") for name in nlp.pipe_names)
    assert nlp.vocab.vectors.shape[0] == 0
    assert nlp.meta.get("name") == "pipeline"  # spacy.blank's default, not a package's name
