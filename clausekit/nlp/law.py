"""clausekit_law: placeholder until its owner builds it; sets empty results."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import set_extension

set_extension("clausekit_governing_law")
set_extension("clausekit_business_day")


@Language.factory("clausekit_law")
def make_law(nlp: Language, name: str) -> "LawComponent":
    return LawComponent()


class LawComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.clausekit_governing_law = None
        doc._.clausekit_business_day = None
        return doc
