"""clausekit_parties: the contracting parties (with aliases and jurisdiction), the agreement
date and the title.

Where parties come from, in order of trust:

1. the preamble of each agreement in the file: the party list after ``by and between`` /
   ``among`` / ``BETWEEN:`` (or, with no such cue, the first legal names that get an alias),
   read left to right as *name* → *descriptive tail* (", a Delaware corporation, with offices
   at ...") → alias parentheticals (``(the "Company")``). Collective aliases (``each a "Seller
   Party" and collectively the "Seller Parties"``) go to every party of the list they close
   and to parties named in ``together with X``; ``Party``/``Parties`` are not aliases.
2. a cover filing (Schedule 13D/13G): the reporting persons (``NAME OF REPORTING PERSON``
   rows, jurisdiction from ``CITIZENSHIP OR PLACE OF ORGANIZATION``) and the legal entities the
   filing's narrative gives an alias (the counterparties of the agreements it reports).
3. the signature blocks, only when the preamble names fewer than two parties (a label such
   as ``HOLDERS:`` above a block attaches the preamble's alias to it).

Names are merged with the scorer's normalization (``Ltd.`` = ``Limited`` ...). Persons who
only sign for a party, agents and third parties merely mentioned are not listed.

Agreement date: the date in the preamble sentence or title block ("made and entered into as of
March 23, 2021", "dated as of", "this 5th day of March, 2020"), else an ``"Effective Date"``
definition that states a date, else the ``IN WITNESS WHEREOF ... as of`` date. A date with a
blank day or no year is no date (null). A cover filing whose agreements carry different dates
gets null (the record is about several agreements).

Title: for a single agreement the heading line before its preamble (or the ``This <Title>``
phrase); for a cover filing wrapping agreements, the title of the agreement whose preamble
names the parties (the filing's own form name is not an agreement title).

Patterns live in ``models/parties.json`` (suffixes, jurisdictions, markers) and the defined-term
cues of ``models/terms.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.legal_text import DATE_RE, date_from_match
from clausekit.nlp.terms import TermFinder, TermHit, clean_text
from clausekit.nlp.terms import load_data as load_terms_data
from clausekit.nlp.util import JsonDataComponent, models_dir, set_extension

set_extension("clausekit_parties")
set_extension("clausekit_agreement_date")
set_extension("clausekit_title")

DATA_FILE = "parties.json"

#: how far into a document the preamble of its (first) agreement is searched for
PREAMBLE_SEARCH = 90_000
CONNECTORS = {"of", "and", "the", "de", "du", "des", "la", "le", "del", "della", "y", "e", "for",
              "von", "van", "der", "und", "et", "&", "d/b/a", "dba", "f/k/a", "a/k/a", "fka", "aka"}
#: words that do not start (or, in capitals, continue) a legal name
NAME_STOP = {"dated", "date", "as", "of", "by", "and", "between", "among", "this", "whereas", "exhibit",
             "schedule", "effective", "agreement", "recitals", "witnesseth", "background", "now", "in",
             "section", "article", "page", "table", "contents", "confidential", "execution", "version",
             "copy", "draft", "each", "january", "february", "march", "april", "june", "july", "august",
             "september", "october", "november", "december", "reference", "pursuant", "if", "whereas,", "the undersigned", "all", "any", "such", "party", "parties", "dear", "re", "attention",
             "address", "tel", "fax", "email", "e-mail", "phone", "telephone", "by:", "name:", "title:",
             "its", "his", "her", "their", "our", "your", "we", "you", "it", "they", "hereafter",
             "hereinafter", "herein", "individual", "individually", "an", "a", "together", "collectively",
             "ladies", "gentlemen", "sir", "madam", "source", "annex", "appendix"}
#: what precedes the signing entity's name in a signature block: a signer's title, a date, a label
_SIG_MARK = re.compile(
    r"\b(?:Director|Officer|Counsel|President|Secretary|Manager|Partner|Member|Treasurer|Trustee|Chairman|"
    r"Esq\.?|Title\s*:|Name\s*:|Dated?\s*:|Signatory|Affairs|CEO|CFO|COO|General\s+Partner)\b[^A-Z\n]{0,3}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}\b|\]|/s/[^\n]{0,40}?(?=\s{2,}|\n|$)")
#: "<person>, director of <company>": the company is the party
_FOR_COMPANY = re.compile(r",?\s+(?:the\s+)?(?:[A-Za-z]+\s+){0,2}?(?:director|president|ceo|officer|manager|owner|"
                          r"principal|partner|founder|chairman|representative|member)\s+(?:of|for|at)\s+", re.IGNORECASE)
#: "(hereinafter IntriCon)", "(hereinafter called Dynamic Hearing)"
_UNQUOTED_ALIAS = re.compile(r"\(\s*hereinafter\s+(?:(?:referred\s+to\s+as|called|designated)\s+)?(?:the\s+)?"
                             r"(?P<a>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\s*\)")
#: defined terms that never name a party
_NOT_A_PARTY_ALIAS = re.compile(r"\b(?:Date|DATE|Agreement|AGREEMENT|Amendment|AMENDMENT)\b")
#: short suffixes matched in any case
LOOSE_SUFFIXES = {"inc", "ltd", "co", "corp", "llc", "l.l.c", "llp", "lp", "l.p", "plc", "pte", "pty", "bhd", "ltda"}
#: words that end a name and start its tail, in any case ("KALLO Inc. With principal offices")
TAIL_STARTERS = {"with", "having", "located", "whose", "residing", "acting", "represented", "through",
                 "hereinafter", "hereafter", "herein", "individually", "incorporated", "organized", "organised"}
#: words that make a capitalized run a business name rather than a person's name
BUSINESS_WORDS = {"fund", "growth", "capital", "partners", "holdings", "group", "global", "international",
                  "technologies", "technology", "systems", "solutions", "services", "industries", "energy",
                  "pharmaceuticals", "pharma", "bank", "financial", "investments", "management", "advisors",
                  "associates", "research", "development", "trading", "media", "products", "labs", "health",
                  "resources", "ventures", "equity", "opportunity", "opportunities", "trust", "foods", "brands"}
#: words that make a "name" an address fragment ("Suite 300", "Carson City, NV")
ADDRESS_WORDS = {"suite", "unit", "floor", "room", "building", "bldg", "street", "avenue", "road", "boulevard",
                 "p.o", "po", "box", "apt", "tower", "plaza", "drive", "lane", "highway", "parkway", "st", "ave",
                 "rd", "blvd", "level", "block", "zip", "tel", "fax", "attn", "attention", "house", "square"}
ABBREVIATIONS = {"av", "avda", "apt", "bldg", "ctr", "ste", "tel", "vol", "inc", "ltd", "co", "corp", "no", "st", "ave", "blvd", "rd", "dr", "mr", "ms", "mrs",
                 "n.a", "u.s", "u.s.a", "l.p", "l.l.c", "s.a", "b.v", "n.v", "p.o", "jr", "sr", "esq",
                 "fl", "e.g", "i.e", "bros", "intl", "pty", "s.a.s", "s.r.l", "s.p.a", "plc", "llc",
                 "lp", "pte", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
                 "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "sq", "hwy", "dept", "mt", "ft"}


@dataclass
class Party:
    name: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)
    group_aliases: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    role: str = "party"
    label_aliases: list[str] = field(default_factory=list)  # alias of a nameless chunk

    def as_dict(self) -> dict:
        aliases = list(dict.fromkeys(self.aliases + self.group_aliases))
        return {"name": self.name, "aliases": aliases, "jurisdiction": self.jurisdiction,
                "role": self.role, "start": self.start, "end": self.end}


def name_key(name: str) -> frozenset[str]:
    """The scorer's normalization of a legal name (for merging duplicates)."""
    sub = {"ltd": "limited", "inc": "incorporated", "corp": "corporation", "co": "company"}
    toks = [sub.get(w, w) for w in re.findall(r"[a-z0-9]+", name.lower())]
    return frozenset(w for w in toks if w not in {"the", "a", "an"})


