"""clausekit_provisions: conditions precedent and covenants, read off the section outline.

Runs after ``clausekit_sections`` (units and lettered sub-items) and ``clausekit_parties``
(parties and their aliases). It decides on the units that carry text of their own: every
level-2 unit, and every level-1 unit without sub-units.

- Conditions precedent (``doc._.clausekit_conditions``): in a unit whose heading, or whose
  article's heading, names conditions to closing / to a party's obligations, each lettered
  item is one condition (``3.1(a)``); a unit with no lettered items inside a conditions
  article is itself one condition. ``beneficiary`` is the party whose obligation the
  heading (or the unit's opening sentence) names, ``None`` for mutual conditions.
- Covenants (``doc._.clausekit_covenants``): a unit whose heading names an undertaking
  (vocabulary in ``models/provisions.json``), whose article is a covenants article, or whose
  heading is silent and whose text binds a party ("Supplier shall …", "Each Holder
  covenants …") — never a unit whose heading names a non-covenant subject (payment,
  indemnification, representations, conditions, termination, definitions, boilerplate).
  ``obligor`` is the alias of the one party that must act, ``None`` when several or all.
"""
from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import TEXT_KEY, JsonDataComponent, doc_text, models_dir, set_extension

set_extension("clausekit_conditions")
set_extension("clausekit_covenants")

DATA_FILE = "provisions.json"

_SENT_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z(“\"])|\n\s*\n")
_ADVERBS = re.compile(r"(?:\s+(?:hereby|also|further|promptly|each|not|itself|shall|and|or|will|"
                      r"irrevocably|expressly|severally|jointly|hereafter|thereafter|"
                      r"(?:covenants?|agrees?|acknowledges?|undertakes?)(?:\s+and)?|,))+$", re.IGNORECASE)
_CAP_PHRASE = re.compile(r"((?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)$")
_NOT_SUBJECTS = frozenset(
    ["agreement", "section", "article", "this", "it", "such", "notice", "closing", "date", "term", "schedule", "exhibit", "shares", "payment", "consideration", "policy", "amount", "price", "nothing", "neither", "no"])
_WARRANTY = re.compile(r"\b(represents?|warrants?)\b", re.IGNORECASE)
_STRONG_COVENANT = re.compile(r"\bcovenants?\b|\bundertakes?\b", re.IGNORECASE)
_COVENANT_VERB = re.compile(r"\bcovenants?\b|\bundertakes?\b|\bagrees? to\b", re.IGNORECASE)
#: obligations read per unit: enough to decide and to name the obligor
MAX_OBLIGATIONS = 40
_ABBREV_DOT = re.compile(r"\b(Inc|Corp|Ltd|Co|L\.P|N\.V|S\.A|B\.V|Jr|Sr|No)\.")
_POSSESSIVE = re.compile(r"(?:to|of)\s+(?:the\s+)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s?\s+obligations?", re.IGNORECASE)
_OBLIGATIONS_OF = re.compile(
    r"obligations?\s+(?:of|to)\s+(?:the\s+)?(.+?)(?=\s+(?:to|at|in|under|with|hereunder)\b|[.,;:(]|$)", re.IGNORECASE)


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


