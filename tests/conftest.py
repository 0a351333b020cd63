"""Shared fixtures. Tests use real files in tmp_path and the real pipeline; nothing is mocked."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# the long fuzz runs (tests/test_fuzz.py, marked `fuzz`): pytest -m fuzz --hypothesis-profile=fuzz
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("CLAUSEKIT_FUZZ_EXAMPLES", "20000")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"
SEED = CORPUS / "vnet-13da-sra.md"


@pytest.fixture(scope="session")
def nlp():
    """The full clausekit pipeline, built once per test session."""
    from clausekit.nlp.pipeline import build_pipeline

    return build_pipeline()


def shared_corpus(name: str) -> Path:
    """A folder of ../shared/corpus; tests that need it are skipped when ../shared is absent."""
    path = SHARED / "corpus" / name
    if not path.is_dir():
        pytest.skip(f"{path} not present")
    return path


def run_in_process(capture, *args: str) -> tuple[int, object, object]:
    """Run ``clausekit ARGS...`` in this process, as the console script does, reading its output from
    ``capture`` (pytest's capsys or capsysbinary): (exit code, stdout, stderr)."""
    from clausekit.cli import main

    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code or 0
    out, err = capture.readouterr()
    return code, out, err


@pytest.fixture
def ck(capsys):
    """``ck("deadlines", "--db", ...)`` -> (exit code, stdout, stderr) as text."""
    return lambda *args: run_in_process(capsys, *args)
