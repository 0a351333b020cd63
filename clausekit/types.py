"""Plain data shared by every stage of clausekit.

Each arrow of the data flow (file → ingest → nlp → extract → deadlines → store → tui /
remind / export) passes these frozen dataclasses. Nothing here imports spaCy, Textual or
SQL. The JSON extraction record of ``shared/spec/extraction.md`` is ``Extraction.to_record()``;
``Extraction.from_record()`` reads it back (``ingest --records``).
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA = "clausekit.extraction/1"

#: units a time provision may count in (spec: ``unit``)
UNITS = ("day", "business_day", "trading_day", "week", "month", "year", "hour")
#: kinds of time provision (spec: ``kind``)
KINDS = ("deadline", "expiry", "notice", "window")
DIRECTIONS = ("after", "before")


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in a Document's normalized text back to offsets in the source.

    ``points`` is a sorted tuple of ``(text_offset, source_offset)`` pairs: text from
    ``text_offset`` onwards came from ``source_offset`` onwards in the original (decoded)
    source, until the next point. Between points offsets advance one for one.
    For binary formats (PDF, DOCX) ``source_offset`` is a position in the extracted
    raw text of the source (``unit`` says which: "char", "page-char", "paragraph").
    """

    points: tuple[tuple[int, int], ...] = ()
    unit: str = "char"

    def to_source(self, offset: int) -> int:
        if not self.points:
            return offset
        keys = [p[0] for p in self.points]
        i = bisect.bisect_right(keys, offset) - 1
        if i < 0:
            return offset
        t, s = self.points[i]
        return s + (offset - t)


@dataclass(frozen=True)
class Document:
    """A file read into normalized plain text; every offset in an Extraction refers to ``text``."""

    path: str
    format: str  # txt | md | html | pdf | docx
    sha256: str  # of the original bytes
    text: str
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    title: str | None = None  # when the format carries one (HTML <title>, DOCX core props)


@dataclass(frozen=True)
class Section:
    number: str  # as printed, no trailing dot: "2.1", "ARTICLE IV", "Section 4.02", "Item 4"
    heading: str | None
    level: int  # 1 = article / top-level, 2 = section
    parent: str | None  # number of the enclosing section
    start: int
    end: int
    type: str | None = None  # e.g. "conditions_precedent", "covenant", "definitions", "governing_law"


@dataclass(frozen=True)
class Party:
    name: str
    aliases: tuple[str, ...] = ()
    jurisdiction: str | None = None
    role: str | None = None  # e.g. "reporting person", "signatory"
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class DefinedTerm:
    term: str
    section: str | None
    start: int
    end: int
    definition: str | None = None


@dataclass(frozen=True)
class GoverningLaw:
    jurisdiction: str | None
    section: str | None = None
    forum: str | None = None
    seat: str | None = None
    institution: str | None = None
    rules: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class CalendarChoice:
    name: str  # e.g. "HK", "US-NY", "HK+CN", "weekends", "XNAS"
    source: str  # why: "Business Day definition", "governing law", "default"
    reason: str | None = None  # the text that decided it


@dataclass(frozen=True)
class TimeProvision:
    """One time provision (spec: ``deadlines[]``). The rule fields are the truth; ``due`` is derived."""

    quote: str
    section: str | None
    kind: str  # KINDS
    count: float | int | None
    unit: str | None  # UNITS
    direction: str | None  # DIRECTIONS or None
    anchor: str | None  # event or date as the text names it, without "the"
    date: str | None  # ISO date stated by the expression itself
    due: str | None  # ISO date, when resolvable
    obligor: str | None
    action: str | None
    explanation: str | None
    start: int
    end: int
    # rule details beyond the scored fields
    cap: str | None = None  # ISO date of a "no later than DATE" cap on a relative period
    choose: str | None = None  # "earlier" / "later" for "the earlier/later of"
    # stated roll convention: "following", "preceding", "modified_following"; a convention taken from
    # the agreement's general roll clause carries its source after a semicolon ("following; the
    # agreement's general roll clause in Section 10.03"), so the explanation can name it
    roll: str | None = None
    recurring: bool = False
    schedules: str | None = None  # the event whose date this provision fixes ("Closing Date")
    pending_on: str | None = None  # event the due date waits for
    calendar: str | None = None  # calendar used for business/trading days
    window_start: str | None = None  # for windows that resolve to a span
    window_end: str | None = None


