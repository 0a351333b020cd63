"""Each named calendar against the official holiday list of the year (hand-checked).

Every case is "the next business day after DAY is EXPECTED"; the comment says which
official holidays (or weekend) lie between and where the list comes from.
"""

from __future__ import annotations

import datetime as dt

import pytest

from clausekit.deadlines import calendar_for, get_calendar
from clausekit.errors import UnknownCalendar

D = dt.date.fromisoformat

CASES = [
    # --- US = Federal Reserve Banks (federalreserve.gov "Holidays Observed by the Federal Reserve System")
    # July 4 2020 was a Saturday: the Fed banks were OPEN on Friday July 3 2020 (the trap:
    # holidays.US marks July 3 as "Independence Day (observed)").
    ("US", "2020-07-02", "2020-07-03"),
    ("US", "2020-07-03", "2020-07-06"),  # Sat, Sun
    # July 4 2021 was a Sunday: closed Monday July 5 2021
    ("US", "2021-07-02", "2021-07-06"),
    # Juneteenth June 19 2021 was a Saturday: open Friday June 18 2021
    ("US", "2021-06-17", "2021-06-18"),
    # Christmas 2021 was a Saturday: open Friday Dec 24 2021
    ("US", "2021-12-23", "2021-12-24"),
    # Thanksgiving Nov 25 2021
    ("US", "2021-11-24", "2021-11-26"),
    # US-NY: banks in New York follow the Fed; Lincoln's Birthday (Feb 12 2021, a NY state
    # holiday) is a banking day
    ("US-NY", "2021-02-11", "2021-02-12"),
    ("US-NY", "2020-07-02", "2020-07-03"),
    # --- HK general holidays 2021 (Hong Kong Government gazette, GN 2020): Apr 2 Good Friday,
    # Apr 3 day following Good Friday (Sat), Apr 5 day following Ching Ming, Apr 6 day
    # following Easter Monday
    ("HK", "2021-04-01", "2021-04-07"),
    # HK 2024: Mar 29 Good Friday, Apr 1 Easter Monday (general holidays, not statutory)
    ("HK", "2024-03-28", "2024-04-02"),
    # Saturday is never a business day, although HK banks historically opened on Saturdays
    ("HK", "2021-03-26", "2021-03-29"),
    # --- CN 2021 (State Council notice 国办发明电〔2020〕27号): National Day Oct 1-7; Saturday
    # Oct 9 was a make-up working day but Saturdays are never business days here
    ("CN", "2021-09-30", "2021-10-08"),
    ("CN", "2021-10-08", "2021-10-11"),
    # --- GB = England and Wales (gov.uk/bank-holidays): summer bank holiday Aug 30 2021
    ("GB", "2021-08-27", "2021-08-31"),
    # Scotland's summer bank holiday was Aug 2 2021; England's was not
    ("GB-SCT", "2021-07-30", "2021-08-03"),
    ("GB", "2021-07-30", "2021-08-02"),
    # State funeral of Queen Elizabeth II, Monday Sep 19 2022 (bank holiday proclaimed)
    ("GB", "2022-09-16", "2022-09-20"),
    # --- SG 2021 (Ministry of Manpower): National Day Monday Aug 9 2021
    ("SG", "2021-08-06", "2021-08-10"),
    # --- JP: bank holidays Dec 31 - Jan 3 (Banking Act art. 15); Golden Week 2021 May 3-5
    ("JP", "2020-12-30", "2021-01-04"),
    ("JP", "2021-04-30", "2021-05-06"),
    # --- DE: Ascension Day (Christi Himmelfahrt) Thursday May 13 2021
    ("DE", "2021-05-12", "2021-05-14"),
    # --- KY Cayman Islands 2021 (Cabinet Office public holidays list): Ash Wednesday Feb 17 2021
    ("KY", "2021-02-16", "2021-02-18"),
    # --- BM Bermuda 2021: Cup Match, Emancipation Day Jul 29 and Mary Prince Day Jul 30
    ("BM", "2021-07-28", "2021-08-02"),
    # --- VG British Virgin Islands 2021: Emancipation Festival Aug 2, 3, 4
    ("VG", "2021-07-30", "2021-08-05"),
    # --- XNYS (nyse.com holidays): Good Friday Apr 2 2021 closed (the Fed was open)
    ("XNYS", "2021-04-01", "2021-04-05"),
    ("US", "2021-04-01", "2021-04-02"),
    # NYSE closed Friday July 3 2020 (its own Saturday rule), unlike the Fed
    ("XNYS", "2020-07-02", "2020-07-06"),
    # --- XNAS: Juneteenth 2022 fell on Sunday, markets closed Monday June 20 2022
    ("XNAS", "2022-06-17", "2022-06-21"),
    # --- XHKG (HKEX trading calendar 2021): closed Apr 2, 5, 6 2021
    ("XHKG", "2021-04-01", "2021-04-07"),
    # --- XLON (LSE): Good Friday Apr 2 and Easter Monday Apr 5 2021
    ("XLON", "2021-04-01", "2021-04-06"),
    # --- combinations: open only where both are open. HK closed Apr 2-6; US closed Jul 5 2021
    ("HK+US", "2021-04-01", "2021-04-07"),
    ("HK+US", "2021-07-02", "2021-07-06"),
    # --- weekends: only Saturday and Sunday
    ("weekends", "2021-12-24", "2021-12-27"),
    ("weekends", "2021-07-02", "2021-07-05"),
]


