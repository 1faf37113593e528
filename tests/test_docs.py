"""The README stays true: its two commands, every CLI command documented, help for each."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from qatool.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
CI = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
runner = CliRunner()


def test_readme_opens_with_the_two_commands() -> None:
    block = re.search(r"## Two commands.*?```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert (
        "pip install -e ." in commands[0]
        and "qatool facts samples/drugs-balkans.twfy.txt" in commands[0]
    )
    # CI runs exactly the README's test command
    assert commands[1] in CI


def test_every_command_is_in_the_readme_and_has_help() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert set(names) >= {"parse", "facts", "schema", "formats"}
    for name in names:
        assert f"qatool {name}" in README, name
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert len(result.stdout) > 100


def test_every_format_is_in_the_readme() -> None:
    from qatool.parsers import format_names

    for name in format_names():
        assert f"| `{name}` |" in README, name
