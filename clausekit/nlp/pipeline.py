"""Build, save and load the clausekit spaCy pipeline (``spacy.blank("en")`` + our components)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

# importing the modules registers their factories
from clausekit.nlp import law, parties, provisions, sections, terms, timex, tokenizer  # noqa: F401

COMPONENTS = (
    "clausekit_sections",
    "clausekit_terms",
    "clausekit_parties",
    "clausekit_law",
    "clausekit_timex",
    "clausekit_provisions",
)

#: longest text (characters) the pipeline accepts; readers enforce the file-size limit first
MAX_LENGTH = 20_000_000


def build_pipeline() -> Language:
    """A fresh pipeline: blank English (its tokenizer's cache warmed chunk by chunk, see
    ``tokenizer.py``) plus every clausekit component, in order."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "clausekit.WarmTokenizer.v1"}}})
    nlp.max_length = MAX_LENGTH
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """The process-wide pipeline, built once."""
    return build_pipeline()


def save_pipeline(nlp: Language, path: Path) -> None:
    nlp.to_disk(path)


def load_pipeline(path: Path) -> Language:
    nlp = spacy.load(path)
    nlp.max_length = MAX_LENGTH
    return nlp
