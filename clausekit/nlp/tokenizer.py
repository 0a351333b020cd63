"""spaCy's English tokenizer with a cache that actually fills on long agreements.

spaCy's ``Tokenizer`` caches how it split each whitespace-delimited chunk ("Section",
"5.02(a),", "(the"), so a chunk seen before costs one hash lookup instead of the prefix,
suffix and infix searches. Two things keep that cache cold on contracts:

- once a document has hit a special case ("Inc.", "Co.", "e.g."), nothing later *in that
  document* is cached (spaCy's ``has_special`` flag stays set for the rest of the call, see
  spaCy issue #1250) — agreements hit one in their first lines;
- the cache holds 10,000 chunks (``max_cache_size``), filled by whatever came first.

So a batch of agreements tokenized largest first ran ~50 % slower than the same batch in
another order, and a 100,000-word merger agreement was tokenized almost entirely by the slow
path. ``WarmTokenizer`` first tokenizes each chunk of a text that it has not seen before on
its own (a call with no special case before it, so the split is cached), then tokenizes the
text, which is now mostly cache hits. Each chunk is split exactly as spaCy splits it inside
the text — the tokenizer treats whitespace-delimited chunks independently, and the special
cases that span several tokens are applied afterwards on the whole text as before
(``tests/test_tokenizer.py`` checks the tokens are identical). The chunks already warmed are
remembered up to the cache's size, so memory stays bounded.

Registered as ``clausekit.WarmTokenizer.v1`` so a saved pipeline loads with it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.tokens import Doc

from clausekit.nlp.util import TEXT_KEY

#: chunks the cache may hold (spaCy's default is 10,000); ~60 bytes each in C memory
CACHE_SIZE = 100_000


class WarmTokenizer:
    """A spaCy ``Tokenizer`` (``self.tokenizer``) whose cache is warmed chunk by chunk."""

    def __init__(self, tokenizer: Any, cache_size: int = CACHE_SIZE):
        self.tokenizer = tokenizer
        tokenizer.max_cache_size = cache_size
        self._warmed: set[str] = set()

    def __call__(self, text: str) -> Doc:
        self.warm(text)
        doc = self.tokenizer(text)
        # the components read the text as a string; spaCy's ``Doc.text`` re-joins every token
        # on each access (a third of a long agreement's extraction time when asked 4 times)
        doc.user_data[TEXT_KEY] = text
        return doc

    def warm(self, text: str) -> None:
        """Tokenize, one by one, the chunks of ``text`` this tokenizer has not cached yet."""
        room = self.tokenizer.max_cache_size - len(self._warmed)
        if room <= 0:
            return
        new = set(text.split()).difference(self._warmed)
        if len(new) > room:
            new = set(list(new)[:room])
        tokenize = self.tokenizer
        for chunk in new:
            tokenize(chunk)
        self._warmed |= new

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # spaCy serializes the tokenizer with the pipeline; its state is the wrapped tokenizer's
    def to_disk(self, path, **kwargs) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs) -> WarmTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        self._warmed.clear()
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> WarmTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        self._warmed.clear()
        return self

    # a copy (pickled for a worker process) gets a fresh spaCy cache: it must warm again
    def __getstate__(self) -> dict:
        return {"tokenizer": self.tokenizer}

    def __setstate__(self, state: dict) -> None:
        self.tokenizer = state["tokenizer"]
        self._warmed = set()

    def __getattr__(self, name: str) -> Any:
        # rules, explain(), add_special_case(), vocab ... are the wrapped tokenizer's
        if name in ("tokenizer", "_warmed"):  # not set yet (unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.tokenizer, name)


@spacy.registry.tokenizers("clausekit.WarmTokenizer.v1")
def create_warm_tokenizer(cache_size: int = CACHE_SIZE):
    base = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp) -> WarmTokenizer:
        return WarmTokenizer(base(nlp), cache_size)

    return make
