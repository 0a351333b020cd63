"""Which calendar an agreement counts business days on: its "Business Day" definition, else its
governing law, else ``weekends``.

Place names come from the libraries where they have them (country names from the
``holidays`` registry, US states and other subdivisions from ``subdivisions_aliases``); the
table below only adds what they lack (cities, exchanges, "PRC", "England and Wales").
"""

from __future__ import annotations

import functools
import re

import holidays
from holidays import registry

from clausekit.types import CalendarChoice

#: exchanges named in Business Day definitions ("a day on which the New York Stock Exchange is open")
EXCHANGES = [
    (r"nyse\s+(?:american|mkt|amex)|american\s+stock\s+exchange|\bamex\b", "XASE"),  # before plain NYSE
    (r"new\s+york\s+stock\s+exchange|\bnyse\b", "XNYS"),
    (r"\bnasdaq\b", "XNAS"),
    (
        r"stock\s+exchange\s+of\s+hong\s+kong|hong\s+kong\s+stock\s+exchange|hong\s+kong\s+exchanges?\b|\bhkex\b|"
        r"\bsehk\b",
        "XHKG",
    ),
    (r"london\s+stock\s+exchange|\blse\b", "XLON"),
    (r"tokyo\s+stock\s+exchange", "XTKS"),
    (r"shanghai\s+stock\s+exchange", "XSHG"),
    (r"singapore\s+exchange|\bsgx\b", "XSES"),
    (r"toronto\s+stock\s+exchange|\btsx\b", "XTSE"),
    (r"australian\s+securities\s+exchange|\basx\b", "XASX"),
    (r"frankfurt\s+stock\s+exchange", "XFRA"),
    (r"korea\s+exchange|korea\s+stock\s+exchange", "XKRX"),
    (r"taiwan\s+stock\s+exchange", "XTAI"),
    (r"bombay\s+stock\s+exchange", "XBOM"),
    (r"\btarget\s*2?\b|trans-european\s+automated", "TARGET"),
]
#: places holidays' registry does not name the way agreements do
PLACES = [
    (r"new\s+york(?:\s+city)?|manhattan", "US-NY"),
    (r"hong\s+kong", "HK"),
    (
        r"\bp\.?\s?r\.?\s?c\.?(?![a-z])|people'?s\s+republic\s+of\s+china|mainland\s+china|\bchina\b|beijing|"
        r"shanghai|shenzhen",
        "CN",
    ),
    (r"england(?:\s+and\s+wales)?|\bwales\b|london|united\s+kingdom|\bu\.k\.|\buk\b|great\s+britain", "GB"),
    (r"scotland|edinburgh", "GB-SCT"),
    (r"northern\s+ireland|belfast", "GB-NIR"),
    (r"british\s+virgin\s+islands|\bbvi\b", "VG"),
    (r"cayman", "KY"),
    (r"tokyo", "JP"),
    (r"frankfurt", "DE"),
    (r"zurich|geneva", "CH"),
    (r"paris", "FR"),
    (r"dublin", "IE"),
    (r"amsterdam", "NL"),
    (r"toronto", "CA-ON"),
    (r"montreal", "CA-QC"),
    (r"vancouver", "CA-BC"),
    (r"sydney", "AU-NSW"),
    (r"melbourne", "AU-VIC"),
    (r"taipei", "TW"),
    (r"seoul", "KR"),
    (r"mumbai|bombay", "IN"),
    (r"tel\s+aviv", "IL"),
    (r"macau|macao", "MO"),
    (r"washington,?\s+d\.?\s?c\.?|district\s+of\s+columbia", "US-DC"),
    (r"wilmington", "US-DE"),
    (r"boston", "US-MA"),
    (r"chicago", "US-IL"),
    (r"san\s+francisco|los\s+angeles", "US-CA"),
    (r"houston|dallas", "US-TX"),
    (r"charlotte", "US-NC"),
    (r"philadelphia|pittsburgh", "US-PA"),
    (r"minneapolis", "US-MN"),
    (r"united\s+states|\bu\.s\.(?:a\.)?|\busa\b", "US"),
]


def _split_camel(name: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


@functools.lru_cache(maxsize=1)
def _exchanges() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(p, re.I), c) for p, c in EXCHANGES]


