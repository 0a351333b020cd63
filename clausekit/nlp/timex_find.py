"""Find time provisions in a document's text and turn each into rule fields.

Pure functions over ``str``: the spaCy component in ``timex.py`` calls :func:`find_provisions`
and :func:`find_events`. The document is scanned with a few precompiled regexes (periods,
absolute dates, count-less cues); only the small window around each hit is looked at again.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from clausekit.deadlines.rules import (
    APPROX_DAYS,
    COMPOUND_GAP,
    WINDOW_ENDING_WORDS,
    WINDOW_THROUGH_WORDS,
    find_numbers,
    parse_expression,
)
from clausekit.errors import ClausekitError
from clausekit.nlp.timex_lex import MONTHS, Patterns, iso_date

# ---- clause boundaries -------------------------------------------------------------------
# Each alternative starts with a literal character so the regex engine can skip ahead fast;
# a boundary is at the end of the match, or at the "(" of a list item.
_BOUNDARY = re.compile(
    r"[.;!?][\s*]+(?=[“\"(\[]?[A-Z0-9(])"  # sentence end
    r"|\n[ \t]*\n\s*"  # blank line
    r"|[.;:][ \t]*\n\s*"  # a line that ends a sentence (hard-wrapped text keeps going otherwise)
    r"|\n(?=[ \t]*(?:[-*•]\s|\d+(?:\.\d+)+\s|Section\s|SECTION\s|ARTICLE\s|Article\s|#))"
)
_ABBREV = re.compile(r"(?:\b[ap]\.m|\bInc|\bLtd|\bCo|\bNo|\bCorp|\bS\.A|\bN\.A|\bU\.S|\bMr|\bMs|\bDr|\bSt|\bi\.e|\be\.g|"
                     r"\bvs|\bL\.P|\bP\.C|\bN\.V|\bB\.V)\.$")
_LIST_ITEM = re.compile(r"\((?:[a-z]|[ivx]{1,5})\)(?=\s+[A-Z])|(?<=[;:.]\s)\(\d{1,2}\)(?=\s+[A-Z])")

# case-sensitive literal prefilters (fast): a unit word, a month, a cue word
_UNIT_HINT = re.compile(
    r"(?:days?|months?|years?|weeks?|hours?|anniversary|annually|quarter(?:ly)?|monthly|weekly|yearly|basis|"
    r"Days?|Months?|Years?|Weeks?|Hours?|Anniversary|Annually|Quarter(?:ly)?|Monthly|Weekly|Yearly|Basis|DAYS?|MONTHS?|YEARS?|WEEKS?|HOURS?)\b")
_CUE_HINT = re.compile(
    r"(?:before|prior|later|until|till|long\s+as|promptly|soon\s+as|immediately|forthwith|retroactive|advance|"
    r"(?:[Ee]ffective|EFFECTIVE)\s+(?:as\s+of|upon|from|on|when)|effect\s+(?:from|as\s+of)|into\s+(?:force|effect)|"
    r"by\s+(?:the\s+|such\s+)?(?:Closing|time|end|Effective|Expiration|Termination|date|deadline)|"
    r"on\s+(?:the\s+)?(?:[\w()]+\s+){0,2}dates?\b|prompt|Before|Prior|Until|Promptly|Immediately|BEFORE|PRIOR|UNTIL)")

# right after a period: possessive, "period", a notice phrase, then a direction word
_NOTICE_AFTER = re.compile(
    r"(?:\s*(?:period|term))?\s*(?P<prior>prior|advance|previous)?\s*(?:written\s+)?(?P<notice>notice|notification)\b"
    r"(?:\s+(?:in\s+writing\s+)?(?:to\s+(?:the\s+)?\w+(?:\s+\w+)?\s+)?(?P<of>of)\s+)?",
    re.IGNORECASE,
)
_TIMES_IN = re.compile(r"(?:\b(?:but\s+)?(?:no|not)\s+more\s+than\s+|"
                       r"\b(?P<least>at\s+least|(?:at\s+)?a\s+minimum\s+of|(?:no|not)\s+(?:less|fewer)\s+than)\s+)?\b(?:once|twice|(?:two|three|four|\d)\s+times)\s+"
                       r"(?:(?:in|during|within|per)\s+)?(?:any|each|every|a)\s+(?:consecutive\s+|rolling\s+)?$",
                       re.IGNORECASE)
_PERIOD_WORD = re.compile(r"\s*(?:-\s*)?(?:period|term|periods|terms)\b", re.IGNORECASE)
_ANCHOR_STOP = re.compile(
    r"\s*(?:[,;\[\]]|:(?!\d)|\((?!s\)|(?!\s*(?:if|other|as|which|unless|but|[xyz]\)))[^()]{1,40}\)(?!\s*\())|(?<!\(s)\)|\n[ \t]*\n|(?<![ap]\.m)(?<!Inc)(?<!Ltd)(?<!\bCo)(?<!\bNo)(?<!\bS\.A)\.(?:\s|$)|$)"
    r"|\s*\((?=\s*(?:[“\"]|the\s+[“\"]|no\s+later|not\s+later|but|in\s+no\s+event|it\s+being))"
    r"|(?<!\bclause)(?<!\bclauses)(?<!\bsection)(?<!\bsubsection)(?<!\bparagraph)(?<!\bsubparagraph)(?<!\bitem)"
    r"\s+\((?=[ivx]+\)|[a-z]\))"
    r"|\s+(?P<modal>(?:shall|will|must|may)(?!\s+have\b))\b"
    r"|\s+and\s+(?:provides?|gives?|takes?|makes?|pays?|delivers?|uses?|notif\w+|cooperat\w+)\b"
    # another period with its own anchor: "after the Closing Date and 60 days after the Effective Date"
    r"|\s+(?:and|or)\s+(?=(?:(?:within|no\s+later\s+than|not\s+later\s+than|at\s+least)\s+)?"
    r"(?:\d{1,4}|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety)(?:[\s-]+\w+)?)\s*(?:\(\s*\d{1,4}\s*\)\s*)?(?:[A-Za-z]+\s+)?"
    r"(?:days?|months?|years?|weeks?|hours?|Days?|Months?|Years?|Weeks?|Hours?)\b)"
    r"|\s+(?:unless|as\s+applicable|with\s+payment|with\s+postage|postage|first\s+class|provided|and\s+in\s+any\s+event|but\s+in\s+any\s+event|or\s+such\s+other|"
    r"in\s+which\s+case|whichever|specifying|setting\s+forth|describing|pursuant\s+to|in\s+the\s+event|if|"
    r"contemplated\s+by|filed\s+by|when\s+included|or\s+other|"
    r"and\s+(?:shall|will|the|such|thereafter|each|if|ending|beginning|end|until|thereafter)|as\s+the\s+case\s+may\s+be|subject\s+to|in\s+respect\s+of|"
    r"for\s+(?:any|the|such)\s+(?:reason|purpose)|by\s+wire|without)\b",
    re.IGNORECASE,
)
_MONTH_HINT = re.compile(
    "|".join(list(MONTHS) + [m.upper() for m in MONTHS]))
# a list of bare nouns that ends the anchor's last noun phrase, without the Oxford comma:
# "of any action, suit, proceeding or investigation"
_NOUN_LIST = re.compile(r"(?:,\s*(?!(?:the|a|an|such|which|who|that|if|provided|and|or|but|whichever|including|shall|will|may|must)\b)"
                        r"[a-z][\w-]*(?:\s+(?!or\b|and\b)[a-z][\w-]*)?){1,6},?\s+(?:or|and)\s+"
                        r"(?!in\b|any\b|shall\b|will\b|the\b|such\b|a\b|an\b)[a-z][\w-]*")
_PREP_SPLIT = re.compile(r"\b(?:of|by|to|for|from|in|on|with|upon|under|against)\s+")
# a second noun phrase after a name: "upon receipt of a demand of the Holder such shares as …"
_NAME_THEN_SUCH = re.compile(r"\b[A-Z][\w-]*(\s+)such\s+[a-z]")
# a purpose adjunct after a relative clause or participle: "the date on which a record is taken for such dividend"
_TRAILING_FOR_SUCH = re.compile(
    r"\b(?:which|whom|whose|that|specified|stated|set\s+forth|designated|indicated)\b[^,;()]*?"
    r"(?<!\bpay)(?<!\bpays)(?<!\bpaid)(?<!\bapply)(?<!\bapplies)(?<!\bapplied)(?<!\bask)(?<!\basks)(?<!\basked)"
    r"(?<!\baccount)(?<!\baccounts)(?<!\baccounted)(?<!\bprovide)(?<!\bprovides)(?<!\bprovided)(?<!\bwait)(?<!\bvote)"
    r"(\s+for\s+such\s+[a-z])")
# a relative clause that only says what the event is about: "receipt of any communication from any Authority that
# relates to any Product" -> "receipt of any communication from any Authority"
_RELATES_TO = re.compile(r"(\s+(?:that|which)\s+(?:relates?|pertains?|refers?)\s+to\b)")  # after 4+ words
_EARLIER_OF = re.compile(r"\s*(?:the\s+)?(?:earlier|earliest|later|latest|first|last)\s+(?:to\s+occur\s+)?of", re.IGNORECASE)
_LAST_ALTERNATIVE = re.compile(r"[,;]?\s+(?:or|and)\s+\((?:[a-z]|[ivx]{1,4}|\d)\)\s+(?:(?:the|such)\s+)?", re.IGNORECASE)
_BETWEEN_EVENTS = re.compile(r"\b(?:following|after)\s+(?P<a>[^,;()]{3,120}?)\s+(?:but|and)\s+$", re.IGNORECASE)
_PLUS_PERIOD = re.compile(r"\b(?:for|during|throughout)\s+(?P<a>(?:the\s+)?(?:full\s+|entire\s+)?(?:period|term|duration)\s+of\s+"
                          r"[^,;()]{3,120}?)\s*(?:\([^()]{0,120}\)\s*)?plus\s*$", re.IGNORECASE)
_LIST_TAIL = re.compile(r"(?:,\s*(?!(?:the|a|an|such|which|who|that|if|provided|shall|will|may|must)\b)[a-z][\w-]*"
                        r"(?:\s+[a-z][\w-]*){0,2}){1,6},\s+"
                        r"(?:or|and)\s+(?!in\s+any\s+event|shall|will|the\s+[A-Z])[\w-]+")
_LEAD_ARTICLE = re.compile(r"^(?:the|such|said)\s+", re.IGNORECASE)
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_THEREFROM_ANCHOR = re.compile(
    r"\b(?:commenc\w*|begin\w*|start\w*|effective|from|on|as\s+of|upon)\s+(?:(?:on|upon|as\s+of|from)\s+)?(?:the\s+)?"
    r"[-\s]*(?P<a>(?:[A-Z][\w-]*\s+){0,3}(?:Date|Closing|Time)|date\s+(?:hereof|of\s+this\s+Agreement)|"
    r"(?:" + _MONTH_NAMES + r")\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:" + _MONTH_NAMES + r"),?\s+\d{4})\b"
)
_TERM_SENTENCE = re.compile(
    r"\b(?:term\s+of\s+(?:this|the)\s+agreement|(?:this|the)\s+agreement\s+(?:shall|will)\s+(?:be|continue|remain)|"
    r"initial\s+term|the\s+term\s+(?:shall|will|is)|term\s+of\s+this)\b", re.IGNORECASE)
_CAP = re.compile(  # a written-date cap right after a period; the date must follow
    r"\s*(?:[(,;]\s*|(?=(?:and|but)\s+in\s+(?:no|any)\s+(?:event|case)\b))"
    r"(?:(?:but|and)\s*,?\s*)?(?:(?:in\s+no\s+event|in\s+any\s+event|in\s+all\s+events|in\s+any\s+case)\s*,?\s*)?"
    r"(?:(?:no|not)\s+later\s+than|(?<=event\s)later\s+than|(?<=event,\s)later\s+than)\s+(?:on\s+)?"
    # "provided that in no event shall such payment be made later than DATE"
    r"|\s*[,;(]\s*provided\s*,?\s*(?:however\s*,?\s*)?that\s*,?\s*in\s+no\s+event\s*,?\s*"
    r"(?:shall|will|may|can|is|are)\b[^,;().]{0,100}?\s+later\s+than\s+(?:on\s+)?"
    # "or, if earlier, DATE"
    r"|\s*,?\s*or\s*,?\s*(?:\(\s*)?if\s+earlier\s*,?\s*(?:\)\s*)?(?:on\s+)?",
    re.IGNORECASE)
#: "between thirty (30) days and six (6) months after X": the first end of a range, right before it
_BETWEEN_LEFT = re.compile(r"\bbetween\s+$", re.IGNORECASE)
#: the first end of a range before the period a match found ("not less than 10 nor more than 60 days", "at
#: least ten (10) days but not more than sixty (60) days", "between 10 and 60 days")
_RANGE_HEAD = re.compile(
    r"\b(?:between|(?:not|no)\s+(?:less|fewer)\s+than|at\s+least|a\s+minimum\s+of)\s+"
    r"(?P<first>[\w()-]+(?:\s+[\w()-]+){0,4}?)\s*,?\s*(?:and|but|nor|to|-)\s+"
    r"(?:(?:not|no)\s+)?(?:(?:more|greater)\s+than\s+|to\s+exceed\s+|a\s+maximum\s+of\s+)?$", re.IGNORECASE)
#: "one year and a day": a further term of one unit written with an article
_ARTICLE_TERM = re.compile(r"(?P<art>an?)\s+(?P<unit>day|week|month|year)\b(?![-\w])", re.IGNORECASE)
#: "a year and one day": a first term written with an article, right before the core match
_ARTICLE_HEAD = re.compile(r"(?<!\bonce\s)(?<!\btwice\s)(?<!\btimes\s)(?<![\w-])(?P<art>an?)\s+(?P<unit>day|week|month|year)\s*,?\s*(?:and|plus)\s+$",
                           re.IGNORECASE)


@dataclass
class Item:
    start: int
    end: int
    kind: str
    count: float | int | None = None
    unit: str | None = None
    direction: str | None = None
    anchor: str | None = None
    date: str | None = None
    cap: str | None = None
    choose: str | None = None
    recurring: bool = False
    roll: str | None = None
    schedules: str | None = None
    priority: int = 0  # counted periods beat dates beat count-less cues when spans overlap
    extra: dict = field(default_factory=dict)


class Finder:
    """Holds the compiled patterns; ``find(text)`` returns Items sorted by start."""

    def __init__(self, patterns: Patterns) -> None:
        self.p = patterns
        lex = patterns.lex
        dirs = sorted(lex.directions, key=len, reverse=True)
        self.direction_re = re.compile(
            r"(?:\s*,(?=\s*(?:after|following|prior\s+to|before)\s+(?!which\b|that\b|such\s+time\b|this\b)))?"
            r"\s*(?:-\s*)?(?P<imm>immediately\s+)?(?P<dir>" + "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in dirs)
            + r")\b(?:(?<=preceding),)?\s*", re.IGNORECASE)
        cues = sorted(lex.date_cues, key=len, reverse=True)
        self.date_cue_re = re.compile(
            r"(?:^|[\s(,])(?P<cue>" + "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
            + r")\s+(?:the\s+)?(?:\w+\s+)??$", re.IGNORECASE)
        self.kind_cues = {k: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ws) + r")", re.IGNORECASE)
                          for k, ws in lex.kind_cues.items()}

    # ---- entry point ------------------------------------------------------------------------
    def find(self, text: str) -> list[Item]:
        bounds = sorted({0, len(text)} | {m.end() for m in _BOUNDARY.finditer(text)
                                          if not (text[m.start()] == "." and _ABBREV.search(text, max(0, m.start() - 6),
                                                                                             m.start() + 1))}
                        | {m.start() for m in _LIST_ITEM.finditer(text)})
        ctx = _Context(text, bounds)
        items: list[Item] = []
        for m in _windows(self.p.core, _UNIT_HINT, text, 160, 4):
            it = self._period(ctx, m)
            if it:
                items.append(it)
        for m in self.dates(text):
            it = self._date(ctx, m)
            if it:
                items.append(it)
        for m in _windows(_EVENT_CUE, _CUE_HINT, text, 40, 80, contain=False):
            it = _event_cue(ctx, m)
            if it:
                items.append(it)
        for m in _windows(_DAY_OF_EACH, _DAY_OF_EACH_HINT, text, 40, 30):
            it = _day_of_each(ctx, m)
            if it:
                items.append(it)
        for m in _windows(_FOR_TERM_OF, _FOR_TERM_OF_HINT, text, 2, 80):
            it = _for_the_term_of(ctx, m)
            if it:
                items.append(it)
        for m in _REDACTED.finditer(text):
            it = _redacted(ctx, m)
            if it:
                items.append(it)
        for m in _UPON_HEAD.finditer(text):
            it = _upon_immediately(ctx, m)
            if it:
                items.append(it)
        items = _resolve_overlaps(items)
        _merge_backstops(ctx, items)
        _inherit(ctx, items)
        return items

    # ---- counted periods ----------------------------------------------------------------------
    def _period(self, ctx: _Context, m: re.Match) -> Item | None:
        text, lex = ctx.text, self.p.lex
        s, e = m.start(), m.end()
        sent_start, sent_end = ctx.sentence(s)
        left = text[max(sent_start, s - 200):s]
        left_lc = left.lower()
        right = text[e:min(sent_end, e + 400)]
        g = m.groupdict()
        if re.search(r"(?:\b(?:rule|form|section|article|item|schedule|exhibit|clause|annex)\s*|[$€£%#])$", left_lc):
            return None
        if re.match(r"\s*(?:of\s+age|old|of\s+service|of\s+employment|of\s+experience|supply|worth|of\s+inventory)\b",
                    right, re.IGNORECASE) or re.match(
                r"\s*(?:of\s+)?(?:the\s+|his\s+|her\s+|its\s+)?(?:[\w-]+\s+){0,2}(?:fees?|salary|compensation|pay|rent|"
                r"royalt\w*|wages|severance|bonus)\b", right, re.IGNORECASE):
            return None  # "two (2) years Base Consulting Fee": an amount measured in time
        if g.get("freq"):
            count, unit = lex.frequency(g)
            return self._frequency(ctx, m, count, unit, left_lc)
        count = self.p.number_of(m)
        if g.get("ord"):
            uword = g["ounit"].lower()
            unit = "year" if uword == "anniversary" else lex.units[re.sub(r"\s+", " ", uword)]
            if count is None:
                return None
        else:
            unit = lex.units[re.sub(r"\s+", " ", g["unit"].lower())]
            if count is None and not g.get("rd"):
                return None
        if isinstance(count, (int, float)) and count <= 0:
            return None
        # "30-Day VWAP", "a 90-day supply": a period used as an adjective is not a provision
        if not g.get("ord") and not g.get("freq") and re.search(r"-\s*$", text[s:m.start("unit")]) \
                and not re.match(r"\s*(?:-\s*)?(?:period|periods|term|terms|notice|window|interval|cure|grace|"
                                 r"advance|prior|written|lock-up|extension|deadline)\b", right, re.IGNORECASE):
            return None
        more = self._more_terms(text, m, unit, sent_end)
        if more is not None:  # "one (1) year and one (1) month after X": one period, quoted whole
            e = more.end()
            right = text[e:min(sent_end, e + 400)]
            g = {**g, "poss": more.group("poss") if "poss" in more.re.groupindex else None}
        head = None if g.get("ord") or g.get("freq") else _ARTICLE_HEAD.search(text, max(sent_start, s - 40), s)
        if head and head.group("unit").lower() != unit and head.group("unit").lower() in ("year", "month", "week"):
            # "a year and one day after X": the article term comes first and carries the count and unit
            count, unit, s = 1, head.group("unit").lower(), head.start()
            left = text[max(sent_start, s - 200):s]
            left_lc = left.lower()
        ends = self._range_ends(text, m, count, unit, left_lc, sent_end) if more is None and not head else None
        if ends is not None:  # "between thirty (30) days and six (6) months after X": one range
            e = ends[2].end()
            right = text[e:min(sent_end, e + 400)]
            g = {**g, "poss": ends[2].group("poss")}
        it = Item(start=s, end=e, kind="deadline", count=count, unit=unit, priority=3)
        tm = _TIMES_IN.search(left)
        if tm:  # "no more than once in any twelve (12) month period": a cap measured over a recurring period
            pm = _PERIOD_WORD.match(text, e)
            return Item(start=s - (len(left) - tm.start()), end=pm.end() if pm else e,
                        kind="deadline" if tm.group("least") else "window", count=count,
                        unit=unit, priority=3, recurring=True)
        lead_start, lead = _lead(left)
        it.start = s - (len(left) - lead_start) if lead else s
        if ends is not None:
            bm = _BETWEEN_LEFT.search(left)
            it.start = min(it.start, s - (len(left) - bm.start())) if bm else it.start
        lead = lead.lower()
        # what follows: notice phrase, "period", direction, anchor
        pos = 0
        nm = _NOTICE_AFTER.match(right)
        notice_after = False
        if nm and (g.get("poss") or nm.group("prior") or re.match(r"\s*(?:written\s+)?notice", right, re.IGNORECASE)):
            notice_after = True
            it.kind = "notice"
            if nm.group("prior"):
                it.direction = "before"
            pos = nm.end()
            if nm.group("of"):
                anchor, aend = _anchor(right, pos)
                it.anchor = anchor
                pos = aend
            elif not nm.group("prior") and re.search(r"\bafter$", lead):
                # "after 30 days' Notice (from the Company)": counted from the notice
                fm = re.match(r"\s*from\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", right[pos:])
                start_n = nm.start("notice")
                end_n = pos + (fm.end() if fm else 0)
                it.anchor = _clean_anchor(right[start_n:end_n])
                it.direction = "after"
                pos = end_n
        else:
            pm = _PERIOD_WORD.match(right)
            if pm:
                pos = pm.end()
            dm = self.direction_re.match(right, pos)
            if dm and not (dm.group("dir").lower() == "of" and (g.get("ord") or not _takes_of(lead, g))
                           and (g.get("ounit") or "").lower() != "anniversary"):
                d = re.sub(r"\s+", " ", dm.group("dir").lower())
                it.direction = lex.directions[d]
                pos = dm.end()
                if d in ("thereafter", "therefrom", "thereof", "in advance", "prior"):
                    if d in ("therefrom", "thereafter"):
                        am = None
                        for am in _THEREFROM_ANCHOR.finditer(text, sent_start, s):
                            pass
                        if am is not None:
                            it.anchor = _clean_anchor(am.group("a"))
                else:
                    dm2 = self.p.date.match(right, pos)
                    if dm2 and d in ("ended on", "ending on", "ended", "ending", "from", "after", "following", "commencing on",
                                     "beginning on", "before", "prior to", "preceding"):
                        it.anchor = dm2.group(0)
                        it.date = iso_date(dm2)
                        pos = dm2.end()
                    else:
                        nxt = self.p.core.match(right, pos) if d in ("ending", "ended") else None
                        if nxt:
                            # "the fifteen trading days ending five trading days prior to X": one window
                            dm3 = self.direction_re.match(right, nxt.end())
                            pos = dm3.end() if dm3 else nxt.end()
                        anchor, aend = _anchor(right, pos)
                        if anchor:
                            it.anchor, pos = anchor, aend
            elif g.get("poss") and lead.endswith("after"):
                nm2 = re.match(r"\s*(?P<a>(?:written\s+)?notice\b[^,;.()]*)", right, re.IGNORECASE)
                if nm2:
                    it.anchor, it.direction = _clean_anchor(nm2.group("a")), "after"
                    pos = nm2.end()
                    notice_after = True
        it.end = e + pos if pos else e
        if g.get("ord") and it.direction is None and not re.match(
                r"\s*(?:of|in)\s+(?:each|every)\s+(?:calendar\s+|fiscal\s+)?(?:month|quarter|year|week)",
                right, re.IGNORECASE):
            return None  # "this 30th day of April", "such 90th or 180th day": no period of its own
        # cap: "(no later than June 15, 2021)"
        cm = _CAP.match(text, it.end)
        if cm:
            dm = self.p.date.match(text, cm.end())
            if dm:
                it.cap = it.date = iso_date(dm)
                close = text.find(")", dm.end(), dm.end() + 3)
                it.end = close + 1 if close >= 0 else dm.end()
        it.end = _trim_end(text, it.start, it.end)
        if ends is not None:
            # a range is due on its last allowed day: the longer end after X, the shorter before X
            shorter, longer = sorted(ends[:2], key=lambda t: t[0] * APPROX_DAYS.get(t[1], 1))
            it.count, it.unit = shorter if it.direction == "before" else longer
        elif not g.get("ord") and not g.get("freq"):
            self._range_head(text, it, s, sent_start)
        self._kind(it, lead, left_lc, right, sent_start, ctx, notice_after, g)
        if it.kind == "window":
            _window_far_end(ctx, it, e, sent_start, sent_end, self.p.date)
        if it.kind == "expiry" and not it.anchor and it.direction in (None, "after") and not it.extra.get("no_anchor"):
            am = None
            for am in _THEREFROM_ANCHOR.finditer(text, sent_start, min(sent_end, e + 200)):
                if am.start() > it.end + 200:
                    break
            if am is not None:
                it.anchor = _clean_anchor(am.group("a"))
            elif (it.extra.get("term") or _TERM_SENTENCE.search(text, sent_start, it.end)) and lead_is_term(lead):
                it.anchor = "Effective Date" if "Effective Date" in text else "date of this Agreement"
        if not it.anchor and lead.endswith("plus"):
            pm = _PLUS_PERIOD.search(text, max(sent_start, s - 300), s)
            if pm:  # "for the full period of the statute of limitations plus sixty (60) days": counted from its end
                it.anchor, it.direction = _clean_anchor(pm.group("a")), "after"
        if it.direction is None and it.kind == "notice":
            it.direction = "before"  # a notice lead time: so many days before the act it announces
        if it.direction is None and it.kind != "window":
            it.direction = "after"
        if it.direction is None and it.kind == "window":
            it.direction = "before" if re.search(r"\b(?:past|last|preceding|prior|previous)\b", lead) else "after"
        quote_lc = text[it.start:it.end].lower()
        if re.search(r"\b(?:each|every)\s+(?:\w+\s+)?(?:month|quarter|year|week|fiscal|calendar)", quote_lc):
            it.recurring = True
        if re.search(r"\bearlier\s+of\b", quote_lc):
            it.choose = "earlier"
        elif re.search(r"\blater\s+of\b", quote_lc):
            it.choose = "later"
        return it

    def _range_ends(self, text: str, m: re.Match, count, unit: str, left_lc: str,
                    limit: int) -> tuple[tuple, tuple, re.Match] | None:
        """The two ends of "between thirty (30) days and six (6) months after X" ((count, unit) each) and
        the second end's match, when ``m`` is the first end; None otherwise."""
        g = m.groupdict()
        if g.get("ord") or g.get("freq") or g.get("rd") or g.get("poss") or not _BETWEEN_LEFT.search(left_lc):
            return None
        am = re.compile(r"\s+and\s+", re.IGNORECASE).match(text, m.end(), limit)
        nxt = self.p.core.match(text, am.end(), limit) if am else None
        if not nxt or not nxt.group("unit") or nxt.group("rd") or self.p.number_of(nxt) is None:
            return None
        unit2 = self.p.lex.units[re.sub(r"\s+", " ", nxt.group("unit").lower())]
        return (count, unit), (self.p.number_of(nxt), unit2), nxt

    @staticmethod
    def _range_head(text: str, it: Item, s: int, sent_start: int) -> None:
        """When the period found is the far end of a range ("not less than 10 nor more than 60 days after
        X"), quote the whole range and take the count/unit of its last allowed day as the deadline
        engine reads it (``rules``: the larger count after X, the smaller before X)."""
        rh = _RANGE_HEAD.search(text, max(sent_start, s - 80), s)
        if rh is None:
            return
        try:
            if len(find_numbers(rh.group("first"))) != 1:
                return
            rule = parse_expression(text[rh.start():it.end])
        except ClausekitError:
            return
        if rule.earliest_count is None or rule.count is None or rule.extra:
            return
        it.start = min(it.start, rh.start())
        it.count, it.unit = rule.count, rule.unit

    def _more_terms(self, text: str, m: re.Match, unit: str, limit: int) -> re.Match | None:
        """The last further term of a compound period ("one (1) year and one (1) month", "one year, two
        months and ten days", "thirty (30) days plus five (5) Business Days"), or None. The shapes the
        deadline engine reads as one period (``rules._more_terms``): terms joined by a comma, "and" or
        "plus", each unit once, the last joined by "and"/"plus" ("30 days, 60 days": alternatives;
        "30 days or 60 days", "30 days after X and 60 days after Y": separate periods)."""
        g = m.groupdict()
        if g.get("ord") or g.get("freq") or g.get("rd"):
            return None
        if re.search(r"\bbetween\s+$", text[max(0, m.start() - 12):m.start()], re.IGNORECASE):
            return None  # "between thirty (30) days and six (6) months after X": a range, not a sum
        seen, pos, last = {unit}, m.end(), None
        while True:
            gap = COMPOUND_GAP.match(text, pos, limit)
            if gap is None or not (gap.group("comma") or gap.group("word")):
                break
            nxt = self.p.core.match(text, gap.end(), limit)
            if not nxt and gap.group("word"):
                nxt = _ARTICLE_TERM.match(text, gap.end(), limit)  # "one year and a day"
                if nxt:
                    unit2 = nxt.group("unit").lower()
                    if unit2 in seen:
                        break
                    last, pos = nxt, nxt.end()
                    seen.add(unit2)
                    continue
            if not nxt or not nxt.group("unit") or nxt.group("rd") or self.p.number_of(nxt) is None:
                break
            unit2 = self.p.lex.units[re.sub(r"\s+", " ", nxt.group("unit").lower())]
            if unit2 in seen:
                break
            seen.add(unit2)
            if gap.group("word"):
                last = nxt  # a list joined by commas counts only up to a term with "and"/"plus"
            pos = nxt.end()
            if g.get("poss") or nxt.group("poss"):
                break  # "thirty days' notice": nothing follows a possessive
        return last

    def _kind(self, it: Item, lead: str, left_lc: str, right: str, sent_start: int, ctx: _Context,
              notice_after: bool, g: dict) -> None:
        tail = left_lc[-200:]
        near = left_lc[-60:]
        if re.search(r"\bextend\w*\b", near) and not re.search(r"\buntil\b", lead):
            it.kind = "deadline"
            it.extra["extension"] = True
            return
        if re.search(r"\bfor\s+the\s+first\b", lead):
            it.kind = "window"
            return
        if re.search(r"\bduring\s+the\s*$", lead) and it.direction == "after":
            it.kind = "expiry"
            return
        if re.search(r"\b(?:during|in|over|for|within|at any time during)\s+the\s+(?:immediately\s+)?"
                     r"(?:past|last|preceding|prior|previous|consecutive|upcoming|following)\b", lead + " ") \
                or re.search(r"\b(?:the\s+)(?:immediately\s+)?(?:past|last|preceding|previous)\s*$", lead) \
                or re.search(r"\bas\s+of\s+a\s+date\s+that\s+is\s+(?:no|not)\s+more\s+than\s*$", tail) \
                or re.search(r"\bperiod\s+(?:beginning|commencing|starting)\s+(?:on\s+)?the\s*$|\bperiod\s+from\s+(?:the\s+)?$", tail) \
                or re.search(r"\brolling\s*$", tail) \
                or (it.direction == "before" and re.search(r"\b(?:during|for|within|in)\s+the\s*$", lead)
                    and not notice_after) \
                or (re.search(r"\bthe\s+(?:consecutive\s+)?$", lead) and it.anchor and it.date
                    and it.direction == "before"):
            it.kind = "window"
            return
        if notice_after:
            if re.search(r"\b(?:cure[ds]?|remed(?:y|ied))\b", near) or lead.startswith("within"):
                it.kind = "deadline"
            else:
                it.kind = "notice"
            return
        sentence_lc = ctx.text[sent_start:ctx.sentence(it.start)[1]].lower()
        if re.search(r"\bnotice\b[^.;]{0,60}\bof\s*(?:not\s+less\s+than|at\s+least|no\s+less\s+than)?\s*$", lead + " ", re.IGNORECASE) \
                or re.search(r"\bnotice\b[^.;]{0,60}$", near) and re.search(r"\bof\s+(?:not\s+less\s+than|at\s+least)\s*$", lead):
            it.kind = "notice"
            it.direction = it.direction or "before"
            return
        if re.search(r"\brenew", sentence_lc) and re.search(r"\b(?:notice|notif\w*|in\s+writing)\b", sentence_lc) \
                and re.search(r"\b(?:not\s+to\s+renew|non-?renewal|intent\w*\s+not|terminat\w*|not\s+be\s+renewed)", sentence_lc) \
                and ("within" in lead or not (
                    re.search(r"\bfor\b|\bterms?\s+of|\bperiods?\s+of", lead)
                    or re.search(r"(?:\bfor|\bterms?|\bperiods?)\s+(?:[\w-]+\s+){0,2}of\s*$|\bfor\s*$", left_lc[-40:]))) \
                and not re.search(r"\bterm\b[^.;]{0,80}\b(?:(?:shall|will)\s+(?:be|continue|remain)|is)\b[^.;]{0,20}$", tail):
            it.kind = "notice"
            return
        if it.direction == "before" and re.search(r"\b(?:notice|notify|notif\w*|in\s+writing)\b", tail):
            it.kind = "notice"
            return
        if it.direction == "after" and it.anchor and re.search(
                r"\b(?:deposit\w*|mail\w*|sent|sending|dispatch\w*|transmi\w*|courier|facsimile|posting|posted)\b",
                it.anchor, re.IGNORECASE) and re.search(r"\bdeemed\b|\b(?:be|been|is|are)\s+(?:duly\s+)?(?:given|received|delivered|effective)\b",
                                                        ctx.text[max(0, it.start - 500):it.start], re.IGNORECASE):
            it.kind = "notice"
            it.extra["deemed"] = True  # a rule of the notices clause: nobody in particular must act
            return
        if re.search(r"\bterm\b[^.;]{0,80}\b(?:(?:shall|will)\s+(?:be|continue|remain|expire|end)|is)\b[^.;]{0,20}$", tail) \
                or re.search(r"\bagreement\s+(?:shall|will)\s+(?:continue|remain|be\s+in\s+effect)[^.;]{0,40}$", tail):
            it.kind = "expiry"
            it.extra["term"] = True
            return
        if re.search(r"\buntil\b", lead) or re.search(
                r"\b(?:for|of)\s+(?:a|an|the)?\s*(?:initial|additional|further|renewal|successive|subsequent)?\s*"
                r"(?:period|term)s?\s+of\s*(?:not\s+less\s+than\s+|at\s+least\s+|up\s+to\s+)?$", lead + " ") \
                or re.search(r"\b(?:term|period)\s+of\s*$", lead) \
                or (re.match(r"for\b", lead) and not re.search(r"\b(?:cure[ds]?|remed|persist|pay|paid)", tail)) \
                or re.search(r"\bsurviv\w*\b", tail) \
                or (g.get("ounit") or "").lower() == "anniversary" \
                or re.search(r"\bnot\s+to\s+exceed\s*$", lead):
            it.kind = "expiry"
            return
        if re.search(r"\b(?:expire|expires|expiration|terminate|terminates|renew\w*)\s+(?:\w+\s+){0,3}$", tail) \
                and not re.search(r"\b(?:within|no later than|not later than|prior to|at least)\b", lead):
            it.kind = "expiry"

    def _frequency(self, ctx: _Context, m: re.Match, count: int, unit: str, left_lc: str) -> Item | None:
        """'quarterly', 'at least annually', 'no more than twice per calendar year': a recurring item, no anchor."""
        g = m.groupdict()
        tail = left_lc[-60:]
        times = g.get("times") or g.get("times2")
        right = ctx.text[m.end():m.end() + 40]
        # an adverb alone counts after a limit word, a modal or a passive participle ("shall be reviewed annually"),
        # or closing a clause a modal governs ("shall submit its sales reports monthly."), not as an adjective
        # ("monthly reports", "on a monthly basis")
        if not times and not re.search(
                r"\b(?:at\s+least|a\s+minimum\s+of|(?:no|not)\s+(?:more|less|fewer)\s+than|more\s+than|shall|will|must|"
                r"\w+ed\s+by|update|review\w*|forecast|(?:be|been|is|are)\s+\w+ed)\s*$", tail) \
                and not (re.search(r"\b(?:shall|will|must)\b[^.;,()]{0,100}$", left_lc)
                         and re.match(r"\s*(?:[.;,)]|$|(?:and|or|in\s+arrears|in\s+advance|thereafter|during)\b)", right)):
            return None
        if re.search(r"\b(?:at\s+least|a\s+minimum\s+of|(?:no|not)\s+less\s+than|(?:no|not)\s+fewer\s+than)\s*$", tail):
            kind = "deadline"  # a minimum frequency: it must happen at least so often
        elif re.search(r"\b(?:no|not)\s+more\s+than\s*$", tail):
            kind = "window"  # a cap measured over the period
        elif times:  # "shall deliver a report once per quarter" binds; "may audit once a year" is a cap
            kind = "deadline" if re.search(r"\b(?:shall|will|must)\s+(?!use\b|permit\b|allow\b)\w+\b[^.;()]{0,60}$", tail) \
                and not re.search(r"\b(?:permit|allow|entitled|right|may)\b", tail) else "window"
        else:
            kind = "deadline"
        start = m.start()
        lm = re.search(r"(?:(?:but\s+)?(?:no|not)\s+(?:more|less|fewer)\s+than|at\s+least|(?:at\s+)?a\s+minimum\s+of)\s*$",
                       ctx.text[max(0, start - 40):start],
                       re.IGNORECASE)
        if lm:
            start -= len(lm.group(0))
        end = m.end()
        dm = re.match(r"\s+during\s+the\s+Term\b", ctx.text[end:end + 30])
        if dm:
            end += dm.end()
        return Item(start=start, end=end, kind=kind, count=count, unit=unit, direction=None, priority=2, recurring=True)

    # ---- absolute dates -------------------------------------------------------------------------
    def dates(self, text: str) -> list[re.Match]:
        """Every absolute date, found around month names (cached per text for the events pass)."""
        if getattr(self, "_dates_for", None) is not text:
            self._dates = _windows(self.p.date, _MONTH_HINT, text, 20, 30)
            self._dates_for = text
        return self._dates

    def _date(self, ctx: _Context, m: re.Match) -> Item | None:
        iso = iso_date(m)
        if not iso:
            return None
        text = ctx.text
        s = m.start()
        sent_start, _ = ctx.sentence(s)
        left = text[max(sent_start, s - 60):s]
        cm = self.date_cue_re.search(left)
        rng = re.search(r"\bfrom\s+(?:" + _MONTH_NAMES + r")\s+\d{1,2},?\s+\d{4}\s+(?:to|until|through)\s+$", left)
        if rng:
            return Item(start=s - (len(left) - rng.start()), end=m.end(), kind="expiry", anchor=m.group(0), date=iso,
                        priority=2)
        if not cm:
            return None
        cue = re.sub(r"\s+", " ", cm.group("cue").lower())
        if re.search(r"\b(?:dated|made|entered\s+into|as\s+of)\s*$", left[:cm.start("cue")], re.IGNORECASE):
            return None
        if re.match(r"\s*WHEREAS\b", text[sent_start:sent_start + 12]):
            return None
        between = left[cm.end("cue"):]
        if between.strip() and not re.fullmatch(r"\s*(?:on\s+)?(?:the\s+)?(?:close\s+of\s+business\s+on|\d{1,2}:\d{2}\s*[ap]\.?m\.?"
                                                r"(?:\s+\w+\s+time)?(?:\s+on)?|midnight\s+on)?\s*", between, re.IGNORECASE):
            return None
        direction, kind = self.p.lex.date_cues[cue]
        if cue == "by" and re.search(r"\b(?:signed|executed|delivered|made|approved|owned|held|filed)\s+$",
                                    left[:cm.start("cue")], re.IGNORECASE):
            return None
        start = s - (len(left) - cm.start("cue"))
        return Item(start=start, end=m.end(), kind=kind, count=None, unit=None, direction=direction,
                    anchor=m.group(0), date=iso, priority=2)


