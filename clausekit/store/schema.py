"""The database schema, as an append-only list of migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped; append a new one. ``open_db`` applies pending
migrations on open (after taking a backup of a database that already holds data).

Two kinds of rows live here, and they are kept apart on purpose:

- extracted rows, replaced whenever a document is re-extracted: ``documents`` (one per
  file hash), ``sections`` (+ ``sections_fts``), ``parties``/``party_aliases``,
  ``defined_terms``, ``provisions`` (the time-provision rule as extracted, keyed by its
  stable identity ``uid``), ``deadlines`` (the derived due date, explanation and pending
  event, recomputed whenever an event is recorded), ``events`` (scheduled dates from the
  document or derived by the engine), ``conditions``, ``covenants``;
- user rows, never touched by re-extraction and keyed by the stable identity (or the
  document hash), so they reattach to the same provision: ``deadline_state`` (status,
  owner, snooze, each with its own stamp, plus a snapshot of the provision so orphaned
  state can still be shown), ``notes``, ``recorded_events`` and ``audit_log``.
"""
from __future__ import annotations

from clausekit.store._sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("clausekit")

_V1 = [
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        path TEXT NOT NULL,
        format TEXT,
        title TEXT,
        agreement_date TEXT,
        governing_law TEXT,
        governing_law_section TEXT,
        calendar TEXT,
        calendar_source TEXT,
        pipeline TEXT,
        record_sha256 TEXT,
        ingested_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE sections (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        number TEXT,
        heading TEXT,
        level INTEGER,
        parent TEXT,
        type TEXT,
        text TEXT,
        start_offset INTEGER,
        end_offset INTEGER
    )""",
    "CREATE INDEX idx_sections_document ON sections(document_id)",
    """CREATE TABLE parties (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        name TEXT NOT NULL,
        jurisdiction TEXT,
        role TEXT,
        start_offset INTEGER,
        end_offset INTEGER
    )""",
    "CREATE INDEX idx_parties_document ON parties(document_id)",
    """CREATE TABLE party_aliases (
        party_id INTEGER NOT NULL REFERENCES parties(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (party_id, ordinal)
    )""",
    """CREATE TABLE defined_terms (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        term TEXT NOT NULL,
        section TEXT,
        definition TEXT,
        start_offset INTEGER,
        end_offset INTEGER
    )""",
    "CREATE INDEX idx_terms_document ON defined_terms(document_id)",
    """CREATE TABLE provisions (
        uid TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        occurrence INTEGER NOT NULL,
        section TEXT,
        quote TEXT NOT NULL,
        kind TEXT NOT NULL,
        count REAL,
        unit TEXT,
        direction TEXT,
        anchor TEXT,
        date TEXT,
        due TEXT,
        obligor TEXT,
        action TEXT,
        explanation TEXT,
        pending_on TEXT,
        calendar TEXT,
        cap TEXT,
        choose TEXT,
        roll TEXT,
        recurring INTEGER NOT NULL DEFAULT 0,
        schedules TEXT,
        window_start TEXT,
        window_end TEXT,
        start_offset INTEGER,
        end_offset INTEGER
    )""",
    "CREATE INDEX idx_provisions_document ON provisions(document_id, ordinal)",
    """CREATE TABLE deadlines (
        uid TEXT PRIMARY KEY REFERENCES provisions(uid) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        due TEXT,
        explanation TEXT,
        pending_on TEXT,
        calendar TEXT,
        window_start TEXT,
        window_end TEXT,
        computed_at TEXT NOT NULL
    )""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        scheduled TEXT,
        source TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('document', 'derived')),
        start_offset INTEGER,
        end_offset INTEGER
    )""",
    "CREATE INDEX idx_events_document ON events(document_id, name_key)",
    """CREATE TABLE conditions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        section TEXT NOT NULL,
        beneficiary TEXT,
        quote TEXT,
        start_offset INTEGER,
        end_offset INTEGER
    )""",
    "CREATE INDEX idx_conditions_document ON conditions(document_id)",
    """CREATE TABLE covenants (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        section TEXT NOT NULL,
        obligor TEXT,
        heading TEXT,
        start_offset INTEGER,
        end_offset INTEGER
    )""",
    "CREATE INDEX idx_covenants_document ON covenants(document_id)",
    # --- user state: no foreign keys to extracted rows, so it survives re-extraction ---
    """CREATE TABLE deadline_state (
        uid TEXT PRIMARY KEY,
        document_sha256 TEXT NOT NULL,
        contract_name TEXT,
        section TEXT,
        quote TEXT,
        kind TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'waived')),
        status_at TEXT,
        owner TEXT,
        owner_at TEXT,
        snoozed_until TEXT,
        snoozed_at TEXT,
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX idx_notes_uid ON notes(uid)",
    """CREATE TABLE recorded_events (
        document_sha256 TEXT NOT NULL,
        name_key TEXT NOT NULL,
        name TEXT NOT NULL,
        date TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (document_sha256, name_key)
    )""",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        uid TEXT,
        document_sha256 TEXT,
        old TEXT,
        new TEXT,
        detail TEXT
    )""",
    "CREATE INDEX idx_audit_uid ON audit_log(uid)",
]


@MIGRATIONS(name="0001_initial")
def m0001_initial(db: Database) -> None:
    for statement in _V1:
        db.execute(statement)
    db["sections"].enable_fts(["heading", "text"], create_triggers=True, tokenize="porter")


@MIGRATIONS(name="0002_query_indexes")
def m0002_query_indexes(db: Database) -> None:
    """Indexes for the tracker's queries: deadlines by due date, by contract, state by status."""
    db.execute("CREATE INDEX idx_deadlines_due ON deadlines(due)")
    db.execute("CREATE INDEX idx_deadlines_document_due ON deadlines(document_id, due)")
    db.execute("CREATE INDEX idx_deadlines_pending ON deadlines(pending_on) WHERE pending_on IS NOT NULL")
    db.execute("CREATE INDEX idx_state_status ON deadline_state(status)")
    db.execute("CREATE INDEX idx_state_document ON deadline_state(document_sha256)")
    db.execute("CREATE INDEX idx_documents_name ON documents(name)")


