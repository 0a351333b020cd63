"""Reading contract time language into a ``Rule`` (for ``clausekit due`` and for quote details).

``parse_expression("the seventh (7th) business day after the Effective Date")`` gives
``Rule(count=7, unit="business_day", direction="after", anchor="Effective Date", ...)``.
Numbers may be spelled ("one hundred twenty (120)"), numeric ("30", "7th") or both; when the
words and the figures disagree the expression is refused rather than guessed. Anything that
cannot be read raises ``ExpressionError`` with a one-line reason.

A roll clause ("if such day is not a Business Day, the next Business Day") is taken off the
expression before the anchor is read, with or without a comma or parenthesis before it, so
its words never become an anchor; on its own, with no period or date to adjust, it is
refused. A compound period keeps its further terms in ``Rule.extra`` ("one year and a day" too:
an article is a count of one). A written-date cap beside a period ("but in no event later than
DATE", "and in any event not later than DATE", "provided that in no event shall ... be later
than DATE", "or, if earlier, DATE") goes to ``Rule.cap``. A range ("not less than 10 nor more
than 60 days", "between thirty (30) days and six (6) months") keeps the end that gives its last
allowed day in ``count``/``unit`` and the other in ``earliest_count``/``earliest_unit``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace

from clausekit.errors import ExpressionError

# ------------------------------------------------------------------ numbers

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD_UNITS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_ORD_TENS = [
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]

CARDINALS: dict[str, int] = {w: i for i, w in enumerate(_UNITS)}
CARDINALS.update({w: 10 * i for i, w in enumerate(_TENS) if w})
CARDINALS["fourty"] = 40  # a common misspelling in filed agreements
ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_ORD_UNITS)}
ORDINALS.update({w: 10 * i for i, w in enumerate(_ORD_TENS) if w})
SCALES = {"hundred": 100, "thousand": 1000}
ORD_SCALES = {"hundredth": 100, "thousandth": 1000}

_WORD = "|".join(sorted([*CARDINALS, *ORDINALS, *SCALES, *ORD_SCALES], key=len, reverse=True))
_NUMWORDS = rf"(?:{_WORD})(?:(?:\s*-\s*|\s+)(?:and\s+)?(?:{_WORD}))*"
_FIG = r"\d{1,3}(?:,\d{3})+|\d+"
NUMBER_RE = re.compile(
    rf"\b(?P<words>{_NUMWORDS})\b(?:\s*\(\s*(?P<paren>{_FIG})\s*(?P<psuf>st|nd|rd|th)?\s*\))?"
    rf"|(?<![\w.,/-])(?P<fig>{_FIG})(?P<suf>st|nd|rd|th)?(?![\w/]|[.,]\d)",
    re.I,
)


def words_to_int(text: str) -> tuple[int, bool]:
    """'one hundred twenty' -> (120, False); 'thirtieth' -> (30, True); raises ValueError."""
    total, current, ordinal = 0, 0, False
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if not words:
        raise ValueError(text)
    for w in words:
        if ordinal:
            raise ValueError(text)  # nothing may follow an ordinal word
        if w in CARDINALS:
            current += CARDINALS[w]
        elif w in ORDINALS:
            current += ORDINALS[w]
            ordinal = True
        elif w in SCALES or w in ORD_SCALES:
            scale = SCALES.get(w) or ORD_SCALES[w]
            ordinal = w in ORD_SCALES
            current = max(current, 1) * scale
            if scale == 1000:
                total, current = total + current, 0
        else:
            raise ValueError(text)
    return total + current, ordinal


@dataclass(frozen=True)
class Number:
    value: int
    ordinal: bool
    start: int
    end: int


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``; raises ExpressionError when words and figures disagree."""
    out = []
    for m in NUMBER_RE.finditer(text):
        if m.group("words"):
            try:
                value, ordinal = words_to_int(m.group("words"))
            except ValueError:
                continue
            if m.group("paren"):
                fig = int(m.group("paren").replace(",", ""))
                if fig != value:
                    raise ExpressionError(
                        f"the words and the figures disagree in {m.group(0)!r} ({value} vs {fig})"
                    )
                ordinal = ordinal or bool(m.group("psuf"))
        else:
            value, ordinal = int(m.group("fig").replace(",", "")), bool(m.group("suf"))
        out.append(Number(value, ordinal, m.start(), m.end()))
    return out


# ------------------------------------------------------------------ dates

_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
DATE_RE = re.compile(
    rf"(?P<mdy>(?P<m1>{_MON})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}}))"
    rf"|(?P<dmy>(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+day\s+of)?\s+(?P<m2>{_MON}),?\s+(?P<y2>\d{{4}}))"
    r"|(?P<iso>(?P<y3>\d{4})-(?P<m3>\d{1,2})-(?P<d3>\d{1,2}))"
    r"|(?P<us>(?P<m4>\d{1,2})/(?P<d4>\d{1,2})/(?P<y4>\d{4}))",
    re.I,
)


def parse_date(text: str) -> dt.date | None:
    """The first date written in ``text`` ("June 15, 2021", "15 June 2021", ISO, 6/15/2021)."""
    m = DATE_RE.search(text)
    return _date_of(m) if m else None


