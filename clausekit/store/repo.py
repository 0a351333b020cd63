"""Repository functions: types.py objects in, types.py objects out. The only SQL in clausekit.

Every statement is parameterized; identifiers are never built from data.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import PurePath

from clausekit.store._sqlite_utils import Database

from clausekit.errors import NotFound, UsageError
from clausekit.eventnames import event_key as _event_key  # the engine's, without importing the engine
from clausekit.store.db import read, write
from clausekit.types import (
    STATUSES,
    ReminderRecord,
    AuditEntry,
    Condition,
    Contract,
    Covenant,
    Deadline,
    DefinedTerm,
    Event,
    EventChange,
    Extraction,
    IngestResult,
    Note,
    Party,
    Removed,
    SearchHit,
    Section,
    TimeProvision,
)

DEFAULT_CALENDAR = "weekends"


def _engine():
    """The deadline engine, imported when first needed: its calendars (holidays, exchange_calendars)
    take seconds to import, and listing deadlines never needs them."""
    from clausekit import deadlines

    return deadlines

# ---------------------------------------------------------------- identity & helpers

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def normalize_quote(quote: str) -> str:
    """The form of a quote that identity is computed on: NFKC, casefolded, quotes and spaces folded."""
    text = unicodedata.normalize("NFKC", quote or "").translate(_QUOTES).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .,;:")


def provision_uid(document_sha256: str, section: str | None, quote: str, occurrence: int) -> str:
    """Stable identity of a time provision: sha256 of document hash, section, normalized quote, occurrence."""
    key = "\x1f".join([document_sha256, (section or "").strip(), normalize_quote(quote), str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def event_key(name: str) -> str:
    """The engine's normal form of an event name ("the Closing", "Closing Date", "completion of
    the Closing" compare equal). Stored ``name_key`` columns are a cache: lookups recompute the
    key from ``name``, so an improved normal form applies to old rows too."""
    return _event_key(name or "") or re.sub(r"\s+", " ", (name or "").strip().casefold())


def _stamp(at: datetime | None) -> str:
    at = at or datetime.now(UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="seconds")


def _iso(d: date | str | None, what: str = "date") -> str | None:
    if d is None:
        return None
    if isinstance(d, datetime):
        return d.date().isoformat()
    if isinstance(d, date):
        return d.isoformat()
    try:
        return date.fromisoformat(str(d).strip()).isoformat()
    except ValueError:
        raise UsageError(f"bad {what} {d!r}: expected YYYY-MM-DD") from None


def _contract_name(source: dict, title: str | None, sha: str) -> str:
    path = source.get("path")
    if path:
        return PurePath(str(path).replace("\\", "/")).stem or sha[:12]
    return title or sha[:12]


def record_digest(extraction: Extraction) -> str:
    rec = extraction.to_record()
    return hashlib.sha256(json.dumps(rec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# ---------------------------------------------------------------- contracts


def _contract_row(db: Database, ref: str | int, *, exact: bool = False) -> dict:
    """Find a contract by id, name, sha256 prefix, title, or (unless ``exact``) a unique part of
    its name/title/parties."""
    text = str(ref).strip()
    if not text:
        raise UsageError("empty contract name")
    if text.isdigit():
        row = _one(db, "SELECT * FROM documents WHERE id = ?", [int(text)])
        if row:
            return row
    rows = _all(db, "SELECT * FROM documents WHERE name = ? COLLATE NOCASE OR title = ? COLLATE NOCASE",
                [text, text])
    if not rows and re.fullmatch(r"[0-9a-fA-F]{6,64}", text):
        rows = _all(db, "SELECT * FROM documents WHERE sha256 LIKE ?", [text.lower() + "%"])
    if not rows and exact:
        raise NotFound(f"no contract has the id, name or hash {text!r} (see `clausekit contracts`)")
    if not rows:
        like = "%" + _like_escape(text) + "%"
        rows = _all(db, """
            SELECT DISTINCT d.* FROM documents d
            LEFT JOIN parties p ON p.document_id = d.id
            LEFT JOIN party_aliases a ON a.party_id = p.id
            WHERE d.name LIKE :q ESCAPE '\\' OR d.title LIKE :q ESCAPE '\\'
               OR p.name LIKE :q ESCAPE '\\' OR a.alias LIKE :q ESCAPE '\\'
            ORDER BY d.id""", {"q": like})
    if not rows:
        raise NotFound(f"no contract matches {text!r} (see `clausekit contracts`)")
    if len(rows) > 1:
        names = ", ".join(f"{r['id']} ({r['name']})" for r in rows[:8])
        raise UsageError(f"{text!r} matches several contracts: {names}; give its id")
    return rows[0]


def _one(db: Database, sql: str, params) -> dict | None:
    cur = db.execute(sql, params)
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cur.description], row))


def _all(db: Database, sql: str, params=()) -> list[dict]:
    cur = db.execute(sql, params)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _parties(db: Database, document_id: int) -> tuple[Party, ...]:
    aliases: dict[int, list[str]] = defaultdict(list)
    for r in _all(db, """SELECT a.party_id, a.alias FROM party_aliases a JOIN parties p ON p.id = a.party_id
                         WHERE p.document_id = ? ORDER BY a.party_id, a.ordinal""", [document_id]):
        aliases[r["party_id"]].append(r["alias"])
    return tuple(
        Party(name=r["name"], aliases=tuple(aliases[r["id"]]), jurisdiction=r["jurisdiction"], role=r["role"],
              start=r["start_offset"], end=r["end_offset"])
        for r in _all(db, "SELECT * FROM parties WHERE document_id = ? ORDER BY ordinal", [document_id])
    )


def _contract(db: Database, row: dict, *, detail: bool = False) -> Contract:
    did = row["id"]
    open_count = db.execute("""
        SELECT count(*) FROM provisions p LEFT JOIN deadline_state s ON s.uid = p.uid
        WHERE p.document_id = ? AND coalesce(s.status, 'open') = 'open'""", [did]).fetchone()[0]
    extra: dict = {}
    if detail:
        extra = dict(
            sections=tuple(Section(number=r["number"], heading=r["heading"], level=r["level"], parent=r["parent"],
                                   start=r["start_offset"], end=r["end_offset"], type=r["type"])
                           for r in _all(db, "SELECT * FROM sections WHERE document_id = ? ORDER BY ordinal", [did])),
            defined_terms=tuple(DefinedTerm(term=r["term"], section=r["section"], start=r["start_offset"],
                                            end=r["end_offset"], definition=r["definition"])
                                for r in _all(db, "SELECT * FROM defined_terms WHERE document_id = ? ORDER BY id",
                                              [did])),
            events=tuple(_events(db, row)),
            conditions_precedent=tuple(
                Condition(section=r["section"], beneficiary=r["beneficiary"], quote=r["quote"],
                          start=r["start_offset"], end=r["end_offset"])
                for r in _all(db, "SELECT * FROM conditions WHERE document_id = ? ORDER BY id", [did])),
            covenants=tuple(
                Covenant(section=r["section"], obligor=r["obligor"], heading=r["heading"],
                         start=r["start_offset"], end=r["end_offset"])
                for r in _all(db, "SELECT * FROM covenants WHERE document_id = ? ORDER BY id", [did])),
        )
    return Contract(
        id=did, name=row["name"], sha256=row["sha256"], path=row["path"], format=row["format"],
        title=row["title"], agreement_date=row["agreement_date"], governing_law=row["governing_law"],
        calendar=row["calendar"], calendar_source=row["calendar_source"], pipeline=row["pipeline"],
        ingested_at=row["ingested_at"], updated_at=row["updated_at"], parties=_parties(db, did),
        open_deadlines=open_count, **extra,
    )


def get_contract(db: Database, contract: str | int, *, detail: bool = True, exact: bool = False) -> Contract:
    """One contract by id, name, sha256 prefix or (unless ``exact``) a unique part of its name,
    title or a party's name.

    With ``detail`` (default) sections, defined terms, events, conditions and covenants are filled.
    Raises NotFound / UsageError (ambiguous).
    """
    return read(db, lambda db: _contract(db, _contract_row(db, contract, exact=exact), detail=detail))


def list_contracts(db: Database) -> list[Contract]:
    """Every stored contract (with parties and its count of open deadlines), by name."""
    return read(db, lambda db: [_contract(db, r) for r in _all(db, "SELECT * FROM documents ORDER BY name, id")])


def is_current(db: Database, sha256: str, pipeline: str | None) -> bool:
    """True when the document with this hash is stored and was extracted by this pipeline."""
    row = _one(db, "SELECT pipeline FROM documents WHERE sha256 = ?", [sha256])
    return bool(row) and pipeline is not None and row["pipeline"] == pipeline


# ---------------------------------------------------------------- saving an extraction


def save_extraction(db: Database, extraction: Extraction, *, text: str | None = None,
                    pipeline: str | None = None, at: datetime | None = None,
                    default_calendar: str = DEFAULT_CALENDAR, derived_current: bool = False) -> IngestResult:
    """Store one document's extraction in ONE transaction; user state is never touched.

    Unchanged (nothing written): the same file hash extracted by the same ``pipeline``
    fingerprint, or, for a record without a fingerprint, an identical record. Otherwise
    "updated": extracted rows are replaced, user state reattaches through the stable identity
    and is counted as orphaned where its provision disappeared. Deadlines are recomputed by
    the engine with any events the user recorded; ``derived_current=True`` says the
    extraction's due dates come from this version's engine, so a document with no recorded
    event keeps them as they are (no second engine run). ``text`` (the document's normalized
    text) fills the sections' searchable text.
    """
    sha = (extraction.source or {}).get("sha256")
    if not sha or not re.fullmatch(r"[0-9a-f]{64}", str(sha)):
        raise UsageError("extraction has no valid source.sha256")
    digest = record_digest(extraction) if pipeline is None else None  # a fingerprint says it all
    stamp = _stamp(at)

    def tx(db: Database) -> IngestResult:
        row = _one(db, "SELECT * FROM documents WHERE sha256 = ?", [sha])
        same = row and (row["pipeline"] == pipeline if pipeline is not None
                        else row["pipeline"] is None and row["record_sha256"] == digest)
        if same:
            return IngestResult(row["id"], row["name"], "unchanged", _count(db, row["id"]), _orphan_count(db, sha))
        fields = _document_fields(extraction, sha, pipeline, digest, stamp)
        previous = None
        if row:
            did = row["id"]
            previous = {r["uid"]: r for r in _all(db, "SELECT * FROM deadlines WHERE document_id = ?", [did])}
            fields.pop("ingested_at")
            sets = ", ".join(f"{k} = :{k}" for k in fields)
            db.execute(f"UPDATE documents SET {sets} WHERE id = :id", {**fields, "id": did})
            for table in ("sections", "parties", "defined_terms", "provisions", "deadlines", "events",
                          "conditions", "covenants"):
                db.execute(f"DELETE FROM {table} WHERE document_id = ?", [did])
            status = "updated"
        else:
            did = db["documents"].insert(fields).last_pk
            status = "new"
        _insert_children(db, did, sha, extraction, text)
        doc = _one(db, "SELECT * FROM documents WHERE id = ?", [did])
        keep = derived_current and not _recorded(db, sha)
        _recompute(db, doc, stamp, default_calendar, previous=previous, use_extracted=keep)
        return IngestResult(did, doc["name"], status, _count(db, did), _orphan_count(db, sha))

    return write(db, tx)


def _document_fields(x: Extraction, sha: str, pipeline: str | None, digest: str, stamp: str) -> dict:
    return {
        "sha256": sha,
        "name": _contract_name(x.source, x.title, sha),
        "path": str(x.source.get("path") or ""),
        "format": x.source.get("format"),
        "title": x.title,
        "agreement_date": x.agreement_date,
        "governing_law": x.governing_law.jurisdiction if x.governing_law else None,
        "governing_law_section": x.governing_law.section if x.governing_law else None,
        "calendar": x.calendar.name if x.calendar else None,
        "calendar_source": x.calendar.source if x.calendar else None,
        "pipeline": pipeline,
        "record_sha256": digest,
        "ingested_at": stamp,
        "updated_at": stamp,
    }


def _count(db: Database, document_id: int) -> int:
    return db.execute("SELECT count(*) FROM provisions WHERE document_id = ?", [document_id]).fetchone()[0]


def _orphan_count(db: Database, sha: str) -> int:
    return db.execute("""
        SELECT count(*) FROM deadline_state s WHERE s.document_sha256 = ?
        AND NOT EXISTS (SELECT 1 FROM provisions p WHERE p.uid = s.uid)""", [sha]).fetchone()[0]


_PLAIN = (str, int, float, bytes, type(None))


def _insert_rows(db: Database, table: str, rows: Iterable[dict], **insert_all) -> None:
    """INSERT rows (dicts with the same keys; table and column names are this module's constants)
    with one ``executemany``: sqlite-utils' ``insert_all`` inspects and converts every value in
    Python, which was a third of the time of saving a document. Rows holding anything but plain
    values (a record loaded from hand-edited JSON) still go through ``insert_all``."""
    rows = list(rows)
    if not rows:
        return
    cols = list(rows[0])
    values = [tuple(r.get(c) for c in cols) for r in rows]
    if any(len(r) != len(cols) for r in rows) or not all(type(v) in _PLAIN for row in values for v in row):
        db[table].insert_all(rows, **insert_all)
        return
    db.conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", values)


def _insert_children(db: Database, did: int, sha: str, x: Extraction, text: str | None) -> None:
    _insert_rows(db, "sections", (
        {"document_id": did, "ordinal": i, "number": s.number, "heading": s.heading, "level": s.level,
         "parent": s.parent, "type": s.type, "start_offset": s.start, "end_offset": s.end,
         "text": text[s.start:s.end] if text and s.start is not None and s.end is not None else None}
        for i, s in enumerate(x.sections)), pk="id")
    for i, p in enumerate(x.parties):
        pid = db["parties"].insert({"document_id": did, "ordinal": i, "name": p.name,
                                    "jurisdiction": p.jurisdiction, "role": p.role,
                                    "start_offset": p.start, "end_offset": p.end}).last_pk
        _insert_rows(db, "party_aliases", ({"party_id": pid, "ordinal": j, "alias": a}
                                           for j, a in enumerate(dict.fromkeys(p.aliases))), pk=("party_id", "ordinal"))
    _insert_rows(db, "defined_terms", (
        {"document_id": did, "term": t.term, "section": t.section, "definition": t.definition,
         "start_offset": t.start, "end_offset": t.end} for t in x.defined_terms), pk="id")
    seen: dict[tuple[str, str], int] = defaultdict(int)
    rows = []
    order = sorted(range(len(x.deadlines)), key=lambda i: (x.deadlines[i].start or 0, x.deadlines[i].end or 0, i))
    for i in order:
        d = x.deadlines[i]
        key = ((d.section or "").strip(), normalize_quote(d.quote))
        occurrence = seen[key]
        seen[key] += 1
        rows.append(_provision_row(did, i, occurrence, provision_uid(sha, d.section, d.quote, occurrence), d))
    _insert_rows(db, "provisions", rows, pk="uid")
    _insert_rows(db, "events", (
        {"document_id": did, "name": e.name, "name_key": event_key(e.name), "scheduled": e.scheduled,
         "source": e.source, "origin": "document", "start_offset": e.start, "end_offset": e.end}
        for e in x.events), pk="id")
    _insert_rows(db, "conditions", (
        {"document_id": did, "section": c.section, "beneficiary": c.beneficiary, "quote": c.quote,
         "start_offset": c.start, "end_offset": c.end} for c in x.conditions_precedent), pk="id")
    _insert_rows(db, "covenants", (
        {"document_id": did, "section": c.section, "obligor": c.obligor, "heading": c.heading,
         "start_offset": c.start, "end_offset": c.end} for c in x.covenants), pk="id")


def _provision_row(did: int, ordinal: int, occurrence: int, uid: str, d: TimeProvision) -> dict:
    return {
        "uid": uid, "document_id": did, "ordinal": ordinal, "occurrence": occurrence,
        "section": d.section, "quote": d.quote, "kind": d.kind, "count": d.count, "unit": d.unit,
        "direction": d.direction, "anchor": d.anchor, "date": d.date, "due": d.due, "obligor": d.obligor,
        "action": d.action, "explanation": d.explanation, "pending_on": d.pending_on, "calendar": d.calendar,
        "cap": d.cap, "choose": d.choose, "roll": d.roll, "recurring": int(bool(d.recurring)),
        "schedules": d.schedules, "window_start": d.window_start, "window_end": d.window_end,
        "start_offset": d.start, "end_offset": d.end,
    }


def _provision(row: dict) -> TimeProvision:
    count = row["count"]
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    return TimeProvision(
        quote=row["quote"], section=row["section"], kind=row["kind"], count=count, unit=row["unit"],
        direction=row["direction"], anchor=row["anchor"], date=row["date"], due=row["due"],
        obligor=row["obligor"], action=row["action"], explanation=row["explanation"],
        start=row["start_offset"], end=row["end_offset"], cap=row["cap"], choose=row["choose"],
        roll=row["roll"], recurring=bool(row["recurring"]), schedules=row["schedules"],
        pending_on=row["pending_on"], calendar=row["calendar"], window_start=row["window_start"],
        window_end=row["window_end"],
    )


# ---------------------------------------------------------------- events & recomputation


def _recorded(db: Database, sha: str) -> dict[str, dict]:
    """The user's recorded event dates of a document by event key (the latest recording wins)."""
    return {event_key(r["name"]): r for r in _all(
        db, "SELECT * FROM recorded_events WHERE document_sha256 = ? ORDER BY recorded_at, rowid", [sha])}


def _events_for_engine(db: Database, doc: dict) -> list[Event]:
    recorded = _recorded(db, doc["sha256"])
    events: list[Event] = []
    seen: set[str] = set()
    for r in _all(db, "SELECT * FROM events WHERE document_id = ? AND origin = 'document' ORDER BY id", [doc["id"]]):
        key = event_key(r["name"])
        rec = recorded.get(key)
        events.append(Event(name=r["name"], scheduled=r["scheduled"], recorded=rec["date"] if rec else None,
                            source=r["source"], start=r["start_offset"], end=r["end_offset"]))
        seen.add(key)
    for key, rec in recorded.items():
        if key not in seen:
            events.append(Event(name=rec["name"], recorded=rec["date"], source="recorded"))
    return events


def _recompute(db: Database, doc: dict, stamp: str, default_calendar: str = DEFAULT_CALENDAR,
               previous: dict[str, dict] | None = None, use_extracted: bool = False) -> list[EventChange]:
    """Re-derive every deadline of one document from its rules and events; return what moved.

    ``use_extracted``: take the derived fields as extracted (the engine already ran on them)."""
    did = doc["id"]
    rows = _all(db, "SELECT * FROM provisions WHERE document_id = ? ORDER BY ordinal", [did])
    provisions = [_provision(r) for r in rows]
    events = _events_for_engine(db, doc)
    if use_extracted:
        resolved, new_events = provisions, []
    else:
        resolved, new_events = _engine().resolve_provisions(
            provisions, events, calendar=doc["calendar"] or default_calendar, agreement_date=doc["agreement_date"])
    resolved = list(resolved)
    if len(resolved) != len(rows):
        raise RuntimeError("the deadline engine returned a different number of provisions")
    old = previous if previous is not None else {
        r["uid"]: r for r in _all(db, "SELECT * FROM deadlines WHERE document_id = ?", [did])}
    db.execute("DELETE FROM deadlines WHERE document_id = ?", [did])
    statuses = {r["uid"]: r["status"] for r in _all(
        db, "SELECT uid, status FROM deadline_state WHERE document_sha256 = ?", [doc["sha256"]])}
    new_rows = []
    changes: list[EventChange] = []
    for row, p in zip(rows, resolved):
        before = old.get(row["uid"])
        revised = before is not None and (before["due"], before["pending_on"], before["explanation"]) != (
            p.due, p.pending_on, p.explanation)
        new_rows.append({"uid": row["uid"], "document_id": did, "due": p.due, "explanation": p.explanation,
                         "pending_on": p.pending_on, "calendar": p.calendar, "window_start": p.window_start,
                         "window_end": p.window_end, "computed_at": stamp,
                         "status": statuses.get(row["uid"], "open"),
                         "revision": (before["revision"] + int(revised)) if before else 0,
                         "changed_at": before["changed_at"] if before and not revised else stamp})
        if before and (before["due"], before["pending_on"]) != (p.due, p.pending_on):
            changes.append(EventChange(deadline_id=row["uid"], section=row["section"], quote=row["quote"],
                                       old_due=before["due"], new_due=p.due, old_pending_on=before["pending_on"],
                                       new_pending_on=p.pending_on, explanation=p.explanation))
    _insert_rows(db, "deadlines", new_rows, pk="uid")
    # events the engine derived (a provision that schedules an event, e.g. 2.1 fixes the Closing Date);
    # what the document schedules is shown beside what the user recorded, so derive it without them
    if not use_extracted and any(e.recorded for e in events):
        _, new_events = _engine().resolve_provisions(
            provisions, [replace(e, recorded=None) for e in events if e.scheduled or e.source != "recorded"],
            calendar=doc["calendar"] or default_calendar, agreement_date=doc["agreement_date"])
    db.execute("DELETE FROM events WHERE document_id = ? AND origin = 'derived'", [did])
    documented = {event_key(e.name): e for e in events}
    derived = []
    for e in new_events:
        known = documented.get(event_key(e.name))
        if e.scheduled and (known is None or known.scheduled != e.scheduled):
            derived.append({"document_id": did, "name": e.name, "name_key": event_key(e.name),
                            "scheduled": e.scheduled, "source": e.source, "origin": "derived",
                            "start_offset": e.start, "end_offset": e.end})
    _insert_rows(db, "events", derived, pk="id")
    return changes


def _events(db: Database, doc: dict) -> list[Event]:
    """Known events of a document: from the text, derived by the engine, recorded by the user,
    and every anchor or pending event a provision names (with no date yet)."""
    by_key: dict[str, Event] = {}
    for r in _all(db, "SELECT * FROM events WHERE document_id = ? ORDER BY origin = 'derived', id", [doc["id"]]):
        key = event_key(r["name"])
        prev = by_key.get(key)
        if prev is None or (r["origin"] == "derived" and r["scheduled"]):
            by_key[key] = Event(name=prev.name if prev else r["name"], scheduled=r["scheduled"],
                                source=r["source"], start=r["start_offset"], end=r["end_offset"])
    for key, r in _recorded(db, doc["sha256"]).items():
        prev = by_key.get(key) or Event(name=r["name"])
        by_key[key] = replace(prev, recorded=r["date"])
    for r in _all(db, """SELECT p.anchor AS name FROM provisions p WHERE p.document_id = :d AND p.anchor IS NOT NULL
                         AND p.date IS NULL
                         UNION ALL SELECT d.pending_on FROM deadlines d WHERE d.document_id = :d
                         AND d.pending_on IS NOT NULL""", {"d": doc["id"]}):
        key = event_key(r["name"])
        if key not in by_key:
            by_key[key] = Event(name=r["name"])
    return list(by_key.values())


def list_events(db: Database, contract: str | int) -> list[Event]:
    """Known events of a contract with their scheduled (document/derived) and recorded dates."""
    def q(db):
        return _events(db, _contract_row(db, contract))
    return read(db, q)


def record_event(db: Database, contract: str | int, name: str, when: date | str | None, *,
                 at: datetime | None = None, default_calendar: str = DEFAULT_CALENDAR) -> list[EventChange]:
    """Record (or with ``when=None`` clear) the actual date of an event of a contract.

    Every deadline of the contract is recomputed (chains included, by the engine) and the
    ones whose due date or pending event changed are returned. The event must be one the
    contract knows (an extracted event, an anchor or pending event of a provision).
    """
    day = _iso(when, "event date")
    stamp = _stamp(at)
    if not (name or "").strip():
        raise UsageError("empty event name")

    def tx(db: Database) -> list[EventChange]:
        doc = _contract_row(db, contract)
        key = event_key(name)
        known = {event_key(e.name): e for e in _events(db, doc)}
        if key not in known:
            names = ", ".join(sorted({e.name for e in known.values()})) or "none"
            raise NotFound(f"contract {doc['name']!r} has no event {name!r} (known: {names})")
        prev = _recorded(db, doc["sha256"]).get(key)
        old = prev["date"] if prev else None
        # one recording per event, whichever way it was named
        for r in _all(db, "SELECT name_key, name FROM recorded_events WHERE document_sha256 = ?", [doc["sha256"]]):
            if event_key(r["name"]) == key:
                db.execute("DELETE FROM recorded_events WHERE document_sha256 = ? AND name_key = ?",
                           [doc["sha256"], r["name_key"]])
        if day is not None:
            db.execute("""INSERT INTO recorded_events (document_sha256, name_key, name, date, recorded_at)
                          VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_sha256, name_key)
                          DO UPDATE SET date = excluded.date, recorded_at = excluded.recorded_at""",
                       [doc["sha256"], key, known[key].name, day, stamp])
        _audit(db, stamp, "event", None, doc["sha256"], old, day, known[key].name)
        return _recompute(db, doc, stamp, default_calendar)

    return write(db, tx)


# ---------------------------------------------------------------- deadlines

_SELECT = """
SELECT p.uid, p.document_id, doc.name AS contract_name, doc.title AS contract_title, p.section, p.quote,
       p.kind, p.action, p.obligor, p.count, p.unit, p.direction, p.anchor, p.date, p.recurring,
       p.start_offset, p.end_offset, d.due, d.explanation, d.pending_on, d.calendar, d.window_start, d.window_end,
       coalesce(s.status, 'open') AS status, s.owner, s.snoozed_until, s.updated_at,
       d.revision + coalesce(s.revision, 0) AS revision, max(d.changed_at, coalesce(s.updated_at, '')) AS changed_at
FROM deadlines d
LEFT JOIN deadline_state s ON s.uid = d.uid
JOIN provisions p ON p.uid = d.uid
JOIN documents doc ON doc.id = d.document_id
"""  # the user state first: status and snooze filters drop done rows before the provision lookups

_ORDER = " ORDER BY d.due IS NULL, d.due, d.pending_on IS NULL, doc.name, p.ordinal"


def _deadline(row: dict, notes: Sequence[Note] = ()) -> Deadline:
    count = row["count"]
    if isinstance(count, float) and count.is_integer():
        count = int(count)
    return Deadline(
        id=row["uid"], contract_id=row["document_id"], contract_name=row["contract_name"],
        contract_title=row["contract_title"], section=row["section"], quote=row["quote"], kind=row["kind"],
        action=row["action"], obligor=row["obligor"], count=count, unit=row["unit"],
        direction=row["direction"], anchor=row["anchor"], date=row["date"], due=row["due"],
        explanation=row["explanation"], pending_on=row["pending_on"], calendar=row["calendar"],
        recurring=bool(row["recurring"]), status=row["status"], owner=row["owner"], notes=tuple(notes),
        snoozed_until=row["snoozed_until"], updated_at=row["updated_at"], start=row["start_offset"],
        end=row["end_offset"], revision=row["revision"], changed_at=row["changed_at"],
        window_start=row["window_start"], window_end=row["window_end"],
    )


def _notes_for(db: Database, uids: Iterable[str] | None = None) -> dict[str, list[Note]]:
    out: dict[str, list[Note]] = defaultdict(list)
    if uids is None:
        rows = _all(db, "SELECT * FROM notes ORDER BY id")
    else:
        uids = list(uids)
        rows = []
        for i in range(0, len(uids), 500):
            chunk = uids[i:i + 500]
            rows += _all(db, f"SELECT * FROM notes WHERE uid IN ({', '.join('?' * len(chunk))}) ORDER BY id", chunk)
    for r in rows:
        out[r["uid"]].append(Note(deadline_id=r["uid"], text=r["text"], at=r["created_at"], id=r["id"]))
    return out


def list_deadlines(db: Database, *, as_of: date | str, within: int | None = None, overdue: bool = False,
                   status: str = "open", contract: str | int | None = None,
                   kind: str | Sequence[str] | None = None, text: str | None = None,
                   include_snoozed: bool = False, owner: str | None = None, limit: int | None = None,
                   offset: int = 0) -> list[Deadline]:
    """Tracked deadlines, dated ones by due date, then pending ones (waiting for an event), then undated.

    - ``status``: "open" | "done" | "waived" | "all".
    - ``within``: only dated deadlines due on or before ``as_of + within`` days — including
      overdue ones, which need attention most; ``overdue``: only those due before ``as_of``.
    - open deadlines snoozed until after ``as_of`` are left out unless ``include_snoozed``.
    - ``contract``: id or name (see ``get_contract``); ``kind``: one kind or several;
      ``text``: a case-insensitive substring of the quote, action, obligor, owner or contract name;
      ``owner``: exactly this owner (case-insensitive).
    - ``limit`` / ``offset``: one page of the sorted list (the TUI loads a large list page by page).
    """
    as_of_s = _iso(as_of, "as-of date")
    if limit is not None and (limit < 0 or offset < 0):
        raise UsageError("limit and offset must be zero or more")

    def q(db: Database) -> list[Deadline]:
        where, params = _deadline_filter(db, as_of_s, within=within, overdue=overdue, status=status,
                                         contract=contract, kind=kind, text=text, include_snoozed=include_snoozed,
                                         owner=owner)
        if limit is None:
            rows = _all(db, _SELECT + (" WHERE " + " AND ".join(where) if where else "") + _ORDER, params)
        else:
            rows = _page(db, where, params, int(limit), int(offset))
        notes = _notes_for(db) if len(rows) > 500 else _notes_for(db, [r["uid"] for r in rows])
        return [_deadline(r, notes.get(r["uid"], ())) for r in rows]

    return read(db, q)


def _page(db: Database, where: list[str], params: dict, limit: int, offset: int) -> list[dict]:
    """One page in ``_ORDER``: dated rows walk the due-date index (fast with a LIMIT), then undated."""
    dated = _all(db, _SELECT + " WHERE " + " AND ".join([*where, "d.due IS NOT NULL"])
                 + " ORDER BY d.due, d.pending_on IS NULL, doc.name, p.ordinal LIMIT :limit OFFSET :offset",
                 {**params, "limit": limit, "offset": offset})
    if len(dated) >= limit:
        return dated
    if dated or offset == 0:
        skip = 0
    else:  # the page starts past the dated rows: skip the rest of the offset in the undated ones
        n_dated = db.execute(_COUNT + " WHERE " + " AND ".join([*where, "d.due IS NOT NULL"]), params).fetchone()[0]
        skip = max(0, offset - n_dated)
    undated = _all(db, _SELECT + " WHERE " + " AND ".join([*where, "d.due IS NULL"])
                   + " ORDER BY d.pending_on IS NULL, doc.name, p.ordinal LIMIT :limit OFFSET :offset",
                   {**params, "limit": limit - len(dated), "offset": skip})
    return dated + undated


_COUNT = """SELECT count(*) FROM deadlines d LEFT JOIN deadline_state s ON s.uid = d.uid
JOIN provisions p ON p.uid = d.uid JOIN documents doc ON doc.id = d.document_id"""


def count_deadlines(db: Database, *, as_of: date | str, within: int | None = None, overdue: bool = False,
                    status: str = "open", contract: str | int | None = None,
                    kind: str | Sequence[str] | None = None, text: str | None = None,
                    include_snoozed: bool = False, owner: str | None = None) -> int:
    """How many deadlines ``list_deadlines`` with the same filters would return (without loading them)."""
    as_of_s = _iso(as_of, "as-of date")

    def q(db: Database) -> int:
        where, params = _deadline_filter(db, as_of_s, within=within, overdue=overdue, status=status,
                                         contract=contract, kind=kind, text=text, include_snoozed=include_snoozed,
                                         owner=owner)
        return db.execute(_COUNT + (" WHERE " + " AND ".join(where) if where else ""), params).fetchone()[0]

    return read(db, q)


def deadline_summary(db: Database, *, as_of: date | str) -> dict[str, int]:
    """Counts of open, not snoozed deadlines as of ``as_of``: ``open``, ``overdue`` (due before it),
    ``week`` / ``month`` (due from ``as_of`` to 7 / 30 days after it, inclusive), ``pending``
    (waiting for an event), plus ``done`` and ``waived`` (all of them)."""
    as_of_s = _iso(as_of, "as-of date")
    day = date.fromisoformat(as_of_s)
    params = {"as_of": as_of_s, "week": (day + timedelta(days=7)).isoformat(),
              "month": (day + timedelta(days=30)).isoformat()}

    def q(db: Database) -> dict[str, int]:
        row = db.execute("""
            SELECT
              sum(st = 'open' AND awake),
              sum(st = 'open' AND awake AND d.due < :as_of),
              sum(st = 'open' AND awake AND d.due >= :as_of AND d.due <= :week),
              sum(st = 'open' AND awake AND d.due >= :as_of AND d.due <= :month),
              sum(st = 'open' AND awake AND d.due IS NULL AND d.pending_on IS NOT NULL),
              sum(st = 'done'), sum(st = 'waived')
            FROM (SELECT d.due, d.pending_on, coalesce(s.status, 'open') AS st,
                         (s.snoozed_until IS NULL OR s.snoozed_until <= :as_of) AS awake
                  FROM deadlines d LEFT JOIN deadline_state s ON s.uid = d.uid) d""", params).fetchone()
        keys = ("open", "overdue", "week", "month", "pending", "done", "waived")
        return {k: int(v or 0) for k, v in zip(keys, row)}

    return read(db, q)


def section_text(db: Database, contract: str | int, number: str) -> tuple[Section, str | None] | None:
    """A contract's section by its number, with its text (None when the text was not stored)."""
    def q(db: Database):
        doc = _contract_row(db, contract)
        r = _one(db, "SELECT * FROM sections WHERE document_id = ? AND number = ? ORDER BY ordinal LIMIT 1",
                 [doc["id"], number])
        if r is None:
            return None
        return (Section(number=r["number"], heading=r["heading"], level=r["level"], parent=r["parent"],
                        start=r["start_offset"], end=r["end_offset"], type=r["type"]), r["text"])

    return read(db, q)


def _deadline_filter(db: Database, as_of_s: str, *, within: int | None, overdue: bool, status: str,
                     contract: str | int | None, kind: str | Sequence[str] | None, text: str | None,
                     include_snoozed: bool, owner: str | None = None) -> tuple[list[str], dict]:
    """WHERE clauses and parameters shared by ``list_deadlines`` and ``count_deadlines``."""
    if status not in (*STATUSES, "all"):
        raise UsageError(f"unknown status {status!r}: expected open, done, waived or all")
    if within is not None and within < 0:
        raise UsageError("--within must be zero or more days")
    where, params = [], {"as_of": as_of_s}
    if status != "all":  # d.status mirrors deadline_state: one range of idx_deadlines_status_due
        where.append("d.status = :status")
        params["status"] = status
    if not include_snoozed:
        where.append("(s.snoozed_until IS NULL OR s.snoozed_until <= :as_of OR coalesce(s.status, 'open') != 'open')")
    if within is not None:
        where.append("d.due IS NOT NULL AND d.due <= :horizon")
        params["horizon"] = (date.fromisoformat(as_of_s) + timedelta(days=within)).isoformat()
    if overdue:
        where.append("d.due IS NOT NULL AND d.due < :as_of")
    if contract is not None:
        where.append("d.document_id = :contract")
        params["contract"] = _contract_row(db, contract)["id"]
    if kind:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        names = [f":kind{i}" for i in range(len(kinds))]
        where.append(f"p.kind IN ({', '.join(names)})")
        params.update({f"kind{i}": k for i, k in enumerate(kinds)})
    if owner:
        where.append("s.owner = :owner COLLATE NOCASE")
        params["owner"] = owner.strip()
    if text:
        params["text"] = "%" + _like_escape(text) + "%"
        where.append("(" + " OR ".join(f"{c} LIKE :text ESCAPE '\\'" for c in
                                       ("p.quote", "p.action", "p.obligor", "s.owner", "doc.name", "doc.title"))
                     + ")")
    return where, params


def _resolve_uid(db: Database, ref: str) -> str:
    text = (ref or "").strip().lower()
    if not re.fullmatch(r"[0-9a-f]{4,64}", text):
        raise UsageError(f"bad deadline id {ref!r}: expected the hex id shown by `clausekit deadlines`")
    hi = text + "g"  # every hex continuation of the prefix sorts below this
    uids = [r[0] for r in db.execute(
        "SELECT uid FROM provisions WHERE uid >= ? AND uid < ? UNION SELECT uid FROM deadline_state "
        "WHERE uid >= ? AND uid < ? UNION SELECT uid FROM notes WHERE uid >= ? AND uid < ? LIMIT 10",
        [text, hi, text, hi, text, hi]).fetchall()]
    if not uids:
        raise NotFound(f"no deadline with id {ref!r}")
    if len(uids) > 1:
        raise UsageError(f"deadline id {ref!r} is ambiguous: {', '.join(sorted(u[:12] for u in uids))}")
    return uids[0]


def _get_deadline(db: Database, uid: str) -> Deadline:
    row = _one(db, _SELECT + " WHERE d.uid = ?", [uid])
    notes = _notes_for(db, [uid]).get(uid, ())
    if row:
        return _deadline(row, notes)
    orphan = _orphans(db, uid=uid)
    if orphan:
        return orphan[0]
    raise NotFound(f"no deadline with id {uid[:8]!r}")


def get_deadline(db: Database, deadline_id: str) -> Deadline:
    """One deadline by its id or a unique prefix of it (8 hex characters usually suffice); orphans too."""
    return read(db, lambda db: _get_deadline(db, _resolve_uid(db, deadline_id)))


def _orphans(db: Database, *, uid: str | None = None, contract_sha: str | None = None) -> list[Deadline]:
    where = ["NOT EXISTS (SELECT 1 FROM provisions p WHERE p.uid = s.uid)"]
    params: dict = {}
    if uid:
        where.append("s.uid = :uid")
        params["uid"] = uid
    if contract_sha:
        where.append("s.document_sha256 = :sha")
        params["sha"] = contract_sha
    rows = _all(db, f"""
        SELECT s.*, doc.id AS document_id, doc.title AS contract_title
        FROM deadline_state s LEFT JOIN documents doc ON doc.sha256 = s.document_sha256
        WHERE {' AND '.join(where)} ORDER BY s.contract_name, s.section, s.uid""", params)
    notes = _notes_for(db, [r["uid"] for r in rows])
    return [Deadline(id=r["uid"], contract_id=r["document_id"], contract_name=r["contract_name"] or "",
                     contract_title=r["contract_title"], section=r["section"], quote=r["quote"] or "",
                     kind=r["kind"] or "deadline", status=r["status"], owner=r["owner"],
                     notes=tuple(notes.get(r["uid"], ())), snoozed_until=r["snoozed_until"],
                     updated_at=r["updated_at"], orphaned=True, revision=r["revision"],
                     changed_at=r["updated_at"]) for r in rows]


def list_orphans(db: Database, contract: str | int | None = None) -> list[Deadline]:
    """User state (status, owner, notes, snooze) whose provision no longer exists after re-extraction."""
    def q(db):
        sha = _contract_row(db, contract)["sha256"] if contract is not None else None
        return _orphans(db, contract_sha=sha)
    return read(db, q)


# ---------------------------------------------------------------- removing a contract


def remove_contract(db: Database, contract: str | int, *, at: datetime | None = None) -> Removed:
    """Delete a contract and everything about it — its extracted rows and the user's state
    (statuses, owners, notes, recorded events, the sent log of its reminders) — in ONE
    transaction. The audit log keeps its history and a line saying what was removed.
    ``contract`` must be an id, a name, a title or a hash prefix: no partial match."""
    stamp = _stamp(at)

    def tx(db: Database) -> Removed:
        row = _contract_row(db, contract, exact=True)
        did, sha = row["id"], row["sha256"]
        uids = """SELECT uid FROM provisions WHERE document_id = :did
                  UNION SELECT uid FROM deadline_state WHERE document_sha256 = :sha"""
        args = {"did": did, "sha": sha}

        def count(sql: str) -> int:
            return db.execute(sql, args).fetchone()[0]

        removed = Removed(
            id=did, name=row["name"], sha256=sha,
            deadlines=count("SELECT count(*) FROM provisions WHERE document_id = :did"),
            tracked=count("SELECT count(*) FROM deadline_state WHERE document_sha256 = :sha"),
            notes=count(f"SELECT count(*) FROM notes WHERE uid IN ({uids})"),
            events=count("SELECT count(*) FROM recorded_events WHERE document_sha256 = :sha"),
            reminders=count(f"SELECT count(*) FROM reminder_log WHERE uid IN ({uids})"),
        )
        db.execute(f"DELETE FROM notes WHERE uid IN ({uids})", args)
        db.execute(f"DELETE FROM reminder_log WHERE uid IN ({uids})", args)
        db.execute("DELETE FROM deadline_state WHERE document_sha256 = :sha", args)
        db.execute("DELETE FROM recorded_events WHERE document_sha256 = :sha", args)
        db.execute("DELETE FROM documents WHERE id = :did", args)  # extracted rows follow (ON DELETE CASCADE)
        _audit(db, stamp, "remove contract", None, sha, row["name"], None,
               f"{removed.deadlines} deadlines, {removed.tracked} tracked, {removed.notes} notes, "
               f"{removed.events} recorded events, {removed.reminders} reminder log lines")
        return removed

    return write(db, tx)


# ---------------------------------------------------------------- user state


def _audit(db: Database, stamp: str, action: str, uid: str | None, sha: str | None, old, new,
           detail: str | None = None) -> None:
    db.execute("INSERT INTO audit_log (at, action, uid, document_sha256, old, new, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [stamp, action, uid, sha, None if old is None else str(old), None if new is None else str(new), detail])


def _ensure_state(db: Database, uid: str, stamp: str) -> dict:
    row = _one(db, "SELECT * FROM deadline_state WHERE uid = ?", [uid])
    if row:
        return row
    snap = _one(db, """SELECT p.section, p.quote, p.kind, doc.sha256, doc.name FROM provisions p
                       JOIN documents doc ON doc.id = p.document_id WHERE p.uid = ?""", [uid])
    if snap is None:
        raise NotFound(f"no deadline with id {uid[:8]!r}")
    db.execute("""INSERT INTO deadline_state (uid, document_sha256, contract_name, section, quote, kind, status,
                  updated_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)""",
               [uid, snap["sha256"], snap["name"], snap["section"], snap["quote"], snap["kind"], stamp])
    return _one(db, "SELECT * FROM deadline_state WHERE uid = ?", [uid])


def _set(db: Database, deadline_id: str, column: str, value, action: str, at: datetime | None,
         note: str | None = None) -> Deadline:
    assert column in ("status", "owner", "snoozed_until")
    stamp_col = {"status": "status_at", "owner": "owner_at", "snoozed_until": "snoozed_at"}[column]
    stamp = _stamp(at)

    def tx(db: Database) -> Deadline:
        uid = _resolve_uid(db, deadline_id)
        state = _ensure_state(db, uid, stamp)
        old = state[column]
        if old != value:
            db.execute(f"UPDATE deadline_state SET {column} = ?, {stamp_col} = ?, updated_at = ?, "
                       "revision = revision + 1 WHERE uid = ?",
                       [value, stamp, stamp, uid])
            if column == "status":  # keep the cache in step (see migration 0005)
                db.execute("UPDATE deadlines SET status = ? WHERE uid = ?", [value, uid])
            _audit(db, stamp, action, uid, state["document_sha256"], old, value)
        if note:
            _add_note(db, uid, state["document_sha256"], note, stamp)
        return _get_deadline(db, uid)

    return write(db, tx)


def set_status(db: Database, deadline_id: str, status: str, *, note: str | None = None,
               at: datetime | None = None) -> Deadline:
    """Mark a deadline open, done or waived (optionally with a note); audited."""
    if status not in STATUSES:
        raise UsageError(f"unknown status {status!r}: expected open, done or waived")
    return _set(db, deadline_id, "status", status, "status", at, note)


def set_owner(db: Database, deadline_id: str, owner: str | None, *, at: datetime | None = None) -> Deadline:
    """Assign a deadline to someone (``None`` or "" unassigns); audited."""
    owner = (owner or "").strip() or None
    return _set(db, deadline_id, "owner", owner, "owner", at)


def snooze(db: Database, deadline_id: str, until: date | str | None, *, at: datetime | None = None) -> Deadline:
    """Hide an open deadline from lists until ``until`` (``None`` ends the snooze); audited."""
    return _set(db, deadline_id, "snoozed_until", _iso(until, "snooze date"), "snooze", at)


def _add_note(db: Database, uid: str, sha: str, text: str, stamp: str) -> Note:
    nid = db["notes"].insert({"uid": uid, "text": text, "created_at": stamp}).last_pk
    db.execute("UPDATE deadline_state SET updated_at = ?, revision = revision + 1 WHERE uid = ?", [stamp, uid])
    _audit(db, stamp, "note", uid, sha, None, text)
    return Note(deadline_id=uid, text=text, at=stamp, id=nid)


def add_note(db: Database, deadline_id: str, text: str, *, at: datetime | None = None) -> Note:
    """Append a note to a deadline (notes are never edited or deleted); audited."""
    text = (text or "").strip()
    if not text:
        raise UsageError("empty note")
    stamp = _stamp(at)

    def tx(db: Database) -> Note:
        uid = _resolve_uid(db, deadline_id)
        state = _ensure_state(db, uid, stamp)
        return _add_note(db, uid, state["document_sha256"], text, stamp)

    return write(db, tx)


def list_audit(db: Database, *, deadline_id: str | None = None, limit: int | None = None) -> list[AuditEntry]:
    """The audit log, newest first (optionally for one deadline)."""
    def q(db):
        params: list = []
        sql = "SELECT * FROM audit_log"
        if deadline_id:
            sql += " WHERE uid = ?"
            params.append(_resolve_uid(db, deadline_id))
        sql += " ORDER BY id DESC"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [AuditEntry(id=r["id"], at=r["at"], action=r["action"], deadline_id=r["uid"],
                           contract_sha256=r["document_sha256"], old=r["old"], new=r["new"], detail=r["detail"])
                for r in _all(db, sql, params)]
    return read(db, q)


def log_action(db: Database, action: str, detail: str, *, at: datetime | None = None) -> None:
    """Add a free-form entry to the audit log (e.g. "restore")."""
    stamp = _stamp(at)
    write(db, lambda db: _audit(db, stamp, action, None, None, None, None, detail))


# ---------------------------------------------------------------- reminders' sent log

_REMINDER_KEY = "uid = ? AND due = ? AND lead_days = ? AND recipient = ? AND channel = ?"


def _reminder(r: dict) -> ReminderRecord:
    return ReminderRecord(id=r["id"], deadline_id=r["uid"], due=r["due"], lead_days=r["lead_days"],
                          recipient=r["recipient"], channel=r["channel"], status=r["status"],
                          message_id=r["message_id"], created_at=r["created_at"], sent_at=r["sent_at"],
                          error=r["error"])


def begin_reminder(db: Database, deadline_id: str, *, due: date | str, lead_days: int, recipient: str,
                   channel: str = "email", message_id: str | None = None,
                   at: datetime | None = None) -> str | None:
    """Claim a reminder before delivering it; returns the status it had before (None: never tried).

    "sent" means it was delivered already: do not send again. "sending" means a previous run
    claimed it and stopped before confirming (a crash mid-send): the caller decides, e.g. by
    ``message_id``. The claim is committed at once, so it survives the caller being killed.
    """
    due_s = _iso(due, "due date")
    stamp = _stamp(at)

    def tx(db: Database) -> str | None:
        uid = _resolve_uid(db, deadline_id)
        key = [uid, due_s, int(lead_days), recipient, channel]
        row = _one(db, f"SELECT status FROM reminder_log WHERE {_REMINDER_KEY}", key)
        if row is None:
            db.execute("""INSERT INTO reminder_log (uid, due, lead_days, recipient, channel, status, message_id,
                          created_at) VALUES (?, ?, ?, ?, ?, 'sending', ?, ?)""", [*key, message_id, stamp])
            return None
        if row["status"] != "sent":
            db.execute(f"UPDATE reminder_log SET status = 'sending', message_id = coalesce(?, message_id), "
                       f"created_at = ?, error = NULL WHERE {_REMINDER_KEY}", [message_id, stamp, *key])
        return row["status"]

    return write(db, tx)


def finish_reminder(db: Database, deadline_id: str, *, due: date | str, lead_days: int, recipient: str,
                    channel: str = "email", ok: bool = True, error: str | None = None,
                    at: datetime | None = None) -> ReminderRecord:
    """Confirm delivery (``ok``) or record the failure of a reminder claimed with ``begin_reminder``."""
    due_s = _iso(due, "due date")
    stamp = _stamp(at)

    def tx(db: Database) -> ReminderRecord:
        uid = _resolve_uid(db, deadline_id)
        key = [uid, due_s, int(lead_days), recipient, channel]
        cur = db.execute(f"UPDATE reminder_log SET status = ?, sent_at = ?, error = ? WHERE {_REMINDER_KEY}",
                         ["sent" if ok else "failed", stamp if ok else None, None if ok else error, *key])
        if cur.rowcount == 0:
            raise NotFound(f"no reminder was begun for {uid[:8]} due {due_s} ({lead_days} days, {recipient})")
        return _reminder(_one(db, f"SELECT * FROM reminder_log WHERE {_REMINDER_KEY}", key))

    return write(db, tx)


def list_reminders(db: Database, *, deadline_id: str | None = None, status: str | None = None,
                   since: datetime | None = None) -> list[ReminderRecord]:
    """The sent log, oldest first; optionally for one deadline, one status, or claimed since a time."""
    def q(db: Database) -> list[ReminderRecord]:
        where, params = [], []
        if deadline_id:
            where.append("uid = ?")
            params.append(_resolve_uid(db, deadline_id))
        if status:
            where.append("status = ?")
            params.append(status)
        if since:
            where.append("created_at >= ?")
            params.append(_stamp(since))
        sql = "SELECT * FROM reminder_log" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [_reminder(r) for r in _all(db, sql, params)]

    return read(db, q)


# ---------------------------------------------------------------- search


def search(db: Database, query: str, *, contract: str | int | None = None, limit: int = 50) -> list[SearchHit]:
    """Full-text search over section headings and text (words, any order; stemmed), best first."""
    if not (query or "").strip():
        raise UsageError("empty search query")

    def q(db: Database) -> list[SearchHit]:
        params: dict = {"q": db.quote_fts(query), "limit": int(limit)}
        extra = ""
        if contract is not None:
            params["doc"] = _contract_row(db, contract)["id"]
            extra = " AND s.document_id = :doc"
        rows = _all(db, f"""
            SELECT s.document_id, doc.name, s.number, s.heading,
                   snippet(sections_fts, 1, '[', ']', '…', 12) AS snippet, sections_fts.rank AS rank
            FROM sections_fts JOIN sections s ON s.rowid = sections_fts.rowid
            JOIN documents doc ON doc.id = s.document_id
            WHERE sections_fts MATCH :q{extra}
            ORDER BY sections_fts.rank LIMIT :limit""", params)
        return [SearchHit(contract_id=r["document_id"], contract_name=r["name"], section=r["number"],
                          heading=r["heading"], snippet=r["snippet"] or "", rank=r["rank"]) for r in rows]

    return read(db, q)


def integrity_check(db: Database) -> str:
    """``PRAGMA integrity_check`` ("ok" when the file is sound)."""
    return db.execute("PRAGMA integrity_check").fetchone()[0]
