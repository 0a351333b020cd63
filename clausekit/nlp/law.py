"""clausekit_law: governing law and dispute resolution; the "Business Day" definition.

``doc._.clausekit_governing_law`` = ``{jurisdiction, section, forum, seat, institution, rules,
language, start, end}`` or None:

* the jurisdiction comes from the clause that says which law governs the agreement ("governed
  by and construed under the laws of Hong Kong", "THE LAWS OF THE STATE OF NEW YORK ... SHALL
  GOVERN", "Delaware law governs"); "the State of New York" → "New York". When several clauses
  name a law, the one in a governing-law section (or speaking of "this Agreement") wins.
* forum (the courts named for disputes), seat (where an arbitration sits), institution
  (HKIAC, AAA, ICC, ... from ``models/law.json``), rules ("UNCITRAL Arbitration Rules") and
  language of the arbitration are read from the dispute-resolution text near that clause
  (its section, or the nearest 2,500 characters when sections are unknown).

``doc._.clausekit_business_day`` = the text of the agreement's "Business Day" definition (one
sentence), or None. The deadline engine maps it to a calendar.

Results also go to ``doc.spans["clausekit_law"]`` (labels GOVERNING_LAW, BUSINESS_DAY).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.legal_text import SectionIndex
from clausekit.nlp.terms import clean_text
from clausekit.nlp.util import JsonDataComponent, models_dir, set_extension

set_extension("clausekit_governing_law")
set_extension("clausekit_business_day")

DATA_FILE = "law.json"
_GL_KEY = re.compile(r"(?i:govern(?!ment)|constru|interpret|laws?\s+of\b[^.;]{0,120}?\bappl(?:y|ies)\b)")
#: how much text around the governing-law clause is searched for forum / arbitration terms
DISPUTE_WINDOW = 2500


class LawFinder:
    def __init__(self, data: dict):
        self.data = data
        jur = sorted(set(data["jurisdictions"]), key=len, reverse=True)
        jalt = "|".join(re.escape(j).replace(r"\ ", r"\s+") for j in jur)
        place = (rf"(?:the\s+)?(?:(?:State|Commonwealth|Province|(?:Federal\s+|People'?s\s+)?Republic|Kingdom|Territory|Government)\s+of\s+(?:the\s+)?)?"
                 rf"(?P<j>{jalt}|[A-Z][A-Za-z'\u2019.]+(?:\s+[A-Z][A-Za-z'\u2019.]+){{0,3}})")
        lw = r"(?:substantive\s+|internal\s+|domestic\s+)?laws?(?:\s+and\s+(?:judicial\s+decisions|regulations|rules))?"
        self.gl_res = [
            # "governed by (and construed in accordance with) the laws of X"
            re.compile(rf"\b(?:governed|construed|interpreted|enforced|determined|controlled|regulated)\b"
                       rf"[^.;]{{0,160}}?\b{lw}\s+(?:in\s+force\s+in\s+|of\s+|applicable\s+in\s+)(?:and\s+in\s+)?{place}", re.IGNORECASE),
            # "the laws of X (shall) govern / apply"
            re.compile(rf"\b{lw}\s+of\s+{place}[^.;]{{0,80}}?\b(?:(?:shall|will)\s+(?:govern|apply|control)|governs?|applies|controls)\b", re.IGNORECASE),
            # "governed by X law", "X law governs"
            re.compile(rf"\bgoverned\s+(?:by|under)\s+(?:the\s+)?{place}\s+law\b", re.IGNORECASE),
        ]
        self.place_re = re.compile(place)
        self.inst = [(key, re.compile(r"\b(?:" + "|".join(pats) + r")\b")) for key, pats in data["institutions"].items()]
        langs = "|".join(data["languages"])
        self.lang_res = [
            re.compile(rf"\blanguage\s+(?:of|used\s+in|to\s+be\s+used\s+in)\s+(?:the\s+|such\s+|any\s+)?arbitra\w*"
                       rf"(?:\s+proceedings?)?\s+(?:shall|will|is\s+to)\s+be\s+(?:in\s+)?(?:the\s+)?(?P<l>{langs})\b", re.IGNORECASE),
            re.compile(rf"\barbitra\w*[^.]{{0,200}}?\b(?:conducted|held|administered)\s+in\s+(?:the\s+)?(?P<l>{langs})"
                       rf"(?:\s+language)?\b", re.IGNORECASE),
            re.compile(rf"\b(?:conducted|held)\s+in\s+the\s+(?P<l>{langs})\s+language\b", re.IGNORECASE),
        ]
        self.seat_res = [
            re.compile(r"\b(?:seat|place|venue|situs|location)\s+of\s+(?:the\s+|any\s+)?arbitration\s+(?:shall|will)\s+be\s+"
                       r"(?:in\s+)?(?:the\s+)?(?P<s>[A-Z][\w.'\u2019]*(?:[ ,]+[A-Z][\w.'\u2019]*){0,4})"),
            re.compile(r"\barbitration\s+(?:shall\s+be\s+|will\s+be\s+)?(?:held|conducted|seated|located|take\s+place)?\s*"
                       r"in\s+(?:the\s+(?:City|County|State)\s+of\s+)?(?P<s>[A-Z][\w.'\u2019]*(?:[ ,]+[A-Z][\w.'\u2019]*){0,4})"),
        ]
        self.rules_re = re.compile(
            r"\b(?:under|with|pursuant\s+to|by|per)\s+(?:the\s+)?(?P<r>(?:(?:[A-Z][\w.'\u2019&-]*|of|the|for|and)\s+){0,8}?"
            r"(?:Arbitration\s+)?Rules(?:\s+of\s+(?:Arbitration|Conciliation\s+and\s+Arbitration|the\s+[A-Z][\w ]{2,60}?))?)"
            r"(?=[\s,.;)(]|$)")
        self.forum_re = re.compile(
            r"\b(?P<f>(?:(?:the|any|a)\s+)?(?:(?:[Ss]tate|[Ff]ederal|United\s+States|U\.S\.|[A-Z][\w]*|and|or|of|the)\s+){0,6}"
            r"[Cc]ourts?\s+(?:of\s+competent\s+jurisdiction\s+)?(?:located\s+|sitting\s+|situated\s+|having\s+jurisdiction\s+)?"
            r"(?:in|of|for|within)\s+(?:and\s+for\s+)?(?:the\s+)?[A-Z][^.;:()]{2,120})")
        self.bd_re = re.compile(
            r"[\"\u201c]\s*Business\s+Days?\s*[\"\u201d]\s*(?:\)\s*)?(?:shall\s+)?(?:means?|has\s+the\s+meaning|shall\s+have\s+the\s+meaning|refers?\s+to)\b", re.IGNORECASE)
        self.bd_paren_re = re.compile(
            r"\b(?:any|a|each)\s+day\s+(?:other\s+than|that\s+is\s+not|except|on\s+which|which\s+is\s+not)[^.;]{10,300}?"
            r"\(\s*(?:a|each|any\s+such\s+day,?\s+a|such\s+day\s+being\s+a)?\s*[\"\u201c]Business\s+Day[\"\u201d]\s*\)", re.IGNORECASE)
        cues = "|".join(data["heading_cues"])
        self.heading_re = re.compile(rf"(?:{cues})", re.IGNORECASE)

    # -- governing law ----------------------------------------------------------------------
    def norm_jurisdiction(self, j: str) -> str:
        j = re.sub(r"\s+", " ", j).strip(" .,'\u2019")
        j = re.sub(r"^(?:the\s+)?(?:State|Commonwealth|Province|Republic|Kingdom)\s+of\s+(?:the\s+)?", "", j, flags=re.IGNORECASE)
        j = re.sub(r"\s+(?:and|or|without|with|in|as|to|applicable|excluding|including)$", "", j)
        for k, v in self.data["normalize"].items():
            if j.lower() == k.lower():
                return v
        if j.isupper() and len(j) > 4:
            j = j.title().replace("'S", "'s").replace(" And ", " and ").replace(" Of ", " of ")
        return j

    def governing_law(self, text: str, sections: SectionIndex) -> dict | None:
        cands = []
        windows = self._windows(text)
        for prio, rx in enumerate(self.gl_res):
            for m in (m for lo, hi in windows for m in rx.finditer(text, lo, hi)):
                j = m.group("j")
                if re.fullmatch(r"(?:any|such|that|this|which|each|other|another|the|all|applicable)\b.*", j, re.IGNORECASE):
                    continue
                score = 0.0
                heading = sections.heading_at(m.start())
                back = text[max(0, m.start() - 400):m.start()]
                if re.search(r"govern\w*\s+law|choice\s+of\s+law|applicable\s+law|governing\s+laws", heading + " " + back[-250:], re.IGNORECASE):
                    score += 3
                sent = text[max(0, m.start() - 200):m.end() + 40]
                if re.search(r"\b(?:this|the)\s+(?:Agreement|Amendment|Contract|Addendum|Lease)\b|hereunder|hereto|herein", sent, re.IGNORECASE):
                    score += 2
                if re.search(r"\b(?:conflicts?|choice)\s+of\s+laws?\b", text[m.start():m.end() + 200], re.IGNORECASE):
                    score += 1
                score -= prio * 0.5 + m.start() / (len(text) + 1) * 0.1
                cands.append((score, m))
        if not cands:
            return None
        m = max(cands, key=lambda c: c[0])[1]
        jur = self.norm_jurisdiction(m.group("j"))
        if jur in ("United States", "United States of America"):
            # "the laws of the United States and, to the extent not inconsistent, the laws of Kentucky"
            nxt = re.search(rf"\blaws?\s+of\s+{self.place_re.pattern}", text[m.end():m.end() + 250])
            if nxt:
                jur = self.norm_jurisdiction(nxt.group("j"))
        out = {"jurisdiction": jur, "section": sections.number_at(m.start()) or self.section_before(text, m.start()),
               "forum": None, "seat": None, "institution": None, "rules": None, "language": None,
               "start": m.start("j"), "end": m.end("j")}
        self.dispute_terms(text, m.start(), sections, out)
        return out

    @staticmethod
    def _windows(text: str) -> list[tuple[int, int]]:
        """Stretches of text near the words a governing-law clause uses, merged (the clause
        patterns are costly; this keeps them off the rest of a 400 KB agreement)."""
        out: list[list[int]] = []
        for k in _GL_KEY.finditer(text):
            lo, hi = max(0, k.start() - 300), min(len(text), k.end() + 400)
            if out and lo <= out[-1][1]:
                out[-1][1] = max(out[-1][1], hi)
            else:
                out.append([lo, hi])
        return [(lo, hi) for lo, hi in out]

    @staticmethod
    def section_before(text: str, pos: int) -> str | None:
        """Number of the nearest numbered heading before pos ("6.1 Governing Law; Arbitration.")."""
        back = text[max(0, pos - 600):pos]
        hs = list(re.finditer(r"(?:^|\n|\s{2,}|\.\s)(?:Section\s+|SECTION\s+|Clause\s+)?(\d{1,2}(?:\.\d{1,2}){0,2})\.?\s+"
                              r"(?=[A-Z][A-Za-z]+[^.\n]{0,80}?(?:[Ll]aw|LAW|[Jj]urisdiction|JURISDICTION|[Aa]rbitration|ARBITRATION|[Dd]ispute|DISPUTE|[Vv]enue|VENUE))",
                              back))
        return hs[-1].group(1) if hs else None

    def dispute_terms(self, text: str, pos: int, sections: SectionIndex, out: dict) -> None:
        sec = sections.at(pos)
        if sec and sec.get("end", 0) - sec["start"] < 3 * DISPUTE_WINDOW:
            lo, hi = sec["start"], sec["end"]
        else:
            lo, hi = max(0, pos - 300), min(len(text), pos + DISPUTE_WINDOW)
        # a dispute-resolution section next to the governing-law one
        extra = re.compile(r"(?:arbitrat|dispute\s+resolution|jurisdiction|venue)", re.IGNORECASE)
        region = text[lo:hi]
        if not extra.search(region):
            region = text[lo:min(len(text), hi + DISPUTE_WINDOW)]
        f = self.forum_re.search(region)
        if f:
            forum = re.split(r",\s+(?=[a-z])|\s+(?:for\s+the\s+purpose|in\s+connection|with\s+respect|and\s+(?:each|the)\s+part|shall|will|to\s+(?:resolve|hear)|over\s+any)\b",
                             f.group("f"))[0]
            forum = re.sub(r"^(?:any|a)\s+", "", forum.strip(" ,"))
            if not re.search(r"competent\s+jurisdiction\s*$", forum):
                out["forum"] = re.sub(r"\s+", " ", forum)
        arb = re.search(r"arbitra", region, re.IGNORECASE)
        if not arb:
            return
        for key, rx in self.inst:
            if rx.search(region):
                out["institution"] = key
                break
        for rx in self.seat_res:
            s = rx.search(region)
            if s:
                seat = re.split(r"\s+(?:under|in\s+accordance|administered|by|before|pursuant|and|or|with)\b|,\s+(?=[a-z])",
                                s.group("s"))[0].strip(" ,.")
                if seat and not re.fullmatch(r"(?:Accordance|Section|Article|English|Chinese)\b.*", seat):
                    out["seat"] = self.norm_jurisdiction(seat)
                    break
        r = self.rules_re.search(region)
        if r:
            out["rules"] = re.sub(r"\s+", " ", r.group("r")).strip()
        for rx in self.lang_res:
            lm = rx.search(region)
            if lm:
                out["language"] = lm.group("l").title()
                break

    # -- business day ------------------------------------------------------------------------
    def business_day(self, text: str) -> tuple[str, int, int] | None:
        m = self.bd_re.search(text)
        if m:
            start = m.start()
        else:
            k = re.search(r"[\"\u201c]Business\s+Day[\"\u201d]\s*\)", text)
            m = self.bd_paren_re.search(text, max(0, k.start() - 400), k.end()) if k else None
            if not m:
                return None
            start = m.start()
            return re.sub(r"\s+", " ", text[start:m.end()]).strip(), start, m.end()
        seg = text[start:start + 700]
        stop = re.search(r"(?<=[a-z0-9)\]])\.(?=\s+(?:[A-Z(\u201c\"]|$))|;\s|\n[ \t]*\n|\.$", seg)
        end = start + (stop.start() + (1 if seg[stop.start()] == "." else 0) if stop else len(seg))
        return re.sub(r"\s+", " ", text[start:end]).strip(" ;"), start, end


def load_data(path: Path | None = None) -> dict:
    return json.loads((path or models_dir() / DATA_FILE).read_text(encoding="utf-8"))


@Language.factory("clausekit_law", default_config={"data_path": None})
def make_law(nlp: Language, name: str, data_path: str | None) -> LawComponent:
    return LawComponent(name=name, data_path=data_path)


class LawComponent(JsonDataComponent):
    """Governing law / dispute resolution and the Business Day definition."""

    data_file = DATA_FILE

    def __init__(self, *, name: str = "clausekit_law", data_path: str | None = None):
        self.name = name
        self.data_path = data_path
        self.data: dict | None = None
        self.finder: LawFinder | None = None

    def initialize(self, get_examples=None, *, nlp=None, data: dict | None = None) -> None:
        self._set_data(data or load_data(Path(self.data_path) if self.data_path else None))

    def _set_data(self, data: dict) -> None:
        self.data = data
        self.finder = LawFinder(data)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            self.initialize()
        text = clean_text(doc)
        sections = SectionIndex(doc._.clausekit_sections)
        gl = self.finder.governing_law(text, sections)
        bd = self.finder.business_day(text)
        spans = []
        if gl:
            s = doc.char_span(gl["start"], gl["end"], label="GOVERNING_LAW", alignment_mode="expand")
            if s is not None:
                spans.append(s)
        if bd:
            s = doc.char_span(bd[1], bd[2], label="BUSINESS_DAY", alignment_mode="expand")
            if s is not None:
                spans.append(s)
        doc._.clausekit_governing_law = gl
        doc._.clausekit_business_day = bd[0] if bd else None
        doc.spans[self.name] = spans
        return doc

