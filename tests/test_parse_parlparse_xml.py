"""parlparse-xml: our made-up fragments and day file field by field, grouped questions, tables,
entities without a DTD, malformed and cut-off XML, and the real gold documents 087/102."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from qatool.errors import Failure
from qatool.models import Member, Record
from qatool.parsers import detect_format, parse_input, parse_text
from qatool.parsers.base import Input
from qatool.parsers.parlparse_xml import ParlparseXmlParser

HERE = Path(__file__).resolve().parent / "samples" / "parlparse-xml"


def read_all(name: str) -> list[Record | Failure]:
    path = HERE / name
    return list(parse_input(Input(text=path.read_text(encoding="utf-8"), path=str(path))))


def records(name: str) -> list[Record]:
    items = read_all(name)
    assert all(isinstance(item, Record) for item in items), items
    return [item for item in items if isinstance(item, Record)]


def parse_xml(text: str) -> list[Record | Failure]:
    return list(ParlparseXmlParser().parse(Input(text=text, path="t.xml")))


@pytest.mark.parametrize("path", sorted(HERE.iterdir()), ids=lambda p: p.name)
def test_every_sample_is_detected_as_parlparse_xml(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "made-up example for qatool tests" in text
    assert detect_format(text).name == "parlparse-xml"


def test_fragment_grouped_questions_holding_answer_and_table() -> None:
    allotments, bees = records("commons-fragment.xml")
    assert allotments.id == "987654"
    assert allotments.grouped_questions == ["987655"]
    assert allotments.house == "Commons"
    assert allotments.heading == "Allotments"
    assert allotments.answering_body == "Environment, Food and Rural Affairs"
    assert allotments.date_answered == dt.date(2010, 3, 4)
    assert allotments.date_tabled is None
    assert allotments.asked_by == Member(name="Chris Invented")
    assert allotments.answered_by == Member(name="Robin Madeup")
    assert allotments.is_holding_answer is True
    assert allotments.warnings == []
    assert allotments.question is not None and allotments.answer is not None
    # Each grouped question is a paragraph of the question; entities decoded without a DTD.
    first, second = allotments.question.text.split("\n\n")
    assert first.endswith('(a) England and (b) each "allotment region" in 2009.')
    assert second.startswith(
        "To ask the Secretary of State for Environment, Food and Rural Affairs what the average"
    )
    assert [p.label for p in allotments.question.parts] == ["a", "b"]
    assert allotments.answer.text.startswith(
        "The information is set out in the table. Average rent was £30 a year."
    )
    assert allotments.answer.text.endswith("Source: a made-up survey of 10 councils.")
    table = allotments.answer.text.split("\n\n")[1].split("\n")
    assert table == [
        "Allotment plots, 2009",
        "Region  Plots   Waiting (months)",
        "North   1       000",
        "South   12,500  18",
    ]
    assert bees.id == "987700"
    assert bees.heading == "Bees"
    assert (
        bees.answering_body == "Environment, Food and Rural Affairs"
    )  # the major heading still holds
    assert bees.asked_by == Member(name="Morgan Fictional")
    assert (
        bees.answer is not None
        and bees.answer.text == "There were about 274,000 managed colonies in 2009."
    )
    assert bees.is_holding_answer is False


def test_whole_lords_day_file_in_order() -> None:
    got = records("lords-day.xml")
    assert [r.id for r in got] == ["HL501", "HL502", "HL503"]
    assert [r.heading for r in got] == [
        "Asylum: Children",
        "Railways: Electrification",
        "Schools: Sport",
    ]
    assert {r.house for r in got} == {"Lords"}
    assert {r.date_answered for r in got} == {dt.date(2015, 6, 10)}
    assert all(r.answering_body is None for r in got)
    first, second, last = got
    assert first.question is not None
    assert first.question.text.startswith(
        "To ask Her Majesty’s Government how many unaccompanied children"
    )
    assert [p.label for p in first.question.parts] == ["1", "2"]
    assert second.answered_by == Member(name="Baroness Sample")
    assert second.answer is not None
    assert second.answer.text == (
        "Electrification is planned to be completed by December 2018.\n\nThe work will cost £1.2 billion."
    )
    # A question with no reply is still a record, in step with the source.
    assert last.answer is None and last.answered_by is None
    assert last.warnings == ["a question with no reply after it"]


def test_holding_answer_paragraphs_as_parlparse_writes_them() -> None:
    # parlparse prints the note as its own <p class="holdinganswer">, not "[holding answer …]:"
    ferries, harbours, piers = records("holding-answers.xml")
    assert ferries.is_holding_answer is True
    assert ferries.answer is not None
    assert ferries.answer.text == "There were 4,380 crossings in 2010."
    # "h<i> olding answer</i>": the printed italics split the word
    assert harbours.is_holding_answer is True
    assert harbours.answer is not None
    assert harbours.answer.text == (
        "I have been asked to reply.\n\nDredging cost £1.5 million in 2010."
    )
    # an answer that merely mentions holding answers is not one
    assert piers.is_holding_answer is False
    assert piers.answer is not None
    assert piers.answer.text == "Holding answers are not kept for piers; 12 piers are listed."
    assert {r.date_answered for r in (ferries, harbours, piers)} == {dt.date(2011, 5, 10)}
    assert all(r.warnings == [] for r in (ferries, harbours, piers))


def test_api_era_ids_carry_the_date_tabled() -> None:
    # Files built from the questions API (url = the question's page) date their ids by the day
    # the question was tabled; the day it was answered is not in the file.
    [buses] = records("api-era-day.xml")
    assert buses.id == "11111"
    assert buses.grouped_questions == ["11112"]
    assert buses.date_tabled == dt.date(2024, 2, 5)
    assert buses.date_answered is None
    assert buses.heading == "Buses: Sampleshire"
    assert buses.answering_body == "Department for Transport"
    assert buses.house == "Commons"
    assert buses.asked_by == Member(name="Ava Example")
    assert buses.answered_by == Member(name="Ben Madeup")
    assert buses.answer is not None
    assert buses.answer.text == (
        "In 2023, 14 bus routes were withdrawn and 9 were added.\n\nRoute data is published each year."
    )
    assert buses.warnings == []


def test_malformed_record_is_a_failure_and_the_others_parse() -> None:
    ponds, rivers, lakes, canals = read_all("malformed.xml")
    assert isinstance(ponds, Record) and ponds.id == "100001"
    assert isinstance(rivers, Failure)
    assert rivers.where == "line 7"
    assert rivers.message == "malformed XML: </p> where </i> was expected"
    assert isinstance(lakes, Record) and lakes.id == "100003"
    assert lakes.answer is not None and lakes.answer.text == "There are 1,300 lakes."
    # Cut off inside the last reply: still a record, holding what there is.
    assert isinstance(canals, Record) and canals.id == "100004"
    assert canals.answer is not None and canals.answer.text == "There are 2,000 miles of ca"
    assert canals.warnings == ["truncated: the input ends inside <reply> opened at line 13"]


def test_unclosed_speech_before_the_next_is_a_failure() -> None:
    text = (
        '<ques id="uk.org.publicwhip/wrans/2011-01-20a.1.q0" speakername="A"><p qnum="1">To ask the Secretary of State for Wales, x.</p>\n'
        '<reply id="uk.org.publicwhip/wrans/2011-01-20a.1.r0" speakername="B"><p>Y.</p></reply>\n'
    )
    [failure] = parse_xml(text)
    assert isinstance(failure, Failure)
    assert "<ques> opened at line 1 is not closed before <reply>" in failure.message
    assert failure.where == "line 2"


def test_not_parlparse_at_all_is_a_failure() -> None:
    [failure] = parse_xml("<html><body><p>Nothing here.</p></body></html>")
    assert isinstance(failure, Failure)
    assert "no <ques> or <reply>" in failure.message
    [garbage] = parse_xml("<<<< &&& >>>> <ques")
    assert isinstance(garbage, Failure)


def test_reply_without_question_and_house_from_the_question_form() -> None:
    text = (
        '<minor-heading id="x/wrans/2012-02-02a.5.h">Roads</minor-heading>'
        '<reply id="x/wrans/2012-02-02a.5.r0" speakername="B"><p>Only a reply.</p></reply>'
        '<ques id="x/2012-02-03a.6.q0" speakername="C"><p>To ask His Majesty\'s Government why.</p></ques>'
        '<reply id="x/2012-02-03a.6.r0" speakername="D"><p>Because.</p></reply>'
    )
    lone, lords = parse_xml(text)
    assert isinstance(lone, Record) and isinstance(lords, Record)
    assert lone.question is None and lone.warnings == ["a reply with no question before it"]
    assert lone.id.startswith("h")  # no qnum: a stable hash
    assert lone.house == "Commons"  # a wrans id
    assert lords.house == "Lords"
    assert lords.date_answered == dt.date(2012, 2, 3)


def test_several_askers_in_a_group_warn() -> None:
    text = (
        '<ques id="uk.org.publicwhip/wrans/2011-01-20a.7.q0" speakername="A"><p qnum="7">To ask the Secretary of State for Wales, x.</p></ques>'
        '<ques id="uk.org.publicwhip/wrans/2011-01-20a.7.q1" speakername="B"><p qnum="8">To ask the Secretary of State for Wales, y.</p></ques>'
        '<reply id="uk.org.publicwhip/wrans/2011-01-20a.7.r0" speakername="C"><p>Z.</p></reply>'
    )
    [record] = parse_xml(text)
    assert isinstance(record, Record)
    assert record.id == "7" and record.grouped_questions == ["8"]
    assert record.asked_by == Member(name="A")
    assert record.warnings == ["grouped questions asked by several members: A, B"]


def test_large_day_file_streams_in_order() -> None:
    one = (
        '<minor-heading id="uk.org.publicwhip/wrans/2011-01-20a.{n}.h">Heading {n}</minor-heading>\n'
        '<ques id="uk.org.publicwhip/wrans/2011-01-20a.{n}.q0" speakername="A"><p qnum="{n}">To ask the Secretary of State for Wales, {n}.</p></ques>\n'
        '<reply id="uk.org.publicwhip/wrans/2011-01-20a.{n}.r0" speakername="B"><p>Answer {n} &pound;{n}.</p></reply>\n'
    )
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<publicwhip>\n'
        + "".join(one.format(n=n) for n in range(1, 1501))
        + "</publicwhip>\n"
    )
    stream = ParlparseXmlParser().parse(Input(text=text, path="day.xml"))
    first = next(stream)
    assert isinstance(first, Record) and first.id == "1"
    rest = list(stream)
    assert len(rest) == 1499
    assert all(isinstance(r, Record) for r in rest)
    last = rest[-1]
    assert isinstance(last, Record)
    assert last.id == "1500" and last.heading == "Heading 1500"
    assert last.answer is not None and last.answer.text == "Answer 1500 £1500."


# --- the real documents in ../shared --------------------------------------------------------


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split()).lower()


def check_gold(shared: Path, stem: str) -> Record:
    [gold_path] = sorted((shared / "gold").glob(f"{stem}_*.gold.json"))
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    doc = shared / "samples" / gold["file"]
    text = doc.read_text(encoding="utf-8")
    assert detect_format(text).name == "parlparse-xml"
    got = list(parse_text(text, path=str(doc)))
    assert len(got) == len(gold["records"]) == 1
    want, record = gold["records"][0], got[0]
    data = json.loads(record.model_dump_json())
    for key, value in want.items():
        if key == "figures":
            continue
        if key == "table_text":
            lines = [fold(line) for line in (data["answer"] or {}).get("text", "").split("\n")]
            assert [line for line in value if fold(line) not in lines] == []
        elif key.endswith("_parts"):
            block = data[key.split("_")[0]] or {}
            assert [p["label"] for p in block.get("parts", [])] == value, key
        elif key.endswith(("_starts", "_ends")):
            name, edge = key.split("_")
            got_text = fold((data[name] or {}).get("text"))
            ok = (
                got_text.startswith(fold(value))
                if edge == "starts"
                else got_text.endswith(fold(value))
            )
            assert ok, key
        else:
            got_value: object = data
            for part in key.split("."):
                got_value = got_value.get(part) if isinstance(got_value, dict) else None
            assert got_value == value, key
    return record


def test_gold_087_lords_with_tables(shared_dir: Path) -> None:
    record = check_gold(shared_dir, "087")
    assert record.answer is not None
    # No cell's number runs into its neighbour's: cells stand at least two spaces apart.
    row = next(line for line in record.answer.text.split("\n") if line.lstrip().startswith("1 "))
    assert "1  " in row and "0-33  " in row


def test_gold_102_commons(shared_dir: Path) -> None:
    record = check_gold(shared_dir, "102")
    assert record.question is not None
    assert [p.label for p in record.question.parts] == ["a", "b", "c", "i", "ii", "A", "B", "C"]


@pytest.mark.parametrize("path", sorted(HERE.iterdir()), ids=lambda p: p.name)
def test_any_cut_of_a_sample_gives_records_or_failures_never_a_traceback(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for cut in range(0, len(text), 23):
        for variant in (text[:cut], text[cut:]):
            for item in ParlparseXmlParser().parse(Input(text=variant, path="cut.xml")):
                assert isinstance(item, Record | Failure)