def _windows(pattern: re.Pattern, hint: re.Pattern, text: str, before: int, after: int, contain: bool = True):
    """Matches of an expensive ``pattern`` found only in small windows around matches of a cheap ``hint``
    (that contain the hint, unless ``contain`` is false), each reported once, in order."""
    seen: set[int] = set()
    out = []
    for h in hint.finditer(text):
        for m in pattern.finditer(text, max(0, h.start() - before), min(len(text), h.end() + after)):
            if m.start() in seen:
                continue
            # a match may have been cut short by the window's end: take it again, unbounded
            m = pattern.match(text, m.start(), min(len(text), m.start() + 400)) or m
            if contain and not m.start() <= h.start() < m.end():
                continue
            seen.add(m.start())
            out.append(m)
    out.sort(key=lambda m: m.start())
    return out


class _Context:
    def __init__(self, text: str, bounds: list[int]) -> None:
        self.text = text
        self.bounds = bounds

    def sentence(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.bounds, offset) - 1
        start = self.bounds[max(i, 0)]
        end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.text)
        return start, end


# ---- a window with two ends -------------------------------------------------------------------
# "for the period beginning on the 30th trading day before X and ending on Y", "from thirty (30) days
# before X until Y": the counted period is where the window begins; the far end is quoted with it
_WINDOW_BEGIN = re.compile(
    r"(?:\b(?:for|during|over|in|throughout)\s+(?:the|a|such)\s+(?:[\w-]+\s+){0,2}?period\s+)?"
    r"\b(?:beginning|commencing|starting|from)(?:\s+(?:on|at|with)(?=\s*$))?\s*$", re.IGNORECASE)