def same_name(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb) and (ka <= kb or kb <= ka)


class PartyFinder:
    def __init__(self, data: dict, terms: TermFinder):
        self.data = data
        self.terms = terms
        suffixes = sorted({s.rstrip(".") for s in data["entity_suffixes"]}, key=len, reverse=True)
        self.suffix_set = {s.lower() for s in suffixes}
        self.suffix_re = re.compile(
            r"(?:" + "|".join(re.escape(s) for s in suffixes) + r")\.?", re.IGNORECASE)
        juris = sorted(data["jurisdictions"] + list(data["demonyms"]), key=len, reverse=True)
        self.juris_alt = "|".join(re.escape(j) for j in juris)
        kinds = "|".join(sorted((re.escape(k) for k in data["entity_kinds"]), key=len, reverse=True))
        self.kind_re = re.compile(rf"\b(?i:a|an)\s+(?:duly\s+organized\s+)?(?:(?:the\s+)?(?:State|Commonwealth|Province)\s+of\s+)?"
                                  rf"(?P<j>{self.juris_alt})\s+(?:[a-z][\w-]*\s+){{0,2}}?(?i:{kinds})\b")
        self.laws_re = re.compile(
            r"\b(?:organized|organised|incorporated|formed|existing|established|registered|constituted|chartered)"
            r"(?:\s+and\s+(?:existing|in\s+good\s+standing))?\s+(?:under|pursuant\s+to)\s+the\s+laws\s+of\s+"
            r"(?:the\s+)?(?:(?:State|Commonwealth|Province|Republic|Kingdom)\s+of\s+)?"
            r"(?P<j>[A-Z][\w'’.]*(?:\s+(?:[A-Z][\w'’.]*|of|and))*)")
        self.in_re = re.compile(rf"\b(?:incorporated|organized|registered)\s+in\s+(?:the\s+)?(?P<j>{self.juris_alt})\b")
        self.jur_kind_re = re.compile(rf"(?:(?:the\s+)?(?:State|Commonwealth|Province)\s+of\s+)?(?:{self.juris_alt})\s+(?:[a-z][\w-]*\s+){{0,2}}?(?i:{kinds})\b")
        self.tail_words = set(data["tail_words"])
        markers = "|".join(re.escape(m) for m in data["recital_markers"])
        self.recital_re = re.compile(rf"(?:{markers})")
        agree = "|".join(re.escape(w) for w in data["agreement_words"])
        self.agree_re = re.compile(rf"\b(?:{agree})\b")
        self.verb_re = re.compile(r"\s+(?:(?:have|has|hereby|do|does|each|both|now|jointly|mutually)\s+)?"
                                  r"(?:entered|enter|agree|agrees|agreed|is|are|desire|desires|wish|wishes|intend|"
                                  r"made|executed|hereby|acknowledge|covenant)\b")
        self.this_re = re.compile(rf"\b(?:This|THIS|this)\s+(?:[\w\-&\u2019'.,]+\s+){{0,8}}?(?:{agree}|agreement|amendment|contract)\b")
        self.cue_re = re.compile(
            r"\b(?:by\s+and\s+(?:between|among|amongst)|BY\s+AND\s+(?:BETWEEN|AMONG)|between|among|amongst|"
            r"BETWEEN|AMONG|(?:entered\s+into|executed|made|is)\s+by(?!\s+and\b))\b\s*:?")
        self.enum_re = re.compile(r"\s*(?:\(\s*(?:\d{1,2}|[a-hA-H]|i{1,3}|iv|v|vi)\s*\)|(?:\d{1,2}|[a-h])[.)](?=\s))\s*")
        self.group_aliases = {g.lower() for g in data["group_aliases"]}
        self.juris_lower = {j.lower() for j in data["jurisdictions"]} | {j.lower() for j in data["demonyms"]}
        self.filing_re = re.compile("|".join(re.escape(m) for m in data["filing_markers"]))
        self.token_re = re.compile(r"(\s*)(,?)(\s*)(\([A-Z]{2,5}\)(?=\s+[A-Z])|[^\s,;()\"\u201c\u201d]+)")

    # -- names -----------------------------------------------------------------------------
    def is_suffix(self, tok: str) -> bool:
        t = tok.rstrip(",;:")
        low = t.rstrip(".").lower()
        if low not in self.suffix_set and not self.suffix_re.fullmatch(t):
            return False
        # short foreign suffixes only in capitals ("AS", "SA", "AG"), so "as", "sa" are words
        return len(low.replace(".", "")) > 3 or low in LOOSE_SUFFIXES or t.rstrip(".").isupper() or "." in t.rstrip(".")

    @staticmethod
    def is_name_token(tok: str) -> bool:
        if not tok:
            return False
        if re.fullmatch(r"\([A-Z]{2,5}\)", tok):
            return True  # "TOM Online (BVI) Limited"
        c = tok[0]
        if c.isupper():
            return True
        if c.isdigit():  # "21Vianet", "2205925 Ontario Limited"; not "1500" or "2."
            return not re.fullmatch(r"\d+[.)]|\d[\d,.]*[.,]|\d{1,4}|\d+(?:\.\d+)+", tok)
        # e.l.f., eGain, i-on: lower-case brand names with a dot, capital or hyphen inside
        return c.islower() and len(tok) > 2 and bool(re.search(r"[A-Z.]", tok[1:]) or
                                                   re.fullmatch(r"[a-z]{1,3}-[a-z]{1,6}", tok))

    def parse_name(self, text: str, pos: int, hi: int) -> tuple[int, int] | None:
        """(start, end) of a legal name at pos, or None."""
        toks: list[str] = []
        end = pos
        start = None
        i = pos
        while i < hi and len(toks) < 16:
            m = self.token_re.match(text, i, hi)
            if not m:
                break
            comma, tok = m.group(2), m.group(4)
            bare = tok.rstrip(",;:")
            if "\n" in m.group(1) and re.search(r"\n[ \t]*\n", m.group(1)) and toks:
                break  # a name does not cross a paragraph break
            if not toks:
                if comma or not (self.is_name_token(bare) or bare in ("The", "THE", "the")):
                    return None
                if bare.lower() in NAME_STOP or bare.lower().rstrip(":") in NAME_STOP or bare.lower() in TAIL_STARTERS:
                    return None
                start = m.start(4)
            elif (bare.isupper() or bare.istitle()) and bare.lower() in NAME_STOP and bare.lower() not in CONNECTORS \
                    and bare.lower() not in ("all", "any", "each", "party"):
                break
            elif bare.isdigit() and len(bare) <= 3 and (nxt_tok := self.token_re.match(text, m.end(), hi)) \
                    and not nxt_tok.group(2) and self.is_name_token(nxt_tok.group(4).rstrip(",;:")):
                pass  # "Project 8 Buyer, LLC"
            elif bare.lower() in TAIL_STARTERS:
                break
            elif comma:
                # "Foo, Inc." keeps the comma; anything else after a comma ends the name
                if not self.is_suffix(bare):
                    break
            elif bare.lower() in CONNECTORS:
                nxt = self.token_re.match(text, m.end(), hi)
                if nxt and bare.lower() == "of" and nxt.group(4) == "the" and not nxt.group(2):
                    nxt = self.token_re.match(text, nxt.end(), hi)
                if nxt and bare.lower() == "of" and self.is_suffix(toks[-1]) and \
                        not re.match(rf"(?:{self.juris_alt}|America)\b", text[nxt.start(4):nxt.start(4) + 40], re.IGNORECASE):
                    break  # "Tigrent Learning UK Limited of Boston House": an address follows
                if not nxt or nxt.group(2) or not self.is_name_token(nxt.group(4).rstrip(",;:")):
                    break
                if bare.lower() == "and" and self._stop_at_and(toks):
                    break
                if bare.lower() in ("d/b/a", "dba", "f/k/a", "a/k/a", "fka", "aka"):
                    pass
            elif not (self.is_name_token(bare) or self.is_suffix(bare) or bare.isdigit()):
                break
            toks.append(bare)
            end = m.start(4) + len(bare)
            i = m.start(4) + len(bare)
            if bare.endswith(".") and not self._abbrev(bare) and text[i:i + 1].isspace():
                break  # a sentence ends here
            if tok != bare:  # a comma/semicolon glued to the token ends the token; keep going
                pass
        if not toks or start is None:
            return None
        # drop trailing connectors and a sentence period that is not an abbreviation
        while toks and toks[-1].lower() in CONNECTORS:
            end = text.rfind(toks[-1], start, end)
            toks.pop()
            end = len(text[:end].rstrip())
        if not toks:
            return None
        last = toks[-1]
        if last.endswith(".") and not self._abbrev(last):
            end -= 1
        words = [t for t in toks if t.lower() not in ("the",)]
        if all(self.is_suffix(t) or t.lower() in CONNECTORS for t in words):
            return None  # "the Company", "the Trust": an alias, not a name
        return start, end

    def _abbrev(self, tok: str) -> bool:
        t = tok.rstrip(".").lower()
        return t in ABBREVIATIONS or self.is_suffix(tok) or "." in t

    def _stop_at_and(self, toks: list[str]) -> bool:
        """Does "and" after these tokens start a new party ("X Corporation and Y, LLC")?"""
        if self.is_suffix(toks[-1]) or " ".join(toks).lower() in self.juris_lower:
            return True
        # "Arvind Gurnani and Michael Messina": two persons; "Babcock and Wilcox", "Growth and
        # Opportunity Fund": one name
        return 2 <= len(toks) <= 4 and all(re.fullmatch(r"[A-Z][a-z]+\.?|[A-Z]\.", t) for t in toks) and \
            not any(t.lower().rstrip(".") in BUSINESS_WORDS for t in toks)

    # -- preamble ----------------------------------------------------------------------------
    def zone_end(self, text: str, pos: int, limit: int = 3000) -> int:
        hi = min(len(text), pos + limit)
        m = self.recital_re.search(text, pos, hi)
        hi = m.start() if m else hi
        # a title block ("AMONG\nX, Y AND Z\nThis Agreement ...") ends where the preamble sentence starts
        t = re.compile(r"\n[ \t]*(?:This|THIS)\s").search(text, pos, hi)
        return t.start() if t else hi

    def skip_separators(self, text: str, pos: int, hi: int) -> int:
        while pos < hi:
            m = (re.compile(r"\s+|[,;:\-\u2013\u2022*]|(?:and|AND|And|and/or|together\s+with)\b|each\s+of\b").match(text, pos, hi)
                 or self.enum_re.match(text, pos, hi))
            if not m or m.end() == pos:
                break
            pos = m.end()
        return pos

    def chunk_end(self, text: str, pos: int, hi: int, alias_seen: bool) -> tuple[int, bool]:
        """End of a party's descriptive tail starting at pos; second value: sentence ended."""
        depth = 0
        i = pos
        seen_alias = alias_seen
        alias_close = -1
        while i < hi:
            c = text[i]
            if c == "(":
                if depth == 0 and self.enum_re.match(text, i) and seen_alias:
                    return i, False
                depth += 1
                close = text.find(")", i)
                if close != -1 and re.search(r"[\"\u201c]|^\(\s*hereinafter\s", text[i:close]):
                    seen_alias = True
                    alias_close = close
            elif c == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and c in "\"\u201c":
                seen_alias = True
            elif depth == 0:
                if c == ";":
                    return i, False
                if seen_alias and c.isspace() and self.verb_re.match(text, i) and \
                        (alias_close < 0 or not text[alias_close + 1:i].strip(" ,\n\t\xa0")):
                    return i, True  # "... ("Consultant") agree to ...": the list is over
                if c == "." and seen_alias and self._sentence_end(text, i):
                    return i, True
                if c == "\n" and re.match(r"\n[ \t]*\n", text[i:i + 8]) and i > pos:
                    return i, False
                if c in ", " or c == "\n":
                    m = re.compile(r"(?:,\s*|\s+)(?:and|AND|And|together\s+with)\s+|,\s*|\s+(?=\(\s*(?:\d|[a-h])\s*\))").match(text, i, hi)
                    if m and m.end() < hi:
                        right_after_alias = alias_close >= 0 and not text[alias_close + 1:i].strip()
                        if self._party_starts(text, m.end(), hi, seen_alias, text[pos:i],
                                              right_after_alias or bool(re.search(r"\band\b", m.group(), re.IGNORECASE))):
                            return i, False
                        i = m.end()
                        continue
            i += 1
        return hi, False

    def _sentence_end(self, text: str, i: int) -> bool:
        nxt = text[i + 1:i + 3]
        if not nxt or not (nxt[0].isspace()):
            return False
        tok = re.search(r"(\S+)$", text[max(0, i - 20):i])
        return not (tok and self._abbrev(tok.group(1) + "."))

    def _party_starts(self, text: str, pos: int, hi: int, seen_alias: bool, tail: str, after_and: bool) -> bool:
        e = self.enum_re.match(text, pos, hi)
        if e:
            return True
        nm = self.parse_name(text, pos, hi)
        if not nm:
            first = re.match(r"\S*", text[pos:pos + 30]).group().lower().strip(",")
            if after_and and seen_alias and first not in self.tail_words and not first.islower() and \
                    re.match(r"[^()\"\u201c]{0,200}\(\s*(?:the\s+|hereinafter\s+)?[\"\u201c]", text[pos:pos + 260]):
                return True  # an odd or missing name that still gets its own alias
            return bool(after_and and seen_alias and re.match(r"(?:each|all|the)\s", text[pos:pos + 5]))
        if self.jur_kind_re.match(text, pos, min(hi, pos + 120)):
            return False  # "Delaware corporation" is a tail, not a party
        name = text[nm[0]:nm[1]]
        if not self.plausible_name(name):
            return False
        nxt = text[nm[1]:nm[1] + 60]
        shaped = bool(re.match(r"\s*(?:,?\s*(?:a|an)\s|\(|,?\s*(?:with|having|located|whose|residing|of\s+\d|"
                               r"organized|incorporated|represented|acting|hereinafter)\b|,?\s*[\"\u201c])", nxt, re.IGNORECASE))
        if not tail.strip(" ,"):
            return True  # a bare list of names: "Nelson Herrera, Arvind Gurnani and ..."
        if after_and or re.match(r"\s*together\s+with", text[pos - 16:pos]):
            return seen_alias or shaped
        # after a bare comma inside a tail (addresses!) only a well-formed legal name starts a party
        return self.is_suffix(name.split()[-1]) and shaped

    def plausible_name(self, name: str) -> bool:
        """Not an address fragment, a jurisdiction, or a bare pronoun/heading."""
        words = name.split()
        if not words or (any(w.lower().rstrip(".,") in ADDRESS_WORDS for w in words) and not self.is_suffix(words[-1])):
            return False
        if re.search(r"\d{3,}", name) and not self.is_suffix(words[-1]):
            return False
        if re.fullmatch(r"[A-Z]{2}", name) or name.lower() in self.juris_lower or self.jur_kind_re.match(name):
            return False
        if re.fullmatch(r"[IVX]+\.?", name):
            return False  # a roman numeral heading
        if not self.is_suffix(words[-1]) and re.fullmatch(r"(?:the\s+)?\w+\s+and\s+\w+", name):
            return False  # "the Adviser and FASC", "Developer and Client": aliases, not a name
        caps = [w for w in words if self.is_name_token(w.rstrip(",."))]
        return bool([w for w in caps if w not in ("The", "THE")])

    def parse_list(self, text: str, pos: int, hi: int) -> list[Party]:
        """Parties listed from pos (just after the cue) to hi."""
        parties: list[Party] = []
        hits = self.terms.find(text, pos, min(len(text), hi + 400))
        while pos < hi and len(parties) < 14:
            pos = self.skip_separators(text, pos, hi)
            if pos >= hi:
                break
            nm = self.parse_name(text, pos, hi)
            if nm and (self.jur_kind_re.match(text, pos, min(hi, pos + 120)) or
                       not self.plausible_name(re.sub(r"\s+", " ", text[nm[0]:nm[1]]))):
                nm = None
            start, name_end = nm if nm else (pos, pos)
            end, sentence_over = self.chunk_end(text, name_end, hi, False)
            if end <= pos:
                break
            chunk_hits = self._own_hits([h for h in hits if start <= h.q_start < end])
            if nm:
                chunk_hits += self._unquoted_aliases(text, name_end, end, chunk_hits)
            rep = _FOR_COMPANY.match(text, name_end, end) if nm else None
            if rep:
                cnm = self.parse_name(text, rep.end(), end)
                if cnm and self.plausible_name(text[cnm[0]:cnm[1]]):
                    start, name_end = cnm  # the person signs for a company: the company is the party
            if not nm and not chunk_hits:
                break  # neither a name nor an alias: the list is over
            if nm or chunk_hits:
                p = Party(name=re.sub(r"\s+", " ", text[start:name_end]).strip(" ,"), start=start, end=name_end)
                self._assign_aliases(p, chunk_hits, parties, text)
                p.jurisdiction = self.jurisdiction(text[name_end:end])
                if not nm:
                    p.name = ""
                parties.append(p)
            pos = end
            if sentence_over:
                break
        return parties

    @staticmethod
    def _own_hits(hits: list[TermHit]) -> list[TermHit]:
        """The alias parentheticals that belong to one party: the first, and the ones that
        follow it closely ("(the "Company") or ("AZUL")"); a term defined later in the same
        sentence ("... access to eGain's software ("Software")") is not the party's name."""
        out: list[TermHit] = []
        for h in hits:
            if out and h.paren != out[-1].paren and h.q_start - out[-1].q_end > 60:
                break
            out.append(h)
        return out

    @staticmethod
    def _unquoted_aliases(text: str, lo: int, hi: int, quoted: list[TermHit]) -> list[TermHit]:
        """"(hereinafter IntriCon)": an alias written without quotes."""
        if quoted:
            return []
        m = _UNQUOTED_ALIAS.search(text, lo, hi)
        if not m:
            return []
        return [TermHit(term=m.group("a"), start=m.start("a"), end=m.end("a"), q_start=m.start("a"),
                        q_end=m.end("a"), kind="paren", paren=m.start())]

    def _assign_aliases(self, p: Party, hits: list[TermHit], before: list[Party], text: str) -> None:
        for h in hits:
            h.term = re.sub(r"^(?:the|The|THE)\s+", "", h.term)
            if h.term.lower() in self.group_aliases or h.term.lower().startswith(("party ", "parties ")):
                continue
            if _NOT_A_PARTY_ALIAS.search(h.term):
                continue  # "(the "Effective Date")", "(this "Agreement")" in a party's tail
            prefix = text[h.paren + 1:h.q_start] if h.paren is not None and h.paren < h.q_start else text[max(0, h.q_start - 60):h.q_start]
            collective = re.search(r"\b(?:collectively|together|each|jointly|individually|severally|all)\b", prefix, re.IGNORECASE)
            if not collective:
                p.aliases.append(h.term)
                continue
            p.group_aliases.append(h.term)
            for q in reversed(before):  # the unaliased run this alias closes
                if q.aliases or not q.name:
                    break
                q.group_aliases.append(h.term)
            tw = re.search(r"together\s+with\s+(.*)", prefix, re.IGNORECASE | re.DOTALL)
            if tw:
                named = re.sub(r"\s+", " ", tw.group(1))
                for q in before:
                    pieces = {re.sub(r"^(?:the|each|all)\s+", "", x.strip(), flags=re.IGNORECASE).lower()
                              for x in re.split(r",|\band\b|;", named)}
                    named_here = any(a.lower() in pieces for a in q.aliases) or (q.name and q.name.lower() in pieces)
                    if named_here and h.term not in q.group_aliases:
                        q.group_aliases.append(h.term)

    def jurisdiction(self, tail: str) -> str | None:
        for rx in (self.laws_re, self.kind_re, self.in_re):
            m = rx.search(tail)
            if m:
                return self.norm_jurisdiction(m.group("j"))
        return None

    def norm_jurisdiction(self, j: str) -> str | None:
        j = re.sub(r"\s+", " ", j).strip(" .,")
        j = re.sub(r"\s+(?:and|of|with|having)$", "", j)
        for name in sorted(self.data["demonyms"], key=len, reverse=True):
            if j.lower() == name.lower():
                return self.data["demonyms"][name]
        for name in sorted(self.data["jurisdictions"], key=len, reverse=True):
            if j.lower().startswith(name.lower()):
                return name
        return j or None

    # -- choosing the preamble -----------------------------------------------------------------
    def preamble(self, text: str, lo: int = 0, hi: int | None = None) -> tuple[list[Party], int, int] | None:
        """The party list of the first agreement preamble in text[lo:hi]: (parties, start, end)."""
        hi = min(len(text), hi if hi is not None else lo + PREAMBLE_SEARCH)
        best = None
        other = None
        valid = 0
        body = re.compile(r"NOW,?\s+THEREFORE|Now,?\s+[Tt]herefore|agree\s+as\s+follows|AGREE\s+AS\s+FOLLOWS").search(text, lo, hi)
        if body:
            hi = body.start()
        for n, m in enumerate(self.cue_re.finditer(text, lo, hi)):
            if n > 40:
                break
            before = text[max(lo, m.start() - 500):m.start()]
            if not self.agree_re.search(before) and not m.group().isupper():
                continue
            if self.recital_re.search(before[-300:]):
                continue  # a recital about another agreement ("WHEREAS, ... between X and Y")
            if re.search(r"(?:that\s+certain|dated|under|to|of|the)\s+[^.;]{0,120}$", before[-130:]) and \
                    re.search(r"\bthat\s+certain\b|\bpursuant\s+to\b|\bunder\s+the\b|\bto\s+the\b", before[-160:]):
                # "that certain Agreement ... between X and Y": the agreement this one amends or
                # supplements; its parties are this document's parties only if nothing better is found
                if other is None:
                    zend = self.zone_end(text, m.end())
                    ps = self.parse_list(text, m.end(), zend)
                    if any(p.aliases for p in ps if p.name):
                        other = (ps, m.start(), zend)
                continue
            sent = re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z][a-z])|\n[ \t]*\n", before)[-1]
            if not m.group().isupper() and not m.group().rstrip().endswith(":") and not (
                    self.this_re.search(sent) or re.search(r"\b[A-Z]{3,}\s+(?:AGREEMENT|CONTRACT|AMENDMENT)\b", sent)):
                continue
            zend = self.zone_end(text, m.end())
            parties = self.parse_list(text, m.end(), zend)
            named = [p for p in parties if p.name]
            if any(p.aliases or p.group_aliases for p in named) and len(parties) >= 2:
                return parties, m.start(), zend
            valid += 1
            if best is None and len(named) >= 2 and valid <= 3:
                best = (parties, m.start(), zend)
        return best or other

    def alias_led(self, text: str, lo: int, hi: int) -> tuple[list[Party], int, int] | None:
        """No cue word: the first legal names that get an alias ("Aduro Biotech, Inc., with a
        place of business at ... ("Aduro") and IREYA B.V ... ("Consultant") agree ...")."""
        for h in self.terms.find(text, lo, hi):
            if h.kind != "paren" or h.paren is None:
                continue
            back = text[max(lo, h.paren - 300):h.paren]
            # the name starts after the last sentence end / colon / line break before it
            cuts = [m.end() for m in re.finditer(r"[:.]\s|\n|\bWHEREAS\b,?|\bWhereas\b,?|\bRECITALS?\b:?", back)
                    if not (m.group().startswith(".") and self._abbrev((back[:m.start()].split() or [""])[-1] + "."))]
            pos = max(lo, h.paren - 300) + (cuts[-1] if cuts else 0)
            pos = self.skip_separators(text, pos, h.paren)
            parties = self.parse_list(text, pos, self.zone_end(text, pos, 1500))
            named = [p for p in parties if p.name and (p.aliases or p.group_aliases)]
            if named and self.is_suffix(named[0].name.split()[-1]):
                return parties, pos, self.zone_end(text, pos, 1500)
            if h.q_start > lo + 6000:
                break
        return None

    # -- cover filings ----------------------------------------------------------------------------
    def reporting_persons(self, text: str) -> list[Party]:
        out = []
        for m in re.finditer(r"NAMES?\s+OF\s+REPORTING\s+PERSONS?\b\.?\s*", text, re.IGNORECASE):
            seg = text[m.end():m.end() + 400]
            seg = re.sub(r"^(?:S\.?S\.?\s+OR\s+)?I\.?R\.?S\.?\s+IDENTIFICATION\s+NOS?\.?\s+OF\s+(?:THE\s+)?ABOVE\s+PERSONS?"
                         r"(?:\s*\(ENTITIES\s+ONLY\))?\s*", "", seg, flags=re.IGNORECASE)
            line = re.split(r"\t|\n|\s{3,}(?=I\.?R\.?S)|I\.?R\.?S\.?\s+IDENTIFICATION", seg.strip(), maxsplit=1)[0]
            name = re.sub(r"\s+", " ", line).strip(" .:")
            if line.strip().endswith("."):
                name += "." if name and self._abbrev(name.split()[-1] + ".") else ""
            if not name or len(name) > 120 or not self.is_name_token(name.split()[0]):
                continue
            start = text.find(line.strip()[:20], m.end())
            block = text[m.end():m.end() + 1500]
            cz = re.search(r"CITIZENSHIP\s+OR\s+PLACE\s+OF\s+ORGANI[SZ]ATION\s*([^\t\n]*?(?:\t|\n|$)[^\t\n]*)", block, re.IGNORECASE)
            jur = None
            if cz:
                jur = re.sub(r"\s+", " ", cz.group(1)).strip(" \t.")
                jur = self.norm_jurisdiction(jur.split("  ")[0]) if jur else None
            out.append(Party(name=name, start=start, end=start + len(name), jurisdiction=jur, role="reporting person"))
        return out

    def narrative_entities(self, text: str, lo: int, hi: int) -> list[Party]:
        """Legal entities that a filing's narrative defines with an alias ("sell to Beacon
        Capital Group Inc. ("BCG")"): the counterparties of the agreements it reports."""
        out = []
        for h in self.terms.find(text, lo, hi):
            if h.kind != "paren" or h.paren is None:
                continue
            back = text[max(lo, h.paren - 200):h.paren]
            for m in re.finditer(r"(?:^|[\s(])(?=[A-Z0-9])", back):
                pos = max(lo, h.paren - 200) + m.end()
                nm = self.parse_name(text, pos, h.paren)
                if not nm or not self.is_suffix(text[nm[0]:nm[1]].split()[-1]):
                    continue
                tail = text[nm[1]:h.paren]
                if len(tail) > 160 or re.search(r"[\"\u201c(]", tail):
                    continue
                if tail.strip() and not re.match(r"\s*,\s*(?:a|an)\s", tail):
                    continue
                p = Party(name=re.sub(r"\s+", " ", text[nm[0]:nm[1]]), start=nm[0], end=nm[1],
                          aliases=[h.term], jurisdiction=self.jurisdiction(tail), role="party")
                out.append(p)
                break
        return out

    # -- signature blocks ------------------------------------------------------------------------
    def signatories(self, text: str) -> list[tuple[str, str | None, int]]:
        """(name, label above it, offset) of each legal entity that signs "By:" in the signature
        blocks (after the last IN WITNESS WHEREOF, else in the last 5,000 characters)."""
        w = None
        for w in re.finditer(r"IN\s+WITNESS\s+WHEREOF", text, re.IGNORECASE):
            pass
        lo = w.start() if w else max(0, len(text) - 5000)
        out: list[tuple[str, str | None, int]] = []
        for n, b in enumerate(re.finditer(r"\bBy\s*:", text[lo:lo + 12000], re.IGNORECASE)):
            if n >= 40:
                break
            pos = lo + b.start()
            back_lo = max(lo, pos - 220)
            back = text[back_lo:pos]
            end = re.search(r"[\s:_\-,]*$", back).start()
            marks = list(_SIG_MARK.finditer(back, 0, end))
            cut = marks[-1].end() if marks else 0
            for m in re.finditer(r"(?<![\w.&'-])(?=[A-Z0-9])", back[:end]):
                if m.start() < cut:
                    continue
                nm = self.parse_name(back, m.start(), end)
                if not nm or nm[1] < end - 2:
                    continue
                name = re.sub(r"\s+", " ", back[nm[0]:nm[1]])
                half = name.split()
                if len(half) % 2 == 0 and half[:len(half) // 2] == half[len(half) // 2:]:
                    name = " ".join(half[:len(half) // 2])  # two signature columns side by side
                if self.is_suffix(name.split()[-1]) and self.plausible_name(name) and len(name) > 3:
                    lab = re.search(r"([A-Z][A-Za-z ]{1,30}):\s*$", back[:nm[0]])
                    out.append((name, lab.group(1) if lab else None, back_lo + nm[0]))
                break
        return out

    # -- everything -----------------------------------------------------------------------------
    def find(self, text: str) -> tuple[list[dict], list[tuple[int, int]]]:
        """Parties (dicts) and the (start, end) of every preamble used."""
        filing = bool(self.filing_re.search(text, 0, min(len(text), 20000)))
        parties: list[Party] = []
        zones: list[tuple[int, int]] = []
        if filing:
            # each agreement the filing wraps: a heading line then "THIS ... AGREEMENT ... between"
            lo = 0
            while lo < len(text):
                pre = self.preamble(text, lo, len(text))
                if not pre:
                    break
                parties += [p for p in pre[0]]
                zones.append((pre[1], pre[2]))
                lo = pre[2] + 1
            first = zones[0][0] if zones else len(text)
            parties += self.reporting_persons(text[:first])
            parties += self.narrative_entities(text, 0, first)
        else:
            pre = self.preamble(text) or self.alias_led(text, 0, min(len(text), 8000))
            if pre:
                parties += pre[0]
                zones.append((pre[1], pre[2]))
        parties = self._with_signatures(text, parties, everyone=not zones and not parties)
        merged: list[Party] = []
        for p in parties:
            if not p.name:
                continue
            for q in merged:
                if name_key(p.name) == name_key(q.name):
                    q.aliases += [a for a in p.aliases if a not in q.aliases]
                    q.group_aliases += [a for a in p.group_aliases if a not in q.group_aliases]
                    q.jurisdiction = q.jurisdiction or p.jurisdiction
                    break
            else:
                merged.append(p)
        self._aliases_from_text(text, merged)
        return [p.as_dict() for p in merged], zones

    def _with_signatures(self, text: str, parties: list[Party], everyone: bool = False) -> list[Party]:
        """Signature blocks confirm or complete the preamble; with no preamble at all (a joint
        filing agreement, a letter signed by its addressees) every signing entity is a party."""
        named = [p for p in parties if p.name]
        nameless = [p for p in parties if not p.name and (p.aliases or p.group_aliases)]
        if len(named) >= 2 and not nameless:
            return parties
        sigs = self.signatories(text)
        for name, label, pos in sigs:
            if any(same_name(name, p.name) for p in named):
                continue
            owner = None
            for q in nameless:
                als = q.aliases + q.group_aliases
                if label and any(label.lower().rstrip("s") == a.lower().rstrip("s") for a in als):
                    owner = q
            if owner is None and len(nameless) == 1:
                owner = nameless[0]
            if owner is None and len(named) >= 2 and not everyone:
                continue
            p = Party(name=name, start=pos, end=pos + len(name), role="signatory")
            if owner:
                p.aliases = list(owner.aliases)
                p.group_aliases = list(owner.group_aliases)
                p.role = "party"
            parties.append(p)
            named.append(p)
        return parties

    def _aliases_from_text(self, text: str, parties: list[Party]) -> None:
        """A party with no alias yet: its first ``Name ..., a ... ("Alias")`` definition anywhere."""
        todo = [p for p in parties if not p.aliases and not p.group_aliases]
        if not todo:
            return
        for p in todo:
            rx = re.compile(re.escape(p.name).replace(r"\ ", r"\s+") + r"(?P<tail>[^()\"\u201c]{0,200}?)\(", re.IGNORECASE)
            for m in rx.finditer(text):
                paren = m.end() - 1
                hits = [h for h in self.terms.find(text, paren, min(len(text), paren + 200)) if h.paren == paren]
                tail = m.group("tail")
                if hits and (not tail.strip() or re.match(r"\s*,\s*(?:a|an)\s", tail)):
                    for h in hits:
                        if h.term.lower() not in self.group_aliases and h.term not in p.aliases:
                            p.aliases.append(h.term)
                    p.jurisdiction = p.jurisdiction or self.jurisdiction(tail)
                    break


# -- agreement date and title --------------------------------------------------------------------
_DATE_CUE = re.compile(r"(?:dated|date|made|entered\s+into|executed|effective|signed|agreed|as\s+of|on|this|day|of|is)\W*$", re.IGNORECASE)
_BLANK_DATE = re.compile(r"(?:_{2,}|\[[\s_]*\])\s*(?:day\s+of|,\s*(?:19|20)\d\d)|(?:day\s+of|as\s+of)\s+(?:_{2,}|\[[\s_]*\])"
                         r"|\bas\s+of\s+,\s*\d{4}", re.IGNORECASE)


def agreement_date(text: str, zones: list[tuple[int, int]], terms: list[dict], filing: bool) -> str | None:
    if filing:
        dates = [d for d in (zone_date(text, lo, hi) for lo, hi in zones) if d]
        # other agreements of the filing: "AGREEMENT OF JOINT FILING ... Dated: May 14, 2021"
        for m in re.finditer(r"^[ \t]*(?:[A-Z][A-Z ]{2,60})?AGREEMENT(?: OF [A-Z ]+)?[ \t]*$", text, re.MULTILINE):
            seg = text[m.end():m.end() + 1500]
            dm = re.search(r"Dated\s*:?\s*", seg)
            if dm:
                dd = DATE_RE.match(seg, dm.end())
                if dd and date_from_match(dd):
                    dates.append(date_from_match(dd))
        if dates:
            return dates[0] if len(set(dates)) == 1 else None
    hi = zones[0][1] if zones else min(len(text), 6000)
    d = opening_date(text, hi)
    if d is not False:
        return d
    for t in terms:
        if t["term"].lower() == "effective date" and t.get("definition"):
            m = DATE_RE.search(t["definition"][:80])
            if m and date_from_match(m):
                return date_from_match(m)
    w = None
    for w in re.finditer(r"IN\s+WITNESS\s+WHEREOF[^.]{0,200}?\bas\s+of\s+(?:this\s+|the\s+)?", text, re.IGNORECASE):
        pass
    if w:
        m = DATE_RE.match(text, w.end())
        if m:
            return date_from_match(m)
    tail = max(0, len(text) - 6000)
    signed = [date_from_match(dm) for m in re.finditer(r"\bDated?\s*:\s*", text[tail:])
              if (dm := DATE_RE.match(text, tail + m.end()))]
    signed = [d for d in signed if d]
    return max(signed) if signed else None  # the agreement is made when the last party signs


_OPEN_CUE = re.compile(r"(?:\bdated|\bdate[d:]?|\bas\s+of|\bmade|\bentered\s+into|\beffective|\bexecuted|\bthis|\bon|"
                       r"\bday\s+of|\bsigned|\bagreed|(?-i:AGREEMENT|AMENDMENT|CONTRACT))[\s:,]*(?:the\s+|this\s+)?$", re.IGNORECASE)
_OTHER_DOC = re.compile(r"\s*,?\s*(?:as\s+amended[^()]{0,60})?\(\s*(?:the\s+)?[\"\u201c]\s*+"
                        r"(?![^\"\u201d]{0,40}(?:Date|DATE|Effective|EFFECTIVE))(?!(?:Agreement|AGREEMENT|Amendment|AMENDMENT)\s*[\"\u201d])")


def zone_date(text: str, lo: int, hi: int) -> str | None:
    """Date of one agreement inside a larger file: from its opening paragraph to its preamble end."""
    back = text[max(0, lo - 700):lo]
    cuts = [m.end() for m in re.finditer(r"\n[ \t]*\n", back)]
    d = opening_date(text, hi, max(0, lo - 700) + (cuts[-1] if cuts else 0))
    return d or None


def opening_date(text: str, hi: int, lo: int = 0):
    """The date the opening of the document (title block + preamble, up to ``hi``) says the
    agreement is dated/made/effective; None for a blank date ("this ___ day of"); False if none."""
    hi = min(len(text), max(hi, lo + 400))
    for m in DATE_RE.finditer(text, lo, hi):
        before = text[max(0, m.start() - 45):m.start()]
        if not _OPEN_CUE.search(before) or re.search(r"filed|source|page|printed|as\s+amended", before[-25:], re.IGNORECASE):
            continue
        if re.search(r"that\s+certain|dated\s+as\s+of\s+$", text[max(0, m.start() - 200):m.start()], re.IGNORECASE) and \
                re.search(r"that\s+certain|reference\s+is\s+(?:hereby\s+)?made", text[max(0, m.start() - 200):m.start()], re.IGNORECASE):
            continue
        if _OTHER_DOC.match(text, m.end()):
            continue  # "dated December 5, 1995 (the "Split Dollar Agreement")": another instrument
        blank = _BLANK_DATE.search(text, lo, m.start())
        if blank and m.start() - blank.start() < 400:
            return None
        return date_from_match(m)
    if _BLANK_DATE.search(text, lo, hi) or re.search(r"dated\s+as\s+of\s*,", text[lo:hi], re.IGNORECASE):
        return None
    return False


def title_of(text: str, zone_start: int) -> str | None:
    """The last capitalized title line before a preamble, else the ``This <Title>`` words."""
    lo = max(0, zone_start - 1200)
    head = text[lo:zone_start]
    title_re = re.compile(
        r"(?<![A-Za-z])((?:[A-Z0-9][A-Z0-9&,.'’\-/]*[ \t]+){0,9}(?:AGREEMENT|AMENDMENT|CONTRACT|ADDENDUM|LEASE|"
        r"LICENSE|GUARANTY|INDENTURE)(?:[ \t]+(?:OF|AND|FOR|TO)[ \t]+(?:[A-Z0-9&\-]+[ \t]?){1,6})?)(?![a-z])")
    found = None
    for piece in re.split(r"\n|\s{3,}", head):
        for m in title_re.finditer(piece):
            t = re.sub(r"^(?:EXHIBIT|Exhibit)\s+[\w.\-]+\s+", "", m.group(1).strip())
            t = re.sub(r"^(?:[A-Z][\w.,&]*\s+){1,5}(?:INC|LTD|LLC|CORP|CORPORATION|CO)\.?,?\s+(?=[A-Z])", "", t)
            t = re.sub(r"^[\d.]+\s+|\s+THIS\s+(?:[A-Z]+\s+){0,6}(?:AGREEMENT|AMENDMENT|CONTRACT).*$", "", t)
            if not re.match(r"(?:THIS|THE)\b", t) and t.strip(" ,."):
                found = t.strip(" ,")
    if found:
        return found
    m = re.search(r"\b(?:This|THIS)\s+((?:[A-Z][\w&\-\u2019']*\s+){0,8}(?:Agreement|AGREEMENT|Amendment|AMENDMENT|Contract|CONTRACT))",
                  text[max(0, zone_start - 400):zone_start + 200])
    return re.sub(r"\s+", " ", m.group(1)).strip() if m else None


def add_preamble_variants(parties: list[dict], terms: list[dict]) -> None:
    """A term the definitions section refers back to the preamble ("“Holder” has the meaning
    specified in the Preamble") that is the singular/plural of a party's alias is an alias too."""
    for t in terms:
        if not re.search(r"\bPreamble\b|\bpreamble\b|first\s+paragraph", t.get("definition") or ""):
            continue
        for p in parties:
            if t["term"] in p["aliases"]:
                continue
            if any(t["term"] + "s" == a or a + "s" == t["term"] for a in p["aliases"]):
                p["aliases"].append(t["term"])


def load_data(path: Path | None = None) -> dict:
    return json.loads((path or models_dir() / DATA_FILE).read_text(encoding="utf-8"))


@Language.factory("clausekit_parties", default_config={"data_path": None})
def make_parties(nlp: Language, name: str, data_path: str | None) -> PartiesComponent:
    return PartiesComponent(name=name, data_path=data_path)


class PartiesComponent(JsonDataComponent):
    """Parties, agreement date and title → ``doc._`` and ``doc.spans["clausekit_parties"]``."""

    data_file = DATA_FILE

    def __init__(self, *, name: str = "clausekit_parties", data_path: str | None = None):
        self.name = name
        self.data_path = data_path
        self.data: dict | None = None
        self.finder: PartyFinder | None = None

    def initialize(self, get_examples=None, *, nlp=None, data: dict | None = None) -> None:
        if data is None:
            data = {"parties": load_data(Path(self.data_path) if self.data_path else None),
                    "terms": load_terms_data()}
        self._set_data(data)

    def _set_data(self, data: dict) -> None:
        self.data = data
        self.finder = PartyFinder(data["parties"], TermFinder(data["terms"]))

    def __call__(self, doc: Doc) -> Doc:
        if self.finder is None:
            self.initialize()
        text = clean_text(doc)
        parties, zones = self.finder.find(text)
        filing = bool(self.finder.filing_re.search(text, 0, min(len(text), 20000)))
        add_preamble_variants(parties, doc._.clausekit_terms or [])
        doc._.clausekit_parties = parties
        doc._.clausekit_agreement_date = agreement_date(text, zones, doc._.clausekit_terms or [], filing)
        title = None
        for lo, _hi in zones:
            title = title_of(text, lo)
            if title:
                break
        doc._.clausekit_title = title or title_of(text, min(len(text), 3000))
        spans = []
        for p in parties:
            if p.get("start") is not None and p["end"] > p["start"]:
                s = doc.char_span(p["start"], p["end"], label="PARTY", alignment_mode="expand")
                if s is not None:
                    spans.append(s)
        doc.spans[self.name] = spans
        return doc

