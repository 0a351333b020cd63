"""clausekit's tokenizer warms spaCy's cache chunk by chunk; the tokens must be exactly spaCy's."""
from __future__ import annotations

from pathlib import Path

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from clausekit.nlp.tokenizer import WarmTokenizer

ROOT = Path(__file__).resolve().parent.parent

# pieces that exercise special cases ("Inc.", "e.g."), affixes, infixes, URLs and whitespace runs
PIECES = ["Inc.", "Co.", "e.g.", "U.S.", "Section", "5.02(a),", "(the", "\"Agreement\")", "$1,000,000", "10%",
          "thirty-day", "non-U.S.", "https://www.sec.gov/x?a=1", "a.m.", "can't", "Buyer's", ":)", "--", "...",
          "(i)", "ninety", "(90)", "days", "after", "\u201cClosing\u201d", "\u00a7", "2021-03-23", "Jan.", "No."]
SPACES = [" ", " ", " ", "\n", "\n\n", "  ", "\t", "\u00a0", " \n "]


PLAIN = spacy.blank("en").tokenizer
WARM = WarmTokenizer(spacy.blank("en").tokenizer)
WARM("Foo Inc. and Bar Co. shall, e.g., pay $5 (five) days after the Closing.")


def tokens(doc) -> list[tuple[str, str]]:
    return [(t.text, t.whitespace_) for t in doc]


def texts_of_corpus() -> list[str]:
    from clausekit.ingest import read_document
    return [read_document(p).text for p in sorted((ROOT / "corpus").glob("*.md"))]


def test_tokens_identical_to_spacy_on_the_bundled_agreement():
    plain = spacy.blank("en").tokenizer
    warm = WarmTokenizer(spacy.blank("en").tokenizer)
    for text in texts_of_corpus():
        expected = tokens(plain(text))
        assert tokens(warm(text)) == expected
        assert tokens(warm(text)) == expected  # again, now from the warm cache
        assert warm(text).text == text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES) | st.text(min_size=1, max_size=8),
                          st.sampled_from(SPACES)), min_size=1, max_size=40))
def test_tokens_identical_to_spacy_for_any_text(parts):
    text = "".join(p + s for p, s in parts)
    # one tokenizer for every example: its cache holds what the earlier examples warmed
    assert tokens(WARM(text)) == tokens(PLAIN(text))


def test_warmed_set_is_bounded_by_the_cache_size():
    warm = WarmTokenizer(spacy.blank("en").tokenizer, cache_size=50)
    text = " ".join(f"word{i}" for i in range(500))
    doc = warm(text)
    assert len(warm._warmed) == 50
    assert tokens(doc) == tokens(spacy.blank("en").tokenizer(text))


def test_keeps_the_text_for_the_components():
    from clausekit.nlp.util import TEXT_KEY
    doc = WarmTokenizer(spacy.blank("en").tokenizer)("Within ten (10) days.")
    assert doc.user_data[TEXT_KEY] == "Within ten (10) days."


def test_pipeline_uses_it_and_a_saved_pipeline_loads_it(nlp, tmp_path):
    from clausekit.nlp.pipeline import load_pipeline, save_pipeline

    assert isinstance(nlp.tokenizer, WarmTokenizer)
    save_pipeline(nlp, tmp_path / "pipe")
    loaded = load_pipeline(tmp_path / "pipe")
    assert isinstance(loaded.tokenizer, WarmTokenizer)
    text = "Foo Inc. shall deliver the Notice (as defined) within 5 Business Days."
    assert tokens(loaded.make_doc(text)) == tokens(spacy.blank("en").tokenizer(text))
    assert loaded.tokenizer.explain("Inc.") == spacy.blank("en").tokenizer.explain("Inc.")


def test_a_pickled_copy_warms_its_own_cache():
    import pickle

    warm = WarmTokenizer(spacy.blank("en").tokenizer)
    warm("Foo Inc. shall pay within 5 days.")
    copy = pickle.loads(pickle.dumps(warm))
    assert copy._warmed == set()  # spaCy's cache does not travel with the tokenizer
    text = "Foo Inc. shall pay within 5 days."
    assert tokens(copy(text)) == tokens(PLAIN(text)) and copy._warmed
