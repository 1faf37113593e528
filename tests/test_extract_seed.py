"""The seed example of spec/figures.md §3: every field of the four figures of
../shared/samples/drugs-balkans.twfy.txt, and nothing from its question."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from qatool.extract import extract_figures
from qatool.models import Figure, Normalized, Period
from qatool.parsers import parse_text


@pytest.fixture
def seed(shared_dir: Path) -> list[Figure]:
    path = shared_dir / "samples" / "drugs-balkans.twfy.txt"
    (record,) = list(parse_text(path.read_text(encoding="utf-8"), path=str(path)))
    figures = extract_figures(record)
    assert record.answer is not None
    for fig in figures:
        assert fig.path == str(path)
        assert fig.record == record.id
        block = record.answer if fig.source == "answer" else record.question
        assert block is not None
        assert block.text[fig.start : fig.end] == fig.text
        assert fig.text in fig.sentence
    return figures


def test_question_has_no_figures(seed: list[Figure]) -> None:
    assert [f.text for f in seed if f.source == "question"] == []


def test_answer_figures_in_order(seed: list[Figure]) -> None:
    assert [f.text for f in seed if f.source == "answer"] == [
        "ten-year",
        "£300m",
        "117 tonnes",
        "18.58 tonnes",
    ]


def by_text(seed: list[Figure], text: str) -> Figure:
    (fig,) = [f for f in seed if f.text == text]
    return fig


def test_ten_year(seed: list[Figure]) -> None:
    f = by_text(seed, "ten-year")
    assert (f.kind, f.value, f.unit, f.low, f.high) == ("duration", 10, "year", None, None)
    assert (f.qualifier, f.change, f.per, f.period, f.when, f.item) == (None,) * 6
    assert f.subject == "Drug Strategy"
    assert f.part == "b"
    assert f.normalized == Normalized(value=3652.5, unit="day")
    assert f.sentence.startswith("b) Our ten-year Drug Strategy")


def test_three_hundred_million(seed: list[Figure]) -> None:
    f = by_text(seed, "£300m")
    assert (f.kind, f.value, f.unit, f.low, f.high) == ("money", 300000000, "GBP", None, None)
    assert isinstance(f.value, int)
    assert (f.qualifier, f.change, f.per, f.item) == (None,) * 4
    assert f.period == Period(value=3, unit="year")
    assert f.when is not None
    assert (f.when.start, f.when.end) == (dt.date(2022, 4, 1), dt.date(2025, 3, 31))
    assert f.when.text == "April 2022 – March 2025"
    assert f.subject == "dedicated investment"
    assert f.normalized == Normalized(value=300000000, unit="GBP")
    assert f.part == "b"


def test_cocaine_each_year(seed: list[Figure]) -> None:
    f = by_text(seed, "117 tonnes")
    assert (f.kind, f.value, f.unit, f.low, f.high) == ("mass", 117, "t", None, None)
    assert f.per == "year"
    assert (f.qualifier, f.change, f.period, f.when, f.item) == (None,) * 5
    assert f.subject == "cocaine"
    assert f.normalized == Normalized(value=117000, unit="kg")
    assert (
        f.sentence == "The NCA has estimated that the UK consumes 117 tonnes of cocaine each year."
    )


def test_powder_cocaine_seized(seed: list[Figure]) -> None:
    f = by_text(seed, "18.58 tonnes")
    assert (f.kind, f.value, f.unit, f.low, f.high) == ("mass", 18.58, "t", None, None)
    assert (f.qualifier, f.change, f.per, f.period, f.item) == (None,) * 5
    assert f.when is not None
    assert (f.when.start, f.when.end) == (dt.date(2022, 4, 1), dt.date(2023, 3, 31))
    assert f.when.text == "financial year ending 2023"
    assert f.subject == "powder cocaine"
    assert f.normalized == Normalized(value=18580, unit="kg")
