"""The docs cannot drift: every CLI command has help text and appears in the README."""

from __future__ import annotations

from pathlib import Path

import typer.main

from dateline.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_in_the_readme():
    group = typer.main.get_command(app)
    assert group.commands, "no commands registered"
    for name, command in group.commands.items():
        assert (command.help or "").strip(), f"`dateline {name}` has no help text"
        assert f"`dateline {name}" in README, f"`dateline {name}` is not documented in README.md"


def test_readme_gives_the_two_newcomer_commands():
    assert "./scripts/bootstrap && .venv/bin/dateline run examples/" in README
    assert "./scripts/bootstrap && .venv/bin/python -m pytest --slow" in README
