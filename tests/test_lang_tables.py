"""The language tables are data: each validates, covers what parsers need, and has no clashes."""

from __future__ import annotations

import datetime as dt

import pytest

from qatool.lang import LANGUAGES, all_months, all_parties, load_language
from qatool.text import english_party, parse_date


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_twelve_months(code: str) -> None:
    lang = load_language(code)
    assert sorted(set(lang.months.values())) == list(range(1, 13))
    assert lang.chrome_lines, "page chrome phrases are listed"


def test_month_names_do_not_clash_across_languages() -> None:
    # "Mawrth" is March and (as "dydd Mawrth") Tuesday: a month name may appear in several
    # tables, but it must mean the same month everywhere.
    seen: dict[str, int] = {}
    for code in LANGUAGES:
        for name, month in load_language(code).months.items():
            assert seen.setdefault(name, month) == month, name
    assert all_months()["mawrth"] == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("answered am ar 23 Mai 2024.", dt.date(2024, 5, 23)),
        ("answered am ar 25 Mawrth 2024.", dt.date(2024, 3, 25)),
        ("answered on 10th June 2002.", dt.date(2002, 6, 10)),
        ("Monday 27th March 2023", dt.date(2023, 3, 27)),
        ("13 Jul 2005 : Column 1062W", dt.date(2005, 7, 13)),
        ("As of 10/03/2023, there are", dt.date(2023, 3, 10)),
        ("2024-10-09T00:00:00", dt.date(2024, 10, 9)),
        ("1 Rhagfyr 2023", dt.date(2023, 12, 1)),
        ("31 February 2024", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("printed", "english"),
    [
        ("Ceidwadwyr", "Conservative"),
        ("Llafur", "Labour"),
        ("Democratiaid Rhyddfrydol", "Liberal Democrat"),
        ("Annibynnol", "Independent"),
        ("Plaid Cymru", "Plaid Cymru"),
        ("Crossbench", "Crossbench"),
        ("Some New Party", "Some New Party"),
    ],
)
def test_party_names_in_english(printed: str, english: str) -> None:
    assert english_party(printed) == english
    assert printed in all_parties() or printed == "Some New Party"
