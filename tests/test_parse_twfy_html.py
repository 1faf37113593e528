"""twfy-html: our made-up TheyWorkForYou pages (English and Welsh interface, and a broken one)
field by field, chrome kept out, the text fallback and clear failures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qatool.errors import Failure
from qatool.models import Member, Record, Votes
from qatool.parsers import detect_format, parse_input
from qatool.parsers.base import Input
from qatool.parsers.twfy_html import GENERIC_HTML_SCORE, TwfyHtmlParser

HERE = Path(__file__).resolve().parent / "samples" / "twfy-html"
CHROME = (
    "Alert me about debates like this",
    "Danfonwch hysbysiad imi",
    "Does this answer the above question?",
    "Freedom of Information",
    "Photo of",
    "Link to this speech",
    "Hansard source",
    "thinks so",
    "TheyWorkForYou",
    "Rhannwch",
    "console.log",
)


def parse_one(name: str) -> Record:
    path = HERE / name
    items = list(parse_input(Input(text=path.read_text(encoding="utf-8"), path=str(path))))
    assert len(items) == 1 and isinstance(items[0], Record), items
    return items[0]


def parse_html(text: str) -> list[Record | Failure]:
    return list(TwfyHtmlParser().parse(Input(text=text, path="page.html")))


@pytest.mark.parametrize("path", sorted(HERE.iterdir()), ids=lambda p: p.name)
def test_every_sample_is_detected_as_twfy_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "made-up example for qatool tests" in text
    assert detect_format(text).name == "twfy-html"


def test_english_page_every_field() -> None:
    record = parse_one("commons-en.html")
    assert record.id == "23456"
    assert record.house == "Commons"
    assert record.heading == "Bus Services: Rural Areas"
    assert record.answering_body == "Department for Transport"
    assert record.date_answered == dt.date(2024, 4, 23)
    assert record.date_tabled is None
    assert record.asked_by == Member(
        name="Jane Example", party="Labour", constituency="Nowhere and Elsewhere"
    )
    assert record.answered_by == Member(
        name="Sam Sample", role="Parliamentary Under-Secretary (Department for Transport)"
    )
    assert record.votes == Votes(yes=3, no=1)
    assert record.source.format == "twfy-html"
    assert record.source.language == "en"
    assert record.is_holding_answer is False
    assert record.grouped_questions == []
    assert record.warnings == []
    assert record.question is not None and record.answer is not None
    assert record.question.text.startswith(
        "To ask the Secretary of State for Transport, how many rural bus routes"
    )
    assert record.question.text.endswith("to keep such routes running.")
    assert [p.label for p in record.question.parts] == ["a", "b"]
    assert record.answer.text.startswith(
        "The Government has provided £150 million to support bus services"
    )
    assert record.answer.text.endswith(
        "b) Reduced means fewer than 5 journeys a day.\nSource: a made-up survey."
    )
    assert [p.label for p in record.answer.parts] == ["a", "b"]
    table = record.answer.text.split("\n\n")[1].split("\n")
    assert table == [
        "Year     Withdrawn  Reduced",
        "2022-23  1          000",
        "2023-24  12         1,204",
    ]


@pytest.mark.parametrize("name", ["commons-en.html", "lords-cy.html", "broken.html"])
def test_no_chrome_in_the_text(name: str) -> None:
    record = parse_one(name)
    for block in (record.question, record.answer):
        assert block is not None
        assert "\u00a0" not in block.text and "<" not in block.text
        for chrome in CHROME:
            assert chrome not in block.text, chrome


def test_welsh_interface_lords_page_with_grouped_questions() -> None:
    record = parse_one("lords-cy.html")
    assert record.id == "HL4101"
    assert record.grouped_questions == ["HL4102"]
    assert record.house == "Lords"
    assert record.heading == "Roads: Potholes"
    assert record.answering_body == "Department for Transport"
    assert record.date_answered == dt.date(2024, 5, 14)  # "am ar 14 Mai 2024"
    assert record.asked_by == Member(
        name="Lord Example of Nowhere", party="Conservative"
    )  # "Ceidwadwyr"
    assert record.answered_by == Member(
        name="Baroness Sample",
        role="Parliamentary Under-Secretary of State (Department for Transport)",
    )
    assert record.votes == Votes(yes=0, no=2)
    assert record.source.language == "cy"
    assert record.question is not None and record.answer is not None
    # Parts are read per grouped question, so the last part ends with its own question.
    assert [p.label for p in record.question.parts] == ["1", "2"]
    assert record.question.parts[-1].text == "2023."
    assert record.question.text.endswith("for road repairs in 2024–25.")
    assert record.answer.text.startswith(
        "Local highway authorities reported repairing about 1.7 million potholes"
    )
    assert record.answer.text.endswith("£150 million in 2023-24;\n£150 million in 2024-25.")


def test_broken_html_still_parses() -> None:
    record = parse_one("broken.html")
    assert record.id == "12001"
    assert record.house == "Commons"
    assert record.heading == "Libraries: Closures"
    assert record.answering_body == "Department for Culture, Media and Sport"
    assert record.date_answered == dt.date(2024, 2, 2)
    assert record.asked_by == Member(
        name="Alex Placeholder", party="Liberal Democrat", constituency="Testshire North"
    )
    assert record.answered_by == Member(name="Pat Dummy", role="Minister for Arts and Heritage")
    assert record.votes is None
    assert record.question is not None and record.answer is not None
    assert record.question.text == (
        "To ask the Secretary of State for Culture, Media and Sport, how many public libraries closed in 2023 & how many opened."
    )
    assert record.answer.text == (
        "Public library statistics are collected by CIPFA.\n\nIn 2023, 14 libraries closed and 3 opened"
        "\n\nClosed  14\nOpened  3\n\nFigures are provisional"
    )


def test_unknown_layout_falls_back_to_the_page_text() -> None:
    html = (
        "<html><body><h1>Drugs: Balkans</h1>"
        "<p>Home Office written question &ndash; answered on 23 May 2024.</p>"
        "<p>To ask His Majesty's Government what estimate they have made of (a) this, and (b) that.</p>"
        "<p>Illegal drugs devastate lives.</p><p>Does this answer the above question?</p></body></html>"
    )
    assert detect_format(html).name == "twfy-html"
    [record] = parse_html(html)
    assert isinstance(record, Record)
    assert record.source.format == "twfy-html"
    assert record.heading == "Drugs: Balkans"
    assert record.answering_body == "Home Office"
    assert record.date_answered == dt.date(2024, 5, 23)
    assert record.house == "Lords"
    assert record.answer is not None and record.answer.text == "Illegal drugs devastate lives."
    assert (
        record.warnings[0] == "page layout not recognised: read from the page's text as twfy-text"
    )


def test_other_html_page_is_read_from_its_text_not_its_tags() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Search</title><style>p {}</style></head><body>"
        "<p>To ask the Secretary of State for Wales, how many &quot;hubs&quot; there are.</p>"
        "<p>There are 12&nbsp;hubs.</p></body></html>"
    )
    parser = TwfyHtmlParser()
    assert parser.detect(html) == GENERIC_HTML_SCORE
    assert detect_format(html).name == "twfy-html"
    [record] = parse_html(html)
    assert isinstance(record, Record)
    assert record.source.format == "twfy-html"
    assert record.warnings[0].startswith(
        "page layout not recognised: read from the page's text as "
    )
    assert record.question is not None and record.answer is not None
    assert (
        record.question.text
        == 'To ask the Secretary of State for Wales, how many "hubs" there are.'
    )
    assert record.answer.text == "There are 12 hubs."
    assert record.house == "Commons"


def test_page_with_no_answer_is_a_clear_failure() -> None:
    [failure] = parse_html("<html><head><title>x</title></head><body></body></html>")
    assert isinstance(failure, Failure)
    assert "no text" in failure.message
    [binary] = parse_html("<\x00\x01\x02 garbage <<<>>> \ufffd")
    assert isinstance(binary, (Record, Failure))  # never a traceback


def test_single_speech_is_the_answer() -> None:
    html = (
        '<div class="debate-speech" id="gx"><h2 class="debate-speech__speaker">'
        '<strong class="debate-speech__speaker__name">A Minister</strong>'
        '<small class="debate-speech__speaker__position">Minister of State</small></h2>'
        '<div class="debate-speech__content"><p>Only an answer.</p></div></div>'
    )
    [record] = parse_html(html)
    assert isinstance(record, Record)
    assert record.question is None
    assert record.answer is not None and record.answer.text == "Only an answer."
    assert record.answered_by == Member(name="A Minister", role="Minister of State")
    assert record.warnings == ["only one speech on the page: taken as the answer"]


def test_detection_does_not_claim_other_formats() -> None:
    parser = TwfyHtmlParser()
    assert (
        parser.detect("Drugs: Balkans\nHome Office written question – answered on 23 May 2024.")
        == 0.0
    )
    assert parser.detect('{"questionText": "To ask"}') == 0.0
    assert parser.detect('<ques id="x" speakername="A"><p>To ask</p></ques>') == 0.0


@pytest.mark.parametrize("path", sorted(HERE.iterdir()), ids=lambda p: p.name)
def test_any_cut_of_a_sample_gives_records_or_failures_never_a_traceback(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for cut in range(0, len(text), 97):
        for variant in (text[:cut], text[cut:]):
            for item in TwfyHtmlParser().parse(Input(text=variant, path="cut.html")):
                assert isinstance(item, Record | Failure)
