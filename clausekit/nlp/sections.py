"""clausekit_sections: segment an agreement into numbered units (articles, sections, items).

The component works on ``doc.text`` with precompiled regular expressions, line by line, and
maps character offsets to tokens only for the span group. It finds *candidate* headings

- at the start of a line (after Markdown ``#``/``**`` markers): ``ARTICLE IV``, ``Article 4``,
  ``SECTION ONE``, ``Section 4.02 Closing.``, ``4.2 Closing.``, ``1. AGREEMENT TO …``,
  ``Item 4. Purpose of Transaction.``;
- inside a line, for text whose paragraphs were run together (``… the Term. 1.2 Duties: …``),
  only after a sentence end, a capitalised heading word or a page number,

drops those in a table of contents, and keeps the candidates that continue the numbering
(``2.3`` after ``2.2``, ``ARTICLE V`` after ``ARTICLE IV``, a restart at 1 for an annexed
instrument), so cross-references, numbered lists and dates are not taken for headings.
Lettered items ``(a)``, ``(b)``… inside each unit are kept as sub-items.

Results (JSON-safe):

- ``doc._.clausekit_sections_all``: ``[{number, heading, level, parent, start, end, type}]``
  (the fields of ``clausekit.types.Section``), every unit in text order;
- ``doc._.clausekit_sections``: the same, but (with the default ``repeated_numbers="first"``)
  only the first unit of each number: a section number identifies one unit in the extraction
  record, which other fields refer to by number. Units of an attached instrument that restarts
  the numbering (by-laws annexed to a merger agreement, a form of CVR agreement, a warrant
  annexed to a consulting agreement) stay in ``clausekit_sections_all``, in the span group,
  and are read by ``clausekit_provisions``. ``repeated_numbers="keep"`` lists them all;
- ``doc._.clausekit_subitems``: ``[{label, section, id, start, end}]``;
- ``doc.spans["clausekit_sections"]``: one span per unit, labelled ``level1`` / ``level2``.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import JsonDataComponent, doc_text, models_dir, set_extension

set_extension("clausekit_sections")
set_extension("clausekit_subitems")
set_extension("clausekit_sections_all")

DATA_FILE = "sections.json"
SPAN_KEY = "clausekit_sections"

_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

# a candidate at the start of a line, after optional Markdown heading / bold markers
_LINE_HEAD = re.compile(
    r"^(?P<pre>[ \t]*(?:#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*(?:<b>|<u>)*[ \t]*)"
    r"(?:(?P<kw>(?:ARTICLE|Article|SECTION|Section|ITEM|Item)(?=[ \t])|§)[ \t]*"
    r"(?P<kwnum>\d{1,3}(?:\.\d{1,3})*|[A-Za-z]{1,12}\b)"
    r"|(?P<num>\d{1,3}(?:\.\d{1,3})*)|(?P<roman>[IVX]{1,5})(?=\.[ \t]+[A-Z]))"
    r"(?P<dot>\.?|\))(?P<rest>(?:[ \t][^\n]*)?|(?:\*\*|__)[^\n]*)$",
    re.MULTILINE,
)
# a candidate inside a line (paragraphs run together); context is checked in code
_INLINE_HEAD = re.compile(
    r"(?<![\w.,§(/$%&\-'’\"“])"
    r"(?:(?P<kw>ARTICLE|Article|SECTION|Section)[ \t]+(?P<kwnum>\d{1,3}(?:\.\d{1,3})?|[IVXL]{1,6}\b)"
    r"|(?P<num>\d{1,3}\.\d{1,3}|\d{1,3}\.(?=[ \t])|\d{1,2}(?=\)[ \t])))"
    r"(?P<dot>\.?|\))(?=[ \t])"
)
_SUBITEM = re.compile(r"(?:^[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?|[.:;][ \t]+(?:(?:and|or)[ \t]+)?|\)[ \t]+)\((?P<label>[a-z]{1,2})\)(?=\s)", re.MULTILINE)
_SUBNUM = re.compile(r"(?:^[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?|[.:;][ \t]+)(?P<label>\d{1,3}\.\d{1,3}\.\d{1,3})\.?(?=\s)", re.MULTILINE)
_TOC_PAGE = re.compile(r"(?:\t|[ \t]{2,}|\.{3,}[ \t]*)(?:\d{1,3}|[ivxl]{1,6})[ \t]*$")
# where a heading stops: a sentence end, a colon, a lettered item, a quoted defined term, a number
_HEADING_END = re.compile(
    r"\.(?=\s|$)|\s*:(?=\s|$)|\s\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})\)[\s.]|(?<=\s)[“\"](?=[A-Z])"
    r"|\s(?=\d{1,3}\.\d{1,3}\.?\s)")
_TAGS = re.compile(r"<[^>]{1,80}>")
_MARKUP = re.compile(r"\*\*|__|\\(?=[$*_#])")
_WORD = re.compile(r"(?<![\w\-])[A-Za-z][A-Za-z'’\-]+")
_LINE_END = re.compile(r"\n")

_POINT_ZERO = re.compile(r"[1-9]\d?\.0")
_KINDS = {None: "num", "ARTICLE": "article", "Article": "article", "SECTION": "section",
          "Section": "section", "ITEM": "item", "Item": "item", "§": "para"}
# a short title printed before the number of a run-in paragraph ("… as follows: Formation 1. By …",
# "INDEMNIFICATION 8. Each party …"): after a sentence end, a colon or at the line start
_TITLE_BEFORE = re.compile(
    r"(?:^|(?<!\d)[.:;!?][\"”)]?[ \t]+)(?P<title>[A-Z][\w&'’/\-]*(?:[ \t]+[\w&'’/\-]+){0,6})[ \t]+$")

#: small words that may be lower-case inside a title
_TITLE_STOP = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with", "without", "under", "upon", "between", "among", "against", "after", "before", "prior", "its", "their", "his", "her", "other", "than", "not", "no", "nor", "per", "via", "vs", "etc", "including", "regarding", "relating", "concerning", "during", "within"]
)
_MONTHS = frozenset(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"])
#: capitalised words that open a sentence rather than continue a title
_SENTENCE_STARTERS = frozenset(
    ["This", "The", "Each", "Any", "All", "In", "If", "Upon", "Such", "No", "Neither", "Either", "Notwithstanding", "Except", "Subject", "Unless", "For", "During", "At", "On", "As", "A", "An", "Its", "It", "Following", "Prior", "After", "Before", "Within", "When", "Where", "Without", "With", "Nothing", "Both", "To", "From", "By", "Until", "Whereas", "Pursuant", "Promptly", "There", "These", "Our", "We", "You"]
)
#: a sentence that starts inside a run of capitalised words ("Express Limited Warranty For the
#: purpose of this Agreement, …"); not "Prior to Closing", "Without a Vote"
_SENTENCE_OPENING = re.compile(
    r"\s(?:For|In|If|Upon|Notwithstanding|Except|Unless|During|At|On|As|When|Where|Each|Any|All|This|The)"
    r"\s+(?:the|this|any|each|a|an|such|its|all|no|purposes?|event|case|order)\s")

#: words that take a capital letter as a name ("Party A", "Schedule A"), so "A" does not open a sentence
_LETTERED_NAMES = frozenset(["Party", "Schedule", "Exhibit", "Annex", "Appendix", "Class", "Series", "Part", "Phase",
                             "Stage", "Tranche", "Group", "Type", "Plan", "Attachment", "Section", "Article"])

#: words before an inline number that make it a cross-reference, not a heading
_XREF_WORDS = frozenset(
    ["section", "sections", "article", "articles", "clause", "clauses", "item", "items", "exhibit", "schedule", "annex", "appendix", "rule", "form", "paragraph", "no", "part"]
)


def roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not _ROMAN.match(s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total


@dataclass
class Candidate:
    start: int  # offset of the number (keyword included)
    kind: str  # article | section | item | num
    values: tuple[int, ...]
    number: str  # as printed, no trailing dot
    heading: str | None
    inline: bool
    line_no: int
    body_follows: bool = True  # the line has text after the heading
    weak: bool = False  # a numbered paragraph with no heading ("5. The Term may be extended …")
    toc: bool = False  # a table-of-contents entry (ends with a page number)
    level: int = 0
    parent: str | None = None


@dataclass
class SegmenterConfig:
    number_words: dict[str, int] = field(default_factory=dict)
    abbreviations: frozenset[str] = frozenset()
    toc_markers: tuple[str, ...] = ("table of contents", "contents", "index")
    max_heading_chars: int = 180
    types: list[tuple[str, re.Pattern]] = field(default_factory=list)
    inherited_types: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SegmenterConfig:
        return cls(
            number_words={k.lower(): int(v) for k, v in data.get("number_words", {}).items()},
            abbreviations=frozenset(a.lower() for a in data.get("abbreviations", [])),
            toc_markers=tuple(m.lower() for m in data.get("toc_markers", ["table of contents"])),
            max_heading_chars=int(data.get("max_heading_chars", 180)),
            types=[(name, re.compile(rx, re.IGNORECASE)) for name, rx in data.get("types", [])],
            inherited_types=frozenset(data.get("inherited_types", [])),
        )


class Segmenter:
    """Pure-Python segmentation of a text into sections and sub-items (no spaCy)."""

    def __init__(self, config: SegmenterConfig):
        self.cfg = config
        markers = "|".join(re.escape(m) for m in config.toc_markers) or "table of contents"
        self._toc_marker = re.compile(
            rf"^[ \t#*]*(?:{markers})[ \t*]*(?:page)?[ \t*]*$", re.IGNORECASE | re.MULTILINE)

    # -- public -------------------------------------------------------------------------
    def segment(self, text: str) -> tuple[list[dict], list[dict]]:
        line_starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
        cands = self._line_candidates(text, line_starts) + self._inline_candidates(text, line_starts)
        cands.sort(key=lambda c: c.start)
        _mark_run_in_toc(text, cands)
        cands = self._drop_toc(text, cands, line_starts)
        cands = _drop_weak_repeats(cands)
        cands = _drop_inline_lists(cands, text)
        accepted = _drop_lone_weak_runs(self._sequence(cands), len(text))
        sections = self._build_sections(text, accepted)
        subitems = self._subitems(text, sections)
        return sections, subitems

    # -- candidates ---------------------------------------------------------------------
    def _parse_number(self, kw: str | None, raw: str) -> tuple[int, ...] | None:
        if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", raw):
            return tuple(int(p) for p in raw.split("."))
        if kw is None:
            return None
        if (r := roman_to_int(raw)) is not None and raw.isupper():
            return (r,)
        if (w := self.cfg.number_words.get(raw.lower())) is not None and (raw.isupper() or raw.istitle()):
            return (w,)
        return None

    def _line_candidates(self, text: str, line_starts: list[int]) -> list[Candidate]:
        out: list[Candidate] = []
        for m in _LINE_HEAD.finditer(text):
            kw = m.group("kw")
            raw = m.group("kwnum") if kw else (m.group("num") or m.group("roman"))
            if m.group("roman"):  # "III. SERVICES": a bare Roman numeral before an upper-case title
                r = roman_to_int(raw)
                values = (r,) if r else None
                rest0 = _clean(m.group("rest"))
                # or a line of its own that is a short title ("II. Affiliate Program")
                if values is None or not (_caps_run(rest0) or _short_title_line(rest0)):
                    continue
            else:
                values = self._parse_number(kw, raw)
            if values is None or len(values) > 2 or (m.group("dot") == ")" and len(values) > 1):
                continue
            rest = _clean(m.group("rest")).lstrip(":-–— \t")  # "ARTICLE II : ENGAGEMENT"
            line_no = bisect.bisect_right(line_starts, m.start()) - 1
            line_end = m.end()
            toc_line = bool(_TOC_PAGE.search(m.group(0))) and len(m.group(0)) < 250
            kind = "roman" if m.group("roman") else _KINDS.get(kw, "num")
            if kind == "num":
                if len(values) == 1 and not m.group("dot"):
                    # bare "4" without a dot: page numbers, table rows ("1\tNAME OF …")
                    if not rest or "\t" in m.group("rest")[:3] or re.match(r"(?:ARTICLE|Article|SECTION|Section)\b", rest):
                        continue
                    if not _caps_run(rest):
                        continue  # "1 Francis Crick Avenue": an address, not "1 DEFINITIONS"
                if values[0] == 0 or (len(values) > 1 and values[1] == 0 and not _POINT_ZERO.fullmatch(raw)):
                    continue
            if rest and not re.match(r"[A-Z\"“'‘(\[]", rest):
                continue  # "1. 2021", "Section 13 is unavailable", "2.1 million"
            heading: str | None
            body_follows = True
            if not rest:
                heading = self._next_line_heading(text, line_end, kind)
                body_follows = False
            else:
                if kind == "article" or len(values) == 1:  # "ARTICLE 3 CONFIDENTIALITY 3.1 Maintenance …"
                    rest = re.split(r"\s(?=\d{1,3}\.\d{1,3}\.?\s|(?:SECTION|Section)\s+\d)", rest, maxsplit=1)[0]
                heading = self._heading_from(rest, allow_whole=True)
                if heading is None and kind in ("roman", "para"):
                    heading = _short_title_line(rest) or None  # "§ 8 Termination of the agreement"
                if heading is None and kind in ("article", "item", "roman"):
                    continue  # "ARTICLE VIII. To the maximum extent …" is a wrapped reference
                body_follows = heading is None or len(rest) > len(heading) + 2
            if kind == "num" and len(values) == 2 and values[1] == 0:
                if heading is None:
                    continue
                values = values[:1]  # "5.0 Reports": the heading of unit 5 (5.1, 5.2 … follow)
            weak = heading is None and kind == "num" and len(values) == 1
            if weak and not (m.group("dot") and re.match(r"[A-Z\[]", rest)):
                continue  # a numbered paragraph opens with a sentence: "5. The Term may …"
            out.append(Candidate(m.start() + len(m.group("pre")), kind, values,
                                 _printed(kw, raw), heading, False, line_no, body_follows, toc=toc_line,
                                 weak=weak))
        return out

    def _inline_candidates(self, text: str, line_starts: list[int]) -> list[Candidate]:
        out: list[Candidate] = []
        for m in _INLINE_HEAD.finditer(text):
            s = m.start()
            line_no = bisect.bisect_right(line_starts, s) - 1
            ls = line_starts[line_no]
            before = text[ls:s]
            if not before.strip(" \t#*") :
                continue  # at a line start: handled by _line_candidates
            if not self._inline_context_ok(before, keyword=m.group("kw") is not None):
                continue
            le = text.find("\n", s)
            le = le if le != -1 else len(text)
            if le - ls < 250 and _TOC_PAGE.search(text[max(ls, le - 40):le]):
                continue  # a table-of-contents line
            kw = m.group("kw")
            raw = m.group("kwnum") if kw else m.group("num")
            values = self._parse_number(kw, raw.rstrip("."))
            if values is None or values[0] == 0 or (len(values) > 1 and values[1] == 0 and not (
                    kw is None and _POINT_ZERO.fullmatch(raw) and _caps_run(text[m.end():m.end() + 200]))):
                continue
            if len(values) == 2 and values[1] == 0:
                values = values[:1]  # "… the Term. 5.0 REPORTS 5.1 …"
            kind = _KINDS.get(kw, "num")
            if kind == "num" and len(values) == 1 and not m.group("dot") and not raw.endswith("."):
                continue
            after = text[m.end():m.end() + 400].split("\n", 1)[0]
            rest = _clean(after)
            if kw:
                rest = rest.lstrip(":-–— ")
            if not rest or not re.match(r"[A-Z\"“(]", rest):
                continue
            heading = self._heading_from(rest, allow_whole=False)
            start, weak = s, False
            if kind == "article":
                heading = _caps_run(rest)
                if not heading:
                    continue
            elif kind == "num" and len(values) == 1:
                # "1. DEFINITIONS 1.1 …" or "1. Scope of this Agreement. Newegg agrees …"
                caps = _caps_run(rest)
                if caps and not (heading and heading.startswith(caps)):
                    heading = caps  # "9. SEC Form 8-K." keeps the whole title
                if heading and len(heading.split()) > 10:
                    heading = None
                if heading is None:
                    # "… as follows: Formation 1. By this Agreement …": the title before the number
                    tb = _TITLE_BEFORE.search(before)
                    if tb and _title_before_ok(tb.group("title")):
                        heading, start = tb.group("title"), ls + tb.start("title")
                    elif rest[0].isupper():
                        weak = True  # "… no liability. 6. Party B shall purchase …"
                    else:
                        continue
            out.append(Candidate(start, kind, values, _printed(kw, raw.rstrip(".")), heading, True, line_no,
                                 weak=weak))
        return out

    @staticmethod
    def _inline_context_ok(before: str, keyword: bool = False) -> bool:
        b = before.rstrip()  # any whitespace: a vertical tab or form feed before the number too
        if not b:
            return True
        if b[-1] in ".:;)\"”]":
            # "No. 1." and "Section 1." are references; a sentence end is fine, also one that
            # ends on such a word before a keyword heading ("… breach this Section. ARTICLE VIII")
            w = re.search(r"([A-Za-z]+)\.$", b)
            return keyword and b[-1] == "." or not (w and w.group(1).lower() in _XREF_WORDS)
        w = re.search(r"(\S+)$", b).group(1)
        if w.isdigit() or re.fullmatch(r"\+?[\d().\-]{7,}", w):
            return True  # a page number (or a fax number) run into the text
        if w.lower().strip("*") in _XREF_WORDS:
            return False
        letters = re.sub(r"[^A-Za-z]", "", w)
        if len(letters) >= 2 and letters.isupper():
            return True  # after an upper-case heading: "ARTICLE 1 SERVICES 1.1 …"
        # after a name that ends an address block ("Attention: Reb D. Wheeler 3. Successors …")
        return bool(re.fullmatch(r"[A-Z][a-z]+", w)) and w.lower() not in _MONTHS

    def _next_line_heading(self, text: str, pos: int, kind: str) -> str | None:
        """Heading on the line after a bare number line (``ARTICLE I`` / ``THE MERGER``)."""
        nl = text.find("\n", pos)
        while nl != -1:
            end = text.find("\n", nl + 1)
            line = text[nl + 1: end if end != -1 else len(text)]
            if line.strip():
                break
            nl = end
        else:
            return None
        if nl == -1:
            return None
        clean = _clean(line)
        if _LINE_HEAD.match(line) and self._parse_number(None, clean.split(" ")[0].rstrip(".")) is not None:
            return None
        if re.match(r"(?:ARTICLE|Article|SECTION|Section)\s+(?:\d+\.\d+|[IVXL]+\b|\d+\.?$)", clean) or clean.startswith("("):
            return None
        clean = _TOC_PAGE.sub("", clean).strip()
        if len(clean) <= self.cfg.max_heading_chars and _is_title(clean.rstrip(".")):
            return clean.rstrip(". ").strip() or None
        head = self._heading_from(clean, allow_whole=False)
        return head

    def _heading_from(self, rest: str, *, allow_whole: bool) -> str | None:
        """The title at the start of ``rest`` ("Closing. The closing …" → "Closing"); not a
        bare cross-reference word ("2. Section 6.0 of the Agreement is amended …")."""
        head = self._title_at(rest, allow_whole=allow_whole)
        return None if head is None or head.lower() in _XREF_WORDS else head

    def _title_at(self, rest: str, *, allow_whole: bool) -> str | None:
        maxc = self.cfg.max_heading_chars
        q = re.match(r"[“\"]?((?:[A-Z][\w&’'/-]*\s+){0,6}?[A-Z][\w&’'/-]*)[”\"]?\s+"
                     r"(?:means|shall mean|has the meaning|shall have the meaning)\b", rest)
        if q:
            return q.group(1).strip()  # '2.1 "Commercial Rights" means …'
        if re.match(r"[A-Z]{3,}\b", rest):  # an upper-case title: "CONFIDENTIAL INFORMATION: IP RIGHTS"
            caps = _caps_run(rest)
            nxt = rest[len(caps):].lstrip(" .,;:") if caps and rest.startswith(caps) else ""
            if nxt[:1].islower():
                pass  # "PPG SHANGHAI shall …": the subject of a sentence, not a title
            elif caps and len(caps.split()) >= 2 or caps == rest.rstrip(". "):
                return caps
        # 1. up to the first sentence end / colon / lettered item
        for m in _HEADING_END.finditer(rest):
            if m.start() > maxc:
                break
            if m.group(0) == "." and self._is_abbrev(rest[:m.start()]):
                continue
            cand = rest[:m.start()].strip(" -–—:;,")
            if cand and _is_title(cand) and cand.lower() not in _XREF_WORDS:
                # "Express Limited Warranty For the purpose of this Agreement, …"
                cut = _SENTENCE_OPENING.search(cand)
                return cand[:cut.start()] if cut and _is_title(cand[:cut.start()]) else cand
            end = m.group(0).strip()
            if cand and (end in (".", ":") or re.fullmatch(r"\(?(?:[a-z]|[ivx]{1,4})\)\.?", end)) \
                    and _sentence_case_heading(cand, rest[m.end():], end):
                # a heading in sentence case before a lettered item, a colon or a sentence:
                # "2. Fees and expenses a) Generally …", "5.1 Governing law:",
                # "7. Limitation of liability. EXCLUDING …"
                return cand
            break
        else:
            if allow_whole and len(rest) <= maxc and _is_title(rest.rstrip(". ")):
                return rest.rstrip(". ").strip() or None
        # 2. the run of capitalised words ("Termination without Cause In the event …")
        run = _title_run(rest[: maxc + 40])
        return None if not run or run.lower() in _XREF_WORDS else run

    def _is_abbrev(self, before: str) -> bool:
        w = re.search(r"([A-Za-z.]+)$", before)
        if not w:
            return False
        word = w.group(1).lower().strip(".")
        return word in self.cfg.abbreviations or (len(word) == 1)

    # -- table of contents --------------------------------------------------------------
    def _drop_toc(self, text: str, cands: list[Candidate], line_starts: list[int]) -> list[Candidate]:
        drop: set[int] = set()
        covered = -1
        for mk in self._toc_marker.finditer(text):
            if mk.start() < covered:
                continue  # a running "TABLE OF CONTENTS" header inside the same table
            after = [i for i, c in enumerate(cands) if c.start > mk.start() and not c.inline]
            if not after:
                continue
            first = cands[after[0]]
            key = _norm_key(first)
            end = None
            for i in after[1:]:
                if _norm_key(cands[i]) == key and not cands[i].toc:
                    end = cands[i].start
                    break
            if end is None:  # no restart: the TOC runs until the first paragraph of prose
                long_line = re.compile(r"^[^\n]{300,}$", re.MULTILINE).search(text, mk.end())
                end = long_line.start() if long_line else mk.end()
            covered = end
            for i in after:
                if cands[i].start < end:
                    drop.add(i)
        drop |= self._toc_runs(text, cands, line_starts)
        return [c for i, c in enumerate(cands) if i not in drop and not c.toc]

    @staticmethod
    def _toc_runs(text: str, cands: list[Candidate], line_starts: list[int], min_run: int = 5) -> set[int]:
        """Heading lines that follow one another with no text between them (a table of
        contents without page numbers or a "Table of Contents" title)."""
        out: set[int] = set()
        run: list[int] = []

        def close() -> None:
            if len(run) >= min_run:
                out.update(run)
            run.clear()

        prev_line = None
        for i, c in enumerate(cands):
            if c.inline or c.toc or c.body_follows:
                close()
                prev_line = None
                continue
            if any(_norm_key(cands[j]) == _norm_key(c) for j in run):
                close()  # the numbering starts again: the body follows the table
                prev_line = None
            if prev_line is not None:
                gap = text[line_starts[prev_line + 1] if prev_line + 1 < len(line_starts) else len(text):
                           line_starts[c.line_no]]
                if gap.strip(" \t\n\r\u00a0") and not re.fullmatch(r"[\s\d]*(?:Page[\s\d]*)?", gap):
                    close()
            run.append(i)
            prev_line = c.line_no
        close()
        return out

    # -- numbering sequence -------------------------------------------------------------
    def _sequence(self, cands: list[Candidate]) -> list[Candidate]:
        acc: list[Candidate] = []
        top: Candidate | None = None  # current level-1 unit
        major: int | None = None  # first number of the current level-2 run
        minor = 0  # last level-2 number
        in_list = False  # a list "1. … 2. …" started inside the current unit
        repeated = False  # the current unit's number was printed again
        for c in cands:
            strict = c.inline
            if c.kind == "article" or c.kind == "item" or (len(c.values) == 1 and not (
                    c.kind in ("section", "para") and top is not None and top.kind == "article"
                    or c.kind == "para" and top is not None and top.kind == "roman")):
                v = c.values[0]
                if c.weak and (in_list or not (v == 1 and not acc or top is not None and top.kind == "num"
                                               and v == top.values[0] + 1)):
                    # a paragraph without a heading only continues a numbering, and not once a
                    # list has started again at 1 inside the unit ("Stage 1: 1. … 4. … 5. …")
                    in_list = in_list or (v == 1 and top is not None)
                    repeated = repeated or (not in_list and top is not None and top.kind == "num"
                                            and v == top.values[0])
                    continue
                misnumbered = (repeated and not in_list and c.kind == "num" and top is not None and top.kind == "num"
                               and v == top.values[0] + 2 and c.heading is not None)
                if not (misnumbered or self._top_ok(c, top, v, strict)):
                    in_list = in_list or (v == 1 and top is not None and c.kind == "num")
                    # "2. Fees … 2. Customer Representations … 4. Returns …": the number after a
                    # repeated one skips it
                    repeated = repeated or (not in_list and top is not None and c.kind == top.kind == "num"
                                            and v == top.values[0])
                    continue
                in_list = repeated = False
                c.level, c.parent = 1, None
                # "5.0 Reports" printed after 5.1–5.3 (text out of order) keeps the run going
                minor = minor if major == v and c.number.endswith(".0") else 0
                top, major = c, v
                acc.append(c)
            elif len(c.values) == 1:  # "Section 3" inside "Article II" (by-laws style)
                v = c.values[0]
                if not (v == minor + 1 or v == 1 or (not strict and minor < v <= minor + 3)):
                    continue
                c.level, c.parent = 2, top.number
                minor = v
                acc.append(c)
            else:
                a, b = c.values
                gap = 1 if strict else 3
                if major is not None and a == major and minor < b <= minor + gap:
                    pass
                elif b == 1 and (major is None and (a == 1 or not strict) or major is not None and a == major + 1):
                    major = a
                elif b == 1 and a == 1 and not strict and major is not None:
                    major = a  # a new instrument restarting at 1.1
                else:
                    continue
                minor = b
                c.level = 2
                c.parent = top.number if top is not None and top.values[0] == a and top.level == 1 else None
                acc.append(c)
        return acc

    @staticmethod
    def _top_ok(c: Candidate, top: Candidate | None, v: int, strict: bool) -> bool:
        if top is None:
            # an excerpt may open at "Article 4"; a keyword heading on its own line is enough
            return v == 1 or (not strict and (c.kind in ("article", "item", "section", "para")
                                              or bool(c.heading) and c.heading.isupper()))
        same_kind = top.kind == c.kind
        last = top.values[0]
        if v == last + 1 and (same_kind or c.kind != "num" or not strict):
            return True
        if strict:
            return v == 1 and c.kind == "article"
        if v == 1:
            if c.kind == "roman":
                return not same_kind  # "I. NOTICES" inside "IX." is a lettered item
            return c.kind != "num" or not same_kind or c.heading is not None and c.heading.isupper()
        if c.kind == "item":
            return not same_kind or v > last
        if same_kind and last < v <= last + 5 and c.kind in ("article", "section"):
            return True  # an excerpt that skips articles
        if same_kind and c.kind == "num" and last < v <= last + 3 and c.heading and not c.weak:
            return True  # a form whose items 6 and 7 lost their numbers: "5. … 8. Project Personnel:"
        # a new style (a cover filing, then its agreement)
        return not same_kind and c.kind != "num"

    # -- output -------------------------------------------------------------------------
    def _build_sections(self, text: str, acc: list[Candidate]) -> list[dict]:
        out: list[dict] = []
        n = len(acc)
        top_type = None
        for i, c in enumerate(acc):
            kind = self.section_type(c.heading)
            if c.level == 1:
                top_type = kind
            elif kind is None and c.parent is not None and top_type in self.cfg.inherited_types:
                kind = top_type
            end = len(text)
            for j in range(i + 1, n):
                if acc[j].level <= c.level:
                    end = acc[j].start
                    break
            out.append({
                "number": c.number, "heading": c.heading, "level": c.level, "parent": c.parent,
                "start": c.start, "end": end, "type": kind,
            })
        return out

    def section_type(self, heading: str | None) -> str | None:
        if not heading:
            return None
        for name, rx in self.cfg.types:
            if rx.search(heading):
                return name
        return None

    def _subitems(self, text: str, sections: list[dict]) -> list[dict]:
        """Lettered items ``(a)``, ``(b)``… of each unit, or its numbered items ``6.1.1``,
        ``6.1.2``… (then letters inside them are nested deeper and not listed)."""
        leaves = sorted(sections, key=lambda s: s["start"])
        starts = [s["start"] for s in leaves]

        def leaf(pos: int) -> int | None:
            i = bisect.bisect_right(starts, pos) - 1
            return i if i >= 0 and pos < leaves[i]["end"] else None

        numbered: list[tuple[int, int, str]] = []  # (leaf, start, label)
        last: dict[int, int] = {}
        for m in _SUBNUM.finditer(text):
            pos = m.start("label")
            i = leaf(pos)
            if i is None:
                continue
            parts = m.group("label").split(".")
            sec_parts = re.findall(r"\d+", _bare_number(leaves[i]["number"]))
            if [int(p) for p in parts[:-1]] != [int(p) for p in sec_parts] or int(parts[-1]) != last.get(i, 0) + 1:
                continue
            last[i] = int(parts[-1])
            numbered.append((i, pos, m.group("label")))
        with_numbers = {i for i, _, _ in numbered}
        lettered: list[tuple[int, int, str]] = []
        state: dict[int, int] = {}  # leaf index -> last letter ordinal
        for m in _SUBITEM.finditer(text):
            pos = m.start("label") - 1
            i = leaf(pos)
            if i is None or i in with_numbers:
                continue
            label = m.group("label")
            if len(label) == 2 and label[0] != label[1]:
                continue
            ordinal = (ord(label[0]) - 96) + (26 if len(label) == 2 else 0)
            if ordinal != state.get(i, 0) + 1:
                continue
            state[i] = ordinal
            lettered.append((i, pos, f"({label})"))
        items = sorted(numbered + lettered, key=lambda t: t[1])
        out: list[dict] = []
        for k, (i, pos, label) in enumerate(items):
            sec = leaves[i]
            bare = _bare_number(sec["number"])
            end = sec["end"]
            if k + 1 < len(items) and items[k + 1][0] == i:
                end = items[k + 1][1]
            ident = label if label[0].isdigit() else f"{bare}{label}"
            out.append({"label": label, "section": bare, "id": ident, "start": pos, "end": end})
        return out


# -- helpers ----------------------------------------------------------------------------
def _clean(s: str) -> str:
    s = _TAGS.sub("", s)
    s = _MARKUP.sub("", s)
    return re.sub(r"[ \t\u00a0]+", " ", s).strip(" \t*_#")


def _printed(kw: str | None, raw: str) -> str:
    return f"{kw} {raw}" if kw else raw


def _bare_number(number: str) -> str:
    return re.sub(r"^(?:(?:section|article|clause)\s+|§\s*)", "", number, flags=re.IGNORECASE)


def _drop_weak_repeats(cands: list[Candidate]) -> list[Candidate]:
    """A paragraph number without a heading is a list item, not a unit, when a numbered
    heading with the same number follows anywhere later, or when the same number comes again
    before the next number (the list "1. … 2. … 3. …" inside a unit, then the unit "2.")."""
    tops = [(i, c.values[0], c.weak) for i, c in enumerate(cands) if c.kind == "num" and len(c.values) == 1]
    if not any(w for _, _, w in tops):
        return cands
    last_strong: dict[int, int] = {}
    for i, v, w in tops:
        if not w:
            last_strong[v] = i
    drop: set[int] = set()
    for k, (i, v, w) in enumerate(tops):
        if not w:
            continue
        if last_strong.get(v, -1) > i:
            drop.add(i)
            continue
        for _, v2, _ in tops[k + 1:]:
            if v2 == v + 1:
                break
            if v2 == v:
                drop.add(i)
                break
    return [c for i, c in enumerate(cands) if i not in drop]


_DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,})[ \t]*(?:\d{1,3}|[ivxl]{1,5})\b")
_PAGE_AT_END = re.compile(r"[ \t.…]+(?:\d{1,3}|[ivxl]{1,5})$")


def _mark_run_in_toc(text: str, cands: list[Candidate]) -> None:
    """A heading followed by nothing but a page number before the next heading is an entry of
    a table of contents run into one line: "2.1 Term; Reference to Exhibit 1 2 2.2 Full Term …"."""
    for c, nxt in zip(cands, cands[1:]):
        if c.heading is not None and _DOT_LEADER.search(c.heading):
            c.toc = True  # "4. FRANCHISE AND OTHER FEES.........10 4.A. INITIAL FRANCHISE FEE….."
            continue
        if c.heading is None or c.toc or nxt.start - c.start > len(c.number) + len(c.heading) + 12:
            continue
        gap = text[c.start:nxt.start]
        if "\n" in gap:
            continue  # "5. Confidential Information 7\n\n5.1 …": a page number at the foot of a page
        gap = gap.rstrip()
        m = _PAGE_AT_END.search(gap)
        if m and len(gap[:m.start()].rstrip(" .:")) <= len(c.number) + len(c.heading) + 3:
            c.toc = True


def _drop_inline_lists(cands: list[Candidate], text: str, max_chars: int = 80) -> list[Candidate]:
    """Numbers inside a line whose items are a few words without a verb are a list (or a
    table of contents run into one line), not units: "… compliance: 1. JCAHO Accreditation
    Manual 2. AABB 3. NFPA 99 4. FDA", "1. Definitions 3 2. Term 4 3. Grant of License 4"."""
    nums = [i for i, c in enumerate(cands) if c.inline and c.kind == "num" and len(c.values) == 1]
    short = [False] * len(nums)
    for k in range(len(nums) - 1):
        a, b = cands[nums[k]], cands[nums[k + 1]]
        short[k] = (b.values[0] == a.values[0] + 1 and b.start - a.start < max_chars
                    and "\n" not in text[a.start:b.start] and not _VERBS.search(text[a.start:b.start]))
    drop = set()
    for k in range(len(nums)):
        if short[k] or (k and short[k - 1]):
            drop.add(nums[k])  # both ends of a short step
    return [c for i, c in enumerate(cands) if i not in drop] if drop else cands


