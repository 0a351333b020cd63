"""Vocabulary and compiled patterns for time expressions (data: ``models/timex.jsonl``).

Everything here is built once per component from the pattern rows: number words, ordinal
words, units, period modifiers, direction words, cues before dates and kind cues. The regexes
are linear (no nested quantifiers over overlapping alternatives), so scanning a document is a
handful of passes of the C regex engine, never a per-token Python loop.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = {m: i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1)}
MONTH_ABBR = {m[:3]: i for m, i in MONTHS.items()} | {"Sept": 9}


def _alt(words) -> str:
    """A regex alternation of literal words, longest first (so 'business days' beats 'business day')."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass
class Lexicon:
    rows: list[dict]
    numbers: dict[str, int] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    scales: set[str] = field(default_factory=set)
    units: dict[str, str] = field(default_factory=dict)
    frequencies: dict[str, tuple[int, str]] = field(default_factory=dict)
    times: dict[str, int] = field(default_factory=dict)  # "once", "twice": how often within a period
    pers: list[str] = field(default_factory=list)  # "a", "per", "in any": between "once" and the period
    recurs: dict[str, tuple[int, str]] = field(default_factory=dict)  # "calendar quarter" -> (3, "month")
    directions: dict[str, str] = field(default_factory=dict)
    date_cues: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    kind_cues: dict[str, list[str]] = field(default_factory=dict)
    modifiers: list[str] = field(default_factory=list)

    @classmethod
    def from_rows(cls, rows: list[dict]) -> Lexicon:
        lex = cls(rows=rows)
        for r in rows:
            t, w = r["type"], r.get("word", "").lower()
            if t == "number":
                lex.numbers[w] = r["value"]
                if r.get("scale"):
                    lex.scales.add(w)
            elif t == "ordinal":
                lex.ordinals[w] = r["value"]
                if r.get("scale"):
                    lex.scales.add(w)
            elif t == "unit":
                lex.units[w] = r["unit"]
            elif t == "frequency":
                lex.frequencies[w] = (r["count"], r["unit"])
            elif t == "times":
                lex.times[w] = r["value"]
            elif t == "per":
                lex.pers.append(w)
            elif t == "recur":
                lex.recurs[w] = (r["count"], r["unit"])
            elif t == "direction":
                lex.directions[w] = r["direction"]
            elif t == "date_cue":
                lex.date_cues[w] = (r.get("direction"), r["kind"])
            elif t == "kind_cue":
                lex.kind_cues.setdefault(r["kind"], []).append(w)
            elif t == "modifier":
                lex.modifiers.append(w)
        return lex

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return cls.from_rows(rows)

    # ---- numbers -------------------------------------------------------------------------
    def frequency(self, g: dict) -> tuple[int, str]:
        """The period a frequency match names: 'quarterly' -> (3, 'month'), 'twice per calendar year' -> (1, 'year')."""
        if g.get("fadv"):
            return self.frequencies[re.sub(r"\s+", " ", g["fadv"].lower())]
        return self.recurs[re.sub(r"\s+", " ", g["rp"].lower())]

    def words_to_number(self, text: str) -> int | None:
        """'one hundred twenty' -> 120, 'twenty-four' -> 24, 'sixtieth' -> 60; None if not a number."""
        total, current, seen = 0, 0, False
        for w in re.split(r"[\s-]+", text.lower().strip()):
            if not w or w == "and":
                continue
            value = self.numbers.get(w, self.ordinals.get(w))
            if value is None:
                return None
            seen = True
            if w in self.scales:
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
        return total + current if seen else None


SUP = r"(?:\s*</?sup>\s*)?"  # EDGAR markdown keeps <sup>th</sup> in ordinals


@dataclass
class Patterns:
    lex: Lexicon
    core: re.Pattern = None  # type: ignore[assignment]
    date: re.Pattern = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        lex = self.lex
        numw = _alt(lex.numbers)
        ordw = _alt(lex.ordinals)
        spelled = rf"(?:{numw})(?:(?:\s+|-)(?:and\s+)?(?:{numw}))*"
        spelled_ord = rf"(?:(?:{numw})(?:\s+|-)(?:and\s+)?)*(?:{ordw})"
        paren = r"\(\s*\d{1,4}\s*\)"
        num = rf"(?:(?P<sp>{spelled})(?:\s*(?P<pn>{paren}))?|(?P<dg>(?<![\d.,])\d{{1,4}}(?![.,]?\d))|(?P<pn2>{paren})|(?P<rd>\[\s*\*+\s*\]))"
        dig_ord = rf"\d{{1,4}}{SUP}(?:st|nd|rd|th){SUP}"
        ordinal = (rf"(?:(?P<so>{spelled_ord})(?:\s*\(\s*(?P<po>{dig_ord})\s*\))?|(?P<do>{dig_ord}))")
        mods = rf"(?P<mod>(?:(?:{_alt(lex.modifiers)})[\s-]+)*)"
        unit = rf"(?P<unit>{_alt(lex.units)})"
        ounit = rf"(?P<ounit>{_alt(lex.units)}|anniversary)"
        # "quarterly", "once annually", "twice per calendar year" (the period within which it recurs)
        times = _alt(lex.times)
        freq = (rf"(?P<freq>(?:(?P<times>{times})\s+)?(?P<fadv>{_alt(lex.frequencies)})"
                rf"|(?P<times2>{times})\s+(?:{_alt(lex.pers)})\s+(?P<rp>{_alt(lex.recurs)}))")
        self.core = re.compile(
            rf"(?<![\w-])(?:{num}(?:\s*-\s*|\s+){mods}{unit}\b(?P<poss>['’]s?)?"
            rf"|(?P<ord>{ordinal})\s+{mods.replace('mod', 'omod')}{ounit}\b"
            rf"|{freq}\b)",
            re.IGNORECASE,
        )
        month = _alt(list(MONTHS) + [m.upper() for m in MONTHS])
        self.date = re.compile(
            rf"\b(?:(?P<m1>{month})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s*(?P<y1>\d{{4}})"
            rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+)?(?P<m2>{month}),?\s+(?P<y2>\d{{4}}))\b"
        )

    def number_of(self, m: re.Match) -> int | float | None:
        """The count a core match carries (None for a redacted ``[***]``)."""
        g = m.groupdict()
        for key in ("pn", "pn2"):
            if g.get(key):
                return int(re.sub(r"\D", "", g[key]))
        if g.get("dg"):
            v = float(g["dg"])
            return int(v) if v.is_integer() else v
        if g.get("sp"):
            return self.lex.words_to_number(g["sp"])
        if g.get("po"):
            return int(re.sub(r"\D", "", re.sub(r"</?sup>", "", g["po"]))[:4] or 0) or None
        if g.get("do"):
            return int(re.match(r"\d+", g["do"]).group())
        if g.get("so"):
            return self.lex.words_to_number(g["so"])
        return None


def iso_date(m: re.Match) -> str | None:
    g = m.groupdict()
    month = MONTHS.get((g.get("m1") or g.get("m2") or "").title())
    day = int(g.get("d1") or g.get("d2") or 0)
    year = int(g.get("y1") or g.get("y2") or 0)
    if not month or not 1 <= day <= 31 or not 1800 <= year <= 2200:
        return None
    import datetime as _dt

    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None