def _date_of(m: re.Match) -> dt.date | None:
    try:
        if m.group("mdy"):
            return dt.date(int(m.group("y1")), _MONTHS[m.group("m1").lower().rstrip(".")], int(m.group("d1")))
        if m.group("dmy"):
            return dt.date(int(m.group("y2")), _MONTHS[m.group("m2").lower().rstrip(".")], int(m.group("d2")))
        if m.group("iso"):
            return dt.date(int(m.group("y3")), int(m.group("m3")), int(m.group("d3")))
        return dt.date(int(m.group("y4")), int(m.group("m4")), int(m.group("d4")))
    except ValueError:
        raise ExpressionError(f"not a calendar date: {m.group(0)!r}") from None


def is_date_text(text: str) -> bool:
    """True when ``text`` is nothing but a written date (an anchor that is its own date)."""
    m = DATE_RE.search(text)
    return bool(m) and not re.sub(r"[\s,.()]", "", text[: m.start()] + text[m.end() :])


# ------------------------------------------------------------------ rules

UNIT_RE = re.compile(
    r"(?P<pre>(?:(?:full|whole|complete|consecutive|additional|further|calendar|successive)\s+)*)"
    r"(?P<kind>(?:business|banking|working|trading|exchange\s+business|scheduled\s+trading|market|"
    r"stock\s+exchange\s+business|exchange|hong\s+kong\s+business|new\s+york\s+business|"
    r"calendar|consecutive|full)[\s-]+)?"
    r"(?P<unit>days?|weeks?|months?|years?|hours?|anniversary|anniversaries|quarters?|fortnights?)"
    r"(?:'s|s'|')?(?![\w])",
    re.I,
)
_UNIT_OF = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "hour": "hour",
    "anniversary": "year",
    "anniversarie": "year",
    "quarter": "quarter",
    "fortnight": "fortnight",
}

AFTER_WORDS = (
    r"after|following|from\s+and\s+after|from|of|subsequent\s+to|succeeding|thereafter|hereafter|later\s+than|"
    r"beyond|since|commencing\s+(?:on|with)|beginning\s+(?:on|with)|starting\s+(?:on|with)|upon|"
    r"measured\s+from|counting\s+from|next\s+succeeding|next\s+following|next"
)
BEFORE_WORDS = (
    r"before|prior\s+to|prior|preceding|preceeding|in\s+advance\s+of|in\s+advance|ahead\s+of|"
    r"ended\s+on|ending\s+on|ended\s+with|ending\s+with|ended|ending|earlier\s+than|"
    r"previous\s+to|previously|immediately\s+preceding|last\s+preceding|through\s+and\s+including|"
    r"up\s+to\s+and\s+including|back\s+from"
)
#: the far end of a window: "... and ending on Y", "... until Y" (the finder quotes it, the
#: resolver reads Y from the quote)
WINDOW_ENDING_WORDS = r"(?:ending|ended|ends|terminating|expiring|continuing)\s+(?:on|at|with|upon|until|through)"
WINDOW_THROUGH_WORDS = r"until|through|to\s+and\s+including"
DIRECTION_RE = re.compile(rf"\b(?P<after>{AFTER_WORDS})\b|\b(?P<before>{BEFORE_WORDS})\b", re.I)
_INCLUSIVE_END = re.compile(r"\b(ended|ending)\b|through\s+and\s+including|up\s+to\s+and\s+including", re.I)
_INCLUSIVE_START = re.compile(r"\b(commencing|beginning|starting)\b", re.I)

_ROLL_IF = r"\b(?:if|where|when|in\s+the\s+event(?:\s+that)?|to\s+the\s+extent(?:\s+that)?)\b"
#: "if such day is not a Business Day": the condition of a roll clause, from the trigger word
#: nearest to it (the gap may hold no other trigger word, so an earlier "if" is not swallowed)
ROLL_TRIGGER = re.compile(
    rf"{_ROLL_IF}(?:(?!{_ROLL_IF})[^;()])*?"
    r"(?:\bnot\s+(?:a\s+)?(?:business|banking|trading|working)\s+day|\bnon-?\s*(?:business|banking|trading|working)"
    r"\s+day|\b(?:a\s+)?(?:saturday|sunday|weekend|(?:public\s+|bank\s+|legal\s+)?holiday)\b)",
    re.I,
)
#: the words that may open a roll clause before its trigger ("; provided, however, that if ...",
#: ", or, if ...", "(or if ..."); matched at the end of the text before the trigger
_ROLL_LEAD = re.compile(
    r"(?:[\s,;(]|\b(?:or|and|but|then|further|however|provided(?:\s*,?\s*however\s*,?)?\s+that|provided|"
    r"except\s+that)\b)*$",
    re.I,
)
#: a roll target written before its condition: "..., or the next Business Day if such day is not ..."
_ROLL_TARGET_BEFORE = re.compile(
    r"[\s,;(]*\b(?:or|and)\b[\s,]*(?:(?:on|to)\s+)?(?:the\s+)?(?:immediately\s+)?"
    r"(?:next|following|succeeding|preceding|previous|prior|first|last)(?:\s+(?:succeeding|following|preceding))?"
    r"\s+(?:(?:business|banking|working|trading)\s+)?day(?:\s+thereafter)?[\s,]*$",
    re.I,
)
ROLL_SHORT_RE = re.compile(
    r"[,;]?\s*\(?(?:(?:subject\s+to|in\s+accordance\s+with|adjusted\s+(?:in\s+accordance\s+with|according\s+to|"
    r"under|pursuant\s+to|by)|under|using|with)\s+)?(?:the\s+)?"
    r"(?P<conv>modified\s+following|modified\s+preceding|following|preceding)\s+business\s+day\s+convention\)?",
    re.I,
)
_CONV = re.compile(
    r"(?P<mf>modified\s+following)|(?P<mp>modified\s+preceding)|"
    r"(?P<pre>preced|previous|\bprior\b|\bbefore\b|\blast\b|\bearlier\b)|"
    r"(?P<fol>\bnext\b|\bfollowing\b|succeeding|thereafter|\bafter\b|\bfirst\b|\blater\b)",
    re.I,
)