_WINDOW_FAR_END = re.compile(
    rf"\s*,?\s*(?:and\s+)?(?:{WINDOW_ENDING_WORDS}|{WINDOW_THROUGH_WORDS})\s+", re.IGNORECASE)


def _window_far_end(ctx: _Context, it: Item, e: int, sent_start: int, sent_end: int, date_re: re.Pattern) -> None:
    """Extends a window's quote over its far end ("… and ending on the closing date of X"); the
    deadline engine reads that end from the quote (``resolve._window_end``). ``e``: the end of the
    counted period, so an anchor that ran on into "until Y" is cut there."""
    text = ctx.text
    head = len(re.match(r"(?:from\s+)?", text[it.start:], re.IGNORECASE).group(0))  # the lead took "from"
    bm = _WINDOW_BEGIN.search(text, max(sent_start, it.start - 80), it.start + head)
    if bm is None:
        return
    inner = _WINDOW_FAR_END.search(text, e, it.end)
    if inner is not None and it.anchor:  # "from 30 days before the Meeting until the Meeting Date"
        cut = re.split(_WINDOW_FAR_END.pattern, it.anchor, maxsplit=1, flags=re.IGNORECASE)[0]
        it.anchor, it.end = _clean_anchor(cut) or it.anchor, _trim_end(text, it.start, inner.start())
    em = _WINDOW_FAR_END.match(text, it.end, sent_end)
    if em is None:
        return
    dm = date_re.match(text, em.end(), sent_end)
    if dm is not None:
        far = dm.end()
    else:
        anchor, aend = _anchor(text[em.end():min(sent_end, em.end() + 400)], 0)
        if not anchor:
            return
        far = em.end() + aend
    it.start = min(it.start, bm.start())
    it.end = _trim_end(text, it.start, far)


