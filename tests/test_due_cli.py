"""`clausekit due` through a real subprocess (`python -m clausekit due ...`)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def due(*args):
    return subprocess.run([sys.executable, "-m", "clausekit", "due", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_text_output_is_date_then_explanation():
    r = due("the seventh (7th) business day after", "--from", "2021-03-23", "--calendar", "HK")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["2021-04-01", "2021-03-23 + 7 business days (HK) = 2021-04-01"]


@pytest.mark.parametrize("args,expected,calendar", [
    # 8 days left in March + 30 + 31 + 21 = 90
    (["within ninety (90) days after", "--from", "2021-03-23"], "2021-06-21", "weekends"),
    # XNYS: 30 sessions before 2021-03-22 reach back to 2021-02-05 (Feb 15 closed)
    (["30 trading days before", "--from", "2021-03-22", "--calendar", "xnys"], "2021-02-05", "XNYS"),
    # US Fed: 2020-07-03 open -> 10 business days before 2020-07-10 is 2020-06-26
    (["at least ten (10) Business Days prior to", "--from", "2020-07-10", "--calendar", "US"], "2020-06-26", "US"),
    (["3 months after", "--from", "2021-01-31"], "2021-04-30", "weekends"),
    # words given unquoted are joined
    (["60", "days", "--from", "2021-04-13"], "2021-06-12", "weekends"),
])
def test_json_output(args, expected, calendar):
    r = due(*args, "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["due"] == expected
    assert out["calendar"] == calendar
    assert out["explanation"].endswith(expected)


@pytest.mark.parametrize("args,needle", [
    (["gibberish", "--from", "2021-03-23"], "cannot read"),
    (["60 days", "--from", "2021-03-23", "--calendar", "Narnia"], "unknown calendar"),
    (["60 days", "--from", "2021-02-30"], "not a date"),
    (["60 days"], "--from"),
    (["ten (11) days after", "--from", "2021-03-23"], "disagree"),
])
def test_errors_are_one_line_exit_2(args, needle):
    r = due(*args)
    assert r.returncode == 2
    assert needle in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_help_has_example():
    r = due("--help")
    assert r.returncode == 0 and "Example" in r.stdout and "--calendar" in r.stdout
