"""Business-day and trading-day calendars, by name, from ``holidays`` and ``exchange_calendars``.

Names (case-insensitive):

- ``weekends``: only Saturday and Sunday are closed.
- a country code ``holidays`` supports (``HK``, ``CN``, ``GB``, ``SG``, ``JP``, ``DE``, ``KY``, ...),
  optionally with a subdivision (``GB-SCT``, ``DE-BY``, ``CA-ON``): that jurisdiction's bank
  holidays. ``US`` and every ``US-<state>`` are the Federal Reserve Banks' holidays
  (``holidays.financial_holidays("XFED")``: a Saturday holiday is not moved to Friday);
  ``HK`` is Hong Kong's general holidays (``holidays.HK`` public + optional categories, which
  add Good Friday, the day after it and Easter Monday); ``GB`` is England and Wales; a
  country with a ``bank`` category (``JP``, ``AU``, ``KR``, ``LU``) includes it.
  ``TARGET`` (alias ``ECB``) is the euro TARGET2 calendar.
- an exchange code or alias ``exchange_calendars`` knows (``XNYS``, ``NYSE``, ``XNAS``,
  ``XHKG``, ``XLON``, ...): open on that exchange's sessions.
- a combination ``HK+US``: open only where every part is open.

Saturday and Sunday are never business days in a bank calendar, whatever weekend the
library gives that country. Holiday sets are computed once per (calendar, year) and cached;
exchange calendars are built lazily, once, from 1990 (or the exchange's first recorded year).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from dataclasses import dataclass

import holidays

from clausekit.errors import ClausekitError, UnknownCalendar

Date = dt.date

#: first year exchange calendars are built from (the library's own default is ~20 years back)
TRADING_START = dt.date(1990, 1, 1)
#: last date exchange calendars are built to (clipped to what each exchange has recorded)
TRADING_END = dt.date(2045, 12, 31)

#: the main exchange of a jurisdiction, used for trading days when the calendar is a bank calendar
MAIN_EXCHANGE = {
    "US": "XNYS",
    "HK": "XHKG",
    "GB": "XLON",
    "CN": "XSHG",
    "JP": "XTKS",
    "SG": "XSES",
    "DE": "XFRA",
    "CA": "XTSE",
    "AU": "XASX",
    "CH": "XSWX",
    "FR": "XPAR",
    "NL": "XAMS",
    "IE": "XDUB",
    "KR": "XKRX",
    "TW": "XTAI",
    "IN": "XBOM",
    "BR": "BVMF",
    "ES": "XMAD",
    "IT": "XMIL",
    "SE": "XSTO",
    "NO": "XOSL",
    "DK": "XCSE",
    "FI": "XHEL",
    "ZA": "XJSE",
    "MX": "XMEX",
    "NZ": "XNZE",
    "IL": "XTAE",
    "LU": "XLUX",
    "BE": "XBRU",
    "AT": "XWBO",
    "PT": "XLIS",
}
#: the exchange used for trading days when no exchange or jurisdiction is named
DEFAULT_EXCHANGE = "XNYS"


class CalendarRangeError(ClausekitError):
    """A date outside the range an exchange calendar has recorded sessions for."""

    exit_code = UnknownCalendar.exit_code


@dataclass(frozen=True)
class Closure:
    day: Date
    reason: str  # holiday name, or "no XNYS session"


class Calendar:
    """A set of open days. Subclasses implement ``_closed_reason``; ``name`` is canonical."""

    name: str = ""
    kind: str = "bank"  # "weekends" | "bank" | "trading" | "combined"

    def is_business_day(self, d: Date) -> bool:
        return self.closed_reason(d) is None

    def is_open(self, d: Date) -> bool:
        return self.is_business_day(d)

    def closed_reason(self, d: Date) -> str | None:
        """None when open; else why closed ("Saturday", "Good Friday", "no XNYS session")."""
        raise NotImplementedError

    def holiday_name(self, d: Date) -> str | None:
        """The holiday's name when ``d`` is a weekday closure (None for weekends and open days)."""
        reason = self.closed_reason(d)
        return None if reason in (None, "Saturday", "Sunday") else reason

    def add_business_days(self, d: Date, n: int) -> Date:
        from clausekit.deadlines.arithmetic import shift_open_days

        return shift_open_days(d, n, self).date

    def holidays_in(self, start: Date, end: Date) -> list[Date]:
        """Weekday closures from ``start`` to ``end`` inclusive (for numpy.busdaycalendar)."""
        out, d = [], start
        while d <= end:
            if d.weekday() < 5 and not self.is_business_day(d):
                out.append(d)
            d += dt.timedelta(days=1)
        return out

    @property
    def trading_exchange(self) -> str | None:
        """The exchange whose sessions count as trading days for this calendar (None: itself)."""
        return None

    def __repr__(self) -> str:
        return f"<Calendar {self.name}>"


