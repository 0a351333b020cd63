"""The tracker's SQLite store (sqlite-utils). The only package in clausekit that speaks SQL.

Everything takes and returns ``clausekit.types`` objects. Dates are ISO strings or
``datetime.date``; ``as_of`` is always a parameter (only entry points read the clock);
``at`` (the timestamp a user change is stamped with) defaults to now, UTC.

Opening and safety
    open_db(path, *, migrate=True, backup_dir=None, check_same_thread=True) -> Database
        create (mode 0600) / open, WAL, foreign keys, busy timeout, pending migrations
        applied (after an automatic backup when the file already holds data)
    backup(db, out) -> Path                     online backup API, file mode 0600
    restore(db, source) -> None                 replace content from a backup (checked first)
    check_database_file(path) -> None           UsageError unless an intact clausekit database
    integrity_check(db) -> str                  "ok" when sound
    write(db, fn) / read(db, fn) / retry(fn)    transactions with retry on SQLITE_BUSY

Ingest
    save_extraction(db, extraction, *, text=None, pipeline=None, at=None, default_calendar="weekends",
                    derived_current=False) -> IngestResult   one transaction per document
    is_current(db, sha256, pipeline) -> bool    stored and extracted by this pipeline
    provision_uid(document_sha256, section, quote, occurrence) -> str   the stable identity

Reading
    list_deadlines(db, *, as_of, within=None, overdue=False, status="open", contract=None,
                   kind=None, text=None, include_snoozed=False, owner=None, limit=None,
                   offset=0) -> list[Deadline]
    count_deadlines(db, *, as_of, <the same filters>) -> int
    deadline_summary(db, *, as_of) -> dict   open / overdue / week / month / pending / done / waived
    get_deadline(db, deadline_id) -> Deadline   id or unique prefix (orphans included)
    list_orphans(db, contract=None) -> list[Deadline]
    list_contracts(db) -> list[Contract]
    section_text(db, contract, number) -> (Section, text | None) | None
    get_contract(db, contract, *, detail=True) -> Contract   by id, name, sha prefix, title, party
    list_events(db, contract) -> list[Event]
    search(db, query, *, contract=None, limit=50) -> list[SearchHit]
    list_audit(db, *, deadline_id=None, limit=None) -> list[AuditEntry]   newest first

User state (each change stamped and written to the audit log)
    set_status(db, deadline_id, status, *, note=None, at=None) -> Deadline   open|done|waived
    set_owner(db, deadline_id, owner, *, at=None) -> Deadline
    add_note(db, deadline_id, text, *, at=None) -> Note
    snooze(db, deadline_id, until, *, at=None) -> Deadline       until=None ends the snooze
    record_event(db, contract, name, when, *, at=None) -> list[EventChange]   when=None clears
    log_action(db, action, detail, *, at=None) -> None
    remove_contract(db, contract, *, at=None) -> Removed   (the contract and the user's state of it)

Reminders' sent log (one row per deadline, due date, lead, recipient and channel)
    begin_reminder(db, deadline_id, *, due, lead_days, recipient, channel="email", message_id=None,
                   at=None) -> str | None       claim before sending; the previous status or None
    finish_reminder(db, deadline_id, *, due, lead_days, recipient, channel="email", ok=True,
                    error=None, at=None) -> ReminderRecord
    list_reminders(db, *, deadline_id=None, status=None, since=None) -> list[ReminderRecord]
    pending_deadlines(db, *, as_of) -> list[PendingDeadline]   open, unsnoozed, waiting for an event,
                                                with the event's scheduled date and the agreement date
    reminder_candidates(db, *, as_of, within) -> (dated, pending)   the same selections as slim
                                                ``Candidate`` rows (no text: fast at 100k deadlines)
    sent_reminder_keys(db) -> set                delivered (uid, due, lead, recipient, channel) keys
    deadlines_by_id(db, uids) -> dict[str, Deadline]   full deadlines of these ids

Errors: ``NotFound`` (unknown contract / deadline / event), ``UsageError`` (bad date, ambiguous
id), ``TemporaryFailure`` (the write lock stayed taken past the retry budget), ``StoreError``.
"""
from __future__ import annotations

from clausekit.store.db import backup, check_database_file, open_db, read, restore, retry, write
from clausekit.store.repo import (
    add_note,
    begin_reminder,
    finish_reminder,
    list_reminders,
    count_deadlines,
    deadline_summary,
    get_contract,
    get_deadline,
    integrity_check,
    is_current,
    list_audit,
    list_contracts,
    list_deadlines,
    list_events,
    list_orphans,
    log_action,
    normalize_quote,
    provision_uid,
    record_event,
    remove_contract,
    save_extraction,
    search,
    section_text,
    set_owner,
    set_status,
    snooze,
)
from clausekit.store.reminders import (
    Candidate,
    PendingDeadline,
    deadlines_by_id,
    pending_deadlines,
    reminder_candidates,
    sent_reminder_keys,
)
from clausekit.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION", "add_note", "backup", "begin_reminder", "check_database_file", "count_deadlines",
    "deadline_summary", "finish_reminder", "get_contract", "get_deadline", "list_reminders", "section_text",
    "integrity_check", "is_current", "list_audit", "list_contracts", "list_deadlines", "list_events",
    "list_orphans", "log_action", "normalize_quote", "open_db", "provision_uid", "read", "record_event",
    "remove_contract", "restore", "retry", "save_extraction", "search", "set_owner", "set_status", "snooze", "write",
    "PendingDeadline", "pending_deadlines", "Candidate", "reminder_candidates", "sent_reminder_keys",
    "deadlines_by_id",
]