@pytest.mark.parametrize("name,day,expected", CASES)
def test_next_business_day(name, day, expected):
    assert get_calendar(name).add_business_days(D(day), 1) == D(expected)


def test_names_are_case_insensitive_and_canonical():
    assert get_calendar("hk").name == "HK"
    assert get_calendar("us-ny").name == "US-NY"
    assert get_calendar("xnys").name == "XNYS"
    assert get_calendar("NYSE").name == "XNYS"  # exchange_calendars alias
    assert get_calendar("Weekends").name == "weekends"
    assert get_calendar("hk+us").name == "HK+US"
    assert get_calendar("uk").name == "GB"


@pytest.mark.parametrize("name", ["XX", "US-ZZ", "NOPE", "HK+", "", "XYZW"])
def test_unknown_calendar(name):
    with pytest.raises(UnknownCalendar):
        get_calendar(name)


def test_saturday_is_never_a_business_day_whatever_the_library_weekend():
    # holidays.HK's own weekend is Sunday only; ours is Saturday and Sunday
    sat = D("2021-03-27")
    for name in ("HK", "US", "GB", "CN", "JP", "SG", "weekends"):
        assert not get_calendar(name).is_business_day(sat)
        assert not get_calendar(name).is_business_day(sat + dt.timedelta(days=1))


def test_closed_reason_names_the_holiday():
    assert get_calendar("HK").closed_reason(D("2021-04-02")) == "Good Friday"
    assert get_calendar("US").closed_reason(D("2021-04-02")) is None
    assert get_calendar("XNYS").closed_reason(D("2021-04-02")) is not None


def test_trading_calendar_reaches_back_to_1990():
    # the library's default starts ~20 years back; ours is built from 1990.
    # NYSE 1990: Good Friday April 13 1990 closed
    assert get_calendar("XNYS").add_business_days(D("1990-04-12"), 1) == D("1990-04-16")


@pytest.mark.parametrize(
    "definition,law,expected,source",
    [
        (
            "banks in New York City are authorized or required by law to close",
            None,
            "US-NY",
            "Business Day definition",
        ),
        (
            "a day on which banks are open for general business in Hong Kong and the PRC",
            "Hong Kong",
            "HK+CN",
            "Business Day definition",
        ),
        (
            "a day on which the New York Stock Exchange is open for trading",
            "Delaware",
            "XNYS",
            "Business Day definition",
        ),
        (
            "a day other than a Saturday, Sunday or a day on which banks are closed",
            "Hong Kong",
            "HK",
            "governing law",
        ),
        (None, "New York", "US-NY", "governing law"),
        (None, "Delaware", "US-DE", "governing law"),
        (None, "England and Wales", "GB", "governing law"),
        (None, "Cayman Islands", "KY", "governing law"),
        (None, "the People's Republic of China", "CN", "governing law"),
        (None, "Scotland", "GB-SCT", "governing law"),
        (None, "West Virginia", "US-WV", "governing law"),
        (None, None, "weekends", "default"),
        (None, "the laws of Narnia", "weekends", "default"),
    ],
)
def test_calendar_for(definition, law, expected, source):
    choice = calendar_for(definition, law)
    assert (choice.name, choice.source) == (expected, source)
    get_calendar(choice.name)  # every choice is a calendar that exists
