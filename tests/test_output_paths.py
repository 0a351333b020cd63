"""Paths from documents are never used to write files (issue 9, item 5).

`extract --out DIR` is the only command that names output files after its inputs: DIR/<stem>.json,
the stem of the input file's own name. A file name cannot hold a path separator, so odd names
("..txt", "...md", backslashes, a leading dash) stay inside DIR; what a document says (a title
"../../escaped", a heading naming /etc/passwd) never reaches a path. Two inputs with one stem would
share a record: the second is refused on one line instead of silently replacing the first.
(Database, backup, export and lock files are 0600: tests/test_store.py, test_tracker_cli.py,
test_store_migrations.py, test_export.py, test_remind.py.)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "CLAUSEKIT_CONFIG": "/nonexistent/clausekit.toml"}
HOSTILE_CONTENT = """<html><head><title>../../escaped</title></head><body>
<h1>../../../etc/passwd</h1>
<p>1. TERM. This Agreement (the "../../Agreement") ends on December 31, 2025.</p>
</body></html>
"""
PLAIN = "1. PAYMENT. The Buyer shall pay within thirty (30) days after the Closing Date.\n"


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def extract_out(out: Path, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clausekit", "extract", "--out", str(out), *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=120, check=False)


@pytest.mark.timeout(120)
def test_extract_out_writes_only_inside_its_folder(tmp_path):
    src = tmp_path / "work" / "in"
    src.mkdir(parents=True)
    names = {"..txt": ".", "...md": "..", "a\\..\\..\\b.txt": "a\\..\\..\\b", "-rf.txt": "-rf",
             " spaced .txt": " spaced ", "title.html": "title"}
    for name in names:
        (src / name).write_text(HOSTILE_CONTENT if name.endswith(".html") else PLAIN)
    out = tmp_path / "work" / "out"
    before = tree(tmp_path)
    r = extract_out(out, src)
    assert r.returncode == 0, r.stderr
    written = tree(tmp_path) - before
    # out itself and one record per input, each directly in out, named after the file's stem
    assert written == {"work/out"} | {f"work/out/{stem}.json" for stem in names.values()}
    assert json.loads((out / "title.json").read_text())["source"]["path"] == str(src / "title.html")
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "escaped.json").exists()


@pytest.mark.timeout(120)
def test_two_inputs_with_one_name_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "x.md"
    second = tmp_path / "b" / "x.txt"
    first.write_text(PLAIN)
    second.write_text("This Agreement is governed by the laws of New York.\n" + PLAIN)
    out = tmp_path / "out"
    r = extract_out(out, tmp_path / "a", tmp_path / "b")
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        (f"clausekit: error: {second}: its record x.json is already written for {first} in this run "
         "(rename one of them)"),
        "clausekit: 1 of 2 files failed",
    ]
    assert [p.name for p in out.iterdir()] == ["x.json"]
    assert json.loads((out / "x.json").read_text())["source"]["path"] == str(first)


def test_a_component_crash_fails_one_file_and_the_batch_goes_on(tmp_path, ck, monkeypatch):
    """A bug that raises inside extraction is one line naming the file; the other files' records
    are written and the exit status says some failed."""
    import clausekit.extract

    real = clausekit.extract.extract

    def flaky(document, nlp=None):
        if Path(document.path).name == "b.txt":
            raise RuntimeError("boom in a component\nsecond line")
        return real(document, nlp)

    monkeypatch.setattr(clausekit.extract, "extract", flaky)
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(f"Agreement {name}. The Buyer shall pay within ten (10) days after "
                                         "the Closing Date.\n", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = ck("extract", "--out", str(out), str(src))
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("clausekit: error:")]
    assert lines == [f"clausekit: error: {src / 'b.txt'}: extraction failed: RuntimeError: boom in a component"]
    assert sorted(p.name for p in out.glob("*.json")) == ["a.json", "c.json"]
    assert "Traceback" not in err
