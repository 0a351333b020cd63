"""Normalization shared by every reader: raw lines in, normalized text and an offset map out.

A reader turns its format into a list of *lines*; each line is a list of segments
``(text, source_offset)`` whose characters map one for one onto the source from
``source_offset`` on (a synthesized character, such as the tab between two table cells, is a
one-character segment at the position of the markup that produced it). ``BREAK`` in the list
marks a page boundary (form feed, HTML page-break, PDF page).

``normalize(lines)`` then, in linear time:

* folds each run of horizontal whitespace to one space, or one tab when the run holds a tab
  (tabs separate table cells and "1.1.<TAB>Certain Definitions"), and strips each line;
* removes invisible characters that carry no text: zero-width space, word joiner, BOM, soft
  hyphen, bidi embedding/override/isolate marks, LRM/RLM and C0/C1 control characters. ZWJ and
  ZWNJ are kept (they change the spelling of Persian, Indic and emoji text);
* drops page furniture: page-number lines ("-2-", "Page 3 of 20", a bare "7" or "iv" when it
  is part of a rising sequence of such lines or sits at a page break) and running headers and
  footers (a line repeated next to at least three page breaks). A number with a dot ("1."),
  a number after a line "ARTICLE"/"Section", or a number followed by a short upper-case
  heading is never dropped: it is a section number;
* keeps line structure, collapses blank lines to one (a paragraph break) and drops blank
  lines at either end; a sentence that runs on over a page break (the next page starts in
  lower case) stays one paragraph. The text ends with a newline.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from clausekit.types import OffsetMap

BREAK = None  # page boundary marker in a list of lines
Seg = tuple[str, int]
Line = list[Seg]

#: characters removed outright (they carry no visible text)
INVISIBLE = ("\u200b\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u180e"
             "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f")
#: a run of whitespace and/or invisible characters
_RUN = re.compile(f"[\\s{INVISIBLE}]{{2,}}|[^\\S ]|[{INVISIBLE}]|^ | $")
_HAS_WS = re.compile(r"\s")
_SPACES = re.compile(" {2,}")
_ANY_RUN = re.compile(f"[\\s{INVISIBLE}]+")

_STRONG_PAGE = re.compile(
    r"-\s?(?:\d{1,4}|[ivxlc]{1,7}|[IVXLC]{1,7}|[A-Z]-\d{1,3})\s?-"
    r"|(?:page|PAGE|Page)\s+\d{1,4}(?:\s+(?:of|OF)\s+\d{1,4})?"
    r"|<PAGE>\s*\d{0,4}"
    r"|\[\s?\d{1,4}\s?\]")
_WEAK_PAGE = re.compile(r"(\d{1,4})|([ivxlc]{1,7})|([A-Z]{1,2})-(\d{1,3})")
_NUMBER_WORD = re.compile(r"(?:article|section|part|chapter|schedule|exhibit|annex|appendix|item|"
                          r"clause|rule|title)", re.I)
_NUMBERED_START = re.compile(r"(?:\(?[0-9]|\(?[ivxlcIVXLC]{1,6}[.)\s]|\(?[A-Za-z][.)]\s|"
                             r"(?:article|section|part|chapter|schedule|exhibit|annex|appendix|item)\b)",
                             re.I)
_CONTENTS = re.compile(r"(?:table of )?contents|index", re.I)
_PAGE_IN_LINE = re.compile(r"(?:page|PAGE|Page)\s+\d+(?:\s+(?:of|OF)\s+\d+)?|^\d+\b|\b[A-Z]?-?\d+$")
_FIRST_INT = re.compile(r"\d{1,4}")

#: weak page numbers count as a sequence only this far apart (text characters): closer
#: "1", "2", "3" lines are row numbers of a table, not pages
MIN_PAGE_GAP = 300
#: a running header/footer repeats next to at least this many page breaks
MIN_REPEATS = 3
#: longer lines are text, never a running header/footer (confidentiality legends reach ~250)
MAX_HEADER = 300


@dataclass
class FoldedLine:
    text: str
    points: list[tuple[int, int]]  # (offset in line, source offset)


def fold_line(segs: Line) -> FoldedLine:
    """Fold whitespace, drop invisible characters and strip one line, keeping the source map."""
    if len(segs) == 1:
        return _fold_simple(*segs[0])
    return _fold_segments(segs)


def _fold_segments(segs: Line) -> FoldedLine:
    """fold_line for a line assembled from several stretches of source (markup in between).

    Whitespace is held back until the next visible character, so runs that span segments fold
    to one character (a tab if any of them is a tab) and nothing trails at the end."""
    out: list[str] = []
    points: list[tuple[int, int]] = []
    olen = 0
    pending: tuple[str, int] | None = None  # whitespace waiting for the next visible text

    def emit(text: str, src: int) -> None:
        nonlocal olen, pending
        if pending is not None:
            if olen:
                char, wsrc = pending
                if not points or points[-1][1] + (olen - points[-1][0]) != wsrc:
                    points.append((olen, wsrc))
                out.append(char)
                olen += 1
            pending = None
        if not points or points[-1][1] + (olen - points[-1][0]) != src:
            points.append((olen, src))
        out.append(text)
        olen += len(text)

    def space(char: str, src: int) -> None:
        nonlocal pending
        if pending is None:
            pending = (char, src)
        elif char == "\t" and pending[0] != "\t":
            pending = ("\t", pending[1])

    for text, base in segs:
        if not text:
            continue
        if text.isprintable() and "  " not in text:  # common case: at most single spaces
            a, b = 0, len(text)
            if text[0] == " ":
                space(" ", base)
                a = 1
            if b > a and text[-1] == " ":
                b -= 1
            if b > a:
                emit(text[a:b], base + a)
            if b < len(text) and b >= a:
                space(" ", base + b)
            continue
        last = 0
        for m in _ANY_RUN.finditer(text):
            a, b = m.span()
            if a > last:
                emit(text[last:a], base + last)
            ws = _HAS_WS.search(m.group())
            if ws:
                space("\t" if "\t" in m.group() else " ", base + a + ws.start())
            last = b
        if last < len(text):
            emit(text[last:], base + last)
    return FoldedLine("".join(out), points)


def _fold_simple(s: str, base: int) -> FoldedLine:
    """fold_line for a line copied from one stretch of source (the fast, common case)."""
    if s.isprintable():  # no tab, no control, no invisible or exotic space: only spaces to fold
        lead = len(s) - len(s.lstrip(" "))
        end = len(s.rstrip(" "))
        if end <= lead:
            return FoldedLine("", [])
        if "  " not in s[lead:end]:
            return FoldedLine(s[lead:end], [(0, base + lead)])
        out, points, last, olen = [], [(0, base + lead)], lead, 0
        for m in _SPACES.finditer(s, lead, end):
            a, b = m.span()
            out.append(s[last:a + 1])
            olen += a + 1 - last
            points.append((olen, base + b))
            last = b
        out.append(s[last:end])
        return FoldedLine("".join(out), points)
    out: list[str] = []
    points: list[tuple[int, int]] = []
    olen = 0
    last = 0
    delta = None  # source - output offset of the current point
    n = len(s)
    for m in _RUN.finditer(s):
        a, b = m.span()
        if a > last:
            if base + last - olen != delta:
                delta = base + last - olen
                points.append((olen, base + last))
            out.append(s[last:a])
            olen += a - last
        if olen and b < n:
            g = m.group()
            ws = _HAS_WS.search(g)
            if ws:
                src = base + a + ws.start()
                if src - olen != delta:
                    delta = src - olen
                    points.append((olen, src))
                out.append("\t" if "\t" in g else " ")
                olen += 1
        last = b
    if last < n:
        if base + last - olen != delta:
            points.append((olen, base + last))
        out.append(s[last:])
    return FoldedLine("".join(out), points)


def _roman(s: str) -> int:
    vals = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total


def _weak_value(text: str) -> tuple[str, int] | None:
    m = _WEAK_PAGE.fullmatch(text)
    if not m:
        return None
    if m.group(1):
        return ("arabic", int(m.group(1)))
    if m.group(2):
        value = _roman(m.group(2))
        return ("roman", value) if value and value < 200 else None
    return (f"pre:{m.group(3)}", int(m.group(4)))


def _key(text: str) -> str:
    """Running headers compare with their page number ignored: "Page 3", a number at either end
    ("Supply Agreement 3", "3 | Confidential", "A-3"); other digits and numbered lines exactly."""
    if _NUMBERED_START.match(text):
        return text
    return _PAGE_IN_LINE.sub("#", text)


def _heading_like(text: str) -> bool:
    """A short upper-case title line not itself numbered ("DEFINITIONS", "PURCHASE AND SALE")."""
    if not text or len(text) > 80 or _NUMBERED_START.match(text):
        return False
    if any(c.isdigit() or c in ":/|" for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) >= 0.8 and not text.endswith((",", ";"))


def furniture(lines: list[str | None], min_repeats: int = MIN_REPEATS) -> set[int]:
    """Indexes of page-number lines and running headers/footers in ``lines`` (``None`` = break)."""
    n = len(lines)
    nonblank = [i for i, t in enumerate(lines) if t]
    pos_in_nb = {i: k for k, i in enumerate(nonblank)}

    def prev_text(i: int) -> str | None:
        k = pos_in_nb[i]
        return lines[nonblank[k - 1]] if k > 0 else None

    def next_text(i: int) -> str | None:
        k = pos_in_nb[i]
        return lines[nonblank[k + 1]] if k + 1 < len(nonblank) else None

    def at_break(i: int, markers: set[int]) -> bool:
        """Is the nearest non-blank line on either side of line i a page break or a marker line?"""
        for step in (-1, 1):
            j = i + step
            while 0 <= j < n and lines[j] == "":
                j += step
            if 0 <= j < n and (lines[j] is None or j in markers):
                return True
        return False

    def guarded(i: int, kind: str, footer: bool = False) -> bool:
        """A bare number that is a section number: after "ARTICLE", or (arabic) before a heading
        unless it sits next to a running header/footer."""
        p, q = prev_text(i), next_text(i)
        if p and _NUMBER_WORD.fullmatch(p):
            return True
        return not footer and kind == "arabic" and _heading_like(q or "")

    # character position of each line, for the distance between page numbers
    charpos, acc = [0] * n, 0
    for i, t in enumerate(lines):
        charpos[i] = acc
        acc += len(t or "") + 1

    drop: set[int] = set()
    weak: dict[str, list[tuple[int, int]]] = {}
    for i in nonblank:
        t = lines[i]
        if _STRONG_PAGE.fullmatch(t):
            drop.add(i)
            continue
        wv = _weak_value(t)
        if wv:
            weak.setdefault(wv[0], []).append((i, wv[1]))

    def in_run(seq: list[tuple[int, int]], k: int) -> bool:
        i, v = seq[k]
        for j in (k - 1, k + 1):
            if 0 <= j < len(seq):
                i2, v2 = seq[j]
                rising = abs(v2 - v) in (1, 2) and (v2 > v) == (j > k)
                if rising and abs(charpos[i2] - charpos[i]) >= MIN_PAGE_GAP:
                    return True
        return False

    weak_idx = [(i, kind, v) for kind, seq in weak.items() for i, v in seq]
    for kind, seq in weak.items():
        for k, (i, _) in enumerate(seq):
            if (in_run(seq, k) or at_break(i, drop)) and not guarded(i, kind):
                drop.add(i)
    # page numbers found so far: a number repeating one of them is not another page number
    page_values = {int(m.group()) for i in drop for m in [_FIRST_INT.search(lines[i])] if m}

    # running headers/footers: the nearest two non-blank lines on each side of a page boundary,
    # the same line (page numbers in it aside) next to at least `min_repeats` boundaries
    boundaries = [i for i in range(n) if lines[i] is None or i in drop]
    near: dict[str, set[int]] = {}
    for b in boundaries:
        for step in (-1, 1):
            j, seen = b + step, 0
            while 0 <= j < n and seen < 2:
                t = lines[j]
                if t is None or (j in drop and j != b):
                    break
                if t:
                    seen += 1
                    if 6 <= len(t) <= MAX_HEADER and any(c.isalpha() for c in t):
                        near.setdefault(_key(t), set()).add(j)
                j += step
    qualifying = {k for k, v in near.items() if len(v) >= min_repeats}
    # the first "TABLE OF CONTENTS" is the real heading; later ones are running headers or links back
    first_contents = next((i for i in nonblank if _CONTENTS.fullmatch(lines[i])), None)
    headers: set[int] = {j for key in qualifying for j in near[key] if j != first_contents}
    # a weak page number next to a running header/footer is a page number (and that line is one)
    for i, kind, value in weak_idx:
        if i in drop:
            continue
        k = pos_in_nb[i]
        for j in (nonblank[k - 1] if k > 0 else None, nonblank[k + 1] if k + 1 < len(nonblank) else None):
            if j is not None and j != first_contents and _key(lines[j]) in qualifying:
                headers.add(j)
                if not guarded(i, kind, footer=value not in page_values or kind != "arabic"):
                    drop.add(i)
    drop |= headers
    return drop


@dataclass
class Normalized:
    text: str
    offset_map: OffsetMap


def normalize(lines: list[Line | None], *, unit: str = "char", drop_furniture: bool = True,
              min_repeats: int = MIN_REPEATS) -> Normalized:
    """Join raw lines into normalized text with its offset map (see the module docstring)."""
    folded: list[FoldedLine | None] = [None if ln is BREAK else fold_line(ln) for ln in lines]
    texts = [None if f is None else f.text for f in folded]
    drop = furniture(texts, min_repeats) if drop_furniture else set()
    out: list[str] = []
    points: list[tuple[int, int]] = []
    pos = 0
    pending_blank = False
    page_turn = False  # a page break or dropped furniture since the last line
    for i, f in enumerate(folded):
        if f is None or i in drop:
            page_turn = True
            continue
        if not f.text:
            pending_blank = True
            continue
        if out:
            # a sentence running on over a page break ("... the Demand" / "5" / "note ...") is
            # one paragraph: the blank lines around the page number are not a paragraph break
            if page_turn and f.text[0].islower() and out[-1][-1:] not in ".:;!?":
                pending_blank = False
            sep = "\n\n" if pending_blank else "\n"
            out.append(sep)
            pos += len(sep)
        pending_blank = page_turn = False
        if f.points:  # within a line no point is redundant; only the first may continue the last
            lo, src = f.points[0]
            if not points or points[-1][1] + (pos + lo - points[-1][0]) != src:
                points.append((pos + lo, src))
            if len(f.points) > 1:
                points.extend([(pos + lo, src) for lo, src in f.points[1:]])
        out.append(f.text)
        pos += len(f.text)
    if out:
        out.append("\n")
    return Normalized("".join(out), OffsetMap(points=tuple(points), unit=unit))


_LINE_END = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def split_lines(text: str, base: int = 0) -> list[Line | None]:
    """Plain text to raw lines; a form feed is a page break."""
    lines: list[Line | None] = []
    start = 0
    for m in _LINE_END.finditer(text):
        lines.append([(text[start:m.start()], base + start)])
        if m.group() == "\f":
            lines.append(BREAK)
        start = m.end()
    lines.append([(text[start:], base + start)])
    return lines
