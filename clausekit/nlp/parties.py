"""clausekit_parties: placeholder until its owner builds it; sets empty results."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import set_extension

set_extension("clausekit_parties")
set_extension("clausekit_agreement_date")
set_extension("clausekit_title")


@Language.factory("clausekit_parties")
def make_parties(nlp: Language, name: str) -> "PartiesComponent":
    return PartiesComponent()


class PartiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.clausekit_parties = []
        doc._.clausekit_agreement_date = None
        doc._.clausekit_title = None
        return doc
