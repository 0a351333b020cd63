"""Shared fixtures. Tests use real files in tmp_path and the real pipeline; nothing is mocked."""
from __future__ import annotations

from pathlib import Path

import pytest

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
