"""clausekit_timex: every time provision of a document, and the events the document dates.

Sets ``doc._.clausekit_timex`` (JSON-safe dicts with the fields of ``types.TimeProvision``;
``due``/``explanation``/``pending_on``/``calendar`` are left to the deadline engine),
``doc._.clausekit_events`` (dicts with the fields of ``types.Event``) and the span group
``doc.spans["clausekit_timex"]`` (label = kind).

Spans are found with precompiled patterns built from ``models/timex.jsonl`` (see
``timex_lex.py`` and ``timex_find.py``); only the found spans are normalized.
"""
from __future__ import annotations

import bisect
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.timex_find import Finder, Item
from clausekit.nlp.timex_lex import Lexicon, Patterns, iso_date
from clausekit.nlp.timex_obligor import Actors, action
from clausekit.nlp.util import doc_text, models_dir, set_extension

set_extension("clausekit_timex")
set_extension("clausekit_events")

PATTERNS_FILE = "timex.jsonl"


@Language.factory("clausekit_timex")
def make_timex(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent(name=name)


class TimexComponent:
    def __init__(self, name: str = "clausekit_timex", lexicon: Lexicon | None = None) -> None:
        self.name = name
        self._set_lexicon(lexicon or Lexicon.load(models_dir() / PATTERNS_FILE))

    def _set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.patterns = Patterns(lexicon)
        self.finder = Finder(self.patterns)

    # ---- spaCy serialization: the pattern rows travel with a saved pipeline ----------------------
    def to_disk(self, path, exclude=()) -> None:
        import json

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with (path / PATTERNS_FILE).open("w", encoding="utf-8") as f:
            for row in self.lexicon.rows:
                f.write(json.dumps(row) + "\n")

    def from_disk(self, path, exclude=()) -> TimexComponent:
        file = Path(path) / PATTERNS_FILE
        if file.exists():
            self._set_lexicon(Lexicon.load(file))
        return self

    # ---- the component ----------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        items = self.finder.find(text)
        parties = getattr(doc._, "clausekit_parties", None) or []
        sections = getattr(doc._, "clausekit_sections", None) or []
        subitems = getattr(doc._, "clausekit_subitems", None) or []
        agreement_date = getattr(doc._, "clausekit_agreement_date", None)
        actors = Actors(parties, text)
        locate = _SectionLocator(sections, subitems)
        events = find_events(text, self.finder.dates(text), agreement_date)
        _set_schedules(text, items)
        records = []
        spans = []
        for it in items:
            rec = _record(text, it, locate, actors)
            records.append(rec)
            span = doc.char_span(it.start, it.end, label=it.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        events = _alias_events(records, events)
        doc._.clausekit_timex = records
        doc._.clausekit_events = events
        doc.spans["clausekit_timex"] = spans
        return doc


_FRESHNESS = re.compile(r"\b(?:no|not)\s+(?:more|earlier)\s+than\b", re.IGNORECASE)


def _record(text: str, it: Item, locate: _SectionLocator, actors: Actors) -> dict:
    quote = " ".join(text[it.start:it.end].split())  # the span's own words: text[start:end], whitespace folded
    sent_start, sent_end = _sentence(text, it.start, it.end)
    obligor = None
    look_back = it.kind == "window" and it.direction == "before" and not _FRESHNESS.search(quote)
    if not it.extra.get("deemed") and not look_back:
        # a look-back window ("during the preceding 90 days") and a deemed-delivery rule bind nobody; a freshness
        # limit ("a certificate dated no more than five days before the Closing") binds whoever delivers the paper
        obligor = actors.obligor(text, it.start, it.end, sent_start, sent_end)
    what = action(text, it.start, it.end, sent_start, sent_end)
    return {
        "quote": quote, "section": locate(it.start), "kind": it.kind, "count": it.count, "unit": it.unit,
        "direction": it.direction, "anchor": it.anchor, "date": it.date, "due": None, "obligor": obligor,
        "action": what, "explanation": None, "start": it.start, "end": it.end, "cap": it.cap,
        "choose": it.choose, "roll": it.roll, "recurring": it.recurring, "schedules": it.schedules,
        "pending_on": None, "calendar": None,
    }


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or semicolon clause) around a span, at most 400 characters before and 300 after it."""
    lo, hi = max(0, start - 400), min(len(text), end + 300)
    s = max(text.rfind(". ", lo, start), text.rfind("\n\n", lo, start), text.rfind("; ", lo, start)) + 1
    ends = [i for i in (text.find(". ", end, hi), text.find("\n\n", end, hi), text.find("; ", end, hi)) if i >= 0]
    return max(s, lo), min(ends) if ends else hi


# ---- sections --------------------------------------------------------------------------------------
class _SectionLocator:
    """Innermost numbered unit containing an offset (sub-items over sections, level 2 over level 1)."""

    def __init__(self, sections: list[dict], subitems: list[dict]) -> None:
        units = []
        for s in list(sections) + list(subitems):
            number = s.get("number") or s.get("id") or s.get("section")
            if number is None or s.get("start") is None or s.get("end") is None:
                continue
            units.append((s["start"], s["end"], s.get("level") or (3 if s in subitems else 1), str(number)))
        units.sort()
        self.units = units
        self.starts = [u[0] for u in units]

    def __call__(self, offset: int) -> str | None:
        best = None
        i = bisect.bisect_right(self.starts, offset)
        for start, end, level, number in self.units[max(0, i - 200):i]:
            if start <= offset < end and (best is None or (end - start) <= best[0]):
                best = (end - start, number)
        return best[1] if best else None


# ---- events ------------------------------------------------------------------------------------------
_DEF_AFTER_DATE = re.compile(
    r"\s*,?\s*\(\s*(?:the\s+|this\s+)?[“\"]\s*(?:\*\*)?(?P<name>[A-Z][^”\"*]{1,60}?)(?:\*\*)?\s*[”\"]")
_LABEL_BEFORE_DATE = re.compile(r"(?P<name>(?:[A-Z][\w-]*\s+){0,3}Date)\s*:\s*$")
_EVENT_NOUN = re.compile(
    r"\b(?:Date|Closing|Repurchase|Sale|Transfer|Merger|Acquisition|Transaction|Offering|Purchase|Conversion|Exchange|"
    r"Issuance|Consummation|Completion|Effective\s+Time|Time)\s*$")
_FACT_VERB = re.compile(
    r"\b(?:completed|closed|consummated|effected|entered\s+into|executed|signed|became\s+effective|occurred)\b")
_DEFS_IN_SENTENCE = re.compile(r"\((?:the\s+)?[“\"]\s*(?:\*\*)?(?P<name>[A-Z][^”\"*]{1,60}?)(?:\*\*)?\s*[”\"]\s*\)")


def find_events(text: str, dates: list[re.Match], agreement_date: str | None) -> list[dict]:
    """Events the document dates: 'as of March 23, 2021 (the "Effective Date")', 'On April 13, 2021, X completed … (the "Y")'."""
    events: dict[str, dict] = {}

    def add(name: str, iso: str, source: str, start: int, end: int) -> None:
        name = re.sub(r"\s+", " ", name).strip()
        if name and name not in events:
            events[name] = {"name": name, "scheduled": iso, "recorded": None, "source": source, "start": start, "end": end}

    for m in dates:
        iso = iso_date(m)
        if not iso:
            continue
        label = _LABEL_BEFORE_DATE.search(text, max(0, m.start() - 40), m.start())
        if label:
            add(label.group("name"), iso, "labelled with its date", label.start(), m.end())
            continue
        d = _DEF_AFTER_DATE.match(text, m.end())
        if d and _EVENT_NOUN.search(d.group("name")):
            add(d.group("name"), iso, "defined with its date", m.start(), d.end())
            continue
        # "On April 13, 2021, Tuspark completed the sale … (the "Class B Share Repurchase")"
        lead = text[max(0, m.start() - 4):m.start()]
        if re.search(r"\b[Oo]n\s+$", lead):
            stop = text.find(". ", m.end(), m.end() + 1200)
            stop = min(len(text), m.end() + 1200) if stop < 0 else stop
            sentence = text[m.end():stop]
            if _FACT_VERB.search(sentence[:200]):
                for dm in _DEFS_IN_SENTENCE.finditer(sentence):
                    if _EVENT_NOUN.search(dm.group("name")):
                        add(dm.group("name"), iso, "stated as done on this date", m.start(), m.end() + dm.end())
    if agreement_date:
        for name in ("Effective Date", "date hereof", "date of this Agreement", "Execution Date"):
            if name not in events and re.search(re.escape(name), text):
                add(name, agreement_date, "agreement date", 0, 0)
    return list(events.values())


def _alias_events(records: list[dict], events: list[dict]) -> list[dict]:
    """An anchor such as 'closing date of the Class B Share Repurchase' names a dated event: add it by that name."""
    known = {e["name"]: e for e in events}
    for rec in records:
        anchor = rec.get("anchor")
        if not anchor or anchor in known:
            continue
        m = re.match(r"(?:the\s+)?(?:closing\s+date|closing|completion|consummation|date)\s+of\s+(?:the\s+)?(?P<n>.+)$",
                     anchor, re.IGNORECASE)
        if m and m.group("n") in known and known[m.group("n")].get("scheduled"):
            base = known[m.group("n")]
            known[anchor] = {**base, "name": anchor, "source": f"{base['source']} ({base['name']})"}
    return list(known.values())


def _set_schedules(text: str, items: list[Item]) -> None:
    """'The closing … shall take place … on the seventh business day after X … (the "Closing") … "Closing Date"'."""
    for it in items:
        if it.kind != "deadline" or it.count is None:
            continue
        lo = max(0, it.start - 400)
        start = max(text.rfind(". ", lo, it.start), text.rfind("\n\n", lo, it.start), lo - 1) + 1
        before = text[start:it.start]
        if not re.search(r"\b(?:take\s+place|occur|be\s+held|be\s+consummated|be\s+completed)\b", before):
            continue
        after = text[it.end:it.end + 600]
        names = [m.group(1) for m in re.finditer(r"[“\"]\s*(?:\*\*)?([A-Z][\w ]{1,40}?)(?:\*\*)?\s*[.,]?\s*[”\"]", after)]
        names = [n for n in names if _EVENT_NOUN.search(n)]
        if names:
            dated = [n for n in names if n.endswith("Date")]
            it.schedules = dated[0] if dated else names[0]
