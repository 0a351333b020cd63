"""Text helpers shared by the entity components (terms, parties, law).

No spaCy here: plain functions over ``doc.text``.

* ``mask_markup`` blanks Markdown/HTML markup (``**``, ``<b>``, ``\\$`` escapes) with spaces of
  the same length, so regexes see clean prose while every offset still points into
  ``doc.text``. With the Markdown reader in place the text has no markup and this is a no-op.
* ``parse_date`` normalizes one *found* date span ("March 23, 2021", "the 5th day of March,
  2020", "23 March 2021") to ISO; it is never run over prose.
* ``section_at`` finds the innermost section (from ``doc._.clausekit_sections``) at an offset.
"""
from __future__ import annotations

import bisect
import re
from datetime import date

#: (trigger substring, pattern): each pattern only runs when its trigger occurs in the text
_MARKUP = (
    ("<", re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>")),  # HTML tags
    ("**", re.compile(r"(?<![\[*])\*{2,}(?![\]*])")),  # bold markers, not the "[***]" of a redaction
    ("__", re.compile(r"__+(?=\w)|(?<=\w)__+")),
    ("\\", re.compile(r"\\(?=[$*_#\[\]()<>.\\-])")),  # Markdown escapes: blank the backslash only
    ("#", re.compile(r"^#{1,6}[ \t]", re.MULTILINE)),  # heading markers
    ("- (", re.compile(r"^[ \t]*[-*+][ \t](?=\()", re.MULTILINE)),  # list bullets before "(1)" enumerators
)


def mask_markup(text: str) -> str:
    """``text`` with markup replaced by spaces (same length, same offsets)."""
    for trigger, rx in _MARKUP:
        if trigger in text:
            text = rx.sub(lambda m: " " * (m.end() - m.start()), text)
    return text


MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_DAY = r"(?:[0-3]?\d)\s?(?:st|nd|rd|th|s\s?t|n\s?d|r\s?d|t\s?h)?"
_ORD = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"

#: a date expression as written; group names: md/mm/my (Month D, YYYY), dd/dm/dy (D Month YYYY)
DATE_RE = re.compile(
    rf"(?P<mm>{_MONTH})\s+(?P<md>{_DAY})\s*[,.]?\s*(?P<my>{_YEAR})\b"
    rf"|(?:the\s+)?(?P<dd>{_DAY}|{_ORD})(?:\s*\(\s*\d{{1,2}}\s*(?:st|nd|rd|th)?\s*\))?\s+(?:day\s+of\s+)?"
    rf"(?:[A-Za-z]+day,?\s+)?(?:-+\s*)?(?P<dm>{_MONTH})\s*[,.]?\s*(?:in\s+the\s+year\s+)?(?P<dy>{_YEAR})\b"
    rf"|(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
    rf"|(?<![\d/])(?P<um>[01]?\d)/(?P<ud>[0-3]?\d)/(?P<uy>{_YEAR})\b",
    re.IGNORECASE,
)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def date_from_match(m: re.Match) -> str | None:
    """ISO date of a ``DATE_RE`` match."""
    g = m.groupdict()
    if g.get("iy"):
        return _iso(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g.get("uy"):
        return _iso(int(g["uy"]), int(g["um"]), int(g["ud"]))  # US order: 4/8/2020 = April 8
    if g.get("mm"):
        mon, day, year = g["mm"], g["md"], g["my"]
    else:
        mon, day, year = g["dm"], g["dd"], g["dy"]
    month = MONTHS.get(mon.lower().rstrip("."))
    if not month:
        return None
    dl = day.lower().strip()
    if dl in _ORDINALS:
        d = _ORDINALS[dl]
    else:
        digits = re.match(r"\d+", dl)
        if not digits:
            return None
        d = int(digits.group())
    return _iso(int(year), month, d)


def parse_date(span: str) -> str | None:
    """ISO form of the first complete date in a short span, or None ("May" alone is no date)."""
    m = DATE_RE.search(span)
    return date_from_match(m) if m else None


class SectionIndex:
    """Innermost section at a character offset, from ``doc._.clausekit_sections``."""

    def __init__(self, sections: list[dict] | None):
        self.sections = sorted((s for s in sections or [] if s.get("start") is not None),
                               key=lambda s: s["start"])
        self.starts = [s["start"] for s in self.sections]

    def at(self, offset: int) -> dict | None:
        i = bisect.bisect_right(self.starts, offset)
        best = None
        # walk back over the sections that start before the offset; nested ones are close by
        for s in reversed(self.sections[max(0, i - 60):i]):
            inside = s["start"] <= offset < (s.get("end") or 0)
            if inside and (best is None or (s.get("level") or 0) > (best.get("level") or 0)):
                best = s
        return best

    def number_at(self, offset: int) -> str | None:
        s = self.at(offset)
        return s.get("number") if s else None

    def heading_at(self, offset: int) -> str:
        """Headings of all sections containing the offset, joined (for cue matching)."""
        i = bisect.bisect_right(self.starts, offset)
        return " | ".join(s.get("heading") or "" for s in self.sections[max(0, i - 60):i]
                          if s["start"] <= offset < (s.get("end") or 0))
