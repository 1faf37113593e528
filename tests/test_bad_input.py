"""Issue 6: every kind of bad input gets the error contract, and the good inputs around it
are still processed.

Each case runs `qatool parse --jsonl GOOD BAD GOOD2` (and `facts` where it matters) through
`qatool.cli.main` in this process, and asserts the exit code, the exact stderr lines and the
records printed for the good inputs. Large inputs are generated in tmp_path, never committed.
"""

from __future__ import annotations

import codecs
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from qatool_run import Run, qatool

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "samples" / "drugs-balkans.twfy.txt"
GOOD2 = REPO / "samples" / "example-commons-schools.twfy.txt"
TEST_SAMPLES = REPO / "tests" / "samples"


def around(bad: Path | str, *options: str, command: str = "parse") -> Run:
    """`qatool COMMAND --jsonl OPTIONS SEED BAD GOOD2`."""
    return qatool(command, "--jsonl", *options, SEED, bad, GOOD2)


def assert_neighbours_kept(run: Run, bad: Path | str, bad_records: int) -> None:
    """The good inputs before and after the bad one came through, in order."""
    assert run.paths == [str(SEED)] + [str(bad)] * bad_records + [str(GOOD2)], run.err
    assert "Traceback" not in run.err


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# --- inputs that cannot be read: one exact stderr line, exit 1 ------------------------------