# ---- the lead words before a period ----------------------------------------------------------------
_LEAD = re.compile(
    r"(?:(?:(?:as\s+soon\s+as\s+(?:reasonably\s+|commercially\s+)?(?:practicable|practical|possible)|(?:as\s+)?promptly(?:\s+as\s+practicable)?)"
    r"\s*,?\s*(?:and|but)?\s*,?\s*in\s+any\s+event\s+)"
    r"|(?:but\s+)?in\s+(?:no|any)\s+event\s+(?:later\s+than\s+|within\s+|more\s+than\s+|less\s+than\s+)?"
    r"|(?:no|not)\s+(?:later|less|more|fewer)\s+than\s+|(?:more|less|fewer)\s+than\s+|at\s+least\s+|up\s+to\s+|within\s+|during\s+|for\s+|by\s+|"
    r"after\s+|on\s+(?=the\s)|until\s+|through\s+|plus\s+|over\s+|not\s+to\s+exceed\s+|in\s+|from\s+|upon\s+|"
    r"(?:a|an|the)\s+(?:initial\s+|additional\s+|further\s+|renewal\s+)?(?:period|term)\s+of\s+|of\s+|"
    r"at\s+any\s+time\s+during\s+|have\s+|giving\s+\w+(?:\s+\w+)?\s+|give\s+\w+(?:\s+\w+)?\s+|"
    r"the\s+|such\s+|first\s+|second\s+|third\s+|next\s+|past\s+|last\s+|(?:immediately\s+)?preceding\s+|consecutive\s+|another\s+|"
    r"additional\s+|upcoming\s+|rolling\s+|successive\s+|each\s+)+$",
    re.IGNORECASE,
)


