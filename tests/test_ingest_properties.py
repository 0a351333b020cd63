"""Properties of the readers on generated input (hypothesis): whatever the text, normalization
keeps its promises and the readers raise nothing but ClausekitError."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausekit.errors import ClausekitError
from clausekit.ingest.html import read_html
from clausekit.ingest.limits import Limits
from clausekit.ingest.md import read_md
from clausekit.ingest.normalize import fold_line, normalize, split_lines

PIECES = st.sampled_from([
    "Section 1.1", "ARTICLE IV", "1.", "2", "-3-", "Page 4 of 9", "iv", "the Buyer", "(a)", "  ", "\t", " ",
    "\n", "\n\n", "\f", "\r\n", "\u200b", "\u00a0", "\u202e", "\u05e9\u05dc\u05d5\u05dd", "\u00ad", "€", "“x”",
    "**", "\\$", "<b>", "</b>", "<sup>th</sup>", "&amp;", "&nbsp;", "<p>", "</td><td>", "<tr>", "<br>", "#",
    "- ", "|", "[a](b)", "<!--", "-->", "<", ">", "&", "\\", "*",
])
TEXTS = st.lists(PIECES | st.text(max_size=5), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_normalized(text: str) -> None:
    assert "  " not in text
    assert "\n\n\n" not in text
    assert text == "" or (text.endswith("\n") and not text.startswith("\n"))
    for line in text.split("\n"):
        assert line == line.strip(" \t")
    assert not re.search("[\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x08]", text)


@FAST
@given(TEXTS)
def test_plain_text_normalization(source):
    doc = normalize(split_lines(source))
    check_normalized(doc.text)
    for i, ch in enumerate(doc.text):
        if not ch.isspace():
            s = doc.offset_map.to_source(i)
            assert 0 <= s < len(source) and source[s] == ch
    assert normalize(split_lines(source)) == doc  # deterministic


@FAST
@given(st.lists(st.tuples(TEXTS, st.booleans()), max_size=6))
def test_segmented_line_folds_like_the_whole_line(parts):
    """A line cut into segments folds exactly as the same line in one piece."""
    line = "".join(p for p, _ in parts).replace("\n", " ").replace("\r", " ").replace("\f", " ")
    segs, pos = [], 0
    for p, _ in parts:
        p = p.replace("\n", " ").replace("\r", " ").replace("\f", " ")
        segs.append((p, pos))
        pos += len(p)
    whole = fold_line([(line, 0)])
    cut = fold_line(segs) if segs else whole
    assert cut.text == whole.text


@FAST
@given(TEXTS)
def test_markdown_and_html_readers_raise_nothing_else(source):
    data = source.encode("utf-8", "surrogatepass")
    for reader in (read_md, read_html):
        try:
            normalized, _ = reader(data, "x", Limits())
        except ClausekitError:
            continue
        check_normalized(normalized.text)