BINARY_HINT = "binary data, not text (hint: qatool reads text, HTML, XML or JSON)"
UNREADABLE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing file": (lambda d: d / "missing.txt", "no such file"),
    "directory": (
        lambda d: _mkdir(d / "a-dir"),
        "is a directory (hint: give the files inside it, e.g. DIR/*.txt)",
    ),
    "empty file": (lambda d: _write(d / "empty.txt", b""), "empty file (hint: nothing to parse)"),
    "whitespace only": (
        lambda d: _write(d / "ws.txt", b" \n\t\r\n \x0c \r"),
        "only white space (hint: nothing to parse)",
    ),
    "UTF-8 BOM then nothing": (
        lambda d: _write(d / "bom-ws.txt", codecs.BOM_UTF8 + b"\n \n"),
        "only white space (hint: nothing to parse)",
    ),
    "binary junk": (
        lambda d: _write(d / "junk.bin", random.Random(6).randbytes(8192)),
        BINARY_HINT,
    ),
    "binary with NUL": (
        lambda d: _write(d / "nul.txt", b"To ask the Secretary\x00 of State \x00\x01\x02"),
        BINARY_HINT,
    ),
    "PNG header": (
        lambda d: _write(d / "img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)),
        BINARY_HINT,
    ),
    "UTF-16 cut mid-character": (
        lambda d: _write(
            d / "u16-cut.txt", codecs.BOM_UTF16_LE + "To ask £5".encode("utf-16-le")[:-1]
        ),
        "invalid utf-16-le text at byte 18 (hint: is it a binary file, or cut short?)",
    ),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_input_is_one_line_and_neighbours_still_processed(
    tmp_path: Path, case: str
) -> None:
    make, message = UNREADABLE[case]
    bad = make(tmp_path)
    for command in ("parse", "facts"):
        run = around(bad, command=command)
        assert run.code == 1
        assert run.lines == [f"qatool: {bad}: {message}"]
        if command == "parse":
            assert_neighbours_kept(run, bad, 0)


def test_unreadable_standard_input(tmp_path: Path) -> None:
    run = qatool("parse", "--jsonl", "-", stdin=random.Random(7).randbytes(4096))
    assert (run.code, run.out, run.lines) == (1, "", [f"qatool: -: {BINARY_HINT}"])
    run = qatool("parse", "--jsonl", stdin=b"")
    assert (run.code, run.lines) == (1, ["qatool: -: empty file (hint: nothing to parse)"])


def test_a_path_with_a_line_break_still_gives_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "two\nlines.txt"
    run = around(bad)
    assert run.code == 1
    escaped = str(bad).replace("\n", "\\n")
    assert run.lines == [f"qatool: {escaped}: no such file"]
    assert_neighbours_kept(run, bad, 0)


# --- text in other encodings and line ends: read, and the encoding reported ---------------


def _encoded(text: str, encoding: str, bom: bytes = b"") -> bytes:
    return bom + text.encode(encoding)


SAMPLE = (
    "To ask the Secretary of State for Health and Social Care how much was spent on agency "
    "nurses in 2023.\n\nThe Department spent £300 million (about €350 million) on café "
    "staff and agency nurses in 2023.\n"
)
ENCODINGS: dict[str, tuple[bytes, str]] = {
    "UTF-8": (_encoded(SAMPLE, "utf-8"), "utf-8"),
    "UTF-8 with BOM": (_encoded(SAMPLE, "utf-8", codecs.BOM_UTF8), "utf-8"),
    "UTF-16 LE with BOM": (_encoded(SAMPLE, "utf-16-le", codecs.BOM_UTF16_LE), "utf-16-le"),
    "UTF-16 BE with BOM": (_encoded(SAMPLE, "utf-16-be", codecs.BOM_UTF16_BE), "utf-16-be"),
    "UTF-16 LE, no BOM": (_encoded(SAMPLE, "utf-16-le"), "utf-16-le"),
    "UTF-32 with BOM": (_encoded(SAMPLE, "utf-32-le", codecs.BOM_UTF32_LE), "utf-32-le"),
    "Windows-1252 (£ is 0xA3)": (_encoded(SAMPLE, "cp1252"), "cp1252"),
}


@pytest.mark.parametrize("case", list(ENCODINGS))
def test_encodings_are_detected_and_reported(tmp_path: Path, case: str) -> None:
    data, encoding = ENCODINGS[case]
    bad = _write(tmp_path / "answer.txt", data)
    run = around(bad)
    assert run.code == 0, run.err
    assert run.err == ""
    assert_neighbours_kept(run, bad, 1)
    record = run.items[1]
    assert record["source"]["encoding"] == encoding
    assert record["source"]["format"] == "plain"
    assert record["question"]["text"].startswith("To ask the Secretary")  # no BOM left
    assert "£300 million (about €350 million) on café" in record["answer"]["text"]
    assert record["warnings"] == []


def test_declared_legacy_charset_is_used(tmp_path: Path) -> None:
    # ISO-8859-15 puts € at 0xA4 where Windows-1252 has ¤: only the declaration tells.
    text = (
        '<?xml version="1.0" encoding="ISO-8859-15"?>\n'
        "To ask the Chancellor what the cost was.\n\nIt was €5 and £3.\n"
    )
    bad = _write(tmp_path / "declared.txt", text.encode("iso-8859-15"))
    run = around(bad)
    assert run.code == 0, run.err
    record = run.items[1]
    assert record["source"]["encoding"] == "iso8859-15"
    assert "It was €5 and £3." in record["answer"]["text"]


def test_invalid_utf8_is_replaced_with_a_warning_and_refused_under_strict(
    tmp_path: Path,
) -> None:
    data = SAMPLE.encode("utf-8")
    cut = data.index(b"million") + 2
    data = data[:cut] + b"\xff" + data[cut:]  # one bad byte in otherwise good UTF-8
    bad = _write(tmp_path / "bad-utf8.txt", data)
    run = around(bad)
    assert run.code == 0, run.err
    assert run.err == ""
    assert_neighbours_kept(run, bad, 1)
    record = run.items[1]
    assert record["source"]["encoding"] == "utf-8"
    assert "£300 mi\ufffdllion" in record["answer"]["text"]
    warning = f"invalid UTF-8: 1 byte sequence replaced by U+FFFD (the first at byte {cut})"
    assert record["warnings"][0] == warning

    strict = around(bad, "--strict")
    assert strict.code == 1
    assert strict.lines[0] == (
        f"qatool: {bad}: record {record['id']}: {warning} (refused under --strict)"
    )
    assert all(line.startswith(f"qatool: {bad}: record ") for line in strict.lines)
    assert_neighbours_kept(strict, bad, 0)


def test_legacy_bytes_that_are_not_utf8_read_as_cp1252(tmp_path: Path) -> None:
    bad = _write(tmp_path / "latin.txt", b"It cost \xa3300 at the caf\xe9 in 2023.\n")
    run = around(bad)
    assert run.code == 0, run.err
    record = run.items[1]
    assert record["source"]["encoding"] == "cp1252"
    assert record["answer"]["text"] == "It cost £300 at the café in 2023."


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "lone CR"])
def test_crlf_and_lone_cr_read_like_lf(tmp_path: Path, newline: str) -> None:
    lf = qatool("parse", "--jsonl", SEED).items[0]
    bad = _write(tmp_path / "seed.txt", seed_text().replace("\n", newline).encode("utf-8"))
    run = around(bad)
    assert run.code == 0, run.err
    assert_neighbours_kept(run, bad, 1)
    got = run.items[1]
    for key in ("id", "heading", "question", "answer", "asked_by", "answered_by", "warnings"):
        assert got[key] == lf[key], key
    assert got["source"]["format"] == lf["source"]["format"] == "twfy-text"


