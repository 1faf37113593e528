"""`--jobs N`: the same output, in the same order, with one worker or several — for many
files, for one large JSON Lines file cut into chunks, and with problems among the inputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import qatool.parallel
from qatool.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CORPUS = "corpus/commons-written-answers-2023-09-to-2024-05.jsonl"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def many_tasks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file its own task and JSON Lines cut into small chunks, so that a handful of
    inputs already spreads over the workers."""
    monkeypatch.setattr(qatool.parallel, "TASK_BYTES", 1)
    monkeypatch.setattr(qatool.parallel, "SPLIT_BYTES", 2000)


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    """The repo's samples, several times over, with a missing file in the middle."""
    paths = []
    for i in range(4):
        for sample in sorted(SAMPLES.glob("*.twfy.txt")):
            copy = tmp_path / f"{i}-{sample.name}"
            copy.write_bytes(sample.read_bytes())
            paths.append(str(copy))
    paths.insert(len(paths) // 2, str(tmp_path / "missing.txt"))
    return paths


@pytest.mark.usefixtures("many_tasks")
@pytest.mark.parametrize(
    "args",
    [
        ["parse", "--jsonl"],
        ["parse", "--json"],
        ["facts", "--jsonl"],
        ["facts", "--csv"],
        ["facts", "--json", "--kind", "money,mass"],
    ],
)
def test_many_files_same_output_in_order(files: list[str], args: list[str]) -> None:
    one = invoke(*args, "--jobs", "1", *files)
    two = invoke(*args, "--jobs", "2", *files)
    assert one == two
    code, out, err = two
    assert code == 1  # the missing file
    assert err.count("missing.txt: no such file") == 1
    if args[0] == "parse":
        assert out.count('"heading"') == len(files) - 1


@pytest.mark.usefixtures("many_tasks")
def test_table_output_same_with_jobs(files: list[str]) -> None:
    assert invoke("facts", "--table", "-j", "1", *files) == invoke(
        "facts", "--table", "-j", "2", *files
    )


def test_one_file_does_not_start_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A single small input is one task: it runs in the process itself."""
    import multiprocessing

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a pool was started for one task")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    sample = str(SAMPLES / "drugs-balkans.twfy.txt")
    assert invoke("facts", "--jsonl", "-j", "2", sample) == invoke("facts", "--jsonl", sample)


@pytest.fixture
def big_jsonl(shared_dir: Path, tmp_path: Path) -> Path:
    """The first 600 corpus records as one JSON Lines file, one line broken in the middle."""
    lines = (shared_dir / CORPUS).read_text(encoding="utf-8").splitlines(keepends=True)[:600]
    lines[301] = lines[301][:40] + "\n"
    path = tmp_path / "answers.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.usefixtures("many_tasks")
@pytest.mark.parametrize("command", ["parse", "facts"])
def test_one_large_jsonl_is_split_and_kept_in_order(big_jsonl: Path, command: str) -> None:
    tasks = list(qatool.parallel._tasks([str(big_jsonl)]))
    assert len(tasks) > 10  # really cut into chunks
    one = invoke(command, "--jsonl", "-j", "1", str(big_jsonl))
    two = invoke(command, "--jsonl", "-j", "2", str(big_jsonl))
    assert one == two
    assert one[0] == 1
    assert "line 302" in one[2]  # the broken line, counted from the start of the file


def test_subprocess_jobs_on_a_large_jsonl(big_jsonl: Path) -> None:
    """Default chunk sizes, real processes (a ~1 MB file is cut in several chunks)."""

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "qatool", "parse", "--jsonl", *args, str(big_jsonl)],
            capture_output=True,
            timeout=300,
            check=False,
        )

    one, two = run("--jobs", "1"), run("--jobs", "2")
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert one.stdout.count(b"\n") == 599


def test_jobs_zero_means_every_core() -> None:
    assert qatool.parallel.resolve_jobs(0) >= 1
    assert qatool.parallel.resolve_jobs(3) == 3


def test_jobs_must_not_be_negative() -> None:
    code, _, _ = invoke("parse", "--jobs", "-1", str(SAMPLES / "drugs-balkans.twfy.txt"))
    assert code == 2


@pytest.mark.usefixtures("many_tasks")
@pytest.mark.parametrize("format", ["plain", "api-json"])
def test_a_chosen_format_is_respected(big_jsonl: Path, format: str) -> None:
    """Only the api-json parser reads JSON Lines line by line: with another format the file
    is not cut, so it is parsed exactly as with one worker."""
    if format == "plain":
        assert len(list(qatool.parallel._tasks([str(big_jsonl)], "plain"))) == 1
    args = ("parse", "--jsonl", "--format", format, str(big_jsonl))
    assert invoke(*args, "-j", "1") == invoke(*args, "-j", "2")


@pytest.mark.usefixtures("many_tasks")
def test_json_lines_of_something_else_same_output(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    path.write_text("".join(f'{{"n": {i}, "pad": "{"x" * 50}"}}\n' for i in range(200)))
    assert invoke("facts", "--jsonl", "-j", "1", str(path)) == invoke(
        "facts", "--jsonl", "-j", "2", str(path)
    )
