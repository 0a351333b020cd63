"""Plain text (.txt): decode robustly, then normalize (see ``normalize``).

Decoding, in order: a BOM (UTF-8, UTF-16, UTF-32) decides; NUL bytes in the pattern of
UTF-16 without a BOM (every other byte zero) decode as UTF-16. Then strict UTF-8; else UTF-8
with replacement characters when the bytes are clearly UTF-8 with a few damaged bytes; else
Windows-1252 (Latin-1 for its five undefined bytes).
Whatever the decoding, text with more than 1% control characters (NUL included) is a binary
file, not text; a stray NUL or two in real text is dropped by normalization.
Offsets in the offset map count characters of the decoded text (``unit="char"``).
A .txt that is HTML inside (an EDGAR full-submission file wrapping an HTML exhibit, a web page
saved as text) is read by the HTML reader.
"""
from __future__ import annotations

import codecs
import re

from clausekit.errors import UnreadableFile
from clausekit.ingest.limits import Limits
from clausekit.ingest.normalize import Normalized, normalize, split_lines

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_SAMPLE = 1 << 16


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the bytes look like UTF-16 text of mostly Latin script."""
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > 0.3 and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > 0.3 and zero_odd < 0.05:
        return "utf-16-be"
    return None


def _latin1_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("clausekit_latin1", _latin1_fallback)


def _cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="clausekit_latin1")


def decode(data: bytes, path: str) -> str:
    """Bytes of a text format to str, or UnreadableFile("binary file, not text")."""
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise UnreadableFile(f"invalid {enc.upper()} text after its byte-order mark",
                                     path=path) from None
            break
    if text is None and b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc is not None:
            try:
                text = data[: len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                raise UnreadableFile("binary file, not text", path=path) from None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _damaged_utf8(data)
    controls = len(_CONTROL.findall(text[:_SAMPLE * 4]))
    if controls > 0.01 * min(len(text), _SAMPLE * 4):
        raise UnreadableFile("binary file, not text", path=path)
    return text


def _damaged_utf8(data: bytes) -> str:
    """UTF-8 with a few bad bytes keeps its UTF-8 (bad bytes become U+FFFD); otherwise cp1252."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    if good >= 4 * bad:
        return text
    return _cp1252(data)


#: an EDGAR full-submission .txt (``<DOCUMENT><TYPE>EX-2.1 ... <TEXT>``) wrapping an HTML exhibit,
#: or an HTML page saved under a .txt name
_HTML_INSIDE = re.compile(r"\A\s*(?:<!DOCTYPE\s+html|<html[\s>])|\A\s*<DOCUMENT>.{0,4000}?<TEXT>\s*<(?:html|HTML)",
                          re.I | re.S)


def read_txt(data: bytes, path: str, limits: Limits) -> tuple[Normalized, str | None]:
    text = decode(data, path)
    if _HTML_INSIDE.match(text[:5000]):
        from clausekit.ingest.html import html_text
        return html_text(text)
    return normalize(split_lines(text)), None
