"""The bridge: runs the spaCy pipeline on a Document and returns a plain ``Extraction``.

This is the only module outside ``clausekit/nlp`` that touches spaCy objects. It gathers
what each component wrote to its ``doc._`` extension, chooses the business-day calendar,
and asks the deadline engine (``clausekit.deadlines``, no spaCy) to resolve every rule.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc

from clausekit import deadlines
from clausekit.nlp.pipeline import get_pipeline
from clausekit.types import (
    CalendarChoice,
    Condition,
    Covenant,
    DefinedTerm,
    Document,
    Event,
    Extraction,
    GoverningLaw,
    Party,
    Section,
    TimeProvision,
    _build,
)


def extract(document: Document, nlp=None) -> Extraction:
    """Extract one document."""
    nlp = nlp or get_pipeline()
    return from_doc(nlp(document.text), document)


def extract_many(documents: Iterable[Document], nlp=None, *, batch_size: int = 4,
                 n_process: int = 1) -> Iterator[Extraction]:
    """Extract many documents through ``nlp.pipe`` (the throughput path)."""
    nlp = nlp or get_pipeline()
    docs = list(documents)
    for doc, document in zip(nlp.pipe((d.text for d in docs), batch_size=batch_size,
                                      n_process=n_process), docs):
        yield from_doc(doc, document)


def from_doc(doc: Doc, document: Document) -> Extraction:
    x = doc._
    gl = x.clausekit_governing_law
    governing_law = _build(GoverningLaw, gl) if gl else None
    calendar: CalendarChoice = deadlines.calendar_for(
        business_day_definition=x.clausekit_business_day,
        governing_law=governing_law.jurisdiction if governing_law else None,
    )
    provisions = [_build(TimeProvision, d) for d in x.clausekit_timex or []]
    if any(p.unit == "trading_day" and not p.calendar for p in provisions):
        # trading days are sessions of the exchange the agreement names or the security trades on
        exchange = deadlines.trading_exchange(document.text)
        if exchange:
            provisions = [replace(p, calendar=exchange.name) if p.unit == "trading_day" and not p.calendar else p
                          for p in provisions]
    sections = tuple(_build(Section, s) for s in x.clausekit_sections or [])
    # the agreement's general roll clause ("if the last day for ... any act ... is not a Business
    # Day, ... the next succeeding Business Day") for provisions with no roll of their own (one
    # written just after a provision's quote is its own and wins)
    provisions = deadlines.general_roll(provisions, deadlines.roll_convention(document.text), sections,
                                        document.text)
    events = [_build(Event, e) for e in x.clausekit_events or []]
    provisions, events = deadlines.resolve_provisions(
        provisions, events, calendar=calendar.name, agreement_date=x.clausekit_agreement_date
    )
    return Extraction(
        source={"path": document.path, "sha256": document.sha256, "format": document.format},
        title=x.clausekit_title or document.title,
        agreement_date=x.clausekit_agreement_date,
        governing_law=governing_law,
        calendar=calendar,
        parties=tuple(_build(Party, p) for p in x.clausekit_parties or []),
        defined_terms=tuple(_build(DefinedTerm, t) for t in x.clausekit_terms or []),
        sections=sections,
        deadlines=tuple(provisions),
        conditions_precedent=tuple(_build(Condition, c) for c in x.clausekit_conditions or []),
        covenants=tuple(_build(Covenant, c) for c in x.clausekit_covenants or []),
        events=tuple(events),
    )