def _lead(left: str) -> tuple[int, str]:
    """The cue words right before a period ('within', 'no later than', 'for a period of', 'during the past')."""
    m = _LEAD.search(left[-160:])
    if not m:
        return len(left), ""
    start = len(left) - 160 + m.start() if len(left) > 160 else m.start()
    lead = left[start:].strip()
    # a bare article or "such" is not a cue worth quoting, unless it is all there is
    return start, lead


def _takes_of(lead: str, g: dict) -> bool:
    return bool(re.search(r"\b(?:within|later\s+than|prior\s+to|notice|more\s+than)\b", lead))


def _anchor(right: str, pos: int, clause: bool = True) -> tuple[str | None, int]:
    """The event phrase starting at ``pos``: up to punctuation, a modal verb or a qualifier, at most 25 words.
    ``clause``: the anchor may be a clause in the perfect ("until the Holders shall have received …")."""
    stop = _ANCHOR_STOP.search(right, pos)
    max_words = 25
    if stop and _EARLIER_OF.fullmatch(right, pos, stop.start()):
        last = None
        for last in _LAST_ALTERNATIVE.finditer(right, stop.end(), min(len(right), stop.end() + 300)):
            pass
        if last:  # "the earlier of (x) such day, as the case may be, or (y) such time as …": the whole choice
            stop, max_words = _ANCHOR_STOP.search(right, last.end()), 50
    elif stop and _EARLIER_OF.match(right, pos) and re.fullmatch(r"\s+and\s+(?:the|such)", stop.group(0)):
        stop = _ANCHOR_STOP.search(right, stop.end())  # "the earlier of the Closing and the Outside Date": both
    if not clause:
        hm = re.search(r"\s+(?:(?:the|such|any)\s+)?(?:[A-Z][\w-]*\s+)*(?:shall|will|must|may)\s+have\b",
                       right[pos:stop.start() if stop else len(right)])
        if hm:
            stop = _ANCHOR_STOP.search(right[:pos + hm.start()] + ".", pos)
    while stop and right[stop.start():stop.end()].strip() == ")" and \
            right.count("(", pos, stop.start()) > right.count(")", pos, stop.start()):
        stop = _ANCHOR_STOP.search(right, stop.end())  # the end of a parenthesis the anchor opened
    if stop and stop.group("modal") and re.search(r"\b(?:which|when|whom|where|that)\b", right[pos:stop.start()]):
        # a relative clause: "the date on which a record will be taken"
        stop = _ANCHOR_STOP.search(right, stop.end())
        while stop and stop.group("modal"):
            stop = _ANCHOR_STOP.search(right, stop.end())
    if stop and right[stop.start():stop.end()].strip() == "," and len(right[pos:stop.start()].split()) <= 3:
        lm = _LIST_TAIL.match(right, stop.start())
        if lm:  # "such solicitation, inducement, hiring, retention, or attempt to hire or retain"
            stop = _ANCHOR_STOP.search(right, lm.end())
            while stop and stop.group(0).strip() == "," and _LIST_TAIL.match(right, stop.start()):
                stop = _ANCHOR_STOP.search(right, _LIST_TAIL.match(right, stop.start()).end())
    elif stop and right[stop.start():stop.end()].strip() == ",":
        seg = _PREP_SPLIT.split(right[pos:stop.start()])[-1]
        nm = _NOUN_LIST.match(right, stop.start()) if len(seg.split()) <= 2 and len(seg.split()) < \
            len(right[pos:stop.start()].split()) else None
        if nm:  # "notice of the commencement of any action, suit, proceeding or investigation": the list ends it
            stop = None
            right = right[:nm.end()]
    end = stop.start() if stop else len(right)
    raw = right[pos:end]
    for cut_re in (_NAME_THEN_SUCH, _TRAILING_FOR_SUCH, _RELATES_TO):
        cm = cut_re.search(raw)
        if cm and (cut_re is not _RELATES_TO or len(raw[:cm.start(1)].split()) >= 4):
            end = pos + cm.start(1)
            raw = raw[:cm.start(1)]
    words = raw.split()
    if len(words) > max_words:
        raw = " ".join(words[:max_words])
        end = pos + right[pos:].find(words[max_words - 1]) + len(words[max_words - 1])
    anchor = _clean_anchor(raw)
    if anchor:
        last = anchor.split()[-1]
        k = raw.rfind(last)
        if k >= 0:
            end = pos + k + len(last)
    if not anchor or re.fullmatch(r"(?:and|or|but|any|an?|the|which|that|such)", anchor, re.IGNORECASE):
        return None, pos
    if re.search(r"\bterminated(?:\s+\w+)?\s+as$", anchor):
        pm = _AS_PROVIDED.match(right, end)
        if pm:  # "until terminated as provided below": "provided" stops other anchors, not this one
            anchor, end = _clean_anchor(right[pos:pm.end()]), pm.end()
    return anchor, end


