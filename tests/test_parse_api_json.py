"""api-json: UK Parliament and Scottish Parliament API JSON — our made-up samples field by field,
the awkward shapes (envelope, search result, JSON Lines with a bad line, wrong shape, deep
nesting), the real gold documents 040/076 and the whole real corpus (from ../shared)."""

from __future__ import annotations

import datetime as dt
import json
import time
import unicodedata
from pathlib import Path

import pytest

from qatool.errors import Failure, InputError
from qatool.models import Attachment, Member, Record
from qatool.parsers import detect_format, parse_input, parse_text
from qatool.parsers.api_json import TRUNCATED_ANSWER, ApiJsonParser
from qatool.parsers.base import Input

HERE = Path(__file__).resolve().parent / "samples" / "api-json"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "commons-written-answers-2023-09-to-2024-05.jsonl"


def read_all(name: str) -> list[Record | Failure]:
    path = HERE / name
    return list(parse_input(Input(text=path.read_text(encoding="utf-8"), path=str(path))))


def records(name: str) -> list[Record]:
    items = read_all(name)
    assert all(isinstance(item, Record) for item in items), items
    return [item for item in items if isinstance(item, Record)]


def parse_json(value: object) -> list[Record | Failure]:
    return list(ApiJsonParser().parse(Input(text=json.dumps(value), path="t.json")))


@pytest.mark.parametrize("path", sorted(HERE.iterdir()), ids=lambda p: p.name)
def test_every_sample_is_detected_as_api_json(path: Path) -> None:
    assert detect_format(path.read_text(encoding="utf-8")).name == "api-json"


def test_samples_are_marked_as_made_up() -> None:
    for path in HERE.iterdir():
        assert "made-up example for qatool tests" in path.read_text(encoding="utf-8"), path.name


def test_single_record_every_field() -> None:
    [record] = records("single-record.json")
    assert record.id == "12345"
    assert record.house == "Commons"
    assert record.heading == "Nurses and Midwives: Recruitment"
    assert record.answering_body == "Department of Health and Social Care"
    assert record.date_tabled == dt.date(2024, 2, 5)
    assert record.date_answered == dt.date(2024, 2, 12)
    assert record.asked_by == Member(
        name="Jane Example", party="Labour", constituency="Nowhere and Elsewhere"
    )
    assert record.answered_by == Member(
        name="Sam Sample", party="Conservative", constituency="Somewhere"
    )
    assert record.is_holding_answer is True
    assert record.is_correction is False
    assert record.grouped_questions == ["12346", "12347"]
    assert record.attachments == [
        Attachment(title="Recruitment table", url="https://example.invalid/attachment.xlsx")
    ]
    assert record.votes is None
    assert record.source.format == "api-json"
    assert record.warnings == []
    assert record.question is not None and record.answer is not None
    assert [p.label for p in record.question.parts] == ["a", "b"]
    assert record.question.text.startswith(
        "To ask the Secretary of State for Health and Social Care, how many (a) nurses"
    )
    assert record.question.text.endswith("in each of the last two years.")
    assert [p.label for p in record.answer.parts] == ["a", "b"]


def test_single_record_answer_html_becomes_clean_text() -> None:
    [record] = records("single-record.json")
    assert record.answer is not None
    text = record.answer.text
    assert text.startswith("a) The number of nurses recruited was 1,200 in 2022 and 1,350 in 2023.")
    assert text.endswith("See the published data.")
    assert "<" not in text and "&nbsp;" not in text and "\u00a0" not in text
    blocks = text.split("\n\n")
    assert blocks[2].split("\n") == ["Year  Midwives", "2022  1         000", "2023  980"]
    assert blocks[3] == "Funding of £95 million supports:\nrecruitment; and\nretention."
    assert blocks[4] == "1 of 3 pilots\n2 of 3 pilots"


