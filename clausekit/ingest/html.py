"""HTML (.htm/.html), as SEC EDGAR exhibits are filed: ``<p>``/``<div>`` soup, ``<font>``,
layout tables, ``&nbsp;``, page-break divs and ``<hr>`` between pages, page numbers in a
centred paragraph before each break.

The reader turns the document into a flat stream of start-tag / end-tag / text events and
applies the layout rules below to the stream (no recursion anywhere). The events come from
libxml2 (lxml, C, fast) walked with ``iterwalk``; when libxml2 reports that the nesting is deeper
than it handles (2,048 with ``huge_tree``; it would silently drop the text below) or refuses the
input, they come from a flat regex tokenizer instead, which has no depth limit and stays linear
on hostile markup (the standard library's ``html.parser`` is quadratic on some inputs, e.g.
thousands of unterminated attribute quotes).

Offset map: with libxml2 a point per text node maps to the start of the source line where its
element begins (``unit="html-line"``: libxml2 reports lines, not columns); with the flat
tokenizer every text character maps exactly onto the decoded source (``unit="char"``).

* block elements (``p div h1-h6 table blockquote center ul ol dl pre section ...``) start and end
  a paragraph (a blank line); ``br li dt dd tr`` end a line; inline elements join;
* a table row is one line, its cells separated by one tab (empty cells fold away);
* ``<hr>`` and any element styled ``page-break-before/after`` mark a page break, around which
  page numbers and running headers/footers are dropped (see ``normalize``);
* ``<pre>`` keeps its line breaks; ``script``, ``style``, ``template``, comments, inline XBRL's
  ``ix:header`` and any element styled ``display:none`` are dropped;
  ``<title>`` becomes ``Document.title`` and is not part of the text.
"""
from __future__ import annotations

import html
import re

from clausekit.ingest.limits import Limits
from clausekit.ingest.normalize import BREAK, Line, Normalized, normalize
from clausekit.ingest.txt import decode

PARAGRAPH = frozenset("p div h1 h2 h3 h4 h5 h6 table blockquote center ul ol dl pre section article header "
                      "footer nav aside address form fieldset figure figcaption main body html caption "
                      "thead tbody tfoot".split())
LINE = frozenset("br li dt dd option".split()
                 # EDGAR's SGML wrapper: <DOCUMENT><TYPE>EX-10.1<SEQUENCE>2<FILENAME>...<TEXT>
                 + "document type sequence filename description text".split())
CELL = frozenset(("td", "th"))
SKIP = frozenset(("script", "style", "template", "noscript", "xml", "ix:header"))
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
_PAGE_BREAK = re.compile(r"page-break-(?:before|after)\s*:\s*always|break-(?:before|after)\s*:\s*page", re.I)
_NEWLINE = re.compile(r"\r\n|[\r\n\f]")


class _Events:
    """Layout rules applied to a stream of start-tag / end-tag / text events (``where`` = the
    source position of the current event, set by whichever tokenizer feeds the stream)."""

    def __init__(self, source: str) -> None:
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.lines: list[Line | None] = []
        self.current: Line = []
        self.skip = 0
        self.pre = 0
        self.in_title = False
        self.title: list[str] = []
        self.tables: list[bool] = []  # per open table: is a row open?
        self.open_rows = 0
        self.where = 0
        self.hidden: list[list] = []  # [tag, depth] of open elements styled display:none

    # -- output --------------------------------------------------------------------------
    def _pos(self) -> int:
        return self.where

    def _end_line(self) -> None:
        if self.current:
            if any(not t.isspace() for t, _ in self.current):
                self.lines.append(self.current)
            self.current = []

    def _paragraph(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1]:
            self.lines.append([])

    def _break(self) -> None:
        self._end_line()
        if self.lines and self.lines[-1] is not BREAK:
            self.lines.append(BREAK)

    def _text(self, text: str, pos: int) -> None:
        if self.skip:
            return
        if self.in_title:
            self.title.append(text)
            return
        if not self.pre:
            self.current.append((text, pos))
            return
        start = 0
        for m in _NEWLINE.finditer(text):
            if m.start() > start:
                self.current.append((text[start:m.start()], pos + start))
            if m.group() == "\f":
                self._break()
            else:
                self.lines.append(self.current)
                self.current = []
            start = m.end()
        if start < len(text):
            self.current.append((text[start:], pos + start))

    # -- parser events -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skip += 1
            return
        style = next((v for k, v in attrs if k == "style" and v), "")
        if self.hidden and tag == self.hidden[-1][0]:
            self.hidden[-1][1] += 1
        elif style and tag not in VOID and _HIDDEN.search(style):  # inline XBRL's hidden facts, etc.
            self.hidden.append([tag, 1])
            self.skip += 1
            return
        if tag == "hr" or (style and _PAGE_BREAK.search(style)):
            self._break()
        if tag == "title":
            self.in_title = True
        elif tag == "table":
            self._block(paragraph=True)
            self.tables.append(False)
        elif tag == "tr":
            self._row_start()
        elif tag in CELL:
            self.current.append(("\t", self._pos()))
        elif tag in PARAGRAPH:
            self._block(paragraph=True)
            if tag == "pre":
                self.pre += 1
        elif tag in LINE:
            self._block(paragraph=False)

    def _block(self, paragraph: bool) -> None:
        """A block boundary: a line or paragraph break, or a space inside a table row."""
        if self.open_rows:
            self.current.append((" ", self._pos()))
        elif paragraph:
            self._paragraph()
        else:
            self._end_line()

    def _row_start(self) -> None:
        if not self.tables:
            self._end_line()
            return
        if self.tables[-1]:
            self._row_end()
        if not self.open_rows:
            self._end_line()
        self.tables[-1] = True
        self.open_rows += 1

    def _row_end(self) -> None:
        if self.tables and self.tables[-1]:
            self.tables[-1] = False
            self.open_rows -= 1
            if not self.open_rows:
                self._end_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            return
        self.handle_starttag(tag, attrs)
        if tag == "title":
            self.in_title = False
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden and tag == self.hidden[-1][0]:
            self.hidden[-1][1] -= 1
            if not self.hidden[-1][1]:
                self.hidden.pop()
                self.skip = max(0, self.skip - 1)
            return
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        elif tag == "tr":
            self._row_end()
        elif tag == "table":
            if self.tables:
                self._row_end()
                self.tables.pop()
                self._block(paragraph=True)
        elif tag in CELL:
            pass
        elif tag in PARAGRAPH:
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._block(paragraph=True)
        elif tag in LINE:
            self._block(paragraph=False)

    def handle_data(self, data: str) -> None:
        self._text(data, self._pos())

    def close(self) -> None:
        self._end_line()


