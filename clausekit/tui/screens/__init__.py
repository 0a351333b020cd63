"""Screens: the dashboard, a contract, full-text search, help."""
