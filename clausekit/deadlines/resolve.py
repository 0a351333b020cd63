"""Resolving rules to dates: one rule from one anchor date (``due_for``), and every provision of
an agreement from its events (``resolve_provisions``), following chains of events.

Choices where the spec is silent (documented in the README):

- A provision with no count: "on X", "on or before X", "no later than X", "by X", "until X",
  "effective as of X", "immediately upon X" are due on X once X has a date; "prior to X",
  "promptly after X" fix no day and keep ``due`` empty.
- ``more than N days after D`` is the first day that is more than N days after D (D + N + 1);
  ``less than N days before D`` is D - (N - 1). "Not more/less than", "at least", "within"
  are D +/- N.
- A range ("not less than 10 nor more than 60 days prior to D") is due on the latest day it
  allows (D - 10), the explanation names the earliest.
- Hours count from the start of the anchor day: "within 36 hours after D" is due on D + 1
  (after: whole days rounded down; before: rounded up), so the date shown is never late.
- Windows: "the 30 trading days ended on D" includes D (or the last session on or before
  it); "the 30 days preceding D" ends the day before D; "the 30 days beginning on D" starts
  on D. A window's ``due`` stays empty; ``window_start``/``window_end`` carry the span.
- Trading days count on the calendar when it is an exchange, else on the main exchange of
  the calendar's jurisdiction (US -> XNYS, HK -> XHKG, ...), else on XNYS; the explanation
  says which.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clausekit.deadlines import explain
from clausekit.deadlines.arithmetic import (
    open_day_on_or_after,
    open_day_on_or_before,
    roll,
    shift_days,
    shift_months,
    shift_open_days,
)
from clausekit.deadlines.calendars import Calendar, get_calendar, trading_calendar_for
from clausekit.deadlines.rules import Rule, is_date_text, parse_date, parse_expression
from clausekit.errors import ClausekitError, ExpressionError
from clausekit.types import Event, TimeProvision


@dataclass(frozen=True)
class Resolution:
    due: dt.date | None
    explanation: str
    calendar: str | None = None  # calendar used for business / trading days or a roll
    window_start: dt.date | None = None
    window_end: dt.date | None = None


# ------------------------------------------------------------------ one rule, one anchor date

def _sign(direction: str | None) -> int:
    return -1 if direction == "before" else 1


def _day_calendar(unit: str, cal: Calendar) -> tuple[Calendar, str | None]:
    if unit == "trading_day":
        return trading_calendar_for(cal)
    return cal, None


def _offset(start: dt.date, count: int, unit: str, sign: int, cal: Calendar) -> tuple[dt.date, str, str | None]:
    """Moves ``count`` units from ``start``; returns (date, 'n units (CAL: skips ...)', calendar used)."""
    label = explain.unit_label(unit, count)
    if unit in ("business_day", "trading_day"):
        dcal, note = _day_calendar(unit, cal)
        shift = shift_open_days(start, sign * count, dcal)
        return shift.date, f"{count} {label} {explain.skips(dcal.name, shift.skipped, note)}", dcal.name
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        extra = f" ({days} days)" if unit == "week" else ""
        return shift_days(start, sign * days), f"{count} {label}{extra}", None
    if unit in ("month", "year"):
        months = count * (12 if unit == "year" else 1)
        d, clipped = shift_months(start, sign * months)
        extra = f" (day {start.day} does not exist in {d:%B %Y}: its last day)" if clipped else ""
        return d, f"{count} {label}{extra}", None
    if unit == "hour":
        days = count // 24 if sign > 0 else -(-count // 24)
        return (shift_days(start, sign * days),
                f"{count} {label} (= {days} whole {'day' if days == 1 else 'days'} from the start of the day)", None)
    raise ExpressionError(f"cannot count in {unit!r}")


def _bounded(rule: Rule, count: int, unit: str) -> tuple[int, int]:
    """(count to move, extra calendar days) after applying 'more than' / 'less than'."""
    if rule.bound == "more_than":
        return (count + 1, 0) if unit in ("day", "business_day", "trading_day", "hour") else (count, 1)
    if rule.bound == "less_than":
        return (count - 1, 0) if unit in ("day", "business_day", "trading_day", "hour") else (count, -1)
    return count, 0


def _relative(rule: Rule, anchor: dt.date, name: str | None, cal: Calendar) -> tuple[dt.date, str, str | None]:
    assert rule.count is not None and rule.unit is not None
    sign = _sign(rule.direction)
    count, extra = _bounded(rule, rule.count, rule.unit)
    d, text, used = _offset(anchor, count, rule.unit, sign, cal)
    op = "-" if sign < 0 else "+"
    for n2, unit2 in rule.extra:
        d, text2, used2 = _offset(d, n2, unit2, sign, cal)
        text, used = f"{text} {op} {text2}", used or used2
    qual = {"more_than": "more than ", "less_than": "less than "}.get(rule.bound, "")
    note = ""
    if rule.unit in ("business_day", "trading_day") and used:
        ucal = get_calendar(used)
        if not ucal.is_business_day(anchor):
            note = f" ({anchor.isoformat()} is itself closed: counting starts from the next day)" if sign > 0 \
                else f" ({anchor.isoformat()} is itself closed)"
    if extra:
        d = shift_days(d, sign * extra)
        text += f", then 1 day {'further' if extra > 0 else 'back'} for '{qual.strip()}'"
    elif qual and rule.unit in ("day", "business_day", "trading_day", "hour"):
        text = f"{count} {text.split(' ', 1)[1]} (for '{qual}{rule.count}')"
    explanation = f"{explain.anchor_text(name, anchor)}{note} {op} {text} = {d.isoformat()}"
    if rule.earliest_count is not None:
        e, _, _ = _offset(anchor, rule.earliest_count, rule.unit, sign, cal)
        lo, hi = sorted((d, e))
        explanation += f" (allowed from {lo.isoformat()} to {hi.isoformat()}; due is the last day)"
    return d, explanation, used


def _window(rule: Rule, anchor: dt.date, name: str | None, cal: Calendar, mode: str) -> Resolution:
    assert rule.count is not None and rule.unit is not None
    n, unit = rule.count, rule.unit
    label = explain.unit_label(unit, n)
    open_units = unit in ("business_day", "trading_day")
    dcal, note = _day_calendar(unit, cal) if open_units else (cal, None)
    calname = f" ({dcal.name}{', ' + note if note else ''})" if open_units else ""
    where = explain.anchor_text(name, anchor)
    if mode == "end_inclusive":
        end = open_day_on_or_before(anchor, dcal) if open_units else anchor
        start = _back_inclusive(end, n, unit, dcal)
        text = f"{n} {label}{calname} ended on {where}"
    elif mode == "start_inclusive":
        start = open_day_on_or_after(anchor, dcal) if open_units else anchor
        end = _forward_inclusive(start, n, unit, dcal)
        text = f"{n} {label}{calname} beginning on {where}"
    elif rule.direction == "before":
        start, _, _ = _offset(anchor, n, unit, -1, cal)
        end = shift_open_days(anchor, -1, dcal).date if open_units else shift_days(anchor, -1)
        text = f"{n} {label}{calname} before {where}"
    else:
        start = shift_open_days(anchor, 1, dcal).date if open_units else shift_days(anchor, 1)
        end, _, _ = _offset(anchor, n, unit, 1, cal)
        text = f"{n} {label}{calname} after {where}"
    return Resolution(None, f"window: {text} = {start.isoformat()} to {end.isoformat()}",
                      dcal.name if open_units else None, start, end)


def _back_inclusive(end: dt.date, n: int, unit: str, cal: Calendar) -> dt.date:
    if unit in ("business_day", "trading_day"):
        return shift_open_days(end, -(n - 1), cal).date
    if unit in ("month", "year"):
        d, _ = shift_months(end, -n * (12 if unit == "year" else 1))
        return shift_days(d, 1)
    return shift_days(end, -(n * (7 if unit == "week" else 1) - 1))


def _forward_inclusive(start: dt.date, n: int, unit: str, cal: Calendar) -> dt.date:
    if unit in ("business_day", "trading_day"):
        return shift_open_days(start, n - 1, cal).date
    if unit in ("month", "year"):
        d, _ = shift_months(start, n * (12 if unit == "year" else 1))
        return shift_days(d, -1)
    return shift_days(start, n * (7 if unit == "week" else 1) - 1)


def due_for(rule: Rule, anchor_date: dt.date | None, calendar: str | Calendar = "weekends", *,
            anchor_name: str | None = None, window: bool = False) -> Resolution:
    """Resolves ``rule`` from ``anchor_date`` (a rule's own written anchor date wins).

    Raises ExpressionError when the rule fixes no day or needs an anchor date it was not given.
    """
    cal = get_calendar(calendar)
    if rule.choose:
        return _choose(rule, anchor_date, cal, anchor_name)
    name = None if rule.anchor_date else (anchor_name if anchor_name is not None else rule.anchor)
    anchor = rule.anchor_date or anchor_date
    if rule.count is None:
        if rule.date is not None:
            res = Resolution(rule.date, f"stated date {rule.date.isoformat()}", None)
            return _roll(rule, res, cal)
        if anchor is None:
            raise ExpressionError("the expression has no period and no date, and no anchor date was given")
        if not rule.inclusive:
            raise ExpressionError(f"{rule.text!r} sets a limit relative to {name or 'the anchor'} but no period: "
                                  "it fixes no day")
        word = "by" if rule.direction == "before" else "on"
        return _roll(rule, Resolution(anchor, f"{word} {explain.anchor_text(name, anchor)}", None), cal)
    steps = []
    if rule.inner is not None:
        if anchor is None:
            raise ExpressionError("no anchor date: give one with --from")
        inner = due_for(rule.inner, anchor, cal, anchor_name=anchor_name)
        assert inner.due is not None
        steps.append(inner.explanation)
        anchor, name = inner.due, None
    if anchor is None:
        raise ExpressionError("no anchor date: give one with --from")
    if window or rule.window:
        return _window(rule, anchor, name, cal, rule.window or "")
    d, text, used = _relative(rule, anchor, name, cal)
    steps.append(text)
    res = _roll(rule, Resolution(d, "; ".join(steps), used), cal)
    return _limits(rule, res)


def _roll(rule: Rule, res: Resolution, cal: Calendar) -> Resolution:
    if not rule.roll or res.due is None:
        return res
    rcal = get_calendar(res.calendar) if res.calendar else cal
    moved, note = roll(res.due, rcal, rule.roll)
    if note is None:
        return replace(res, explanation=f"{res.explanation} ({res.due.isoformat()} is a business day in "
                                        f"{rcal.name}: no roll needed)", calendar=rcal.name)
    return Resolution(moved, f"{res.explanation}; {note}", rcal.name)


def _limits(rule: Rule, res: Resolution) -> Resolution:
    assert res.due is not None
    due, text = res.due, res.explanation
    if rule.cap and rule.cap < due:
        due, text = rule.cap, f"{text}; capped at {rule.cap.isoformat()} (no later than): due the earlier date"
    elif rule.cap:
        text = f"{text}; the cap {rule.cap.isoformat()} (no later than) is later: due the earlier date"
    if rule.floor and rule.floor > due:
        due, text = rule.floor, f"{text}; floor {rule.floor.isoformat()} (no earlier than): due the later date"
    return replace(res, due=due, explanation=text)


def _choose(rule: Rule, anchor_date: dt.date | None, cal: Calendar, name: str | None) -> Resolution:
    results = [due_for(p, anchor_date, cal, anchor_name=name) for p in rule.parts]
    pick = min if rule.choose == "earlier" else max
    best = pick(results, key=lambda r: r.due)  # type: ignore[arg-type,return-value]
    listed = "; ".join(f"({chr(97 + i)}) {r.explanation}" for i, r in enumerate(results))
    used = next((r.calendar for r in results if r.calendar), None)
    res = Resolution(best.due, f"the {rule.choose} of {listed}: {best.due.isoformat()}", used)  # type: ignore
    return _roll(replace(rule, choose=None), res, cal)


# ------------------------------------------------------------------ event names

_STOPWORDS = {"the", "a", "an", "such", "said", "this", "that", "its", "any", "applicable", "relevant", "each"}
_AGREEMENT = re.compile(
    r"^(?:date\s+(?:hereof|of\s+(?:this\s+)?agreement|first\s+(?:written|set\s+forth|stated)\s+above|"
    r"first\s+above\s+(?:written|stated)|of\s+execution(?:\s+of\s+this\s+agreement)?|of\s+signing)|"
    r"hereof|this\s+agreement|agreement(?:\s+date)?|execution(?:\s+date)?|execution\s+of\s+this\s+agreement|"
    r"signing(?:\s+date)?|signing\s+of\s+this\s+agreement|signature\s+date|contract\s+date)$")
_PREFIX = re.compile(
    r"^(?:(?:closing|completion|consummation|occurrence|effective|effectiveness)\s+date\s+of|"
    r"date\s+of\s+(?:the\s+)?(?:closing|completion|consummation|occurrence)\s+of|"
    r"(?:closing|completion|consummation|occurrence|effectiveness)\s+of|date\s+of|date\s+on\s+which|day\s+of)\s+")
AGREEMENT_KEY = "@agreement"
EFFECTIVE_KEY = "effective"


@functools.lru_cache(maxsize=65536)
def event_key(name: str) -> str:
    """A normal form under which an event and the ways the text names it compare equal.

    "the Closing", "Closing Date", "completion of the Closing" -> "closing";
    "closing date of the Class B Share Repurchase" and "closing of the Class B Share
    Repurchase" -> "class b share repurchase"; "date hereof", "date of this Agreement",
    "Execution Date" -> "@agreement".
    """
    s = name.lower().replace("\u2019", "'")
    s = re.sub(r"[\"\u201c\u201d\u2018]|'s\b|'", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(?:(?:the|a|an|such|said)\s+)+", "", s)
    if _AGREEMENT.match(s):
        return AGREEMENT_KEY
    for _ in range(3):
        new = _PREFIX.sub("", s)
        new = re.sub(r"^(?:(?:the|a|an|such|said)\s+)+", "", new)
        if new == s or not new:
            break
        s = new
    if _AGREEMENT.match(s):
        return AGREEMENT_KEY
    tokens = [t for t in s.split() if t not in _STOPWORDS]
    while len(tokens) > 1 and tokens[-1] in ("date", "day", "time", "closing", "completion"):
        tokens.pop()
    return " ".join(tokens)


# ------------------------------------------------------------------ provisions of one agreement

@dataclass
class _Known:
    date: dt.date
    name: str
    steps: tuple[str, ...] = ()  # how it was derived (earlier links of a chain)
    note: str | None = None  # "(recorded)", "(the agreement date; no event defines it)"


@functools.lru_cache(maxsize=65536)
def _quote_rule(quote: str) -> Rule | None:
    try:
        return parse_expression(quote)
    except (ExpressionError, ValueError, KeyError):
        return None


def _iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_INCLUSIVE_Q = re.compile(r"\b(on\s+or\s+(?:before|prior\s+to)|(?:no|not)\s+later\s+than|by|until|till|on|upon|"
                          r"as\s+of|effective|from|at|immediately|concurrently|simultaneously)\b", re.I)
_STRICT_Q = re.compile(r"\b(before|prior\s+to|promptly|as\s+soon\s+as|after|following|thereafter|reasonabl)\b", re.I)


def _inclusive(p: TimeProvision) -> bool:
    """Whether a provision without a count is due on its anchor's date ("on or before X": yes)."""
    lead, strict = _INCLUSIVE_Q.search(p.quote or ""), _STRICT_Q.search(p.quote or "")
    if p.direction is None and not strict:
        return True
    return bool(lead) and (not strict or lead.start() < strict.start())


def _rule_for(p: TimeProvision) -> Rule:
    """The provision's rule: its own fields, plus qualifiers only the quote carries."""
    q = _quote_rule(p.quote) if p.quote else None
    count = p.count
    if isinstance(count, float):
        if not count.is_integer():
            raise ExpressionError(f"fractional count {count} cannot be counted in whole units")
        count = int(count)
    anchor_date = parse_date(p.anchor) if p.anchor and is_date_text(p.anchor) else None
    stated = _iso(p.date)
    cap, floor = _iso(p.cap), None
    date = None
    if count is None:
        date = stated
    elif stated and stated != anchor_date:
        if p.choose == "later":
            floor = stated
        else:
            cap = min(cap, stated) if cap else stated
    same = q is not None and q.count == count
    unit = p.unit
    if unit == "quarter":
        count, unit = (count or 0) * 3, "month"
    return Rule(count=count, unit=unit, direction=p.direction, anchor=p.anchor, anchor_date=anchor_date,
                date=date, cap=cap, floor=floor, roll=p.roll or (q.roll if q else None),
                bound=q.bound if same and q else "exact",
                inclusive=_inclusive(p), window=q.window if same and q else None,
                recurring=p.recurring, earliest_count=q.earliest_count if same and q else None, text=p.quote)


def _lookup(anchor: str, known: dict[str, _Known], agreement: dt.date | None) -> _Known | None:
    key = event_key(anchor)
    if key in known:
        return known[key]
    if key in (AGREEMENT_KEY, EFFECTIVE_KEY) and agreement:
        note = "the agreement date" if key == AGREEMENT_KEY else "the agreement date; no event defines it"
        return _Known(agreement, anchor, (), note)
    return None


def _resolve_one(p: TimeProvision, known: dict[str, _Known], cal_name: str,
                 agreement: dt.date | None) -> TimeProvision:
    cal_used = p.calendar or cal_name
    base = replace(p, due=None, pending_on=None, window_start=None, window_end=None, calendar=cal_used)
    try:
        rule = _rule_for(p)
    except ExpressionError as e:
        return replace(base, explanation=str(e))
    if p.recurring:
        return replace(base, explanation="recurring: no single due date")
    if rule.count is None and rule.date is not None:
        res = due_for(rule, None, cal_used)
        return replace(base, due=res.due.isoformat() if res.due else None, explanation=res.explanation,
                       calendar=res.calendar or cal_used)
    if not p.anchor:
        return replace(base, explanation="no anchor: nothing to count from" if rule.count else None)
    hit = None if rule.anchor_date else _lookup(p.anchor, known, agreement)
    if rule.anchor_date is None and hit is None:
        waits = rule.count is not None or rule.inclusive
        return replace(base, pending_on=p.anchor if waits else None,
                       explanation=f"waits for {p.anchor}" if waits else None)
    anchor = rule.anchor_date or hit.date  # type: ignore[union-attr]
    name = None if rule.anchor_date else hit.name  # type: ignore[union-attr]
    if hit and hit.note:
        name = f"{name} ({hit.note})"
    if rule.count is None and not rule.inclusive:
        return replace(base, explanation=f"{'before' if rule.direction == 'before' else 'after'} "
                                         f"{explain.anchor_text(name, anchor)}: no day fixed")
    try:
        res = due_for(rule, anchor, cal_used, anchor_name=name, window=p.kind == "window")
    except ClausekitError as e:
        return replace(base, explanation=str(e))
    steps = hit.steps if hit else ()
    text = "; ".join((*steps, res.explanation))
    return replace(base, due=res.due.isoformat() if res.due and p.kind != "window" else None,
                   explanation=text, calendar=res.calendar or cal_used,
                   window_start=res.window_start.isoformat() if res.window_start else None,
                   window_end=res.window_end.isoformat() if res.window_end else None)


def resolve_provisions(provisions: Sequence[TimeProvision], events: Sequence[Event], *, calendar: str,
                       agreement_date: str | None = None) -> tuple[list[TimeProvision], list[Event]]:
    """Fills due, explanation, pending_on, calendar (and window_start/end) of every provision.

    Event dates: a user-recorded date overrides a scheduled one; an event with no date gets
    one from the provision whose ``schedules`` names it, so chains resolve (a deadline 60 days
    after a Closing scheduled 7 business days after the Effective Date), each step explained.
    """
    get_calendar(calendar)  # an unknown calendar is an error, not a silent default
    agreement = _iso(agreement_date)
    known: dict[str, _Known] = {}
    for e in events:
        d = _iso(e.date)
        if d:
            known.setdefault(event_key(e.name), _Known(d, e.name, (), "recorded" if e.recorded else None))
    out = list(provisions)
    derived: dict[str, tuple[str, TimeProvision]] = {}
    for _ in range(len(out) + 1):  # each pass can settle one more link of a chain
        changed = False
        for i, p in enumerate(out):
            q = _resolve_one(provisions[i], known, calendar, agreement)
            if q != out[i]:
                out[i], changed = q, True
            if q.schedules and q.due:
                key = event_key(q.schedules)
                if key not in known and key != event_key(q.anchor or ""):
                    known[key] = _Known(dt.date.fromisoformat(q.due), q.schedules, (f"{q.explanation} ({q.schedules})",))
                    derived[key] = (q.due, q)
                    changed = True
        if not changed:
            break
    return out, _events_out(events, derived)


def _events_out(events: Sequence[Event], derived: dict[str, tuple[str, TimeProvision]]) -> list[Event]:
    out, seen = [], set()
    for e in events:
        key = event_key(e.name)
        seen.add(key)
        if key in derived and not e.scheduled:
            due, p = derived[key]
            e = replace(e, scheduled=due, source=f"derived: {p.quote}")
        out.append(e)
    for key, (due, p) in derived.items():
        if key not in seen:
            out.append(Event(name=p.schedules or key, scheduled=due, source=f"derived: {p.quote}",
                             start=p.start, end=p.end))
    return out