@dataclass(frozen=True)
class Condition:
    section: str  # "3.1(a)"
    beneficiary: str | None
    quote: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Covenant:
    section: str
    obligor: str | None
    heading: str | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Event:
    """A named event a rule can hang on, with its date from the document or from the user."""

    name: str
    scheduled: str | None = None  # ISO date the document gives (or derives)
    recorded: str | None = None  # ISO date the user recorded; overrides scheduled
    source: str | None = None  # how the scheduled date was found
    start: int | None = None
    end: int | None = None

    @property
    def date(self) -> str | None:
        return self.recorded or self.scheduled


def _clean(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_clean(v) for v in value]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _shallow(x: Any) -> dict:
    """``asdict`` for the flat record types (no dataclass inside them), without its deep copy:
    ``to_record`` runs for every ingested document (the store digests the record)."""
    return {name: getattr(x, name) for name in _field_names(type(x))}


def _build(cls, data: dict) -> Any:
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    for f in fields(cls):
        if f.name in kwargs and isinstance(kwargs[f.name], list):
            kwargs[f.name] = tuple(kwargs[f.name])
    return cls(**kwargs)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document; ``to_record()`` is the spec's JSON record."""

    source: dict  # {"path", "sha256", "format"}
    title: str | None = None
    agreement_date: str | None = None
    governing_law: GoverningLaw | None = None
    calendar: CalendarChoice | None = None
    parties: tuple[Party, ...] = ()
    defined_terms: tuple[DefinedTerm, ...] = ()
    sections: tuple[Section, ...] = ()
    deadlines: tuple[TimeProvision, ...] = ()
    conditions_precedent: tuple[Condition, ...] = ()
    covenants: tuple[Covenant, ...] = ()
    events: tuple[Event, ...] = ()
    schema: str = SCHEMA

    def to_record(self) -> dict:
        rec: dict[str, Any] = {
            "schema": self.schema,
            "source": dict(self.source),
            "title": self.title,
            "agreement_date": self.agreement_date,
            "governing_law": asdict(self.governing_law) if self.governing_law else None,
            "calendar": asdict(self.calendar) if self.calendar else None,
        }
        for name in ("parties", "defined_terms", "sections", "deadlines", "conditions_precedent",
                     "covenants", "events"):
            rec[name] = [_clean(_shallow(x)) for x in getattr(self, name)]
        return rec

    @classmethod
    def from_record(cls, rec: dict) -> Extraction:
        gl = rec.get("governing_law")
        if isinstance(gl, str):
            gl = {"jurisdiction": gl}
        cal = rec.get("calendar")
        return cls(
            schema=rec.get("schema", SCHEMA),
            source=dict(rec.get("source") or {}),
            title=rec.get("title"),
            agreement_date=rec.get("agreement_date"),
            governing_law=_build(GoverningLaw, gl) if gl else None,
            calendar=_build(CalendarChoice, cal) if cal else None,
            parties=tuple(_build(Party, p) for p in rec.get("parties") or []),
            defined_terms=tuple(_build(DefinedTerm, t) for t in rec.get("defined_terms") or []),
            sections=tuple(_build(Section, s) for s in rec.get("sections") or []),
            deadlines=tuple(_build(TimeProvision, d) for d in rec.get("deadlines") or []),
            conditions_precedent=tuple(_build(Condition, c) for c in rec.get("conditions_precedent") or []),
            covenants=tuple(_build(Covenant, c) for c in rec.get("covenants") or []),
            events=tuple(_build(Event, e) for e in rec.get("events") or []),
        )


# --- store-facing types (what clausekit.store returns to the CLI, the TUI, remind and export) ---

#: statuses a user can give a tracked deadline
STATUSES = ("open", "done", "waived")


@dataclass(frozen=True)
class Note:
    deadline_id: str
    text: str
    at: str  # ISO timestamp (UTC) of when it was written
    id: int | None = None