def _drop_lone_weak_runs(acc: list[Candidate], text_len: int, min_run: int = 3, min_gap: int = 100) -> list[Candidate]:
    """Numbered paragraphs without headings make the outline of a document on their own only
    when there are at least ``min_run`` of them (one fewer when each opens a line) and they are
    paragraphs, not a short list."""
    tops = [c for c in acc if c.level == 1]
    if not tops or not all(c.weak for c in tops):
        return acc
    ends = [c.start for c in tops[1:]] + [text_len]
    lengths = sorted(e - c.start for c, e in zip(tops, ends))
    # paragraphs that each open a line need one fewer ("1. Section 2.2 is amended … 2. Other than …")
    need = min_run - 1 if not any(c.inline for c in tops) else min_run
    if len(tops) >= need and lengths[len(lengths) // 2] >= min_gap:
        return acc
    return [c for c in acc if not c.weak]


def _norm_key(c: Candidate) -> tuple:
    return (c.kind, c.values)


_VERBS = re.compile(r"\b(?:shall|will|may|must|is|are|was|were|has|have|agrees?|does|do|can|means)\b")


def _title_before_ok(title: str) -> bool:
    """A title printed before a number: capitalised words, not a month ("March 1."), a
    cross-reference word ("Schedule 1.") or the opening word of a sentence ("The 2.")."""
    words = title.split()
    last = words[-1].lower()
    if last in _MONTHS or last in _XREF_WORDS or last in ("page", "of", "and", "the", "to", "for", "in", "on",
                                                          "or", "with", "by", "&"):
        return False
    if words[0] in _SENTENCE_STARTERS:
        return False
    return _is_title(title) or bool(_caps_run(title))


def _sentence_case_heading(cand: str, after: str, end: str) -> bool:
    """``cand`` ends at a colon, a lettered item or a full stop before a capital: a heading in
    sentence case ("Freight and payment method"), not the start of a sentence ("MD Anderson
    represents that", "NTC reserves the right to sell", "In the event of a breach")."""
    words = cand.split()
    if not (1 <= len(words) <= 8) or words[0] in _SENTENCE_STARTERS or words[-1].lower() in _TITLE_STOP:
        return False
    if end == "." and (len(words) > 6 or not re.match(r"\s*[A-Z]", after)):
        return False
    if any(len(w) >= 2 and w.isupper() for w in words) or re.search(r"\d", cand):
        return False  # a party's short name or a number: a sentence
    if (_VERBS.search(cand) or any(_SUBJECT_VERB.fullmatch(w) for w in words) or re.search(r"\bthat\b", cand)
            or _SENTENCE_OPENING.search(cand)):
        return False
    return bool(_short_title_line(cand))


def _short_title_line(rest: str) -> str:
    """A heading that fills its line, possibly in sentence case ("General terms"): a few
    words, starting upper-case, no verb, no sentence end inside."""
    r = rest.rstrip(" .:")
    words = r.split()
    if not (1 <= len(words) <= 12) or not r[:1].isupper() or _VERBS.search(r) or re.search(r"[.;:]\s", r):
        return ""
    return r


def _is_title(s: str) -> bool:
    words = _WORD.findall(s)
    if not words or _VERBS.search(s):
        return False
    content = [w for w in words if w.lower() not in _TITLE_STOP]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.6


def _title_run(s: str) -> str:
    """Leading capitalised words, stopping before the sentence they run into."""
    toks = re.finditer(r"\S+", s)
    end = 0
    broke_on_lower = False
    for t in toks:
        w = t.group(0)
        if t.start() == 0 and w[0] in "\"“'‘" and len(w) > 1 and w[1].isupper():
            w = w.lstrip("\"“'‘")  # '"Big Person" Representation'
        core = w.strip(",;&/()\"”’")
        if w[0] in "\"“'‘(" or re.fullmatch(r"\d+(\.\d+)*\.?|[a-z]{1,4}\)", w):
            break  # a quote, a number or a lettered item "a)" ends the title
        if w[0].isdigit():  # "Rule 16b-3", "Section 16 Matters"
            end = t.end()
            if w.endswith((".", ":")):
                break
            continue
        if core and core[0].isupper():
            end = t.end()
            if w.endswith((".", ":")):
                break
        elif core.lower() in _TITLE_STOP or core in ("&", "-", "–"):
            end = t.end()
        else:
            broke_on_lower = _SUBJECT_VERB.fullmatch(core) is not None or "verb?"
            break
    run = s[:end]
    words = run.split()
    cut = next((k for k in range(1, len(words)) if words[k] in _SENTENCE_STARTERS
                and not (words[k] == "A" and words[k - 1] in _LETTERED_NAMES)), None)
    if cut is not None:
        run = " ".join(words[:cut])  # "Term This Agreement shall …": the sentence starts at "This"
    elif broke_on_lower is True and (k := _subject_start(words)):
        run = " ".join(words[:k])  # "Duties of Bravatek Bravatek agrees …": the subject is "Bravatek"
    elif broke_on_lower:
        return ""  # "MD Anderson shall …": a sentence subject, not a title
    run = run.strip(" ,;:.-–—")
    while run and run.split()[-1].lower() in _TITLE_STOP:
        run = run.rsplit(" ", 1)[0] if " " in run else ""
    return run if run and _is_title(run) else ""


_SUBJECT_VERB = re.compile(r"shall|will|may|must|is|are|has|have|agrees?|represents?|warrants?|acknowledges?"
                           r"|covenants?|undertakes?|hereby")


def _subject_start(words: list[str]) -> int:
    """Where the subject of the sentence begins in a title run that ran into it, when that is
    plain from the words alone: the title's last word repeated ("Duties of Bravatek Bravatek"),
    or two names joined by "and" ("Obligations of the Parties Bravatek and COMPANY"); 0 when it
    is not ("Payments to HDI shall": "HDI" belongs to the sentence)."""
    w = [x.strip(",;") for x in words]
    if len(w) >= 2 and w[-1] == w[-2]:
        return len(w) - 1
    if len(w) >= 5 and w[-2] == "and" and w[-3][:1].isupper() and w[-4][:1].isupper():
        return len(w) - 3
    return 0


def _caps_run(s: str) -> str:
    """Leading upper-case heading words ("CONFIDENTIALITY AND NON-COMPETITION 3.1 …")."""
    words = []
    for k, w in enumerate(s.split()):
        if k and w[0] in "\"“":
            break  # 'FDA "FDA" means …'
        if re.fullmatch(r"\d+(\.\d+)*\.?", w) or not re.fullmatch(r"[\"“(]?[A-Z0-9][A-Z0-9'’,;:&/\-\.()\"”]*", w):
            break
        words.append(w)
        if w.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|INC\.|CO\.|LTD\.|CORP\.|NO\.", w):
            break  # "WAIVER OF JURY TRIAL. EACH PARTY …"
    # the capitalised sentence start ("SHIPMENT AND RISK OF LOSS Supplier") is not upper-case
    while words and (len(re.sub(r"[^A-Z]", "", words[-1])) < 2 and words[-1] not in ("A", "&")
                     or re.fullmatch(r"\d+(\.\d+)*\.?", words[-1])):
        words.pop()
    while words and re.fullmatch(r"\d+(\.\d+)*\.?", words[-1]):
        words.pop()
    out = " ".join(words).strip(" ,;:.")
    return out if len(re.sub(r"[^A-Z]", "", out)) >= 3 else ""


def load_config(path: Path | None = None) -> SegmenterConfig:
    path = path or models_dir() / DATA_FILE
    return SegmenterConfig.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def first_of_each_number(sections: list[dict]) -> list[dict]:
    """Units whose number was not used before in the file (compared as the scorer does:
    "Section 3.1" and "3.1" are one number). An attached instrument that restarts the
    numbering (by-laws, a form of CVR agreement, an annexed warrant) repeats numbers."""
    seen: set[str] = set()
    out = []
    for s in sections:
        key = re.sub(r"^(?:section|article)\s+", "", s["number"].lower())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


@Language.factory("clausekit_sections",
                  default_config={"span_key": SPAN_KEY, "repeated_numbers": "first"})
def make_sections(nlp: Language, name: str, span_key: str, repeated_numbers: str) -> SectionsComponent:
    return SectionsComponent(nlp, name, span_key=span_key, repeated_numbers=repeated_numbers)


class SectionsComponent(JsonDataComponent):
    """Sets ``doc._.clausekit_sections``, ``doc._.clausekit_subitems`` and the span group."""

    data_file = DATA_FILE

    def __init__(self, nlp: Language, name: str = "clausekit_sections", *, span_key: str = SPAN_KEY,
                 repeated_numbers: str = "first"):
        if repeated_numbers not in ("first", "keep"):
            raise ValueError(f"repeated_numbers must be 'first' or 'keep', not {repeated_numbers!r}")
        self.name = name
        self.span_key = span_key
        self.repeated_numbers = repeated_numbers
        self.data: dict[str, Any] | None = None
        self.segmenter: Segmenter | None = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None, data: dict | None = None) -> None:
        self._set_data(data if data is not None else json.loads(
            (models_dir() / DATA_FILE).read_text(encoding="utf-8")))

    def _set_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self.segmenter = Segmenter(SegmenterConfig.from_dict(data))

    def __call__(self, doc: Doc) -> Doc:
        if self.segmenter is None:
            self.initialize()
        sections, subitems = self.segmenter.segment(doc_text(doc))
        doc._.clausekit_sections_all = sections
        doc._.clausekit_sections = (first_of_each_number(sections) if self.repeated_numbers == "first"
                                    else sections)
        doc._.clausekit_subitems = subitems
        spans = []
        for s in sections:
            span = doc.char_span(s["start"], s["end"], label=f"level{s['level']}", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.span_key] = spans
        return doc

