"""Markdown (.md), in the EDGAR-to-Markdown style of ``corpus/vnet-13da-sra.md``.

Line by line, so that every heading and paragraph keeps its line:

* dropped lines: thematic breaks (``---``, ``***``), setext underlines (``===``), code fences,
  pipe-table separator rows (``|---|---|``);
* removed markers: ``#`` heading marks (the heading text stays on its own line), ``>`` quote
  marks, list bullets (``- (a) ...`` becomes ``(a) ...``; numbers such as ``1.`` are kept —
  they are section numbers), ``**``/``__`` and paired ``*``/``_`` emphasis, link syntax
  (``[text](url)`` becomes ``text``), HTML comments and inline HTML tags (``<b>``, ``<u>``,
  ``<input type="checkbox"/>``; ``7<sup>th</sup>`` becomes ``7th``);
* ``<br>`` is a line break; a trailing two-space or backslash hard break ends the line;
* Markdown escapes become the character (``US\\$5.346`` becomes ``US$5.346``), HTML entities
  are decoded;
* tables: tab-separated rows stay one row per line with cells separated by one tab (empty
  cells fold away); pipe-table rows ``| a | b |`` become ``a<TAB>b``.

Curly quotes and everything else are left as written.
"""
from __future__ import annotations

import html
import re

from clausekit.ingest.limits import Limits
from clausekit.ingest.normalize import BREAK, Line, Normalized, normalize
from clausekit.ingest.txt import decode

_LINE_END = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]|<br\s*/?>", re.I)
_DROP_LINE = re.compile(r"\s{0,3}(?:(?:[-*_]\s*){3,}|=+|```.*|~~~.*)\s*")
_TABLE_RULE = re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*")
_PREFIX = re.compile(r"[ \t]{0,3}(?:#{1,6}(?=\s|$)|(?:>[ \t]?)+|[-*+](?=[ \t]+\S))")
_HEADING_TAIL = re.compile(r"[ \t]+#+[ \t]*$")
_INLINE = re.compile(
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<hardbreak>\\$)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<autolink><(?=(?:https?|mailto|ftp):[^<>\s]*>)|(?<=[^<>\s])>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<strong>\*\*|(?<![\w_\\])__(?=[^\s_])|(?<=[^\s_\\])__(?![\w_]))"
    r"|(?P<em>(?<![*\\])\*(?!\*))"
    r"|(?P<linkopen>!?\[(?=[^\]\n]*\]\([^()\s]*\)))"
    r"|(?P<linkclose>\]\([^()\s]*\))"
    r"|(?P<pipe>\|)"
)
_SPECIAL = re.compile(r"[\\<>&*_\[\]!|]")
_EM_OPEN = re.compile(r"(?<![\w*\\])\*(?=[^\s*][^*\n]*?[^\s*\\]\*(?![\w*]))")
_EM_CLOSE = re.compile(r"(?<=[^\s*\\])\*(?![\w*])")


def _inline(text: str, base: int, table: bool) -> Line:
    """Apply inline edits to one line; returns segments mapped onto the source."""
    segs: Line = []
    last = 0
    em_open = False
    link_open = 0
    autolink_open = False
    for special in _SPECIAL.finditer(text):  # try the markup patterns only where one could start
        if special.start() < last:
            continue
        m = _INLINE.match(text, special.start())
        if m is None:
            continue
        kind = m.lastgroup
        a, b = m.span()
        if kind == "pipe" and not table:
            continue
        if kind == "em":
            if em_open:
                if not _EM_CLOSE.match(text, a):
                    continue
                em_open = False
            elif _EM_OPEN.match(text, a):
                em_open = True
            else:
                continue  # a lone star (a footnote mark): keep it
        if kind == "linkclose" and not link_open:
            continue
        if kind == "autolink":
            if m.group() == "<":
                autolink_open = True
            elif not autolink_open:
                continue
            else:
                autolink_open = False
        if kind == "linkopen":
            link_open += 1
        elif kind == "linkclose":
            link_open -= 1
        if a > last:
            segs.append((text[last:a], base + last))
        if kind == "esc":
            segs.append((text[a + 1], base + a + 1))
        elif kind == "entity":
            segs.append((html.unescape(m.group()), base + a))
        elif kind == "pipe":
            segs.append(("\t", base + a))
        last = b
    if last < len(text):
        segs.append((text[last:], base + last))
    return segs


def md_lines(text: str) -> list[Line | None]:
    lines: list[Line | None] = []
    start = 0
    ends = [(m.start(), m.end(), m.group()) for m in _LINE_END.finditer(text)] + [(len(text), len(text), "")]
    for a, b, sep in ends:
        line = text[start:a]
        base = start
        start = b
        if _TABLE_RULE.fullmatch(line):
            continue
        if _DROP_LINE.fullmatch(line):
            lines.append([])
            continue
        p = _PREFIX.match(line)
        heading = False
        if p and p.end():
            heading = p.group().lstrip().startswith("#")
            base += p.end()
            line = line[p.end():]
        if heading:
            tail = _HEADING_TAIL.search(line)
            if tail:
                line = line[:tail.start()]
        table = line.lstrip().startswith("|")
        lines.append(_inline(line, base, table))
        if sep == "\f":
            lines.append(BREAK)
    return lines


def read_md(data: bytes, path: str, limits: Limits) -> tuple[Normalized, None]:
    return normalize(md_lines(decode(data, path))), None
