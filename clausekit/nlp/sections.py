"""clausekit_sections: placeholder until its owner builds it; sets empty results."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from clausekit.nlp.util import set_extension

set_extension("clausekit_sections")
set_extension("clausekit_subitems")


@Language.factory("clausekit_sections")
def make_sections(nlp: Language, name: str) -> "SectionsComponent":
    return SectionsComponent()


class SectionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.clausekit_sections = []
        doc._.clausekit_subitems = []
        return doc
