"""Writes vnet-13da-sra.json: a hand-made extraction record of the seed agreement.

The facts are typed in by hand from reading corpus/vnet-13da-sra.md (and agree with the seed's
gold file); this script only looks up character offsets of the quoted text, so the record is
what `clausekit extract` would print for the seed if every component were right. Store and
tracker tests load it with `ingest --records` while the extraction components are unfinished.

Hand-checked dates (the HK business-day calendar: 2021-04-02 Good Friday is the first holiday
after the Effective Date):
- 2.1: Tue 2021-03-23 + 7 business days = Wed 24, Thu 25, Fri 26, Mon 29, Tue 30, Wed 31, Thu 1 Apr
  -> 2021-04-01.
- 5.1: 2021-03-23 + 90 days: 8 days to Mar 31, 30 to Apr 30 (38), 31 to May 31 (69), 21 -> 2021-06-21.
- Item 4: the Class B closing happened 2021-04-13 (Item 4, first paragraph); + 60 days: 17 to
  Apr 30, 31 to May 31 (48), 12 -> 2021-06-12, before the cap 2021-06-15.

Offsets are into the normalized text that `clausekit text` prints (clausekit's .md reader), as
in a real record. Run from the repository root: python tests/data/records/make_seed_record.py
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "corpus" / "vnet-13da-sra.md"
OUT = Path(__file__).with_name("vnet-13da-sra.json")

SECTIONS = [  # number, heading, level, parent, type
    ("Item 2", "Identity and Background", 1, None, None),
    ("Item 4", "Purpose of Transaction", 1, None, None),
    ("Item 5", "Interest in Securities of the Issuer", 1, None, None),
    ("Item 7", "Material to be Filed as Exhibits", 1, None, None),
    ("1", "AGREEMENT TO REPURCHASE AND SELL ORDINARY SHARES", 1, None, None),
    ("2", "CLOSINGS; DELIVERIES", 1, None, None),
    ("2.1", "Closing", 2, "2", None),
    ("2.2", "Deliveries by Tuspark", 2, "2", None),
    ("2.3", "Delivery by the Company", 2, "2", None),
    ("3", "CLOSING CONDITIONS", 1, None, None),
    ("3.1", "Conditions to Company’s Obligations to Effect its Closing", 2, "3", "conditions_precedent"),
    ("3.2", "Conditions to Tuspark's Obligations to Effect its Closing", 2, "3", "conditions_precedent"),
    ("4", "REPRESENTATIONS, WARRANTIES AND ACKNOWLEDGEMENTS OF TUSPARK", 1, None, None),
    ("4.1", "Due Authorization", 2, "4", None),
    ("4.2", "Title to Tuspark Class B Ordinary Shares", 2, "4", None),
    ("4.3", "Compliance with Other Instruments and Agreements", 2, "4", None),
    ("4.4", "\"Big Person\" Representation", 2, "4", None),
    ("5", "COVENANTS, UNDERTAKINGS AND FURTHER ASSURANCES", 1, None, None),
    ("5.1", "Conversion into Class A Ordinary Shares", 2, "5", "covenant"),
    ("5.2", "Termination of Board Representation Rights", 2, "5", "covenant"),
    ("5.3", "Further Assurances", 2, "5", "covenant"),
    ("6", "MISCELLANEOUS", 1, None, None),
    ("6.1", "Governing Law; Arbitration", 2, "6", "governing_law"),
    ("6.2", "Notices", 2, "6", None),
    ("6.3", "Successors and Assigns", 2, "6", None),
    ("6.4", "Entire Agreement", 2, "6", None),
    ("6.5", "Counterparts", 2, "6", None),
]

BASE = dict(count=None, unit=None, direction=None, anchor=None, date=None, due=None, obligor=None,
            action=None, explanation=None, pending_on=None, calendar=None, cap=None, schedules=None)

# quote (as the gold writes it), the text to look for in the file, fields
DEADLINES = [
    ("during the last five years", "during the last five years", "Item 2",
     dict(kind="window", count=5, unit="year", direction="before")),
    ("for the consecutive thirty (30) trading days ended on March 22, 2021",
     "consecutive thirty (30) trading days ended on March 22, 2021", "Item 4",
     dict(kind="window", count=30, unit="trading_day", direction="before", anchor="March 22, 2021",
          date="2021-03-22")),
    ("on the sixtieth (60th) day after the closing date of the Class B Share Repurchase (no later than June 15, 2021)",
     "day after the closing date of the Class B Share Repurchase (no later than June 15, 2021)", "Item 4",
     dict(kind="deadline", count=60, unit="day", direction="after",
          anchor="closing date of the Class B Share Repurchase", date="2021-06-15", due="2021-06-12",
          cap="2021-06-15", action="closing of the Class A Share Transfer", calendar="HK",
          explanation="closing date of the Class B Share Repurchase 2021-04-13 + 60 days = 2021-06-12 "
                      "(earlier than the cap 2021-06-15)")),
    ("on the seventh (7th) business day after the Effective Date",
     "business day after the Effective Date", "2.1",
     dict(kind="deadline", count=7, unit="business_day", direction="after", anchor="Effective Date",
          due="2021-04-01", schedules="Closing Date", calendar="HK",
          action="closing of the repurchase and sale of the Repurchase Shares",
          explanation="Effective Date 2021-03-23 + 7 business days (HK) = 2021-04-01")),
    ("subject to the satisfaction, on or before the Closing Date, of each of the following conditions",
     "subject to the satisfaction, on or before the Closing Date, of each of the following conditions", "3.1",
     dict(kind="deadline", direction="before", anchor="Closing Date", pending_on="Closing Date",
          action="satisfaction of the conditions to the Company's obligations")),
    ("subject to the satisfaction, on or before the Closing Date, of the following conditions",
     "subject to the satisfaction, on or before the Closing Date, of the following conditions", "3.2",
     dict(kind="deadline", direction="before", anchor="Closing Date", pending_on="Closing Date",
          action="satisfaction of the conditions to Tuspark's obligations")),
    ("with immediate effect from the Closing Date", "with immediate effect from the Closing Date", "5.1",
     dict(kind="deadline", anchor="Closing Date", pending_on="Closing Date", obligor="Company",
          action="conversion of 62,418,897 Class B Ordinary Shares into Class A Ordinary Shares")),
    ("as soon as practicable and in any event within ninety (90) days after the Effective Date",
     "as soon as practicable and in any event within ninety (90) days after the Effective Date", "5.1",
     dict(kind="deadline", count=90, unit="day", direction="after", anchor="Effective Date", due="2021-06-21",
          obligor="Company", calendar="HK",
          action="register the Class A Ordinary Shares held by Tuspark with the SEC",
          explanation="Effective Date 2021-03-23 + 90 days = 2021-06-21")),
    ("shall automatically and irrevocably terminate immediately upon the completion of the Closing",
     "shall automatically and irrevocably terminate immediately upon the completion of the Closing", "5.2",
     dict(kind="expiry", direction="after", anchor="completion of the Closing", pending_on="Closing Date",
          action="Tuspark's board representation rights end")),
]

PARTIES = [("21Vianet Group, Inc.", ["Company"], "Cayman Islands"),
           ("Tuspark Innovation Venture Limited", ["Tuspark"], "British Virgin Islands"),
           ("Tus-Holdings Co., Ltd.", ["Tus-Holdings"], "People's Republic of China"),
           ("Beacon Capital Group Inc.", ["BCG"], None)]

CONDITIONS = [("3.1(a)", "Company"), ("3.1(b)", "Company"), ("3.1(c)", "Company"), ("3.1(d)", "Company"),
              ("3.1(e)", "Company"), ("3.2(a)", "Tuspark"), ("3.2(b)", "Tuspark")]
COVENANTS = [("5.1", "Company", "Conversion into Class A Ordinary Shares"),
             ("5.2", "Tuspark", "Termination of Board Representation Rights"),
             ("5.3", None, "Further Assurances")]


def find(text: str, needle: str, start: int = 0) -> int:
    i = text.find(needle, start)
    if i < 0:
        raise SystemExit(f"not found in seed: {needle!r}")
    return i


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from clausekit.ingest import read_document

    data = SEED.read_bytes()
    text = read_document(SEED).text
    heads = []
    agreement = find(text, "THIS SHARE REPURCHASE AGREEMENT")
    for number, heading, level, parent, typ in SECTIONS:
        if number.startswith("Item"):
            i = find(text, f"{number}. {heading}")
        elif level == 1:
            i = text.find(f"{number}. {heading}", agreement)
            i = i if i >= 0 else find(text, heading, agreement)
        else:
            i = find(text, f"\n{number} ", agreement) + 1
        heads.append([number, heading, level, parent, typ, i])
    heads.sort(key=lambda h: h[5])
    sections = []
    for k, (number, heading, level, parent, typ, i) in enumerate(heads):
        end = next((h[5] for h in heads[k + 1:] if h[2] <= level), len(text))
        sections.append(dict(number=number, heading=heading, level=level, parent=parent, start=i, end=end, type=typ))
    deadlines = []
    for quote, needle, section, fields in DEADLINES:
        sec = next(s for s in sections if s["number"] == section)
        i = find(text, quote, sec["start"])
        deadlines.append({**BASE, "quote": quote, "section": section, **fields, "start": i, "end": i + len(quote)})
    eff = find(text, "(the “Effective Date”)")
    closing_term = find(text, "“Closing Date") + 1
    b_closing = find(text, "On April 13, 2021, Tuspark completed the sale")
    rec = {
        "schema": "clausekit.extraction/1",
        "source": {"path": "corpus/vnet-13da-sra.md", "sha256": hashlib.sha256(data).hexdigest(), "format": "md"},
        "title": "SHARE REPURCHASE AGREEMENT",
        "agreement_date": "2021-03-23",
        "governing_law": {"jurisdiction": "Hong Kong", "section": "6.1"},
        "calendar": {"name": "HK", "source": "governing law"},
        "parties": [{"name": n, "aliases": a, "jurisdiction": j} for n, a, j in PARTIES],
        "defined_terms": [{"term": "Effective Date", "section": None, "start": eff + 6, "end": eff + 20},
                          {"term": "Closing Date", "section": "2.1",
                           "start": closing_term, "end": closing_term + 12}],
        "sections": sections,
        "deadlines": deadlines,
        "conditions_precedent": [{"section": s, "beneficiary": b, "quote": ""} for s, b in CONDITIONS],
        "covenants": [{"section": s, "obligor": o, "heading": h} for s, o, h in COVENANTS],
        "events": [{"name": "Effective Date", "scheduled": "2021-03-23", "source": "preamble",
                    "start": eff, "end": eff + 22},
                   {"name": "Closing Date", "scheduled": None, "source": None},
                   {"name": "closing of the Class B Share Repurchase", "scheduled": "2021-04-13",
                    "source": "Item 4: On April 13, 2021, Tuspark completed the sale of shares back to the Issuer",
                    "start": b_closing, "end": b_closing + 14}],
    }
    OUT.write_text(json.dumps(rec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
