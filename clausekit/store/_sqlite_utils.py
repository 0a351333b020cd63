"""sqlite-utils, imported without pandas and numpy.

sqlite-utils imports pandas and numpy (when installed) only to map their column types for
DataFrame inserts, which clausekit never does; importing them costs 1-2 s at the start of every
command (``clausekit remind`` from cron, ``clausekit deadlines``). They stay importable for
anyone else (the deadline engine's exchange calendars use pandas).
"""
from __future__ import annotations

import sys

_blocked = [name for name in ("pandas", "numpy") if name not in sys.modules]
for _name in _blocked:
    sys.modules[_name] = None  # type: ignore[assignment]  # makes `import pandas` raise ImportError
try:
    from sqlite_utils import Database, Migrations
finally:
    for _name in _blocked:
        if sys.modules.get(_name) is None:
            del sys.modules[_name]

__all__ = ["Database", "Migrations"]
