"""CSV rendering shared by `clausekit export csv` and `clausekit deadlines --format csv`.

Every cell is neutralized against formula injection: a cell a spreadsheet would evaluate
(leading ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets a leading apostrophe
(OWASP's advice). Dates never start with those, so real values are unchanged; numbers
(a negative ``days_left``) are written as numbers, since a number cannot carry a formula.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (=, +, -, @, tab, CR lead)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    if text and text[0] in FORMULA_LEADS:
        return "'" + text
    return text


def render_csv(rows: Iterable[Mapping], fields: Sequence[str]) -> str:
    """A header row and one row per mapping, every cell passed through ``csv_safe``."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(fields)
    for row in rows:
        w.writerow([csv_safe(_cell(row.get(k))) for k in fields])
    return buf.getvalue()


def _cell(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
