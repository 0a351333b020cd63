"""clausekit_provisions: placeholder until its owner builds it; sets empty results."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import set_extension

set_extension("clausekit_conditions")
set_extension("clausekit_covenants")


@Language.factory("clausekit_provisions")
def make_provisions(nlp: Language, name: str) -> "ProvisionsComponent":
    return ProvisionsComponent()


class ProvisionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.clausekit_conditions = []
        doc._.clausekit_covenants = []
        return doc