_AS_PROVIDED = re.compile(  # "… as provided in Section 8", "… as provided below"
    r"\s+provided(?:\s+for)?(?:\s+(?:below|above|herein|hereunder|hereinafter|elsewhere))*"
    r"(?:\s+(?:in|by|under)(?:\s+(?:this|the|such))?(?:\s+(?:(?-i:[A-Z][\w-]*)|section|article|clause|paragraph|\d[\w.()]*\w))"
    r"{1,3}(?:\s+of\s+(?:this|the)\s+(?-i:[A-Z][\w-]*))?)?", re.IGNORECASE)


def _clean_anchor(raw: str) -> str | None:
    a = re.sub(r"\s+", " ", raw).strip(" ,;:-")
    a = re.sub(r"</?\w+>", "", a)
    a = re.sub(r"\*\*", "", a)
    a = re.sub(r"^\(\s*(?:[a-z]{1,2}|[ivx]{1,5}|\d{1,2})\s*\)\s*", "", a)
    a = re.sub(r"^(?:\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?|noon|midnight)(?:\s*\(?[A-Z][\w.]*\)?)*(?:\s+[Tt]ime)?\s*(?:,\s*)?(?:on\s+)?",
               "", a)
    a = _LEAD_ARTICLE.sub("", a)
    a = re.sub(r"^(?:an?\s+|any\s+(?=such\b))", "", a, flags=re.IGNORECASE)
    a, n = re.subn(r"^(?:such\s+)?time\s+as\s+(?:there\s+(?:is|are)\s+)?", "", a, flags=re.IGNORECASE)
    if n:  # "such time as the Registration Statement is no longer effective"
        a = re.sub(r"^the\s+", "", a, flags=re.IGNORECASE)
    a = re.sub(r"^there\s+(?:is|are)\s+(?=no\b)", "", a, flags=re.IGNORECASE)
    # "after it receives any complaint": the pronoun's act is the receipt ("receipt of any complaint")
    a = re.sub(r"^(?:it|he|she|they)\s+(?:receives?|received|has\s+received|shall\s+have\s+received)\s+", "receipt of ", a)
    cut = re.match(r"^((?:[A-Z][\w-]*\s+)*(?:Date|Closing|Time))\s+(?!Date\b|Time\b|of\s+(?:the\s+)?[A-Z][a-z])[a-z]", a)
    if cut:
        a = cut.group(1)
    a = re.sub(r"\s+(?:and|or|but|to|of|the|a|an|in|at|on|by|for|with)$", "", a, flags=re.IGNORECASE)
    return a or None


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n,;:":
        end -= 1
    return end


# ---- count-less cues ----------------------------------------------------------------------------
_EVENT_CUE = re.compile(
    r"\b(?P<cue>on\s+or\s+before|at\s+or\s+prior\s+to|at\s+or\s+before|prior\s+to\s+or\s+(?:on|at|simultaneous(?:ly)?\s+with)|"
    r"(?:in\s+no\s+event\s+)?(?:no|not)\s+later\s+than|prior\s+to|before|in\s+advance\s+(?:of|to)|by|until|till|"
    r"(?:if\s+and\s+)?(?:for\s+)?(?:so|as)\s+long\s+as|"
    r"(?:as\s+)?promptly\s+(?:as\s+practicable\s+)?(?:after|following|upon)|"
    r"as\s+soon\s+as(?:\s+(?:reasonably\s+|commercially\s+)?(?:practicable|practical|possible|reasonable|feasible))?"
    r"(?:\s+(?:after|following|upon|thereafter))?|"
    r"immediately\s+(?:upon|after|following)|forthwith\s+(?:upon|after)|"
    r"(?:deemed\s+)?effective\s+(?:as\s+of|upon|from|on)|with\s+(?:immediate\s+)?effect\s+(?:from|as\s+of)|"
    r"retroactive\s+to|become\s+effective\s+when|comes?\s+into\s+(?:force|effect)\s+(?:as\s+of|on|upon)|"
    r"immediately\s+by|prompt(?:\s+written)?\s+notice(?:\s+to\s+(?:the\s+)?\w+(?:\s+\w+)?)?\s+(?:after|following|upon)|"
    r"(?<=\s)on(?=\s+(?:the\s+)?(?:\w+\s+){0,2}dates?\b))\s+",
    re.IGNORECASE,
)
# "shall remain valid during the term of the LSA" (its own pass: the literal "remain"/"continue" starts it)
_FOR_TERM_OF = re.compile(
    r"\b(?:remain|continue)s?\s+(?:valid|effective|binding|enforceable|in\s+(?:full\s+)?(?:force|effect)"
    r"(?:\s+and\s+effect)?)\s+(?:during|for|throughout)(?=\s+the\s+(?:term|duration|life)\s+of\s)\s+", re.IGNORECASE)
_FOR_TERM_OF_HINT = re.compile(r"(?:remain|continue|Remain|Continue|REMAIN|CONTINUE)")
_EVENT_WORDS = re.compile(
    r"\b(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|receipt|receiv\w*|filing|fil\w+|delivery|deliver\w*|effectiveness|commencement|"
    r"expiration|termination|completion|consummation|execution|payment|exercise|date|time|end|occurrence|issuance|"
    r"implementation|disclosure|transfer|assignment|making|sends?|submission|closing|shipment|approval|launch|"
    r"demand|request|notice|learning|expir\w+|terminat\w+|day|quarter|month|year|period|signed|exercis\w+|determination|start|beginning|occur\w*)\b",
)
# "until" + a state of affairs rather than an event: "until the number of such shares shall have been reduced to
# zero", "until the Loan is no longer outstanding", "until all amounts have been paid"
_STATE_CLAUSE = re.compile(
    r"^no\s+(?!later\b|earlier\b)\w+|^(?:fully\s+|finally\s+)?(?:paid|repaid|satisfied|discharged)\b|\b(?:shall|will|must)\s+have\b|\b(?:has|have|had)\s+been\b|\bno\s+longer\b|\bcease[sd]?\s+to\b"
    r"|\bthere\s+(?:is|are)\s+no\b|\b(?:is|are|shall\s+be|will\s+be)\s+(?:fully\s+|finally\s+|irrevocably\s+)?"
    r"(?:paid|repaid|satisfied|discharged|reduced|terminated|sold|exercised|converted|redeemed|released|settled|"
    r"outstanding|effective|resolved|completed|cured)\b", re.IGNORECASE)