def _walk_lxml(source: str, events: _Events) -> bool:
    """Feed ``events`` from libxml2's HTML parser (C, fast); False when
    libxml2 hit its nesting limit (it would silently drop the text below depth 2,048)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True, remove_blank_text=False)
    root = lxml.html.document_fromstring(source.encode("utf-8", "surrogatepass"), parser=parser)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        return False
    starts = events.line_starts
    last_line = len(starts)

    def data(text: str, line: int) -> None:
        lead = len(text) - len(text.lstrip())
        line += text.count("\n", 0, lead)  # text starting on a later line than its element
        events.where = starts[min(line, last_line) - 1]
        events.handle_data(text)

    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        line = el.sourceline or 1
        events.where = starts[min(line, last_line) - 1]
        if event == "start":
            style = el.get("style")  # the only attribute the layout rules read
            events.handle_starttag(el.tag, [("style", style)] if style else [])
            if el.text:
                data(el.text, line)
        else:
            if event == "end":
                events.handle_endtag(el.tag)
            if el.tail:
                data(el.tail, line)
    events.close()
    return True


_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<[!?][^<>]*>|<(/?)([A-Za-z][\w:.-]*)([^<>]*?)(/?)>", re.S)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
_STYLE_ATTR = re.compile(r"""\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp")


def _walk_flat(source: str, events: _Events) -> None:
    """Feed ``events`` from a flat regex tokenizer: no tree and no nesting limit, every text
    character at its exact source offset, linear time even on hostile input (each tag match
    stops at the next '<' or '>'). Used when libxml2 cannot take the document."""
    pos = 0

    def text(a: int, b: int) -> None:
        last = a
        for m in _ENTITY.finditer(source, a, b):
            if m.start() > last:
                events.where = last
                events.handle_data(source[last:m.start()])
            events.where = m.start()
            events.handle_data(html.unescape(m.group()))
            last = m.end()
        if b > last:
            events.where = last
            events.handle_data(source[last:b])

    n = len(source)
    while pos < n:
        m = _TOKEN.search(source, pos)
        if m is None:
            text(pos, n)
            break
        if m.start() > pos:
            text(pos, m.start())
        pos = m.end()
        tag = m.group(2)
        if not tag:
            continue  # comment, doctype, processing instruction
        tag = tag.lower()
        events.where = m.start()
        if m.group(1):
            events.handle_endtag(tag)
            continue
        style = _STYLE_ATTR.search(m.group(3) or "")
        attrs = [("style", next(g for g in style.groups() if g is not None))] if style else []
        if m.group(4):
            events.handle_startendtag(tag, attrs)
            continue
        events.handle_starttag(tag, attrs)
        if tag in _RAW_TEXT:  # raw text up to the matching end tag, never parsed as markup
            end = re.compile(rf"</{tag}\s*>", re.I).search(source, pos)
            stop = end.start() if end else n
            if tag in ("title", "textarea"):
                text(pos, stop)
            events.where = stop
            events.handle_endtag(tag)
            pos = end.end() if end else n
    events.close()


def read_html(data: bytes, path: str, limits: Limits) -> tuple[Normalized, str | None]:
    return html_text(decode(data, path))


def html_text(source: str) -> tuple[Normalized, str | None]:
    """Normalized text and title of decoded HTML."""
    events = _Events(source)
    try:
        fast = _walk_lxml(source, events)
    except Exception:  # lxml refusing odd input ("Document is empty", ...): the flat tokenizer takes it
        fast = False
    if not fast:
        events = _Events(source)
        _walk_flat(source, events)
    title = " ".join("".join(events.title).split()) or None
    return normalize(events.lines, unit="html-line" if fast else "char"), title
