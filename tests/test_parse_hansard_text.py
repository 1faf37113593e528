"""hansard-text: our own made-up samples (tests/samples/hansard-text/), field by field, plus
the awkward cases one at a time: run-together "§" names, "[holding answer …]" prefixes, column
markers inside a paragraph, several questions on a page, a truncated last record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qatool.models import Member, Record
from qatool.parsers import detect_format, parse_text
from qatool.parsers.hansard_text import HansardTextParser

SAMPLES = Path(__file__).resolve().parent / "samples" / "hansard-text"


def parse_file(name: str) -> list[Record]:
    path = SAMPLES / name
    return list(parse_text(path.read_text(encoding="utf-8"), path=str(path)))


def parse(text: str) -> list[Record]:
    return list(parse_text(text, format="hansard-text"))


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_every_sample_is_detected_as_hansard_text(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert detect_format(text).name == "hansard-text"
    # pages with no citation, "§" mark, column date or question number score lower
    floor = 0.6 if name in _UNMARKED_PAGES else 0.8
    assert HansardTextParser().detect(text) >= floor


_UNMARKED_PAGES = {"example-daily-midanswer.txt", "example-archive-no-colons.txt"}


def test_historic_commons_every_field() -> None:
    records = parse_file("example-historic-commons.txt")
    assert [r.asked_by.name if r.asked_by else None for r in records] == [
        "Mr. Sample",
        "Mrs. Example",
        "Mr. Placeholder",
        "Mrs. Example",
    ]
    assert all(r.house == "Commons" for r in records)
    assert all(r.date_answered == dt.date(1994, 2, 10) for r in records)
    assert all(r.source.format == "hansard-text" for r in records)
    first, second, third, last = records
    # the oral number "16." is not part of the name; the holding prefix is not part of the text
    assert first.answered_by == Member(name="Mr. Testwood")
    assert first.is_holding_answer is True
    assert first.question is not None and first.answer is not None
    assert first.question.text == (
        "To ask the Secretary of State for Transport how many new bus lanes were opened in "
        "(a) 1992 and (b) 1993."
    )
    assert [p.label for p in first.question.parts] == ["a", "b"]
    assert first.answer.text.startswith("In 1992, 41 bus lanes were opened")
    assert "holding answer" not in first.answer.text
    # "384W" in the middle of a sentence: gone, the two pieces joined into one paragraph
    assert second.is_holding_answer is False
    assert second.answer is not None
    assert second.answer.text == (
        "The average length of a passenger journey by rail in 1993 was 38 km, compared with "
        "36 km in 1992 and 35 km in 1991. These figures are provisional."
    )
    # "None." is a whole answer
    assert third.answer is not None and third.answer.text == "None."
    assert third.answered_by == Member(name="Mr. Testwood")
    # truncated last record: still a record, the answer missing
    assert last.question is not None and last.question.text.endswith("road safety in Sampleshire.")
    assert last.answer is None
    assert last.answered_by == Member(name="Mr. Test")
    assert any("answer missing" in w for w in last.warnings)
    # no printed ids: stable hashes, all different
    assert len({r.id for r in records}) == 4 and all(r.id.startswith("h") for r in records)


def test_historic_section_marks_run_together() -> None:
    first, second = parse_file("example-historic-marks.txt")
    assert first.asked_by == Member(name="Mr. Sample")
    assert first.answered_by == Member(name="Mr. John Example")
    assert first.question is not None and first.answer is not None
    assert first.question.text.startswith(
        "asked the Secretary of State for Education how many pupils"
    )
    assert [p.label for p in first.question.parts] == ["i", "ii"]
    assert first.answer.text.startswith("The number of pupils in maintained schools")
    assert first.house == "Commons"  # "asked the Secretary of State" reads as "To ask the …"
    assert first.date_answered is None
    # a "Mc" name is not split at its inner capital; a role with the name in brackets
    assert second.asked_by == Member(name="Mr. McTest")
    assert second.answered_by == Member(
        name="Mr. Roger Fictional", role="The Minister of State, Department of Education"
    )
    assert second.answer is not None
    assert second.answer.text == (
        "The pupil-teacher ratio in Sampleshire was 19.2 in January 1985.\n\n"
        "This compares with 19.6 in January 1984."
    )


def test_historic_lords_question_in_next_paragraph() -> None:
    (record,) = parse_file("example-historic-lords.txt")
    assert record.house == "Lords"
    assert record.date_answered == dt.date(1987, 3, 3)
    assert record.asked_by == Member(name="Lord Sample")
    assert record.answered_by == Member(name="Baroness Example")
    assert record.question is not None and record.answer is not None
    assert record.question.text == (
        "asked Her Majesty's Government:\n\n"
        "Whether they will publish the number of lighthouses in service on 1st January 1987."
    )
    assert record.answer.text == "There were 88 lighthouses in service on 1st January 1987."


def test_daily_hansard_every_field() -> None:
    first, second, third = parse_file("example-daily-commons.txt")
    assert [r.id for r in (first, second, third)] == ["10852", "10853", "10901"]
    assert all(r.date_answered == dt.date(2005, 7, 9) for r in (first, second, third))
    assert all(r.house == "Commons" for r in (first, second, third))
    # department heading above the subject heading
    assert (first.answering_body, first.heading) == ("Health", "Waiting Lists")
    assert (third.answering_body, third.heading) == ("Health", "Fictional Hospitals")
    # "[10852]" is the id, not part of the question
    assert first.question is not None
    assert first.question.text.endswith("(b) knee operations in 2004.")
    assert "[10852]" not in first.question.text
    # two questions answered together share the answer
    assert (
        first.answered_by
        == second.answered_by
        == Member(name="John Example", role="The Minister of State, Department of Health")
    )
    assert first.answer == second.answer
    assert first.answer is not None
    assert first.answer.text.startswith("I will answer questions 10852 and 10853 together.")
    assert first.grouped_questions == ["10853"] and second.grouped_questions == ["10852"]
    # "Name [holding answer …]:" and a column marker inside a sentence
    assert third.asked_by == Member(name="Tom Testwood")
    assert third.answered_by == Member(name="John Example")
    assert third.is_holding_answer is True
    assert third.answer is not None
    assert third.answer.text == (
        "The running costs of Sampleton general hospital in 2004–05 were £48 million, of which "
        "£31 million was spent on staff. The trust expects the figure to fall in 2005–06."
    )
    for record in (first, second, third):
        assert record.answer is not None
        assert "Column" not in record.answer.text and "Index" not in record.answer.text


def test_holding_answer_after_a_standalone_name() -> None:
    text = (
        "Mr. Sample\n\nTo ask the Secretary of State for Health what the budget is.\n\n"
        "Mr. Example [holding answer 8 February 1994]\n\nThe budget is £4 million.\n"
    )
    (record,) = parse(text)
    assert record.is_holding_answer is True
    assert record.answered_by == Member(name="Mr. Example")
    assert record.answer is not None and record.answer.text == "The budget is £4 million."


@pytest.mark.parametrize(
    "marker",
    [
        "967W",
        "Column 131",
        "13 Jul 2005 : Column 1063W",
        "13 Jul 2005 : Column 1063W—continued",
        "cc41-2W",
    ],
)
def test_column_markers_between_pieces_of_a_paragraph(marker: str) -> None:
    text = (
        "Mr. Sample: To ask the Chancellor of the Exchequer what the yield was. [1234]\n\n"
        f"Mr. Example: The yield was £3 billion in\n\n{marker}\n\n1993–94, as in the previous year.\n"
    )
    (record,) = parse(text)
    assert record.answer is not None
    assert record.answer.text == "The yield was £3 billion in 1993–94, as in the previous year."


def test_marker_between_paragraphs_keeps_them_apart() -> None:
    text = (
        "Mr. Sample: To ask the Chancellor of the Exchequer what the yield was. [1234]\n\n"
        "Mr. Example: The yield was £3 billion.\n\n968W\n\nThat is a record.\n"
    )
    (record,) = parse(text)
    assert record.answer is not None
    assert record.answer.text == "The yield was £3 billion.\n\nThat is a record."


def test_lords_id_and_daily_lords_question() -> None:
    text = (
        "Lord Sample asked Her Majesty's Government: What is the number of lighthouses? [HL1234]\n\n"
        "Baroness Example: There are 88.\n"
    )
    (record,) = parse(text)
    assert record.id == "HL1234"
    assert record.house == "Lords"
    assert record.asked_by == Member(name="Lord Sample")
    assert record.question is not None
    assert (
        record.question.text == "asked Her Majesty's Government: What is the number of lighthouses?"
    )


def test_not_hansard_yields_a_failure_not_garbage() -> None:
    from qatool.errors import Failure
    from qatool.parsers.base import Input

    items = list(HansardTextParser().parse(Input("Nothing to see here.")))
    assert len(items) == 1 and isinstance(items[0], Failure)


@pytest.mark.parametrize(
    "text",
    [
        "To ask the Secretary of State for Health how many nurses there are.\n\nThere are 10.",
        "Teachers: recruitment\n\n(asked on 27th January 2026) - View Source\n\nQuestion to the Department for Education:\n\nTo ask the Secretary of State …",
        "The Government has no plans to do so.",
    ],
)
def test_detect_stays_low_on_other_layouts(text: str) -> None:
    assert HansardTextParser().detect(text) < 0.5


def test_section_mark_name_followed_by_a_space() -> None:
    text = (
        "§ Mr. Sample asked the Chancellor of the Exchequer how much is paid.\n"
        "§ Mr. Norman Example The Government have no plans to change the rates.\n"
        "§ 16. Mr. Testwood To ask the Chancellor of the Exchequer what the yield was.\n"
        "§ The Minister of State, Treasury (Mr. Peter Fictional) [holding answer 3 May 1986]: None.\n"
    )
    first, second = parse(text)
    assert first.asked_by == Member(name="Mr. Sample")
    assert first.answered_by == Member(name="Mr. Norman Example")
    assert first.answer is not None
    assert first.answer.text == "The Government have no plans to change the rates."
    assert second.asked_by == Member(name="Mr. Testwood")
    assert second.answered_by == Member(
        name="Mr. Peter Fictional", role="The Minister of State, Treasury"
    )
    assert second.is_holding_answer is True
    assert second.answer is not None and second.answer.text == "None."


def test_daily_page_date_line_party_abbreviation_and_lords_columns() -> None:
    text = (
        "Tuesday 12 July 2005\n\nWritten Answers to Questions\n\n"
        "Jane Sample (Sampleshire, East) (Lab): To ask the Secretary of State for Health how many"
        " nurses there are. [1234]\n\n"
        "Mr. Example:\n\nThere are\n\n12 Jul 2005 : Column WA45\n\n400 nurses.\n"
    )
    (record,) = parse(text)
    assert record.date_answered == dt.date(2005, 7, 12)
    assert record.asked_by == Member(
        name="Jane Sample", party="Labour", constituency="Sampleshire, East"
    )
    assert record.answered_by == Member(name="Mr. Example")
    assert record.answer is not None and record.answer.text == "There are 400 nurses."
    assert record.warnings == []


def test_numbered_asker_with_constituency_and_assembly_id() -> None:
    text = (
        "Questions to the Minister for Sampling\n\n"
        "1. Mrs J Sample (Sampleshire North)\n\n"
        "To ask the Minister for Sampling how many samples were taken in 2014. (AQW 1234/11-15)\n\n"
        "Mr T Example\n\n"
        "Twelve samples were taken.\n"
    )
    (record,) = parse(text)
    assert record.id == "AQW 1234/11-15"
    assert record.house == "Northern Ireland Assembly"
    assert record.heading == "Questions to the Minister for Sampling"
    assert record.asked_by == Member(name="Mrs J Sample", constituency="Sampleshire North")
    assert record.answered_by == Member(name="Mr T Example")
    assert record.question is not None
    assert (
        record.question.text
        == "To ask the Minister for Sampling how many samples were taken in 2014."
    )


def test_unmarked_answerer_run_into_the_answer() -> None:
    # Copied historic Hansard pages mark the question "§" but not always the answer, and the
    # answerer's name then runs straight into the text.
    jobcentres, waiting = parse_file("example-historic-unmarked.txt")
    assert jobcentres.asked_by == Member(name="Mr. Sample Example")
    assert jobcentres.answered_by == Member(name="Mr. Testwood")
    assert jobcentres.answer is not None
    assert jobcentres.answer.text == (
        "Eleven jobcentres in Sampleshire were refurbished in 1990, at a cost of £2.1 million."
    )
    assert waiting.asked_by == Member(name="Mrs. Placeholder")
    assert waiting.answered_by == Member(name="Mr. Testwood")
    assert waiting.answer is not None
    assert waiting.answer.text == "Information on waiting times is not held centrally."
    assert jobcentres.warnings == waiting.warnings == []


def test_navigation_links_run_together_are_chrome() -> None:
    waste, ports = parse_file("example-daily-continued.txt")
    assert waste.heading is None  # not "Previous Section Home Page"
    assert waste.id == "20011"
    assert waste.date_answered == dt.date(2005, 7, 13)
    assert waste.answer is not None
    assert waste.answer.text == (
        "The latest figures show that 41,500 tonnes of waste were recycled in Sampleshire in "
        "2004, against 36,200 tonnes in 2003."
    )
    assert ports.heading == "Ports"
    assert ports.answer is not None
    assert ports.answer.text == "In 2004, 2,920 ferries used Sample Harbour."  # no "Next Section …"
    assert waste.warnings == ports.warnings == []


def test_question_in_numbered_parts_then_a_column_marker() -> None:
    (record,) = parse_file("example-historic-parts.txt")
    assert record.asked_by == Member(name="Mr. Sample")
    assert record.answered_by == Member(name="Mr. Testwood")
    assert record.question is not None and record.answer is not None
    # "(2) …" has no "§" mark: it is the question's second part, not the answer
    assert record.question.text == (
        "To ask the Secretary of State for the Environment (1) how many new homes were "
        "completed in Sampleshire in 1992; what proportion of them were built by housing "
        "associations; and what proportion were on previously developed land;\n\n"
        "(2) how many new homes he expects to be completed in Sampleshire in (a) 1993, "
        "(b) 1994 and (c) 1995."
    )
    assert [p.label for p in record.question.parts] == ["1", "2", "a", "b", "c"]
    assert record.answer.text == (
        'Table 3 of the 1993 "Sampleshire Housing Review" shows 4,120 homes completed in 1992, '
        "of which 18 per cent. were built by housing associations. Projections for later years "
        "are not made centrally."
    )
    assert record.warnings == []


def test_next_part_of_a_question_only_after_the_part_before() -> None:
    text = (
        "§ Mr. SampleTo ask the Secretary of State for Health how many nurses work in Sampleton.\n"
        "(2) Of these, 40 work at night.\n"
    )
    (record,) = parse(text)
    # no "(1)" in the question: "(2) …" after it is the answer
    assert record.question is not None and record.question.text.endswith("work in Sampleton.")
    assert record.answer is not None and record.answer.text == "(2) Of these, 40 work at night."


def test_page_starting_inside_an_answer_and_a_question_run_on() -> None:
    lead, grants, routes = parse_file("example-daily-midanswer.txt")
    # the answer whose question is on the page before is a record of its own, question null
    assert lead.question is None and lead.asked_by is None
    assert lead.answered_by == Member(name="Mr. Testwood")
    assert lead.house == "Commons"
    assert lead.answer is not None and lead.answer.text == (
        "The Government have announced grants totalling £12 million in 1991-92 to support the "
        "bus services of 40 rural parishes chosen after competitive bidding. The parishes keep "
        "their existing arrangements with the county councils."
    )
    assert lead.warnings == [
        "question missing: the text starts with an answer whose question is not in it"
    ]
    assert grants.asked_by == Member(name="Mr. Sample")
    assert grants.answered_by == Member(name="Mr. Testwood")
    assert grants.warnings == []
    # "… 1992-93Mrs. Example : To ask …": the next question, not more of the answer
    assert grants.answer is not None and grants.answer.text == (
        "Three parishes in Sampleshire were awarded grants in 1991-92, worth £310,000 in all. "
        "No figures are available yet for 1992-93"
    )
    assert routes.asked_by == Member(name="Mrs. Example")
    assert routes.question is not None and routes.question.text == (
        "To ask the Secretary of State for Transport if he will list the bus routes in "
        "Sampleton withdrawn since 1 April 1991."
    )
    assert routes.answer is not None
    assert routes.answer.text == "Two routes in Sampleton have been withdrawn since 1 April 1991."


def test_a_title_line_before_the_first_question_is_no_answer() -> None:
    text = (
        "Written Answers: 12 July 1991\n"
        "Mr. Sample : To ask the Secretary of State for Transport how many buses run in "
        "Sampleton.\n"
        "Mr. Testwood : Forty buses run in Sampleton.\n"
    )
    (record,) = parse(text)
    assert record.asked_by == Member(name="Mr. Sample")


def test_speaker_names_without_mark_or_colon() -> None:
    bypass, accidents = parse_file("example-archive-no-colons.txt")
    assert bypass.source.format == "hansard-text"
    assert bypass.asked_by == Member(name="Mr. Sample Example")
    assert bypass.answered_by == Member(name="Mr. Testwood")
    assert bypass.house == "Commons"
    assert bypass.question is not None and bypass.question.text == (
        "To ask the Secretary of State for Transport what will be the total cost of the "
        "Sampleton bypass; and if he will make a statement."
    )
    assert bypass.answer is not None and bypass.answer.text == (
        "The total cost of the Sampleton bypass is expected to be about £48 million, "
        "equivalent to 3 per cent. of the region's road budget."
    )
    assert accidents.asked_by == Member(name="Mrs. Placeholder")
    assert accidents.answered_by == Member(name="Mr. Testwood")
    assert accidents.is_holding_answer is True
    assert accidents.answer is not None
    assert accidents.answer.text == "There were 1,204 road accidents in Sampleshire in 1987."
    assert bypass.warnings == accidents.warnings == []