_NOT_ANCHOR = re.compile(
    r"^(?:the\s+)?(?:date\s+(?:hereof|of\s+this\s+Agreement)|execution\s+(?:hereof|of\s+this\s+Agreement)|"
    r"such\s+time|time\s+to\s+time|any\s+time|the\s+extent|reason\s+of|means\s+of|virtue\s+of|law|applicable\s+law|"
    r"and|or|in\s+any\s+event|reasonably|commercially|practicable|practical|possible|feasible|it|them|him|her|us|you|its\s+terms|either|each|any\s+party|"
    r"written\s+notice|notice|the\s+Parties|the\s+parties|mutual\s+agreement|time$|such\s+time$)\b",
    re.IGNORECASE,
)


def _event_cue(ctx: _Context, m: re.Match) -> Item | None:
    text = ctx.text
    cue = re.sub(r"\s+", " ", m.group("cue").lower())
    s = m.start()
    sent_start, sent_end = ctx.sentence(s)
    right = text[m.end():min(sent_end, m.end() + 300)]
    left = text[max(sent_start, s - 80):s]
    left_lc = left.lower()
    if re.search(r"\b(?:at\s+any\s+time|any\s+time|from\s+time\s+to\s+time|time\s+periods?|periods?\s+(?:ending|beginning))\s*$",
                 left_lc):
        return None
    if cue.startswith("as soon as") and re.search(r"\bif\b[^,]*,[^,]*$", left_lc):
        return None
    if m.group("cue")[0].isupper() and re.search(r"\b[A-Z][a-z]+\s+$", left) and not re.search(r"[.;:]\s*$", left):
        return None  # a heading in title case: "Conduct of Business Prior to Closing"
    if re.match(r"\s*WHEREAS\b", text[sent_start:sent_start + 12]):
        return None
    anchor, aend = _anchor(right, 0, clause=cue in ("until", "till") or "long as" in cue)
    timed_after = cue.startswith(("promptly", "as promptly", "as soon", "immediately", "forthwith"))
    if not anchor or (_NOT_ANCHOR.match(anchor) and not (timed_after and re.match(
            r"(?:the\s+)?execution\s+(?:hereof|of\s+this\s+Agreement)|(?:it|he|she|they)\s+[a-z]+s\b", anchor,
            re.IGNORECASE))):
        return None
    timed = cue.startswith(("promptly", "as promptly", "as soon", "immediately", "forthwith", "prompt "))
    if not timed and not _EVENT_WORDS.search(anchor) and not (cue in ("until", "till") and _STATE_CLAUSE.search(anchor)):
        return None
    if cue.startswith("as soon as") and (cue.endswith("thereafter") or (
            "practicable" in cue or "practical" in cue or "possible" in cue) and not cue.endswith(("after", "following", "upon"))):
        return None
    if cue in ("before", "prior to") and re.search(r"\b(?:known|possession|possessed|available|public\s+domain|developed)\b"
                                                   r"[^.;,()]{0,80}$", left_lc):
        return None
    if cue.startswith("effective") and re.match(r"(?:the\s+)?(?:receipt|delivery|transmission|sending)\b", anchor, re.IGNORECASE) \
            and re.search(r"\bnotices?\b", text[max(0, s - 300):s], re.IGNORECASE):
        return None  # a deemed-delivery rule without a period is not a time provision
    if cue == "on":
        if not re.search(r"\bdates?\b", anchor):
            return None
        if not re.search(r"\b(?:shall|will|must|agrees?\s+to|commitment\s+to|fails?\s+to|failure\s+to)\b[^.;]{0,80}$", left) \
                or re.match(r"(?:the\s+)?date\s+(?:hereof|of\s+this)", anchor, re.IGNORECASE):
            return None
    if cue == "immediately by" and not re.search(r"\bterminat\w*\s+(?:\w+\s+){0,3}$", left_lc):
        return None
    if "so long as" in cue and not re.search(r"\bfor\s+so\s+long", cue):
        return None
    if re.search(r"\bperform\w*|\bcompl(?:y|ied)\b", left_lc[-60:]) and "prior to or" in cue:
        return None
    if re.match(r"\d|[A-Z][a-z]+\s+\d", anchor):  # dates are handled by the date pass
        return None
    low = anchor.lower()
    if cue == "by" and not re.match(r"(?:the\s+)?(?:closing\b|closing\s+date|time\b|end\s+of|effective\s+(?:date|time)|"
                                    r"expiration|termination\s+date|date\s+(?:on|that|which)|deadline)", low) \
            and not re.match(r"(?:the\s+)?(?:Closing|Effective Date|Expiration|Termination Date)\b", anchor):
        return None
    if cue == "before" and re.match(r"\s*(?:(?:any|a|an|the|such)\s+)?(?:court|arbitra|tribunal|judge|governmental|regulatory|"
                                    r"agency|authority|panel|board|commission|mediator|body)", right, re.IGNORECASE):
        return None  # "before a Governmental Authority": in front of, not earlier than
    if cue in ("before", "prior to", "on or before") and re.search(
            r"\b(?:existing|arising|incurred|occurring|made|entered|executed|accrued|into|undertaken|paid|sold|issued|granted|"
            r"commenced|occurred|ended|relating|attributable|taken|filed|dated|conducted|received)\s+(?:on\s+or\s+)?$", left_lc) \
            and not re.search(r"\b(?:shall|will|must|to)\s+(?:be|have\s+been)\s+\w+\s+(?:on\s+or\s+)?$", left_lc):
        return None
    if cue in ("before", "prior to", "on or before", "in advance of") and _describes_a_period(left_lc):
        return None
    if re.match(r"(?:this|these|the)\s+(?:agreement|contract|terms)\b", low) or cue not in ("until", "till") and re.match(
            r"(?:any\s+)?(?:other|third|persons?|party|parties|court|arbitrat\w*)\b", low):
        return None
    if re.match(r"(?:becom|being|having|is|are|was|were)\b", low) and not cue.startswith("become"):
        return None
    if "long as" in cue and re.search(r"\bdeemed\b", text[sent_start:s], re.IGNORECASE):
        return None
    if cue in ("until", "till") or "long as" in cue:
        kind, direction = "expiry", None
    elif cue.startswith("immediately") and re.search(r"\b(?:terminat|expir|ceas|lapse)\w*\s+(?:\w+\s+){0,2}$", left_lc):
        kind, direction = "expiry", "after"
    elif cue == "immediately by":
        kind, direction = "expiry", "after"
        anchor = re.sub(r"^by\s+", "", anchor)
    elif cue.startswith(("promptly", "as promptly", "as soon", "immediately", "forthwith", "prompt ")):
        kind, direction = "deadline", "after"
    elif cue == "on":
        kind, direction = "deadline", None
    elif cue.startswith(("effective", "deemed effective", "with", "retroactive", "become", "come")):
        kind, direction = "deadline", None
        if cue.startswith(("effective", "deemed effective")) and re.search(r"\b(?:made|entered|dated)\s+(?:into\s+)?(?:and\s+)?$",
                                                                         left_lc):
            return None
    else:
        kind, direction = "deadline", "before"
    bm = _BETWEEN_EVENTS.search(left) if cue in ("before", "prior to") else None
    if bm and _EVENT_WORDS.search(bm.group("a")):
        # "following the exercise of the option but before the Closing": a window opened by the first event
        return Item(start=s - (len(left) - bm.start()), end=m.end() + aend, kind="window", direction="after",
                    anchor=_clean_anchor(bm.group("a")), priority=1)
    start = s
    if cue.startswith(("effective", "deemed")) and re.search(r"\bdeemed\s+$", left_lc):
        start = s - 7
    wide = text[max(sent_start, s - 160):s]
    pm = re.search(r"\b(?:for\s+)?(?:the|a|any)\s+period\s+(?:from|beginning\s+on|commencing\s+on|starting\s+on)\s+"
                   r"(?:the\s+)?(?P<a>[^,;()]{3,100}?)\s*$", wide) if cue in ("until", "till", "through") else None
    if pm and not re.match(r"(?:date\s+(?:hereof|of\s+this\s+agreement))$", pm.group("a"), re.IGNORECASE):
        # "for the period from the date of death … until the payment …": a window counted from its start
        return Item(start=s - (len(wide) - pm.start()), end=m.end() + aend, kind="window", direction="after",
                    anchor=_clean_anchor(pm.group("a")), priority=1)
    if cue in ("until", "till"):
        fm = re.search(r"\bfrom\s+(?:and\s+after\s+)?(?:the\s+)?(?:date\s+(?:hereof|of\s+this\s+agreement)|"
                       r"(?:[\w-]+\s+){0,3}date)\s*,?\s*$", left_lc)
        if fm:  # "From the date hereof until the Closing": the span starts at "From"
            start = s - (len(left) - fm.start())
    if cue in ("prior to", "before", "in advance of", "in advance to") and start == s:
        # the limit's verb phrase belongs to the quote: "qualify such alternate supplier before the Failure to Supply"
        vm = re.search(r"((?:[\w’'-]+\s+){1,6})$", left)
        if vm:
            phrase_start = vm.start(1)
            for mm in re.finditer(r"\b(?:shall|will|must|may|to|and|or|that|which|if)\s+", left[phrase_start:]):
                phrase_start = vm.start(1) + mm.end()
            if phrase_start < len(left) and not re.fullmatch(r"(?:be|been|is|are|was|the|a|an)\s*", left[phrase_start:], re.IGNORECASE):
                start = s - (len(left) - phrase_start)
    return Item(start=start, end=m.end() + aend, kind=kind, direction=direction, anchor=anchor, priority=1)


# a recurring day with no count: "on the last business day of each month", "the first day of every calendar quarter"
_DAY_OF_EACH = re.compile(
    r"\b(?:last|first|final)\s+(?:(?:business|trading|calendar|working|banking)\s+)?day\s+of\s+(?:each|every)\s+"
    r"(?:calendar\s+|fiscal\s+)?(?:month|quarter|year|week)\b", re.IGNORECASE)
