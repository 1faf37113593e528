"""Shortcuts the extractor takes for speed must not change what it returns.

Figures are built without validation (`model_construct`) on the hot path: each must equal the
model validated from its own dump, with the same field order and JSON. The number-word gate and
the anchor scan are checked against the plain definitions they replace. No timings here.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
from pydantic import ValidationError

from qatool.extract import engine, find_figures
from qatool.extract import grammar as g
from qatool.models import FIGURE_FIELDS, Figure

TEXTS = [
    "We spent about £5m on repairs over three years.",
    "In 2022-23, 17 schools, 4 colleges and 1,842 pupils were affected; since March 1991 the "
    "number has fallen from 14,078 to 7,332.",
    "Between 10% and 15% of the 2,300 tonnes (about 1.5 million litres) rose by 12% in Q1 2024.",
    "One in five adults, a quarter of a million people, and two thirds of the 16-24 year olds.",
    "The £2-3 million grant runs from April 2022 to March 2025; 60 mph, 5 km and 3½ per cent.",
    "As of 10/03/2023, 250 officers were deployed. These cost £1,200 per officer per year.",
    "No figures here at all.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_figures_round_trip_through_validation(text: str) -> None:
    for f in find_figures(text, source="question", parts=[(0, "a")], path="p", record="r"):
        again = Figure.model_validate(f.model_dump())
        assert again == f
        assert list(f.model_dump()) == list(FIGURE_FIELDS)
        assert again.model_dump_json() == f.model_dump_json()
        assert json.loads(f.model_dump_json()) == json.loads(again.model_dump_json())
        assert f.model_fields_set == again.model_fields_set


@pytest.mark.parametrize("text", TEXTS)
def test_trusted_build_equals_validated_build(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = find_figures(text, source="answer", parts=[(0, "1"), (30, "2")], path="x", record="9")
    monkeypatch.setattr(engine, "_trusted", engine._validated)
    slow = find_figures(text, source="answer", parts=[(0, "1"), (30, "2")], path="x", record="9")
    assert fast == slow
    assert [f.model_dump_json() for f in fast] == [f.model_dump_json() for f in slow]
    assert [f.model_fields_set for f in fast] == [f.model_fields_set for f in slow]
    for f, g_ in zip(fast, slow, strict=True):
        assert f.__dict__ == g_.__dict__ and list(f.__dict__) == list(g_.__dict__)
        for name in ("when", "normalized", "period"):
            a, b = getattr(f, name), getattr(g_, name)
            assert (a is None) == (b is None)
            if a is not None:
                assert a.__dict__ == b.__dict__ and a.model_fields_set == b.model_fields_set


def test_bad_caller_values_still_rejected() -> None:
    with pytest.raises(ValidationError):
        find_figures("We spent £5m.", record=5)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        find_figures("We spent £5m.", source="both")  # type: ignore[arg-type]


def test_some_figures_found() -> None:
    assert sum(len(find_figures(t)) for t in TEXTS) >= 10


def test_wide_spaces_complete() -> None:
    wide = {c for c in range(0x250, sys.maxunicode + 1) if chr(c).isspace()}
    assert wide == g.WIDE_SPACES


GATE_TEXTS = [
    "there were two",
    "twoé options",
    "one’s own",
    "one–two",
    "someone done money often",
    "FOURTEEN".lower(),
    "a dozen_eggs",
    "half-way",
    "x\u2009three\u3000y",
    "1,000 and 2",
    "",
    "decade",
    "thirds.",
    "biliwn",
]


# The gate it replaces: non-letters below U+0250 to spaces, split, intersect.
_NOT_LETTERS = str.maketrans({c: " " for c in map(chr, range(0x250)) if not c.isalpha()})


def _gate_reference(lowered: str) -> bool:
    return not g.ANCHOR_WORDS.isdisjoint(lowered.translate(_NOT_LETTERS).split())


@pytest.mark.parametrize("text", GATE_TEXTS)
def test_number_word_gate_matches_token_split(text: str) -> None:
    assert (g.ANCHOR_WORD_GATE.search(text) is not None) == _gate_reference(text)


def test_no_month_name_ends_another() -> None:
    # Month names are looked for right to left too (PREFIX_BEFORE); this keeps that unambiguous.
    names = g._MONTH_NAMES
    assert not [(a, b) for a in names for b in names if a != b and b.endswith(a)]


BEHIND_WINDOWS = [
    "costs rose by about ",
    "at least\n",
    "at least \n",
    "more than\n\n",
    "between ",
    "from 1 January ",
    "financial year ending 31 March ",
    "US$",
    "since\n",
    "people aged over ",
    "schools with over ",
    "no cue at all",
    "",
    "\n",
]


@pytest.mark.parametrize("window", BEHIND_WINDOWS)
@pytest.mark.parametrize(
    "name",
    ["PREFIX_BEFORE", "QUALIFIER_BEFORE", "THRESHOLD_BEFORE", "BETWEEN_BEFORE", "TIME_CUE_BEFORE"],
)
def test_behind_is_search(name: str, window: str) -> None:
    pattern = getattr(g, name)
    a, b = pattern.search(window), g.behind(pattern, window)
    assert (a is None) == (b is None)
    if a is not None and b is not None:
        assert a.span() == b.span() and a.groupdict() == b.groupdict()


_CLAUSE_BREAK_PLAIN = re.compile(
    r"[;:()—]|,(?!\d{3})|[ \t\n][–-][ \t\n]|[ \t\n](?:but|while|whilst|whereas)[ \t\n]"
)


@pytest.mark.parametrize(
    "text",
    [
        "a, b; c: d (e) f — g, 1,000 h - i – j but k while l whilst m whereas n",
        " - but  but\twhile\nwhilst whereas ,123 ,12 ,",
        "x -  - y\t–\tz but, while; (whereas)",
        "",
    ],
)
def test_clause_break_same_as_plain_alternation(text: str) -> None:
    want = [m.span() for m in _CLAUSE_BREAK_PLAIN.finditer(text)]
    assert [m.span() for m in g.CLAUSE_BREAK.finditer(text)] == want
