"""The CLI, through Typer's runner and as a real subprocess: outputs, stdin, many files, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from qatool import __version__
from qatool.cli import app
from qatool.models import Figure, Record

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = SAMPLES / "drugs-balkans.twfy.txt"
EXAMPLES = sorted(SAMPLES.glob("example-*.twfy.txt"))
runner = CliRunner()


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "qatool", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"qatool {__version__}"


def test_help_shows_an_example() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "qatool facts --jsonl" in result.stdout
    for command in ("parse", "facts", "schema", "formats"):
        assert command in result.stdout


def test_parse_json_is_one_array_of_valid_records() -> None:
    result = runner.invoke(app, ["parse", "--json", str(SEED)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    record = Record.model_validate(data[0])
    assert record.heading == "Drugs: Balkans"
    assert record.source.path == str(SEED)
    jsonschema.validate(data[0], Record.model_json_schema())


def test_parse_jsonl_many_files_in_order() -> None:
    paths = [str(SEED), *map(str, EXAMPLES)]
    result = runner.invoke(app, ["parse", "--jsonl", *paths])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == paths


def test_parse_glob_pattern() -> None:
    result = runner.invoke(app, ["parse", "--jsonl", str(SAMPLES / "example-*.twfy.txt")])
    assert result.exit_code == 0
    assert [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()] == list(
        map(str, EXAMPLES)
    )


def test_glob_that_matches_nothing_is_an_error() -> None:
    result = runner.invoke(app, ["parse", "--jsonl", str(SAMPLES / "nothing-*.txt")])
    assert result.exit_code == 1
    assert "no files match this pattern" in result.stderr


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(
        app,
        [
            "parse",
            "--jsonl",
            str(SEED),
            str(empty),
            str(tmp_path / "missing.txt"),
            str(EXAMPLES[0]),
        ],
    )
    assert result.exit_code == 1
    paths = [json.loads(line)["source"]["path"] for line in result.stdout.splitlines()]
    assert paths == [str(SEED), str(EXAMPLES[0])]
    assert result.stderr.splitlines() == [
        f"qatool: {empty}: empty file (hint: nothing to parse)",
        f"qatool: {tmp_path / 'missing.txt'}: no such file",
    ]


def test_unknown_format_name_is_a_usage_error() -> None:
    result = runner.invoke(app, ["parse", "--format", "nope", str(SEED)])
    assert result.exit_code == 2
    assert "unknown format 'nope'" in result.stderr


def test_two_output_flags_is_a_usage_error() -> None:
    result = runner.invoke(app, ["facts", "--json", "--csv", str(SEED)])
    assert result.exit_code == 2


def test_schema_record_and_figure() -> None:
    for what, model in (("record", Record), ("figure", Figure)):
        result = runner.invoke(app, ["schema", what])
        assert result.exit_code == 0
        assert json.loads(result.stdout) == model.model_json_schema()
    assert runner.invoke(app, ["schema", "nope"]).exit_code == 2


def test_formats_lists_every_parser() -> None:
    from qatool.parsers import format_names

    result = runner.invoke(app, ["formats", "--json"])
    assert [f["name"] for f in json.loads(result.stdout)] == format_names()
    assert {"twfy-text", "scotparl-text", "plain"} <= set(format_names())
    assert "scotparl-text" in result.stdout


def test_facts_csv_header_is_the_figure_fields() -> None:
    result = runner.invoke(app, ["facts", "--csv", str(SEED)])
    assert result.exit_code == 0
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[:8] == ["path", "record", "source", "part", "text", "start", "end", "kind"]
    assert "when_start" in header and "normalized_unit" in header


def test_facts_source_filter_and_bad_value() -> None:
    question_only = runner.invoke(app, ["facts", "--jsonl", "--source", "question", str(SEED)])
    assert question_only.exit_code == 0
    assert question_only.stdout == ""  # the seed's question states no figure
    assert runner.invoke(app, ["facts", "--source", "both", str(SEED)]).exit_code == 2


# --- as a real process ----------------------------------------------------------------------


def test_subprocess_stdin_dash_and_no_file() -> None:
    data = SEED.read_bytes()
    for args in (["parse", "--jsonl", "-"], ["parse", "--jsonl"]):
        proc = run(*args, stdin=data)
        assert proc.returncode == 0, proc.stderr
        record = json.loads(proc.stdout)
        assert record["source"]["path"] == "-"
        assert record["heading"] == "Drugs: Balkans"


def test_subprocess_bad_file_among_good_ones(tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 20)
    proc = run("parse", "--jsonl", str(SEED), str(junk), str(EXAMPLES[0]))
    assert proc.returncode == 1
    assert len(proc.stdout.decode().splitlines()) == 2
    assert proc.stderr.decode().splitlines() == [
        f"qatool: {junk}: binary data, not text (hint: qatool reads text, HTML, XML or JSON)"
    ]
    assert b"Traceback" not in proc.stderr


def test_subprocess_default_output_when_piped_is_jsonl() -> None:
    proc = run("parse", str(SEED))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["heading"] == "Drugs: Balkans"


def test_subprocess_table_view() -> None:
    proc = run("parse", "--table", str(SEED))
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "Drugs: Balkans" in out and "The Marquess of Lothian" in out


@pytest.mark.parametrize("command", ["parse", "facts"])
def test_subprocess_usage_error_exit_2(command: str) -> None:
    proc = run(command, "--no-such-option")
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr
