"""Event names' normal form: how "the Closing", "Closing Date" and "completion of the Closing" compare equal.

Used by the deadline engine (``clausekit.deadlines`` re-exports ``event_key``) and by the store.
It lives outside the engine package, with nothing but ``re``, so that code which only needs to
compare event names (the store on the nightly reminder's path) does not import the engine and
its calendars (holidays, exchange_calendars).
"""
from __future__ import annotations

import functools
import re

_STOPWORDS = {
    "the",
    "a",
    "an",
    "such",
    "said",
    "this",
    "that",
    "its",
    "any",
    "applicable",
    "relevant",
    "each",
}
_AGREEMENT = re.compile(
    r"^(?:date\s+(?:hereof|of\s+(?:this\s+)?agreement|first\s+(?:written|set\s+forth|stated)\s+above|"
    r"first\s+above\s+(?:written|stated)|of\s+execution(?:\s+of\s+this\s+agreement)?|of\s+signing)|"
    r"hereof|this\s+agreement|agreement(?:\s+date)?|execution(?:\s+date)?|execution\s+of\s+this\s+agreement|"
    r"signing(?:\s+date)?|signing\s+of\s+this\s+agreement|signature\s+date|contract\s+date)$"
)
_PREFIX = re.compile(
    r"^(?:(?:closing|completion|consummation|occurrence|effective|effectiveness)\s+date\s+of|"
    r"date\s+of\s+(?:the\s+)?(?:closing|completion|consummation|occurrence)\s+of|"
    r"(?:closing|completion|consummation|occurrence|effectiveness)\s+of|date\s+of|date\s+on\s+which|day\s+of)\s+"
)
AGREEMENT_KEY = "@agreement"
EFFECTIVE_KEY = "effective"


@functools.lru_cache(maxsize=65536)
def event_key(name: str) -> str:
    """A normal form under which an event and the ways the text names it compare equal.

    "the Closing", "Closing Date", "completion of the Closing" -> "closing";
    "closing date of the Class B Share Repurchase" and "closing of the Class B Share
    Repurchase" -> "class b share repurchase"; "date hereof", "date of this Agreement",
    "Execution Date" -> "@agreement".
    """
    s = name.lower().replace("\u2019", "'")
    s = re.sub(r"[\"\u201c\u201d\u2018]|'s\b|'", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"^(?:(?:the|a|an|such|said)\s+)+", "", s)
    if _AGREEMENT.match(s):
        return AGREEMENT_KEY
    for _ in range(3):
        new = _PREFIX.sub("", s)
        new = re.sub(r"^(?:(?:the|a|an|such|said)\s+)+", "", new)
        if new == s or not new:
            break
        s = new
    if _AGREEMENT.match(s):
        return AGREEMENT_KEY
    tokens = [t for t in s.split() if t not in _STOPWORDS]
    while len(tokens) > 1 and tokens[-1] in ("date", "day", "time", "closing", "completion"):
        tokens.pop()
    return " ".join(tokens)
