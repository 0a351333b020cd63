"""`clausekit due` through real subprocesses (`python -m clausekit due ...`).

All the commands of this module are started at once (one process each) and collected by a
module fixture, so the file costs about as long as its slowest command.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

TEXT = ("the seventh (7th) business day after", "--from", "2021-03-23", "--calendar", "HK")

JSON_CASES = [
    # 8 days left in March + 30 + 31 + 21 = 90
    (("within ninety (90) days after", "--from", "2021-03-23"), "2021-06-21", "weekends"),
    # XNYS: 30 sessions before 2021-03-22 reach back to 2021-02-05 (Feb 15 closed)
    (("30 trading days before", "--from", "2021-03-22", "--calendar", "xnys"), "2021-02-05", "XNYS"),
    # US Fed: 2020-07-03 open -> 10 business days before 2020-07-10 is 2020-06-26
    (
        ("at least ten (10) Business Days prior to", "--from", "2020-07-10", "--calendar", "US"),
        "2020-06-26",
        "US",
    ),
    # Jan 31 + 3 months: April has no 31st
    (("3 months after", "--from", "2021-01-31"), "2021-04-30", "weekends"),
    # words given unquoted are joined
    (("60", "days", "--from", "2021-04-13"), "2021-06-12", "weekends"),
]

ERROR_CASES = [
    (("gibberish", "--from", "2021-03-23"), "cannot read"),
    (("60 days", "--from", "2021-03-23", "--calendar", "Narnia"), "unknown calendar"),
    (("60 days", "--from", "2021-02-30"), "not a date"),
    (("60 days",), "--from"),
    (("ten (11) days after", "--from", "2021-03-23"), "disagree"),
    # outside the recorded range: an error, never a silent weekends-only count
    (("1 trading day after", "--from", "1985-06-03", "--calendar", "XNYS"), "recorded only"),
    (("1 business day after", "--from", "1995-06-02", "--calendar", "US"), "1999"),  # Fed list starts 1999
]

ALL = [TEXT, ("--help",)] + [a for a, _, _ in JSON_CASES] + [a for a, _ in ERROR_CASES]


@pytest.fixture(scope="module")
def runs() -> dict[tuple, subprocess.CompletedProcess]:
    procs = {}
    for args in ALL:
        full = list(args) + (["--format", "json"] if any(args == a for a, _, _ in JSON_CASES) else [])
        procs[args] = subprocess.Popen(
            [sys.executable, "-m", "clausekit", "due", *full],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    done = {}
    for args, p in procs.items():
        out, err = p.communicate(timeout=120)
        done[args] = subprocess.CompletedProcess(p.args, p.returncode, out, err)
    return done


def test_text_output_is_date_then_explanation(runs):
    r = runs[TEXT]
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["2021-04-01", "2021-03-23 + 7 business days (HK) = 2021-04-01"]


@pytest.mark.parametrize("args,expected,calendar", JSON_CASES)
def test_json_output(runs, args, expected, calendar):
    r = runs[args]
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["due"] == expected
    assert out["calendar"] == calendar
    assert out["explanation"].endswith(expected)


@pytest.mark.parametrize("args,needle", ERROR_CASES)
def test_errors_are_one_line_exit_2(runs, args, needle):
    r = runs[args]
    assert r.returncode == 2
    assert needle in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_help_has_example(runs):
    r = runs[("--help",)]
    assert r.returncode == 0 and "Example" in r.stdout and "--calendar" in r.stdout
