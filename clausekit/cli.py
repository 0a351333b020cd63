"""The `clausekit` command line: a thin layer that parses, calls one library function, renders.

Commands live in ``clausekit/commands/`` and are imported only when invoked, so that
``clausekit remind`` (run nightly from cron) never imports spaCy or Textual.
Errors are one line on stderr and a non-zero exit (see ``clausekit.errors.Exit``).
"""
from __future__ import annotations

import importlib
import sys

import click

from clausekit import __version__
from clausekit.errors import ClausekitError, Exit

#: command name -> "module:attribute" of its click command
COMMANDS: dict[str, str] = {
    "text": "clausekit.commands.extract:text_cmd",
    "extract": "clausekit.commands.extract:extract_cmd",
    "due": "clausekit.commands.due:due_cmd",
    "ingest": "clausekit.commands.tracker:ingest_cmd",
    "deadlines": "clausekit.commands.tracker:deadlines_cmd",
    "event": "clausekit.commands.tracker:event_cmd",
    "events": "clausekit.commands.tracker:events_cmd",
    "done": "clausekit.commands.tracker:done_cmd",
    "waive": "clausekit.commands.tracker:waive_cmd",
    "reopen": "clausekit.commands.tracker:reopen_cmd",
    "assign": "clausekit.commands.tracker:assign_cmd",
    "note": "clausekit.commands.tracker:note_cmd",
    "snooze": "clausekit.commands.tracker:snooze_cmd",
    "contracts": "clausekit.commands.tracker:contracts_cmd",
    "show": "clausekit.commands.tracker:show_cmd",
    "search": "clausekit.commands.tracker:search_cmd",
    "backup": "clausekit.commands.tracker:backup_cmd",
    "remove": "clausekit.commands.tracker:remove_cmd",
    "restore": "clausekit.commands.tracker:restore_cmd",
    "demo": "clausekit.commands.tracker:demo_cmd",
    "remind": "clausekit.commands.remind:remind_cmd",
    "export": "clausekit.commands.export:export_cmd",
    "tui": "clausekit.commands.tui:tui_cmd",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attr = target.partition(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError):
            return None  # not built yet: click reports "No such command"


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clausekit")
def cli() -> None:
    """clausekit: find every deadline in an agreement, resolve it to a date, and track it.

    \b
    Example:
        clausekit extract corpus/vnet-13da-sra.md --format table
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI, turning ClausekitError into one line on stderr."""
    try:
        rv = cli.main(args=argv, prog_name="clausekit", standalone_mode=False)
    except ClausekitError as e:
        click.echo(f"clausekit: error: {e}", err=True)
        sys.exit(int(e.exit_code))
    except click.exceptions.Abort:
        click.echo("clausekit: aborted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(Exit.USAGE if e.exit_code == 2 else e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("clausekit: interrupted", err=True)
        sys.exit(130)
    sys.exit(rv if isinstance(rv, int) else 0)
