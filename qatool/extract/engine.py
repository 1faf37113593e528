"""The figure extractor: every stated amount in one block of text, as `Figure`s.

One left-to-right pass of `grammar.TOKEN` finds calendar expressions and the starts of amounts;
each amount is read on with anchored patterns (scale, range, unit) and judged by the short
windows around it (reference words, list markers, thresholds). Then, per sentence, each figure
gets its context: qualifier, change, per, period, when, item and subject. All look-arounds are
bounded windows, so the work is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

import regex
from pydantic import BaseModel

from qatool.extract import grammar as g
from qatool.extract.numbers import (
    FRACTIONS,
    ORDINAL_FRACTIONS,
    SCALES,
    UNIT_WORDS,
    json_number,
    parse_digits,
    parse_words,
)
from qatool.extract.timex import TimeSpan, part_of_year, read_time
from qatool.lang import all_months
from qatool.models import BlockName, Figure, Normalized, Period, When

T = g.T
BACK = 90  # characters of look-behind window
AHEAD = 80  # characters of look-ahead window
TOKEN_SPAN = 400  # no amount or date is longer; bounds every anchored match
SCALE_SUFFIXES = T.scale_suffixes
RUN_OF_WORD = regex.compile(r"[\w/.·]*")
PHONE_TAIL = regex.compile(r"(?:[ \t]\d{2,4})+")
# "+44 20 7008 5000", "+234 (9) 462 3100": an international dialling code and its groups
INTL_PHONE_TAIL = regex.compile(r"(?:[ \t]{1,2}(?:\(\d{1,4}\)\s?)?\d{1,5}|[ \t]{1,2}\(\d{1,4}\))+")
# Small fixed patterns for the per-figure checks (the standard engine is quicker for these).
BY_BEFORE = re.compile(r"(?<![\w'’])(?:by|until|before)\s+(?:the\s+)?$", re.IGNORECASE)
TO_AFTER = re.compile(r"\s*(?:to|until|till|[-–—])\s")
LETTERS = re.compile(r"[A-Za-z]+")
FIRST_WORD = re.compile(r"\W*\w+")
LOWER_WORD_AFTER = re.compile(r"\s+[a-z]{3,}")
LAST_WORD = re.compile(r"([\w'’]+)\s*$")
NEXT_WORD = re.compile(r"\s+\(?([A-Za-z][\w'’-]*)")
HALF_NOUN_AFTER = re.compile(r"\s+(?:an?\s+)?(?:hour|day|year|term|time|way|century|decade)")
PHRASE_TOKEN = re.compile(r"[A-Za-z][\w'’&-]*|\([A-Z]{2,}\)|\S")
OF_OR_IN = re.compile(r"\s+(?:of|in)\s+")
CHANGE_WORD_AFTER = re.compile(r"\s+(?:more|fewer|less|additional|extra|new)(?=\s)")
LETTER_AFTER = re.compile(r"\s+[A-Za-z]")
SLASH_FRACTION = re.compile(r"[/⁄](?P<d>[1-9]\d{0,2})(?![\d/⁄]|[.,:]\d|\w)")
OF_AFTER = re.compile(r"\s+of\s")
# "from 4.8 to 4.7 per cent", "from 21 mpg combined to 23": a level before and a level after
FROM_BEFORE = re.compile(r"(?<![\w'’])from\s+(?:about\s+|around\s+|some\s+)?$", re.IGNORECASE)
FROM_TO_GLUE = re.compile(r"\s+to\s+")
TO_AFTER_LEVEL = re.compile(
    r"(?:\s+[A-Za-z][\w-]*){0,2}\s+to\s+(?:about\s+|around\s+|some\s+)?", re.IGNORECASE
)
# "1,234 arrests in 2022, compared with 987": the bare number is in the same unit
COMPARED_BEFORE = re.compile(
    r"(?<![\w'’])(?:compared\s+(?:with|to)|(?:up|down)\s+from|as\s+against|versus|vs\.?)\s+"
    r"(?:(?:an?\s+average|a\s+total)\s+of\s+|about\s+|around\s+|some\s+|nearly\s+|almost\s+)?$",
    re.IGNORECASE,
)
# an acronym or postcode district just before a bare number: "EWHC 3108", "BH12 5"
CODE_BEFORE = re.compile(r"(?<![\w'’])(?:[A-Z]{2,6}|[A-Z]{1,2}\d{1,2}[A-Z]?)\s$")
NAME_WORD_BEFORE = re.compile(r"(?<![.!?:\n]\s)(?<=[a-z,;]\s)([A-Z][a-z]+)\s$")
END_AFTER = re.compile(r"\s*(?:[.,;:)]|$|\s+(?:and|or)\b)")
# "the Condition Data Collection 2 is", "BBC Radio 4's", "Control Period 7 across": a small
# number after a name of two or more capitalised words, with no noun after it to count.
TITLE_NAME_BEFORE = re.compile(r"(?<![\w'’])[A-Z][A-Za-z]+\s(?:[A-Z][A-Za-z]+\s)+$")
NAME_END_AFTER = re.compile(r"(?:['’]s\b|\+|\s*(?:[.,;:)]|$))")
# "… 82% of all practices, up from 0.2% in December 2022 …": a date that belongs to the level
# compared with; it frames no other figure of the sentence.
COMPARISON_DATE_BEFORE = re.compile(
    r"(?<!\w)(?:(?:up|down)\s+from|compared\s+(?:with|to))\s+[^\s,;]+(?:\s+[a-z]+){0,3}?"
    r"\s+(?:in|at|on|as\s+at)\s+$",
    re.IGNORECASE,
)
TOTAL_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]otal(?:led|ling|s)?|TOTAL)(?:\s+of)?\s*[:–—-]?\s*$")
# "worth £10.5 billion, up 3% since last year", "exports were down 12%": a change
UP_DOWN_BEFORE = re.compile(
    r"(?:[,;(–—]|(?<![\w'’])(?:is|are|was|were|been|be|now|stood))\s+(?P<cue>up|down)(?:\s+by)?\s+$",
    re.IGNORECASE,
)
# "3- and 4-year-old children": the first age of a pair, its "year-old" said once
AGE_PAIR_AFTER = re.compile(
    r"(?:-?\s*(?:,|and|or|to)\s*\d{1,2}){1,4}(?:\s*-\s*|\s+)years?(?:\s*-\s*|\s+)olds?(?!\w)",
    re.IGNORECASE,
)
# "£3m a year for three years", "£200 million per annum for the next 2 years": the span a rate
# runs for is the amount's period, as "over three years" is
RATE_FOR_BEFORE = g.compile_pattern(
    rf"""(?<![\w'’]) (?: (?i:{g.alternation(T.per)}) | (?i:per)\s+[a-z]+ ) \s*,?\s+ (?i:for) \s+
         (?:(?i:the)\s+)? (?:(?i:{g.alternation(T.relative_time)})\s+)? $""",
    g.BEHIND,
)
AGO_AFTER = re.compile(r"\s+(?:earlier|ago)\b", re.IGNORECASE)
MINUS_BEFORE = re.compile(r"(?<![\w-])minus[ -]$", re.IGNORECASE)
TRUNCATED_STARTS = frozenset(",.·")
# What RANGE_TAIL's separator opens with ("–", "—" are non-ASCII: `g.UNSURE`).
RANGE_SEP_FIRST = frozenset(("-", "t", "T", "a", "A", g.UNSURE))
MORE_THAN_BEFORE = re.compile(r"\b(?:more|other)\s+than\s+$", re.IGNORECASE)
TO_BETWEEN = re.compile(r"\.?\s+to\s+")
OLDS_AFTER = re.compile(r"(?:-|\s+)olds?\b|\s+old\b", re.IGNORECASE)
CAPITALISED_AFTER = re.compile(r"\s+[A-Z][a-z]")
MULTIPLIER_AFTER = re.compile(r"(?:\s+times|-?fold)\b", re.IGNORECASE)
# A number word that counts with its noun left out
OUT_OF_AFTER = re.compile(
    r"\s+out\s+of\s+(?:a\s+total\s+(?:of\s+)?)?(?:\d|[a-z]+\b)", re.IGNORECASE
)
OF_WHICH_BEFORE = re.compile(r"(?<!\w)of\s+(?:which|whom|these|those)\s+$", re.IGNORECASE)
GROUP_GLUE = re.compile(r"\s*(?:,|and|or|to|-|–)\s*(?:and\s+|or\s+)?")
# Between the items of a list of amounts: "9848, 12948, and 1969 litres"
LIST_GLUE = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
# Only "and" lends a unit: "142 or 14%", "nine, or 4%" say one amount two ways.
AND_LIST_GLUE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
# A list's last item lends its unit to the bare numbers before it ("3.67 million, 2.69 million
# and 0.15 million tonnes"), unless it is of a kind that is said on each item or names no unit.
UNLENT_KINDS = frozenset({"count", "money", "ratio", "fraction", "duration"})
# A currency prefix written before the amount, as the currency table lists them: what its
# last character is when glued ("¥5,000", "AUD1.5m", "Rs.500") and its words when a space
# follows ("CHF 20", "Rs 500", "HK $3.7 billion").
SPACED_PREFIXES = sorted(
    ((p, c) for p, c in T.currency_prefixes.items() if " " in p), key=lambda pc: -len(pc[0])
)
PREFIX_TAILS = frozenset({p[-1] for p in T.currency_prefixes} | {"Q"})
PREFIX_MONTHS = tuple(m.lower() for m in all_months())
_CURRENCY_WORDS = {w.lower().strip("([,.") for p in T.currency_prefixes for w in p.split()}
# PREFIX_BEFORE's "year ending/ended/end/to" words (none of them a currency's word)
YEAR_END_WORDS = frozenset({"ending", "ended", "end", "to"} - _CURRENCY_WORDS)
PREFIX_WORDS = frozenset(
    {
        "year",
        "years",
        *(m.rstrip(".") for m in all_months()),
        "a",
        "an",
        "ending",
        "ended",
        "end",
        "to",
        *(w.lower().strip("([,.") for p in T.currency_prefixes for w in p.split()),
    }
)


def squeeze(phrase: str) -> str:
    """Lower-case with single spaces, the form the tables are keyed by."""
    return " ".join(phrase.lower().split())


# "1,700 places prisons": places per prison
CAPACITY_WORDS = frozenset(("places", "beds", "seats", "spaces", "cells", "berths", "pitches"))
CAPACITY_HYPHEN_AFTER = re.compile(
    r"-(place|bed|seat|space|cell|berth|pitch)\s+([a-z][a-z-]+s)\b", re.IGNORECASE
)


@dataclass(slots=True)
class Amount:
    """An amount while it is being judged; becomes a Figure if it survives."""

    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    words: bool = False  # written in words
    fraction: bool = False
    plain: bool = True  # a bare number: no currency, unit or scale
    raw_digits: str = ""
    qualifier: str | None = None
    change: str | None = None
    per: str | None = None
    period: Period | None = None
    when: TimeSpan | None = None
    item: str | None = None
    subject: str | None = None
    level_pair: bool = False  # one end of "rose from X to Y"
    scaled: bool = False  # carries its own scale word ("3 million")
    extras: dict[str, str] = field(default_factory=dict)


def find_figures(
    text: str,
    *,
    source: BlockName = "answer",
    parts: Sequence[tuple[int, str]] = (),
    path: str = "-",
    record: str = "",
) -> list[Figure]:
    """Every figure in one block of text. `parts` are (start offset, label) pairs."""
    amounts, times, periods = _scan(text)
    if not amounts and not periods:
        return []  # most texts: nothing to attach context to, so no sentences to find
    sentences = _sentences(text)
    sentence_starts = [s for s, _ in sentences]
    if periods:
        _attach_periods(text, amounts, periods, sentences, sentence_starts)
    figures = [a for a in amounts if a.kind != "period"]
    if not figures:
        return []
    _attach_context(text, figures, times, sentences, sentence_starts)
    part_starts = [p[0] for p in parts]
    # The caller's values are checked by pydantic as usual unless they are plain strings of
    # the right kind; everything else in a figure the extractor made itself, of the declared
    # types, so then the figures are built without validating them again.
    trusted = (
        type(path) is str
        and type(record) is str
        and type(source) is str
        and source in ("question", "answer")
        and all(type(p[1]) is str for p in parts)
    )
    out: list[Figure] = []
    sentence_text: dict[int, str] = {}  # one string per sentence, shared by its figures
    for a in figures:
        s_index = _index(sentence_starts, a.start)
        if s_index not in sentence_text:
            s_start, s_end = sentences[s_index]
            sentence_text[s_index] = text[s_start:s_end].strip()
        label = None
        if parts:
            i = bisect.bisect_right(part_starts, a.start) - 1
            label = parts[i][1] if i >= 0 else None
        out.append(_figure(text, a, path, record, source, label, sentence_text[s_index], trusted))
    return out


# --- scanning -----------------------------------------------------------------------------


def _scan(text: str) -> tuple[list[Amount], list[TimeSpan], list[Amount]]:
    """Amounts that are figures, calendar expressions and spans (periods), in text order.
    Calendar expressions are read only when the text holds an amount or a period (they are
    context, and most texts hold neither); otherwise the times come back empty."""
    amounts: list[Amount] = []
    time_matches: list[regex.Match[str]] = []
    periods: list[Amount] = []
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets exact
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    pos = 0
    group_end = -1  # end of the last amount that only named a group
    for p, anchor_end, is_word in g.anchors(lowered):
        if p < pos:
            continue
        window = text[max(0, p - 48) : p]
        if is_word and lowered.startswith("decade", p) and anchor_end - p == 6:
            before = g.behind(g.DECADE_BEFORE, window)
            if before is not None:  # "over the next decade"
                start = p - len(window) + before.start()
                periods.append(Amount(start, anchor_end, "period", Decimal(10), "year"))
            pos = anchor_end
            continue
        if p and not text[p - 1].isspace() and g.URL_BEFORE.match(text, max(0, p - 300), p):
            pos = g.NON_SPACE.match(text, p).end()
            continue
        m = None
        prefix = g.behind(g.PREFIX_BEFORE, window) if _may_have_prefix(window) else None
        if prefix is not None:
            m = g.TOKEN.match(text, p - len(window) + prefix.start(), p + TOKEN_SPAN)
            if m is not None and (m.end() <= p or _unreadable_words(m)):
                m = None
        if m is None:
            no_time = not (
                g.word_time_may_start(lowered, p)
                if is_word
                else g.time_may_start(lowered, p, anchor_end)
            )
            m = (g.AMOUNT_TOKEN if no_time else g.TOKEN).match(text, p, p + TOKEN_SPAN)
        if m is None:
            pos = max(g.WORD_RUN.match(text, p).end(), p + 1)
            continue
        if m.group("amount") is None:
            if m.lastgroup not in ("url", "ident"):
                time_matches.append(m)
            pos = max(m.end(), p + 1)
            continue
        amount, pos = _read_amount(text, m)
        if amount is None:
            continue
        listed = (
            bool(amounts) and LIST_GLUE.fullmatch(text, amounts[-1].end, amount.start) is not None
        )
        verdict = _judge(text, amount, listed)
        if group_end >= 0 and amount.plain and GROUP_GLUE.fullmatch(text, group_end, amount.start):
            verdict = "group"  # "aged 3 and 4": the group's other bound
        group_end = amount.end if verdict == "group" else -1
        if verdict == "period":
            amount.kind = "period"
            periods.append(amount)
        elif verdict == "figure":
            amounts.append(amount)
    for a, b in itertools.pairwise(amounts):
        if (
            a.plain
            and not b.plain
            and b.kind != "count"
            and (a.level_pair or _from_to(text, a, b.start))
        ):
            _lend_unit(b, a)  # "raised from 40 to 50 per cent", "from 4.8 to 4.7 per cent"
        if (
            a.kind == "money"
            and b.kind == "duration"
            and b.extras.get("adjectival")
            and b.value is not None
            and not text[a.end : b.start].strip()
        ):
            a.period = Period(
                value=json_number(b.value), unit=b.unit or "year"
            )  # "£98m 3-year fund"
    lent = False  # whether the amount after `a` took its unit from the list's last item
    for i in range(len(amounts) - 2, -1, -1):  # from the end: the unit passes down the list
        a, b = amounts[i], amounts[i + 1]
        glue = (
            AND_LIST_GLUE.fullmatch(text, a.end, b.start)
            if a.kind == "count"
            and a.unit is None
            and a.low is None
            and not a.fraction
            and b.kind not in UNLENT_KINDS
            else None
        )
        # a list ends in "and": "16,644, 16 per cent" is no list of percentages
        lent = glue is not None and (lent or "and" in glue.group())
        if lent:
            a.kind, a.unit = b.kind, b.unit
    times: list[TimeSpan] = []
    if amounts or periods:
        for m in time_matches:
            span = read_time(m)
            if span is not None:
                _time_cues(text, span, times)
    return amounts, _join_times(text, times), periods


def _from_to(text: str, a: Amount, b_start: int) -> bool:
    """ "from <a> to <b>": `a` is the level before (a range would have taken both ends)."""
    return (
        FROM_TO_GLUE.fullmatch(text, a.end, b_start) is not None
        and FROM_BEFORE.search(text, max(0, a.start - 20), a.start) is not None
    )


def _lend_unit(source: Amount, bare: Amount) -> None:
    """A bare number takes the kind and unit of an amount it is compared with."""
    bare.kind, bare.unit, bare.plain = source.kind, source.unit, False
    if source.extras.get("minor") and bare.value is not None:
        bare.value /= 100  # "from 5 to 4.5 pence"


def _compared_level(text: str, prev: Amount, a: Amount) -> bool:
    """ "3.9 million headsets, up from 2.4 million", "from 21 mpg combined to 23", "1,234
    arrests in 2022 compared with 987": the bare number `a` is a level of what `prev` measures."""
    gap_start = prev.end
    if gap_start >= a.start or a.start - gap_start > 100:
        return False
    if (
        FROM_BEFORE.search(text, max(0, prev.start - 20), prev.start) is not None
        and TO_AFTER_LEVEL.fullmatch(text, gap_start, a.start) is not None
    ):
        return True
    if any(c in ";:!?" for c in text[gap_start : a.start]):
        return False
    return COMPARED_BEFORE.search(text, max(gap_start, a.start - 40), a.start) is not None


def _unreadable_words(m: regex.Match[str]) -> bool:
    """An amount match whose words read as no number ("a ten-year": 'a' then 'ten')."""
    words = m.group("words") if m.group("amount") is not None else None
    return words is not None and parse_words(LETTERS.findall(words.lower())) is None


def _may_have_prefix(window: str) -> bool:
    """Whether a currency code, month, "a", "year ending" or "Q" may stand just before."""
    tail = window[-1:]
    if not tail or tail in PREFIX_TAILS:
        return bool(tail)
    if not tail.isspace():
        return False
    words = window.rsplit(None, 2)
    last = words[-1].lower().strip("([,.") if words else ""
    if not (last in PREFIX_WORDS or last.isdigit()):
        return False
    if not window.isascii():
        return True  # white space and case folding as the pattern sees them may differ
    # Narrower, by PREFIX_BEFORE's alternatives: "to", "ending" … only follow "year" ("year
    # to 31 March"); a day only follows a month ("March 5, 2023") or those words.
    prev = words[-2].lower() if len(words) > 1 else ""
    if last in YEAR_END_WORDS:
        return prev.endswith("year")
    if last.isdigit() and last not in PREFIX_WORDS:
        return len(last) <= 2 and (
            prev in YEAR_END_WORDS or prev.rstrip(".,").endswith(PREFIX_MONTHS)
        )
    return True


def _time_cues(text: str, span: TimeSpan, times: list[TimeSpan]) -> None:
    """Apply "since"/"by"/"the first half of" read just before a time span, then keep it."""
    window = text[max(0, span.start - BACK) : span.start]
    took = part_of_year(span, window)
    if took:
        span.start -= took
        window = window[: len(window) - took]
    cue = g.behind(g.TIME_CUE_BEFORE, window)
    if cue:
        word = cue.group("cue").lower()
        if word == "since" or (word == "from" and not _followed_by_to(text, span.end)):
            span.full_last, span.last = span.last, None
        elif word in ("by", "until", "till", "before") or word.startswith("up"):
            span.first = None
        elif word.endswith("end of") and BY_BEFORE.search(window, 0, cue.start()):
            span.first = None  # "by the end of 2025" is "by 2025"
    times.append(span)


def _followed_by_to(text: str, end: int) -> bool:
    return TO_AFTER.match(text, end, end + 12) is not None


def _join_times(text: str, times: list[TimeSpan]) -> list[TimeSpan]:
    """Join "April 2022 – March 2025", "between 2023/24 and 2024/25", "from 2010 to 2015"."""
    out: list[TimeSpan] = []
    for span in times:
        if out and not out[-1].event and not span.event:
            prev = out[-1]
            glue = text[prev.end : span.start]
            if len(glue) <= 12 and g.WHEN_JOIN.fullmatch(glue):
                joined_by_and = "and" in glue.lower()
                before = text[max(0, prev.start - 12) : prev.start].lower()
                if (
                    not joined_by_and or before.rstrip().endswith("between")
                ) and span.last is not None:
                    first = prev.first
                    if first is None and prev.day_month is not None:
                        first = _in_year_before(prev.day_month, span.last)  # "1st April to …"
                    if (
                        first is None
                        and prev.last is not None
                        and before.rstrip().endswith(("from", "between"))
                    ):
                        first = prev.last
                    out[-1] = TimeSpan(prev.start, span.end, "range", first, span.last)
                    continue
        out.append(span)
    return out


def _in_year_before(day_month: tuple[int, int], last: dt.date) -> dt.date | None:
    """The date of a day and month said without a year, as the start of a range ending on
    `last`: in `last`'s year, or the year before when that would come after `last`."""
    day, month = day_month
    for year in (last.year, last.year - 1):
        with contextlib.suppress(ValueError):
            date = dt.date(year, month, day)
            if date <= last:
                return date
    return None


def _number_at(
    text: str, m: regex.Match[str], group: str
) -> tuple[Decimal, int, bool, bool] | None:
    """(value, end, written in words, share) of the number in `group`; None if it is no number."""
    digits_group, words_group = group + "digits", group + "words"
    digits = m.group(digits_group)
    if digits is not None:
        value = parse_digits(digits)
        return None if value is None else (value, m.end(digits_group), False, False)
    words_text = m.group(words_group)
    base = m.start(words_group)
    tokens = [(t.group().lower(), base + t.end()) for t in LETTERS.finditer(words_text)]
    parsed = parse_words([t for t, _ in tokens])
    if parsed is None:
        return None
    return parsed.value, tokens[parsed.used - 1][1], True, parsed.fraction


def _scale_of(m: regex.Match[str], has_currency: bool) -> Decimal | None:
    scale = m.group("scale")
    if scale is None:
        return None
    if scale.lower().rstrip("s") in SCALES or scale.lower() in SCALES:
        return Decimal(SCALES.get(scale.lower(), SCALES.get(scale.lower().rstrip("s"), 1)))
    if m.group("scale_space") and not has_currency:
        return None  # "5 m" is metres, "£5 m" is millions
    if not has_currency and scale in ("b", "M", "K"):
        return None
    if not has_currency and scale == "m" and _metres(m):
        return None  # "buildings over 11m", "within 500m of": metres
    return Decimal(SCALE_SUFFIXES[scale])


def _metres(m: regex.Match[str]) -> bool:
    """A whole number glued to "m", with no currency, is metres unless people or things are
    counted after it ("11m in height", "500m of the site"; but "3m households", and "1.6m" is
    a million whatever follows)."""
    digits = m.group("digits")
    if digits is None or not digits.replace(",", "").isdigit():
        return False
    nxt = NEXT_WORD.match(m.string, m.end("scale"))
    if nxt is None:
        return True
    word = nxt.group(1)
    counted = word.islower() and word not in T.phrase_stops and _is_plural(word)
    if word == "of":  # "35m of its devices" counts; "500m of the site" measures
        after = LETTERS.findall(m.string, nxt.end(), nxt.end() + 40)[:4]
        counted = any(w.islower() and w not in T.phrase_stops and _is_plural(w) for w in after)
    return not (counted or word == "people")


def _read_amount(text: str, m: regex.Match[str]) -> tuple[Amount | None, int]:
    """Read an amount from a TOKEN match: number, scale, range and unit. Returns the amount
    (None if it is no amount) and where scanning resumes."""
    start = m.start("amount")
    currency = T.currency_prefixes.get(m.group("cur") or "")
    if currency is not None:
        start, currency = _spaced_prefix(text, start, m.group("cur"), currency)
    number = _number_at(text, m, "")
    if number is None:
        # not a number ("third" as an ordinal): resume after the first word
        word_end = FIRST_WORD.match(text, start)
        return None, word_end.end() if word_end else start + 1
    value, end, in_words, share = number
    if _code_not_currency(m, currency):
        run = RUN_OF_WORD.match(text, start)
        return None, max(run.end() if run else end, end)
    if in_words and not currency:
        start = m.start("words")
    scale = None
    full_words = not in_words or end == m.end("words")
    if full_words and m.group("scale") is not None:
        scale = _scale_of(m, currency is not None)
        if scale is not None:
            end = m.end("scale")
            value *= scale
            share = False
    if start > 0 and text[start - 1] in "-−" and _starts_word(text, start - 1):
        value, start = -value, start - 1  # "-0.9%": a signed amount keeps its sign
    elif _may_be_minus(text[max(0, start - 8) : start]) and MINUS_BEFORE.search(
        text, max(0, start - 8), start
    ):
        value = -value  # "minus 233 Celsius", "minus-5 yards"
    amount = Amount(start, end, "count", value, words=in_words, fraction=share)
    amount.plain = currency is None and scale is None
    amount.scaled = scale is not None
    amount.raw_digits = m.group("digits") or ""
    if currency:
        amount.kind, amount.unit = "money", currency
    digits = amount.raw_digits
    if digits.startswith("0") and len(digits) > 1 and digits.isdigit() and not currency:
        phone = PHONE_TAIL.match(
            text, end, end + AHEAD
        )  # telephone numbers and codes: skip every group
        return None, phone.end() if phone else end
    if (
        start > 0
        and text[start - 1] == "+"
        and not currency
        and 1 <= len(digits) <= 3
        and digits.isdigit()
        and (phone := INTL_PHONE_TAIL.match(text, end, end + AHEAD)) is not None
    ):
        return None, phone.end()  # "+44 20 7008 5000": a telephone number
    if text[end : end + 1] in TRUNCATED_STARTS and g.TRUNCATED.match(text, end, end + AHEAD):
        return None, end  # "12,4...": a number cut off mid-way says nothing
    if (
        amount.plain
        and digits
        and text.startswith(":", end)  # RATIO_TAIL opens with ":"
        and (ratio := g.RATIO_TAIL.match(text, end, end + AHEAD)) is not None
    ):
        b = parse_digits(ratio.group("b"))
        if b:
            amount.kind, amount.value, amount.end = "ratio", value / b, ratio.end()
            return amount, ratio.end()

    if (
        amount.plain
        and digits.isdigit()
        and text[end : end + 1] in "/⁄"
        and (slash := SLASH_FRACTION.match(text, end, end + AHEAD)) is not None
        and 0 < value < int(slash.group("d"))
        and (
            OF_AFTER.match(text, slash.end()) is not None
            or (
                g.unit_may_follow(text, slash.end())
                and (u := g.UNIT.match(text, slash.end(), slash.end() + AHEAD)) is not None
                and u.lastgroup in ("uword", "usym", "curword")
            )
        )
    ):  # "3/4 of schools", "1/2 mile": a share, or part of a unit
        amount.value = value = Decimal(int(digits)) / Decimal(int(slash.group("d")))
        amount.fraction = True
        end = amount.end = slash.end()
    # a digit string glued to letters is a code (5G, 967W, 2nd) unless a unit reads on
    unit_m = g.UNIT.match(text, end, end + AHEAD) if g.unit_may_follow(text, end) else None
    if unit_m is None or not _accept_unit(amount, unit_m):
        tail = _range_tail(text, end)
        if tail is not None and _make_range(text, amount, tail):
            end = amount.end
            unit_m = g.UNIT.match(text, end, end + AHEAD) if g.unit_may_follow(text, end) else None
            if unit_m is not None and not _accept_unit(amount, unit_m):
                unit_m = None
        else:
            unit_m = None
    if unit_m is not None:
        _apply_unit(amount, unit_m)
        end = amount.end
        tail = _range_tail(text, end)
        if tail is not None and amount.low is None and not _other_unit_after(text, tail, amount):
            unit = amount.unit
            if _make_range(text, amount, tail, unit_first=True):
                end = amount.end
                again = (
                    g.UNIT.match(text, end, end + AHEAD) if g.unit_may_follow(text, end) else None
                )
                if again is not None and _accept_unit(amount, again):
                    probe = Amount(end, end, "count", Decimal(0))
                    _apply_unit(probe, again)
                    if probe.unit == unit:  # "between 10% and 15%": the unit said twice
                        end = amount.end = again.end()
    # one in five
    if amount.kind == "count" and amount.plain and amount.low is None:
        # only "one in …" is read: no need to match ONE_IN for other values
        if value == 1 and (one_in := g.ONE_IN.match(text, end, end + AHEAD)) is not None:
            n_text = one_in.group("n")
            digits_only = n_text.replace(",", "")
            denominator = (
                int(digits_only) if digits_only.isdigit() else UNIT_WORDS.get(n_text.lower())
            )
            if denominator and denominator > 1:
                amount.value = Decimal(1) / Decimal(denominator)
                amount.kind, amount.fraction = "fraction", True
                end = amount.end = one_in.end()
        if (
            amount.fraction and (of_a := g.OF_A_SCALE.match(text, end, end + AHEAD)) is not None
        ):  # "a quarter of a million"
            amount.value = value * SCALES[of_a.group("scale").lower()]
            amount.fraction, amount.plain = False, False
            end = amount.end = of_a.end()
            unit_m = g.UNIT.match(text, end, end + AHEAD)
            if unit_m is not None and _accept_unit(amount, unit_m):
                _apply_unit(amount, unit_m)  # "a quarter of a million pounds"
                end = amount.end
    if amount.fraction and amount.kind == "count":
        amount.kind = "fraction"
    # glued letters or digits: a code, not an amount
    if end < len(text) and (
        text[end].isalnum()
        or text[end] in "_"
        or (text[end] in "/:" and text[end + 1 : end + 2].isdigit())
    ):
        run = RUN_OF_WORD.match(text, end)
        return None, max(run.end() if run else end + 1, end + 1)
    return amount, end


def _may_be_minus(before: str) -> bool:
    """Whether MINUS_BEFORE may match `before`: it holds "minus" (exact for ASCII; other text
    may fold to it under IGNORECASE, so is let through)."""
    return "minus" in before.lower() or not before.isascii()


def _range_tail(text: str, end: int) -> regex.Match[str] | None:
    """`RANGE_TAIL` at `end`, skipped when the character after the blanks cannot open its
    separator (a dash, "to", "and")."""
    if g.after_blanks(text, end) in RANGE_SEP_FIRST:
        return g.RANGE_TAIL.match(text, end, end + AHEAD)
    return None


def _spaced_prefix(text: str, start: int, cur: str, currency: str) -> tuple[int, str]:
    """ "HK $3.7 billion", "C $6": a prefix written with a space holds a shorter one ("$");
    the longer reading wins, as the table's longest-first alternations make it when glued."""
    for longer, code in SPACED_PREFIXES:
        head = longer[: -len(cur)] if longer.endswith(cur) and longer != cur else ""
        if (
            head
            and text.startswith(head, start - len(head))
            and not text[start - len(head) - 1 : start - len(head)].isalnum()
        ):
            return start - len(head), code
    return start, currency


def _code_not_currency(m: regex.Match[str], currency: str | None) -> bool:
    """Letters glued to a whole number are a code ("RM10" a postcode district, "RM6232" a
    framework), not a currency code and an amount: those have separators, decimals or a scale
    ("RM23.50", "AUD1.5m", "USD1,700")."""
    cur, digits = m.group("cur") or "", m.group("digits")
    return (
        currency is not None
        and cur[-1:].isalpha()
        and digits is not None
        and m.end("cur") == m.start("digits")
        and digits.isdigit()
        and m.group("scale") is None
    )


def _other_unit_after(text: str, tail: regex.Match[str], amount: Amount) -> bool:
    """ "fell 10 per cent to 18.97 yuan": what follows "to" is in another unit, so it is the
    level reached, not the second end of a range of percentages."""
    end = tail.end()
    unit_m = g.UNIT.match(text, end, end + AHEAD) if g.unit_may_follow(text, end) else None
    if unit_m is None:
        return False
    probe = Amount(end, end, "count", Decimal(0))
    if not _accept_unit(probe, unit_m):
        return False
    _apply_unit(probe, unit_m)
    return probe.unit != amount.unit


def _starts_word(text: str, i: int) -> bool:
    """A sign at `i` stands alone (start of text, after a space or bracket), not "5-3"."""
    return i == 0 or text[i - 1] in " \t\n(["


def _accept_unit(amount: Amount, unit_m: regex.Match[str]) -> bool:
    group = unit_m.lastgroup
    if amount.kind == "money":
        return False  # "£5 per pupil": a currency sign already gave the unit
    return not (group == "minor" and not amount.plain)  # "£5m p" is no pence


def _unit_kind(unit_m: regex.Match[str]) -> str:
    group = unit_m.lastgroup
    if group == "uword":
        symbol = T.unit_words[squeeze(unit_m.group().strip(" -"))]
        return T.units[symbol].kind
    if group == "usym":
        return T.units[T.unit_symbols[unit_m.group().strip(" -")]].kind
    if group == "uglued":
        return T.units[T.unit_glued[unit_m.group()]].kind
    return group or ""


def _apply_unit(amount: Amount, unit_m: regex.Match[str]) -> None:
    group = unit_m.lastgroup
    word = " ".join(unit_m.group().strip(" -").split())
    amount.end = unit_m.end()
    if group == "percent":
        amount.kind, amount.unit = "percent", "%"
    elif group == "points":
        amount.kind, amount.unit = "percent", "pp"
    elif group == "curword":
        amount.kind, amount.unit = "money", T.currency_words[word.lower()]
    elif group == "minor":
        code = T.currency_minor.get(word) or T.currency_minor.get(word.lower(), "GBP")
        amount.kind, amount.unit = "money", code
        for attr in ("value", "low", "high"):
            v = getattr(amount, attr)
            if v is not None:
                setattr(amount, attr, v / 100)
        amount.extras["minor"] = "1"
    else:
        if group == "uword":
            symbol = T.unit_words[word.lower()]
        else:
            symbol = (T.unit_glued if group == "uglued" else T.unit_symbols)[word]
        unit = T.units[symbol]
        amount.kind, amount.unit = unit.kind, symbol
        if unit.kind == "duration" and unit_m.group().lstrip().startswith("-"):
            amount.extras["adjectival"] = "1"  # "a ten-year strategy"
    amount.plain = False
    amount.fraction = False


def _make_range(
    text: str, amount: Amount, tail: regex.Match[str], unit_first: bool = False
) -> bool:
    """Turn `amount` into a range if `tail` ends one ("–35", " to 60", " and 10")."""
    sep = tail.group("sep").lower()
    window = text[max(0, amount.start - 30) : amount.start]
    between = g.behind(g.BETWEEN_BEFORE, window)
    if sep == "and" and not (between and between.group().lower().startswith("between")):
        return False
    if sep == "to" and g.CHANGE_FROM_BEFORE.search(
        text[max(0, amount.start - BACK) : amount.start]
    ):
        amount.level_pair = True  # "rose from 40 to 50 per cent": two levels, not a range
        return False
    tail_currency = T.currency_prefixes.get(tail.group("cur") or "")
    if tail_currency and amount.unit not in (None, tail_currency):
        return False
    if tail.group("digits") is not None:
        high = parse_digits(tail.group("digits"))
        high_end = tail.end("digits")
    else:
        tokens = [
            (t.group().lower(), tail.start("words") + t.end())
            for t in LETTERS.finditer(tail.group("words"))
        ]
        parsed = parse_words([t for t, _ in tokens])
        if parsed is None or parsed.fraction:
            return False
        high, high_end = parsed.value, tokens[parsed.used - 1][1]
    if high is None or amount.value is None:
        return False
    low = amount.value
    scale = None
    if tail.group("scale") is not None and high_end == tail.start("scale") - len(
        tail.group("scale_space") or ""
    ):
        scale = _scale_of(
            tail, (tail_currency or (amount.unit if amount.kind == "money" else None)) is not None
        )
    if scale is not None:
        high *= scale
        high_end = tail.end("scale")
        # "£2-3 million": the scale is shared, unless the low end is whole without it
        # ("£370,000 to £5.5 million")
        if not amount.scaled and not (low * scale >= high and low < high):
            low *= scale
    if (
        sep == "to"
        and low < high
        and (unit_first or not amount.plain or high > 10 * low)
        and g.behind(g.CHANGE_THEN_LEVEL_BEFORE, window)
    ):
        return False  # "rose by 1,200 to 148,000": a change, then the level it reached
    if not low < high:
        if (
            sep == "to"
            and high
            and (
                g.RATIO_BEFORE.search(text[max(0, amount.start - 60) : amount.start])
                or window.rstrip().endswith(" by")
            )
        ):
            amount.kind, amount.value, amount.end = "ratio", low / high, high_end  # "by 3 to 1"
            amount.plain = False
            return True
        return False
    amount.low, amount.high, amount.value = low, high, None
    if tail_currency:
        amount.kind, amount.unit = "money", tail_currency
    if between and between.group().lower().startswith("between"):
        amount.start = amount.start - (len(window) - between.start())
    amount.end = high_end
    amount.plain = amount.plain and scale is None and not tail_currency
    return True


# --- judging: is this amount a figure? -----------------------------------------------------


def _judge(text: str, a: Amount, listed: bool = False) -> str:
    """ "figure", "period" (a span another amount is spread over) or "no". `listed`: the
    amount follows a figure in a list ("9848, 12948 and …")."""
    window = text[max(0, a.start - BACK) : a.start]
    after = text[a.end : a.end + AHEAD]
    no_sign = a.kind in ("count", "fraction") or (a.kind == "duration" and a.plain)
    runs = g.WORDS.findall(window.lower())
    vocab = set(runs)
    # The end patterns below (CODE_BEFORE, NAME_WORD_BEFORE, TITLE_NAME_BEFORE) end in
    # "<letter or digit>\s$": they can match only if the character before the window's last
    # is one, or the window ends in a newline (`$` also matches before it).
    penult = window[-2:-1]
    newline_end = window.endswith("\n")
    if (
        a.kind in ("count", "fraction", "duration")
        and g.reference_may_end(window, runs)
        and g.behind(g.REFERENCE_BEFORE, window)
        and not g.behind(g.DEMONSTRATIVE_AMOUNT_BEFORE, window)
    ):
        return "no"
    if (
        a.words
        and a.kind == "count"
        and text[a.start].isupper()
        and g.behind(g.NAME_OF_BEFORE, window)
    ):
        return "no"  # "the Group of Seven"
    if a.kind == "money" and len(a.raw_digits) >= 3 and not a.raw_digits.strip("0"):
        return "no"  # "Amount £000": a column heading (thousands of pounds), not an amount
    if (
        a.kind == "count"
        and a.plain
        and g.after_blanks(after, 0) in g.NAME_AFTER_FIRST
        and g.NAME_AFTER.match(after)
    ):
        return "no"  # "10 Downing Street"
    if (
        a.kind == "count"
        and a.plain
        and a.low is None
        and (not vocab.isdisjoint(g.RATIO_WORDS) or not window.isascii())
        and g.RATIO_BEFORE.search(window)
    ):
        a.kind = "ratio"  # "the pupil:teacher ratio was 17.2"
        return "figure"
    if a.kind == "count" and not a.words and a.value is not None and a.low is None:
        digits = a.raw_digits
        if text[a.start - 1 : a.start] == "(" and after.startswith(")") and len(digits) <= 3:
            return "no"  # (1), (2): list markers
        if (
            after[:1] in ".)"
            and g.behind(g.LIST_MARKER_BEFORE, window)
            and (after[1:2] in " \t\n" or after[1:2] == "")
        ):
            return "no"  # "1." or "2)" opening a line
        if digits.startswith("0") and len(digits) > 1 and "." not in digits:
            return "no"  # telephone numbers and codes
        if (
            len(digits) >= 5
            and "," not in digits
            and "." not in digits
            and not listed
            and not LOWER_WORD_AFTER.match(after)
            and not TOTAL_BEFORE.search(window)
        ):
            return "no"  # record and question numbers
        code = (
            CODE_BEFORE.search(window)
            if "," not in digits
            and "." not in digits
            and (newline_end or "A" <= penult <= "Z" or penult.isdecimal())
            else None
        )
        if code is not None:
            if code.group().strip() not in T.plain_capitals:
                return "no"  # "IFRS 16 estimates", "NHS 111 calls": the number of a code
            noun = NEXT_WORD.match(after)
            if noun is None or not noun.group(1).islower() or noun.group(1) in T.phrase_stops:
                return "no"  # "EWHC 3108 (Admin)", "HCWS 433", postcode "BH12 5"
    if a.kind == "duration" and a.unit == "year" and OLDS_AFTER.match(after):
        return "group"  # "16 to 24 year-olds"
    if (
        a.words
        and a.kind == "count"
        and text[a.start].isupper()
        and window.rstrip()[-1:] not in ("", ".", "!", "?", ":", "\n")
        and CAPITALISED_AFTER.match(after)
    ):
        return "no"  # "HMP Five Wells": a number word inside a name
    if a.kind == "count" and a.plain and a.low is not None and a.high is not None:
        prev = LAST_WORD.search(window)
        nxt = NEXT_WORD.match(after)
        after_the = prev is not None and prev.group(1).lower() in ("the", "a") and a.high <= 100
        if after_the and (nxt is None or not _is_plural(nxt.group(1))):
            return "no"  # "the 16-64 UK economic inactivity level": an age band
    if (
        a.kind == "count"
        and a.plain
        and not a.words
        and a.low is None
        and "," not in a.raw_digits
        and (newline_end or "a" <= penult <= "z")
        and (name := NAME_WORD_BEFORE.search(window))
        and END_AFTER.match(after)
        and name.group(1).lower() not in T.phrase_stops
    ):
        return "no"  # "Brimstone 3.", "Scheme 1 and …": a number that ends a name
    if (
        a.kind == "count"
        and a.plain
        and not a.words
        and a.low is None
        and len(a.raw_digits) <= 2
        and (newline_end or (penult.isascii() and penult.isalpha()))
        and TITLE_NAME_BEFORE.search(window)
    ):
        nxt = NEXT_WORD.match(after)
        if (
            NAME_END_AFTER.match(after)
            or END_AFTER.match(after)
            or (nxt is not None and nxt.group(1) in T.phrase_stops)
        ):
            return "no"  # "the Condition Data Collection 2 is in progress": part of a name
    if a.words and a.value == 1 and MORE_THAN_BEFORE.search(window):
        return "no"  # "more than one intervention": an idiom, not an amount
    if a.kind == "count" and MULTIPLIER_AFTER.match(after):
        return "no"  # "three times as many", "a two-fold rise": multipliers are not figures
    if a.kind in ("count", "duration", "fraction") and g.AGE_AFTER.match(after):
        return "group"
    if a.kind == "count" and a.plain and AGE_PAIR_AFTER.match(after):
        return "group"  # "3- and 4-year-olds"
    if (
        a.kind == "count"
        and a.plain
        and not a.words
        and len(a.raw_digits) <= 2
        and after[:1] == "s"
        and not after[1:2].isalnum()
    ):
        return "group"  # "under 18s", "the over-65s", "people in their 20s": ages
    # An ASCII window must also end in the phrase's last word (or character)
    ascii_window = window.isascii()
    qual = (
        g.behind(g.QUALIFIER_BEFORE, window)
        if not vocab.isdisjoint(g.QUALIFIER_VOCAB)
        and (
            not ascii_window
            or g.may_end_with(window, runs, g.QUALIFIER_LAST_RUNS, g.QUALIFIER_END_CHARS)
        )
        else None
    )
    if not vocab.isdisjoint(g.THRESHOLD_VOCAB):
        if (
            not ascii_window
            or g.may_end_with(window, runs, g.THRESHOLD_LAST_RUNS, g.THRESHOLD_END_CHARS)
        ) and g.behind(g.THRESHOLD_BEFORE, window):
            return "group"
        if qual and g.behind(g.THRESHOLD_BEFORE, window[: qual.start()]):
            return "group"
    if a.kind == "duration":
        core = window[: qual.start()] if qual else window
        if g.behind(g.PERIOD_BEFORE, window) or g.behind(RATE_FOR_BEFORE, window):
            if g.behind(g.RELATIVE_TIME_BEFORE, window):
                a.extras["relative"] = "1"
            return "period"
        if g.behind(g.RELATIVE_TIME_BEFORE, core):
            return "no"  # "in the last three years": a when, not a figure
        return "figure"
    if a.words and no_sign and a.kind == "count":
        return "figure" if _counts_a_noun(window, after, a) else "no"
    if a.kind == "fraction" and a.words and a.value == Decimal("0.5"):
        prev = LAST_WORD.search(window)
        if prev and prev.group(1).lower() in (
            "first",
            "second",
            "latter",
            "the",
            "each",
            "other",
            "this",
            "that",
            "last",
            "next",
            "in",
            "by",
        ):
            return "no"
        if after.startswith("-") or HALF_NOUN_AFTER.match(after):
            return "no"
    return "figure"


def _counts_a_noun(window: str, after: str, a: Amount) -> bool:
    """A number word counts something only when a noun follows ("four drugs seizures");
    "one of the measures", "no one", "the two of them" are not counts."""
    nxt = NEXT_WORD.match(after)
    if after.startswith("-"):
        return False
    if nxt is None:
        return False
    word = nxt.group(1).lower()
    if OUT_OF_AFTER.match(after) or OF_WHICH_BEFORE.search(window):
        return True  # "eight out of nine officers", "70 schools, of which eight are aided"
    if word in T.phrase_stops and word not in (
        "more",
        "fewer",
        "less",
        "new",
        "additional",
        "extra",
    ):
        return False
    if word in UNIT_WORDS or word in FRACTIONS or word in ORDINAL_FRACTIONS:
        return False
    prev = LAST_WORD.search(window)
    prev_word = prev.group(1).lower() if prev else ""
    if a.value == 0 and (prev_word == "net" or word in T.zero_not_before or nxt.group(1).isupper()):
        return False  # "net zero", "zero emission vehicles": names, not counts
    if a.value == 1 and prev_word in (
        "no",
        "any",
        "every",
        "each",
        "which",
        "this",
        "that",
        "someone",
        "anyone",
        "only",
        "at",
        "the",
    ):
        return False
    return not (
        a.value == 1 and word in ("another", "other", "way", "thing", "off", "side", "hand")
    )


# --- sentences --------------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in g.SENTENCE_END.finditer(text):
        end = m.start() + (1 if m.group()[:1] in ".!?" else 0)
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


def _index(starts: list[int], pos: int) -> int:
    """The sentence holding `pos`, by the sentences' start offsets (the last starting at or
    before it, as bisecting the (start, end) spans by (pos, ∞) finds it)."""
    return max(bisect.bisect_right(starts, pos) - 1, 0)


class Clauses:
    """Clause boundaries (commas, semicolons, brackets, dashes, "but") of the whole text, found
    once; `around(pos, sentence)` gives the clause holding `pos` by bisection."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in g.CLAUSE_BREAK.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def around(self, pos: int, s_start: int, s_end: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.ends, pos) - 1
        lo = max(s_start, self.ends[i]) if i >= 0 else s_start
        j = bisect.bisect_left(self.starts, pos)
        hi = min(s_end, self.starts[j]) if j < len(self.starts) else s_end
        return lo, max(hi, lo)


def _attach_periods(
    text: str,
    amounts: list[Amount],
    periods: list[Amount],
    sentences: list[tuple[int, int]],
    sentence_starts: list[int],
) -> None:
    """ "£300m … over three years": the span becomes the amount's period, not a figure."""
    starts = [a.start for a in amounts]
    standalone: list[Amount] = []
    for p in periods:
        s_start, s_end = sentences[_index(sentence_starts, p.start)]
        target = None
        change_too: Amount | None = None
        k = bisect.bisect_right(starts, p.start) - 1
        for _ in range(12):  # the nearest amount before it in the sentence …
            if k < 0 or amounts[k].start < s_start:
                break
            a = amounts[k]
            if a.kind != "duration" and a.period is None and a.end <= p.start:
                target = a
                before = amounts[k - 1] if k > 0 else None
                if (
                    before is not None
                    and before.start >= s_start
                    and TO_BETWEEN.fullmatch(text, before.end, a.start)
                ):
                    change_too = before  # "increased by 35% to £94 million over three years"
                break
            k -= 1
        k = bisect.bisect_left(starts, p.end)
        for _ in range(12):  # … else the nearest after it
            if target is not None or k >= len(amounts) or amounts[k].start >= s_end:
                break
            if amounts[k].kind != "duration" and amounts[k].period is None:
                target = amounts[k]
            k += 1
        if target is None or p.value is None:
            if not p.extras.get("relative") and "decade" not in text[p.start : p.end].lower():
                p.kind = "duration"  # a span with no amount to spread: a duration of its own
                standalone.append(p)
            continue
        target.period = Period(value=json_number(p.value), unit=p.unit or "year")
        if change_too is not None and change_too.period is None:
            change_too.period = target.period
    if standalone:
        amounts.extend(standalone)
        amounts.sort(key=lambda a: a.start)


# A list item's label at the start of a line: "(a)", "ii)", "3.", "•", "-"
LIST_ITEM_START = re.compile(r"\s*(?:\(?(?:[a-z]{1,2}|[ivx]{1,4}|\d{1,2})[.)]|[-•*–])\s")
LIST_LEAD_REACH = 40  # list items looked back over for the line that leads them
CONJUNCTION_AFTER = re.compile(r"[\s,;]*(?:and|but|while|whilst|whereas)\b")
POINT_CUES = ("as of", "as at")
ANAPHORA = re.compile(r"\b(?:these|those|such)\b", re.IGNORECASE)


def _attach_context(
    text: str,
    figures: list[Amount],
    times: list[TimeSpan],
    sentences: list[tuple[int, int]],
    sentence_starts: list[int],
) -> None:
    spans = [t for t in times if not t.event and (t.first or t.last)]
    span_starts = [t.start for t in spans]
    figure_starts = [a.start for a in figures]
    clauses = Clauses(text)
    point: tuple[int, TimeSpan] | None = None  # "As of 10/03/2023, …" carried to the next sentence
    seen_sentence = -1
    for i, a in enumerate(figures):
        s_index = _index(sentence_starts, a.start)
        s_start, s_end = sentences[s_index]
        lo = bisect.bisect_left(span_starts, s_start)
        hi = bisect.bisect_left(span_starts, s_end)
        if s_index != seen_sentence:
            carried = point if point is not None and point[0] == s_index - 1 else None
            if carried is None:
                lead = _list_lead(text, sentences, s_index, spans, span_starts)
                carried = (s_index - 1, lead) if lead is not None else None
            for t in spans[lo:hi]:
                if text[max(0, t.start - 6) : t.start].lower().rstrip().endswith(POINT_CUES):
                    point = (s_index, t)
            seen_sentence = s_index
            per_before: str | None = None
            # the cheap test first: a sentence before that holds a figure lends no rate
            if (
                s_index > 0
                and not _holds_figure(sentences[s_index - 1], figure_starts)
                and ANAPHORA.search(text, s_start, s_end) is not None
            ):
                per_before = _per_from_before(text, sentences[s_index - 1], figure_starts)
        clause = clauses.around(a.start, s_start, s_end)
        prev_fig = figures[i - 1] if i > 0 and figures[i - 1].start >= s_start else None
        next_fig = figures[i + 1] if i + 1 < len(figures) and figures[i + 1].start < s_end else None
        window = text[max(s_start, a.start - BACK) : a.start]
        runs = g.WORDS.findall(window.lower())
        vocab = set(runs)
        # QUALIFIER_BEFORE's match holds one of its words and ends in its last (exact for
        # ASCII; other text is matched, as case folding may differ from `str.lower`)
        qual = (
            g.behind(g.QUALIFIER_BEFORE, window)
            if not window.isascii()
            or (
                not vocab.isdisjoint(g.QUALIFIER_VOCAB)
                and g.may_end_with(window, runs, g.QUALIFIER_LAST_RUNS, g.QUALIFIER_END_CHARS)
            )
            else None
        )
        _qualifier(text, a, qual)
        _change(text, a, window, prev_fig, vocab, qual)
        per_limit = clause[1] if clause[1] > a.end else s_end
        _per(text, a, min(per_limit, next_fig.start if next_fig else s_end))
        if a.per is None:
            a.per = per_before
        _item_subject(text, a, s_end)
        if (
            prev_fig is not None
            and a.kind == "count"
            and a.item is None
            and a.low is None
            and prev_fig.kind not in ("ratio", "fraction")
            and (prev_fig.kind != "count" or prev_fig.item is not None)
            and _compared_level(text, prev_fig, a)
        ):
            if prev_fig.kind == "count":
                a.item, a.subject = prev_fig.item, a.subject or prev_fig.subject
            else:
                _lend_unit(prev_fig, a)
        a.when = _pick_when(text, a, spans, span_starts, (lo, hi), clause, prev_fig, next_fig)
        if a.when is None and carried is not None:
            a.when = carried[1]
        if prev_fig is not None and prev_fig.level_pair and a.start - prev_fig.end < 8:
            _from_to_dates(prev_fig, a, spans[lo:hi])


def _list_lead(
    text: str,
    sentences: list[tuple[int, int]],
    s_index: int,
    spans: list[TimeSpan],
    span_starts: list[int],
) -> TimeSpan | None:
    """ "In the financial year 2008-09:" then "(a) … 1,109,574;" lines: the time said in a line
    that ends in a colon frames the lines after it — the first, and every list item."""
    k = s_index - 1
    own_item = LIST_ITEM_START.match(text, sentences[s_index][0]) is not None
    for _ in range(LIST_LEAD_REACH):
        if k < 0:
            return None
        k_start, k_end = sentences[k]
        if text[k_start:k_end].rstrip().endswith(":"):
            if k != s_index - 1 and not own_item:
                return None
            lo = bisect.bisect_left(span_starts, k_start)
            hi = bisect.bisect_left(span_starts, k_end)
            return spans[hi - 1] if hi > lo else None
        if not own_item or LIST_ITEM_START.match(text, k_start) is None:
            return None
        k -= 1
    return None


def _per_from_before(text: str, before: tuple[int, int], figure_starts: list[int]) -> str | None:
    """ "… smuggled into the UK annually. … the range of these estimates: 25–35 tonnes": a rate
    said in the sentence before, which holds no figure of its own, carries to "these"."""
    b_start, b_end = before
    if _holds_figure(before, figure_starts):
        return None
    m = g.PER_AFTER.search(text, b_start, b_end)
    if m is not None and m.group("phrase"):
        return T.per.get(squeeze(m.group("phrase")))
    return None


def _holds_figure(span: tuple[int, int], figure_starts: list[int]) -> bool:
    k = bisect.bisect_left(figure_starts, span[0])
    return k < len(figure_starts) and figure_starts[k] < span[1]


def _from_to_dates(x: Amount, y: Amount, spans: list[TimeSpan]) -> None:
    """ "since March 1991 … fallen from 14,078 to 7,332": the level before is the since-date's,
    the level after is the sentence's other (reference) date."""
    since = x.when
    if since is None or since.last is not None or since.full_last is None:
        return
    x.when = TimeSpan(since.start, since.end, since.kind, since.first, since.full_last)
    others = [t for t in spans if t is not since and t.first is not None and t.last is not None]
    if y.when is since or y.when is None:
        y.when = others[-1] if others else None


def _pick_when(
    text: str,
    a: Amount,
    spans: list[TimeSpan],
    starts: list[int],
    bounds: tuple[int, int],
    clause: tuple[int, int],
    prev_fig: Amount | None,
    next_fig: Amount | None,
) -> TimeSpan | None:
    """The time a figure refers to: the nearest calendar expression after it in its clause
    ("70 per cent. in 1990"), else before it ("in 2005-6 there were 4,968"), else one framing
    the sentence ("In 2022, 17 … 4 … and 1,842 …")."""
    lo, hi = bounds
    if lo >= hi:
        return None
    c_start, c_end = clause
    limit_after = min(c_end, next_fig.start if next_fig else c_end)
    limit_before = max(c_start, prev_fig.end if prev_fig else c_start)
    k = bisect.bisect_left(starts, a.end, lo, hi)
    following = spans[k] if k < hi and spans[k].start < limit_after else None
    b = bisect.bisect_left(starts, a.start, lo, hi) - 1
    while b >= lo and spans[b].end > a.start:
        b -= 1
    preceding = spans[b] if b >= lo and spans[b].start >= limit_before else None
    if following is not None and preceding is not None:
        # "in 2008-9 there were 7193 and in the first six months of 2009-10 …": after "and",
        # the next date starts the next statement
        if CONJUNCTION_AFTER.match(text, a.end, following.start):
            return preceding
        return following
    if following is not None or preceding is not None:
        return following or preceding
    if b >= lo:
        return None if _comparison_date(text, spans[b]) else spans[b]
    if k < hi and not _comparison_date(text, spans[k]):
        return spans[k]
    return None


def _comparison_date(text: str, span: TimeSpan) -> bool:
    return COMPARISON_DATE_BEFORE.search(text, max(0, span.start - 60), span.start) is not None


def _qualifier(text: str, a: Amount, m: regex.Match[str] | None) -> None:
    """`m`: QUALIFIER_BEFORE's match at the end of the look-behind window."""
    if m is not None:
        a.qualifier = T.qualifiers_before.get(squeeze(m.group("q")))
        return
    after = (
        g.QUALIFIER_AFTER.match(text, a.end, a.end + AHEAD)
        if g.qualifier_may_follow(text[a.end : a.end + AHEAD])
        else None
    )
    if after is not None:
        a.qualifier = T.qualifiers_after.get(squeeze(after.group("q")))


def _strip_qualifier(window: str, m: regex.Match[str] | None) -> str:
    core = window[: m.start()] if m else window
    between = g.behind(g.BETWEEN_BEFORE, core)
    return core[: between.start()] if between else core


def _change(
    text: str,
    a: Amount,
    window: str,
    prev_fig: Amount | None,
    vocab: set[str],
    qual: regex.Match[str] | None,
) -> None:
    """`vocab`: the words of `window`; `qual`: QUALIFIER_BEFORE's match at its end."""
    if a.level_pair or (
        prev_fig is not None and prev_fig.level_pair and prev_fig.end > a.start - 8
    ):
        return
    patterns: tuple[tuple[regex.Pattern[str], dict[str, str]], ...] = ()
    # `core` is a prefix of `window` cut at a word boundary, so its words are among the
    # window's: no change word in the window, no need to cut it.
    core = window
    if vocab.isdisjoint(g.CHANGE_VOCAB) or g.words_in(
        core := _strip_qualifier(window, qual)
    ).isdisjoint(g.CHANGE_VOCAB):
        pass
    else:
        patterns = (
            (g.CHANGE_BY_BEFORE, T.change_verbs),
            (g.CHANGE_OF_BEFORE, T.change_nouns),
            (g.CHANGE_ADJ_BEFORE, T.change_adjectives),
        )
    for pattern, table in patterns:
        m = pattern.search(core)
        if m is not None:
            a.change = table.get(squeeze(m.group("cue")))
            return
    tail = window[-24:]
    if ("up" in tail or "down" in tail) and (ud := UP_DOWN_BEFORE.search(tail)) is not None:
        a.change = "increase" if ud.group("cue").lower() == "up" else "decrease"
        return
    after = (
        g.CHANGE_AFTER.match(text, a.end, a.end + AHEAD)
        if g.change_may_follow(text[a.end : a.end + AHEAD])
        else None
    )
    if after is not None:
        cue = after.group("cue") or after.group("cue2")
        table = T.change_nouns if after.group("cue") else T.change_after
        a.change = table.get(squeeze(cue))
        return
    if a.value is not None and a.value < 0 and a.kind != "temperature":
        a.change = "decrease"
        return
    same_kind = prev_fig is not None and prev_fig.change and prev_fig.kind == a.kind
    if same_kind and prev_fig is not None and g.COORDINATION.match(text[prev_fig.end : a.start]):
        a.change = prev_fig.change  # "by (i) 10 per cent. and (ii) 20 per cent."


def _per(text: str, a: Amount, limit: int) -> None:
    window = text[a.end : min(limit, a.end + AHEAD)]
    m = g.PER_AFTER.search(window) if g.per_may_follow(window) else None
    if m is None:
        return
    if m.group("phrase"):
        if AGO_AFTER.match(window, m.end()):
            return  # "from $6.78 billion a year earlier": a time, not a rate
        before = window[: m.start()].rstrip().lower()
        if before.endswith(
            (
                "than",
                "over",
                "under",
                "for",
                "in",
                "within",
                "of",
                "after",
                "about",
                "once",
                "twice",
            )
        ):
            return
        a.per = T.per.get(squeeze(m.group("phrase")))
    else:
        noun = squeeze(m.group("noun"))
        if noun in ("cent", "centum") or noun in T.phrase_stops:
            return
        a.per = T.per.get(f"per {noun}", noun)


def _phrase(text: str, start: int, limit: int, max_words: int = 4) -> str | None:
    """The noun phrase starting at `start`: words up to a stop word or punctuation."""
    words: list[str] = []
    first = last = start
    for m in PHRASE_TOKEN.finditer(text, start, limit):
        word = m.group()
        low = word.lower()
        if not words and low in ("the", "a", "an"):
            continue
        if not word[0].isalpha() and not (word.startswith("(") and len(word) > 1):
            break
        if low in T.phrase_stops or low in UNIT_WORDS or word.isdigit():
            break
        if words and low.endswith("ed") and not word[0].isupper():  # a verb ends the phrase
            break
        if not words:
            first = m.start()
        last = m.end()
        words.append(word)
        if len(words) >= max_words:
            break
    return text[first:last] if words else None


def _is_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _item(phrase: str) -> str:
    """The counted noun of a phrase: up to its first plural ("seizures last year" → "seizures",
    "drugs seizures" → both), or its first word when none is plural ("staff", "FTE")."""
    words = phrase.split()
    for i, word in enumerate(words):
        if _is_plural(word):
            j = i + 1
            while j < len(words) and _is_plural(words[j]):
                j += 1
            return " ".join(words[:j])
    return words[0]


def _item_subject(text: str, a: Amount, limit: int) -> None:
    limit = min(limit, a.end + AHEAD)
    of = OF_OR_IN.match(text, a.end, limit)
    if a.kind in ("count", "fraction"):
        hyphened = CAPACITY_HYPHEN_AFTER.match(text, a.end, limit)
        if hyphened is not None:  # "two new 1,700-place prisons": places, per prison
            a.item, a.per = hyphened.group(1) + "s", hyphened.group(2)[:-1]
            a.subject = hyphened.group(2)
            return
        skip = CHANGE_WORD_AFTER.match(text, a.end, limit)
        at = skip.end() if skip else a.end
        phrase = _phrase(text, at, limit) if not of else None
        if phrase is None and a.kind == "fraction" and of:
            phrase = _phrase(text, of.end(), limit)
            if phrase and phrase.lower().startswith(("all ", "those ")):
                phrase = phrase.split(" ", 1)[1]
        a.subject = phrase
        if phrase is not None:
            a.item = _item(phrase)
            words = a.item.split()
            if len(words) == 2 and words[0].lower() in CAPACITY_WORDS:
                a.item, a.per = words[0], words[1][:-1]  # "1,700 places prisons": per prison
        return
    if of:
        a.subject = _phrase(text, of.end(), limit)
    elif a.kind == "duration" and a.extras.get("adjectival"):
        a.subject = _phrase(text, a.end, limit)
    elif a.kind == "duration" or a.per or LETTER_AFTER.match(text, a.end, limit) is None:
        a.subject = None
    else:
        a.subject = _phrase(text, a.end, limit)


# --- output ---------------------------------------------------------------------------------


_new_object = object.__new__
_set_attribute = object.__setattr__
M = TypeVar("M", bound=BaseModel)


def _trusted(cls: type[M], values: dict[str, Any]) -> M:
    """What `cls(**values)` builds when `values` gives every field, in declaration order, with
    a value of its declared type: the same model (same dict, fields set, no extras), without
    the cost of validating it (tests/test_extract_speed_invariants.py checks they are equal)."""
    m = _new_object(cls)
    _set_attribute(m, "__dict__", values)
    _set_attribute(m, "__pydantic_fields_set__", set(values))
    _set_attribute(m, "__pydantic_extra__", None)
    _set_attribute(m, "__pydantic_private__", None)
    return m


def _validated(cls: type[M], values: dict[str, Any]) -> M:
    return cls(**values)


def _figure(
    text: str,
    a: Amount,
    path: str,
    record: str,
    source: BlockName,
    part: str | None,
    sentence: str,
    trusted: bool = False,
) -> Figure:
    build = _trusted if trusted else _validated
    places = 4 if a.kind == "fraction" else None
    value = json_number(a.value, places) if a.value is not None else None
    low = json_number(a.low, places) if a.low is not None else None
    high = json_number(a.high, places) if a.high is not None else None
    normalized = build(Normalized, _normalized(a))
    when = None
    if a.when is not None:
        when = build(
            When,
            {"text": text[a.when.start : a.when.end], "start": a.when.first, "end": a.when.last},
        )
    return build(
        Figure,
        {
            "path": path,
            "record": record,
            "source": source,
            "part": part,
            "text": text[a.start : a.end],
            "start": a.start,
            "end": a.end,
            "kind": a.kind,
            "value": value,
            "unit": a.unit,
            "low": low,
            "high": high,
            "qualifier": a.qualifier,
            "change": a.change,
            "per": a.per,
            "period": a.period,
            "when": when,
            "item": a.item,
            "subject": a.subject,
            "sentence": sentence,
            "normalized": normalized,
        },
    )


def _normalized(a: Amount) -> dict[str, Any]:
    """The fields of the amount's `Normalized`."""
    places = 4 if a.kind == "fraction" else None
    if a.unit is None or a.kind in ("money", "percent") or a.unit not in T.units:
        value = json_number(a.value, places) if a.value is not None else None
        return {"value": value, "unit": a.unit}
    unit = T.units[a.unit]
    if a.value is None:
        return {"value": None, "unit": unit.base}
    if unit.offset:  # a scale with another zero (°F): exact to 10 places, not 100.00000000000001
        return {"value": json_number((a.value + unit.offset) * unit.factor, 10), "unit": unit.base}
    return {"value": json_number(a.value * unit.factor), "unit": unit.base}
    return {"value": value, "unit": unit.base}
