"""Small helpers shared by the clausekit spaCy components."""
from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc


def models_dir() -> Path:
    """The ``models/`` folder: beside the package in a checkout, inside it when installed."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "models", here / "_models"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("clausekit models/ folder not found")


def set_extension(name: str, default=None) -> None:
    """Register a ``doc._`` extension once (JSON-safe values only)."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and cached in ``doc.user_data`` (``Doc.text`` re-joins every
    token on each access, which costs a large share of the tokenizer's own time on long agreements)."""
    text = doc.user_data.get("clausekit_text")
    if text is None:
        text = doc.text
        doc.user_data["clausekit_text"] = text
    return text