class ProvisionFinder:
    """Pure-Python reading of conditions and covenants from sections (no spaCy)."""

    def __init__(self, data: dict[str, Any]):
        c = lambda key: re.compile(data[key], re.IGNORECASE)
        self.condition_headings = c("condition_headings")
        self.condition_intro = c("condition_intro_text")
        self.mutual = c("mutual_beneficiary")
        self.cov_headings = c("covenant_headings")
        self.non_cov_headings = c("non_covenant_headings")
        self.cov_parent = c("covenant_parent_headings")
        self.obligation = c("obligation_text")
        self.non_obligation = c("non_obligation_text")
        self.collective = c("collective_subjects")

    # -- public -------------------------------------------------------------------------
    def find(self, text: str, sections: list[dict], subitems: list[dict],
             parties: list[dict]) -> tuple[list[dict], list[dict]]:
        aliases = _alias_table(parties)
        has_children: set[int] = set()
        top_i = -1
        for i, s in enumerate(sections):
            if s["level"] == 1:
                top_i = i
            elif top_i >= 0 and s.get("parent") == sections[top_i]["number"]:
                has_children.add(top_i)
        item_starts = [it["start"] for it in subitems]
        conditions: list[dict] = []
        covenants: list[dict] = []
        top: dict | None = None
        for i, s in enumerate(sections):
            if s["level"] == 1:
                top = s
                if i in has_children:
                    continue
                parent = None
            else:
                parent = top if top is not None and s.get("parent") == top["number"] else None
            unit_text = text[s["start"]:s["end"]]
            lo = bisect.bisect_left(item_starts, s["start"])
            hi = bisect.bisect_left(item_starts, s["end"])
            items = subitems[lo:hi]
            if self._is_conditions(s, parent, unit_text):
                conditions += self._conditions(s, parent, unit_text, items, text, aliases)
                continue
            cov = self._covenant(s, parent, unit_text, aliases)
            if cov is not None:
                covenants.append(cov)
        return conditions, covenants

    # -- conditions ---------------------------------------------------------------------
    def _is_conditions(self, s: dict, parent: dict | None, unit_text: str) -> bool:
        own = s.get("heading") or ""
        if own and self.condition_headings.search(own):
            return True
        if parent is not None and self.condition_headings.search(parent.get("heading") or ""):
            # a unit of a conditions article, unless it is about something else
            return not (own and re.search(r"terminat|frustration|waiver|definitions", own, re.IGNORECASE))
        return False

    def _conditions(self, s: dict, parent: dict | None, unit_text: str, items: list[dict],
                    text: str, aliases: dict[str, str]) -> list[dict]:
        beneficiary = self._beneficiary(s.get("heading") or "", unit_text, aliases)
        if beneficiary is _MISSING and parent is not None:
            beneficiary = self._beneficiary(parent.get("heading") or "", "", aliases)
        if beneficiary is _MISSING:
            beneficiary = None
        bare = re.sub(r"^(?:section|article)\s+", "", s["number"], flags=re.IGNORECASE)
        out = []
        if items:
            for it in items:
                quote = _first_sentence(text[it["start"] + len(it["label"]):it["end"]])
                out.append({"section": it["id"], "beneficiary": beneficiary, "quote": quote,
                            "start": it["start"], "end": it["end"]})
        elif not self.condition_headings.search(s.get("heading") or ""):
            # a unit of a conditions article that is one condition ("8.1 No Restraints")
            body = _strip_heading(unit_text, s)
            out.append({"section": bare, "beneficiary": beneficiary, "quote": _first_sentence(body),
                        "start": s["start"], "end": s["end"]})
        return out

    def _beneficiary(self, heading: str, unit_text: str, aliases: dict[str, str]):
        for source in (heading, _first_sentence(_strip_heading(unit_text, None), 400)):
            if not source:
                continue
            m = _POSSESSIVE.search(source) or _OBLIGATIONS_OF.search(source)
            if m:
                who = m.group(1).strip()
                hit = _lookup(who, aliases)
                if hit is not None:
                    return hit
                if self.mutual.search(who) or re.search(r"\band\b|\beach\b|\ball\b", who, re.IGNORECASE):
                    return None
                return who
            if re.search(r"\bmutual\b|each party|all parties|the parties", source, re.IGNORECASE):
                return None
        return _MISSING

    # -- covenants ----------------------------------------------------------------------
    def _covenant(self, s: dict, parent: dict | None, unit_text: str,
                  aliases: dict[str, str]) -> dict | None:
        own = (s.get("heading") or "").strip()
        if re.match(r"(?i)item\s", s["number"]):
            return None  # the items of a cover filing describe; they do not bind
        body = _strip_heading(unit_text, s)
        subjects: list | None = None

        def bound() -> bool:  # the text binds a party ("Supplier shall …"); computed on demand
            nonlocal subjects
            if subjects is None:
                subjects = self._obligation_subjects(body, aliases)
            return bool(subjects)

        pos = bool(own) and bool(self.cov_headings.search(own))
        neg = bool(own) and bool(self.non_cov_headings.search(own))
        parent_heading = (parent.get("heading") or "") if parent is not None else ""
        if own and re.search(r"covenant|undertaking", own, re.IGNORECASE) and not neg:
            ok = True
        elif re.search(r"representations", parent_heading, re.IGNORECASE) and not _COVENANT_VERB.search(body):
            ok = False  # statements of fact at signing
        elif parent_heading and self.cov_parent.search(parent_heading):
            ok = pos or bound()  # a unit of a covenants article that binds someone
        elif neg or (_WARRANTY.search(body[:400]) and not _STRONG_COVENANT.search(body)):
            ok = False
        elif pos:
            ok = bound()
        elif parent_heading and self.non_cov_headings.search(parent_heading):
            ok = False  # a unit of a definitions / payment / general provisions article
        else:
            ok = bound()
        if not ok:
            return None
        bound()
        return {"section": re.sub(r"^(?:section|article)\s+", "", s["number"], flags=re.IGNORECASE)
                if re.match(r"(?i)article", s["number"]) else s["number"],
                "obligor": _obligor(subjects or []), "heading": s.get("heading"),
                "start": s["start"], "end": s["end"]}

    def _obligation_subjects(self, body: str, aliases: dict[str, str]) -> list[str | None]:
        """The subjects of "X shall / will / agrees to …" in ``body``; None for several parties."""
        out: list[str | None] = []
        for n, m in enumerate(self.obligation.finditer(body)):
            if n >= MAX_OBLIGATIONS:
                break
            after = body[m.end():m.end() + 60]
            if self.non_obligation.match(after):
                continue
            before = body[max(0, m.start() - 120):m.start()]
            before = _ABBREV_DOT.sub(r"\1", before)  # "Acme Corp. shall" is one sentence
            before = re.split(r"[.;:(\n]|\bthat\b|\bif\b|\bwhich\b|\bwho\b|\bunless\b", before)[-1]
            before = _ADVERBS.sub("", before.rstrip()).rstrip(" ,")
            subj = self._subject(before, aliases)
            if subj is _MISSING:
                continue
            out.append(subj)
        return out

    def _subject(self, before: str, aliases: dict[str, str]):
        if re.search(r"\b(?:each|every)\s+(?:of\s+)?(?:the\s+)?(?:part(?:y|ies))\b", before, re.IGNORECASE):
            return None
        before = re.sub(r"^.*\b(?:[Ee]ach|[Ee]very|[Aa]ny)\s+(?=[A-Z])", "", before)
        low = _key(before)
        if re.search(r"(?:\b(?:each|either|both|all|any)\s+(?:of\s+the\s+)?part(?:y|ies)(?:\s+hereto)?|\bthe\s+parties(?:\s+hereto)?|\beach\s+of\s+[A-Z][\w ]+\s+and\s+[A-Z][\w]+)$",
                     before, re.IGNORECASE):
            return None
        for key, alias in aliases.items():
            if key and low.endswith(key) and (len(low) == len(key) or not low[-len(key) - 1].isalnum()):
                return alias
        m = _CAP_PHRASE.search(before)
        if m:
            phrase = re.sub(r"^(?:The|the)\s+", "", m.group(1)).strip()
            words = phrase.split()
            if words and words[0].lower() not in _NOT_SUBJECTS and words[-1].lower() not in _NOT_SUBJECTS:
                if aliases:
                    # with known parties, an unknown capitalised subject binds someone unnamed
                    return _lookup(phrase, aliases)
                return phrase
        if re.search(r"\b(?:he|she)$", before):
            return _MISSING
        return _MISSING


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING = _Missing()


