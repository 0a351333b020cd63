"""Word (.docx) with python-docx: paragraphs and tables in body order.

* Before anything is decompressed the zip's directory is checked: the sum of the members'
  declared sizes against ``Limits.max_unzipped_mb`` and each large member's compression ratio
  against ``Limits.max_zip_ratio`` (zip bombs); ``zipfile`` never inflates a member past its
  declared size, so the check cannot be lied to.
* Each paragraph is a line, with a blank line between paragraphs (Word has no other paragraph
  separator); a manual line break inside a paragraph is a line break. Text is read as Word shows
  it with tracked changes accepted: insertions in, deletions and field codes out.
* Automatic numbering is rebuilt from ``numbering.xml`` where a paragraph has ``numPr`` (directly
  or through its style): the level's ``lvlText`` ("%1.", "(%2)", "%1.%2") filled with the
  counters in the level's format (decimal, lower/upper letter, lower/upper roman, ordinal
  numbers as digits); bullets get no prefix. Deeper levels
  restart when a shallower one advances, ``start`` and ``startOverride`` are honoured; lists
  that share an abstract definition share their counters (Word continues such a list unless
  it restarts it with a ``startOverride``).
* Body only (headers, footers, footnotes and comments are not part of the agreement's text);
  block-level content controls are read like the body around them.
* A table row is one line, cells separated by a tab; a cell's paragraphs are joined by a space;
  horizontally merged cells appear once.
The offset map counts characters of the body's paragraph texts, in body order, joined by
newlines (``unit="docx-text"``); a rebuilt number maps to the start of its paragraph.
"""
from __future__ import annotations

import io
import zipfile

from clausekit.errors import LimitExceeded, UnreadableFile
from clausekit.ingest.limits import Limits
from clausekit.ingest.normalize import Line, Normalized, normalize

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BIG_MEMBER = 1 << 20