def test_list_envelope_with_truncated_lords_answer() -> None:
    lords, commons = records("list-envelope.json")
    assert lords.id == "HL3001"
    assert lords.house == "Lords"
    assert lords.heading == "Libraries"
    assert lords.asked_by == Member(
        name="Lord Example of Nowhere", party="Crossbench"
    )  # no "Life peer"
    assert lords.answered_by == Member(name="Baroness Sample", party="Conservative")
    assert lords.question is not None and [p.label for p in lords.question.parts] == ["1", "2"]
    assert lords.answer is not None
    assert lords.answer.text.endswith("collected by a made-up survey...")
    assert lords.warnings == [TRUNCATED_ANSWER]
    assert commons.id == "17001"
    assert commons.is_correction is True
    assert commons.asked_by is None and commons.answered_by is None
    assert (
        commons.answer is not None
        and commons.answer.text == "The average age of buses in England was 9.1 years in 2023."
    )
    assert commons.warnings == []


def test_single_search_result_truncated() -> None:
    [record] = records("search-result.json")
    assert record.id == "17002"
    assert record.date_tabled == dt.date(2024, 3, 5)
    assert record.date_answered == dt.date(2024, 3, 12)
    assert record.answer is not None
    assert record.answer.text.startswith("Local transport authorities reported that 310 bus routes")
    assert record.answer.text.endswith("which has alr...")
    assert record.warnings == ["truncated: answer text cut off by the source"]


def test_plain_list_keeps_order() -> None:
    got = records("list.json")
    assert [r.id for r in got] == ["18001", "18002"]
    assert [r.heading for r in got] == ["Schools: Heating", "Schools: Solar Power"]
    assert [r.date_answered for r in got] == [dt.date(2024, 1, 15), dt.date(2024, 1, 16)]


def test_json_lines_bad_line_is_a_failure_and_the_rest_parse() -> None:
    first, bad, last = read_all("records.jsonl")
    assert isinstance(first, Record) and isinstance(last, Record)
    assert first.id == "9900030"  # no uin: the API id
    assert first.house == "Commons"  # from "To ask the Secretary of State"
    assert (
        first.answer is not None and first.answer.text == "In 2023, 1,100 prison places were added."
    )
    assert isinstance(bad, Failure)
    assert bad.where == "line 2"
    assert "not valid JSON" in bad.message
    assert last.id == "9900032"


def test_json_lines_first_line_broken() -> None:
    good = json.dumps(
        {
            "id": 5,
            "questionText": "To ask the Secretary of State for Defence, a.",
            "answerText": "B.",
        }
    )
    items = list(ApiJsonParser().parse(Input(text=good[:30] + "\n" + good + "\n", path="x.jsonl")))
    assert isinstance(items[0], Failure) and items[0].where == "line 1"
    assert isinstance(items[1], Record) and items[1].id == "5"


def test_wrong_shape_is_a_clear_failure() -> None:
    [failure] = read_all("wrong-shape.json")
    assert isinstance(failure, Failure)
    assert "wrong shape" in failure.message
    assert "questionText" in failure.message
    with pytest.raises(InputError, match="wrong shape"):
        list(parse_text((HERE / "wrong-shape.json").read_text(encoding="utf-8")))


def test_wrong_shapes_inside_a_list_fail_one_by_one() -> None:
    items = parse_json(
        [
            {"uin": "1", "questionText": "To ask the Secretary of State for Defence, x."},
            42,
            {"foo": 1},
        ]
    )
    assert isinstance(items[0], Record) and items[0].id == "1"
    assert (
        isinstance(items[1], Failure)
        and items[1].where == "item 2"
        and "a JSON int" in items[1].message
    )
    assert isinstance(items[2], Failure) and items[2].where == "item 3"


@pytest.mark.parametrize("text", ["[" * 10000 + "]" * 10000, '{"a":' * 10000 + "1" + "}" * 10000])
def test_deeply_nested_json_is_a_failure_not_a_crash(text: str) -> None:
    items = list(ApiJsonParser().parse(Input(text=text, path="deep.json")))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert "nested too deeply" in items[0].message


