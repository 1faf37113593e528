"""Shortcuts the batch and `--jobs` take for speed must not change what they give.

`finish_record` skips the surrogate scrub for records with no lone surrogate (`_has_surrogate`
must find every one the scrub would replace); `--jobs` workers hand back runs of records or
figures already written (`dump_run`), which the writers must write exactly as item by item;
JSON Lines chunks shrink towards the end of the file but still cover it line by line.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import qatool.parallel
from qatool.batch import _has_surrogate, _scrub, finish_record, records_of_path
from qatool.models import Figure, Member, Part, Record, Source, TextBlock
from qatool.parsers.base import Input
from qatool.render.csvout import CsvWriter
from qatool.render.jsonout import Dumped, JsonArrayWriter, JsonLinesWriter, dump_run

SAMPLES = Path(__file__).resolve().parent / "samples"
API = SAMPLES / "api-json"


def _record(**update: object) -> Record:
    base = Record(
        id="1",
        heading="Schools",
        asked_by=Member(name="A Member", party="Labour"),
        question=TextBlock(text="To ask (a) how, (b) why.", parts=[Part(label="a", text="how,")]),
        answer=TextBlock(text="It cost £5 – about 3%."),
        grouped_questions=["2", "3"],
        source=Source(format="api-json", path="x.json"),
        warnings=["w"],
    )
    return base.model_copy(update=update)


SURROGATE_CASES = [
    {"id": "1\ud800"},
    {"heading": "é\udfff"},
    {"asked_by": Member(name="x", party="\ud83d")},
    {"question": TextBlock(text="a", parts=[Part(label="a", text="£\udc00")])},
    {"answer": TextBlock(text="x\ud800y")},
    {"grouped_questions": ["1", "\udbff"]},
    {"source": Source(format="api-json", path="bad\udc80.json")},
    {"warnings": ["fine", "\ud800"]},
]


@pytest.mark.parametrize("update", SURROGATE_CASES)
def test_every_surrogate_is_found(update: dict[str, object]) -> None:
    record = _record(**update)
    assert _has_surrogate(record)
    assert _scrub(record.model_dump())[1]
    fixed = finish_record(record, Input(text="", path="x.json"))
    assert "\ufffd" in fixed.model_dump_json()
    assert fixed.warnings[-1].startswith("characters no output can encode")


def test_clean_records_pass_unchanged() -> None:
    record = _record()
    assert not _has_surrogate(record)
    assert finish_record(record, Input(text="", path="x.json")) is record
    for path in sorted(API.iterdir()):
        for item in records_of_path(str(path)):
            if isinstance(item, Record):
                assert _has_surrogate(item) == _scrub(item.model_dump())[1]


def _figures() -> list[Figure]:
    from qatool.extract import find_figures

    text = "We spent £5.5 million (12%) on 3 tonnes, and “£2m” a year over three years in 2023."
    return find_figures(text, path="p\u00e9.txt", record="r1")


def _written(writer_class: type, items: list[object]) -> str:
    out = io.StringIO()
    writer = writer_class(out)
    for item in items:
        writer.write(item)
    writer.close()
    return out.getvalue()


@pytest.mark.parametrize(
    ("output", "writer_class"),
    [("jsonl", JsonLinesWriter), ("json", JsonArrayWriter), ("csv", CsvWriter)],
)
def test_dumped_runs_are_written_as_item_by_item(output: str, writer_class: type) -> None:
    figures = _figures()
    assert len(figures) >= 4
    one_by_one = _written(writer_class, list(figures))
    runs: list[object] = [dump_run(output, figures[:1]), dump_run(output, figures[1:])]
    assert _written(writer_class, runs) == one_by_one
    assert _written(writer_class, [dump_run(output, figures)]) == one_by_one
    if output != "csv":
        path = str(API / "list-envelope.json")
        records = [r for r in records_of_path(path) if isinstance(r, Record)]
        assert len(records) >= 2
        assert _written(writer_class, [dump_run(output, records)]) == _written(
            writer_class, records
        )


def test_a_run_of_one_stands_for_its_item() -> None:
    figure = _figures()[0]
    assert dump_run("jsonl", [figure]) == Dumped(figure.model_dump_json(), 1)


def test_chunks_shrink_towards_the_end_and_cover_every_line(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "commons-written-answers-2023-09-to-2024-05.jsonl"
    text = path.read_text(encoding="utf-8")
    chunks = list(qatool.parallel._chunks(Input(text=text, path=str(path)), "api-json"))
    assert "".join(c.source.text for c in chunks) == text
    line = 1
    for chunk in chunks:
        assert chunk.first_line == line and chunk.format == "api-json"
        line += len(chunk.source.text.splitlines())
    sizes = [len(c.source.text) for c in chunks]
    assert max(sizes) < 2 * qatool.parallel.TASK_BYTES
    assert max(sizes[-4:]) <= qatool.parallel.TASK_BYTES // 4