def _obligor(subjects: list) -> str | None:
    named = [s for s in subjects if s is not None]
    if not subjects or len(named) < len(subjects) / 2 or not named:
        return None
    counts = Counter(named)
    top, n = counts.most_common(1)[0]
    if len(counts) > 1 and n < 2 * sum(v for k, v in counts.items() if k != top):
        return None  # several parties bound alike
    return top


_SUFFIXES = re.compile(r"(?:\s+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|"
                       r"l\s?p|plc|s\s?a|n\s?v|b\s?v|gmbh|ag|lp|llp))+$")


def _key(s: str) -> str:
    """A name or alias for matching: lower case, no "the", punctuation or corporate suffix."""
    s = re.sub(r"[^\w&\s]", " ", s.lower())
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^the\s+", "", s)
    return _SUFFIXES.sub("", s).strip()


def _lookup(who: str, aliases: dict[str, str]) -> str | None:
    k = _key(who)
    if not k:
        return None
    if k in aliases:
        return aliases[k]
    for key, alias in aliases.items():  # "Acme Holdings" for "Acme Holdings, Inc."
        if key.startswith(k + " ") or k.startswith(key + " "):
            return alias
    return None


def _alias_table(parties: list[dict]) -> dict[str, str]:
    """Matching key of a name or alias -> the alias to report.

    An alias is reported as written ("Supplier" stays "Supplier" even when the party's first
    alias is "Ferrer"); a plural the text uses ("the Holders") is reported in that form; a
    legal name is reported as the party's first alias.
    """
    table: dict[str, str] = {}
    for p in parties or []:
        aliases = [a for a in p.get("aliases") or [] if a]
        if p.get("name"):
            table.setdefault(_key(p["name"]), aliases[0] if aliases else p["name"])
        for a in aliases:
            table[_key(a)] = a
            plural = a[:-1] + "ies" if a.endswith("y") else a + "s"
            if not a.endswith("s"):
                table.setdefault(_key(plural), plural)
    table.pop("", None)
    # longest first, so "Seller Party Representative" wins over "Seller Party"
    return dict(sorted(table.items(), key=lambda kv: -len(kv[0])))


