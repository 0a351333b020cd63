"""The extraction targets of the issues, as floors, scored by the project's own scorer.

Each test extracts a shared corpus folder with the real pipeline (`clausekit extract --out`)
and scores it with ../shared/eval/score.py. They guard against regressions; the figures
themselves are reported in the README and the issue notes. Skipped without ../shared.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from functools import lru_cache

import pytest

from tests.conftest import ROOT, SHARED, shared_corpus

pytestmark = pytest.mark.slow


@lru_cache(maxsize=None)
def figures(folder: str) -> dict:
    gold = shared_corpus(folder)
    out = ROOT / ".pytest-records" / folder
    r = subprocess.run([sys.executable, "-m", "clausekit", "extract", "--out", str(out), str(gold)],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    score = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold),
                            "--pred", str(out), "--json"], capture_output=True, text=True, timeout=120)
    assert score.returncode == 0, score.stderr
    return json.loads(score.stdout)


def f1(folder: str, field: str) -> float:
    return figures(folder)[field]["f1"]


def acc(folder: str, field: str) -> float:
    return figures(folder)[field]["accuracy"]


def test_seed_every_scored_field_is_right():
    fig = figures("seed")
    assert fig["unreadable_predictions"] == []
    for field in ("parties", "party_aliases", "defined_terms", "sections", "conditions_precedent",
                  "covenants", "deadlines", "deadlines_exact"):
        assert fig[field]["f1"] == 1.0, (field, fig[field])
    for field in ("governing_law", "section_headings", "deadline.kind", "deadline.count", "deadline.unit",
                  "deadline.direction", "deadline.anchor", "deadline.date", "deadline.due",
                  "deadline.obligor"):
        assert fig[field]["accuracy"] == 1.0, (field, fig[field])
    assert fig["deadline.due"]["total"] == 3


@pytest.mark.parametrize("folder", ["seed", "dev", "mergers-dev"])
def test_sections(folder):
    assert f1(folder, "sections") >= 0.95
    assert acc(folder, "section_headings") >= 0.90


def test_dev_targets():
    assert f1("dev", "deadlines") >= 0.85
    for field in ("kind", "count", "unit", "direction", "anchor"):
        assert acc("dev", f"deadline.{field}") >= 0.90, field
    assert acc("dev", "deadline.due") >= 0.90
    assert f1("dev", "parties") >= 0.95
    assert f1("dev", "party_aliases") >= 0.90
    assert f1("dev", "defined_terms") >= 0.90
    assert f1("dev", "conditions_precedent") >= 0.80
    assert f1("dev", "covenants") >= 0.80


def test_cuad_targets():
    assert acc("cuad-dev", "agreement_date") >= 0.85
    assert acc("cuad-dev", "governing_law") >= 0.90
    assert f1("cuad-dev", "parties") >= 0.85
    assert acc("cuad-dev", "expiry_dates") >= 0.60
    assert acc("cuad-dev", "renewal_notice") >= 0.70
