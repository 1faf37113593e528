"""plain, and the other layouts people copy from (parallel-parliament, senedd-text, ldapi-text,
scotparl-text):
our own made-up samples (tests/samples/<format>/), field by field, and detection on each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qatool.models import Member, Record
from qatool.parsers import PARSERS, detect_format, parse_text
from qatool.parsers.plain import NOT_RECOGNISED

SAMPLES = Path(__file__).resolve().parent / "samples"


def parse_file(folder: str, name: str) -> list[Record]:
    path = SAMPLES / folder / name
    return list(parse_text(path.read_text(encoding="utf-8"), path=str(path)))


DETECTED = [
    ("parallel-parliament", "example-search-results.txt", "parallel-parliament"),
    ("parallel-parliament", "example-question-page.txt", "parallel-parliament"),
    ("senedd-text", "example-order-paper.txt", "senedd-text"),
    ("senedd-text", "example-plain-rendering.txt", "senedd-text"),
    ("senedd-text", "example-archive.txt", "senedd-text"),
    ("senedd-text", "example-archive-cy.txt", "senedd-text"),
    ("senedd-text", "example-archive-received.txt", "senedd-text"),
    ("ldapi-text", "example-two-items.txt", "ldapi-text"),
    ("scotparl-text", "example-listing.txt", "scotparl-text"),
    ("scotparl-text", "example-question-page.txt", "scotparl-text"),
    ("plain", "example-question-answer.txt", "plain"),
    ("plain", "example-answer-only.txt", "plain"),
    ("plain", "example-labelled.txt", "plain"),
    ("plain", "example-novel.txt", "plain"),
    ("plain", "example-table.csv", "plain"),
    ("plain", "example-parliament-questions-page.txt", "plain"),
    ("plain", "example-parliament-questions-no-names.txt", "plain"),
    ("plain", "example-question-page.txt", "plain"),
    ("plain", "example-lords-page.txt", "plain"),
    # "Name: To ask …" speaker lines are the daily Hansard's layout
    ("plain", "example-speakers.txt", "hansard-text"),
]


@pytest.mark.parametrize(("folder", "name", "expected"), DETECTED, ids=[d[1] for d in DETECTED])
def test_detection(folder: str, name: str, expected: str) -> None:
    text = (SAMPLES / folder / name).read_text(encoding="utf-8")
    assert detect_format(text).name == expected
    # the layout parsers claim only their own samples
    for parser in PARSERS:
        if parser.name not in (expected, "plain"):
            assert parser.detect(text) < 0.5, parser.name


def test_every_layout_sample_is_listed() -> None:
    folders = ("parallel-parliament", "senedd-text", "ldapi-text", "scotparl-text", "plain")
    on_disk = {(f, p.name) for f in folders for p in (SAMPLES / f).iterdir() if p.suffix != ".md"}
    assert on_disk == {(f, n) for f, n, _ in DETECTED}


# --- plain ---------------------------------------------------------------------------------


def test_plain_question_and_answer() -> None:
    (record,) = parse_file("plain", "example-question-answer.txt")
    assert record.id == "12345"
    assert record.heading == "Libraries: Sampleshire"
    assert record.house == "Commons"
    assert record.question is not None and record.answer is not None
    assert record.question.text == (
        "To ask the Secretary of State for Culture, Media and Sport how many public libraries in "
        "Sampleshire closed in (a) 2022 and (b) 2023."
    )
    assert [p.label for p in record.question.parts] == ["a", "b"]
    assert record.answer.text == (
        "Two public libraries in Sampleshire closed in 2022 and one in 2023.\n\n"
        "Local authorities are responsible for library provision in their area."
    )
    assert record.source.format == "plain"
    assert record.warnings == []


def test_plain_answer_only_hard_wrapped() -> None:
    (record,) = parse_file("plain", "example-answer-only.txt")
    assert record.question is None
    assert record.answer is not None
    assert record.answer.text == (
        "The Government has provided £2.4 million to Sampleshire County Council for road "
        "maintenance in 2023-24, an increase of 5% on the previous year. The Department will "
        "publish the allocations for 2024-25 in the spring.\n\n"
        "Local authorities decide how the funding is spent in their area."
    )
    assert record.warnings == ["no question found; all text taken as the answer"]


def test_plain_labelled_lines_and_ni_assembly_id() -> None:
    (record,) = parse_file("plain", "example-labelled.txt")
    assert record.id == "AQW 1234/22-27"
    assert record.house == "Northern Ireland Assembly"
    assert record.asked_by == Member(
        name="Mr Colin Demo", party="Sample Party", constituency="Sampleshire North"
    )
    assert record.date_tabled == dt.date(2024, 3, 14)
    assert record.date_answered == dt.date(2024, 3, 28)
    assert record.answered_by == Member(
        name="Minister for Infrastructure", role="Minister for Infrastructure"
    )
    assert record.question is not None and record.answer is not None
    assert record.question.text.startswith(
        "To ask the Minister for Infrastructure how many potholes"
    )
    assert record.answer.text == "In 2023, 8,412 potholes were repaired in Sampleshire."
    assert record.warnings == []


def test_plain_reads_speaker_lines_and_holding_answers_too() -> None:
    path = SAMPLES / "plain" / "example-speakers.txt"
    first, second = parse_text(path.read_text(encoding="utf-8"), format="plain")
    assert first.asked_by == Member(name="Jane Sample")
    assert first.answered_by == Member(name="John Example")
    assert first.is_holding_answer is True
    assert (
        first.answer is not None
        and first.answer.text == "Three GP surgeries opened in Sampleshire in 2023."
    )
    assert second.is_holding_answer is False
    assert (
        second.answer is not None
        and second.answer.text == "One GP surgery closed in Sampleshire in 2023."
    )


@pytest.mark.parametrize("name", ["example-novel.txt", "example-table.csv"])
def test_plain_text_that_is_no_answer_is_read_with_a_warning(name: str) -> None:
    (record,) = parse_file("plain", name)
    assert record.source.format == "plain"
    assert record.question is None and record.heading is None
    assert record.answer is not None and record.answer.text
    assert record.warnings == [NOT_RECOGNISED]


def test_plain_parliament_questions_page() -> None:
    first, second = parse_file("plain", "example-parliament-questions-page.txt")
    assert first.heading == "Roads: Sampleshire"
    assert first.answering_body == "Department for Transport"
    assert first.house == "Commons"
    assert first.asked_by == Member(name="Jane Sample", constituency="Sampleshire East")
    assert first.answered_by == Member(name="Peter Example")
    assert (first.date_tabled, first.date_answered) == (dt.date(2019, 4, 11), dt.date(2019, 4, 25))
    assert first.answer is not None
    assert first.answer.text == (
        "In 2018, 42 miles of road in Sampleshire were resurfaced.\n\n"
        "The Department does not hold figures for earlier years."
    )
    assert second.heading == "Bridges: Sampleton"
    assert second.asked_by == Member(name="Tom Testwood", constituency="Sampleton")
    assert (
        second.answer is not None and second.answer.text == "Two bridges in Sampleton are closed."
    )
    assert second.warnings == []


def test_plain_parliament_questions_page_without_names() -> None:
    # Real list pages (and their web-archive copies) often lose the asker's name link and keep
    # only "(Constituency)"; that line is the asker's seat, never the heading.
    canals, lifts = parse_file("plain", "example-parliament-questions-no-names.txt")
    assert canals.asked_by == Member(constituency="Sampleton North")
    # "Topic: Subtopic" whose topic reads like a name is the heading, not a speaker line
    assert canals.heading == "Canal Boats: Sampleshire"
    assert canals.answering_body == "Department for Transport"
    assert canals.answered_by == Member(name="Peter Example")
    assert (canals.date_tabled, canals.date_answered) == (dt.date(2020, 3, 3), dt.date(2020, 3, 10))
    assert canals.answer is not None
    assert canals.answer.text == "There were 310 licensed canal boats in Sampleshire in 2019."
    assert canals.grouped_questions == ["24680"]  # "Grouped Questions: 24680" is no answer text
    # The page's title lines above "Q" are not this question's heading.
    assert lifts.heading is None
    assert lifts.answering_body == "House of Commons Commission"
    assert lifts.asked_by == Member(constituency="Sampleton North")
    assert lifts.answered_by == Member(name="Alex Madeup")
    assert lifts.answer is not None
    assert lifts.answer.text == "Four lifts were out of order for more than a day in February 2020."
    assert lifts.grouped_questions == []
    assert lifts.warnings == []


def test_plain_single_question_page() -> None:
    (record,) = parse_file("plain", "example-question-page.txt")
    assert record.id == "12345"
    assert record.house == "Commons"
    assert record.heading == "Roads: Sampleshire"
    assert record.answering_body == "Department for Transport"
    assert (record.date_tabled, record.date_answered) == (
        dt.date(2024, 4, 11),
        dt.date(2024, 4, 25),
    )
    assert record.asked_by == Member(name="Jane Sample", constituency="Sampleshire East")
    assert record.answered_by == Member(
        name="Peter Example",
        role="Parliamentary Under-Secretary of State (Department for Transport)",
    )
    assert record.answer is not None
    assert record.answer.text == (
        "In 2023, 42 miles of road in Sampleshire were resurfaced.\n\n"
        "The Department does not hold figures for earlier years."
    )
    assert record.warnings == []


def test_plain_question_without_answer() -> None:
    (record,) = parse_text(
        "To ask the Secretary of State for Defence how many ships there are.", format="plain"
    )
    assert record.answer is None
    assert record.house == "Commons"
    assert any("answer missing" in w for w in record.warnings)


# --- parallel-parliament --------------------------------------------------------------------


def test_parallel_parliament_search_results() -> None:
    lords, commons, unanswered = parse_file("parallel-parliament", "example-search-results.txt")
    assert lords.heading == "Lighthouses: Sampleshire"
    assert lords.house == "Lords"
    assert lords.answering_body == "Department for Transport"
    assert lords.date_answered == dt.date(2023, 2, 14)
    assert lords.asked_by == Member(name="Lord Sample of Testbury", party="Crossbench")
    assert lords.answered_by == Member(name="Baroness Example")
    assert lords.question is not None and lords.answer is not None
    assert [p.label for p in lords.question.parts] == ["1", "2"]
    assert lords.answer.text == (
        "There are 12 lighthouses in Sampleshire: 9 are in service and 3 have been decommissioned."
        "\n\nTrinity House keeps the list under review."
    )
    # party with brackets of its own; answerer "Name - Role"
    assert commons.house == "Commons"
    assert commons.asked_by == Member(
        name="Jane Placeholder", party="Labour (Co-op)", constituency="Sampleton North"
    )
    assert commons.answered_by == Member(
        name="Tom Testwood", role="Parliamentary Under-Secretary (Department for Transport)"
    )
    assert commons.answer is not None
    assert commons.answer.text == "Seven bus routes in Sampleton were withdrawn in 2022."
    # not yet answered: still a record
    assert unanswered.heading == "Ferries: Sampleshire"
    assert unanswered.answer is None and unanswered.answered_by is None
    assert unanswered.asked_by == Member(
        name="Mr Colin Demo", party="Liberal Democrat", constituency="Sampleshire East"
    )


def test_parallel_parliament_question_page() -> None:
    (record,) = parse_file("parallel-parliament", "example-question-page.txt")
    assert record.heading == "Schools: Sampleshire"
    assert record.date_tabled == dt.date(2025, 3, 3)
    assert record.date_answered == dt.date(2025, 3, 11)
    assert record.answering_body == "Department for Education"
    assert record.answered_by == Member(name="Peter Example", role="Minister of State (Schools)")
    assert record.is_holding_answer is True
    assert record.answer is not None
    assert record.answer.text == (
        "Since 2020, four schools in Sampleshire have closed and two have opened.\n\n"
        "The Department publishes these figures each year."
    )
    assert "Reticulating" not in record.answer.text


def test_parallel_parliament_asked_by_block() -> None:
    text = (
        "Teachers: Sampleshire\n\n(asked on 27th January 2026) - View Source\n\n"
        "Asked by\nJane Sample Portrait\nJane Sample\nLabour - Sampleton North\n\n"
        "Question to the Department for Education:\n\n"
        "To ask the Secretary of State for Education, what steps she is taking.\n\n"
        "Answered by\nPeter Example Portrait\nPeter Example\nMinister of State (Schools)\n"
        "This question was answered on 4th February 2026\n\nThe answer.\n"
    )
    (record,) = parse_text(text)
    assert record.source.format == "parallel-parliament"
    assert record.heading == "Teachers: Sampleshire"
    assert record.asked_by == Member(
        name="Jane Sample", party="Labour", constituency="Sampleton North"
    )
    assert record.answered_by == Member(name="Peter Example", role="Minister of State (Schools)")
    assert (record.date_tabled, record.date_answered) == (dt.date(2026, 1, 27), dt.date(2026, 2, 4))
    assert record.answer is not None and record.answer.text == "The answer."


def test_plain_lords_page_with_role_answerers() -> None:
    lighthouses, ferries = parse_file("plain", "example-lords-page.txt")
    assert [r.id for r in (lighthouses, ferries)] == ["HL9001", "HL9002"]
    assert lighthouses.house == ferries.house == "Lords"
    # the navigation links are page chrome, not the heading
    assert lighthouses.heading is None and lighthouses.warnings == []
    assert lighthouses.answered_by == Member(
        name="Lord Example", role="The Minister of State, Department for Transport"
    )
    # a hyphenated role ("Advocate-General") is a role like any other
    assert ferries.answered_by == Member(
        name="Lord Sample of Testwood", role="The Advocate-General for Scotland"
    )
    assert ferries.question is not None and ferries.question.text == (
        "To ask Her Majesty's Government how many ferry crossings to the Isle of Sample were "
        "cancelled in 2010."
    )
    assert ferries.answer is not None and ferries.answer.text == (
        "There were 41 cancelled crossings in 2010, of which 29 were cancelled because of bad "
        "weather."
    )
    assert ferries.warnings == []


# --- senedd-text ------------------------------------------------------------------------------


def test_senedd_order_paper() -> None:
    first, second, third = parse_file("senedd-text", "example-order-paper.txt")
    assert [r.id for r in (first, second, third)] == ["WQ90001", "WQ90002", "WQ90003"]
    assert all(r.house == "Senedd" for r in (first, second, third))
    assert first.answering_body == "First Minister"
    assert first.date_tabled == dt.date(2024, 3, 6)
    assert first.date_answered == dt.date(2024, 3, 12)
    assert first.answered_by == Member(
        name="Minister for Climate Change", role="Minister for Climate Change"
    )
    assert first.question is not None and first.answer is not None
    assert (
        first.question.text
        == "How many Welsh Government buildings in Sampleshire have solar panels?"
    )
    assert first.answer.text.endswith("A further 3 buildings will be fitted in 2024-25.")
    assert second.answer is None and second.answered_by is None
    assert third.answering_body == "Minister for Economy"
    assert third.date_tabled == dt.date(2024, 3, 7)


def test_senedd_plain_rendering() -> None:
    first, second, third = parse_file("senedd-text", "example-plain-rendering.txt")
    assert all(r.date_tabled == dt.date(2024, 7, 10) for r in (first, second, third))
    assert all(r.date_answered is None for r in (first, second, third))
    assert first.answering_body == "First Minister"
    assert first.answer is None
    assert second.answering_body == "Cabinet Secretary for Transport"
    assert second.question is not None and second.answer is not None
    assert second.question.text.endswith("between Sampleton and Testbury?")
    assert second.answer.text == (
        "We are investing £12m in new trains for the line, and services will run every 30 "
        "minutes from December.\n\nWork on the new station at Testbury will start in 2025."
    )
    assert third.question is not None and third.answer is not None
    assert third.question.text.startswith("Will the Cabinet Secretary publish")
    assert third.answer.text.endswith("by Transport for Wa")


def test_senedd_archive_speakers_and_grouped_answer() -> None:
    first, second, third = parse_file("senedd-text", "example-archive.txt")
    assert [r.id for r in (first, second, third)] == ["WAQ50001", "WAQ50002", "WAQ50003"]
    assert first.asked_by == Member(name="Jane Sample", constituency="Sampleshire Central")
    assert first.answering_body == "First Minister"
    assert first.question is not None
    assert (
        first.question.text
        == "How much has the Welsh Assembly Government spent on lighthouses since 1999?"
    )
    # two questions, one answer
    assert first.answer == second.answer
    assert (
        first.answered_by
        == second.answered_by
        == Member(name="John Example", role="The First Minister")
    )
    assert first.date_answered == second.date_answered == dt.date(2009, 2, 3)
    # said, so that the shared answer's figures are not read as two sets
    assert first.grouped_questions == ["WAQ50002"] and second.grouped_questions == ["WAQ50001"]
    assert first.warnings == ["answered together with the next question(s)"]
    assert second.warnings == [] and third.grouped_questions == []
    assert third.answering_body == "Minister for Heritage"
    assert third.date_answered == dt.date(2009, 2, 10)
    assert third.answered_by == Member(name="Ann Fictional", role="The Minister for Heritage")
    assert third.answer is not None and third.answer.text == "Museum funding rose by 3% in 2008-09."


def test_senedd_archive_text_after_answer_received_is_the_answer() -> None:
    stations, bypass = parse_file("senedd-text", "example-archive-received.txt")
    assert stations.id == "WAQ70001"
    assert stations.question is not None
    assert stations.question.text == (
        "Will the Cabinet Secretary state how many rail stations in Sampleshire have step-free access?"
    )
    assert stations.date_answered == dt.date(2017, 4, 12)
    assert stations.answer is not None
    assert (
        stations.answer.text == "Nineteen of the 31 stations in Sampleshire have step-free access."
    )
    # cut off inside the answerer's label: still the answer, never more of the question
    assert bypass.id == "WAQ70002"
    assert bypass.question is not None
    assert (
        bypass.question.text
        == "Will the Cabinet Secretary confirm when the Sampleton bypass will open?"
    )
    assert bypass.date_answered == dt.date(2017, 4, 7)
    assert bypass.answer is not None
    assert bypass.answer.text == "The Cabinet Secretary for Economy and Infrastructure (Ann Fictio"
    assert stations.warnings == bypass.warnings == []


def test_senedd_archive_in_welsh() -> None:
    first, second = parse_file("senedd-text", "example-archive-cy.txt")
    assert all(r.source.language == "cy" for r in (first, second))
    assert [r.id for r in (first, second)] == ["WAQ50010", "WAQ50011"]
    assert first.answering_body == "Prif Weinidog"
    assert first.date_answered == dt.date(2009, 5, 7)  # "7 Mai 2009": Welsh month name
    assert first.asked_by == Member(name="Jane Sample", constituency="Canol Samplsir")
    assert first.answered_by == Member(name="John Example", role="Y Prif Weinidog")
    assert second.answered_by == Member(name="Y Prif Weinidog", role="Y Prif Weinidog")
    assert second.answer is not None and second.answer.text == "Mae 3 fferi."


def test_senedd_question_without_question_mark_after_an_answer() -> None:
    text = (
        "Written Questions tabled on 10/07/2024 for answer on 17/07/2024\n"
        "Cabinet Secretary for Transport\n"
        "Will the Cabinet Secretary make a statement on rail services in Sampleton.\n"
        "Services will run every 30 minutes from December.\n"
        "Will the Cabinet Secretary make a statement on bus services in Sampleton.\n"
        "Bus services are a matter for the council.\n"
    )
    first, second = parse_text(text)
    assert (
        first.answer is not None
        and first.answer.text == "Services will run every 30 minutes from December."
    )
    assert second.question is not None and second.question.text.endswith(
        "bus services in Sampleton."
    )
    assert (
        second.answer is not None
        and second.answer.text == "Bus services are a matter for the council."
    )


# --- scotparl-text ---------------------------------------------------------------------------


def test_scotparl_listing_one_record_per_question() -> None:
    ferries, harbours, terminal = parse_file("scotparl-text", "example-listing.txt")
    assert all(r.house == "Scottish Parliament" for r in (ferries, harbours, terminal))
    assert all(r.source.format == "scotparl-text" for r in (ferries, harbours, terminal))
    assert ferries.asked_by == Member(
        name="Jane Sample", constituency="Sampleton North", party="Scottish Labour"
    )
    assert ferries.answered_by == Member(name="John Example")
    assert (ferries.date_tabled, ferries.date_answered) == (
        dt.date(2023, 3, 14),
        dt.date(2023, 3, 28),
    )
    assert ferries.question is not None and ferries.question.text == (
        "To ask the Scottish Government how many ferry sailings to the Isle of Sample were "
        "cancelled in 2022."
    )
    # the answer stops where the next record's header starts
    assert ferries.answer is not None and ferries.answer.text == (
        "There were 412 cancelled sailings in 2022, of which 301 were cancelled because of the "
        "weather.\n\nCancellations fell by 12% compared with 2021."
    )
    assert ferries.warnings == []
    # "Question reference: S6W-90001" before "Asked by" is the next record's id
    assert harbours.id == "S6W-90001"
    assert harbours.asked_by == Member(
        name="Tom Testwood",
        constituency="Sampleshire",
        party="Scottish Conservative and Unionist Party",
    )
    assert harbours.answered_by == Member(name="Ann Fictional")
    assert harbours.answer is not None
    assert harbours.answer.text.startswith("The following table shows the funding provided:")
    assert harbours.answer.text.endswith("| Testwick | £0.4 million | £0.3 million |")
    # not answered yet: still a record, the status line is not the question
    assert terminal.question is not None and terminal.question.text == (
        "To ask the Scottish Government when the Sampleton ferry terminal will reopen."
    )
    assert terminal.answer is None and terminal.answered_by is None
    assert terminal.date_tabled == dt.date(2023, 3, 16) and terminal.date_answered is None
    assert terminal.warnings == ["answer missing: no answer shown on the page"]


def test_scotparl_question_page() -> None:
    (record,) = parse_file("scotparl-text", "example-question-page.txt")
    assert record.id == "S6W-90010"
    assert record.asked_by == Member(
        name="Robert Placeholder", constituency="Testshire", party="Scottish Green Party"
    )
    assert record.answered_by == Member(name="Ann Fictional")
    assert (record.date_tabled, record.date_answered) == (dt.date(2023, 5, 2), dt.date(2023, 5, 23))
    assert record.is_holding_answer is True
    assert record.question is not None and [p.label for p in record.question.parts] == ["a", "b"]
    assert record.answer is not None and record.answer.text == (
        "There are (a) 64 electric buses and (b) 11 hydrogen buses in service in Testshire."
    )
    assert record.warnings == []


# --- ldapi-text -----------------------------------------------------------------------------


def test_ldapi_two_items() -> None:
    commons, lords = parse_file("ldapi-text", "example-two-items.txt")
    assert commons.id == "12345"
    assert commons.house == "Commons"
    assert commons.heading == "Roads: Sampleshire"
    assert commons.answering_body == "Department for Transport"
    assert commons.date_tabled == dt.date(2021, 3, 1)
    assert commons.date_answered == dt.date(2021, 3, 8)
    assert commons.asked_by == Member(name="Colin Demo", constituency="Sampleshire East")
    assert commons.answered_by == Member(name="Peter Example")
    assert commons.is_correction is True
    assert commons.question is not None and commons.answer is not None
    assert commons.question.text.endswith("resurfaced in (a) 2019 and (b) 2020.")
    assert "more like this" not in commons.question.text
    assert commons.answer.text == (
        "In 2019, 42 miles of road in Sampleshire were resurfaced.\n\nIn 2020, 37 miles were resurfaced."
    )
    assert lords.id == "HL1234"
    assert lords.house == "Lords"
    assert lords.is_correction is False
    assert lords.asked_by == Member(name="Lord Sample of Testbury")
    assert lords.answer is not None
    assert (
        lords.answer.text
        == "There were 1,950 police officers serving in Sampleshire on 31 December 2020."
    )
