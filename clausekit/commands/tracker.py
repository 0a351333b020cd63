"""The tracker commands: ingest, deadlines, event(s), done/waive/reopen, assign, note, snooze,
contracts, show, search, backup, restore, demo.

Each parses its arguments, calls one store function and renders. Only this layer reads the
clock (``--as-of`` defaults to today); data goes to stdout, talk and errors to stderr.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import click

from clausekit.errors import ClausekitError, Exit, LimitExceeded, UsageError
from clausekit.export.csv import csv_safe  # shared with `clausekit export csv`

JSON_VERSION = 1
KIND_CHOICES = ("deadline", "expiry", "notice", "window")


# ---------------------------------------------------------------- shared bits

def db_option(f: Callable) -> Callable:
    return click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
                        help="database file (default: $CLAUSEKIT_DB, else the user data dir)")(f)


def format_option(*choices: str, default: str = "table") -> Callable:
    def deco(f: Callable) -> Callable:
        return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                            help="output format")(f)
    return deco


def _config(db_path: str | None):
    from clausekit.config import load_config
    return load_config(db_path)


def _open(db_path: str | None):
    from clausekit import store
    return store.open_db(_config(db_path).db)


def _today() -> date:
    return date.today()


def _now() -> datetime:
    return datetime.now(UTC)


def parse_date(value: str | None, what: str) -> date | None:
    """ISO date (or "today"/"tomorrow"/"yesterday"); a clear UsageError otherwise."""
    if value is None:
        return None
    text = value.strip().lower()
    words = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if text in words:
        return _today() + timedelta(days=words[text])
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"bad {what} {value!r}: expected a date as YYYY-MM-DD") from None


def _clip(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _width() -> int:
    return max(80, shutil.get_terminal_size((120, 24)).columns)


def _dump(obj) -> None:
    click.echo(json.dumps(obj, indent=2, ensure_ascii=False))


# ---------------------------------------------------------------- ingest

def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _record_files(dirs: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for d in map(Path, dirs):
        if d.is_file():
            out.append(d)
        else:
            out += sorted(f for f in d.rglob("*.json") if f.is_file() and not f.name.endswith(".gold.json"))
    return out


def _load_record(path: Path):
    """(Extraction, pipeline fingerprint, text or None) from a JSON record file."""
    from clausekit.ingest import read_document
    from clausekit.types import SCHEMA, Extraction

    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise UsageError(f"not a readable JSON record: {e}".splitlines()[0], path=str(path)) from None
    if not isinstance(rec, dict) or rec.get("schema", SCHEMA) != SCHEMA:
        raise UsageError(f"not a clausekit extraction record (expected schema {SCHEMA})", path=str(path))
    try:
        x = Extraction.from_record(rec)
    except (TypeError, ValueError, AttributeError) as e:
        raise UsageError(f"malformed extraction record: {e}".splitlines()[0], path=str(path)) from None
    text = None
    src = Path(str(x.source.get("path") or ""))
    if x.source.get("path") and src.is_file():  # the text makes sections searchable
        try:
            if _sha256_file(src) == x.source.get("sha256"):
                text = read_document(src).text
        except (ClausekitError, OSError):
            text = None
    return x, rec.get("pipeline"), text


class _Tally:
    def __init__(self) -> None:
        self.counts = {"new": 0, "unchanged": 0, "updated": 0, "failed": 0}
        self.deadlines = 0
        self.orphaned = 0

    def fail(self, path, message: str) -> None:
        self.counts["failed"] += 1
        click.echo(f"clausekit: error: {path}: {message}", err=True)

    def add(self, result) -> None:
        self.counts[result.status] += 1
        self.deadlines += result.deadlines
        self.orphaned += result.orphaned

    def summary(self) -> str:
        c = self.counts
        total = sum(c.values())
        line = (f"{total} document{'s' if total != 1 else ''}: {c['new']} new, {c['unchanged']} unchanged, "
                f"{c['updated']} updated, {c['failed']} failed; {self.deadlines} time provisions tracked")
        if self.orphaned:
            line += f"; {self.orphaned} items of your state lost their provision (see `deadlines --orphaned`)"
        return line


@click.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--workers", "-w", type=click.IntRange(1, 64), default=1, show_default=True,
              help="extraction processes")
@click.option("--records", "records", multiple=True, type=click.Path(exists=True),
              help="load extraction records (JSON, from `clausekit extract --out`) from DIR; repeatable")
@click.option("--time-budget", type=float, default=None,
              help="seconds allowed per document (default from config: 120; 0 = no limit, in-process)")
@click.option("--max-file-mb", type=float, default=None, help="refuse larger files (default from config: 25)")
@click.option("--max-memory-mb", type=float, default=None,
              help="memory (address space) one extraction worker may use (default from config: 4096; 0 = no limit)")
@db_option
def ingest_cmd(paths: tuple[str, ...], workers: int, records: tuple[str, ...], time_budget: float | None,
               max_file_mb: float | None, max_memory_mb: float | None, db_path: str | None) -> None:
    """Extract agreements and track their deadlines in the database.

    Files and folders (recursively, by known extension). Unchanged files are skipped; files
    re-extracted by a newer pipeline are updated and keep your status, owners and notes.
    One transaction per document: a failing file is reported and the rest go on (exit 1).

    \b
    Examples:
        clausekit ingest corpus/
        clausekit ingest --workers 2 dataroom/ contracts/nda.docx
        clausekit extract --out records/ corpus/ && clausekit ingest --records records/
    """
    from clausekit import store
    from clausekit.commands.extract import iter_files
    from clausekit.ingest import EXTENSIONS

    if not paths and not records:
        raise UsageError("give files or folders to ingest, or --records DIR")
    config = _config(db_path)
    budget = config.time_budget if time_budget is None else time_budget
    memory = config.max_memory_mb if max_memory_mb is None else max_memory_mb
    max_bytes = (config.max_file_mb if max_file_mb is None else max_file_mb) * 1024 * 1024
    db = store.open_db(config.db, check_same_thread=False)  # written from the ingest writer thread
    # a power cut may lose the last documents committed (never corrupt, WAL); re-running ingest
    # restores them, and the fsync per document it saves is most of a small document's write time
    db.execute("PRAGMA synchronous = NORMAL")
    tally = _Tally()

    from clausekit.fingerprint import pipeline_fingerprint
    fingerprint = pipeline_fingerprint()

    def save(x, pipeline, text) -> None:
        tally.add(store.save_extraction(db, x, text=text, pipeline=pipeline, at=_now(),
                                        default_calendar=config.calendar, derived_current=pipeline == fingerprint))

    for path in _record_files(records):
        try:
            save(*_load_record(path))
        except ClausekitError as e:
            tally.fail(path, e.message)

    todo: list[str] = []
    missing = [p for p in paths if not Path(p).exists()]
    for p in missing:
        tally.fail(p, "no such file or folder")
    files = iter_files(tuple(p for p in paths if p not in missing))
    for f in files:
        try:
            st = f.stat()
            if not stat.S_ISREG(st.st_mode):
                raise UsageError("not a regular file")
            size = st.st_size
            if size > max_bytes:
                raise LimitExceeded(f"file is {size / 1048576:.3g} MB, over the {max_bytes / 1048576:g} MB limit "
                                    "(--max-file-mb, CLAUSEKIT_MAX_FILE_MB)")
            if f.suffix.lower() not in EXTENSIONS:
                raise UsageError(f"unsupported format {f.suffix or '(no extension)'!r}")
            sha = _sha256_file(f)
        except ClausekitError as e:
            tally.fail(f, e.message)
            continue
        except OSError as e:
            tally.fail(f, f"cannot read file: {e.strerror or e}")
            continue
        if store.is_current(db, sha, fingerprint):
            tally.counts["unchanged"] += 1
            tally.deadlines += len(store.list_deadlines(db, as_of=_today(), status="all",
                                                        contract=sha, include_snoozed=True))
            continue
        todo.append(str(f))

    if todo:
        from dataclasses import replace

        from clausekit.ingest import Limits
        limits = replace(Limits.from_env(), max_file_mb=max_bytes / 1048576)
        _extract_and_save(todo, workers, budget, save, tally, fingerprint, limits, memory or None)
    click.echo(tally.summary())
    if tally.counts["failed"]:
        sys.exit(Exit.FAILED)


def _extract_and_save(todo: list[str], workers: int, budget: float, save, tally: _Tally, fingerprint: str,
                      limits=None, max_memory_mb: float | None = None) -> None:
    """Extraction in worker processes; the database writes in one thread beside them, so a
    worker never waits for a commit before it gets its next document."""
    import queue
    import threading

    from clausekit.commands.extract_pool import extract_files

    show_bar = sys.stderr.isatty() and len(todo) > 1
    bar = click.progressbar(length=len(todo), label="extracting", file=sys.stderr) if show_bar else None
    done: queue.Queue = queue.Queue(maxsize=2 * workers + 2)  # bounded: results do not pile up in memory
    crashed: list[BaseException] = []

    def writer() -> None:
        while (item := done.get()) is not None:
            path, outcome = item
            if crashed:
                continue
            try:
                if outcome.error:
                    tally.fail(path, outcome.error)
                else:
                    try:
                        save(outcome.extraction, fingerprint, outcome.text)
                    except ClausekitError as e:
                        tally.fail(path, e.message)
            except BaseException as e:  # a bug: stop the batch and report it from the main thread
                crashed.append(e)
            if bar:
                bar.update(1)

    thread = threading.Thread(target=writer, name="clausekit-ingest-writer", daemon=True)
    thread.start()
    try:
        for path, outcome in extract_files(todo, workers=workers, time_budget=budget or None, limits=limits,
                                           max_memory_mb=max_memory_mb):
            if crashed:
                break
            done.put((path, outcome))
    finally:
        done.put(None)
        thread.join()
        if bar:
            bar.render_finish()
    if crashed:
        raise crashed[0]


# ---------------------------------------------------------------- deadlines

def deadline_json(d, as_of: date) -> dict:
    out = d.to_dict()
    out["overdue"] = d.is_overdue(as_of.isoformat())
    out["days_left"] = (date.fromisoformat(d.due) - as_of).days if d.due else None
    out["notes"] = [{"text": n.text, "at": n.at} for n in d.notes]
    return out


CSV_FIELDS = ("short_id", "id", "contract_name", "section", "kind", "due", "pending_on", "status", "owner",
              "snoozed_until", "obligor", "action", "quote", "explanation", "calendar", "overdue", "days_left")


def _due_cell(d, as_of: date) -> str:
    if d.due:
        return d.due + (" !" if d.is_overdue(as_of.isoformat()) else "")
    if d.pending_on:
        return _clip(f"on {d.pending_on}", 48)  # the event it waits for, bounded
    if d.window_start and d.window_end:
        return f"{d.window_start}..{d.window_end[5:]}"  # a measured period: its span
    return "recurring" if d.recurring else "-"


def render_deadlines(items, as_of: date) -> str:
    if not items:
        return "No deadlines."
    width = _width()
    rows = [("ID", "DUE", "STATUS", "CONTRACT", "SECTION", "KIND", "OWNER", "WHAT")]
    for d in items:
        rows.append((d.short_id, _due_cell(d, as_of), d.status + (" (orphaned)" if d.orphaned else ""),
                     _clip(d.contract_name, 24), _clip(d.section or "-", 8), d.kind, _clip(d.owner or "", 12),
                     d.action or d.quote))
    widths = [max(len(r[i]) for r in rows) for i in range(7)]
    fixed = sum(widths) + 2 * 7
    lines = ["  ".join(c.ljust(w) for c, w in zip(r[:7], widths)) + "  " + _clip(r[7], max(20, width - fixed))
             for r in rows]
    overdue = sum(1 for d in items if d.is_overdue(as_of.isoformat()))
    if overdue:
        lines.append(f"\n{overdue} overdue (marked !) as of {as_of.isoformat()}")
    return "\n".join(line.rstrip() for line in lines)


@click.command("deadlines")
@click.option("--as-of", "as_of", default=None, help="the day to measure from (default: today)")
@click.option("--within", type=int, default=None, help="only those due within DAYS after --as-of (and overdue ones)")
@click.option("--overdue", is_flag=True, help="only those due before --as-of")
@click.option("--status", type=click.Choice(["open", "done", "waived", "all"]), default="open", show_default=True)
@click.option("--contract", default=None, help="contract id or name")
@click.option("--kind", multiple=True, type=click.Choice(KIND_CHOICES), help="provision kind (repeatable)")
@click.option("--text", default=None, help="only those whose quote, action, owner or contract contains TEXT")
@click.option("--owner", default=None, help="only those assigned to OWNER")
@click.option("--include-snoozed", is_flag=True, help="also list snoozed deadlines")
@click.option("--orphaned", is_flag=True, help="list your state whose provision disappeared after re-extraction")
@format_option("table", "json", "csv")
@db_option
def deadlines_cmd(as_of: str | None, within: int | None, overdue: bool, status: str, contract: str | None,
                  kind: tuple[str, ...], text: str | None, owner: str | None, include_snoozed: bool,
                  orphaned: bool, fmt: str,
                  db_path: str | None) -> None:
    """List tracked deadlines by due date; pending ones (waiting for an event) come after.

    \b
    Examples:
        clausekit deadlines --within 30
        clausekit deadlines --as-of 2021-03-24 --contract vnet-13da-sra --format json
        clausekit deadlines --overdue --format csv > overdue.csv
    """
    from clausekit import store

    day = parse_date(as_of, "--as-of date") or _today()
    if within is not None and within < 0:
        raise UsageError("--within must be zero or more days")
    db = _open(db_path)
    if orphaned:
        items = store.list_orphans(db, contract)
    else:
        items = store.list_deadlines(db, as_of=day, within=within, overdue=overdue, status=status,
                                     contract=contract, kind=list(kind) or None, text=text,
                                     include_snoozed=include_snoozed, owner=owner)
    if fmt == "json":
        _dump({"version": JSON_VERSION, "as_of": day.isoformat(),
               "deadlines": [deadline_json(d, day) for d in items]})
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_FIELDS)
        for d in items:
            row = deadline_json(d, day)
            w.writerow([csv_safe(row.get(k)) for k in CSV_FIELDS])
        click.echo(buf.getvalue(), nl=False)
    else:
        click.echo(render_deadlines(items, day))


# ---------------------------------------------------------------- events

def _change_line(c) -> str:
    old = c.old_due or (f"pending on {c.old_pending_on}" if c.old_pending_on else "undated")
    new = c.new_due or (f"pending on {c.new_pending_on}" if c.new_pending_on else "undated")
    line = f"  {c.short_id}  {c.section or '-':<8} {old} -> {new}  {_clip(c.quote, 60)}"
    return line + (f"\n            {c.explanation}" if c.explanation else "")


@click.command("event")
@click.argument("contract")
@click.argument("name")
@click.argument("when", metavar="DATE", required=False)
@click.option("--clear", is_flag=True, help="forget the recorded date of the event")
@format_option("table", "json")
@db_option
def event_cmd(contract: str, name: str, when: str | None, clear: bool, fmt: str, db_path: str | None) -> None:
    """Record the date an event actually happened; every deadline hanging on it is recomputed.

    \b
    Examples:
        clausekit event vnet-13da-sra "Closing Date" 2021-04-13
        clausekit event vnet-13da-sra "Closing Date" --clear
    """
    from clausekit import store

    if clear == (when is not None):
        raise UsageError("give the DATE the event happened, or --clear (not both)")
    day = None if clear else parse_date(when, "event date")
    db = _open(db_path)
    changes = store.record_event(db, contract, name, day, at=_now())
    if fmt == "json":
        _dump({"version": JSON_VERSION, "contract": contract, "event": name,
               "date": day.isoformat() if day else None,
               "changes": [{"id": c.deadline_id, "short_id": c.short_id, "section": c.section, "quote": c.quote,
                            "old_due": c.old_due, "new_due": c.new_due, "old_pending_on": c.old_pending_on,
                            "new_pending_on": c.new_pending_on, "explanation": c.explanation} for c in changes]})
        return
    click.echo(f"{name}: {'cleared' if clear else day.isoformat()}")
    if changes:
        click.echo(f"{len(changes)} deadline{'s' if len(changes) != 1 else ''} moved:")
        for c in changes:
            click.echo(_change_line(c))
    else:
        click.echo("No deadline moved.")


@click.command("events")
@click.argument("contract")
@format_option("table", "json")
@db_option
def events_cmd(contract: str, fmt: str, db_path: str | None) -> None:
    """List a contract's events with their scheduled and recorded dates.

    \b
    Example:
        clausekit events vnet-13da-sra
    """
    from clausekit import store

    events = store.list_events(_open(db_path), contract)
    if fmt == "json":
        _dump({"version": JSON_VERSION, "contract": contract,
               "events": [{"name": e.name, "scheduled": e.scheduled, "recorded": e.recorded, "date": e.date,
                           "source": e.source} for e in events]})
        return
    if not events:
        click.echo("No events.")
        return
    w = max(len(e.name) for e in events)
    click.echo(f"{'EVENT'.ljust(w)}  SCHEDULED   RECORDED    SOURCE")
    for e in events:
        click.echo(f"{e.name.ljust(w)}  {(e.scheduled or '-'):<10}  {(e.recorded or '-'):<10}  {e.source or ''}".rstrip())


# ---------------------------------------------------------------- user state

def _echo_deadline(d, verb: str) -> None:
    click.echo(f"{d.short_id} {verb}: [{d.contract_name} {d.section or '-'}] {_clip(d.action or d.quote, 70)}")


def _status_command(name: str, status: str, verb: str, help_text: str):
    @click.command(name, help=help_text)
    @click.argument("deadline_id")
    @click.option("--note", default=None, help="add a note with the change")
    @db_option
    def cmd(deadline_id: str, note: str | None, db_path: str | None) -> None:
        from clausekit import store

        _echo_deadline(store.set_status(_open(db_path), deadline_id, status, note=note, at=_now()), verb)
    return cmd


done_cmd = _status_command("done", "done", "done", """Mark a deadline done.

    \b
    Example:
        clausekit done 3f2a1b2c --note "signed and filed"
    """)
waive_cmd = _status_command("waive", "waived", "waived", """Mark a deadline waived (no longer applies).

    \b
    Example:
        clausekit waive 3f2a1b2c --note "waived in writing by the Company"
    """)
reopen_cmd = _status_command("reopen", "open", "reopened", """Reopen a deadline marked done or waived.

    \b
    Example:
        clausekit reopen 3f2a1b2c
    """)


@click.command("assign")
@click.argument("deadline_id")
@click.argument("owner")
@db_option
def assign_cmd(deadline_id: str, owner: str, db_path: str | None) -> None:
    """Assign a deadline to OWNER ("" unassigns).

    \b
    Example:
        clausekit assign 3f2a1b2c "j.doe@example.com"
    """
    from clausekit import store

    d = store.set_owner(_open(db_path), deadline_id, owner, at=_now())
    _echo_deadline(d, f"assigned to {d.owner}" if d.owner else "unassigned")


@click.command("note")
@click.argument("deadline_id")
@click.argument("text")
@db_option
def note_cmd(deadline_id: str, text: str, db_path: str | None) -> None:
    """Add a note to a deadline (notes are kept with their time, never edited).

    \b
    Example:
        clausekit note 3f2a1b2c "counterparty asked for a one-week extension"
    """
    from clausekit import store

    n = store.add_note(_open(db_path), deadline_id, text, at=_now())
    click.echo(f"{n.deadline_id[:8]} note added at {n.at}")


@click.command("snooze")
@click.argument("deadline_id")
@click.argument("until", metavar="DATE", required=False)
@click.option("--clear", is_flag=True, help="end the snooze")
@db_option
def snooze_cmd(deadline_id: str, until: str | None, clear: bool, db_path: str | None) -> None:
    """Hide an open deadline from lists and reminders until DATE.

    \b
    Examples:
        clausekit snooze 3f2a1b2c 2021-05-01
        clausekit snooze 3f2a1b2c --clear
    """
    from clausekit import store

    if clear == (until is not None):
        raise UsageError("give the DATE to snooze until, or --clear (not both)")
    day = None if clear else parse_date(until, "snooze date")
    d = store.snooze(_open(db_path), deadline_id, day, at=_now())
    _echo_deadline(d, f"snoozed until {d.snoozed_until}" if d.snoozed_until else "no longer snoozed")


# ---------------------------------------------------------------- contracts, show, search

@click.command("contracts")
@format_option("table", "json")
@db_option
def contracts_cmd(fmt: str, db_path: str | None) -> None:
    """List the stored contracts.

    \b
    Example:
        clausekit contracts
    """
    from clausekit import store

    items = store.list_contracts(_open(db_path))
    if fmt == "json":
        _dump({"version": JSON_VERSION, "contracts": [c.to_dict() for c in items]})
        return
    if not items:
        click.echo("No contracts. Add some with `clausekit ingest PATH`.")
        return
    rows = [("ID", "NAME", "DATED", "OPEN", "TITLE / PARTIES")]
    for c in items:
        parties = "; ".join(p.name for p in c.parties)
        rows.append((str(c.id), c.name, c.agreement_date or "-", str(c.open_deadlines),
                     " — ".join(x for x in (c.title, parties) if x)))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        head = "  ".join(c.ljust(w) for c, w in zip(r[:4], widths))
        click.echo((head + "  " + _clip(r[4], max(20, _width() - len(head) - 2))).rstrip())


def _render_contract(c, deadlines, orphans, as_of: date) -> str:
    lines = [f"{c.title or c.name}  (id {c.id}, {c.name})", f"file: {c.path}  sha256 {c.sha256[:12]}"]
    if c.agreement_date:
        lines.append(f"dated: {c.agreement_date}")
    if c.governing_law:
        lines.append(f"governing law: {c.governing_law}")
    if c.calendar:
        lines.append(f"calendar: {c.calendar}" + (f" ({c.calendar_source})" if c.calendar_source else ""))
    if c.parties:
        lines.append("\nparties:")
        for p in c.parties:
            alias = " (" + ", ".join(f'"{a}"' for a in p.aliases) + ")" if p.aliases else ""
            juris = f", {p.jurisdiction}" if p.jurisdiction else ""
            lines.append(f"  {p.name}{alias}{juris}")
    if c.events:
        lines.append("\nevents:")
        for e in c.events:
            when = (f"{e.recorded} (recorded)" if e.recorded else e.scheduled) or "no date yet"
            lines.append(f"  {e.name}: {when}")
    lines.append(f"\ndeadlines ({len(deadlines)}):")
    lines += ["  " + line for line in render_deadlines(deadlines, as_of).splitlines()]
    if orphaned := orphans:
        lines.append(f"\nstate kept from provisions no longer extracted ({len(orphaned)}):")
        for d in orphaned:
            lines.append(f"  {d.short_id}  {d.status}  [{d.section or '-'}] {_clip(d.quote, 60)}"
                         + (f"  ({len(d.notes)} notes)" if d.notes else ""))
    if c.conditions_precedent:
        lines.append("\nconditions precedent:")
        for cp in c.conditions_precedent:
            lines.append(f"  {cp.section}" + (f"  for {cp.beneficiary}" if cp.beneficiary else "")
                         + (f"  {_clip(cp.quote, 70)}" if cp.quote else ""))
    if c.covenants:
        lines.append("\ncovenants:")
        for cv in c.covenants:
            lines.append(f"  {cv.section}  {cv.heading or ''}" + (f"  ({cv.obligor})" if cv.obligor else ""))
    return "\n".join(lines)


def _render_deadline_detail(d, audit, as_of: date) -> str:
    lines = [f"{d.id}", f"contract: {d.contract_name}  section {d.section or '-'}  kind {d.kind}",
             f"quote: {d.quote}"]
    for label, value in (("action", d.action), ("obligor", d.obligor), ("due", _due_cell(d, as_of)),
                         ("explanation", d.explanation), ("status", d.status), ("owner", d.owner),
                         ("snoozed until", d.snoozed_until)):
        if value:
            lines.append(f"{label}: {value}")
    if d.orphaned:
        lines.append("orphaned: the provision is no longer extracted from the document; your state is kept")
    for n in d.notes:
        lines.append(f"note {n.at}: {n.text}")
    if audit:
        lines.append("history:")
        for a in reversed(audit):
            lines.append(f"  {a.at}  {a.action}: {a.old or '-'} -> {a.new or '-'}")
    return "\n".join(lines)


@click.command("show")
@click.argument("ref", metavar="CONTRACT")
@click.option("--as-of", "as_of", default=None, help="the day overdue is measured from (default: today)")
@format_option("table", "json")
@db_option
def show_cmd(ref: str, as_of: str | None, fmt: str, db_path: str | None) -> None:
    """Show a contract: parties, dates, events, deadlines, conditions, covenants.

    A deadline id shows that deadline with its notes and history.

    \b
    Examples:
        clausekit show vnet-13da-sra
        clausekit show 3f2a1b2c
    """
    from clausekit import store
    from clausekit.errors import NotFound

    day = parse_date(as_of, "--as-of date") or _today()
    db = _open(db_path)
    try:
        c = store.get_contract(db, ref)
    except NotFound:
        try:
            d = store.get_deadline(db, ref)
        except UsageError:
            raise NotFound(f"no contract or deadline matches {ref!r} (see `clausekit contracts`)") from None
        audit = store.list_audit(db, deadline_id=d.id)
        if fmt == "json":
            _dump({"version": JSON_VERSION, "deadline": deadline_json(d, day),
                   "history": [{"at": a.at, "action": a.action, "old": a.old, "new": a.new} for a in audit]})
        else:
            click.echo(_render_deadline_detail(d, audit, day))
        return
    deadlines = store.list_deadlines(db, as_of=day, contract=c.id, status="all", include_snoozed=True)
    orphans = store.list_orphans(db, c.id)
    if fmt == "json":
        _dump({"version": JSON_VERSION, "contract": c.to_dict(),
               "deadlines": [deadline_json(d, day) for d in deadlines],
               "orphaned": [deadline_json(d, day) for d in orphans]})
    else:
        click.echo(_render_contract(c, deadlines, orphans, day))


@click.command("search")
@click.argument("query")
@click.option("--contract", default=None, help="only in this contract (id or name)")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@format_option("table", "json")
@db_option
def search_cmd(query: str, contract: str | None, limit: int, fmt: str, db_path: str | None) -> None:
    """Full-text search over section headings and text, with the contract and section of each hit.

    \b
    Examples:
        clausekit search "business day"
        clausekit search arbitration --contract vnet-13da-sra
    """
    from clausekit import store

    hits = store.search(_open(db_path), query, contract=contract, limit=limit)
    if fmt == "json":
        _dump({"version": JSON_VERSION, "query": query,
               "hits": [{"contract_id": h.contract_id, "contract": h.contract_name, "section": h.section,
                         "heading": h.heading, "snippet": h.snippet} for h in hits]})
        return
    if not hits:
        click.echo("No matches.")
        return
    for h in hits:
        click.echo(f"{h.contract_name}  {h.section or '-'}  {h.heading or ''}".rstrip())
        click.echo(f"    {_clip(h.snippet, _width() - 4)}")


# ---------------------------------------------------------------- backup, restore, demo

def _backup_file(db_file: Path, suffix: str = "") -> Path:
    """``backups/clausekit-<UTC time><suffix>.db`` next to the database."""
    return db_file.parent / "backups" / f"clausekit-{_now():%Y%m%dT%H%M%SZ}{suffix}.db"


@click.command("backup")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="backup file (default: backups/clausekit-<time>.db next to the database)")
@db_option
def backup_cmd(out: str | None, db_path: str | None) -> None:
    """Copy the database to a backup file (SQLite online backup; safe while others use it).

    \b
    Examples:
        clausekit backup
        clausekit backup --out ~/safe/clausekit-2021-04-13.db
    """
    from clausekit import store

    config = _config(db_path)
    db = store.open_db(config.db)
    target = Path(out) if out else _backup_file(config.db)
    click.echo(str(store.backup(db, target)))


@click.command("restore")
@click.argument("source", metavar="FILE", type=click.Path(dir_okay=False))
@db_option
def restore_cmd(source: str, db_path: str | None) -> None:
    """Replace the database with a backup; the current content is backed up first.

    \b
    Example:
        clausekit restore ~/.local/share/clausekit/backups/clausekit-20210413T090000Z.db
    """
    from clausekit import store

    config = _config(db_path)
    store.check_database_file(Path(source))
    db = store.open_db(config.db)
    saved = store.backup(db, _backup_file(config.db, "-before-restore"))
    store.restore(db, source)
    db.close()
    db = store.open_db(config.db)  # the backup may be of an older schema: migrate it
    store.log_action(db, "restore", f"restored from {source}; previous content saved to {saved}", at=_now())
    click.echo(f"restored from {source}; the previous content is in {saved}")


@click.command("remove")
@click.argument("contract")
@click.option("--yes", "-y", is_flag=True, help="do not ask for confirmation")
@db_option
def remove_cmd(contract: str, yes: bool, db_path: str | None) -> None:
    """Remove a contract, its deadlines and your state of them (statuses, owners, notes,
    recorded events, reminders sent); the database is backed up first.

    CONTRACT is an id, a name, a title or a hash prefix, exactly (see `contracts`): no partial
    match for a removal. Re-ingesting the file later adds it again, with none of the removed state.

    \b
    Examples:
        clausekit remove 3
        clausekit remove "Share Repurchase" --yes
    """
    from clausekit import store

    config = _config(db_path)
    db = store.open_db(config.db)
    c = store.get_contract(db, contract, detail=False, exact=True)
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"removing contract {c.id} ({c.name}) needs --yes when not asked at a terminal")
        click.confirm(f"Remove contract {c.id} ({c.name}) and your statuses, owners and notes of it?",
                      abort=True)
    saved = store.backup(db, _backup_file(config.db, "-before-remove"))
    r = store.remove_contract(db, c.id, at=_now())
    click.echo(f"removed contract {r.id} ({r.name}): {r.deadlines} deadlines, {r.tracked} with your status "
               f"or owner, {r.notes} notes, {r.events} recorded events; the previous content is in {saved}")


def _demo_corpus() -> Path:
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "corpus", here / "_corpus"):
        if candidate.is_dir():
            return candidate
    raise UsageError("the bundled corpus/ folder is not installed")


@click.command("demo")
@click.option("--as-of", "as_of", default=None, help="the day to show deadlines as of (default: today)")
@click.option("--workers", "-w", type=click.IntRange(1, 64), default=1, show_default=True)
@db_option
def demo_cmd(as_of: str | None, workers: int, db_path: str | None) -> None:
    """Ingest the bundled sample agreements into a fresh database and open the tracker.

    Without a terminal (or without the TUI) it prints the deadline list instead.

    \b
    Examples:
        clausekit demo
        clausekit demo --as-of 2021-03-24
    """
    from clausekit import store

    day = parse_date(as_of, "--as-of date") or _today()
    target = Path(db_path) if db_path else Path(tempfile.mkdtemp(prefix="clausekit-demo-")) / "demo.db"
    click.echo(f"demo database: {target}", err=True)
    ctx = click.get_current_context()
    try:
        agreements = tuple(str(f) for f in sorted(_demo_corpus().iterdir())
                           if f.is_file() and f.stem.lower() != "readme")
        ctx.invoke(ingest_cmd, paths=agreements, workers=workers, records=(), time_budget=None,
                   max_file_mb=None, max_memory_mb=None, db_path=str(target))
    except SystemExit as e:
        if e.code not in (0, None):
            raise
    if sys.stdout.isatty() and sys.stdin.isatty():
        try:
            from clausekit.tui import run_tui
        except ImportError:  # installed without the TUI: the list below does the job
            run_tui = None
        if run_tui is not None:
            click.echo(f"Continue later with: clausekit tui --db {target}", err=True)
            run_tui(target, as_of=day)
            return
    db = store.open_db(target)
    click.echo(render_deadlines(store.list_deadlines(db, as_of=day), day))
    click.echo(f"\nContinue with: clausekit deadlines --db {target}", err=True)
