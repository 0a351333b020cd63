"""`clausekit text` and `clausekit extract`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from clausekit.errors import ClausekitError, Exit
from clausekit.ingest import EXTENSIONS, read_document


def iter_files(paths: tuple[str, ...]) -> list[Path]:
    """Files named, and files with a known extension found recursively in folders named."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in EXTENSIONS
                          and not f.name.endswith(".gold.json"))
        else:
            out.append(p)
    return out


@click.command("text")
@click.argument("file", type=click.Path(dir_okay=False))
def text_cmd(file: str) -> None:
    """Print the normalized plain text of FILE (what every offset refers to).

    \b
    Example:
        clausekit text corpus/vnet-13da-sra.md | less
    """
    click.echo(read_document(file).text, nl=False)


def render_table(rec: dict) -> str:
    lines = [f"{rec.get('title') or '(untitled)'}  [{rec['source'].get('path')}]"]
    if rec.get("agreement_date"):
        lines.append(f"dated {rec['agreement_date']}")
    for p in rec.get("parties") or []:
        alias = f" ({', '.join(p['aliases'])})" if p.get("aliases") else ""
        lines.append(f"party: {p['name']}{alias}")
    if rec.get("governing_law"):
        lines.append(f"governing law: {rec['governing_law'].get('jurisdiction')}")
    if rec.get("calendar"):
        lines.append(f"calendar: {rec['calendar']['name']} ({rec['calendar']['source']})")
    lines.append("")
    for s in rec.get("sections") or []:
        indent = "  " * max(0, (s.get("level") or 1) - 1)
        lines.append(f"{indent}{s['number']}  {s.get('heading') or ''}".rstrip())
    if rec.get("deadlines"):
        lines.append("")
        lines.append("time provisions:")
        for d in rec["deadlines"]:
            due = d.get("due") or (f"pending on {d['pending_on']}" if d.get("pending_on") else "-")
            lines.append(f"  [{d.get('section') or '-'}] {d['kind']:<8} {due:<12} {d['quote']}")
            if d.get("explanation"):
                lines.append(f"      {d['explanation']}")
    return "\n".join(lines)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="write DIR/<name>.json for every file instead of printing (skips records that are current)")
@click.option("--force", is_flag=True, help="with --out: rewrite records even when current")
def extract_cmd(paths: tuple[str, ...], fmt: str, out_dir: str | None, force: bool) -> None:
    """Extract the record of each agreement (parties, sections, time provisions, ...).

    \b
    Examples:
        clausekit extract corpus/vnet-13da-sra.md --format table
        clausekit extract --out records/ corpus/
    """
    from clausekit.records import record_of, record_path, write_record

    files = iter_files(paths)
    if out_dir is None and len(files) != 1:
        raise click.UsageError("give one FILE, or use --out DIR for several files or folders")
    failed = 0
    taken: dict[Path, Path] = {}  # record path -> the file it holds: a/x.md and b/x.txt would share x.json
    for f in files:
        try:
            if out_dir is not None:
                target = record_path(out_dir, f)
                if taken.setdefault(target, f) != f:
                    raise ClausekitError(f"its record {target.name} is already written for {taken[target]} "
                                         "in this run (rename one of them)", path=str(f))
                write_record(f, out_dir, force=force)
                continue
            rec = record_of(read_document(f))
            click.echo(json.dumps(rec, indent=2, ensure_ascii=False) if fmt == "json" else render_table(rec))
        except ClausekitError as e:
            failed += 1
            click.echo(f"clausekit: error: {e}", err=True)
        except Exception as e:  # a bug in a component must not take the rest of the batch down
            from clausekit.commands.extract_pool import crash_reason

            failed += 1
            click.echo(f"clausekit: error: {f}: {crash_reason(e)}", err=True)
    if failed:
        if out_dir:
            click.echo(f"clausekit: {failed} of {len(files)} files failed", err=True)
        sys.exit(Exit.FAILED)