def _strip_heading(unit_text: str, s: dict | None) -> str:
    """The unit's text after its number and heading."""
    first_nl = unit_text.find("\n")
    head_line = unit_text if first_nl == -1 else unit_text[:first_nl]
    if s is not None and s.get("heading"):
        k = head_line.find(s["heading"])
        if k != -1:
            return unit_text[k + len(s["heading"]):].lstrip(" .:*\t")
    return unit_text


def _first_sentence(text: str, limit: int = 300) -> str:
    """The first sentence; a leading caption ("Stockholder Approval.") takes the next one along."""
    t = re.sub(r"\s+", " ", text).strip(" -*")
    parts = re.split(r"(?<=[.;])\s+(?=[A-Z(“\"])", t, maxsplit=2)
    first = parts[0] if parts else t
    words = first.rstrip(".;").split()
    if len(parts) > 1 and len(words) <= 8 and all(w[0].isupper() or w.lower() in _SMALL for w in words if w[0].isalpha()):
        first = f"{first} {parts[1]}"
    return first[:limit].rstrip()


_SMALL = frozenset(["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "without", "no"])


def _mark_types(sections: list[dict], conditions: list[dict], covenants: list[dict]) -> None:
    """Type the units this component decided on: "covenant" and "conditions_precedent"."""
    by_start = {s["start"]: s for s in sections}
    for c in covenants:
        if c["start"] in by_start:
            by_start[c["start"]]["type"] = "covenant"
    starts = sorted(by_start)
    for c in conditions:
        i = bisect.bisect_right(starts, c["start"]) - 1
        if i >= 0 and by_start[starts[i]]["type"] is None:
            by_start[starts[i]]["type"] = "conditions_precedent"


@Language.factory("clausekit_provisions")
def make_provisions(nlp: Language, name: str) -> ProvisionsComponent:
    return ProvisionsComponent(nlp, name)


class ProvisionsComponent(JsonDataComponent):
    """Sets ``doc._.clausekit_conditions`` and ``doc._.clausekit_covenants``."""

    data_file = DATA_FILE

    def __init__(self, nlp: Language, name: str = "clausekit_provisions"):
        self.name = name
        self.data: dict[str, Any] | None = None
        self.finder: ProvisionFinder | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data: dict | None = None) -> None:
        self._set_data(data if data is not None else _load(models_dir() / DATA_FILE))

    def _set_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self.finder = ProvisionFinder(data)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            self.initialize()
        # every unit, including those of an attached instrument that repeats a number
        sections = (doc._.clausekit_sections_all if Doc.has_extension("clausekit_sections_all")
                    and doc._.clausekit_sections_all is not None else doc._.clausekit_sections) or []
        subitems = doc._.clausekit_subitems or []
        parties = doc._.clausekit_parties if Doc.has_extension("clausekit_parties") else []
        # the text kept as one string (the last component drops it)
        text = doc_text(doc)
        del doc.user_data[TEXT_KEY]
        conditions, covenants = self.finder.find(text, sections, subitems, parties or [])
        _mark_types(sections, conditions, covenants)
        for s in sections:  # a covenants article ("ARTICLE VI COVENANTS")
            if s["level"] == 1 and s["type"] is None and self.finder.cov_parent.search(s.get("heading") or ""):
                s["type"] = "covenant"
        doc._.clausekit_conditions = conditions
        doc._.clausekit_covenants = covenants
        return doc

