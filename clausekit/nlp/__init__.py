"""spaCy components of clausekit. Only this package and ``clausekit/extract.py`` import spaCy.

Each component is a ``@Language.factory("clausekit_<name>")`` that writes JSON-safe plain
data (lists of dicts with character offsets into ``doc.text``) to its own ``doc._``
extension, and spans to a named span group ``doc.spans["clausekit_<name>"]``:

| component              | module          | ``doc._`` extensions it sets                                    |
| ---------------------- | --------------- | ---------------------------------------------------------------- |
| clausekit_sections     | sections.py     | clausekit_sections (each number once), clausekit_sections_all,   |
|                        |                 | clausekit_subitems                                                |
| clausekit_terms        | terms.py        | clausekit_terms, clausekit_clean_text (markup blanked, same offsets) |
| clausekit_parties      | parties.py      | clausekit_parties, clausekit_agreement_date, clausekit_title      |
| clausekit_law          | law.py          | clausekit_governing_law, clausekit_business_day                   |
| clausekit_timex        | timex.py        | clausekit_timex, clausekit_events                                 |
| clausekit_provisions   | provisions.py   | clausekit_conditions, clausekit_covenants                         |

Components run in that order and may read what earlier ones wrote. Shared helpers live in
``util.py`` (``doc_text`` caches ``doc.text``; ``JsonDataComponent`` saves and loads a
component's data) and ``legal_text.py`` (markup masking, dates from found spans, section lookup).
"""
