"""The extractor's cheap gates never skip a pattern that would have matched.

Each gate (a string test before a pattern call) must say "may match" wherever the pattern
matches. Random texts built from the words, signs and blanks the patterns care about (with
non-ASCII blanks, dashes and case-folding letters mixed in) check each gate against its pattern.
"""

from __future__ import annotations

import random

import pytest
import regex

from qatool.extract import engine
from qatool.extract import grammar as g

PIECES = [
    *("5", "12", "31", "3rd", "2023", "1999", "22,719", "0.5", "18.58", "£", "$", "€"),
    *("[", "(", ")"),
    *("March", "may", "Mar.", "sept", "medi", "January", "Q1", "q3", "FY", "year", "Year"),
    *("financial", "ending", "ended", "end", "to", "and", "or", "of", "a", "an", "the", "mid-"),
    *("months", "am", "p.m.", "noon", "o'clock", "Table", "table", "Section", "s", "no", "Nos"),
    *("about", "over", "under", "more than", "less", "c.", "approx.", "up to", "at least"),
    *("aged", "people", "children", "top", "paid", "ratio", "outnumbered", "Street", "Downing"),
    *("per", "annum", "each", "every", "day", "p.a.", "pa", "increase", "rise", "pay", "fewer"),
    *("more", "above", "minus", "MINUS", "twelve", "one", "quarter", "decade", "seven", "HC"),
    *("EWHC", "BH12", "Brimstone", "Data", "Collection", "5a", "(iv)", "&", "%", ",", ".", ":"),
    *("-", "–", "—", "/", "'s", "ſept", "K", "ſ", "İ", "é"),
]
BLANKS = [" ", " ", " ", "", "\n", "\t", "\xa0", "  ", "\x1c", " " * 9]


def texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(PIECES) + rng.choice(BLANKS) for _ in range(rng.randint(1, 14)))
        for _ in range(n)
    ]


def _same(a: regex.Match[str] | None, b: regex.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    groups_a: dict[str, str | None] = a.groupdict()
    groups_b: dict[str, str | None] = b.groupdict()
    return a.span() == b.span() and all(groups_b.get(k) == v for k, v in groups_a.items())


@pytest.mark.parametrize("seed", range(4))
def test_amount_token_where_no_time_can_start(seed: int) -> None:
    for text in texts(seed, 1500):
        lowered = text.lower()
        if len(lowered) != len(text):
            continue
        for p, end, is_word in g.anchors(lowered):
            may = (
                g.word_time_may_start(lowered, p) if is_word else g.time_may_start(lowered, p, end)
            )
            if not may:
                full = g.TOKEN.match(text, p, p + 400)
                assert _same(full, g.AMOUNT_TOKEN.match(text, p, p + 400)), (text, p)


def _old_may_have_prefix(window: str) -> bool:
    """The gate as it was before it was narrowed (the narrowing must keep its answers)."""
    tail = window[-1:]
    if not tail or tail in engine.PREFIX_TAILS:
        return bool(tail)
    if not tail.isspace():
        return False
    words = window.rsplit(None, 1)
    last = words[-1].lower().strip("([,.") if words else ""
    return last in engine.PREFIX_WORDS or last.isdigit()


@pytest.mark.parametrize("seed", range(4))
def test_look_behind_gates(seed: int) -> None:
    for text in texts(100 + seed, 2000):
        window = text[-90:]
        runs = g.WORDS.findall(window.lower())
        old_reference_gate = not g.REFERENCE_VOCAB.isdisjoint(runs) or "Year" in window
        if old_reference_gate and g.behind(g.REFERENCE_BEFORE, window):
            assert g.reference_may_end(window, runs), window
        if window.isascii() and g.behind(g.QUALIFIER_BEFORE, window):
            assert g.may_end_with(window, runs, g.QUALIFIER_LAST_RUNS, g.QUALIFIER_END_CHARS)
        if window.isascii() and g.behind(g.THRESHOLD_BEFORE, window):
            assert g.may_end_with(window, runs, g.THRESHOLD_LAST_RUNS, g.THRESHOLD_END_CHARS)
        if g.RATIO_BEFORE.search(window):
            assert not set(runs).isdisjoint(g.RATIO_WORDS) or not window.isascii(), window
        window = text[-48:]
        if _old_may_have_prefix(window) and g.behind(g.PREFIX_BEFORE, window):
            assert engine._may_have_prefix(window), text
        if engine.MINUS_BEFORE.search(text[-8:]):
            assert engine._may_be_minus(text[-8:]), text


@pytest.mark.parametrize("seed", range(4))
def test_look_ahead_gates(seed: int) -> None:
    for text in texts(200 + seed, 2000):
        after = text[:80]
        if g.RANGE_TAIL.match(after):
            assert g.after_blanks(after, 0) in engine.RANGE_SEP_FIRST, after
        if g.NAME_AFTER.match(after):
            assert g.after_blanks(after, 0) in g.NAME_AFTER_FIRST, after
        if g.CHANGE_AFTER.match(after):
            assert g.change_may_follow(after), after
        if g.QUALIFIER_AFTER.match(after):
            assert g.qualifier_may_follow(after), after
        if g.PER_AFTER.search(after):
            assert g.per_may_follow(after), after
