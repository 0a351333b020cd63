"""clausekit: reads agreements, extracts their time provisions, resolves them to dates and tracks them."""

__version__ = "0.1.0"