@dataclass(frozen=True)
class Deadline:
    """A tracked time provision as a user sees it: the rule, its derived due date and the user's state.

    ``id`` is the stable identity (sha256 hex of document hash + section + normalized quote +
    occurrence); ``short_id`` is what users type. ``due`` is None while the provision waits for
    an event (``pending_on``) or when it cannot be dated (recurring, windows without an anchor).
    ``orphaned`` is True for user state whose provision disappeared after a re-extraction.
    """

    id: str
    contract_id: int | None
    contract_name: str
    section: str | None
    quote: str
    kind: str
    action: str | None = None
    obligor: str | None = None
    count: float | int | None = None
    unit: str | None = None
    direction: str | None = None
    anchor: str | None = None
    date: str | None = None
    due: str | None = None
    explanation: str | None = None
    pending_on: str | None = None
    calendar: str | None = None
    recurring: bool = False
    status: str = "open"
    owner: str | None = None
    notes: tuple[Note, ...] = ()
    snoozed_until: str | None = None
    updated_at: str | None = None  # last user change (None: never touched)
    start: int | None = None
    end: int | None = None
    contract_title: str | None = None
    orphaned: bool = False
    window_start: str | None = None  # a window's span, when the engine resolved it
    window_end: str | None = None
    #: bumped whenever the derived date/explanation or the user's state changes (ICS SEQUENCE)
    revision: int = 0
    #: last time anything a user sees changed (ISO timestamp; ICS DTSTAMP / LAST-MODIFIED)
    changed_at: str | None = None

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def is_overdue(self, as_of: str) -> bool:
        """Open, dated and due before ``as_of`` (ISO date)."""
        return self.status == "open" and self.due is not None and self.due < as_of

    def to_dict(self) -> dict:
        d = _clean(asdict(self))
        d["short_id"] = self.short_id
        return d


@dataclass(frozen=True)
class Contract:
    """A stored agreement (one ingested document). ``name`` is its file name without extension."""

    id: int
    name: str
    sha256: str
    path: str
    format: str | None
    title: str | None
    agreement_date: str | None
    governing_law: str | None
    calendar: str | None
    calendar_source: str | None
    pipeline: str | None
    ingested_at: str
    updated_at: str
    parties: tuple[Party, ...] = ()
    # filled by store.get_contract(..., detail=True)
    sections: tuple[Section, ...] = ()
    defined_terms: tuple[DefinedTerm, ...] = ()
    events: tuple[Event, ...] = ()
    conditions_precedent: tuple[Condition, ...] = ()
    covenants: tuple[Covenant, ...] = ()
    open_deadlines: int = 0

    def to_dict(self) -> dict:
        return _clean(asdict(self))


@dataclass(frozen=True)
class EventChange:
    """How one deadline moved when an event was recorded (or a re-computation ran)."""

    deadline_id: str
    section: str | None
    quote: str
    old_due: str | None
    new_due: str | None
    old_pending_on: str | None
    new_pending_on: str | None
    explanation: str | None

    @property
    def short_id(self) -> str:
        return self.deadline_id[:8]


@dataclass(frozen=True)
class AuditEntry:
    """One change a user made: status, owner, note, snooze, recorded event, restore."""

    id: int
    at: str
    action: str  # "status" | "owner" | "note" | "snooze" | "event" | ...
    deadline_id: str | None
    contract_sha256: str | None
    old: str | None
    new: str | None
    detail: str | None = None


@dataclass(frozen=True)
class SearchHit:
    contract_id: int
    contract_name: str
    section: str | None
    heading: str | None
    snippet: str
    rank: float


@dataclass(frozen=True)
class Removed:
    """What ``store.remove_contract`` deleted."""
    id: int
    name: str
    sha256: str
    deadlines: int
    tracked: int  # deadlines with a status, owner or snooze of the user's
    notes: int
    events: int  # event dates the user recorded
    reminders: int  # lines of the reminders' sent log


@dataclass(frozen=True)
class IngestResult:
    """What saving one extraction did: ``status`` is "new", "unchanged" or "updated"."""

    contract_id: int
    name: str
    status: str
    deadlines: int
    orphaned: int = 0


@dataclass(frozen=True)
class ReminderRecord:
    """One reminder in the sent log: a deadline, the due date and lead it was for, who got it.

    ``status`` is "sending" (claimed, delivery not yet confirmed: a crash in between leaves it
    so), "sent" or "failed". ``message_id`` lets a re-run recognise a mail it may already have sent.
    """

    id: int
    deadline_id: str
    due: str
    lead_days: int
    recipient: str
    channel: str
    status: str
    message_id: str | None
    created_at: str
    sent_at: str | None = None
    error: str | None = None
