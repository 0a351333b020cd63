"""Extraction as tasks on a real Dask cluster (2 local worker processes), loaded by ingest --records."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import CORPUS, ROOT

pytest.importorskip("dask.distributed")

# the checkout first on the path, for the script and for the worker processes it starts
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}

CONTRACT = """SERVICES AGREEMENT

This Services Agreement is made as of January 4, 2021 between Alpha Corp. ("Alpha") and Beta LLC ("Beta").

1. Services.
Beta shall deliver the report within thirty (30) days after the date of this Agreement.
"""


def test_dask_tasks_write_the_same_records_as_the_cli(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "services.txt").write_text(CONTRACT, encoding="utf-8")
    (src / "broken.pdf").write_bytes(b"not a pdf at all")
    out = tmp_path / "records"
    r = subprocess.run([sys.executable, "examples/dask_extract.py", "--workers", "2", "--out", str(out),
                        str(CORPUS), str(src)], cwd=ROOT, capture_output=True, text=True, timeout=240, env=ENV)
    assert r.returncode == 1, r.stderr  # the broken file fails, the others are written
    assert "broken.pdf" in r.stderr and "2 written" in r.stderr and "1 failed" in r.stderr
    assert sorted(p.name for p in out.glob("*.json")) == ["services.json", "vnet-13da-sra.json"]

    # the same record as `clausekit extract` prints for that file
    cli = subprocess.run([sys.executable, "-m", "clausekit", "extract", str(src / "services.txt")],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert json.loads((out / "services.json").read_text()) == json.loads(cli.stdout)

    # a second run skips current records
    again = subprocess.run([sys.executable, "examples/dask_extract.py", "--out", str(out), str(CORPUS)],
                           cwd=ROOT, capture_output=True, text=True, timeout=240, env=ENV)
    assert again.returncode == 0 and "0 written, 1 current" in again.stderr

    # and the tracker loads them
    db = tmp_path / "ck.db"
    ing = subprocess.run([sys.executable, "-m", "clausekit", "ingest", "--db", str(db), "--records", str(out)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert ing.returncode == 0, ing.stderr
    listed = subprocess.run([sys.executable, "-m", "clausekit", "contracts", "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0 and "vnet-13da-sra" in listed.stdout + ing.stderr + ing.stdout