def _weekend(d: Date) -> str | None:
    wd = d.weekday()
    return "Saturday" if wd == 5 else "Sunday" if wd == 6 else None


class WeekendsCalendar(Calendar):
    name = "weekends"
    kind = "weekends"

    def closed_reason(self, d: Date) -> str | None:
        return _weekend(d)

    def is_business_day(self, d: Date) -> bool:
        return d.weekday() < 5


class HolidayCalendar(Calendar):
    """Bank holidays of one jurisdiction from ``holidays``, cached per year."""

    kind = "bank"

    def __init__(self, name: str, country: str | None, subdiv: str | None, market: str | None = None):
        self.name = name
        self.country = country
        self.subdiv = subdiv
        self.market = market  # a holidays financial market code (XFED, ECB)
        self._years: dict[int, dict[Date, str]] = {}

    def _make(self, year: int) -> holidays.HolidayBase:
        cls = type(
            holidays.financial_holidays(self.market)
            if self.market
            else holidays.country_holidays(self.country)
        )
        lo, hi = getattr(cls, "start_year", None), getattr(cls, "end_year", None)
        if (lo and year < lo) or (hi and year > hi):
            raise CalendarRangeError(
                f"the holidays library knows {self.name} holidays only from {lo} to {hi}; "
                f"cannot count business days in {year}"
            )
        if self.market:
            return holidays.financial_holidays(self.market, years=year)
        cls = holidays.country_holidays(self.country).__class__
        cats = {"public"} & set(cls.supported_categories) or {cls.default_category}
        if "bank" in cls.supported_categories:
            cats.add("bank")
        if self.country == "HK":
            cats.add("optional")  # general holidays = bank holidays (Good Friday, Easter Monday, ...)
        return holidays.country_holidays(
            self.country, subdiv=self.subdiv, years=year, categories=tuple(sorted(cats))
        )

    def year_holidays(self, year: int) -> dict[Date, str]:
        days = self._years.get(year)
        if days is None:
            days = self._years[year] = _year_holidays(self, year)
        return days

    def closed_reason(self, d: Date) -> str | None:
        return _weekend(d) or self.year_holidays(d.year).get(d)

    def is_business_day(self, d: Date) -> bool:
        if d.weekday() >= 5:
            return False
        days = self._years.get(d.year)
        if days is None:
            days = self.year_holidays(d.year)
        return d not in days

    @property
    def trading_exchange(self) -> str | None:
        if self.market == "XFED":
            return "XNYS"
        return MAIN_EXCHANGE.get(self.country or "")

    # HolidayCalendar objects are cached singletons per name: hash by name for the lru_cache
    def __hash__(self) -> int:
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HolidayCalendar) and other.name == self.name


@functools.lru_cache(maxsize=4096)
def _year_holidays(cal: HolidayCalendar, year: int) -> dict[Date, str]:
    return {day: name.split("; ")[0] for day, name in cal._make(year).items()}


