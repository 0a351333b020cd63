"""Helpers shared by the store, tracker CLI, crash-safety and concurrency tests."""
from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SEED_RECORD = DATA / "records" / "vnet-13da-sra.json"
SEED_SHA = "b693b225f6fbf2e785d400687c086a12c844c453baeb53c3bf0dde36a922d93d"  # sha256sum corpus/vnet-13da-sra.md


def seed_record() -> dict:
    return json.loads(SEED_RECORD.read_text(encoding="utf-8"))


def seed_extraction(**changes):
    from clausekit.types import Extraction

    rec = seed_record()
    rec.update(changes)
    return Extraction.from_record(rec)


def by_section(items, section: str, startswith: str = ""):
    found = [d for d in items if d.section == section and d.quote.startswith(startswith)]
    assert len(found) == 1, (section, startswith, [d.quote for d in found])
    return found[0]


def variant_record(i: int) -> dict:
    """The seed record as if it were the i-th of many different files (own hash and name)."""
    rec = copy.deepcopy(seed_record())
    rec["source"]["sha256"] = hashlib.sha256(f"variant {i}".encode()).hexdigest()
    rec["source"]["path"] = f"dataroom/agreement-{i:04d}.md"
    return rec


def write_variants(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"agreement-{i:04d}.json").write_text(json.dumps(variant_record(i)), encoding="utf-8")
    return folder