CAP_RE = re.compile(
    r"[,;]?\s*\(?\s*(?:(?:but|and|or)\s*,?\s*)?(?:(?:in\s+no\s+event|in\s+any\s+event|in\s+all\s+events|"
    r"in\s+any\s+case|at\s+the\s+latest|at\s+latest)\s*,?\s*"
    # "provided that in no event shall such payment be made later than DATE"
    r"|provided\s*,?\s*(?:however\s*,?\s*)?that\s*,?\s*in\s+no\s+event\s*,?\s*(?:shall|will|may|can|is|are)\b"
    r"[^,;()]{0,100}?\s+(?=later\s+than\b))?"
    r"(?P<kind>(?:no|not)\s+later\s+than|(?:no|not)\s+earlier\s+than|later\s+than|earlier\s+than|"
    r"on\s+or\s+before|on\s+or\s+after|"
    r"by|if\s+earlier\s*,?|if\s+later\s*,?|until)\s+(?P<date>[^();]*?\d{4})\s*\)?",
    re.I,
)
TIME_RE = re.compile(
    r"(?:\b(?:by|at|before|until)\s+)?(?:\b\d{1,2}:\d{2}\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|hours?|hrs)?|"
    r"\b\d{1,2}\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|o'clock)(?![\w])|\b(?:noon|midnight))"
    r"(?:\s*\(?\s*(?:[A-Za-z][\w.]*\s+){0,4}?(?:time|GMT|UTC|EST|EDT|HKT|BST)\b\s*\)?)?"
    r"(?:\s*,?\s*(?:on|of)\b)?"
    r"|\((?:[^()]*\btime\b[^()]*)\)",
    re.I,
)
_BOUND_WORDS = re.compile(
    r"(?P<neg>\b(?:not|no|nor)\s+(?:more|greater|less|fewer)\s+than|\bat\s+(?:least|most)|\bup\s+to|\bwithin|"
    r"\ba\s+(?:minimum|maximum)\s+of|\bnot\s+exceeding)"
    r"|(?P<more>\b(?:more|greater)\s+than|\bin\s+excess\s+of|\bexceeding)"
    r"|(?P<less>\b(?:less|fewer)\s+than)",
    re.I,
)
_AT_LEAST = re.compile(r"\b(?:not|no|nor)\s+(?:less|fewer)\s+than|\bat\s+least|\ba\s+minimum\s+of", re.I)
_AT_MOST = re.compile(
    r"\b(?:not|no|nor)\s+(?:more|greater)\s+than|\bat\s+most|\bup\s+to|\bwithin|"
    r"\ba\s+maximum\s+of|\bnot\s+exceeding",
    re.I,
)
_RECURRING = re.compile(
    r"\b(each|every)\b|\bper\s+(annum|year|month|quarter)\b|\bannually\b|\bquarterly\b|"
    r"\bmonthly\b",
    re.I,
)
_CHOOSE = re.compile(
    r"\b(?:the\s+)?(?P<which>earlier|earliest|later|latest|first|last)\s+(?:to\s+occur\s+)?of\b"
    r"|\bwhichever\s+(?:is|shall\s+be|occurs?|comes?)\s+(?P<which2>earlier|earliest|later|latest|"
    r"first|last|sooner|later)\b(?:\s+to\s+occur)?",
    re.I,
)
_INCLUSIVE_BY = re.compile(
    r"\b(on\s+or\s+(?:before|prior\s+to)|(?:no|not)\s+later\s+than|by|until|till|through|"
    r"on|upon|as\s+of|effective\s+(?:as\s+of|from|upon|on)|at|from|commencing|beginning|starting|immediately|"
    r"concurrently|simultaneously|with\s+immediate\s+effect|at\s+or\s+prior\s+to)\b",
    re.I,
)
_STRICT = re.compile(
    r"\b(before|prior\s+to|preceding|earlier\s+than|in\s+advance\s+of|after|following|"
    r"promptly|as\s+soon\s+as|subsequent|reasonabl[ey]|thereafter)\b",
    re.I,
)
_NEXT_DAY = re.compile(
    r"\b(?:the\s+)?(?P<w>next|following|immediately\s+(?:succeeding|following|preceding)|next\s+succeeding|"
    r"next\s+following|succeeding|preceding|previous|immediately\s+prior|last|first)\s+"
    r"(?:(?P<kind>business|banking|working|trading|calendar)\s+)?day\b"
    r"(?:\s+(?P<pos>immediately\s+)?(?P<dir>after|following|before|prior\s+to|preceding|thereafter))?",
    re.I,
)


