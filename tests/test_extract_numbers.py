"""Tricky number reading, one sentence per case: what the extractor finds and the amount.

Each case is (sentence, [(text, kind, value, unit), …]); for ranges `value` is (low, high).
Grouped by what they test; written by hand from spec/figures.md, not from extractor output.
"""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qatool.extract import find_figures
from qatool.extract.numbers import json_number, parse_digits, parse_words

Expected = tuple[str, str, float | tuple[float, float], str | None]

CASES: list[tuple[str, list[Expected]]] = [
    # digits, separators, decimals
    ("Officers made 22,719 seizures.", [("22,719", "count", 22719, None)]),
    ("The average was 18.58 tonnes.", [("18.58 tonnes", "mass", 18.58, "t")]),
    ("There were 7193 prosecutions.", [("7193", "count", 7193, None)]),
    ("Growth was 0·5 per cent. in the quarter.", [("0·5 per cent", "percent", 0.5, "%")]),
    ("Costs rose to £1,234.56 per claim.", [("£1,234.56", "money", 1234.56, "GBP")]),
    # scales
    ("We spent £1.2 billion.", [("£1.2 billion", "money", 1200000000, "GBP")]),
    ("We spent £300m.", [("£300m", "money", 300000000, "GBP")]),
    ("We spent £45.9bn.", [("£45.9bn", "money", 45900000000, "GBP")]),
    ("We spent over £133k.", [("£133k", "money", 133000, "GBP")]),
    ("About 1.2 million calls were answered.", [("1.2 million", "count", 1200000, None)]),
    (
        "It cost one and a half million pounds.",
        [("one and a half million pounds", "money", 1500000, "GBP")],
    ),
    (
        "Some two thousand million pounds was lent.",
        [("two thousand million pounds", "money", 2e9, "GBP")],
    ),
    # number words
    ("Police recorded four drugs seizures.", [("four", "count", 4, None)]),
    ("Twenty-five schools took part.", [("Twenty-five", "count", 25, None)]),
    ("A hundred volunteers helped.", [("A hundred", "count", 100, None)]),
    ("A dozen officers attended.", [("A dozen", "count", 12, None)]),
    (
        "Two hundred and fifty thousand homes were built.",
        [("Two hundred and fifty thousand", "count", 250000, None)],
    ),
    ("Zero arrests were made.", [("Zero", "count", 0, None)]),
    # fractions
    ("A quarter of schools replied.", [("A quarter", "fraction", 0.25, None)]),
    ("Two thirds of respondents agreed.", [("Two thirds", "fraction", 0.6667, None)]),
    ("One in five pupils was absent.", [("One in five", "fraction", 0.2, None)]),
    ("Half of all claims were paid.", [("Half", "fraction", 0.5, None)]),
    (
        "The fund reached a quarter of a million pounds.",
        [("a quarter of a million pounds", "money", 250000, "GBP")],
    ),
    ("Half a million people applied.", [("Half a million", "count", 500000, None)]),
    # percentages
    ("Turnout was 15%.", [("15%", "percent", 15, "%")]),
    ("Turnout was 15 per cent.", [("15 per cent", "percent", 15, "%")]),
    ("Turnout was fifteen percent.", [("fifteen percent", "percent", 15, "%")]),
    ("Rates rose by 2 percentage points.", [("2 percentage points", "percent", 2, "pp")]),
    ("Growth was -0.9% in the year.", [("-0.9%", "percent", -0.9, "%")]),
    ("It was less than half per cent.", [("half per cent", "percent", 0.5, "%")]),
    # ranges
    (
        "It fell between 5 and 10 per cent.",
        [("between 5 and 10 per cent", "percent", (5, 10), "%")],
    ),
    ("Estimates are 5–10%.", [("5–10%", "percent", (5, 10), "%")]),
    ("It will cost £2-3 million.", [("£2-3 million", "money", (2e6, 3e6), "GBP")]),
    ("Imports were 25–35 tonnes of heroin.", [("25–35 tonnes", "mass", (25, 35), "t")]),
    ("From 40 to 60 schools will join.", [("40 to 60", "count", (40, 60), None)]),
    ("The grant is £2m-£3m.", [("£2m-£3m", "money", (2e6, 3e6), "GBP")]),
    # units and money words
    ("We seized 412kg of heroin.", [("412kg", "mass", 412, "kg")]),
    ("The stamp cost 5p.", [("5p", "money", 0.05, "GBP")]),
    ("The charge is 50 pence.", [("50 pence", "money", 0.5, "GBP")]),
    ("The UK gave $10 million.", [("$10 million", "money", 1e7, "USD")]),
    ("The UK gave US$10 million.", [("US$10 million", "money", 1e7, "USD")]),
    ("The UK gave €3 million.", [("€3 million", "money", 3e6, "EUR")]),
    ("Wind produced 946 GWh.", [("946 GWh", "energy", 946, "GWh")]),
    ("The farm covers 40 hectares.", [("40 hectares", "area", 40, "ha")]),
    ("The limit is 75 microgrammes/m3.", [("75 microgrammes/m3", "concentration", 75, "µg/m3")]),
    ("The limit is 48pg/m3 a year.", [("48pg/m3", "concentration", 48, "µg/m3")]),
    ("The programme has £l.1 billion.", [("£l.1 billion", "money", 1.1e9, "GBP")]),
    ("We built 2 million litres of storage.", [("2 million litres", "volume", 2e6, "L")]),
    ("The plant makes 500 MW.", [("500 MW", "power", 500, "MW")]),
    ("The road is 12 miles long.", [("12 miles", "length", 12, "mi")]),
    # ratios
    ("The ratio is 1:4.", [("1:4", "ratio", 0.25, None)]),
    # durations
    ("A six-month pilot began.", [("six-month", "duration", 6, "month")]),
    ("The average stay was 38 days.", [("38 days", "duration", 38, "day")]),
    # not figures
    ("See section 12 and Regulation 4 of the Act.", []),
    ("As set out in tables 1, 3, and 4 of the report.", []),
    ("Official Report, 5 May 2023, Column 967W.", []),
    ("Levels of PM10 and NO2 on the M25 during COVID-19.", []),
    ("Pupils in Key Stage 2 and Year 6 in Tier 2 areas.", []),
    ("He spoke at 10 Downing Street at 10:30 am.", []),
    ("Ring 0300 123 4567 for help.", []),
    ("The question [127299] and HL4321 were answered.", []),
    ("One of the measures is the second largest.", []),
    ("There were no prosecutions and none were planned.", []),
    ("Schools with more than 1,000 pupils are larger.", []),
    ("Young people aged 16 to 18 are eligible.", []),
    ("The top 5 per cent of taxpayers pay most.", []),
    ("In the last three years the number rose.", []),
    ("The 2022-23 accounts and the 1990s.", []),
    ("(1) 2023, and (2) 2024 to date.", []),
    ("The 5G rollout and the G7 summit.", []),
    ("Visit www2.dti.gov.uk/energy/page68.htm for details.", []),
    ("Children aged 3 and 4 and the under-25s and people over 65.", []),
    ("Figures are rounded to the nearest 10,000 and the nearest £1.", []),
    ("We met our net zero target and zero emission goals.", []),
    ("Three times as many applied under [2022] EWHC 3108 (Admin).", []),
    ("Homes in BH12 5 and BH3 7 were checked.", []),
    ("The visit ran from 7 to 11 February 2023 and opened on April 1.", []),
    ("See paragraphs 7.16 and 7.17 of the Code and HCWS 433.", []),
    ("Data for each of the last five financial years and the 16 to 24 year-olds.", []),
    ("The total number of claims received was 12,4...", []),
    ("Prison education at HMP Five Wells and the Group of Seven.", []),
    ("The total was £ million in the table.", []),
    ("It fell between 10% and 15% last year.", [("between 10% and 15%", "percent", (10, 15), "%")]),
    (
        "It paid 15 y cant and £5 miliwn.",
        [("15 y cant", "percent", 15, "%"), ("£5 miliwn", "money", 5e6, "GBP")],
    ),
    (
        "Staff numbers rose from 40 to 50 per cent.",
        [("40", "percent", 40, "%"), ("50 per cent", "percent", 50, "%")],
    ),
    ("Applications outnumbered places by 3 to 1.", [("3 to 1", "ratio", 3, None)]),
    ("In the end zero arrests were made.", [("zero", "count", 0, None)]),
    ("Bank rate was 3½ per cent.", [("3½ per cent", "percent", 3.5, "%")]),
    ("Emissions were 26.81 tCO2e.", [("26.81 tCO2e", "mass", 26.81, "t")]),
    ("Around 1 in every 10,000 births.", [("1 in every 10,000", "fraction", 0.0001, None)]),
]