def test_invalid_json_names_line_and_column() -> None:
    [failure] = list(
        ApiJsonParser().parse(Input(text='{"uin": "1",\n "questionText": }', path="x"))
    )
    assert isinstance(failure, Failure)
    assert failure.where == "line 2 column 18"


def test_empty_input_is_a_failure() -> None:
    [failure] = list(ApiJsonParser().parse(Input(text="  \n", path="x")))
    assert isinstance(failure, Failure)


def test_fallbacks_for_id_and_house() -> None:
    [lords] = parse_json(
        {
            "id": 77,
            "questionText": "To ask His Majesty's Government why.",
            "answerText": "<p>Because.</p>",
        }
    )
    assert isinstance(lords, Record)
    assert lords.id == "77" and lords.house == "Lords"
    [hashed] = parse_json(
        {"questionText": "To ask the Secretary of State for Wales, what.", "answerText": "None."}
    )
    assert isinstance(hashed, Record)
    assert hashed.id.startswith("h") and len(hashed.id) == 13
    [hl] = parse_json(
        {"uin": "HL99", "house": "Bicameral", "questionText": "Q.", "answerText": "A."}
    )
    assert isinstance(hl, Record) and hl.house == "Lords"


def test_long_answer_ending_in_dots_is_not_truncated() -> None:
    long_text = "<p>" + "word " * 200 + "and so on...</p>"
    [record] = parse_json(
        {
            "uin": "9",
            "questionText": "To ask the Secretary of State for Wales, what.",
            "answerText": long_text,
        }
    )
    assert isinstance(record, Record) and record.warnings == []


def test_scottish_parliament_records() -> None:
    answered, unanswered = records("scottish-list.json")
    assert answered.id == "S6W-99901"
    assert answered.house == "Scottish Parliament"
    assert answered.heading is None
    assert answered.date_tabled == dt.date(2023, 11, 2)
    assert answered.date_answered == dt.date(2023, 11, 16)
    assert answered.asked_by == Member(party="Scottish National Party")
    assert answered.answered_by == Member(name="Alex Placeholder")
    assert answered.answer is not None
    assert (
        answered.answer.text == "There are 32 ferries in service.\n\nA further 2 are being built."
    )
    assert unanswered.id == "S6W-99902"
    assert (
        unanswered.answer is None
        and unanswered.answered_by is None
        and unanswered.date_answered is None
    )


def test_linked_data_api_json_page() -> None:
    # data.parliament.uk's Linked Data API JSON: values wrapped in {"_value": …} and lists,
    # the answer's properties nested under "answer"; read like its HTML view (ldapi-text).
    crossings, horses = records("ldapi-list.json")
    assert crossings.source.format == "api-json"
    assert crossings.id == "12001"
    assert crossings.house == "Commons"
    assert crossings.heading == "Level Crossings: Sampleshire"
    assert crossings.answering_body == "Department for Transport"
    assert (crossings.date_tabled, crossings.date_answered) == (
        dt.date(2020, 1, 27),
        dt.date(2020, 2, 3),
    )
    assert crossings.asked_by == Member(name="Jane Sample", constituency="Sampleshire East")
    assert crossings.answered_by == Member(name="Peter Example", constituency="Sampleton West")
    assert crossings.is_correction is True
    assert crossings.question is not None and crossings.answer is not None
    assert crossings.question.text.startswith(
        "To ask the Secretary of State for Transport, how many"
    )
    assert crossings.answer.text == (
        "There were 52 level crossings in Sampleshire in 2019.\n\nOf these, 7 were upgraded."
    )
    assert horses.id == "HL901"
    assert horses.house == "Lords"  # houseId 2
    assert horses.asked_by == Member(name="Lord Madeup")
    assert horses.answered_by == Member(name="Baroness Fictional")
    assert horses.is_correction is False
    assert horses.answer is not None
    assert horses.answer.text == "The information is not held centrally."
    assert crossings.warnings == horses.warnings == []


