"""Writes schema_v1.db: a database at schema version 1 (migration 0001 only) holding the seed
record and some user state, as a user of the first release would have it.

Kept as a binary fixture so that tests/test_store_migrations.py opens a real old file. Run
once from the repository root (PYTHONPATH=. python tests/data/make_schema_v1.py); migrations are
append-only, so 0001 and this file never change.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from clausekit.store import repo
from clausekit.store.schema import MIGRATIONS
from clausekit.types import Extraction

HERE = Path(__file__).resolve().parent
OUT = HERE / "schema_v1.db"
AT = datetime(2021, 3, 25, 10, 30, tzinfo=UTC)


def main() -> None:
    OUT.unlink(missing_ok=True)
    db = Database(sqlite3.connect(OUT))
    db.execute("PRAGMA foreign_keys = ON")
    MIGRATIONS.apply(db, stop_before="0002_query_indexes")
    x = Extraction.from_record(json.loads((HERE / "records" / "vnet-13da-sra.json").read_text()))
    repo.save_extraction(db, x, pipeline="v1-pipeline", at=AT)
    items = repo.list_deadlines(db, as_of="2021-03-24")
    closing = next(d for d in items if d.section == "2.1")
    repo.set_status(db, closing.id, "done", note="closed 2021-04-13", at=AT)
    repo.set_owner(db, next(d for d in items if d.quote.startswith("as soon as")).id, "j.doe", at=AT)
    repo.record_event(db, "vnet-13da-sra", "Closing Date", "2021-04-13", at=AT)
    db.conn.commit()
    db.execute("VACUUM")
    db.close()


if __name__ == "__main__":
    main()