class TradingCalendar(Calendar):
    """Sessions of one exchange (``exchange_calendars``), built on first use."""

    kind = "trading"

    def __init__(self, code: str, name: str | None = None):
        self.code = code  # the exchange_calendars calendar (XNAS is an alias of XNYS there)
        self.name = name or code
        self._sessions: frozenset[Date] | None = None
        self._first: Date | None = None
        self._last: Date | None = None
        self._names: dict[Date, str] | None = None

    def _load(self) -> None:
        if self._sessions is not None:
            return
        import exchange_calendars as xc
        import pandas as pd

        factory = xc.calendar_utils._default_calendar_factories[self.code]
        start, end = pd.Timestamp(TRADING_START), pd.Timestamp(TRADING_END)
        lo, hi = factory.bound_min(), factory.bound_max()
        if lo is not None:
            start = max(start, lo.normalize())
        if hi is not None:
            end = min(end, hi.normalize())
        with warnings.catch_warnings():  # the library's own pandas deprecation noise
            warnings.simplefilter("ignore")
            cal = xc.get_calendar(self.code, start=start, end=end)
        self._cal = cal
        self._sessions = frozenset(s.date() for s in cal.sessions)
        self._first, self._last = cal.first_session.date(), cal.last_session.date()

    def _holiday_names(self) -> dict[Date, str]:
        if self._names is None:
            names: dict[Date, str] = {}
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    reg = self._cal.regular_holidays
                    if reg is not None:
                        for ts, nm in reg.holidays(self._first, self._last, return_name=True).items():
                            names[ts.date()] = str(nm)
            except Exception:  # names are decoration only; the sessions decide
                pass
            self._names = names
        return self._names

    def bounds(self) -> tuple[Date, Date]:
        self._load()
        assert self._first and self._last
        return self._first, self._last

    def is_business_day(self, d: Date) -> bool:
        if self._sessions is not None and self._first <= d <= self._last:  # type: ignore[operator]
            return d in self._sessions
        return self.closed_reason(d) is None

    def closed_reason(self, d: Date) -> str | None:
        self._load()
        assert self._sessions is not None and self._first and self._last
        if not (self._first <= d <= self._last):
            raise CalendarRangeError(
                f"{self.name} sessions are recorded only from {self._first} to {self._last}; "
                f"cannot count trading days on {d}"
            )
        if d in self._sessions:
            return None
        return _weekend(d) or self._holiday_names().get(d) or f"no {self.name} session"

    @property
    def trading_exchange(self) -> str | None:
        return self.name


class CombinedCalendar(Calendar):
    """Open only where every part is open (``HK+US``)."""

    kind = "combined"

    def __init__(self, parts: tuple[Calendar, ...]):
        self.parts = parts
        self.name = "+".join(p.name for p in parts)

    def is_business_day(self, d: Date) -> bool:
        return all(p.is_business_day(d) for p in self.parts)

    def closed_reason(self, d: Date) -> str | None:
        reasons = []
        for p in self.parts:
            r = p.closed_reason(d)
            if r in ("Saturday", "Sunday"):
                return r
            if r:
                reasons.append(f"{r} ({p.name})")
        return "; ".join(reasons) or None

    @property
    def trading_exchange(self) -> str | None:
        for p in self.parts:
            if p.trading_exchange:
                return p.trading_exchange
        return None


# ---------------------------------------------------------------- names -> calendars


def _exchange_code(name: str) -> str | None:
    import exchange_calendars as xc

    names = {n.upper(): n for n in xc.get_calendar_names(include_aliases=True)}
    real = names.get(name.upper())
    if real is None:
        return None
    code = xc.resolve_alias(real)
    return code if code in xc.calendar_utils._default_calendar_factories else None


_COUNTRY_ALIASES = {"UK": "GB"}
_DEFAULT_SUBDIV = {"GB": "ENG"}  # GB = England and Wales


