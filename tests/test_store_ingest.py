"""Ingest's guards: the per-document time budget, non-regular files, the size limit, both extraction paths."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from clausekit.commands.extract_pool import extract_files

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "vnet-13da-sra.md"


@pytest.fixture
def ck(ck, tmp_path, monkeypatch):
    """The shared in-process runner (tests/conftest.py), with a database and no config file of the user's."""
    monkeypatch.setenv("CLAUSEKIT_DB", str(tmp_path / "ingest.db"))
    monkeypatch.setenv("CLAUSEKIT_CONFIG", str(tmp_path / "none.toml"))
    return ck


def test_a_document_over_the_time_budget_is_killed_and_the_batch_goes_on(tmp_path, nlp, monkeypatch):
    import clausekit.ingest

    real_read = clausekit.ingest.read_document

    def read_or_hang(path, limits=None):  # a stand-in for a pathological document: never returns
        if "stuck" in str(path):
            time.sleep(3600)
        return real_read(path, limits)

    # the workers are forked from this process, so they read through the stand-in
    monkeypatch.setattr(clausekit.ingest, "read_document", read_or_hang)
    stuck = tmp_path / "stuck.txt"
    stuck.write_text("This Agreement is dated March 23, 2021.", encoding="utf-8")
    good = tmp_path / "good.md"
    shutil.copy(SEED, good)
    t = time.monotonic()
    results = dict(extract_files([stuck, good], workers=1, time_budget=8, nlp=nlp))
    elapsed = time.monotonic() - t
    assert results[str(stuck)].error == "extraction took longer than the time budget of 8 s"
    assert results[str(good)].error is None
    assert results[str(good)].extraction.source["path"] == str(good)
    assert results[str(good)].text == real_read(good).text
    assert 8 <= elapsed < 60


def test_two_workers_extract_every_file_once(tmp_path, nlp):
    paths = []
    for i in range(5):
        p = tmp_path / f"copy-{i}.md"
        p.write_text(SEED.read_text(encoding="utf-8") + f"\ncopy {i}\n", encoding="utf-8")
        paths.append(str(p))
    results = list(extract_files(paths, workers=2, time_budget=60, nlp=nlp))
    assert sorted(p for p, _ in results) == sorted(paths)
    assert all(o.error is None for _, o in results)
    assert len({o.extraction.source["sha256"] for _, o in results}) == 5


def test_in_process_path_reports_bad_files(tmp_path, nlp):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = dict(extract_files([str(empty), str(SEED)], time_budget=None, nlp=nlp))
    assert results[str(empty)].error == "file is empty"
    assert results[str(SEED)].error is None


def test_fifo_and_oversized_files_are_refused_on_one_line(tmp_path, ck):
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    shutil.copy(SEED, folder / "seed.md")
    code, out, err = ck("ingest", str(folder / "pipe.txt"), str(folder / "seed.md"))
    assert code == 1
    assert err.strip() == f"clausekit: error: {folder / 'pipe.txt'}: not a regular file"  # never opened
    assert "1 new, 0 unchanged, 0 updated, 1 failed" in out
    big = tmp_path / "big.md"
    shutil.copy(SEED, big)
    code, out, err = ck("ingest", "--max-file-mb", "0.01", str(big))
    assert code == 1 and "big.md: file is 0.0286 MB, over the 0.01 MB limit" in err


def test_in_process_ingest_with_time_budget_zero(tmp_path, ck):
    code, out, err = ck("ingest", "--time-budget", "0", str(SEED))
    assert code == 0, err
    assert "1 new" in out


def test_a_batch_of_broken_files_with_a_good_agreement_in_the_middle(tmp_path, ck):
    folder = tmp_path / "batch"
    folder.mkdir()
    bad = {
        "a-empty.txt": b"",
        "b-junk.pdf": os.urandom(4096),
        "c-not-a-zip.docx": b"this is not a zip archive at all" * 10,
        "d-truncated.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog",
        "e-bad-utf8.txt": b"Agreement \xff\xfe\xfa dated",
        "h-unknown.xyz": b"whatever",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    shutil.copy(SEED, folder / "f-good.md")
    code, out, err = ck("ingest", str(folder), str(folder / "h-unknown.xyz"))
    assert code == 1
    lines = err.strip().splitlines()
    failed = {line.split(": ")[2].rsplit("/", 1)[-1] for line in lines}
    # every line is "clausekit: error: PATH: reason"; which files fail is the readers' call, but the
    # empty file, the junk PDF, the non-zip DOCX and the unknown extension always do
    assert {"a-empty.txt", "b-junk.pdf", "c-not-a-zip.docx", "h-unknown.xyz"} <= failed
    assert "f-good.md" not in failed
    assert all(line.startswith(f"clausekit: error: {folder}/") for line in lines)
    assert "Traceback" not in err
    assert f"7 documents: {7 - len(lines)} new, 0 unchanged, 0 updated, {len(lines)} failed" in out
    code, out, err = ck("contracts", "--format", "json")
    import json

    names = [c["name"] for c in json.loads(out)["contracts"]]
    assert "f-good" in names and not set(names) & {"a-empty", "b-junk", "c-not-a-zip", "h-unknown"}


def test_a_worker_over_its_memory_limit_fails_that_document_only(tmp_path, nlp):
    import re

    vm = int(re.search(r"VmSize:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
    huge = tmp_path / "huge.md"
    huge.write_text(SEED.read_text(encoding="utf-8") * 150, encoding="utf-8")  # 4.5 MB of text
    results = dict(extract_files([huge], workers=1, time_budget=120, max_memory_mb=vm + 40, nlp=nlp))
    error = results[str(huge)].error
    assert error is not None and ("memory" in error.lower() or "process died" in error), error
