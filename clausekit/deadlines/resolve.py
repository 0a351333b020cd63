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
  allows (D - 10), the explanation names the earliest. The same when its ends have different
  units ("between thirty (30) days and six (6) months after D": due D + 6 months, allowed from
  D + 30 days); both ends are counted and the later date is the due date.
- Hours count from the start of the anchor day: "within 36 hours after D" is due on D + 1
  (after: whole days rounded down; before: rounded up), so the date shown is never late.
- Windows: "the 30 trading days ended on D" includes D (or the last session on or before
  it); "the 30 days preceding D" ends the day before D; "the 30 days beginning on D" starts
  on D. A window's ``due`` stays empty; ``window_start``/``window_end`` carry the span.
- A compound period ("1 year and 1 month", "one year, two months and ten days", "six months
  and one day") adds its years and months as one month count from the anchor, clipped once at
  the end (2020-02-29 + 1 year and 1 month = + 13 months = 2021-03-29), then its other terms
  (days, weeks, business days, hours) in the order written: months first, then days, also
  when the days are written first. Before/prior to: the same steps backwards (D - 13 months,
  then - the days).
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
from clausekit.deadlines.rules import (
    WINDOW_ENDING_WORDS,
    WINDOW_THROUGH_WORDS,
    Rule,
    is_date_text,
    parse_date,
    parse_expression,
)
from clausekit.errors import ClausekitError, ExpressionError
from clausekit.eventnames import AGREEMENT_KEY, EFFECTIVE_KEY, event_key
from clausekit.types import Event, TimeProvision


@dataclass(frozen=True)
class _RuleInput:
    quote: str
    count: float | int | None
    unit: str | None
    direction: str | None
    anchor: str | None
    date: str | None
    cap: str | None
    choose: str | None
    roll: str | None
    recurring: bool


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


#: longest period counted (in days); beyond it an expression is refused rather than looped over
MAX_DAYS = 366 * 200


def _offset(
    start: dt.date, count: int, unit: str, sign: int, cal: Calendar
) -> tuple[dt.date, str, str | None]:
    """Moves ``count`` units from ``start``; returns (date, 'n units (CAL: skips ...)', calendar used)."""
    days = count * {"week": 7, "month": 31, "year": 366, "hour": 1 / 24}.get(unit, 1)
    if days > MAX_DAYS:
        raise ExpressionError(
            f"{count} {explain.unit_label(unit, count)} is longer than clausekit counts (about 200 years)"
        )
    try:
        return _offset_unchecked(start, count, unit, sign, cal)
    except (OverflowError, ValueError):
        raise ExpressionError(
            f"{count} {explain.unit_label(unit, count)} from {start} falls outside the calendar"
        ) from None


def _offset_unchecked(
    start: dt.date, count: int, unit: str, sign: int, cal: Calendar
) -> tuple[dt.date, str, str | None]:
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
        extra = f" ({_clip_note(start, d)})" if clipped else ""
        return d, f"{count} {label}{extra}", None
    if unit == "hour":
        days = count // 24 if sign > 0 else -(-count // 24)
        return (
            shift_days(start, sign * days),
            f"{count} {label} (= {days} whole {'day' if days == 1 else 'days'} from the start of the day)",
            None,
        )
    raise ExpressionError(f"cannot count in {unit!r}")


def _clip_note(start: dt.date, d: dt.date) -> str:
    return f"day {start.day} does not exist in {d:%B %Y}: its last day"


def _month_step(
    start: dt.date, terms: list[tuple[int, str]], sign: int, cal: Calendar
) -> tuple[dt.date, str]:
    """The year and month terms of one period as one month count from ``start`` (clipped once).

    "1 year and 1 month" from 2020-02-29 is 2020-02-29 + 13 months = 2021-03-29, not
    2020-02-29 + 1 year (2021-02-28) + 1 month (2021-03-28).
    """
    months = sum(n * (12 if u == "year" else 1) for n, u in terms)
    if len(terms) == 1:
        d, text, _ = _offset(start, terms[0][0], terms[0][1], sign, cal)
        return d, text
    d, text, _ = _offset(start, months, "month", sign, cal)
    clipped = shift_months(start, sign * months)[1]
    written = " and ".join(f"{n} {explain.unit_label(u, n)}" for n, u in terms)
    note = f"; {_clip_note(start, d)}" if clipped else ""
    return d, f"{written} ({months} {explain.unit_label('month', months)}{note})"


def _steps(
    start: dt.date, terms: list[tuple[int, str]], sign: int, cal: Calendar
) -> tuple[dt.date, list[str], str | None]:
    """Applies the terms of a (compound) period: years and months first, as one step, then the
    others (days, weeks, business days, hours) in the order written."""
    months = [t for t in terms if t[1] in ("month", "year")]
    d, texts, used = start, [], None
    if months:
        d, text = _month_step(start, months, sign, cal)
        texts.append(text)
    for n, unit in (t for t in terms if t[1] not in ("month", "year")):
        d, text, used2 = _offset(d, n, unit, sign, cal)
        texts.append(text)
        used = used or used2
    return d, texts, used


def _bounded(rule: Rule, count: int, unit: str) -> tuple[int, int]:
    """(count to move, extra calendar days) after applying 'more than' / 'less than'."""
    if rule.bound == "more_than":
        return (count + 1, 0) if unit in ("day", "business_day", "trading_day", "hour") else (count, 1)
    if rule.bound == "less_than":
        return (count - 1, 0) if unit in ("day", "business_day", "trading_day", "hour") else (count, -1)
    return count, 0


def _relative(
    rule: Rule, anchor: dt.date, name: str | None, cal: Calendar
) -> tuple[dt.date, str, str | None]:
    assert rule.count is not None and rule.unit is not None
    sign = _sign(rule.direction)
    count, extra = _bounded(rule, rule.count, rule.unit)
    d, texts, used = _steps(anchor, [(count, rule.unit), *rule.extra], sign, cal)
    op = "-" if sign < 0 else "+"
    text = f" {op} ".join(texts)
    qual = {"more_than": "more than ", "less_than": "less than "}.get(rule.bound, "")
    note = ""
    from_anchor = not any(u in ("month", "year") for _, u in rule.extra)  # the open days count from it
    if rule.unit in ("business_day", "trading_day") and used and from_anchor:
        ucal = _day_calendar(rule.unit, cal)[0]
        if not ucal.is_business_day(anchor):
            note = (
                f" ({anchor.isoformat()} is itself closed: counting starts from the next day)"
                if sign > 0
                else f" ({anchor.isoformat()} is itself closed)"
            )
    if extra:
        d = shift_days(d, sign * extra)
        text += f", then 1 day {'further' if extra > 0 else 'back'} for '{qual.strip()}'"
    elif qual and rule.unit in ("day", "business_day", "trading_day", "hour"):
        text = f"{count} {text.split(' ', 1)[1]} (for '{qual}{rule.count}')"
    explanation = f"{explain.anchor_text(name, anchor)}{note} {op} {text} = {d.isoformat()}"
    if rule.earliest_count is not None:
        other_unit = rule.earliest_unit or rule.unit
        e, _, _ = _offset(anchor, rule.earliest_count, other_unit, sign, cal)
        if e > d and rule.earliest_unit:
            # ends in different units ordered by their rough length the wrong way round for
            # these dates ("between 30 days and 1 month" from a day in February): the later wins
            swapped = replace(
                rule,
                count=rule.earliest_count,
                unit=rule.earliest_unit,
                earliest_count=rule.count,
                earliest_unit=rule.unit,
                bound="exact",
            )
            return _relative(swapped, anchor, name, cal)
        lo, hi = sorted((d, e))
        if rule.earliest_unit:
            label = explain.unit_label(other_unit, rule.earliest_count)
            explanation += (
                f" (a range: {rule.earliest_count} {label} gives {e.isoformat()}; allowed from "
                f"{lo.isoformat()} to {hi.isoformat()}; due is the last allowed day)"
            )
        else:
            explanation += f" (allowed from {lo.isoformat()} to {hi.isoformat()}; due is the last day)"
    return d, explanation, used


def _window(rule: Rule, anchor: dt.date, name: str | None, cal: Calendar, mode: str) -> Resolution:
    assert rule.count is not None and rule.unit is not None
    if rule.extra:
        return _compound_window(rule, anchor, name, cal, mode)
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
    return Resolution(
        None,
        f"window: {text} = {start.isoformat()} to {end.isoformat()}",
        dcal.name if open_units else None,
        start,
        end,
    )


def _compound_window(rule: Rule, anchor: dt.date, name: str | None, cal: Calendar, mode: str) -> Resolution:
    """A window of a compound calendar period ("the six months and one day ended on D"): the
    far end counted as a due date would be, the near end as for one unit."""
    assert rule.count is not None and rule.unit is not None
    terms = [(rule.count, rule.unit), *rule.extra]
    if any(u in ("business_day", "trading_day") for _, u in terms):
        raise ExpressionError(
            "a window mixing open days with other units is not counted: give it in one unit"
        )
    written = " and ".join(f"{n} {explain.unit_label(u, n)}" for n, u in terms)
    where = explain.anchor_text(name, anchor)
    if mode == "end_inclusive":
        start, end = shift_days(_steps(anchor, terms, -1, cal)[0], 1), anchor
        text = f"{written} ended on {where}"
    elif mode == "start_inclusive":
        start, end = anchor, shift_days(_steps(anchor, terms, 1, cal)[0], -1)
        text = f"{written} beginning on {where}"
    elif rule.direction == "before":
        start, end = _steps(anchor, terms, -1, cal)[0], shift_days(anchor, -1)
        text = f"{written} before {where}"
    else:
        start, end = shift_days(anchor, 1), _steps(anchor, terms, 1, cal)[0]
        text = f"{written} after {where}"
    return Resolution(None, f"window: {text} = {start.isoformat()} to {end.isoformat()}", None, start, end)


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


def due_for(
    rule: Rule,
    anchor_date: dt.date | None,
    calendar: str | Calendar = "weekends",
    *,
    anchor_name: str | None = None,
    window: bool = False,
) -> Resolution:
    """Resolves ``rule`` from ``anchor_date`` (a rule's own written anchor date wins).

    Raises ExpressionError when the rule fixes no day or needs an anchor date it was not given.
    """
    cal = get_calendar(calendar)
    if rule.choose:
        return _choose(rule, anchor_date, cal, anchor_name)
    name = None if rule.anchor_date else (anchor_name if anchor_name is not None else rule.anchor)
    anchor = rule.anchor_date or anchor_date
    if rule.point is not None:
        if anchor is None:
            raise ExpressionError("no anchor date: give one with --from")
        return _roll(rule, _calendar_point(rule, anchor, name, cal), cal)
    if rule.count is None:
        if rule.date is not None:
            res = Resolution(rule.date, f"stated date {rule.date.isoformat()}", None)
            return _roll(rule, res, cal)
        if anchor is None:
            raise ExpressionError("the expression has no period and no date, and no anchor date was given")
        if not rule.inclusive:
            raise ExpressionError(
                f"{rule.text!r} sets a limit relative to {name or 'the anchor'} but no period: "
                "it fixes no day"
            )
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


def _calendar_point(rule: Rule, anchor: dt.date, name: str | None, cal: Calendar) -> Resolution:
    """The first/last/N-th (business) day of the anchor's month, quarter or year, or of the next one."""
    assert rule.point is not None
    which, period, ahead, open_only = rule.point
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    first_month = (
        anchor.month if period == "month" else (1 if period == "year" else (anchor.month - 1) // 3 * 3 + 1)
    )
    start, _ = shift_months(dt.date(anchor.year, first_month, 1), ahead * months)
    end = shift_days(shift_months(start, months)[0], -1)
    ucal = _day_calendar(rule.unit or "business_day", cal)[0] if open_only else None
    if which == "first":
        d = open_day_on_or_after(start, ucal) if ucal else start
    elif which == "last":
        d = open_day_on_or_before(end, ucal) if ucal else end
    elif ucal:  # the n-th business day of the period
        d = shift_open_days(shift_days(start, -1), int(which), ucal).date
        if d > end:
            raise ExpressionError(f"{start:%B %Y} has fewer than {which} open days in {ucal.name}")
    else:
        if shift_days(start, int(which) - 1) > end:
            raise ExpressionError(f"day {which} does not exist in {start:%B %Y}")
        d = shift_days(start, int(which) - 1)
    kind = f"{('trading ' if rule.unit == 'trading_day' else 'business ') if ucal else ''}day"
    if isinstance(which, int) and ucal:
        which = f"{explain.ordinal(which)} {kind}"
    label = {"first": f"first {kind}", "last": f"last {kind}"}.get(
        which, which if isinstance(which, str) else f"day {which}"
    )  # type: ignore[arg-type]
    of = f"the {period} after that of" if ahead else f"the {period} of"
    cal_note = f" ({ucal.name})" if ucal else ""
    return Resolution(
        d,
        f"{label} of {of} {explain.anchor_text(name, anchor)}{cal_note} = {d.isoformat()}",
        ucal.name if ucal else None,
    )


def _roll(rule: Rule, res: Resolution, cal: Calendar) -> Resolution:
    """Applies the rule's roll convention. A roll from the agreement's general clause
    ("following; the agreement's general roll clause in Section 12.3", see ``conventions``)
    names that clause when it moves the date and says nothing when it does not."""
    if not rule.roll or res.due is None:
        return res
    convention, _, source = rule.roll.partition(";")
    rcal = get_calendar(res.calendar) if res.calendar else cal
    moved, note = roll(res.due, rcal, convention.strip())
    if note is None:
        if source:
            return res
        return replace(
            res,
            explanation=f"{res.explanation} ({res.due.isoformat()} is a business day in "
            f"{rcal.name}: no roll needed)",
            calendar=rcal.name,
        )
    if source:
        note = f"{note[:-1]}, by {source.strip()})"
    return Resolution(moved, f"{res.explanation}; {note}", rcal.name)


def _limits(rule: Rule, res: Resolution) -> Resolution:
    assert res.due is not None
    if not rule.cap and not rule.floor:
        return res
    due, text = res.due, res.explanation
    if rule.cap and rule.cap < due:
        due, text = rule.cap, f"{text}; capped: no later than {rule.cap.isoformat()}, the earlier date"
    elif rule.cap:
        text = f"{text}; the cap (no later than {rule.cap.isoformat()}) is later: {due.isoformat()} stands"
    if rule.floor and rule.floor > due:
        due, text = rule.floor, f"{text}; floor: no earlier than {rule.floor.isoformat()}, the later date"
    elif rule.floor:
        floor = rule.floor.isoformat()
        text = f"{text}; the floor (no earlier than {floor}) is earlier: {due.isoformat()} stands"
    return replace(res, due=due, explanation=text)


def _choose(rule: Rule, anchor_date: dt.date | None, cal: Calendar, name: str | None) -> Resolution:
    results = [due_for(p, anchor_date, cal, anchor_name=name) for p in rule.parts]
    pick = min if rule.choose == "earlier" else max
    best = pick(results, key=lambda r: r.due)  # type: ignore[arg-type,return-value]
    listed = "; ".join(f"({chr(97 + i)}) {r.explanation}" for i, r in enumerate(results))
    used = next((r.calendar for r in results if r.calendar), None)
    res = Resolution(best.due, f"the {rule.choose} of {listed}: {best.due.isoformat()}", used)  # type: ignore
    return _roll(replace(rule, choose=None), res, cal)


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


_INCLUSIVE_Q = re.compile(
    r"\b(on\s+or\s+(?:before|prior\s+to)|(?:no|not)\s+later\s+than|by|until|till|on|upon|"
    r"as\s+of|effective|from|at|immediately|concurrently|simultaneously)\b",
    re.I,
)
_STRICT_Q = re.compile(
    r"\b(before|prior\s+to|promptly|as\s+soon\s+as|after|following|thereafter|reasonabl)\b", re.I
)


def _inclusive(p: _RuleInput) -> bool:
    """Whether a provision without a count is due on its anchor's date ("on or before X": yes)."""
    lead, strict = _INCLUSIVE_Q.search(p.quote or ""), _STRICT_Q.search(p.quote or "")
    if p.direction is None and not strict:
        return True
    return bool(lead) and (not strict or lead.start() < strict.start())


def _rule_for(p: TimeProvision) -> Rule:
    """The provision's rule: its own fields, plus qualifiers only the quote carries."""
    return _rule_cached(
        p.quote, p.count, p.unit, p.direction, p.anchor, p.date, p.cap, p.choose, p.roll, p.recurring
    )


@functools.lru_cache(maxsize=65536)
def _rule_cached(quote, count, unit, direction, anchor, date, cap, choose, roll_, recurring) -> Rule:
    p = _RuleInput(quote, count, unit, direction, anchor, date, cap, choose, roll_, recurring)
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
    unit = p.unit
    if unit == "quarter":
        count, unit = (count or 0) * 3, "month"
    # the quote's own reading adds what the fields cannot hold (bounds, ranges, a compound
    # period's further terms) when it reads the same count and unit
    same = q is not None and q.count == count
    return Rule(
        count=count,
        unit=unit,
        direction=p.direction,
        anchor=p.anchor,
        anchor_date=anchor_date,
        date=date,
        cap=cap,
        floor=floor,
        roll=p.roll or (q.roll if q else None),
        bound=q.bound if same and q else "exact",
        inclusive=_inclusive(p),
        window=q.window if same and q else None,
        recurring=p.recurring,
        earliest_count=q.earliest_count if same and q else None,
        earliest_unit=q.earliest_unit if same and q and q.unit == unit else None,
        extra=q.extra if same and q and q.unit == unit else (),
        text=p.quote,
    )


def _lookup(anchor: str, known: dict[str, _Known], agreement: dt.date | None) -> _Known | None:
    key = event_key(anchor)
    if key in known:
        return known[key]
    if key in (AGREEMENT_KEY, EFFECTIVE_KEY) and agreement:
        note = "the agreement date" if key == AGREEMENT_KEY else "the agreement date; no event defines it"
        return _Known(agreement, anchor, (), note)
    return None


def _fields(
    cal: str,
    due: dt.date | None = None,
    explanation: str | None = None,
    pending_on: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict:
    return {
        "due": due.isoformat() if due else None,
        "explanation": explanation,
        "pending_on": pending_on,
        "calendar": cal,
        "window_start": start.isoformat() if start else None,
        "window_end": end.isoformat() if end else None,
    }


_UNTIL_TERMINATED = re.compile(r"(?:it\s+is\s+|so\s+)?terminated\b", re.I)


def _resolve_one(
    p: TimeProvision, known: dict[str, _Known], cal_name: str, agreement: dt.date | None
) -> dict:
    """The derived fields of one provision (a dict for ``dataclasses.replace``)."""
    cal = p.calendar or cal_name
    try:
        rule = _rule_for(p)
    except ExpressionError as e:
        return _fields(cal, explanation=str(e))
    if p.recurring:
        return _fields(cal, explanation="recurring: no single due date")
    choice = _quote_rule(p.quote) if p.quote and p.choose else None
    if choice is not None and choice.choose and sum(1 for r in choice.parts if r.count is not None) >= 2:
        return _resolve_choice(choice, p, known, cal, agreement)
    if rule.count is None and rule.date is not None:
        res = due_for(rule, None, cal)
        return _fields(res.calendar or cal, res.due, res.explanation)
    if not p.anchor:
        return _fields(cal, explanation="no anchor: nothing to count from" if rule.count else None)
    if rule.count is None and _UNTIL_TERMINATED.match(p.anchor):
        # "until terminated in accordance with its terms": no limit of its own, no event anyone records
        return _fields(cal, explanation=f"no time limit: runs until {p.anchor}")
    hit = None if rule.anchor_date else _lookup(p.anchor, known, agreement)
    if rule.anchor_date is None and hit is None:
        waits = rule.count is not None or rule.inclusive
        return _fields(
            cal,
            explanation=f"waits for {p.anchor}" if waits else None,
            pending_on=p.anchor if waits else None,
        )
    anchor = rule.anchor_date or hit.date  # type: ignore[union-attr]
    name = None if rule.anchor_date else p.anchor  # as the text names it
    if hit and hit.note:
        name = f"{name} ({hit.note})"
    if rule.count is None and not rule.inclusive:
        return _fields(
            cal,
            explanation=f"{'before' if rule.direction == 'before' else 'after'} "
            f"{explain.anchor_text(name, anchor)}: no day fixed",
        )
    try:
        res = due_for(rule, anchor, cal, anchor_name=name, window=p.kind == "window")
    except ClausekitError as e:
        return _fields(cal, explanation=str(e))
    text = "; ".join((*hit.steps, res.explanation)) if hit and hit.steps else res.explanation
    end, pending = res.window_end, None
    if p.kind == "window":
        end, text, pending = _window_end(p, end, text, known, agreement)
    return _fields(
        res.calendar or cal, res.due if p.kind != "window" else None, text, pending, res.window_start, end
    )


_ENDING_ON = re.compile(  # the far end of a window (``timex_find._WINDOW_FAR_END`` quotes it)
    rf"(?:\band\s+{WINDOW_ENDING_WORDS}|\b(?:{WINDOW_THROUGH_WORDS}))\s+(?P<end>.+)$", re.I)


def _window_end(
    p: TimeProvision, end: dt.date | None, text: str, known: dict[str, _Known], agreement: dt.date | None
) -> tuple[dt.date | None, str, str | None]:
    """A window "beginning on X and ending on Y" ends on Y's date (pending while Y has none)."""
    m = _ENDING_ON.search(p.quote or "")
    if not m:
        return end, text, None
    name = re.sub(r"^(?:the\s+)", "", m.group("end").strip(" .,;"), flags=re.I)
    d = parse_date(name) if is_date_text(name) else None
    hit = None if d else _lookup(name, known, agreement)
    d = d or (hit.date if hit else None)
    head = text.rsplit(" to ", 1)[0]
    if d is None:
        return None, f"{head} to {name} (no date yet)", name
    return d, f"{head} to {explain.anchor_text(name, d)}", None


def _resolve_choice(
    rule: Rule, p: TimeProvision, known: dict[str, _Known], cal: str, agreement: dt.date | None
) -> dict:
    """'the earlier of (a) 30 days after the Closing and (b) 10 Business Days after the Filing Date'."""
    results = []
    for part in rule.parts:
        anchor, name, steps = None, part.anchor or p.anchor, ()
        if part.count is not None and part.anchor_date is None:
            hit = _lookup(name, known, agreement) if name else None
            if hit is None:
                return _fields(
                    cal, explanation=f"the {rule.choose} of several dates; waits for {name}", pending_on=name
                )
            anchor, steps = hit.date, hit.steps
        try:
            res = due_for(part, anchor, cal, anchor_name=name)
        except ClausekitError as e:
            return _fields(cal, explanation=str(e))
        results.append((res, steps))
    pick = min if rule.choose == "earlier" else max
    best = pick(results, key=lambda r: r[0].due)[0]
    listed = "; ".join(
        f"({chr(97 + i)}) {'; '.join((*st, r.explanation))}" for i, (r, st) in enumerate(results)
    )
    used = next((r.calendar for r, _ in results if r.calendar), cal)
    text = f"the {rule.choose} of {listed}: {best.due.isoformat()}"  # type: ignore[union-attr]
    # the quote's own roll clause, else the provision's (the agreement's general clause)
    rolled = _roll(replace(rule, roll=rule.roll or p.roll), Resolution(best.due, text, used), get_calendar(cal))
    return _fields(rolled.calendar or cal, rolled.due, rolled.explanation)


def resolve_provisions(
    provisions: Sequence[TimeProvision],
    events: Sequence[Event],
    *,
    calendar: str,
    agreement_date: str | None = None,
) -> tuple[list[TimeProvision], list[Event]]:
    """Fills due, explanation, pending_on, calendar (and window_start/end) of every provision.

    Event dates: a user-recorded date overrides a scheduled one; an event with no date gets
    one from the provision whose ``schedules`` names it, so chains resolve (a deadline 60 days
    after a Closing scheduled 7 business days after the Effective Date), each step explained.
    """
    get_calendar(calendar)  # an unknown calendar is an error, not a silent default
    agreement = _iso(agreement_date)
    known: dict[str, _Known] = {}
    for e in sorted(events, key=lambda e: e.recorded is None):  # a recorded date wins over a scheduled one
        d = _iso(e.date)
        if d:
            known.setdefault(event_key(e.name), _Known(d, e.name, (), "recorded" if e.recorded else None))
    keys = [event_key(p.anchor) if p.anchor else None for p in provisions]
    fields: list[dict] = [{} for _ in provisions]
    derived: dict[str, tuple[str, TimeProvision]] = {}
    todo = range(len(provisions))
    while todo:  # each round settles the provisions hanging on events dated in the round before
        new: set[str] = set()
        for i in todo:
            p = provisions[i]
            f = fields[i] = _resolve_one(p, known, calendar, agreement)
            if p.schedules and f["due"]:
                key = event_key(p.schedules)
                if key not in known and key != keys[i]:
                    known[key] = _Known(
                        dt.date.fromisoformat(f["due"]), p.schedules, (f"{f['explanation']} ({p.schedules})",)
                    )
                    derived[key] = (f["due"], p)
                    new.add(key)
        todo = [i for i, k in enumerate(keys) if k in new]
    return [_with(p, f) for p, f in zip(provisions, fields, strict=True)], _events_out(events, derived)


def _with(p: TimeProvision, changes: dict) -> TimeProvision:
    """``dataclasses.replace`` without re-running ``__init__`` (a third of the time at 100k provisions)."""
    new = object.__new__(TimeProvision)
    new.__dict__.update(p.__dict__)
    new.__dict__.update(changes)
    return new


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
            out.append(
                Event(
                    name=p.schedules or key,
                    scheduled=due,
                    source=f"derived: {p.quote}",
                    start=p.start,
                    end=p.end,
                )
            )
    return out
