"""Widgets of the tracker: the deadline table, the detail pane, the summary line."""
