"""The deadline engine: calendars, counting rules, anchors and events. No spaCy here.

Public API (used by ``clausekit/extract.py``, the store and the ``due`` command):

- ``calendar_for(business_day_definition, governing_law) -> CalendarChoice``
- ``trading_exchange(text) -> CalendarChoice | None``: the exchange trading days count on
- ``roll_convention(text) -> RollConvention | None``: the agreement's general business-day roll
  clause; ``general_roll(provisions, convention, sections)`` gives it to the provisions it governs
- ``resolve_provisions(provisions, events, *, calendar, agreement_date) -> (provisions, events)``:
  fills ``due``, ``explanation``, ``pending_on`` and ``calendar`` of each TimeProvision from
  the events known (user-recorded dates override scheduled ones), following chains, and
  returns the events with any dates derived from provisions that ``schedules`` them.
- ``get_calendar(name)`` -> Calendar (``is_business_day``, ``add_business_days``, ...)
- ``parse_expression(text) -> Rule`` and ``due_for(rule, anchor_date, calendar) -> Resolution``
  (the ``clausekit due`` calculator); ``event_key(name)`` normalizes event names.

Modules: ``calendars`` (holidays / exchange_calendars by name), ``arithmetic`` (counting),
``rules`` (reading contract language), ``resolve`` (rules -> dates, events, chains),
``explain`` (explanation text), ``jurisdiction`` (which calendar an agreement uses),
``conventions`` (an agreement's general roll clause).
"""

from __future__ import annotations

from clausekit.deadlines.calendars import Calendar, get_calendar
from clausekit.deadlines.conventions import RollConvention, general_roll, roll_convention
from clausekit.deadlines.jurisdiction import calendar_for, trading_exchange
from clausekit.deadlines.resolve import Resolution, due_for, event_key, resolve_provisions
from clausekit.deadlines.rules import Rule, parse_expression

__all__ = [
    "Calendar",
    "Resolution",
    "RollConvention",
    "Rule",
    "calendar_for",
    "trading_exchange",
    "due_for",
    "general_roll",
    "event_key",
    "get_calendar",
    "parse_expression",
    "resolve",
    "resolve_provisions",
    "roll_convention",
]


def resolve(expression: str, anchor_date, calendar: str = "weekends") -> Resolution:
    """``clausekit due`` as a function: read ``expression`` and resolve it from ``anchor_date``."""
    import datetime as dt

    if isinstance(anchor_date, str):
        anchor_date = dt.date.fromisoformat(anchor_date)
    return due_for(parse_expression(expression), anchor_date, calendar)
