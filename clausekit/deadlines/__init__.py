"""The deadline engine: calendars, counting rules, anchors and events. No spaCy here.

Public API (used by ``clausekit/extract.py``, the store and the ``due`` command):

- ``calendar_for(business_day_definition, governing_law) -> CalendarChoice``
- ``resolve_provisions(provisions, events, *, calendar, agreement_date) -> (provisions, events)``:
  fills ``due``, ``explanation``, ``pending_on`` and ``calendar`` of each TimeProvision from
  the events known (user-recorded dates override scheduled ones), following chains, and
  returns the events with any dates derived from provisions that ``schedules`` them.

PLACEHOLDER: the engine issue replaces this with real calendars; until then nothing is resolved.
"""
from __future__ import annotations

from collections.abc import Sequence

from clausekit.types import CalendarChoice, Event, TimeProvision


def calendar_for(business_day_definition: str | None, governing_law: str | None) -> CalendarChoice:
    return CalendarChoice(name="weekends", source="default")


def resolve_provisions(provisions: Sequence[TimeProvision], events: Sequence[Event], *, calendar: str,
                       agreement_date: str | None = None) -> tuple[list[TimeProvision], list[Event]]:
    return list(provisions), list(events)