@functools.lru_cache(maxsize=1)
def _names() -> list[tuple[re.Pattern, str]]:
    """(pattern, calendar) for every place, longest names first so 'West Virginia' beats 'Virginia'."""
    table: dict[str, str] = {}
    for cls_name, code, *_ in registry.COUNTRIES.values():
        table[_split_camel(cls_name)] = code
    for country in ("US", "CA", "AU"):
        cls = holidays.country_holidays(country).__class__
        for name, sub in (getattr(cls, "subdivisions_aliases", None) or {}).items():
            if len(name) > 3:
                table[name.lower()] = f"{country}-{sub}"
    pats = [
        (re.compile(r"\b" + re.escape(n).replace("\\ ", " ").replace(" ", r"\s+") + r"\b", re.I), c)
        for n, c in sorted(table.items(), key=lambda kv: -len(kv[0]))
    ]
    return [(re.compile(p, re.I), c) for p, c in PLACES] + pats


def _find(text: str, table) -> list[tuple[int, str]]:
    found, low = [], text.lower()
    for pat, code in table:
        for m in pat.finditer(low):
            found.append((m.start(), code))
            low = low[: m.start()] + " " * (m.end() - m.start()) + low[m.end() :]
    return found


def places_in(text: str) -> list[str]:
    """Calendar names for the exchanges and places ``text`` names, in order of appearance."""
    ex = _find(text, _exchanges())
    masked = text
    for pat, _ in EXCHANGES:
        masked = re.sub(pat, lambda m: " " * len(m.group(0)), masked, flags=re.I)
    found = sorted(ex + _find(masked, _names()))
    return list(dict.fromkeys(code for _, code in found))


def _combine(codes: list[str]) -> str:
    # "banks in Hong Kong and the PRC" -> HK+CN; a country and one of its subdivisions -> the subdivision
    keep = [c for c in codes if not any(o != c and o.startswith(c + "-") for o in codes)]
    return "+".join(keep)


def calendar_for(business_day_definition: str | None, governing_law: str | None) -> CalendarChoice:
    """The agreement's business-day calendar and why it was chosen."""
    if business_day_definition:
        codes = places_in(business_day_definition)
        if codes:
            return CalendarChoice(_combine(codes), "Business Day definition", business_day_definition.strip())
    if governing_law:
        codes = places_in(governing_law)
        if codes:
            name = codes[0]
            reason = f"governing law: {governing_law.strip()}"
            if name.startswith("US"):
                reason += " (US banks observe the Federal Reserve holidays)"
            return CalendarChoice(name, "governing law", reason)
    return CalendarChoice("weekends", "default", "no Business Day definition or governing law names a place")


#: where a trading-day count finds its exchange: a "Trading Day" definition, else the market the
#: security is listed or quoted on ("the ADSs ... quoted on the Nasdaq Global Market")
_TRADING_DAY_DEFINITION = re.compile(
    r"[\"\u201c\u201d']\s*trading\s+days?\s*[\"\u201c\u201d']\s*\)?\s*,?\s*(?:shall\s+)?means?\b"
    r"(.{0,400}?)(?:;|\.(?=\s|$)|$)",
    re.I | re.S)
_LISTED_ON = re.compile(
    r"\b(?:listed|quoted|trade[sd]?|admitted\s+to\s+trading|(?:approved\s+)?for\s+(?:listing|quotation))"
    r"(?:\s+(?:for\s+)?(?:trading|quotation))?\s+(?:on|upon)\s+(?:the\s+)?([^.;]{0,80})",
    re.I)


def exchanges_in(text: str) -> list[str]:
    """Exchange calendars ``text`` names, in order of appearance (places are not exchanges)."""
    return list(dict.fromkeys(code for _, code in sorted(_find(text, _exchanges())) if code != "TARGET"))


def trading_exchange(text: str) -> CalendarChoice | None:
    """The exchange whose sessions an agreement's trading days count: the one its "Trading Day"
    definition names, else the first market it says its securities are listed, quoted or
    traded on; None when it names neither (the engine then uses the business-day calendar's
    main exchange)."""
    for m in _TRADING_DAY_DEFINITION.finditer(text):
        codes = exchanges_in(m.group(1))
        if codes:
            return CalendarChoice(codes[0], "Trading Day definition", " ".join(m.group(0).split())[:200])
    for m in _LISTED_ON.finditer(text):
        codes = exchanges_in(m.group(1))
        if codes:
            return CalendarChoice(codes[0], "listing", " ".join(m.group(0).split())[:200])
    return None
