"""Helpers shared by the time-provision and deadline tests."""
from __future__ import annotations

from clausekit.types import TimeProvision


def tp(quote: str, count=None, unit=None, direction=None, anchor=None, date=None, kind: str = "deadline",
       **fields) -> TimeProvision:
    """A TimeProvision as extraction would give it before resolution (no due, no explanation);
    ``fields`` sets any other field (section, action, roll, cap, ...)."""
    values = dict(quote=quote, section=None, kind=kind, count=count, unit=unit, direction=direction, anchor=anchor,
                  date=date, due=None, obligor=None, action=None, explanation=None, start=0, end=len(quote))
    values.update(fields)
    return TimeProvision(**values)


def items(nlp, text: str) -> list[dict]:
    """The time provisions the pipeline finds in ``text``."""
    return nlp(text)._.clausekit_timex


def one(nlp, text: str) -> dict:
    """The one time provision the pipeline finds in ``text``."""
    found = items(nlp, text)
    assert len(found) == 1, [d["quote"] for d in found]
    return found[0]
