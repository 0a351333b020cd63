"""Messages the thread workers post to the screens (workers never touch widgets)."""
from __future__ import annotations

from textual.message import Message

from clausekit.tui.data import Change, DeadlineDetail, Page


class PageLoaded(Message):
    """A page of the deadline list is ready."""

    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page


class CountLoaded(Message):
    """How many deadlines match the current filters (counted after the first page is shown)."""

    def __init__(self, generation: int, total: int) -> None:
        super().__init__()
        self.generation = generation
        self.total = total


class SummaryLoaded(Message):
    """The header counts: open / overdue / week / month / pending / done / waived."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts


class DetailLoaded(Message):
    def __init__(self, detail: DeadlineDetail) -> None:
        super().__init__()
        self.detail = detail


class Changed(Message):
    """A user action was written to the store."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class Failed(Message):
    """A read or a write failed with a clausekit error (shown, never a traceback)."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