def test_linked_data_api_single_item_and_bad_item() -> None:
    item = {
        "uin": "7",
        "questionText": "To ask the Secretary of State for Wales, x.",
        "answer": {"answerText": {"_value": "<p>Y.</p>"}},
    }
    [one] = parse_json({"format": "linked-data-api", "result": {"primaryTopic": item}})
    assert isinstance(one, Record)
    assert one.id == "7" and one.answer is not None and one.answer.text == "Y."
    good, bad = parse_json({"format": "linked-data-api", "result": {"items": [item, "x"]}})
    assert isinstance(good, Record) and isinstance(bad, Failure)
    assert bad.where == "items[1]"


def test_records_stream_one_at_a_time() -> None:
    items = ApiJsonParser().parse(
        Input(text=(HERE / "list.json").read_text(encoding="utf-8"), path="x")
    )
    first = next(iter(items))
    assert isinstance(first, Record) and first.id == "18001"


# --- the real documents in ../shared --------------------------------------------------------


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split()).lower()


def check_gold(shared: Path, stem: str) -> None:
    [gold_path] = sorted((shared / "gold").glob(f"{stem}_*.gold.json"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = shared / "samples" / gold["file"]
    got = list(parse_text(doc.read_text(encoding="utf-8"), path=str(doc)))
    assert len(got) == len(gold["records"])
    for want, record in zip(gold["records"], got, strict=True):
        data = json.loads(record.model_dump_json())
        for key, value in want.items():
            if key in ("figures", "table_text"):
                continue
            if key.endswith("_parts"):
                block = data[key.split("_")[0]] or {}
                assert [p["label"] for p in block.get("parts", [])] == value, key
            elif key.endswith(("_starts", "_ends")):
                name, edge = key.split("_")
                text = fold((data[name] or {}).get("text"))
                ok = (
                    text.startswith(fold(value)) if edge == "starts" else text.endswith(fold(value))
                )
                assert ok, (key, value, text[:80], text[-80:])
            else:
                got_value: object = data
                for part in key.split("."):
                    got_value = got_value.get(part) if isinstance(got_value, dict) else None
                assert got_value == value, key


def test_gold_040_scottish_parliament(shared_dir: Path) -> None:
    check_gold(shared_dir, "040")
    doc = next((shared_dir / "samples").glob("040_*"))
    assert detect_format(doc.read_text(encoding="utf-8")).name == "api-json"


def test_gold_076_search_result_truncated(shared_dir: Path) -> None:
    check_gold(shared_dir, "076")
    doc = next((shared_dir / "samples").glob("076_*"))
    [record] = parse_text(doc.read_text(encoding="utf-8"))
    assert record.warnings == [TRUNCATED_ANSWER]


def test_whole_corpus_parses_without_a_failure() -> None:
    if not CORPUS.is_file():
        pytest.skip("../shared corpus is not beside the repo")
    text = CORPUS.read_text(encoding="utf-8")
    assert detect_format(text).name == "api-json"
    start = time.perf_counter()
    count = 0
    for item in ApiJsonParser().parse(Input(text=text, path=str(CORPUS))):
        assert not isinstance(item, Failure), str(item)
        assert item.question is not None
        count += 1
    assert count == 8816
    assert time.perf_counter() - start < 20


@pytest.mark.parametrize("path", sorted(HERE.iterdir()), ids=lambda p: p.name)
def test_any_cut_of_a_sample_gives_records_or_failures_never_a_traceback(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for cut in range(0, len(text), 23):
        for item in ApiJsonParser().parse(Input(text=text[:cut], path="cut.json")):
            assert isinstance(item, Record | Failure)
