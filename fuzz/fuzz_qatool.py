"""Fuzz qatool: bytes → reader → parser (detected or forced) → records → figures.

A crash is anything qatool should never do with bad input: an exception that is not one of
qatool's own errors, an "internal error" problem from the batch, a figure whose offsets do
not point at its text, or a record or figure that does not validate against the JSON Schema
or round-trip through JSON.

With atheris (coverage-guided, libFuzzer):

    .venv/bin/pip install atheris
    mkdir -p /tmp/qatool-fuzz && cp samples/*.txt /tmp/qatool-fuzz/
    .venv/bin/python fuzz/fuzz_qatool.py /tmp/qatool-fuzz -runs=100000 -max_len=4096 -timeout=20

(libFuzzer writes the inputs it finds interesting into the first directory, and a crashing
input to ./crash-*; replay one with `.venv/bin/python fuzz/fuzz_qatool.py crash-…`.)

Without atheris, the same check runs on inputs drawn by hypothesis:

    .venv/bin/python fuzz/fuzz_qatool.py --hypothesis 100000
"""

from __future__ import annotations

import json
import signal
import sys
import time
from typing import Any

FORMATS: list[str | None] = [None]
HANG_SECONDS = 30


def _setup() -> None:
    from qatool.parsers import format_names

    FORMATS.extend(format_names())


def check(data: bytes, format: str | None) -> int:
    """Run one input through the whole pipeline; raise AssertionError on a contract breach.
    Returns how many records and figures came out."""
    from qatool.batch import Problem, iter_figures, records_of_source
    from qatool.errors import InputError
    from qatool.models import Figure, Record
    from qatool.reader import decode

    try:
        source = decode(data, "fuzz.txt")
    except InputError:
        return 0
    out = 0
    for item in records_of_source(source, format):
        if isinstance(item, Problem):
            if item.error is not None:
                raise AssertionError(item.line()) from item.error
            assert "\n" not in item.line()
            continue
        out += 1
        _valid(item, Record, "record")
        blocks = {"question": item.question, "answer": item.answer}
        for got in iter_figures([item]):
            if isinstance(got, Problem):
                raise AssertionError(got.line()) from got.error
            block = blocks[got.source]
            assert block is not None, "a figure from a block the record does not have"
            assert block.text[got.start : got.end] == got.text, (got.start, got.end, got.text)
            _valid(got, Figure, "figure")
            out += 1
    return out


_VALIDATORS: dict[str, Any] = {}


def _valid(model: Any, cls: Any, name: str) -> None:
    import jsonschema  # type: ignore[import-untyped]

    validator = _VALIDATORS.get(name)
    if validator is None:
        validator = _VALIDATORS[name] = jsonschema.Draft202012Validator(cls.model_json_schema())
    dumped = model.model_dump_json()
    validator.validate(json.loads(dumped))
    assert cls.model_validate_json(dumped) == model, "does not round-trip through JSON"


def test_one_input(data: bytes) -> None:
    """atheris entry point: the first byte picks the format (auto-detect or one by name)."""
    if not data:
        return
    check(data[1:], FORMATS[data[0] % len(FORMATS)])


def _atheris(argv: list[str]) -> None:
    import atheris  # type: ignore[import-untyped]

    with atheris.instrument_imports():
        import qatool.batch
        import qatool.extract
        import qatool.parsers
        import qatool.reader  # noqa: F401
    _setup()
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


def _hypothesis(count: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "tests"))
    from test_properties import raw  # the same input strategies as the test suite

    def hang(signum: int, frame: Any) -> None:
        raise AssertionError(f"no answer after {HANG_SECONDS} s: a hang")

    signal.signal(signal.SIGALRM, hang)
    _setup()
    seen = {"inputs": 0, "outputs": 0}
    started = time.monotonic()

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=raw, format=st.sampled_from(FORMATS))
    def campaign(data: bytes, format: str | None) -> None:
        seen["inputs"] += 1
        signal.alarm(HANG_SECONDS)  # a hang is a failure too (inputs here are small)
        try:
            seen["outputs"] += check(data, format)
        finally:
            signal.alarm(0)
        if seen["inputs"] % 10_000 == 0:
            rate = seen["inputs"] / (time.monotonic() - started)
            print(f"{seen['inputs']} inputs, {rate:.0f}/s", file=sys.stderr, flush=True)

    campaign()
    elapsed = time.monotonic() - started
    print(
        f"hypothesis: {seen['inputs']} inputs, {seen['outputs']} records and figures, "
        f"no crash, {elapsed:.0f} s"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--hypothesis":
        _hypothesis(int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
    else:
        _atheris(sys.argv)
