"""An agreement's general business-day roll convention, stated once for all its deadlines.

Many agreements say once, usually among the interpretation clauses, what happens to any time
limit that falls on a day that is not a Business Day::

    If the last day for the giving of any notice or the performance of any act required or
    permitted under this Agreement is a day that is not a Business Day, then the time for the
    giving of such notice or the performance of such act shall be extended to the next
    succeeding Business Day.

``roll_convention(text)`` finds such a clause and returns a ``RollConvention``: the convention
("following", "preceding", "modified_following", "modified_preceding"), the clause's quote and
offsets, and what it covers. No spaCy: plain rules over the language of these clauses.

How a clause is read (one sentence, or one ';'-part of it, at a time):

- a *condition*: a day that "is not a Business Day" / "is a non-Business Day" / "a day other
  than a Business Day" / "falls on a Saturday, Sunday or legal holiday";
- a *consequence*: "the next (succeeding) / first / immediately following / preceding Business
  Day" (or "the next day that is a Business Day"); a month clause with the opposite direction
  ("unless that day falls in the next calendar month, in which case the immediately preceding
  Business Day") makes it "modified"; "the Modified Following Business Day Convention" by name
  is read too;
- a *general scope*: the condition (from its "if / whenever / in the event" to the non-business
  day) speaks of the agreement's acts at large: a quantifier over acts, payments, notices,
  periods or dates in plain words ("any act", "any payment", "any period", "all dates"),
  "whenever", or the agreement itself ("hereunder", "under this Agreement", "herein").
  A sentence about "the last day of such / the period" ("If the last day of such period is a
  non-Business Day, ...", "The last day of the period shall be included, unless it is a
  Saturday, Sunday or legal holiday, in which event the period runs until the end of the next
  day which is not a Saturday, Sunday or legal holiday") borrows the scope of the sentence
  before it when that sentence speaks of periods in general; "such day" inside a provision's sentence never does. The condition starts at the "if" nearest
  to its non-business day, so an earlier "if" or "in the event" of the sentence is not read as
  part of it.

Not general, so not returned (the quote-level parser in ``rules`` handles a provision's own
roll clause, which applies to that provision only):

- a clause about one named date or instrument: the condition names a capitalised "... Date"
  ("any Interest Payment Date", "the Closing Date"), or an instrument other than the agreement
  itself ("payment on the Notes", "under this Warrant" in an agreement that calls itself "this
  Agreement"): the roll belongs to that instrument's dates;
- a roll inside parentheses, or whose condition is about "such day" of one provision ("within
  30 days after invoice, or if such day is not a Business Day, the next Business Day");
- a definition ("“Business Day” means any day other than a Saturday, Sunday ...", "“Payment
  Date” means the 15th, or if not a Business Day, the next Business Day");
- a deemed-delivery rule for notices ("a notice received on a day that is not a Business Day
  shall be deemed received on the next Business Day"): it says when a notice counts as given,
  not when a deadline falls.

What it covers (``RollConvention.covers``, used by ``applies_to``): "acts" (acts, actions,
obligations, dates, deadlines, steps: every deadline), "payments" (payment deadlines only),
"notices" (notice lead times), "periods" (counted periods: deadlines and notices with a count),
"expiry" (the clause speaks of periods that expire or terminate: expiry items too). A period
described by its acts ("the last day of a period of time within which any act is to be done")
covers periods only: a stated date ("no later than June 15, 2021") is not such a period. Windows and
recurring provisions are never rolled (they have no single due date).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from clausekit.deadlines.rules import ROLL_SHORT_RE, ROLL_TRIGGER, parse_expression
from clausekit.errors import ExpressionError
from clausekit.types import Section, TimeProvision

_BD = r"(?:business|banking|working)\s+day"
#: the condition: a day that is not a Business Day
_NON_DAY = re.compile(
    rf"\bnot\s+(?:a\s+|also\s+a\s+)?{_BD}"
    rf"|\bnon-?\s*{_BD}"
    rf"|\bother\s+than\s+a\s+{_BD}"
    r"|\b(?:is|be|are|falls?|fall|falling|occurs?|expires?|ends?)\s+(?:due\s+)?(?:on\s+|in\s+)?(?:a\s+|any\s+)?"
    r"(?:saturday|sunday|weekend|(?:legal\s+|public\s+|bank\s+|national\s+|statutory\s+)?holiday)\b",
    re.IGNORECASE,
)
#: the consequence: the Business Day the time moves to
_TARGET = re.compile(
    r"\b(?P<w>(?:immediately|next|first|following|succeeding|preceding|previous|prior)"
    r"(?:\s+(?:next|following|succeeding|preceding|previous|prior))*)\s+"
    rf"(?:(?:calendar\s+)?day\s+(?:that|which)\s+is\s+a\s+)?{_BD}",
    re.IGNORECASE,
)
#: the consequence written with the condition's words: "the next day which is not a Saturday,
#: Sunday or legal holiday"
_TARGET_DAY = re.compile(
    r"\b(?P<w>next|following|succeeding)\s+(?:succeeding\s+)?day\s+(?:that|which)\s+is\s+(?:not|neither)\s+a\s+"
    r"(?:saturday|sunday|weekend|(?:legal\s+|public\s+|bank\s+|national\s+)?holiday)",
    re.IGNORECASE,
)
_PRECEDING = re.compile(r"preced|previous|prior", re.IGNORECASE)
_MONTH = re.compile(r"\b(?:calendar\s+)?month\b", re.IGNORECASE)
_TRIGGER = re.compile(
    r"\b(?:if|unless|whenever|when|where|in\s+the\s+event(?:\s+that)?|should|to\s+the\s+extent)\b",
    re.IGNORECASE,
)
_NOUNS = (
    r"act|action|payment|notice|period|date|deadline|time|obligation|step|event|condition|delivery|thing|"
    r"performance|day|communication|election|exercise|amount|sum|matter|transaction|filing|response|"
    r"determination|calculation"
)
#: a quantifier over the agreement's acts in plain (lower-case) words: "any act", "all dates"
_QUANTIFIED = re.compile(
    rf"\b(?i:any|all|every|each)\s+(?:(?:other|such|of\s+the)\s+)?(?:[a-z]+\s+){{0,2}}?(?:{_NOUNS})s?\b"
)
_WHENEVER = re.compile(r"\bwhenever\b", re.IGNORECASE)
_HERE = re.compile(r"\b(?:hereunder|hereof|herein|hereby|hereto)\b", re.IGNORECASE)
#: a sentence about "the last day of such period" (its scope is the sentence before it)
_PERIOD_SUBJECT = re.compile(
    r"(?:(?:if|when|where|whenever|in\s+the\s+event(?:\s+that)?)\s+)?the\s+last\s+day\s+of\s+"
    r"(?:such|said|that|the|any\s+such)\s+(?:time\s+)?period\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"\b(?:such|said|that|the\s+relevant)\s+(?:period|time\s+period)\b", re.IGNORECASE)
#: a named date in the condition ("any Interest Payment Date", "the Closing Date")
_NAMED_DATE = re.compile(r"\b(?:the|any|each|such|said|an?)\s+(?:[A-Z][\w'’-]*\s+)+Dates?\b")
#: an instrument the condition is about ("on the Notes", "under this Warrant")
_INSTRUMENT = re.compile(
    r"\b(?:on|under|of|pursuant\s+to|in\s+respect\s+of|with\s+respect\s+to|for)\s+(?:the|this|such|said|each|any)\s+"
    r"(?P<term>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
_DEFINITION = re.compile(
    r"[\"“][^\"”]{1,80}[\"”]\s*(?:,\s*)?(?:shall\s+)?(?:means?|has\s+the\s+meaning|shall\s+have\s+the\s+meaning|refers?\s+to)\b"
    rf"|\b{_BD}s?[\"”]?\s+(?:shall\s+)?means?\b",
    re.IGNORECASE,
)
_DEEMED = re.compile(
    r"\b(?:deemed|taken)\s+(?:to\s+(?:have\s+been\s+)?|as\s+)?(?:duly\s+)?(?:given|received|delivered|served|sent)\b"
    r"|\bbusiness\s+hours\b",
    re.IGNORECASE,
)
_SELF = re.compile(r"\b[Tt]h(?:is|e\s+present)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
#: "this Section 5", "this Exhibit": parts of a document, not what it calls itself
_PARTS = {
    "Section",
    "Sections",
    "Article",
    "Exhibit",
    "Schedule",
    "Annex",
    "Appendix",
    "Paragraph",
    "Clause",
    "Part",
    "Recital",
    "Subsection",
}
#: units of text a clause is read in: a sentence end, a semicolon, or a blank line
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(A-Z0-9])|;|\n\s*\n")
_ABBREV = re.compile(
    r"(?:\b(?:Inc|Corp|Co|Ltd|No|Nos|Sec|Secs|Art|Arts|Mr|Ms|Mrs|Dr|St|vs|etc|U\.S|i\.e|e\.g|cf|viz)|\b[A-Z]"
    r"|\b(?:Section|Sections|Article|Clause|No|§)\s*[\d.()a-z]*\d)\.[\"”’)]*$"
)
_WINDOW = 1500  # characters looked at either side of a condition for its sentence


@dataclass(frozen=True)
class RollConvention:
    convention: str  # "following" | "preceding" | "modified_following" | "modified_preceding"
    quote: str
    start: int
    end: int
    covers: frozenset[str]  # of "acts", "payments", "notices", "periods", "expiry"


def roll_convention(text: str) -> RollConvention | None:
    """The agreement's general roll convention: the first general roll clause in ``text``."""
    found = roll_conventions(text)
    return found[0] if found else None


