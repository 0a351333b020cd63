"""clausekit_terms: placeholder until its owner builds it; sets empty results."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import set_extension

set_extension("clausekit_terms")


@Language.factory("clausekit_terms")
def make_terms(nlp: Language, name: str) -> "TermsComponent":
    return TermsComponent()


class TermsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.clausekit_terms = []
        return doc
