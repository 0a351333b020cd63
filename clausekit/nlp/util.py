"""Small helpers shared by the clausekit spaCy components."""
from __future__ import annotations

import json
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


#: where a Doc's text is kept as one string (set by ``tokenizer.WarmTokenizer``; the last
#: component drops it)
TEXT_KEY = "clausekit_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined at most once per Doc and cached in ``doc.user_data`` (``Doc.text``
    re-joins every token on each access, which costs a large share of the tokenizer's own time
    on long agreements). clausekit's tokenizer stores the text it was given there already."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[TEXT_KEY] = text
    return text


class JsonDataComponent:
    """Saving and loading for a component whose whole state is one JSON-safe dict, ``self.data``.

    A subclass names its file in ``data_file``, builds ``self.data`` in ``initialize()`` (from
    ``models/`` by default) and derives its matchers from the data in ``_set_data(data)``; the
    pipeline's ``to_disk``/``from_disk`` (``spacy.load``) then round-trip it.
    """

    data_file: str
    data: dict | None = None

    def initialize(self, get_examples=None, *, nlp=None, data: dict | None = None) -> None:
        raise NotImplementedError

    def _set_data(self, data: dict) -> None:
        raise NotImplementedError

    def to_disk(self, path, *, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.data is None:
            self.initialize()
        (path / self.data_file).write_text(json.dumps(self.data, indent=1, ensure_ascii=False), encoding="utf-8")

    def from_disk(self, path, *, exclude=()):
        self._set_data(json.loads((Path(path) / self.data_file).read_text(encoding="utf-8")))
        return self