def roll_conventions(text: str) -> list[RollConvention]:
    """Every general roll clause in ``text``, in order (usually one)."""
    self_name: str | None = None  # read only when there is a condition (most agreements have none)
    out: list[RollConvention] = []
    seen: set[int] = set()
    for m in _candidates(text):
        start, end = _unit(text, m.start(), m.end())
        if start in seen:
            continue
        seen.add(start)
        self_name = self_name or _self_name(text)
        conv = _read(text, start, end, m.start() - start, m.end() - start, self_name)
        if conv is not None:
            out.append(conv)
    return out


#: "the Modified Following Business Day Convention" by name (read in full by ``ROLL_SHORT_RE``)
_NAMED_CONVENTION = re.compile(r"\bbusiness\s+day\s+convention\b", re.IGNORECASE)


def _candidates(text: str):
    yield from _NON_DAY.finditer(text)
    yield from _NAMED_CONVENTION.finditer(text)


def _self_name(text: str) -> str:
    """What the document calls itself: the commonest "this X" ("this Agreement")."""
    names = Counter(m.group("name") for m in _SELF.finditer(text) if m.group("name").split()[0] not in _PARTS)
    return names.most_common(1)[0][0] if names else "Agreement"


def _unit(text: str, at: int, until: int) -> tuple[int, int]:
    """The sentence (or ';'-part of it) around ``text[at:until]``."""
    lo = max(0, at - _WINDOW)
    start = lo
    for b in _BOUNDARY.finditer(text, lo, at):
        if not _ABBREV.search(text[max(0, b.start() - 12) : b.start()]):
            start = b.end()
    end = min(len(text), until + _WINDOW)
    for b in _BOUNDARY.finditer(text, until, end):
        if not _ABBREV.search(text[max(0, b.start() - 12) : b.start()]):
            end = b.start()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _read(text: str, start: int, end: int, c0: int, c1: int, self_name: str) -> RollConvention | None:
    unit = text[start:end]
    if unit[:c0].count("(") > unit[:c0].count(")"):
        return None  # a parenthetical roll belongs to its own provision
    if _DEFINITION.search(unit[:c0]) or _DEEMED.search(unit):
        return None
    convention = _convention(unit, c0, c1)
    if convention is None:
        return None
    trig = _nearest_trigger(unit, c0)
    cond = unit[trig.start() if trig else 0 : c1]
    opens = trig is not None and not unit[: trig.start()].strip(" \t\n.()0-9")
    about_period = bool(_PERIOD_SUBJECT.match(unit.lstrip(" \t\n.()0-9")))
    anaphoric = about_period or (opens and bool(_ANAPHOR.search(cond)))
    if not _general(cond, self_name) and not (anaphoric and _borrowed(_previous(text, start), self_name)):
        return None
    if _scoped(cond, self_name):
        return None
    quote = unit.rstrip(" .;,")
    # what the condition speaks of, up to its last "not a Business Day" (a clause may have several:
    # "If any period expires on a day which is not ... or any event ... on a day which is not ...")
    last = max((n.start() for n in _NON_DAY.finditer(unit, 0, _first_target(unit, c1))), default=c0)
    head = _NON_DAY.sub(" ", unit[trig.start() if trig and not about_period else 0 : max(last, c0)])
    return RollConvention(convention, quote, start, start + len(quote), _covers(head, unit))