_DAY_OF_EACH_HINT = re.compile(r"(?:day|Day|DAY)\s+(?:of|OF)\s+(?:each|every|Each|Every|EACH|EVERY)\b")


def _day_of_each(ctx: _Context, m: re.Match) -> Item | None:
    """'on'/'by' makes it a date something must happen on or by (anchored on the day, as a bare date is); bare
    ('rates published the last business day of every month') it is a measuring point: a window with no anchor.
    Count and unit stay null, the item is recurring."""
    lo = max(0, m.start() - 20)
    lm = re.search(r"(?:\b(?P<prep>on|by|before|prior\s+to)\s+)?\bthe\s+$", ctx.text[lo:m.start()], re.IGNORECASE)
    if lm is None:
        return None
    prep = (lm.group("prep") or "").lower()
    kind = "deadline" if prep else "window"
    direction = "before" if prep and prep != "on" else None
    anchor = re.sub(r"\s+", " ", m.group(0)) if prep else None  # as "on or before the last day of each quarter"
    return Item(start=lo + lm.start(), end=m.end(), kind=kind, direction=direction, anchor=anchor, priority=1,
                recurring=True)


def _for_the_term_of(ctx: _Context, m: re.Match) -> Item | None:
    """'shall remain valid during the term of the LSA': it ends when that other term ends (the agreement's own
    term, 'during the Term', sets no limit of its own)."""
    _, sent_end = ctx.sentence(m.start())
    right = ctx.text[m.end():min(sent_end, m.end() + 300)]
    anchor, aend = _anchor(right, 0)
    if not anchor or re.match(r"(?:term|duration|life)\s+(?:of\s+)?(?:this|the)\s+(?:agreement|contract)\b|"
                              r"(?:term|duration|life)\s+(?:hereof|thereof)\b", anchor, re.IGNORECASE):
        return None
    start = lo = m.start()
    mm = re.search(r"\b(?:shall|will|must|to)\s+$", ctx.text[max(0, lo - 8):lo])
    if mm:  # the modal belongs to the quote: "shall remain valid during …"
        start = max(0, lo - 8) + mm.start()
    return Item(start=start, end=m.end() + aend, kind="expiry", anchor=anchor, priority=1)


# what existed or arose before an event describes a period, it sets no limit: "receivables that have arisen due
# to operations of the Company prior to the Closing", "an entity that is an affiliate of the Company prior to the Closing"
_ORIGIN_BEFORE = re.compile(
    r"\b(?:(?:that|which)\s+(?:(?:have|has|had)\s+)?(?:arisen|arose|arises?|accrued|accrues?|occurred|occurs?|existed|exists?)"
    r"|(?:arising|incurred|accrued|occurring|existing)\s+(?:from|out\s+of|under|in\s+connection\s+with|due\s+to|by|during|"
    r"in\s+respect\s+of|with\s+respect\s+to|as\s+a\s+result\s+of)"
    r"|(?:that|which|who)\s+(?:is|are|was|were|(?:has|have|had)\s+been)\s+(?:an?|the|its|their|in\s+effect|in\s+force|"
    r"outstanding|pending|employed|engaged)\b)(?P<gap>[^.;,()]{0,60})$")


def _describes_a_period(left_lc: str) -> bool:
    m = _ORIGIN_BEFORE.search(left_lc)
    return bool(m) and not re.search(r"\b(?:shall|will|must|may|agrees?|to\s+be|required)\b", m.group("gap"))


# "Upon X, Y shall promptly/immediately …": found in two linear steps, the "Upon X," head, then the
# time word in the rest of the clause
_UPON_HEAD = re.compile(r"[Uu]pon\s+(?P<a>[^,;.]{3,250}),\s+")
_UPON_TIME = re.compile(r"^(?:immediately|promptly|forthwith)\s+[a-z]+"
                        r"|\b(?:shall|will|must)\s+(?:\w+\s+)?(?:immediately|promptly|forthwith)\b"
                        r"|\b(?:shall|will|must)\s[^;.]{0,100}?\bas\s+soon\s+as\s+(?:reasonably\s+)?(?:practicable|practical|possible)")


def _upon_immediately(ctx: _Context, m: re.Match) -> Item | None:
    text = ctx.text
    if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
        return None
    stop = min((i for i in (text.find(".", m.end(), m.end() + 300), text.find(";", m.end(), m.end() + 300)) if i >= 0),
               default=min(len(text), m.end() + 300))
    tm = _UPON_TIME.search(text[m.end():stop])
    if tm is None:
        return None
    anchor, _ = _anchor(m.group("a") + ",", 0)
    if not anchor or not _EVENT_WORDS.search(anchor):
        return None
    return Item(start=m.start(), end=m.end() + tm.end(), kind="deadline", direction="after", anchor=anchor, priority=1)


# a redacted period ("[***]") with no unit: "for the upcoming rolling [***] period", "[***] following the date …"
_REDACTED = re.compile(r"\[\s*\*+\s*\]")


def _redacted(ctx: _Context, m: re.Match) -> Item | None:
    text = ctx.text
    left = text[max(0, m.start() - 60):m.start()]
    right = text[m.end():m.end() + 300]
    lm = re.search(r"\b(?:for|within|during|in)\s+the\s+(?:(?:first|upcoming|following|next)\s+)?(?:rolling\s+)?$", left,
                   re.IGNORECASE)
    if lm and not re.match(r"\s*(?:-\s*)?(?:business\s+|calendar\s+|trading\s+)?(?:days?|weeks?|months?|years?|hours?)\b",
                           right, re.IGNORECASE):
        pm = re.match(r"(?:\s*(?:-\s*)?period\b)?", right)
        return Item(start=m.start() - (len(left) - lm.start()), end=m.end() + pm.end(), kind="window",
                    direction="after", priority=2)
    dm = re.match(r"\s+(?:following|after)\s+", right, re.IGNORECASE)
    if dm and re.search(r"\b(?:shall|will|must)\s+be\s*$|\bterms?\s+(?:shall|will)\s+be\s*$", left, re.IGNORECASE):
        anchor, aend = _anchor(right, dm.end())
        if anchor:
            return Item(start=m.start(), end=m.end() + aend, kind="deadline", direction="after", anchor=anchor,
                        priority=2)
    return None


def _resolve_overlaps(items: list[Item]) -> list[Item]:
    """Keep one item per stretch of text: periods over dates over count-less cues."""
    items.sort(key=lambda i: (i.start, -i.priority, -(i.end - i.start)))
    kept: list[Item] = []
    dropped: set[int] = set()
    # items come by start, so a kept item that ends before this one starts can clash with no later
    # one: only the few still open are compared (linear, not quadratic, in a file of 100,000 items)
    open_: list[Item] = []
    for it in items:
        open_ = [k for k in open_ if k.end > it.start]
        clash = [k for k in open_ if k.start < it.end]
        if not clash:
            kept.append(it)
            open_.append(it)
            continue
        if all(it.priority > k.priority for k in clash):
            dropped.update(id(k) for k in clash)
            open_ = [k for k in open_ if id(k) not in dropped]
            kept.append(it)
            open_.append(it)
    kept = [k for k in kept if id(k) not in dropped]
    kept.sort(key=lambda i: i.start)
    return kept


def _merge_backstops(ctx: _Context, items: list[Item]) -> None:
    """'As soon as practicable following X, but in any event within ten (10) Business Days': one item."""
    i = 0
    while i < len(items) - 1:
        a, b = items[i], items[i + 1]
        gap = ctx.text[a.end:b.start]
        if a.count is None and a.direction == "after" and b.count is not None \
                and len(gap) < 40 and re.search(r"in\s+any\s+event|in\s+no\s+event|(?:but|and)\s+(?:no|not)\s+later",
                                                ctx.text[a.end:b.end], re.IGNORECASE):
            b.anchor, b.start = b.anchor or a.anchor, a.start
            del items[i]
            continue
        i += 1


def _inherit(ctx: _Context, items: list[Item]) -> None:
    """'(or one hundred eighty (180) days …)' takes the frame of the period before it; an extension
    'which may be extended … for up to thirty (30) days' counts from what it extends."""
    for prev, it in itertools.pairwise(items):
        gap = ctx.text[prev.end:it.start]
        if it.count is not None and prev.count is not None and re.fullmatch(r"\s*\(?\s*or\s*", gap):
            it.kind = prev.kind
            it.direction = it.direction or prev.direction
            it.anchor = it.anchor or prev.anchor
        if it.extra.get("extension") and not it.anchor and it.start - prev.end < 200 and prev.anchor:
            it.anchor, it.direction = prev.anchor, "after"
    for i, it in enumerate(items):
        if it.anchor or it.count is None or not re.search(r"\bsuch\b", ctx.text[it.start:it.end], re.IGNORECASE):
            continue
        for prev in reversed(items[max(0, i - 6):i]):  # "within such ninety (90) day period": the period named before
            if prev.count == it.count and prev.unit == it.unit and prev.anchor and it.start - prev.end < 1500:
                it.anchor, it.direction = prev.anchor, prev.direction
                break


def lead_is_term(lead: str) -> bool:
    """A period that is itself the term ('for a period of', 'for an initial term of', none) rather than a
    period counted inside a term clause ('within', 'prior to')."""
    return not re.search(r"\b(?:within|before|prior|after|later|least|notice|during|renew\w*|additional|successive|"
                         r"further|extension)\b", lead, re.IGNORECASE)