_ADJ_DAY = re.compile(
    r"\b(?:the\s+)?(?:(?P<kind>business|banking|working|trading|calendar)\s+)?day\s+"
    r"(?P<w>(?:immediately|next)\s+)(?P<dir>preceding|prior\s+to|prior|before|following|after|succeeding)\b",
    re.I,
)


_POINT = re.compile(
    r"\b(?:the\s+)?(?P<which>last|final|first|(?P<nth>[\w-]+(?:\s*\(\s*\d+(?:st|nd|rd|th)\s*\))?))\s+"
    r"(?P<bus>business\s+|banking\s+|working\s+|trading\s+|calendar\s+)?day\s+of\s+(?:the|each|such|any)?\s*"
    r"(?P<next0>next\s+|following\s+|succeeding\s+)?(?:calendar\s+|fiscal\s+)?(?P<period>month|quarter|year)"
    r"(?P<next>\s+(?:next\s+)?(?:following|after|succeeding)|\s+(?:immediately\s+)?following\s+the\s+"
    r"(?:calendar\s+)?(?:month|quarter|year))?",
    re.I,
)
_END_OF = re.compile(
    r"\b(?:the\s+)?end\s+of\s+(?:the|each|such|any)?\s*(?:calendar\s+|fiscal\s+)?(?P<period>month|quarter|year)"
    r"(?P<next>\s+(?:next\s+)?(?:following|after|succeeding))?",
    re.I,
)


@dataclass(frozen=True)
class Rule:
    """A time rule: a count of units in a direction from an anchor, with its modifiers."""

    count: int | None = None
    unit: str | None = None  # UNITS of the spec, plus "quarter" / "fortnight" read as months / days
    direction: str | None = None  # "after" | "before" | None
    anchor: str | None = None  # anchor as named, without "the" (None when left out)
    anchor_date: dt.date | None = None  # the anchor when it is a written date
    date: dt.date | None = None  # a bare date ("no later than June 15, 2021") when there is no count
    cap: dt.date | None = None  # "no later than DATE" beside a relative period: the earlier wins
    floor: dt.date | None = None  # "no earlier than DATE" beside a relative period: the later wins
    roll: str | None = None  # stated roll convention
    bound: str = "exact"  # "exact" | "more_than" | "less_than"
    inclusive: bool = True  # count None: True for "on or before X" / "on X", False for "prior to X"
    window: str | None = None  # "end_inclusive" ("ended on X"), "start_inclusive" ("beginning on X")
    recurring: bool = False
    earliest_count: int | None = None  # "not less than 10 nor more than 60 days prior": the other bound
    #: the other bound's unit when it differs ("between 30 days and 6 months after X": "day")
    earliest_unit: str | None = None
    choose: str | None = None  # "earlier" | "later" over ``parts``
    parts: tuple[Rule, ...] = field(default=())
    inner: Rule | None = None  # "5 business days after the date that is 30 days after X"
    extra: tuple[tuple[int, str], ...] = ()  # further terms of a compound period ("6 months and 1 day")
    #: a day fixed by the calendar: (which, period, periods ahead, open days only) -
    #: ("last", "month", 1, False) = the last day of the month following the anchor's month;
    #: which is "first", "last" or a day number
    point: tuple[str | int, str, int, bool] | None = None
    text: str = ""


def _clean(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2013\u2014]", "-", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(' .;:,"')


def _strip_the(anchor: str) -> str:
    anchor = re.sub(r"^(?:the|such|said|this)\s+", "", anchor.strip(" ,.;:()\"'"), flags=re.I)
    return anchor.strip(" ,.;:()\"'")


def _roll_of(word: str) -> str:
    w = word.lower()
    if w.startswith("modified"):
        return "modified_preceding" if "preceding" in w else "modified_following"
    return "preceding" if any(k in w for k in ("preced", "previous", "prior")) else "following"


