"""Issue 6: the error contract every command keeps.

Data only on stdout; one line per problem on stderr (`qatool: FILE: what is wrong`, plus a
hint where useful); exit 0 all fine, 1 some input failed (every other input still processed
and printed), 2 usage error; `--debug` shows the traceback; a closed pipe ends quietly;
`--strict` turns a record's warnings into errors.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qatool_run import qatool

from qatool.batch import Problem, iter_figures, iter_records
from qatool.models import Figure, Record

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "drugs-balkans.twfy.txt"
GOOD2 = REPO / "samples" / "example-commons-schools.twfy.txt"
CORPUS = REPO.parent / "shared" / "corpus" / "commons-written-answers-2023-09-to-2024-05.jsonl"
INTERNAL_HINT = "(hint: a bug in qatool; run with --debug for the traceback)"


def subprocess_qatool(
    *args: str | Path, stdin: bytes | None = None, prelude: str = ""
) -> subprocess.CompletedProcess[bytes]:
    """`qatool ARGS` as a real process; `prelude` is Python run first (to plant a bug)."""
    code = f"{prelude}\nfrom qatool.cli import main\nmain()"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


# --- stdout is data only; exit codes ---------------------------------------------------------


@pytest.mark.parametrize("output", ["--json", "--jsonl", "--csv"])
def test_all_fine_is_exit_0_and_nothing_on_stderr(output: str) -> None:
    command = "facts" if output == "--csv" else "parse"
    run = qatool(command, output, SEED, GOOD2)
    assert (run.code, run.err) == (0, "")


def test_json_output_stays_one_valid_array_when_an_input_fails(bad_file: Path) -> None:
    run = qatool("parse", "--json", SEED, bad_file, GOOD2)
    assert run.code == 1
    records = json.loads(run.out)  # stdout is data only, even on failure
    assert [r["source"]["path"] for r in records] == [str(SEED), str(GOOD2)]
    assert run.lines == [f"qatool: {bad_file}: empty file (hint: nothing to parse)"]


def test_facts_csv_stays_valid_when_an_input_fails(bad_file: Path) -> None:
    run = qatool("facts", "--csv", SEED, bad_file, GOOD2)
    assert run.code == 1
    assert run.out.splitlines()[0].startswith("path,record,source,part,text,start,end,kind")
    assert run.lines == [f"qatool: {bad_file}: empty file (hint: nothing to parse)"]


@pytest.mark.parametrize(
    "args",
    [
        ["parse", "--no-such-option"],
        ["facts", "--json", "--csv", str(SEED)],
        ["facts", "--source", "both", str(SEED)],
        ["parse", "--format", "nope", str(SEED)],
        ["schema", "nope"],
        ["nope"],
        ["parse", "--jobs", "-1", str(SEED)],
    ],
    ids=["option", "two outputs", "source", "format", "schema", "command", "jobs"],
)
def test_usage_errors_are_exit_2_and_one_line(args: list[str]) -> None:
    run = qatool(*args)
    assert run.code == 2
    assert run.out == ""
    assert len(run.lines) == 1, run.err
    assert run.lines[0].startswith("qatool: usage error: ")
    assert "(hint: see 'qatool" in run.lines[0]


def test_no_arguments_shows_the_help() -> None:
    run = qatool()
    assert run.code == 2
    assert "Usage: qatool" in run.err and "Commands" in run.err


@pytest.mark.parametrize("args", [["--help"], ["parse", "--help"], ["--version"], ["formats"]])
def test_help_and_version_are_exit_0(args: list[str]) -> None:
    run = qatool(*args)
    assert (run.code, run.err) == (0, "")
    assert run.out


# --- --strict -------------------------------------------------------------------------------


def test_warnings_live_in_the_record_and_strict_makes_them_errors(tmp_path: Path) -> None:
    novel = tmp_path / "novel.txt"
    novel.write_text("Call me Ishmael. Some 3 years ago I had £5 in my purse.\n", encoding="utf-8")
    run = qatool("parse", "--jsonl", SEED, novel)
    assert (run.code, run.err) == (0, "")
    record = json.loads(run.out.splitlines()[1])
    assert record["warnings"]
    strict = qatool("parse", "--jsonl", "--strict", SEED, novel)
    assert strict.code == 1
    assert len(strict.out.splitlines()) == 1  # the seed still came through
    assert strict.lines == [
        f"qatool: {novel}: record {record['id']}: {w} (refused under --strict)"
        for w in record["warnings"]
    ]
    facts = qatool("facts", "--jsonl", "--strict", SEED, novel)
    assert facts.lines == strict.lines and facts.code == 1


# --- unexpected errors: one line, the batch goes on, --debug shows the traceback ------------

PLANT_PARSER_BUG = """
import qatool.parsers.twfy_text as t
_parse = t.TwfyTextParser.parse
def parse(self, source):
    if "example-commons" in source.path:
        raise RuntimeError("boom\\nsecond line")
    return _parse(self, source)