def _convention(unit: str, c0: int, c1: int) -> str | None:
    named = ROLL_SHORT_RE.search(unit)
    if named:
        w = named.group("conv").lower()
        return w.replace(" ", "_") if w.startswith("modified") else w
    targets = [t for t in _targets(unit) if t.end() <= c0 or t.start() >= c1]
    if not targets:
        return None
    after = [t for t in targets if t.start() >= c1]
    first = (after or targets)[0]
    base = "preceding" if _PRECEDING.search(first.group("w")) else "following"
    others = [t for t in targets if t is not first]
    opposite = any(bool(_PRECEDING.search(t.group("w"))) != (base == "preceding") for t in others)
    if opposite and _MONTH.search(unit):
        return f"modified_{base}"
    return base


def _nearest_trigger(unit: str, before: int) -> re.Match | None:
    """The "if" / "whenever" / "in the event" that opens the condition: the last one before it."""
    found = None
    for t in _TRIGGER.finditer(unit, 0, before):
        found = t
    return found


def _borrowed(previous: str, self_name: str) -> bool:
    """ "If the last day of such period ...": general when the sentence before speaks of periods
    generally ("the period within which any act is to be done under this Agreement")."""
    return (
        bool(previous)
        and bool(re.search(r"\bperiods?\b", previous, re.IGNORECASE))
        and _general(previous, self_name)
    )


