"""The figure extractor against the case table in tests/cases/figures.toml.

The table is ../shared/spec/figures.md in executable form: one pytest case per sentence, id
`group-N` (N counts from 1 within the group, in file order). For each sentence:

- every extracted figure's text is the slice of the sentence at [start:end];
- the extracted figure texts equal the expected texts, in order (durations included: the spec
  makes a stated duration a figure, so a case lists every duration it expects);
- every key a case gives for a figure equals the extracted figure's (floats to 1e-6 relative);
  keys a case leaves out are not checked. The string "null" asserts None; in `when`, "" asserts
  a null side.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import pytest

from qatool.extract import find_figures
from qatool.models import Figure

CASES_PATH = Path(__file__).parent / "cases" / "figures.toml"
NULL = "null"
NUMBER_KEYS = ("value", "low", "high")
STRING_KEYS = ("kind", "unit", "qualifier", "change", "per", "item", "subject")
SPAN_KEYS = ("period", "normalized")
REL_TOL = 1e-6


def load_table() -> dict[str, list[dict[str, Any]]]:
    """The case table: group name → cases, in file order."""
    with CASES_PATH.open("rb") as fh:
        table: dict[str, list[dict[str, Any]]] = tomllib.load(fh)
    return table


def case_params() -> list[Any]:
    params: list[Any] = []
    for group, cases in load_table().items():
        for index, case in enumerate(cases, start=1):
            marks = []
            if "xfail" in case:
                marks.append(pytest.mark.xfail(reason=str(case["xfail"]), strict=True))
            params.append(pytest.param(case, id=f"{group}-{index}", marks=marks))
    return params


def number_ok(expected: Any, actual: float | None) -> bool:
    if expected == NULL:
        return actual is None
    if actual is None or isinstance(actual, bool):
        return False
    return math.isclose(float(actual), float(expected), rel_tol=REL_TOL, abs_tol=1e-12)


def date_ok(expected: Any, actual: Any) -> bool:
    if expected in ("", NULL):
        return actual is None
    return actual is not None and str(actual.isoformat()) == str(expected)


def compare(expected: dict[str, Any], fig: Figure) -> list[str]:
    """Every way `fig` differs from the keys `expected` gives (empty when it agrees)."""
    problems: list[str] = []
    for key in NUMBER_KEYS:
        if key in expected and not number_ok(expected[key], getattr(fig, key)):
            problems.append(f"{key}: expected {expected[key]!r}, got {getattr(fig, key)!r}")
    for key in STRING_KEYS:
        if key not in expected:
            continue
        want = None if expected[key] == NULL else expected[key]
        got = getattr(fig, key)
        if got != want:
            problems.append(f"{key}: expected {want!r}, got {got!r}")
    for key in SPAN_KEYS:
        if key not in expected:
            continue
        want_span = expected[key]
        got_span = getattr(fig, key)
        if want_span == NULL:
            if got_span is not None:
                problems.append(f"{key}: expected None, got {got_span!r}")
        elif (
            got_span is None
            or got_span.unit != want_span["unit"]
            or not number_ok(want_span["value"], got_span.value)
        ):
            problems.append(f"{key}: expected {want_span!r}, got {got_span!r}")
    if "when" in expected:
        want_when = expected["when"]
        got_when = fig.when
        if want_when == NULL:
            if got_when is not None:
                problems.append(f"when: expected None, got {got_when!r}")
        elif got_when is None:
            problems.append(f"when: expected {want_when!r}, got None")
        else:
            for side in ("start", "end"):
                if side in want_when and not date_ok(want_when[side], getattr(got_when, side)):
                    problems.append(
                        f"when.{side}: expected {want_when[side]!r}, got {getattr(got_when, side)!r}"
                    )
            if "text" in want_when and got_when.text != want_when["text"]:
                problems.append(f"when.text: expected {want_when['text']!r}, got {got_when.text!r}")
    return problems


def describe(figures: list[Figure]) -> str:
    return "\n".join(
        "  "
        + repr(f.model_dump(exclude={"path", "record", "source", "sentence"}, exclude_none=True))
        for f in figures
    )


@pytest.mark.parametrize("case", case_params())
def test_figure_case(case: dict[str, Any]) -> None:
    sentence: str = case["text"]
    expected: list[dict[str, Any]] = case["figures"]
    got = find_figures(sentence)
    context = f"\nsentence: {sentence!r}\nextracted:\n{describe(got)}"

    for fig in got:
        assert sentence[fig.start : fig.end] == fig.text, (
            f"figure text {fig.text!r} is not sentence[{fig.start}:{fig.end}]"
            f" = {sentence[fig.start : fig.end]!r}{context}"
        )

    got_texts = [f.text for f in got]
    want_texts = [f["text"] for f in expected]
    texts_ok = len(got_texts) == len(want_texts) and all(
        g == w["text"] or g in w.get("text_alt", ())
        for g, w in zip(got_texts, expected, strict=True)
    )
    assert texts_ok, f"figure texts: expected {want_texts}, got {got_texts}{context}"

    problems = [
        f"figure {i} ({fig.text!r}) {problem}"
        for i, (want, fig) in enumerate(zip(expected, got, strict=True), start=1)
        for problem in compare(want, fig)
    ]
    assert not problems, "\n".join(problems) + context