# --- inputs a parser reads only in part ------------------------------------------------------


def _api_line(n: int) -> str:
    return json.dumps(
        {
            "id": 9000 + n,
            "questionText": f"To ask the Secretary of State for Transport how many buses ran in {2000 + n}.",
            "answerText": f"<p>There were {n},000 buses costing £{n} million.</p>",
        }
    )


def test_truncated_jsonl_line_among_good_ones(tmp_path: Path) -> None:
    lines = [_api_line(n) for n in range(1, 6)]
    lines[2] = lines[2][: len(lines[2]) // 2]
    bad = _write(tmp_path / "answers.jsonl", ("\n".join(lines) + "\n").encode())
    run = around(bad)
    assert run.code == 1
    assert len(run.lines) == 1
    assert run.lines[0].startswith(f"qatool: {bad}: line 3: ")
    assert_neighbours_kept(run, bad, 4)
    assert [r["id"] for r in run.items[1:5]] == ["9001", "9002", "9004", "9005"]


def test_truncated_json_document(tmp_path: Path) -> None:
    text = "[" + ",".join(_api_line(n) for n in range(1, 4)) + "]"
    bad = _write(tmp_path / "answers.json", text[: len(text) - 40].encode())
    run = around(bad)
    assert run.code == 1
    assert len(run.lines) == 1 and run.lines[0].startswith(f"qatool: {bad}: ")
    assert_neighbours_kept(run, bad, 0)


@pytest.mark.parametrize(
    "document",
    ['{"foo": 1, "bar": [1, 2]}', '{"results": 7}', "[{}]", "[null]"],
    ids=["object", "bad envelope", "empty object", "null"],
)
def test_json_of_the_wrong_shape(tmp_path: Path, document: str) -> None:
    bad = _write(tmp_path / "shape.json", document.encode())
    run = around(bad)
    assert run.code == 1
    assert len(run.lines) == 1, run.lines
    assert run.lines[0].startswith(f"qatool: {bad}: ")
    assert_neighbours_kept(run, bad, 0)


def test_an_empty_json_list_is_no_records_and_no_error(tmp_path: Path) -> None:
    bad = _write(tmp_path / "none.json", b"[]")
    run = around(bad)
    assert (run.code, run.err) == (0, "")
    assert_neighbours_kept(run, bad, 0)


@pytest.mark.parametrize(
    "document",
    ['{"questionText": 5, "answerText": "<p>It cost £5.</p>"}', '{"answerText": ["a", "b"]}'],
    ids=["number", "list"],
)
def test_json_fields_of_the_wrong_type_are_not_dropped_silently(
    tmp_path: Path, document: str
) -> None:
    bad = _write(tmp_path / "types.json", document.encode())
    run = around(bad)
    said = run.code == 1 and any(line.startswith(f"qatool: {bad}: ") for line in run.lines)
    warned = run.code == 0 and len(run.items) == 3 and bool(run.items[1]["warnings"])
    assert said or warned, (run.code, run.err, run.out[:300])


def test_json_list_of_the_wrong_shape_is_one_line_per_item(tmp_path: Path) -> None:
    bad = _write(tmp_path / "ints.json", b"[1, 2, 3]")
    run = around(bad)
    assert run.code == 1
    assert len(run.lines) == 3
    assert all(line.startswith(f"qatool: {bad}: ") for line in run.lines)
    assert_neighbours_kept(run, bad, 0)


@pytest.mark.parametrize("opener", ["[", '{"a":'], ids=["lists", "objects"])
def test_json_nested_10000_deep(tmp_path: Path, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    bad = _write(tmp_path / "deep.json", (opener * 10_000 + "1" + closer * 10_000).encode())
    run = around(bad)
    assert run.code == 1
    assert len(run.lines) == 1
    assert run.lines[0].startswith(f"qatool: {bad}: ")
    assert "nested too deeply" in run.lines[0]
    assert_neighbours_kept(run, bad, 0)


def test_lone_surrogate_escapes_in_json_are_replaced(tmp_path: Path) -> None:
    line = json.dumps(
        {"id": 1, "questionText": "To ask \ud800 how?", "answerText": "<p>It cost £5.</p>"}
    )
    bad = _write(tmp_path / "surrogate.jsonl", line.encode())
    run = around(bad)
    assert run.code == 0, run.err
    assert_neighbours_kept(run, bad, 1)
    assert "\ufffd" in run.items[1]["question"]["text"]
    assert run.items[1]["warnings"]


def _malformed_xml(tmp_path: Path) -> Path:
    text = (TEST_SAMPLES / "parlparse-xml" / "commons-fragment.xml").read_text(encoding="utf-8")
    return _write(tmp_path / "malformed.xml", text.replace("</i>", "</b>", 1).encode())


def test_malformed_xml(tmp_path: Path) -> None:
    bad = _malformed_xml(tmp_path)
    run = around(bad)
    assert run.code == 1
    problems = [line for line in run.lines if line.startswith(f"qatool: {bad}: ")]
    assert problems and problems == run.lines
    assert any("malformed XML" in line for line in problems)
    # The records the broken one does not touch still come through, between the good files.
    assert run.paths[0] == str(SEED) and run.paths[-1] == str(GOOD2)


def test_xml_cut_short_is_a_warning_refused_under_strict(tmp_path: Path) -> None:
    text = (TEST_SAMPLES / "parlparse-xml" / "commons-fragment.xml").read_text(encoding="utf-8")
    bad = _write(tmp_path / "cut.xml", text[: text.index("</reply>")].encode())
    run = around(bad)
    assert run.code == 0, run.err
    assert run.paths[0] == str(SEED) and run.paths[-1] == str(GOOD2)
    assert any("truncated" in w for r in run.items[1:-1] for w in r["warnings"])
    strict = around(bad, "--strict")
    assert strict.code == 1
    assert any("truncated" in line and "refused under --strict" in line for line in strict.lines)


def test_broken_html(tmp_path: Path) -> None:
    html = (TEST_SAMPLES / "twfy-html" / "commons-en.html").read_text(encoding="utf-8")
    broken = html[: len(html) * 2 // 3].replace("</p>", "<p", 2).replace("<div", "<dvi", 1)
    bad = _write(tmp_path / "broken.html", broken.encode())
    run = around(bad)
    # Broken HTML is read as well as it can be; what is missing is said in the record
    # (or, when nothing can be read, on one stderr line). Nothing crashes.
    assert run.code in (0, 1)
    assert all(line.startswith(f"qatool: {bad}: ") for line in run.lines)
    assert run.paths[0] == str(SEED) and run.paths[-1] == str(GOOD2)
    assert "Traceback" not in run.err
    if run.code == 0:
        assert len(run.items) == 3
        strict = around(bad, "--strict")
        assert strict.code == (1 if run.items[1]["warnings"] else 0)


@pytest.mark.parametrize(
    "text",
    [
        "It was the best of times, it was the worst of times.\n\nShe paid £5 for 3 kg of "
        "apples and walked 2 miles home in 1859.\n",
        "region,year,spend\nNorth,2023,£1.2m\nSouth,2023,£3.4m\n",
    ],
    ids=["novel", "csv"],
)
def test_text_that_is_no_written_answer_is_plain_with_a_warning(tmp_path: Path, text: str) -> None:
    bad = _write(tmp_path / "other.txt", text.encode())
    run = around(bad)
    assert run.code == 0, run.err
    assert_neighbours_kept(run, bad, 1)
    record = run.items[1]
    assert record["source"]["format"] == "plain"
    assert record["warnings"]
    strict = around(bad, "--strict")
    assert strict.code == 1
    assert strict.lines and all(
        line.startswith(f"qatool: {bad}: record ") and line.endswith("(refused under --strict)")
        for line in strict.lines
    )
    assert_neighbours_kept(strict, bad, 0)


# --- --format ---------------------------------------------------------------------------------


def test_format_naming_no_format_is_a_usage_error() -> None:
    run = qatool("parse", "--jsonl", "--format", "nope", SEED)
    assert run.code == 2
    assert run.out == ""
    assert len(run.lines) == 1
    assert run.lines[0].startswith("qatool: usage error: Invalid value for --format: ")
    assert "unknown format 'nope'" in run.lines[0]
    assert run.lines[0].endswith("(hint: see 'qatool parse --help')")


def test_format_naming_the_wrong_format_fails_each_input_alone(tmp_path: Path) -> None:
    good = _write(tmp_path / "good.jsonl", (_api_line(1) + "\n" + _api_line(2) + "\n").encode())
    run = qatool("parse", "--jsonl", "--format", "api-json", good, SEED, good)
    assert run.code == 1
    assert len(run.lines) == 1
    assert run.lines[0].startswith(f"qatool: {SEED}: ")
    assert run.paths == [str(good)] * 4


# --- very large and pathological inputs -------------------------------------------------------


def test_a_50_mb_single_line(tmp_path: Path) -> None:
    unit = "The Department spent £300 million on 1,200 nurses in 2023 and 5 tonnes of paper; "
    bad = tmp_path / "huge.txt"
    bad.write_text(unit * (50_000_000 // len(unit)), encoding="utf-8")
    assert bad.stat().st_size >= 50_000_000
    started = time.monotonic()
    run = around(bad)
    assert time.monotonic() - started < 120
    assert run.code == 0, run.err[:500]
    assert_neighbours_kept(run, bad, 1)


@pytest.mark.parametrize(
    "line",
    ["9" * 100_000, "£1 " * 10_000],
    ids=["100k digits", "10k £1"],
)
def test_figure_dense_lines(tmp_path: Path, line: str) -> None:
    bad = _write(tmp_path / "dense.txt", (line + "\n").encode())
    started = time.monotonic()
    run = around(bad, command="facts")
    assert time.monotonic() - started < 30
    assert run.code == 0, run.err[:500]
    assert "Traceback" not in run.err
    text = line.strip()
    for figure in run.items:
        if figure["path"] == str(bad):
            assert text[figure["start"] : figure["end"]] == figure["text"]


# --- nothing lost -----------------------------------------------------------------------------


def test_nothing_lost_in_a_large_file_with_bad_records_mixed_in(tmp_path: Path) -> None:
    rng = random.Random(5)
    lines: list[str] = []
    bad_lines = 0
    for n in range(1, 3001):
        good = _api_line(n)
        kind = rng.random()
        if kind < 0.04:
            lines.append(good[: rng.randrange(1, len(good) - 1)])  # cut short
        elif kind < 0.06:
            lines.append(json.dumps({"foo": n}))  # wrong shape
        elif kind < 0.08:
            lines.append(f"not json at all £{n}")
        elif kind < 0.09:
            lines.append(json.dumps([n, n]))  # a list on a line: two bad items
            bad_lines += 1
        else:
            lines.append(good)
            continue
        bad_lines += 1
    path = _write(tmp_path / "mixed.jsonl", ("\n".join(lines) + "\n").encode())
    run = qatool("parse", "--jsonl", path)
    assert run.code == 1
    items_in = len(lines) + sum(line.startswith("[") for line in lines)  # [n, n]: two items
    assert len(run.items) + len(run.lines) == items_in  # every record in is accounted for
    assert len(run.lines) == bad_lines
    assert len(run.items) == items_in - bad_lines
    assert all(line.startswith(f"qatool: {path}: line ") for line in run.lines)


def test_nothing_lost_across_many_files(tmp_path: Path) -> None:
    rng = random.Random(8)
    paths: list[Path] = []
    bad = 0
    text = seed_text().encode("utf-8")
    for n in range(100):
        roll = rng.random()
        if roll < 0.1:
            paths.append(_write(tmp_path / f"{n}.txt", b""))
        elif roll < 0.2:
            paths.append(_write(tmp_path / f"{n}.bin", rng.randbytes(512)))
        elif roll < 0.25:
            paths.append(tmp_path / f"{n}-missing.txt")
        else:
            paths.append(_write(tmp_path / f"{n}.txt", text))
            continue
        bad += 1
    for command in ("parse", "facts"):
        run = qatool(command, "--jsonl", *paths)
        assert run.code == 1
        assert len(run.lines) == bad
        if command == "parse":
            assert len(run.items) == len(paths) - bad


def test_an_input_over_the_size_limit_is_refused_not_read_forever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qatool import reader

    monkeypatch.setattr(reader, "MAX_INPUT_BYTES", 1024 * 1024)
    bad = _write(tmp_path / "big.txt", b"It cost 5 euros. " * 100_000)
    run = around(bad)
    assert run.code == 1
    assert run.lines == [
        f"qatool: {bad}: larger than 1 MB "
        "(hint: split it into smaller files; JSON Lines can be cut at any line)"
    ]
    assert_neighbours_kept(run, bad, 0)
    if Path("/dev/zero").exists():  # a device that never ends
        run = qatool("parse", "--jsonl", "/dev/zero")
        assert (run.code, len(run.lines)) == (1, 1)
        assert run.lines[0].startswith("qatool: /dev/zero: larger than 1 MB")


def test_json_with_a_5000_digit_number_is_not_an_internal_error(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bigint.json", ("[" + "9" * 5000 + "]").encode())
    run = around(bad)
    assert run.code == 1  # the contract holds either way: one line, neighbours kept
    assert len(run.lines) == 1 and run.lines[0].startswith(f"qatool: {bad}: ")
    assert_neighbours_kept(run, bad, 0)


def test_json_with_a_5000_digit_number_is_reported_as_bad_json(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bigint.json", ("[" + "9" * 5000 + "]").encode())
    run = around(bad)
    assert "internal error" not in run.err


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so that no `except Exception` swallows it."""


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("hang.html", b"<table><tr><td>1<script>x"),
        (
            "hang.jsonl",
            b'{"id": 1, "questionText": "To ask x", "answerText": "<table><td>1<style>"}',
        ),
    ],
    ids=["html page", "answerText of a JSON record"],
)
def test_unclosed_script_inside_a_table_does_not_hang(
    tmp_path: Path, name: str, data: bytes
) -> None:
    import signal

    bad = _write(tmp_path / name, data)

    def ring(signum: int, frame: Any) -> None:
        raise _Hang("no answer after 5 s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(5)  # reading 25 bytes takes milliseconds
    try:
        run = around(bad)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert run.code in (0, 1)
    assert_neighbours_kept(run, bad, len(run.items) - 2)


def test_the_stall_guard_gives_up_on_the_markup_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Until markup.py is fixed, the batch's stall guard is what keeps `qatool` from hanging.
    from qatool import batch

    monkeypatch.setattr(batch, "STALL_SECONDS", 2.0)
    bad = _write(tmp_path / "hang.html", b"<table><tr><td>1<script>x")
    started = time.monotonic()
    run = around(bad)
    assert time.monotonic() - started < 30
    assert run.code in (0, 1)
    if run.code == 1:  # the hang is still there: given up, one line, the rest carried on
        assert len(run.lines) == 1
        assert run.lines[0].startswith(f"qatool: {bad}: gave up: no progress in 2 s (hint: ")
        assert_neighbours_kept(run, bad, 0)
    else:  # fixed
        assert_neighbours_kept(run, bad, len(run.items) - 2)