def _targets(unit: str) -> list[re.Match]:
    return sorted([*_TARGET.finditer(unit), *_TARGET_DAY.finditer(unit)], key=lambda t: t.start())


def _first_target(unit: str, after: int) -> int:
    return next((t.start() for t in _targets(unit) if t.start() >= after), len(unit))


def _general(cond: str, self_name: str) -> bool:
    here = re.compile(
        rf"\b(?:under|pursuant\s+to|by|in|of|by\s+the\s+terms\s+of)\s+this\s+{re.escape(self_name)}\b"
    )
    return bool(_QUANTIFIED.search(cond) or _WHENEVER.search(cond) or _HERE.search(cond) or here.search(cond))


def _scoped(cond: str, self_name: str) -> bool:
    """The condition is about one named date or one instrument other than the agreement itself."""
    if _NAMED_DATE.search(cond):
        return True
    allowed = {self_name.lower(), "business day", "business days", "party", "parties"}
    terms = [m.group("term") for m in _INSTRUMENT.finditer(cond)]
    return any(t.lower() not in allowed for t in terms) and not re.search(
        rf"\bthis\s+{re.escape(self_name)}\b|\bhereunder\b", cond
    )


def _previous(text: str, start: int) -> str:
    """The sentence before the one starting at ``start`` ('' at the start of the text)."""
    before = text[:start].rstrip()
    if not before:
        return ""
    s, e = _unit(text, len(before) - 1, len(before) - 1)
    return text[s:e]


#: a period described by the acts done in it: "a period of time before which, within which or
#: following which any act is to be done" -- the clause is about such periods, not about every act
_PERIOD_OF_ACTS = re.compile(
    r"\bperiods?(?:\s+of\s+time)?\s+(?:before|within|following|after|during|in|by|for)\s+which\b",
    re.IGNORECASE,
)


def _covers(cond: str, unit: str) -> frozenset[str]:
    covers = set()
    described = _PERIOD_OF_ACTS.search(cond)
    if described:
        cond = cond[: described.end()]
    if re.search(r"\bnotices?\b", cond, re.IGNORECASE):
        covers.add("notices")
    if re.search(r"\bpay(?:ments?|able)?\b|\bamounts?\b|\bsums?\b", cond, re.IGNORECASE):
        covers.add("payments")
    if re.search(r"\bperiods?\b", cond, re.IGNORECASE):
        covers.add("periods")
    if re.search(
        r"\b(?:acts?|actions?|steps?|things?|obligations?|performance|perform|deliver\w*|events?|conditions?|"
        r"dates?|deadlines?|matters?|filings?|elections?|exercise)\b",
        cond,
        re.IGNORECASE,
    ):
        covers.add("acts")
    if re.search(r"\bexpir\w*|\bterminat\w*", unit, re.IGNORECASE):
        covers.add("expiry")
    if not covers - {"expiry"}:
        covers.add("acts")
    return frozenset(covers)


# ------------------------------------------------------------------ applying it to provisions

_PAYMENT = re.compile(r"\bpa(?:y|id|ys|ying|yment|yments|yable)\b|\bremit\w*", re.IGNORECASE)


