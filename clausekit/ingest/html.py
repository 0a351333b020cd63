"""HTML (.htm/.html), as SEC EDGAR exhibits are filed: ``<p>``/``<div>`` soup, ``<font>``,
layout tables, ``&nbsp;``, page-break divs and ``<hr>`` between pages, page numbers in a
centred paragraph before each break.

The reader turns the document into a flat stream of start-tag / end-tag / text events and
applies the layout rules below to the stream (no recursion anywhere). The events come from
libxml2 (lxml, C, fast) walked with ``iterwalk``; when libxml2 reports that the nesting is deeper
than it handles (2,048 with ``huge_tree``; it would silently drop the text below), or refuses the
input, they come from the standard library's ``html.parser`` instead, which has no depth limit
(a document nested 100,000 deep reads in linear time) but is ~8x slower.

Offset map: with libxml2 a point per text node maps to the start of the source line where its
element begins (``unit="html-line"``: libxml2 reports lines, not columns); with ``html.parser``
every text character maps exactly onto the decoded source (``unit="char"``).

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
from html.parser import HTMLParser

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


class _Events(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.lines: list[Line | None] = []
        self.current: Line = []
        self.skip = 0
        self.pre = 0
        self.in_title = False
        self.title: list[str] = []
        self.tables: list[bool] = []  # per open table: is a row open?
        self.open_rows = 0
        self.where: int | None = None  # set by the lxml walker: position of the current element
        self.hidden: list[list] = []  # [tag, depth] of open elements styled display:none

    # -- output --------------------------------------------------------------------------
    def _pos(self) -> int:
        if self.where is not None:
            return self.where
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

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

    def handle_entityref(self, name: str) -> None:
        self._text(html.unescape(f"&{name};"), self._pos())

    def handle_charref(self, name: str) -> None:
        self._text(html.unescape(f"&#{name};"), self._pos())

    def close(self) -> None:
        super().close()
        self._end_line()


def _walk_lxml(source: str, events: _Events) -> bool:
    """Feed ``events`` from libxml2's HTML parser (C, ~10x faster than html.parser); False when
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
    events.where = None
    events._end_line()
    return True


def read_html(data: bytes, path: str, limits: Limits) -> tuple[Normalized, str | None]:
    return html_text(decode(data, path))


def html_text(source: str) -> tuple[Normalized, str | None]:
    """Normalized text and title of decoded HTML."""
    events = _Events(source)
    try:
        fast = _walk_lxml(source, events)
    except Exception:  # lxml refusing odd input ("Document is empty", ...): the stdlib parser takes it
        fast = False
    if not fast:
        events = _Events(source)
        events.feed(source)
        events.close()
    title = " ".join("".join(events.title).split()) or None
    return normalize(events.lines, unit="html-line" if fast else "char"), title
