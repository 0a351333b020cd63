"""Every command is built, documented in its --help with a worked example, and in the README."""
from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from clausekit.cli import COMMANDS, cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def leaf_commands():
    ctx = click.Context(cli)
    for name in sorted(COMMANDS):
        cmd = cli.get_command(ctx, name)
        assert cmd is not None, f"`clausekit {name}` is registered but does not load"
        if isinstance(cmd, click.Group):
            for sub in sorted(cmd.list_commands(ctx)):
                yield f"{name} {sub}", cmd.get_command(ctx, sub)
        else:
            yield name, cmd


@pytest.mark.parametrize("name,cmd", list(leaf_commands()))
def test_command_has_help_with_an_example(name, cmd):
    r = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert r.exit_code == 0, r.output
    assert (cmd.help or "").strip(), f"`clausekit {name}` has no help text"
    assert re.search(r"example", r.output, re.I), f"`clausekit {name} --help` shows no example"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_the_readme(name):
    assert re.search(rf"clausekit {re.escape(name)}\b", README), f"README does not show `clausekit {name}`"