def _holiday_calendar(name: str) -> HolidayCalendar | None:
    upper = name.upper()
    if upper in ("TARGET", "TARGET2", "ECB"):
        return HolidayCalendar("TARGET", None, None, market="ECB")
    country, _, subdiv = upper.partition("-")
    country = _COUNTRY_ALIASES.get(country, country)
    supported = holidays.list_supported_countries()
    if country not in supported:
        return None
    if subdiv:
        cls = holidays.country_holidays(country).__class__
        aliases = {k.upper(): v for k, v in (getattr(cls, "subdivisions_aliases", None) or {}).items()}
        subdiv = aliases.get(subdiv, subdiv)
        if subdiv not in {s.upper() for s in supported[country]}:
            return None
        subdiv = next(s for s in supported[country] if s.upper() == subdiv)
    canonical = f"{country}-{subdiv}" if subdiv else country
    if country == "US":  # banks in every state observe the Federal Reserve holidays
        return HolidayCalendar(canonical, "US", subdiv or None, market="XFED")
    return HolidayCalendar(canonical, country, subdiv or _DEFAULT_SUBDIV.get(country))


@functools.lru_cache(maxsize=512)
def _get_single(key: str) -> Calendar:
    if key == "WEEKENDS":
        return WeekendsCalendar()
    cal: Calendar | None = _holiday_calendar(key)
    if cal is None and re.fullmatch(r"[A-Z0-9/_]{3,6}|US_FUTURES", key):
        code = _exchange_code(key)
        if code:  # keep an ISO MIC as given (XNAS), name an alias by its code (NYSE -> XNYS)
            cal = TradingCalendar(code, key if re.fullmatch(r"X[A-Z]{3}", key) else code)
    if cal is None:
        raise UnknownCalendar(
            f"unknown calendar {key!r}: use 'weekends', a country code such as HK, GB or US-NY "
            f"(holidays), an exchange code such as XNYS or XHKG (exchange_calendars), "
            f"or a combination such as HK+US"
        )
    return cal


@functools.lru_cache(maxsize=512)
def _get_calendar(key: str) -> Calendar:
    parts = [p.strip() for p in key.split("+")]
    if not all(parts):
        raise UnknownCalendar(f"unknown calendar {key!r}: empty part in a combination")
    cals = tuple(dict.fromkeys(_get_single(p) for p in parts))
    if len(cals) == 1:
        return cals[0]
    cals = tuple(c for c in cals if c.kind != "weekends") or cals[:1]
    return cals[0] if len(cals) == 1 else CombinedCalendar(cals)


_BY_NAME: dict[str, Calendar] = {}


def get_calendar(name: str | Calendar) -> Calendar:
    """The calendar called ``name`` (case-insensitive); raises UnknownCalendar."""
    if isinstance(name, Calendar):
        return name
    cal = _BY_NAME.get(name) if isinstance(name, str) else None
    if cal is not None:
        return cal
    if not isinstance(name, str) or not name.strip():
        raise UnknownCalendar(f"unknown calendar {name!r}")
    cal = _BY_NAME[name] = _get_calendar(re.sub(r"\s+", "", name).upper())
    return cal


def trading_calendar_for(cal: Calendar) -> tuple[Calendar, str | None]:
    """The calendar trading days count on, and a note when it is not ``cal`` itself."""
    if cal.kind == "trading":
        return cal, None
    if cal.kind == "combined":
        parts = [p for p in cal.parts if p.kind == "trading"]  # type: ignore[attr-defined]
        if parts:
            return (parts[0] if len(parts) == 1 else CombinedCalendar(tuple(parts))), None
    code = cal.trading_exchange
    if code:
        return get_calendar(code), f"main exchange for {cal.name}"
    return get_calendar(DEFAULT_EXCHANGE), f"no exchange named; default {DEFAULT_EXCHANGE}"
