"""Meta-tests of the extractor's case table, tests/cases/figures.toml.

They keep the table well formed and true to ../shared/spec/figures.md independently of the
extractor: enough cases, every case with a sentence and a figure list, every expected text a
substring of its sentence (in order), kinds from spec §1, ISO 4217 currency codes, qualifier and
change words from §1, ISO dates, and no sentence copied from ../shared.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from test_figure_cases import compare

from qatool.models import Figure

CASES_PATH = Path(__file__).parent / "cases" / "figures.toml"

# spec §1: the kinds the table of §1 names, plus `concentration` (µg/m3), which the gold uses,
# and `torque` and `data_size`, dimensions §1's "…" leaves open (units.toml lists them).
KINDS = {
    "concentration",
    "torque",
    "data_size",
    "money",
    "mass",
    "volume",
    "length",
    "area",
    "energy",
    "power",
    "speed",
    "temperature",
    "percent",
    "count",
    "fraction",
    "ratio",
    "duration",
}
# ISO 4217 codes the table may use.
CURRENCIES = {
    *("GBP", "EUR", "USD", "JPY", "CHF", "CAD", "AUD", "CNY", "INR", "NOK", "SEK", "DKK"),
    *("HKD", "NZD", "SGD", "MYR"),
}
QUALIFIERS = {"about", "over", "at least", "under", "up to", "almost", "exactly", "null"}
CHANGES = {"increase", "decrease", "null"}
FIGURE_KEYS = {
    "text",
    "text_alt",
    "kind",
    "value",
    "unit",
    "low",
    "high",
    "qualifier",
    "change",
    "per",
    "period",
    "when",
    "item",
    "subject",
    "normalized",
}
CASE_KEYS = {"text", "figures", "xfail"}
MIN_CASES = 200
MIN_EXCLUSION_CASES = 50


def load_table() -> dict[str, list[dict[str, Any]]]:
    with CASES_PATH.open("rb") as fh:
        table: dict[str, list[dict[str, Any]]] = tomllib.load(fh)
    return table


TABLE = load_table()
CASES: list[tuple[str, dict[str, Any]]] = [
    (f"{group}-{i}", case)
    for group, cases in TABLE.items()
    for i, case in enumerate(cases, start=1)
]
FIGURES: list[tuple[str, dict[str, Any]]] = [
    (f"{cid}/{fig.get('text')}", fig) for cid, case in CASES for fig in case.get("figures", [])
]


def test_table_is_big_enough() -> None:
    assert len(CASES) >= MIN_CASES


def test_exclusions_are_well_covered() -> None:
    exclusions = sum(len(cases) for group, cases in TABLE.items() if group.startswith("not_"))
    assert exclusions >= MIN_EXCLUSION_CASES


def test_every_group_is_an_array_of_tables() -> None:
    for group, cases in TABLE.items():
        assert isinstance(cases, list) and cases, group
        assert all(isinstance(case, dict) for case in cases), group


def test_sentences_are_unique() -> None:
    texts = [case["text"] for _, case in CASES]
    dupes = sorted({t for t in texts if texts.count(t) > 1})
    assert not dupes


@pytest.mark.parametrize(("cid", "case"), CASES, ids=[cid for cid, _ in CASES])
def test_case_shape(cid: str, case: dict[str, Any]) -> None:
    assert set(case) <= CASE_KEYS, f"{cid}: unknown keys {set(case) - CASE_KEYS}"
    assert isinstance(case.get("text"), str) and case["text"].strip()
    assert isinstance(case.get("figures"), list)
    if "xfail" in case:
        assert isinstance(case["xfail"], str) and case["xfail"].strip()
    sentence: str = case["text"]
    cursor = 0
    for fig in case["figures"]:
        assert isinstance(fig, dict)
        assert set(fig) <= FIGURE_KEYS, f"{cid}: unknown keys {set(fig) - FIGURE_KEYS}"
        assert isinstance(fig.get("text"), str) and fig["text"], cid
        assert isinstance(fig.get("kind"), str), cid
        at = sentence.find(fig["text"], cursor)
        assert at >= 0, f"{cid}: {fig['text']!r} is not in the sentence after offset {cursor}"
        cursor = at + len(fig["text"])
        for alt in fig.get("text_alt", []):
            assert isinstance(alt, str) and alt in sentence, f"{cid}: text_alt {alt!r}"


def is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def is_date(x: Any) -> bool:
    if x == "":
        return True
    if not isinstance(x, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", x):
        return False
    try:
        dt.date.fromisoformat(x)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(("fid", "fig"), FIGURES, ids=[fid for fid, _ in FIGURES])
def test_figure_expectations_follow_the_spec(fid: str, fig: dict[str, Any]) -> None:
    kind = fig["kind"]
    assert kind in KINDS, f"{fid}: kind {kind!r} is not one of spec §1's kinds"
    for key in ("value", "low", "high"):
        if key in fig:
            assert fig[key] == "null" or is_number(fig[key]), f"{fid}: {key}"
    if "low" in fig or "high" in fig:
        assert fig.get("value") == "null", f"{fid}: a range has value null (spec §1)"
        assert is_number(fig.get("low")) and is_number(fig.get("high")), fid
        assert fig["low"] <= fig["high"], fid
    if kind == "money" and "unit" in fig:
        assert fig["unit"] in CURRENCIES, f"{fid}: {fig['unit']!r} is not an ISO 4217 code"
    if kind in ("count", "fraction", "ratio") and "unit" in fig:
        assert fig["unit"] == "null", f"{fid}: {kind} has no unit (spec §1)"
    if kind == "percent" and "unit" in fig:
        assert fig["unit"] in ("%", "pp"), fid
    if kind == "duration" and "unit" in fig:
        assert fig["unit"] in ("year", "month", "week", "day", "hour"), fid
    if kind == "fraction" and is_number(fig.get("value")):
        assert 0 <= fig["value"] <= 1 and round(fig["value"], 4) == fig["value"], fid
    if "qualifier" in fig:
        assert fig["qualifier"] in QUALIFIERS, fid
    if "change" in fig:
        assert fig["change"] in CHANGES, fid
    for key in ("period", "normalized"):
        if key in fig and fig[key] != "null":
            span = fig[key]
            assert isinstance(span, dict) and set(span) == {"value", "unit"}, f"{fid}: {key}"
            assert is_number(span["value"]) and isinstance(span["unit"], str), f"{fid}: {key}"
    if "period" in fig and fig["period"] != "null":
        assert fig["period"]["unit"] in ("year", "month", "week", "day", "hour"), fid
    if kind == "money" and "normalized" in fig and "unit" in fig:
        assert fig["normalized"]["unit"] == fig["unit"], f"{fid}: money stays in its currency"
    if "when" in fig and fig["when"] != "null":
        when = fig["when"]
        assert isinstance(when, dict) and set(when) <= {"start", "end", "text"}, fid
        assert "start" in when and "end" in when, fid
        assert is_date(when["start"]) and is_date(when["end"]), fid
        assert when["start"] or when["end"], f"{fid}: a when with neither side"
        if when["start"] and when["end"]:
            assert when["start"] <= when["end"], fid
    for key in ("per", "item", "subject"):
        if key in fig:
            assert isinstance(fig[key], str) and fig[key], f"{fid}: {key}"


def test_no_sentence_is_copied_from_shared(shared_dir: Path) -> None:
    """Sentences are written for the table; none is lifted from the shared documents."""
    corpus = ""
    for folder in ("samples", "gold", "spec"):
        for path in sorted((shared_dir / folder).glob("*")):
            if path.is_file():
                corpus += path.read_text(encoding="utf-8", errors="replace") + "\n"
    copied = [cid for cid, case in CASES if len(case["text"]) >= 30 and case["text"] in corpus]
    assert not copied


def oracle(case: dict[str, Any]) -> list[Figure]:
    """The figures an extractor that agrees with every expectation of `case` would return."""
    out: list[Figure] = []
    cursor = 0
    for fig in case["figures"]:
        start = case["text"].index(fig["text"], cursor)
        cursor = start + len(fig["text"])
        fields: dict[str, Any] = {
            key: (None if val == "null" else val)
            for key, val in fig.items()
            if key not in ("text_alt", "period", "when", "normalized")
        }
        for key in ("period", "normalized"):
            if key in fig and fig[key] != "null":
                fields[key] = fig[key]
        if "when" in fig and fig["when"] != "null":
            fields["when"] = {
                "text": fig["when"].get("text", "-"),
                "start": fig["when"]["start"] or None,
                "end": fig["when"]["end"] or None,
            }
        fields.update(start=start, end=cursor)
        out.append(Figure.model_validate(fields))
    return out


@pytest.mark.parametrize(("cid", "case"), CASES, ids=[cid for cid, _ in CASES])
def test_expectations_are_satisfiable(cid: str, case: dict[str, Any]) -> None:
    """A Figure built from a case's expectations validates against the model and passes the
    case's own comparison, so a failure of test_figure_cases is the extractor's, not the table's."""
    figures = oracle(case)
    problems = [
        p for want, got in zip(case["figures"], figures, strict=True) for p in compare(want, got)
    ]
    assert not problems, f"{cid}: {problems}"