def _take_roll(text: str) -> tuple[str, str | None]:
    """Removes a stated roll convention and returns it ("following", "preceding", "modified_following").

    The clause is found from its condition ("if such day is not a Business Day"), with or without
    a comma or parenthesis before it, and runs to its closing parenthesis or to the end of the
    text (a trailing "but in no event later than DATE" stays outside it). It adjusts whatever
    comes before it: a period, a date or a named day ("on the Closing Date"); with nothing
    before it the expression is refused. A condition that names no day to move to, with no
    comma before it, is left in the text (it belongs to the anchor's words).
    """
    m = ROLL_SHORT_RE.search(text)
    if m:
        return (text[: m.start()] + text[m.end() :]).strip(" ,;"), _roll_of(m.group("conv"))
    t = ROLL_TRIGGER.search(text)
    if not t:
        return text, None
    head = text[: t.start()]
    lead = _ROLL_TARGET_BEFORE.search(head[-160:]) or _ROLL_LEAD.search(head[-160:])
    start = len(head) - len(head[-160:]) + lead.start()  # type: ignore[union-attr]
    if not text[:start].strip(" ,;("):
        raise ExpressionError(
            f"{text!r} is only a roll rule: give the period or date it adjusts "
            "('30 days after the Closing, or if such day is not a Business Day, the next Business Day')"
        )
    opened = "(" in text[start : t.start()]
    end = text.find(")", t.end()) + 1 if opened and ")" in text[t.end() :] else len(text)
    if not opened:
        end = _before_cap(text, t.end(), end)
    clause = text[start:end]
    conv = None
    for part in (text[t.end() : end], text[start : t.start()]):
        cm = _CONV.search(part)
        if cm:
            conv = (
                "modified_following"
                if cm.group("mf")
                else "modified_preceding"
                if cm.group("mp")
                else "preceding"
                if cm.group("pre")
                else "following"
            )
            break
    if conv is None:
        if not re.search(r"[,;(]", text[start : t.start()]):
            # a condition inside the anchor's words ("after the date when ... closed for a holiday")
            return text, None
        raise ExpressionError(
            f"a roll rule without a direction in {clause.strip(' ,;()')!r}: "
            "say 'the next' or 'the preceding' Business Day"
        )
    return (text[:start] + " " + text[end:]).strip(" ,;"), conv


def _before_cap(text: str, begin: int, end: int) -> int:
    """Where a written-date limit ("but in no event later than June 1, 2021") starts after a roll clause."""
    for c in CAP_RE.finditer(text, begin, end):
        if is_date_text(c.group("date")):
            return c.start()
    return end


def _find_period_text(text: str) -> bool:
    try:
        return _find_period(text) is not None
    except ExpressionError:
        return False


def _take_caps(text: str) -> tuple[str, dt.date | None, dt.date | None]:
    """Removes 'no later than DATE' style limits that sit beside a relative period."""
    cap = floor = None
    while True:
        found = False
        for m in CAP_RE.finditer(text):
            d = parse_date(m.group("date"))
            if d is None or not is_date_text(m.group("date")):
                continue
            rest = (text[: m.start()] + " " + text[m.end() :]).strip(" ,;()")
            if not _has_period(rest):
                continue  # the date is the whole rule ("no later than June 15, 2021")
            kind = m.group("kind").lower()
            if "earlier than" in kind or "after" in kind or "later" in kind and "if" in kind:
                floor = max(floor, d) if floor else d
            else:
                cap = min(cap, d) if cap else d
            text, found = rest, True
            break
        if not found:
            return text, cap, floor


def _has_period(text: str) -> bool:
    return bool(UNIT_RE.search(text)) and bool(
        find_numbers(_without_dates(text))
        or _NEXT_DAY.search(text)
        or re.search(
            r"\b(?:an?|the)\s+(?:\w+\s+)?(?:anniversary|day|"
            r"week|month|year)\b",
            text,
            re.I,
        )
    )


def _without_dates(text: str) -> str:
    return DATE_RE.sub(lambda m: " " * len(m.group(0)), text)


def _split_choice(text: str) -> tuple[str, list[str]] | None:
    m = _CHOOSE.search(text)
    if not m:
        return None
    which = (m.group("which") or m.group("which2")).lower()
    choose = "earlier" if which in ("earlier", "earliest", "first", "sooner") else "later"
    if m.group("which"):
        body = text[m.end() :]
    else:
        body = text[: m.start()]
    body = re.sub(r"^\s*(?:the\s+date\s+(?:that|which)\s+is\s+)?", "", body).strip(" ,;:")
    enum = re.split(
        r"\s*(?:,\s*)?(?:and|or)?\s*\(\s*(?:[a-h]|i{1,3}|iv|v|vi{0,3}|\d)\s*\)\s*", body, flags=re.I
    )
    parts = [p.strip(" ,;") for p in enum if p.strip(" ,;")]
    if len(parts) >= 2:
        return choose, parts
    if not re.search(r"\b(?:and|or)\b|;", body, re.I):
        return None  # "the earlier of" with a single alternative: read the rest as it is
    for sep in re.finditer(r"\s*,?\s*\b(?:and|or)\b\s*,?\s*|\s*;\s*", body, re.I):
        a, b = body[: sep.start()].strip(" ,"), body[sep.end() :].strip(" ,")
        if _readable(a) and _readable(b):
            return choose, [a, b]
    raise ExpressionError(f"cannot tell the alternatives apart in {text!r}")


def _readable(text: str) -> bool:
    try:
        _parse(text)
        return True
    except ExpressionError:
        return False


def _anchor_of(rest: str) -> tuple[str | None, dt.date | None]:
    anchor = _strip_the(re.sub(r"^\s*(?:on|with|to|of|upon)\s+", "", rest, flags=re.I))
    if not anchor:
        return None, None
    if is_date_text(anchor):
        return anchor, parse_date(anchor)
    return anchor, None


