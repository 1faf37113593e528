"""twfy-text: the seed (a real Welsh-interface page) and our own made-up examples, field by field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qatool.models import Member, Record, Votes
from qatool.parsers import detect_format, parse_text
from qatool.text import split_parts

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def parse_one(name: str) -> Record:
    path = SAMPLES / name
    records = list(parse_text(path.read_text(encoding="utf-8"), path=str(path)))
    assert len(records) == 1
    return records[0]


def test_seed_every_gold_field() -> None:
    record = parse_one("drugs-balkans.twfy.txt")
    assert record.heading == "Drugs: Balkans"
    assert record.house == "Lords"
    assert record.answering_body == "Home Office"
    assert record.date_answered == dt.date(2024, 5, 23)
    assert record.date_tabled is None
    assert record.asked_by == Member(name="The Marquess of Lothian", party="Conservative")
    assert record.answered_by == Member(
        name="Lord Sharpe of Epsom",
        role="The Parliamentary Under-Secretary of State for the Home Department",
    )
    assert record.votes == Votes(yes=1, no=0)
    assert record.question is not None and record.answer is not None
    assert [p.label for p in record.question.parts] == ["1", "2", "a", "b"]
    assert [p.label for p in record.answer.parts] == ["a", "b"]
    assert record.question.text.startswith(
        "To ask His Majesty's Government what estimate they have made"
    )
    assert record.question.text.endswith("disrupt the supply of cocaine across Europe.")
    assert record.answer.text.startswith(
        "Illegal drugs devastate lives, ruin families and damage communities."
    )
    assert record.answer.text.endswith(
        "the second largest quantity of the substance since records began."
    )
    assert record.source.format == "twfy-text"
    assert record.source.language == "cy"
    assert record.is_holding_answer is False
    assert record.warnings == []


def test_seed_text_has_no_chrome_or_odd_spaces() -> None:
    record = parse_one("drugs-balkans.twfy.txt")
    assert record.question is not None and record.answer is not None
    for text in (record.question.text, record.answer.text):
        assert "\u00a0" not in text
        for chrome in (
            "Photo of",
            "Danfonwch",
            "Does this answer",
            "thinks so",
            "Freedom of Information",
        ):
            assert chrome not in text
    # two paragraphs in the answer, joined by one blank line
    assert record.answer.text.count("\n\n") == 1


def test_english_commons_example() -> None:
    record = parse_one("example-commons-schools.twfy.txt")
    assert record.heading == "School Buildings: Repairs"
    assert record.house == "Commons"
    assert record.answering_body == "Department for Education"
    assert record.date_answered == dt.date(2024, 3, 14)
    assert record.asked_by == Member(
        name="Ms Ada Example", party="Labour", constituency="Exampleton North"
    )
    assert record.answered_by == Member(
        name="Mr Ben Sample", role="Parliamentary Under-Secretary (Department for Education)"
    )
    assert record.votes == Votes(yes=3, no=1)
    assert record.question is not None and record.answer is not None
    assert [(p.label, p.text) for p in record.question.parts] == [
        ("a", "roof repairs and"),
        ("b", "heating upgrades in each of the last two years."),
    ]
    assert record.answer.parts == []
    assert record.answer.text.startswith("There are 1,240 schools in England")
    assert record.source.language == "en"


def test_lords_question_without_parts() -> None:
    record = parse_one("example-lords-no-parts.twfy.txt")
    assert record.house == "Lords"
    assert record.date_answered == dt.date(2023, 10, 2)
    assert record.asked_by == Member(name="Baroness Example of Sampleford", party="Crossbench")
    assert record.question is not None
    assert record.question.parts == []
    assert record.votes == Votes(yes=0, no=0)


def test_holding_answer_prefix_moves_into_the_record() -> None:
    record = parse_one("example-holding-answer.twfy.txt")
    assert record.is_holding_answer is True
    assert record.answer is not None
    assert record.answer.text == (
        "NHS trusts in England raised about £206 million from car parking charges in 2022-23."
    )
    assert record.votes is None
    assert record.asked_by == Member(
        name="Mr Colin Demo", party="Liberal Democrat", constituency="Sampleshire East"
    )


def test_welsh_and_english_headers_give_the_same_date() -> None:
    welsh = "Heading\nHome Office written question – answered am ar 23 Mai 2024.\nTo ask the Secretary of State x.\nAnswer."
    english = welsh.replace("am ar 23 Mai 2024", "on 23 May 2024")
    (w,) = parse_text(welsh)
    (e,) = parse_text(english)
    assert w.date_answered == e.date_answered == dt.date(2024, 5, 23)
    assert (w.source.language, e.source.language) == ("cy", "en")
    assert w.heading == e.heading == "Heading"
    assert w.answering_body == "Home Office"


@pytest.mark.parametrize(
    "name",
    [
        "drugs-balkans.twfy.txt",
        "example-commons-schools.twfy.txt",
        "example-holding-answer.twfy.txt",
    ],
)
def test_detected_as_twfy_text(name: str) -> None:
    assert detect_format((SAMPLES / name).read_text(encoding="utf-8")).name == "twfy-text"


@pytest.mark.parametrize(
    ("text", "answer_style", "labels"),
    [
        (
            "in (1) 2023, and (2) 2024 to date; to (a) end and (b) disrupt",
            False,
            ["1", "2", "a", "b"],
        ),
        (
            "how many (a) arrests, (b) cases of (i) men and (ii) women in (A) X and (B) Y",
            False,
            ["a", "b", "i", "ii", "A", "B"],
        ),
        ("treatment(a) in March 1988 and (b) in March 1992.", False, ["a", "b"]),
        ("a stray (c) is not a part, nor is (see b)", False, []),
        ("Intro. a) First point. b) Second point.", True, ["a", "b"]),
        ("Intro. a) First point. b) Second point.", False, []),
        ("items (a) to (h) and then (i) the ninth", False, ["a", "i"]),
    ],
)
def test_split_parts(text: str, answer_style: bool, labels: list[str]) -> None:
    assert [p.label for p in split_parts(text, answer_style=answer_style)] == labels