def _close(expected: float, got: float | None) -> bool:
    return got is not None and math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-9)


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_reads(sentence: str, expected: list[Expected]) -> None:
    got = find_figures(sentence)
    assert [(f.text, f.kind) for f in got] == [(e[0], e[1]) for e in expected], got
    for fig, (_, _, value, unit) in zip(got, expected, strict=True):
        assert sentence[fig.start : fig.end] == fig.text
        assert fig.unit == unit
        if isinstance(value, tuple):
            assert fig.value is None
            assert _close(value[0], fig.low) and _close(value[1], fig.high), fig
        else:
            assert _close(value, fig.value), fig


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one and a half million", Decimal("1500000")),
        ("twenty five", Decimal(25)),
        ("a hundred", Decimal(100)),
        ("two hundred and fifty thousand", Decimal(250000)),
        ("seven hundred and one", Decimal(701)),
        ("three quarters", Decimal("0.75")),
        ("half a million", Decimal(500000)),
    ],
)
def test_parse_words(words: str, value: Decimal) -> None:
    parsed = parse_words(words.split())
    assert parsed is not None and parsed.value == value and parsed.used == len(words.split())


@pytest.mark.parametrize("words", ["the", "third", "second", "a", "and"])
def test_parse_words_refuses(words: str) -> None:
    assert parse_words(words.split()) is None