def applies_to(conv: RollConvention, p: TimeProvision) -> bool:
    """Whether the general clause governs provision ``p`` (see the module docstring)."""
    if p.kind == "window" or p.recurring:
        return False
    has_count = p.count is not None
    if p.kind == "deadline":
        return (
            "acts" in conv.covers
            or ("periods" in conv.covers and has_count)
            or ("payments" in conv.covers and bool(_PAYMENT.search(f"{p.action or ''} {p.quote}")))
        )
    if p.kind == "notice":
        return "notices" in conv.covers or ("periods" in conv.covers and has_count)
    if p.kind == "expiry":
        return "expiry" in conv.covers
    return False


def has_own_roll(quote: str | None) -> bool:
    """Whether the provision's quote carries its own roll clause (which then wins)."""
    if not quote:
        return False
    try:
        return parse_expression(quote).roll is not None
    except (ExpressionError, ValueError, KeyError):
        return bool(ROLL_TRIGGER.search(quote) or ROLL_SHORT_RE.search(quote))


def section_of(sections: Sequence[Section], start: int, end: int) -> Section | None:
    """The innermost section holding ``text[start:end]``."""
    holding = [s for s in sections if s.start <= start and end <= s.end]
    return min(holding, key=lambda s: (s.end - s.start, -s.level), default=None)


def source_note(section: Section | None) -> str:
    """How an explanation names the clause: "the agreement's general roll clause in Section 12.3"."""
    if section is None:
        return "the agreement's general roll clause"
    number = section.number
    if not re.match(r"(?i)(?:section|article|item|clause|paragraph)\b", number):
        number = f"Section {number}"
    return f"the agreement's general roll clause in {number}"


#: a provision's own roll clause written just after its quote: ", or if such day is not a Business
#: Day, the immediately preceding Business Day", "(or the next Business Day if such day is not ...)"
_OWN_LEAD = re.compile(
    r"\s*[,;(]?\s*(?:(?:or|and|but|then|provided(?:\s*,?\s*however\s*,?)?\s+that|provided|except\s+that)\b[\s,]*)*"
    r"(?:(?:on|to)\s+)?(?:the\s+)?(?:(?:immediately\s+)?(?:next|following|succeeding|preceding|previous|prior|first)"
    r"(?:\s+(?:succeeding|following|preceding))?\s+(?:business|banking|working)\s+day(?:\s+thereafter)?[\s,]*)?"
    r"(?:if|where|when|in\s+the\s+event(?:\s+that)?)\b",
    re.IGNORECASE,
)
_OWN_REACH = 300  # characters after a quote searched for its own roll clause


def own_roll_after(text: str, end: int) -> str | None:
    """The convention of a roll clause that follows a provision's quote (``text[end:]``) in the same
    sentence, before any other words: the provision's own roll, which the quote left out."""
    lead = _OWN_LEAD.match(text, end, min(len(text), end + _OWN_REACH))
    if not lead:
        return None
    stop = min(len(text), end + _OWN_REACH)
    for b in _BOUNDARY.finditer(text, lead.end(), stop):
        if not _ABBREV.search(text[max(0, b.start() - 12) : b.start()]):
            stop = b.start()
            break
    clause = text[end:stop]
    cond = _NON_DAY.search(clause)
    if not cond or cond.start() > lead.end() - end + 200:
        return None
    return _convention(clause, cond.start(), cond.end())


#: a roll value that came from a general clause: "<convention>; <source note>"
ROLL_SOURCE_SEP = "; "


def general_roll(
    provisions: Sequence[TimeProvision],
    conv: RollConvention | None,
    sections: Sequence[Section] = (),
    text: str | None = None,
) -> list[TimeProvision]:
    """Sets ``roll`` of the provisions that have none of their own: the general clause's.

    A provision's own roll wins: one already set, one in its quote (which the engine reads), and,
    when ``text`` is given, one written just after its quote ("on or before April 10, 2021, or if
    such day is not a Business Day, the immediately preceding Business Day"), which is set as the
    provision's roll. The general clause's value is "<convention>; <source note>" ("following; the
    agreement's general roll clause in Section 12.3"): the engine rolls by the convention and names
    the clause when it moves a date; the value survives the JSON record and the store as it is.
    """
    value = None
    if conv is not None:
        value = f"{conv.convention}{ROLL_SOURCE_SEP}{source_note(section_of(sections, conv.start, conv.end))}"
    out = []
    for p in provisions:
        if p.roll or p.kind == "window" or p.recurring or has_own_roll(p.quote):
            out.append(p)
            continue
        own = own_roll_after(text, p.end) if text and p.end is not None else None
        if own:
            out.append(replace(p, roll=own))
        elif value and conv is not None and applies_to(conv, p):
            out.append(replace(p, roll=value))
        else:
            out.append(p)
    return out