@MIGRATIONS(name="0003_revisions")
def m0003_revisions(db: Database) -> None:
    """A revision counter per deadline (for calendar SEQUENCE numbers): bumped when the derived
    date, pending event or explanation changes, and when the user changes its state."""
    db.execute("ALTER TABLE deadlines ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE deadlines ADD COLUMN changed_at TEXT")
    db.execute("UPDATE deadlines SET changed_at = computed_at")
    db.execute("ALTER TABLE deadline_state ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE deadline_state SET revision = (SELECT count(*) FROM audit_log a WHERE a.uid = deadline_state.uid)")


@MIGRATIONS(name="0004_reminder_log")
def m0004_reminder_log(db: Database) -> None:
    """The reminders' sent log: one row per (deadline, due date, lead, recipient, channel).

    Kept apart from extracted rows (no foreign key), so re-extraction never makes a reminder repeat."""
    db.execute("""CREATE TABLE reminder_log (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL,
        due TEXT NOT NULL,
        lead_days INTEGER NOT NULL,
        recipient TEXT NOT NULL,
        channel TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
        message_id TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT,
        error TEXT,
        UNIQUE (uid, due, lead_days, recipient, channel)
    )""")
    db.execute("CREATE INDEX idx_reminder_log_status ON reminder_log(status)")


@MIGRATIONS(name="0005_deadline_status_cache")
def m0005_deadline_status_cache(db: Database) -> None:
    """A copy of each deadline's status in ``deadlines`` (``deadline_state`` stays the truth), so
    "open and due by D" is one range of one index instead of a join over every past deadline."""
    db.execute("ALTER TABLE deadlines ADD COLUMN status TEXT NOT NULL DEFAULT 'open'")
    db.execute("UPDATE deadlines SET status = coalesce((SELECT s.status FROM deadline_state s "
               "WHERE s.uid = deadlines.uid), 'open')")
    db.execute("CREATE INDEX idx_deadlines_status_due ON deadlines(status, due)")


#: the schema version a database has once every migration is applied
SCHEMA_VERSION = len(MIGRATIONS._migrations)