def check_zip(data: bytes, path: str, limits: Limits) -> None:
    """Refuse a file that is not a zip, not a Word document, or a zip bomb — before inflating."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise UnreadableFile("not a DOCX (not a zip archive)", path=path) from None
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise LimitExceeded(f"DOCX would unzip to {total / 2**20:,.0f} MB, over the "
                            f"{limits.max_unzipped_mb:g} MB limit (CLAUSEKIT_MAX_UNZIPPED_MB; zip bomb?)",
                            path=path)
    for i in infos:
        if i.file_size > BIG_MEMBER and i.file_size > limits.max_zip_ratio * max(i.compress_size, 1):
            ratio = i.file_size / max(i.compress_size, 1)
            raise LimitExceeded(f"DOCX member {i.filename} is compressed {ratio:,.0f}:1, over the "
                                f"{limits.max_zip_ratio:g}:1 limit (CLAUSEKIT_MAX_ZIP_RATIO; zip bomb?)",
                                path=path)
    if not any(i.filename == "word/document.xml" for i in infos):
        raise UnreadableFile("not a Word document (no word/document.xml in the zip)", path=path)


# -- automatic numbering --------------------------------------------------------------------

def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _letter(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str | None:
    if fmt in ("decimal", "decimalZero", "ordinal", "cardinalText", "ordinalText", "decimalEnclosedParen"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt == "lowerLetter":
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "none":
        return ""
    return None  # bullet and anything exotic: no prefix


class Numbering:
    """Counters for Word's automatic list numbering, fed paragraph by paragraph in body order."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> fmt, text, start
        self.abstract_of: dict[str, str] = {}  # numId -> abstractNumId (lists sharing it share counters)
        self.restarts: dict[str, dict[int, int]] = {}  # numId -> {ilvl: startOverride}
        self.counters: dict[str, dict[int, int]] = {}  # abstractNumId -> {ilvl: current value}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.iter(f"{W}abstractNum"):
            abstract[a.get(f"{W}abstractNumId")] = {int(lvl.get(f"{W}ilvl", "0")): self._level(lvl)
                                                    for lvl in a.iter(f"{W}lvl")}
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId")
            ref = num.find(f"{W}abstractNumId")
            abstract_id = ref.get(f"{W}val") if ref is not None else ""
            self.abstract_of[num_id] = abstract_id
            levels = dict(abstract.get(abstract_id, {}))
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = int(override.get(f"{W}ilvl", "0"))
                lvl = override.find(f"{W}lvl")
                if lvl is not None:
                    levels[ilvl] = self._level(lvl)
                start = override.find(f"{W}startOverride")
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(f"{W}val", "1")))
                    self.restarts.setdefault(num_id, {})[ilvl] = int(start.get(f"{W}val", "1"))
            for ilvl, spec in levels.items():
                self.levels[(num_id, ilvl)] = spec

    @staticmethod
    def _level(lvl) -> tuple[str, str, int]:
        def val(tag: str, default: str) -> str:
            el = lvl.find(f"{W}{tag}")
            return el.get(f"{W}val", default) if el is not None else default
        return val("numFmt", "decimal"), val("lvlText", ""), int(val("start", "1") or 1)

    def prefix(self, num_id: str, ilvl: int) -> str:
        if num_id in (None, "0") or (num_id, ilvl) not in self.levels:
            return ""
        # Word counts per abstract list: a second w:num of the same abstractNum continues the
        # numbering unless it carries a startOverride, which restarts it where it is first used
        counters = self.counters.setdefault(self.abstract_of.get(num_id, num_id), {})
        for level, value in self.restarts.pop(num_id, {}).items():
            counters[level] = value - 1
            for deeper in [k for k in counters if k > level]:
                del counters[deeper]
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        out = text
        for level in range(9, -1, -1):
            token = f"%{level + 1}"
            if token not in out:
                continue
            lfmt, _, lstart = self.levels.get((num_id, level), ("decimal", "", 1))
            value = counters.get(level, lstart)
            shown = format_number(value, lfmt if level != ilvl else fmt)
            if shown is None:
                return ""
            out = out.replace(token, shown)
        if format_number(1, fmt) is None:
            return ""
        return out


class StyleNumbering:
    """(numId, ilvl) that paragraph styles give through their (inherited) ``numPr``, cached per style."""

    def __init__(self, document) -> None:
        try:
            root = document.styles.element
        except Exception:
            root = None
        self.styles = {} if root is None else {st.get(f"{W}styleId"): st for st in root.iter(f"{W}style")}
        self.cache: dict[str, tuple[str | None, int]] = {}

    def lookup(self, style_id: str | None) -> tuple[str | None, int]:
        if style_id is None:
            style_id = next((k for k, st in self.styles.items() if st.get(f"{W}type") == "paragraph"
                             and st.get(f"{W}default") in ("1", "true")), "")
        if style_id in self.cache:
            return self.cache[style_id]
        result: tuple[str | None, int] = (None, 0)
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            num_pr = self.styles[sid].find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                result = _read_num_pr(num_pr)
                break
            based = self.styles[sid].find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None
        self.cache[style_id] = result
        return result


def _read_num_pr(num_pr) -> tuple[str | None, int]:
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    if num_id is None:
        return None, 0
    try:
        level = int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0
    except ValueError:
        level = 0
    return num_id.get(f"{W}val"), level


def _num_pr(p, styles: StyleNumbering) -> tuple[str | None, int]:
    """(numId, ilvl) of a paragraph's list numbering, direct or from its style chain."""
    p_pr = p.find(f"{W}pPr")
    num_pr = p_pr.find(f"{W}numPr") if p_pr is not None else None
    if num_pr is not None and num_pr.find(f"{W}numId") is not None:
        return _read_num_pr(num_pr)
    style = p_pr.find(f"{W}pStyle") if p_pr is not None else None
    return styles.lookup(style.get(f"{W}val") if style is not None else None)


