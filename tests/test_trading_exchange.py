"""Trading days count the sessions of the exchange the agreement names or the security trades on
(spec: "`trading_day`: a session of the exchange the agreement names or the security is listed on")."""
from __future__ import annotations

from pathlib import Path

import pytest

from clausekit.deadlines import trading_exchange

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("text, name, source", [
    (("\u201cTrading Day\u201d means any day on which the NYSE American is open for trading. The Common Stock "
      "is listed on the New York Stock Exchange."), "XASE", "Trading Day definition"),
    ('"Trading Days" shall mean days on which The Nasdaq Stock Market is open.', "XNAS", "Trading Day definition"),
    ("The ADSs are quoted on the Nasdaq Global Market under the symbol \"VNET\".", "XNAS", "listing"),
    ("the Shares have been approved for listing on the New York Stock Exchange, subject to notice of issuance",
     "XNYS", "listing"),
    ("the Ordinary Shares are listed on The Stock Exchange of Hong Kong Limited", "XHKG", "listing"),
    ("the common shares trade on the Toronto Stock Exchange", "XTSE", "listing"),
    # a definition naming no exchange gives way to the listing
    ('"Trading Day" means a day on which the Principal Market is open. The shares are listed on the NYSE.',
     "XNYS", "listing"),
])
def test_exchange_named(text, name, source):
    choice = trading_exchange(text)
    assert choice is not None and (choice.name, choice.source) == (name, source)


@pytest.mark.parametrize("text", [
    "quoted on the Over-the-Counter Bulletin Board, or the principal exchange on which the Common Stock is listed",
    "Business Day means a day on which banks in New York are open.",  # a place is not an exchange
    "The Company shall use its best efforts to list the Shares.",
    "",
])
def test_no_exchange(text):
    assert trading_exchange(text) is None


def test_seed_trading_windows_count_nasdaq_sessions(nlp):
    """The seed's ADSs are "quoted on the Nasdaq Global Market"; its governing law is Hong Kong's.
    30 Nasdaq sessions ending 2021-03-22 (hand-counted: Mar 22; Mar 15-19, 8-12, 1-5; Feb 22-26;
    Feb 16-19 -- Feb 15 was Presidents' Day, closed; Feb 8-12) start on 2021-02-08. On the Hong
    Kong exchange (closed Feb 12 and 15 for the Lunar New Year) they would start earlier."""
    from clausekit.extract import extract
    from clausekit.ingest import read_document

    x = extract(read_document(ROOT / "corpus" / "vnet-13da-sra.md"), nlp)
    trading = [d for d in x.deadlines if d.unit == "trading_day"]
    assert trading and all(d.calendar == "XNAS" for d in trading)
    ended = [d for d in trading if "ended on March 22, 2021" in d.quote]
    assert ended and all(d.window_start == "2021-02-08" and d.window_end == "2021-03-22" for d in ended)
    assert all("(XNAS)" in d.explanation for d in ended)
    assert x.calendar.name == "HK"  # business days still follow the governing law
