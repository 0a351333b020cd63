"""clausekit_timex: placeholder until its owner builds it; sets empty results."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import set_extension

set_extension("clausekit_timex")
set_extension("clausekit_events")


@Language.factory("clausekit_timex")
def make_timex(nlp: Language, name: str) -> "TimexComponent":
    return TimexComponent()


class TimexComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.clausekit_timex = []
        doc._.clausekit_events = []
        return doc
