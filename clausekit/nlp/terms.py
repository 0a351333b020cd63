"""clausekit_terms: every term the agreement defines, with offsets.

Shapes recognised (straight and curly quotes; Markdown/HTML markup is masked first):

* parenthetical definitions: ``(the "Company")``, ``("Act")``, ``(each, a "Seller Party" and
  collectively, the "Seller Parties")``, ``(hereinafter referred to as "Ferrer" and/or "Supplier")``;
* definition verbs after the term: ``"X" means``, ``"X" shall mean``, ``"X" has the meaning``,
  ``"X" shall have the meanings``, ``"X" refers to`` (definitions sections and ``as defined
  below`` tables included, since each entry is written that way);
* cue phrases before the term: ``hereinafter "X"``, ``referred to (herein) as the "X"``,
  ``the term "X"``, ``collectively, the "X"``.

A quoted phrase with none of these around it (``under the symbol "VNET"``, ``deemed "filed"``,
``(known as "MT-103")``, a quoted heading) is not a definition.

Writes ``doc._.clausekit_terms``: ``[{term, section, start, end, definition}]`` (first
definition of each term, in text order; ``start``/``end`` cover the term without quotes) and
the span group ``doc.spans["clausekit_terms"]``. Cue phrases live in ``models/terms.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.legal_text import SectionIndex, mask_markup
from clausekit.nlp.util import JsonDataComponent, doc_text, models_dir, set_extension

set_extension("clausekit_terms")
set_extension("clausekit_clean_text")  # masked text, shared with parties/law (not JSON-exported)

DATA_FILE = "terms.json"

#: a quoted phrase: an opening quote not glued to a preceding word, up to 100 chars, one line
QUOTE_RE = re.compile(
    r"(?:(?<![A-Za-z0-9%\u201d])|(?<=\d)(?=[\"\u201c][A-Z]))[\"\u201c]\s*(?P<t>(?:[^\"\u201c\u201d\n()]|\n(?![ \t]*\n)|\(\w{1,4}\)){1,100}?)\s*[\"\u201d]"
)
_TRIM = " \t\r\n.,;:"
#: a cue phrase before a quoted term contains one of these (cheap pre-check before the regex)
_BEFORE_WORDS = ("herein", "hereafter", "referred", "term", "word", "expression", "phrase", "collectively",
                 "individually", "jointly", "together", "each", "called", "designated", "known", "defined")


@dataclass
class TermHit:
    term: str
    start: int  # of the term text (quotes excluded)
    end: int
    q_start: int  # of the opening quote
    q_end: int  # after the closing quote
    kind: str  # "paren" | "means" | "cue" | "chain"
    paren: int | None = None  # offset of the "(" of a parenthetical definition
    definition: str = ""


class TermFinder:
    """Finds defined terms in (masked) text; the rules come from models/terms.json."""

    def __init__(self, data: dict):
        self.data = data
        after = "|".join(data["after_cues"])
        self.after_re = re.compile(rf"\s*[,:]?\s*(?:{after})\b", re.IGNORECASE)
        words = sorted(data["paren_words"], key=len, reverse=True)
        word_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        # text inside a parenthetical before the quote: only cue words, separators and
        # "together with <name>" / "each of <names>" phrases
        self.paren_prefix_re = re.compile(
            rf"(?:\s|[,;:]|\bQ\b|\b(?:{word_alt})\b|\btogether\s+with\s+[^,;()]{{1,80}}?(?=,|\s+(?:each|collectively|the|a|an)\b)"
            rf"|\beach\s+of\s+[^()]{{1,120}}?,\s*(?=a|an|the)\b)*",
            re.IGNORECASE,
        )
        before = "|".join(data["before_cues"])
        self.before_re = re.compile(rf"(?:{before})\s*[,:]?\s*$", re.IGNORECASE)
        self.chain_re = re.compile(r"\s*(?:,|;)?\s*(?:(?:and|or|and/or|as well as|including)\s+)?(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
        self.chain_after_re = re.compile(r"\s*(?:,|;)?\s*(?:and|or|and/or)?\s*(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def open_paren(text: str, pos: int, limit: int = 400) -> int | None:
        """Offset of the innermost unclosed "(" before pos (within ``limit`` chars)."""
        lo = max(0, pos - limit)
        idx = text.rfind("(", lo, pos)
        if idx == -1:
            return None
        if text.find(")", idx, pos) == -1:  # the common case: no nested parenthesis in between
            brk = text.find("\n\n", idx, pos)
            return idx if brk == -1 else None
        depth = 0
        for i in range(pos - 1, lo - 1, -1):
            c = text[i]
            if c == ")":
                depth += 1
            elif c == "(":
                if depth == 0:
                    return i
                depth -= 1
            elif c == "\n" and i < pos - 1 and text[i + 1] == "\n":
                return None  # paragraph break
        return None

    def find(self, text: str, lo: int = 0, hi: int | None = None) -> list[TermHit]:
        """Every quoted phrase in text[lo:hi] that the context marks as a definition."""
        hi = len(text) if hi is None else hi
        quotes = list(QUOTE_RE.finditer(text, lo, hi))
        hits: list[TermHit | None] = [None] * len(quotes)
        for i, m in enumerate(quotes):
            hits[i] = self._classify(text, m, quotes[i - 1] if i else None, hits[i - 1] if i else None)
        # right to left: "X" or "Y" means ... ; "X" and "Y" shall have the meanings ...
        for i in range(len(quotes) - 2, -1, -1):
            if hits[i] is None and hits[i + 1] is not None and hits[i + 1].kind in ("means", "chain"):
                between = text[quotes[i].end():quotes[i + 1].start()]
                if len(between) < 12 and self.chain_after_re.match(between):
                    hits[i] = self._hit(text, quotes[i], "chain", None)
        return [h for h in hits if h is not None and self._plausible(h.term)]

    @staticmethod
    def _plausible(term: str) -> bool:
        if not term or len(term) > 80 or not re.search(r"[A-Za-z]", term):
            return False
        if len(term.split()) > 9:
            return False
        return not re.fullmatch(r"(?:and|or|the|a|an|of|to|in)", term, re.IGNORECASE)

    def _hit(self, text: str, m: re.Match, kind: str, paren: int | None) -> TermHit:
        raw_s, raw_e = m.start("t"), m.end("t")
        term = text[raw_s:raw_e]
        lead = len(term) - len(term.lstrip(_TRIM))
        term = term.strip(_TRIM)
        term = re.sub(r"\s+", " ", term)
        start = raw_s + lead
        end = start + len(text[raw_s + lead:raw_e].rstrip(_TRIM))
        return TermHit(term=term, start=start, end=end, q_start=m.start(), q_end=m.end(),
                       kind=kind, paren=paren, definition=self._definition(text, m, kind, paren))

    def _classify(self, text: str, m: re.Match, prev: re.Match | None, prev_hit: TermHit | None) -> TermHit | None:
        qs, qe = m.start(), m.end()
        if self.after_re.match(text, qe):
            return self._hit(text, m, "means", None)
        before = text[max(0, qs - 160):qs]
        low = before[-90:].lower()
        if any(w in low for w in _BEFORE_WORDS) and self.before_re.search(re.sub(r"\s+", " ", before)):
            return self._hit(text, m, "cue", self.open_paren(text, qs))
        paren = self.open_paren(text, qs)
        if paren is not None:
            prefix = text[paren + 1:qs]
            if prev is not None and prev.start() > paren:
                if prev_hit is None:
                    return None
                prefix = prefix[:prev.start() - paren - 1] + " Q " + prefix[prev.end() - paren - 1:]
            if self.paren_prefix_re.fullmatch(prefix) and self._paren_closes(text, qe):
                return self._hit(text, m, "paren", paren)
        if prev_hit is not None and qs - prev.end() < 16 and self.chain_re.match(text[prev.end():qs]):
            return self._hit(text, m, "chain", prev_hit.paren)
        return None

    @staticmethod
    def _paren_closes(text: str, pos: int) -> bool:
        """After a parenthetical term the parenthesis closes soon (or another term follows)."""
        tail = text[pos:pos + 200]
        close = tail.find(")")
        return close != -1

    @staticmethod
    def _definition(text: str, m: re.Match, kind: str, paren: int | None) -> str:
        if kind == "means" or kind == "chain" and paren is None:
            seg = text[m.end():m.end() + 300]
            stop = re.search(r"(?<=[a-z0-9)\]])\.(?=\s+[A-Z(\u201c\"]|\s*$)|\n\s*\n|;", seg)
            seg = seg[:stop.start() if stop else len(seg)]
            seg = re.sub(r"^\s*[,:]?\s*(?:shall\s+|will\s+)?(?:means?|refers?\s+to)\s+", "", seg)
            return re.sub(r"\s+", " ", seg).strip()[:240]
        anchor = paren if paren is not None else m.start()
        seg = text[max(0, anchor - 240):anchor]
        stop = list(re.finditer(r"(?<=[a-z0-9)\]])\.\s+|\n\s*\n|;\s", seg))
        seg = seg[stop[-1].end():] if stop else seg
        return re.sub(r"\s+", " ", seg).strip()[-240:]


def clean_text(doc: Doc) -> str:
    """The masked text of a doc (computed once per doc, shared by the entity components)."""
    t = doc._.clausekit_clean_text
    text = doc_text(doc)
    if t is None or len(t) != len(text):
        t = mask_markup(text)
        doc._.clausekit_clean_text = t
    return t


def load_data(path: Path | None = None) -> dict:
    return json.loads((path or models_dir() / DATA_FILE).read_text(encoding="utf-8"))


@Language.factory("clausekit_terms", default_config={"data_path": None})
def make_terms(nlp: Language, name: str, data_path: str | None) -> TermsComponent:
    return TermsComponent(name=name, data_path=data_path)


class TermsComponent(JsonDataComponent):
    """Defined terms → ``doc._.clausekit_terms`` and ``doc.spans["clausekit_terms"]``."""

    data_file = DATA_FILE

    def __init__(self, *, name: str = "clausekit_terms", data_path: str | None = None):
        self.name = name
        self.data_path = data_path
        self.data: dict | None = None
        self.finder: TermFinder | None = None

    def initialize(self, get_examples=None, *, nlp=None, data: dict | None = None) -> None:
        self._set_data(data or load_data(Path(self.data_path) if self.data_path else None))

    def _set_data(self, data: dict) -> None:
        self.data = data
        self.finder = TermFinder(data)

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            self.initialize()
        text = clean_text(doc)
        sections = SectionIndex(doc._.clausekit_sections)
        seen: set[str] = set()
        out: list[dict] = []
        spans = []
        for h in self.finder.find(text):
            if h.term in seen:
                continue
            seen.add(h.term)
            out.append({"term": h.term, "section": sections.number_at(h.start), "start": h.start,
                        "end": h.end, "definition": h.definition or None})
            span = doc.char_span(h.start, h.end, label="TERM", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc._.clausekit_terms = out
        doc.spans[self.name] = spans
        return doc

    # -- serialization ---------------------------------------------------------------------