def test_parse_words_stops_at_a_new_number() -> None:
    parsed = parse_words(["one", "two"])
    assert parsed is not None and parsed.used == 1


def test_digits_and_json_numbers() -> None:
    assert parse_digits("22,719") == Decimal(22719)
    assert parse_digits("l.1") == Decimal("1.1")
    value = json_number(Decimal("1.2") * Decimal(10**9))
    assert value == 1200000000 and isinstance(value, int)
    assert json_number(Decimal("18.58")) == 18.58
    assert json_number(Decimal(2) / Decimal(3), 4) == 0.6667


def test_text_is_always_the_slice() -> None:
    text = "It rose by 12% to £4.5m (c.20,000 claims) in 2022-23; a further 21,000 were made."
    for fig in find_figures(text):
        assert text[fig.start : fig.end] == fig.text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "£5m",
                "2022-23",
                "one",
                "half",
                "per cent",
                "between",
                "and",
                "to",
                "(1)",
                "12,4",
                "March 2023",
                "over",
                "three years",
                "of",
                "aged",
                "1:4",
                "c.",
                "20,000",
                "½",
                " ",
                "\n",
            ]
        )
        | st.text(max_size=6),
        max_size=30,
    ).map(" ".join)
)
def test_never_raises_and_spans_index_back(text: str) -> None:
    for fig in find_figures(text):
        assert text[fig.start : fig.end] == fig.text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["", "£", "$"]))
def test_digits_read_back(n: int, sign: str) -> None:
    text = f"They counted {sign}{n:,} items."
    (fig,) = find_figures(text)
    assert fig.value == n and isinstance(fig.value, int)
    assert fig.unit == {"": None, "£": "GBP", "$": "USD"}[sign]