t.TwfyTextParser.parse = parse
"""


def test_a_bug_in_a_parser_is_one_line_and_the_batch_goes_on(monkeypatch: Any) -> None:
    import qatool.parsers.twfy_text as twfy

    real = twfy.TwfyTextParser.parse

    def parse(self: Any, source: Any) -> Iterator[Any]:
        if "example-commons" in source.path:
            raise RuntimeError("boom\nsecond line")
        return real(self, source)

    monkeypatch.setattr(twfy.TwfyTextParser, "parse", parse)
    run = qatool("parse", "--jsonl", GOOD2, SEED)
    assert run.code == 1
    assert run.lines == [
        f"qatool: {GOOD2}: internal error: RuntimeError: boom second line {INTERNAL_HINT}"
    ]
    assert [json.loads(x)["source"]["path"] for x in run.out.splitlines()] == [str(SEED)]


def test_a_parser_bug_midway_keeps_the_records_before_it(monkeypatch: Any) -> None:
    from qatool.parsers.plain import PlainParser

    def parse(self: Any, source: Any) -> Iterator[Any]:
        yield from real(self, source)
        raise ValueError("went wrong after the first record")

    real = PlainParser.parse
    monkeypatch.setattr(PlainParser, "parse", parse)
    path = SEED.parent / "README.md"
    run = qatool("parse", "--jsonl", "--format", "plain", path, SEED)
    assert run.code == 1
    assert len(run.out.splitlines()) == 2  # each file's record came out before the error
    assert run.lines[0].startswith(f"qatool: {path}: after record 1: internal error: ValueError")


def test_a_bug_in_the_extractor_is_one_line_and_other_records_still_give_figures(
    monkeypatch: Any,
) -> None:
    import qatool.extract as extract_module

    def extract_figures(record: Record, sources: Any = ()) -> list[Figure]:
        if "example-commons" in record.source.path:
            raise KeyError("kind")
        return [
            Figure(
                path=record.source.path, record=record.id, text="£1", start=0, end=2, kind="money"
            )
        ]

    monkeypatch.setattr(extract_module, "extract_figures", extract_figures)
    run = qatool("facts", "--jsonl", SEED, GOOD2, SEED)
    assert run.code == 1
    figures = [json.loads(x) for x in run.out.splitlines()]
    assert [f["path"] for f in figures] == [str(SEED), str(SEED)]
    assert len(run.lines) == 1
    assert run.lines[0].startswith(f"qatool: {GOOD2}: record ")
    assert ": figures: internal error: KeyError: 'kind' " in run.lines[0]
    # the library function behaves the same
    items = list(iter_figures(iter_records([str(GOOD2)])))
    assert len(items) == 1 and isinstance(items[0], Problem)


def test_a_regex_timeout_is_reported_plainly(monkeypatch: Any) -> None:
    import qatool.extract as extract_module

    def extract_figures(record: Record, sources: Any = ()) -> list[Figure]:
        raise TimeoutError("regex time-out")

    monkeypatch.setattr(extract_module, "extract_figures", extract_figures)
    run = qatool("facts", "--jsonl", SEED)
    assert run.code == 1
    assert len(run.lines) == 1
    assert run.lines[0].startswith(f"qatool: {SEED}: record ")
    assert run.lines[0].endswith(
        ": figures: gave up: a pattern took too long (hint: the text is pathological "
        "(e.g. one enormous run of digits or symbols))"
    )


def test_debug_shows_the_traceback_of_a_bug() -> None:
    plain = subprocess_qatool("parse", "--jsonl", SEED, GOOD2, prelude=PLANT_PARSER_BUG)
    assert plain.returncode == 1
    assert b"Traceback" not in plain.stderr
    assert plain.stderr.decode().splitlines() == [
        f"qatool: {GOOD2}: internal error: RuntimeError: boom second line {INTERNAL_HINT}"
    ]
    assert len(plain.stdout.splitlines()) == 1
    debug = subprocess_qatool("--debug", "parse", "--jsonl", SEED, GOOD2, prelude=PLANT_PARSER_BUG)
    assert debug.returncode == 1
    assert b"Traceback (most recent call last)" in debug.stderr
    assert b"RuntimeError: boom" in debug.stderr


def test_ctrl_c_is_exit_130(monkeypatch: Any) -> None:
    from qatool.parsers.twfy_text import TwfyTextParser

    def parse(self: Any, source: Any) -> Iterator[Any]:
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(TwfyTextParser, "parse", parse)
    run = qatool("parse", "--jsonl", SEED)
    assert run.code == 130
    assert "Traceback" not in run.err


def test_problem_lines_are_always_one_line() -> None:
    problem = Problem("a\nb.txt", "bad\r\x00thing \ud800 £", "try\u2028this")
    assert problem.line() == "qatool: a\\nb.txt: bad\\r\\x00thing \\ud800 £ (hint: try\\u2028this)"
    assert Problem("f", "m").line() == "qatool: f: m"


# --- a closed pipe ends quietly ---------------------------------------------------------------


@pytest.mark.parametrize("output", ["--jsonl", "--json", "--table"])
def test_closed_pipe_ends_quietly(output: str) -> None:
    args = [sys.executable, "-m", "qatool", "parse", output, *[str(SEED)] * 400]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # `| head -c 100`
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0
    assert err == b""


# --- the whole corpus with bad inputs mixed in (../shared; skipped when absent) ---------------


def _bad_inputs(tmp_path: Path) -> list[Path]:
    tmp_path.mkdir(exist_ok=True)
    made = {
        "empty.txt": b"",
        "junk.bin": bytes(range(256)) * 8,
        "ws.txt": b"   \n\n",
        "cut.json": b'[{"questionText": "To ask the Secretary of State',
        "shape.json": b'{"foo": 1}',
        "deep.json": b"[" * 10_000 + b"]" * 10_000,
    }
    paths = []
    for name, data in made.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    paths.append(tmp_path / "missing.txt")
    paths.append(tmp_path)  # a directory
    return paths


def _corpus(tmp_path: Path) -> Path:
    """The corpus; by default its first 200 records (a scratch file outside the repo), all
    of it with QATOOL_FULL_CORPUS=1 (about two minutes)."""
    if not CORPUS.is_file():
        pytest.skip("../shared/corpus is not beside the repo")
    if os.environ.get("QATOOL_FULL_CORPUS"):
        return CORPUS
    part = tmp_path / "corpus-head.jsonl"
    with CORPUS.open(encoding="utf-8") as lines:
        part.write_text("".join(line for _, line in zip(range(200), lines, strict=False)))
    return part


def test_corpus_with_bad_inputs_mixed_in(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    bad = _bad_inputs(tmp_path / "bad")
    half = len(bad) // 2
    mixed = subprocess_qatool("facts", "--jsonl", *bad[:half], corpus, *bad[half:])
    alone = subprocess_qatool("facts", "--jsonl", corpus)
    assert alone.returncode == 0, alone.stderr[:500]
    assert alone.stderr == b""
    assert mixed.returncode == 1
    lines = mixed.stderr.decode().splitlines()
    assert len(lines) == len(bad)  # one line per bad input
    assert [line.split(": ")[1] for line in lines] == [str(p) for p in bad]
    assert b"Traceback" not in mixed.stderr
    assert mixed.stdout == alone.stdout  # every good record's figures, exactly


def test_corpus_records_are_all_parsed(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    with corpus.open(encoding="utf-8") as lines:
        count = sum(1 for line in lines if line.strip())
    items = list(iter_records([str(corpus)]))
    problems = [i for i in items if isinstance(i, Problem)]
    assert problems == []
    assert len(items) == count


@pytest.mark.skipif(os.cpu_count() == 1, reason="one core")
def test_jobs_keeps_the_contract(tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path / "bad")
    serial = qatool("parse", "--jsonl", SEED, *bad, GOOD2)
    parallel = qatool("parse", "--jsonl", "--jobs", "2", SEED, *bad, GOOD2)
    assert parallel.code == serial.code == 1
    assert parallel.lines == serial.lines
    assert parallel.out == serial.out


# --- the stall guard: a parser or extractor caught in a loop does not hang the batch -------


def test_a_parser_caught_in_a_loop_is_given_up_and_the_batch_goes_on(
    monkeypatch: Any, tmp_path: Path
) -> None:
    import qatool.batch as batch
    import qatool.parsers.twfy_text as twfy

    real = twfy.TwfyTextParser.parse

    def parse(self: Any, source: Any) -> Iterator[Any]:
        if "example-commons" in source.path:
            while True:  # a bug: never yields
                pass
        return real(self, source)

    monkeypatch.setattr(twfy.TwfyTextParser, "parse", parse)
    monkeypatch.setattr(batch, "STALL_SECONDS", 1.0)
    monkeypatch.setattr(batch, "STALL_PER_MB", 0.0)
    run = qatool("parse", "--jsonl", SEED, GOOD2, SEED)
    assert run.code == 1
    assert run.lines == [
        f"qatool: {GOOD2}: gave up: no progress in 1 s (hint: a bug in qatool (it stopped "
        "making progress); run with --debug for the traceback)"
    ]
    assert len(run.out.splitlines()) == 2


def test_an_extractor_caught_in_a_loop_is_given_up_and_the_batch_goes_on(
    monkeypatch: Any,
) -> None:
    import qatool.batch as batch
    import qatool.extract as extract_module

    def extract_figures(record: Record, sources: Any = ()) -> list[Figure]:
        if "example-commons" in record.source.path:
            while True:
                pass
        return [
            Figure(
                path=record.source.path, record=record.id, text="x", start=0, end=1, kind="count"
            )
        ]

    monkeypatch.setattr(extract_module, "extract_figures", extract_figures)
    monkeypatch.setattr(batch, "STALL_SECONDS", 1.0)
    run = qatool("facts", "--jsonl", SEED, GOOD2, SEED)
    assert run.code == 1
    assert len(run.lines) == 1
    assert run.lines[0].startswith(f"qatool: {GOOD2}: record ")
    assert ": figures: gave up: no progress in 1 s (hint: " in run.lines[0]
    assert len(run.out.splitlines()) == 2


def test_the_stall_guard_leaves_a_signal_handler_alone(monkeypatch: Any) -> None:
    import signal

    from qatool.batch import watched

    def mine(signum: int, frame: Any) -> None:  # pragma: no cover - never rings
        pass

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        assert list(watched(iter([1, 2]), 0.5)) == [1, 2]
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert list(watched(iter([1, 2]), 0.5)) == [1, 2]
    assert signal.getsignal(signal.SIGALRM) == previous
