"""Hostile and broken inputs (issue 9, item 1) at the reader level and through the CLI.

Each input either reads to the right text or fails with one ``ClausekitError`` line naming the
file and the reason — never another exception, never a traceback — within a time bound
(pytest-timeout marks). The expected reasons are the messages the readers document.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from clausekit.errors import ClausekitError, LimitExceeded, UnreadableFile, UsageError
from clausekit.ingest import Limits, read_document
from tests.conftest import ROOT, SEED
from tests.test_ingest_txt import assert_offsets_point_at_source

JUNK = bytes(range(256)) * 16 + os.urandom(4096)


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clausekit", *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


def refused(path: Path, reason: str, kind: type[ClausekitError] = UnreadableFile,
            limits: Limits | None = None) -> str:
    """Reading ``path`` fails with exactly one line ``<path>: <reason...>``."""
    with pytest.raises(kind) as e:
        read_document(path, limits=limits)
    message = str(e.value)
    assert message.startswith(f"{path}: {reason}"), message
    assert "\n" not in message
    return message


def assert_cli_one_line_error(path: Path, reason: str, env: dict | None = None) -> None:
    r = cli("text", str(path), env=env)
    assert r.returncode == 1, r
    assert r.stdout == ""
    assert r.stderr.startswith(f"clausekit: error: {path}: {reason}"), r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


# -- empty and blank ---------------------------------------------------------------------------

@pytest.mark.timeout(10)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx"])
def test_empty_file(tmp_path, suffix):
    p = tmp_path / f"empty{suffix}"
    p.write_bytes(b"")
    refused(p, "file is empty")


@pytest.mark.timeout(10)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".htm"])
def test_whitespace_only_file(tmp_path, suffix):
    p = tmp_path / f"blank{suffix}"
    p.write_bytes(b"  \r\n\t\n\f\n   ")
    refused(p, "file is blank (whitespace only)")


@pytest.mark.timeout(10)
def test_markup_only_html_has_no_text(tmp_path):
    p = tmp_path / "markup.html"
    p.write_text("<html><body><p>&nbsp;</p><div><br/></div><hr></body></html>")
    refused(p, "no text in file")


@pytest.mark.timeout(30)
def test_empty_file_through_the_cli(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert_cli_one_line_error(p, "file is empty")


# -- binary junk under a document's name -----------------------------------------------------------

@pytest.mark.timeout(10)
@pytest.mark.parametrize("name,reason", [
    ("junk.txt", "binary file, not text"),
    ("junk.md", "binary file, not text"),
    ("junk.html", "binary file, not text"),
    ("junk.pdf", "not a PDF (no %PDF header)"),
    ("junk.docx", "not a DOCX (not a zip archive)"),
])
def test_binary_junk_with_a_document_name(tmp_path, name, reason):
    p = tmp_path / name
    p.write_bytes(JUNK)
    refused(p, reason)


@pytest.mark.timeout(30)
def test_binary_junk_pdf_through_the_cli(tmp_path):
    p = tmp_path / "junk.pdf"
    p.write_bytes(JUNK)
    assert_cli_one_line_error(p, "not a PDF")


@pytest.mark.timeout(10)
def test_png_renamed_txt(tmp_path):
    p = tmp_path / "scan.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2000))
    refused(p, "binary file, not text")


# -- PDFs ----------------------------------------------------------------------------------------

@pytest.fixture
def small_pdf(tmp_path) -> Path:
    from tests.test_ingest_pdf import PAGES, make_pdf

    return make_pdf(tmp_path / "ok.pdf", PAGES)


@pytest.mark.timeout(20)
def test_truncated_pdf(small_pdf, tmp_path):
    p = tmp_path / "truncated.pdf"
    p.write_bytes(small_pdf.read_bytes()[:1500])
    refused(p, "truncated or corrupt PDF")


@pytest.mark.timeout(30)
def test_encrypted_pdf_through_the_cli(small_pdf, tmp_path):
    from tests.test_ingest_pdf import encrypt

    p = encrypt(small_pdf, tmp_path / "locked.pdf", "secret")
    refused(p, "encrypted PDF (password required)")
    assert_cli_one_line_error(p, "encrypted PDF (password required)")


@pytest.mark.timeout(20)
def test_pdf_header_with_garbage_body(tmp_path):
    p = tmp_path / "garbage.pdf"
    p.write_bytes(b"%PDF-1.7\n" + JUNK + b"\n%%EOF\n")
    with pytest.raises(UnreadableFile) as e:
        read_document(p)
    assert str(e.value).startswith(f"{p}: ") and "\n" not in str(e.value)


# -- DOCX ----------------------------------------------------------------------------------------

@pytest.mark.timeout(10)
def test_docx_that_is_not_a_zip(tmp_path):
    p = tmp_path / "letter.docx"
    p.write_text("Dear Sir, this was saved as plain text with a .docx name.")
    refused(p, "not a DOCX (not a zip archive)")


@pytest.mark.timeout(30)
def test_zip_bomb_disguised_as_docx(tmp_path):
    p = tmp_path / "bomb.docx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        for k in range(3):
            z.writestr(f"word/document{k or ''}.xml", b"\x00" * (50 * 2**20))
    assert p.stat().st_size < 1_000_000  # 150 MB declared
    refused(p, "DOCX would unzip to 150 MB, over the 100 MB limit", LimitExceeded)
    # a single highly compressed member is refused by its ratio even under the total limit
    refused(p, "DOCX member word/document.xml is compressed", LimitExceeded, Limits(max_unzipped_mb=1000))
    assert_cli_one_line_error(p, "DOCX would unzip to 150 MB")


# -- HTML ----------------------------------------------------------------------------------------

@pytest.mark.timeout(20)
@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_html_nested_thousands_deep_reads(tmp_path, depth):
    p = tmp_path / f"deep{depth}.html"
    p.write_text("<html><body>" + "<div><font><b>" * depth + "Section 1.1 Deep text."
                 + "</b></font></div>" * depth + "<p>After the nesting.</p></body></html>")
    doc = read_document(p)
    assert doc.text == "Section 1.1 Deep text.\n\nAfter the nesting.\n"


@pytest.mark.timeout(20)
def test_html_unclosed_tags_thousands_deep(tmp_path):
    p = tmp_path / "unclosed.htm"
    p.write_text("<table><tr><td>" * 3000 + "<font>" * 5000 + "Deep cell" + "<p>text" * 2000)
    doc = read_document(p)
    assert doc.text.startswith("Deep cell text")
    assert doc.text.count("text") == 2000


@pytest.mark.timeout(20)
@pytest.mark.parametrize("junk", ["<a href='x ", "<a b c d ", "<!--", "< a", "&#", "</", "<script>"])
def test_deep_html_with_hostile_markup_stays_linear(tmp_path, junk):
    """Past libxml2's depth limit the flat tokenizer reads; markup that makes html.parser
    quadratic (e.g. 100,000 unterminated attribute quotes) costs it one pass."""
    p = tmp_path / "hostile.html"
    p.write_text("<div>" * 3000 + "Notice: 30 days. " + junk * 100_000, encoding="utf-8")
    try:
        doc = read_document(p)
    except UnreadableFile as e:
        assert str(e).startswith(f"{p}: ")
    else:
        assert doc.text.startswith("Notice: 30 days.")


@pytest.mark.timeout(30)
def test_html_nested_through_the_cli(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<div>" * 20_000 + "Notice period: thirty (30) days." + "</div>" * 20_000)
    r = cli("text", str(p))
    assert r.returncode == 0 and r.stdout == "Notice period: thirty (30) days.\n", r.stderr


# -- size ----------------------------------------------------------------------------------------

@pytest.mark.timeout(20)
def test_50_mb_text_file_is_refused_by_its_size(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        chunk = b"The Buyer shall pay within thirty (30) days after the Closing Date.\n" * 16384
        while f.tell() < 50 * 2**20:
            f.write(chunk)
        f.truncate(50 * 2**20)
    refused(p, "file is 50.0 MB, over the 25 MB limit (CLAUSEKIT_MAX_FILE_MB)", LimitExceeded)
    assert_cli_one_line_error(p, "file is 50.0 MB, over the 25 MB limit")


@pytest.mark.timeout(30)
def test_file_size_limit_from_the_environment(tmp_path):
    p = tmp_path / "small.txt"
    p.write_bytes(b"Clause text. " * 100_000)  # 1.2 MB
    assert_cli_one_line_error(p, "file is 1.2 MB, over the 1 MB limit", env={"CLAUSEKIT_MAX_FILE_MB": "1"})
    r = cli("text", str(p), env={"CLAUSEKIT_MAX_FILE_MB": "lots"})
    assert r.returncode == 2 and r.stderr == "clausekit: error: CLAUSEKIT_MAX_FILE_MB='lots' is not a number\n"


def test_limits_from_env():
    limits = Limits.from_env({"CLAUSEKIT_MAX_FILE_MB": "2.5", "CLAUSEKIT_MAX_PDF_PAGES": "10"})
    assert limits == Limits(max_file_mb=2.5, max_pdf_pages=10)
    with pytest.raises(UsageError):
        Limits.from_env({"CLAUSEKIT_MAX_ZIP_RATIO": "-1"})


@pytest.mark.timeout(20)
def test_text_limit(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("word " * 1000)
    # 999 x "word " + "word" + the final newline = 5,000 characters
    refused(p, "text is 5,000 characters, over the 1,000 limit", LimitExceeded, Limits(max_text_chars=1000))


@pytest.mark.timeout(30)
def test_single_line_of_five_million_characters(tmp_path):
    p = tmp_path / "one-line.txt"
    p.write_bytes(b"word " * 1_000_000)
    doc = read_document(p)
    assert len(doc.text) == 5_000_000 and doc.text.count("\n") == 1
    assert doc.text == "word " * 999_999 + "word\n"


@pytest.mark.timeout(60)
def test_single_long_line_where_every_space_folds(tmp_path):
    """The worst case for the offset map: a point for each of 500,000 folded runs."""
    p = tmp_path / "spaced.txt"
    p.write_bytes(b"ab  " * 500_000)
    doc = read_document(p)
    assert doc.text == "ab " * 499_999 + "ab\n"
    assert doc.offset_map.to_source(3 * 400_000) == 4 * 400_000  # the 400,000th "ab"


# -- encodings and characters ------------------------------------------------------------------------

@pytest.mark.timeout(10)
def test_invalid_utf8_reads_as_windows_1252(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(b"The \x93Seller\x94 shall pay \x80100 within 30 days \x96 na\xefve caf\xe9.\n")
    assert read_document(p).text == "The “Seller” shall pay €100 within 30 days – naïve café.\n"


@pytest.mark.timeout(10)
@pytest.mark.parametrize("bom", [True, False])
def test_utf16_text(tmp_path, bom):
    text = "ARTICLE I\r\nDEFINITIONS\r\n“Closing Date” means April 1, 2021.\r\n"
    p = tmp_path / "utf16.txt"
    p.write_bytes(text.encode("utf-16" if bom else "utf-16-le"))
    assert read_document(p).text == "ARTICLE I\nDEFINITIONS\n“Closing Date” means April 1, 2021.\n"


@pytest.mark.timeout(10)
def test_nul_bytes_in_junk_mean_binary(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(b"Agreement\x00\x00\x00\x01\x02" * 200)
    refused(p, "binary file, not text")


@pytest.mark.timeout(10)
def test_a_stray_nul_in_real_text_is_dropped(tmp_path):
    p = tmp_path / "stray.txt"
    p.write_bytes(b"The Term ends on December 31, 2025. " * 20 + b"\x00\n")
    doc = read_document(p)
    assert "\x00" not in doc.text and doc.text.endswith("December 31, 2025.\n")


@pytest.mark.timeout(10)
def test_right_to_left_and_zero_width_characters(tmp_path):
    """RTL script is kept; invisible characters (ZWSP, word joiner, BOM, LRM/RLM, bidi
    overrides, soft hyphen) are removed, ZWJ/ZWNJ kept; offsets still point at the source."""
    source = ("Gover\u200bning Law\u00ad: \u202eLaw of Israel\u202c \u05d7\u05d5\u05e7 \u05d4\u05d7\u05d5\u05d6\u05d9\u05dd"
              " \u200f(\u0627\u0644\u0639\u0642\u062f)\u200e and \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n"
              "Due\u2060 within 30\ufeff days.\n")
    p = tmp_path / "rtl.txt"
    p.write_text(source, encoding="utf-8")
    doc = read_document(p)
    assert doc.text == ("Governing Law: Law of Israel \u05d7\u05d5\u05e7 \u05d4\u05d7\u05d5\u05d6\u05d9\u05dd"
                        " (\u0627\u0644\u0639\u0642\u062f) and \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n"
                        "Due within 30 days.\n")
    assert_offsets_point_at_source(doc, source)


# -- degenerate contracts ------------------------------------------------------------------------------

@pytest.mark.timeout(10)
def test_contract_of_only_headings(tmp_path):
    text = "ARTICLE I\nDEFINITIONS\n\nARTICLE II\nPURCHASE AND SALE\n\n1.\nTERM\n\n2\nPAYMENT\n\nSection 3.1 Notices.\n"
    p = tmp_path / "headings.txt"
    p.write_text(text)
    assert read_document(p).text == text


@pytest.mark.timeout(10)
def test_contract_of_only_dates(tmp_path):
    text = "".join(f"{m} {d}, 20{y}\n" for m, d, y in [("March", 1, 21), ("April", 2, 22), ("May", 3, 23)] * 30)
    text += "2021-03-23\n23/03/2021\n1\n2\n3\n"
    p = tmp_path / "dates.txt"
    p.write_text(text)
    assert read_document(p).text == text


@pytest.mark.timeout(10)
def test_directory_with_a_document_name(tmp_path):
    d = tmp_path / "folder.txt"
    d.mkdir()
    refused(d, "is a directory")


# -- a batch: the good agreement is read, every bad file reported on one line, exit 1 --------------------

@pytest.mark.timeout(120)
def test_batch_with_a_good_agreement_in_the_middle(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-empty.txt").write_bytes(b"")
    (inputs / "b-junk.pdf").write_bytes(JUNK)
    (inputs / "c-good.md").write_bytes(SEED.read_bytes())
    (inputs / "d-notzip.docx").write_text("not a zip")
    (inputs / "e-binary.txt").write_bytes(JUNK)
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "clausekit", "extract", "--out", str(out), str(inputs)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1
    assert sorted(x.name for x in out.iterdir()) == ["c-good.json"]
    errors = r.stderr.strip().split("\n")
    assert "Traceback" not in r.stderr
    assert errors[-1] == "clausekit: 4 of 5 files failed"
    assert [e.split(": ")[2].split("/")[-1] for e in errors[:-1]] == [
        "a-empty.txt", "b-junk.pdf", "d-notzip.docx", "e-binary.txt"]
