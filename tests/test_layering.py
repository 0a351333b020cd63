"""The layering rules of the architecture, checked on the source: who may import what."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "clausekit"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def modules() -> list[tuple[str, set[str]]]:
    return [(str(p.relative_to(PKG)), imports_of(p)) for p in sorted(PKG.rglob("*.py"))]


def test_only_nlp_and_the_bridge_import_spacy():
    offenders = [m for m, imps in modules() if "spacy" in imps
                 and not (m.startswith("nlp/") or m == "extract.py")]
    assert offenders == []


def test_only_tui_imports_textual():
    offenders = [m for m, imps in modules() if "textual" in imps and not m.startswith("tui/")]
    assert offenders == []


def test_only_store_speaks_sql():
    sql = {"sqlite3", "sqlite_utils"}
    offenders = [m for m, imps in modules() if imps & sql and not m.startswith("store/")]
    assert offenders == []


def test_deadline_engine_has_no_spacy_or_textual():
    offenders = [m for m, imps in modules() if m.startswith("deadlines/") and imps & {"spacy", "textual"}]
    assert offenders == []


def test_the_checks_see_the_package():
    # guards against the scans above passing vacuously on an empty or moved package
    names = [m for m, _ in modules()]
    assert "extract.py" in names and any(n.startswith("nlp/") for n in names)
    assert any("spacy" in imps for _, imps in modules())