# -- body ----------------------------------------------------------------------------------

_RUN_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def paragraph_text(p) -> str:
    """A paragraph's text as Word shows it with tracked changes accepted: runs anywhere in the
    paragraph (hyperlinks, simple fields, insertions, content controls), deleted text and field
    codes left out, tab and line-break characters kept."""
    out = []
    for el in p.iter(*_RUN_TEXT):
        parent = el.getparent()
        if parent is None or parent.tag != f"{W}r":
            continue  # e.g. a tab stop definition in the paragraph properties
        out.append(el.text or "" if el.tag == f"{W}t" else _RUN_TEXT[el.tag])
    return "".join(out)


class _Body:
    def __init__(self, document) -> None:
        self.numbering = Numbering(document)
        self.styles = StyleNumbering(document)
        self.lines: list[Line | None] = []
        self.raw = 0  # position in the raw text (paragraph texts joined by newlines)

    def _text(self, paragraph) -> tuple[str, int]:
        text = paragraph_text(paragraph._p)
        pos = self.raw
        self.raw += len(text) + 1
        return text, pos

    def paragraph(self, paragraph) -> None:
        text, pos = self._text(paragraph)
        num_id, ilvl = _num_pr(paragraph._p, self.styles)
        prefix = self.numbering.prefix(num_id, ilvl) if num_id else ""
        line: Line = [(prefix + " ", pos)] if prefix else []
        start = 0
        for part in text.split("\n"):  # manual line breaks
            line.append((part, pos + start))
            self.lines.append(line)
            line, start = [], start + len(part) + 1
        self.lines.append([])

    def table(self, table) -> None:
        for row in table.rows:
            line: Line = []
            for cell in _unique_cells(row):
                line.append(("\t", self.raw))
                for paragraph in _cell_paragraphs(cell):
                    text, pos = self._text(paragraph)
                    line += [(text.replace("\n", " "), pos), (" ", pos + len(text))]
            self.lines.append(line)
        self.lines.append([])


def _unique_cells(row) -> list:
    """A row's cells, a horizontally merged cell once."""
    seen: set[int] = set()
    out = []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell)
    return out


def _cell_paragraphs(cell):
    """Paragraphs of a cell in order, including those of tables nested in it (no recursion)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    stack = [iter(cell.iter_inner_content())]
    while stack:
        block = next(stack[-1], None)
        if block is None:
            stack.pop()
        elif isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            stack.append(iter([c for r in block.rows for c in _unique_cells(r)]))
        else:  # a nested cell
            stack.append(iter(block.iter_inner_content()))


def body_blocks(document):
    """Paragraphs and tables of the body in order, including those inside block-level content
    controls (``w:sdt``, e.g. cover pages and clauses of templates), which python-docx skips."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    stack = [iter(body)]
    while stack:
        el = next(stack[-1], None)
        if el is None:
            stack.pop()
        elif el.tag == f"{W}p":
            yield Paragraph(el, document._body)
        elif el.tag == f"{W}tbl":
            yield Table(el, document._body)
        elif el.tag == f"{W}sdt":
            content = el.find(f"{W}sdtContent")
            if content is not None:
                stack.append(iter(content))


def read_docx(data: bytes, path: str, limits: Limits) -> tuple[Normalized, str | None]:
    check_zip(data, path, limits)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:
        detail = str(e).splitlines()[0][:160] if str(e).strip() else e.__class__.__name__
        raise UnreadableFile(f"corrupt DOCX ({detail})", path=path) from None
    body = _Body(document)
    for block in body_blocks(document):
        if isinstance(block, Paragraph):
            body.paragraph(block)
        elif isinstance(block, Table):
            body.table(block)
    try:
        title = " ".join((document.core_properties.title or "").split()) or None
    except Exception:
        title = None
    return normalize(body.lines, unit="docx-text", drop_furniture=False), title