def parse_expression(text: str) -> Rule:
    """Read contract time language ("within ninety (90) days after") into a Rule."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("empty expression")
    return _parse_cached(_clean(text))


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str) -> Rule:
    return _parse(text)


def _parse(text: str) -> Rule:
    original = text
    text = TIME_RE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    text, roll = _take_roll(text)
    choice = _split_choice(text)
    if choice:
        choose, parts = choice
        rules = tuple(_parse(p) for p in parts)
        return Rule(choose=choose, parts=rules, roll=roll, text=original)
    text, cap, floor = _take_caps(text)
    rule = _parse_simple(text)
    return replace(rule, cap=cap, floor=floor, roll=roll or rule.roll, text=original)


def _point(text: str) -> Rule | None:
    """'the last day of the month following', 'the end of the calendar quarter', 'the 15th day of a month'."""
    m = _POINT.search(text)
    if m:
        which: str | int = m.group("which").lower()
        if which == "final":
            which = "last"
        if which not in ("first", "last"):
            nums = find_numbers(m.group("which"))
            if len(nums) != 1:
                return None
            which = nums[0].value
        bus = bool(m.group("bus")) and "calendar" not in m.group("bus").lower()
        period = m.group("period").lower()
    else:
        m = _END_OF.search(text)
        if not m:
            return None
        which, bus, period = "last", False, m.group("period").lower()
    ahead = 1 if m.group("next") or m.groupdict().get("next0") else 0
    trading = bool(m.groupdict().get("bus")) and "trading" in (m.group("bus") or "").lower()
    return Rule(
        point=(which, period, ahead, bus),
        unit="trading_day" if trading else None,
        direction="after" if ahead else None,
        recurring=bool(_RECURRING.search(text)),
        text=text,
    )


def _point_span(text: str) -> re.Match | None:
    return _POINT.search(text) or _END_OF.search(text)


def _parse_simple(text: str) -> Rule:
    recurring = bool(_RECURRING.search(text))
    span = _point_span(text)
    if span is not None:
        masked = text[: span.start()] + " " * (span.end() - span.start()) + text[span.end() :]
        if not _find_period(masked):
            if re.search(r"\bfiscal\b", span.group(0), re.I):
                raise ExpressionError(
                    "a fiscal period's end depends on the fiscal year: give that date as the "
                    "anchor (--from) and leave the period out"
                )
            point = _point(text)
            if point is not None:
                return point
    period = _find_period(text)
    if period is None:
        return _parse_no_count(text, recurring)
    count, unit, pstart, pend, ordinal, earliest, *more = period
    extra = more[0] if more else ()
    earliest_unit = more[1] if len(more) > 1 else None
    before_text, rest = text[:pstart], text[pend:]
    bound = _bound(before_text)
    dm = DIRECTION_RE.search(rest)
    direction, anchor_text = None, ""
    if dm:
        direction = "after" if dm.group("after") else "before"
        anchor_text = rest[dm.end() :]
        if dm.group("after") and dm.group("after").lower() in ("thereafter", "hereafter"):
            anchor_text = ""
        if dm.group("before") and dm.group("before").lower() in ("prior", "in advance", "previously"):
            m2 = re.search(r"\b(?:to|of)\b", anchor_text)
            anchor_text = anchor_text[m2.end() :] if m2 and m2.start() < 30 else ""
    elif re.search(r"\b(prior|in\s+advance|advance|preceding|previous|last|past|ago)\b", before_text, re.I):
        direction = "before"
    else:
        direction = "after"
    if re.search(r"\b(?:last|past)\b", before_text, re.I) and not dm:
        direction = "before"
    window = None
    if dm and dm.group("before") and _INCLUSIVE_END.search(dm.group(0)):
        window = "end_inclusive"
    elif dm and dm.group("after") and _INCLUSIVE_START.search(dm.group(0)):
        window = "start_inclusive"
    inner = None
    anchor, anchor_date = _anchor_of(anchor_text)
    span = _point_span(anchor) if anchor else None
    if (
        span is not None
        and re.search(r"\b(?:calendar|month)\b", span.group(0), re.I)
        and not re.search(r"\bfiscal\b", span.group(0), re.I)
    ):
        inner = _point(anchor)
    if inner is None and anchor and _has_period(anchor):
        try:
            inner = _parse(
                re.sub(r"^(?:the\s+)?(?:date|day)\s+(?:that|which)\s+is\s+", "", anchor, flags=re.I)
            )
        except ExpressionError:
            inner = None
        if inner is not None and inner.count is None:
            inner = None
        if inner is not None:
            anchor, anchor_date = inner.anchor, inner.anchor_date
    if ordinal and bound != "exact":
        bound = "exact"
    scale, unit = {"quarter": (3, "month"), "fortnight": (14, "day")}.get(unit, (1, unit))
    count = count * scale
    if earliest is not None:
        escale, earliest_unit = {"quarter": (3, "month"), "fortnight": (14, "day")}.get(
            earliest_unit or "", (1, earliest_unit) if earliest_unit else (scale, None)
        )
        earliest = earliest * escale
    extra = tuple(
        (n * {"quarter": 3, "fortnight": 14}.get(u, 1), {"quarter": "month", "fortnight": "day"}.get(u, u))
        for n, u in extra
    )
    return Rule(
        count=count,
        unit=unit,
        direction=direction,
        anchor=anchor,
        anchor_date=anchor_date,
        bound=bound,
        window=window,
        recurring=recurring,
        earliest_count=earliest,
        earliest_unit=earliest_unit if earliest_unit != unit else None,
        inner=inner,
        extra=extra,
        text=text,
    )


def _bound(before: str) -> str:
    tail = before[-40:]
    last = None
    for m in _BOUND_WORDS.finditer(tail):
        last = m
    if last is None:
        return "exact"
    if last.group("more"):
        return "more_than"
    if last.group("less"):
        return "less_than"
    return "exact"


def _find_period(text: str):
    """(count, unit, start, end, ordinal, other_count[, extra terms]) of the count + unit, or None."""
    plain = _without_dates(text)
    nums = find_numbers(plain)
    units = list(UNIT_RE.finditer(plain))
    pairs = []
    for u in units:
        kind = (u.group("kind") or "").lower()
        unit = _UNIT_OF[
            u.group("unit").lower().rstrip("s")
            if u.group("unit").lower() != "anniversaries"
            else "anniversarie"
        ]
        if unit == "day" and re.search(r"trading|exchange|market", kind):
            unit = "trading_day"
        elif unit == "day" and re.search(r"business|banking|working", kind):
            unit = "business_day"
        gap_ok = [
            n
            for n in nums
            if n.end <= u.start()
            and re.fullmatch(
                r"[\s-]*(?:\(\s*[\w\s-]+\s*\)\s*)?(?:[\w-]+\s+){0,2}?[\s-]*", plain[n.end : u.start()] + " "
            )
            and not re.search(r"\b(?:of|after|before|to|and|or|than)\b", plain[n.end : u.start()], re.I)
        ]
        if gap_ok:
            n = gap_ok[-1]
            pairs.append((n, unit, u))
        elif u.group("unit").lower().startswith("anniversar") and re.search(
            r"\b(?:an?|the)\s*$", plain[: u.start()], re.I
        ):
            pairs.append((Number(1, True, u.start(), u.start()), unit, u))
        elif unit in ("year", "month", "week", "day", "business_day", "trading_day") and (
            art := re.search(
                r"\b(?:an?|one)\s+(?:additional\s+|further\s+|full\s+|calendar\s+)*$",
                plain[: u.start()],
                re.I,
            )
        ):
            # "a day": the term starts at its article, so "one year and a day" reads as one period
            pairs.append((Number(1, False, art.start(), art.start()), unit, u))
    if not pairs:
        nd = _NEXT_DAY.search(plain)
        if nd and nd.group("w").lower() in ("first", "last") and not nd.group("dir"):
            nd = None  # "the last day of X" is not "the day before X"
        if nd:
            return _next_day_period(nd)
        ad = _ADJ_DAY.search(plain)
        if ad:
            kind = (ad.group("kind") or "").lower()
            unit = {
                "business": "business_day",
                "banking": "business_day",
                "working": "business_day",
                "trading": "trading_day",
            }.get(kind, "day")
            return 1, unit, ad.start(), ad.start("dir"), True, None
        return None
    n, unit, u = pairs[0]
    other = None
    prev = [p for p in nums if p.end <= n.start and RANGE_GAP.fullmatch(plain[p.end : n.start])]
    if prev:
        p = prev[-1]
        if _AT_LEAST.search(plain[max(0, p.start - 30) : p.start]):
            lo, hi = p, n
        elif _AT_MOST.search(plain[max(0, p.start - 30) : p.start]):
            lo, hi = n, p
        else:
            lo, hi = (p, n) if p.value <= n.value else (n, p)
        count, other = (lo.value, hi.value) if _is_before(plain[u.end() :]) else (hi.value, lo.value)
        return count, unit, p.start, u.end(), False, other
    if len(pairs) > 1 and pairs[1][1] == unit and RANGE_GAP.fullmatch(plain[u.end() : pairs[1][0].start]):
        n2, _, u2 = pairs[1]
        first_is_min = not _AT_MOST.search(plain[max(0, n.start - 30) : n.start])
        lo, hi = (n, n2) if first_is_min else (n2, n)
        count, other = (lo.value, hi.value) if _is_before(plain[u2.end() :]) else (hi.value, lo.value)
        return count, unit, n.start, u2.end(), False, other
    mixed = _mixed_range(plain, pairs)
    if mixed is not None:
        return mixed
    extra, end = _more_terms(plain, pairs, unit, u.end())
    return n.value, unit, n.start, end, n.ordinal, other, extra


#: what may join the terms of a compound period: "six months and one day", "one year, two months"
COMPOUND_GAP = re.compile(r"\s*(?P<comma>,)?\s*(?P<word>(?:and|plus)\s+)?", re.I)


def _more_terms(plain: str, pairs: list, unit: str, end: int) -> tuple[tuple[tuple[int, str], ...], int]:
    """The further terms of a compound period: "six months and one day", "one year plus 30 days",
    "one year, two months and ten days" (a list joined by commas only when its last term has
    "and"/"plus"); each unit once. Returns the terms and where the period ends."""
    terms: list[tuple[int, str, int, bool]] = []
    seen = {unit}
    for n2, unit2, u2 in pairs[1:]:
        gap = COMPOUND_GAP.fullmatch(plain[end : n2.start])
        if unit2 in seen or not gap or not (gap.group("comma") or gap.group("word")):
            break
        terms.append((n2.value, unit2, u2.end(), bool(gap.group("word"))))
        seen.add(unit2)
        end = u2.end()
    while terms and not terms[-1][3]:
        terms.pop()  # "30 days, 6 months": a list of alternatives, not one period
    if not terms:
        return (), pairs[0][2].end()
    return tuple((n2, u2) for n2, u2, _, _ in terms), terms[-1][2]


#: rough length of a unit in days, to order the two ends of a range written in different units
APPROX_DAYS = {
    "hour": 1 / 24,
    "day": 1,
    "business_day": 1.4,
    "trading_day": 1.45,
    "week": 7,
    "fortnight": 14,
    "month": 30.44,
    "quarter": 91.3,
    "year": 365.25,
}
_BETWEEN = re.compile(r"\bbetween\s*$", re.I)
_MIXED_GAP = re.compile(
    r"\s*,?\s*(?:and|nor|but)\s+(?:(?:not|no)\s+)?(?:more|less|fewer|greater|later|earlier)\s+than\s+", re.I
)


def _mixed_range(plain: str, pairs: list):
    """A range whose ends have different units: "between thirty (30) days and six (6) months after
    X", "not less than 10 days nor more than 3 months before X". The count and unit are the end
    that gives the last allowed day (the longer one after the anchor, the shorter one before
    it); the other end comes back as (count, unit) after the terms tuple. None otherwise."""
    if len(pairs) < 2:
        return None
    (n, unit, u), (n2, unit2, u2) = pairs[0], pairs[1]
    if unit == unit2:
        return None
    gap = plain[u.end() : n2.start]
    between = _BETWEEN.search(plain[max(0, n.start - 20) : n.start]) and re.fullmatch(r"\s*and\s+", gap, re.I)
    if not between and not _MIXED_GAP.fullmatch(gap):
        return None
    first, second = (n.value, unit), (n2.value, unit2)
    shorter, longer = sorted((first, second), key=lambda t: t[0] * APPROX_DAYS[t[1]])
    (count, cunit), other = (shorter, longer) if _is_before(plain[u2.end() :]) else (longer, shorter)
    return count, cunit, n.start, u2.end(), False, other[0], (), other[1]


RANGE_GAP = re.compile(
    r"\s*(?:[\w'-]+\s+){0,2}?\s*,?\s*(?:nor|and|but|or|to|-)\s+"
    r"(?:(?:not|no)\s+)?(?:(?:more|less|fewer|greater|later|earlier|sooner)\s+than\s+)?",
    re.I,
)


def _is_before(rest: str) -> bool:
    m = DIRECTION_RE.search(rest)
    return bool(m and m.group("before")) or bool(re.search(r"\b(prior|in advance)\b", rest, re.I))


def _next_day_period(m: re.Match):
    kind = (m.group("kind") or "").lower()
    unit = {
        "business": "business_day",
        "banking": "business_day",
        "working": "business_day",
        "trading": "trading_day",
    }.get(kind, "day")
    return 1, unit, m.end("w"), m.end() if not m.group("dir") else m.start("dir"), True, None


def _parse_no_count(text: str, recurring: bool) -> Rule:
    m = DATE_RE.search(text)
    if m:
        date = _date_of(m)
        dm = DIRECTION_RE.search(text[: m.start()])
        direction = (
            "before"
            if re.search(
                r"\b(by|no\s+later\s+than|not\s+later\s+than|on\s+or\s+before|before|"
                r"prior\s+to|until|till|through)\b",
                text[: m.start()],
                re.I,
            )
            else ("after" if dm and dm.group("after") else None)
        )
        return Rule(
            date=date,
            direction=direction,
            anchor=_strip_the(m.group(0)),
            anchor_date=date,
            recurring=recurring,
            text=text,
        )
    head = text
    dm = DIRECTION_RE.search(head)
    lead = _INCLUSIVE_BY.search(head)
    strict = _STRICT.search(head)
    if lead and (not strict or lead.start() < strict.start()) and lead.group(0).lower() not in ("from",):
        anchor = _strip_the(head[lead.end() :])
        anchor = re.sub(
            r"^(?:or\s+(?:before|prior\s+to)\s+|(?:the\s+)?(?:occurrence|date)\s+of\s+)",
            "",
            anchor,
            flags=re.I,
        )
        direction = "before" if re.search(r"before|prior|later\s+than|^by$", lead.group(0), re.I) else None
        anchor = re.sub(
            r"^(?:(?:upon|after|following|on|as\s+of|of|from|with|the)\s+)+", "", anchor, flags=re.I
        )
        return Rule(
            direction=direction,
            anchor=_strip_the(anchor) or None,
            inclusive=True,
            recurring=recurring,
            text=text,
        )
    if dm:
        direction = "after" if dm.group("after") else "before"
        return Rule(
            direction=direction,
            anchor=_strip_the(head[dm.end() :]) or None,
            inclusive=False,
            recurring=recurring,
            text=text,
        )
    if not strict and re.fullmatch(r"(?:the\s+)?(?:[A-Z][\w'-]*\s+)*(?:Date|Closing|Time)", head):
        return Rule(
            anchor=_strip_the(head), inclusive=True, recurring=recurring, text=text
        )  # "the Closing Date"
    raise ExpressionError(
        f"cannot read {text!r} as a time provision: no period, date or anchor found "
        "(try e.g. 'within ninety (90) days after' or 'the 7th business day after')"
    )
