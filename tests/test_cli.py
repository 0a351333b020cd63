import json
import subprocess
import sys

from clausekit.types import Extraction
from tests.conftest import ROOT, SEED


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "clausekit", *args], capture_output=True, text=True,
                          cwd=ROOT, **kw)


def test_version_and_help():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("text", "extract"):
        assert cmd in r.stdout


def test_unsupported_format_is_one_line_error(tmp_path):
    f = tmp_path / "contract.xyz"
    f.write_text("hello")
    r = run("text", str(f))
    assert r.returncode != 0
    assert r.stderr.strip().count("\n") == 0
    assert "contract.xyz" in r.stderr and "Traceback" not in r.stderr


def test_extract_json_record_round_trips():
    r = run("extract", str(SEED), "--format", "json")
    assert r.returncode == 0, r.stderr
    rec = json.loads(r.stdout)
    assert rec["schema"] == "clausekit.extraction/1"
    assert rec["source"]["format"] == "md"
    for key in ("title", "agreement_date", "governing_law", "calendar", "parties", "defined_terms",
                "sections", "deadlines", "conditions_precedent", "covenants"):
        assert key in rec
    again = Extraction.from_record(rec).to_record()
    assert again == {k: v for k, v in rec.items() if k not in ("clausekit_version", "pipeline")}


def test_extract_out_dir_reports_failures_and_carries_on(tmp_path):
    bad = tmp_path / "in" / "bad.xyz"
    bad.parent.mkdir()
    bad.write_text("x")
    out = tmp_path / "out"
    r = run("extract", "--out", str(out), str(SEED), str(bad))
    assert r.returncode == 1
    assert (out / "vnet-13da-sra.json").is_file()
    assert "bad.xyz" in r.stderr


def test_extract_out_records_are_private(tmp_path):
    # records quote contract text: readable by their owner only
    out = tmp_path / "out"
    r = run("extract", "--out", str(out), str(SEED))
    assert r.returncode == 0, r.stderr
    assert ((out / "vnet-13da-sra.json").stat().st_mode & 0o777) == 0o600
