"""Errors clausekit reports to users, and the exit codes it uses.

Every error a user can cause (a bad file, a bad date, an unknown id) is a ClausekitError
whose ``str()`` is one line naming what is wrong and, where there is one, which file.
The CLI prints that line to stderr and exits with ``exit_code``; it never shows a traceback.
"""
from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    FAILED = 1  # some inputs failed (the rest were processed)
    USAGE = 2  # bad arguments, unreadable expression, unknown calendar or id
    ATTENTION = 3  # `remind --check`: something is overdue or due within the first lead
    TEMPFAIL = 75  # EX_TEMPFAIL: mail server unreachable, database busy; try again later


class ClausekitError(Exception):
    exit_code: int = Exit.FAILED

    def __init__(self, message: str, *, path: str | None = None):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class UnsupportedFormat(ClausekitError):
    """The file's extension (or content) is not a format clausekit reads."""


class UnreadableFile(ClausekitError):
    """The file is of a known format but cannot be read (corrupt, encrypted, empty, too big...)."""


class LimitExceeded(UnreadableFile):
    """The file is larger, deeper or slower to process than the configured limits allow."""


class UsageError(ClausekitError):
    exit_code = Exit.USAGE


class ExpressionError(UsageError):
    """`clausekit due`: the expression cannot be read as a time provision."""


class UnknownCalendar(UsageError):
    """A calendar name that neither `holidays` nor `exchange_calendars` knows."""


class NotFound(UsageError):
    """An unknown contract, deadline id or event."""


class StoreError(ClausekitError):
    """The database cannot be opened or written."""


class TemporaryFailure(ClausekitError):
    exit_code = Exit.TEMPFAIL
