"""`twfy-text`: text copied from a TheyWorkForYou written-answer page (English or Welsh interface).

Input looks like::

    Drugs: Balkans
    Home Office written question – answered am ar 23 Mai 2024.
    Danfonwch hysbysiad imi am ddadleuon fel hyn
    Photo of The Marquess of Lothian The Marquess of Lothian Ceidwadwyr
    To ask His Majesty's Government what estimate …
    Photo of Lord Sharpe of Epsom Lord Sharpe of Epsom The Parliamentary Under-Secretary …
    Illegal drugs devastate lives, …
    Does this answer the above question?
    Yes1 person thinks so
    No0 people think not

Each non-empty line is a paragraph. The first "Photo of" line introduces the asker, the second
the answerer; without them the question is the "To ask …" paragraph and the answer what follows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qatool.errors import Failure
from qatool.lang import LANGUAGES, Language, all_parties, load_language
from qatool.models import Member, Record, Source, Votes
from qatool.parsers.base import Input
from qatool.text import (
    english_party,
    fold_spaces,
    house_from_question,
    join_paragraphs,
    normalise_newlines,
    parse_date,
    stable_id,
    text_block,
)

_DASH = r"[\-\u2013\u2014]"
# "<Body> written question – answered [am ar|on] <date>."
_HEADER = regex.compile(
    rf"^(?P<body>.*?)\s*written question\s*{_DASH}\s*answered\b(?P<rest>.*)$", regex.IGNORECASE
)
_TO_ASK = regex.compile(r"^\s*To ask\b", regex.IGNORECASE)
_HOLDING = regex.compile(r"^\[?holding answer\b[^\]:]*(?:\]\s*:?|:)\s*", regex.IGNORECASE)


@dataclass(frozen=True)
class _Strings:
    """Chrome and vote patterns of every shipped language, merged once."""

    chrome: frozenset[str]
    photo_prefixes: tuple[str, ...]
    votes_yes: tuple[regex.Pattern[str], ...]
    votes_no: tuple[regex.Pattern[str], ...]
    welsh_markers: frozenset[str]


def _strings() -> _Strings:
    langs: list[Language] = [load_language(code) for code in LANGUAGES]
    welsh = load_language("cy")
    return _Strings(
        chrome=frozenset(line.lower() for lang in langs for line in lang.chrome_lines),
        photo_prefixes=tuple(sorted({lang.photo_prefix for lang in langs})),
        votes_yes=tuple(
            regex.compile(rf"^(?:Yes)?\s*{lang.votes_yes}\s*$", regex.I) for lang in langs
        ),
        votes_no=tuple(
            regex.compile(rf"^(?:No)?\s*{lang.votes_no}\s*$", regex.I) for lang in langs
        ),
        welsh_markers=frozenset(line.lower() for line in welsh.chrome_lines)
        | frozenset(
            name.lower() for name in welsh.parties if name not in load_language("en").parties
        ),
    )


_STRINGS: _Strings | None = None


def strings() -> _Strings:
    global _STRINGS
    if _STRINGS is None:
        _STRINGS = _strings()
    return _STRINGS


def _vote(line: str, patterns: tuple[regex.Pattern[str], ...]) -> int | None:
    for pattern in patterns:
        m = pattern.match(line)
        if m:
            return int(m["n"])
    return None


def split_speaker(line: str, prefix: str) -> tuple[str, str] | None:
    """ "Photo of NAME NAME TAIL" → (NAME, TAIL): the page prints the name twice."""
    if not line.startswith(prefix):
        return None
    rest = line[len(prefix) :].strip()
    words = rest.split(" ")
    for n in range(len(words) // 2, 0, -1):
        if words[:n] == words[n : 2 * n]:
            return " ".join(words[:n]), " ".join(words[2 * n :])
    return rest, ""


def member_from(name: str, tail: str, *, answerer: bool) -> Member:
    """The tail after a speaker's name is "Party, Constituency" or (for a minister) a role."""
    head, _, after = tail.partition(",")
    party = all_parties().get(head.strip())
    if party:
        return Member(name=name, party=party, constituency=after.strip() or None)
    if answerer:
        return Member(name=name, role=tail.strip() or None)
    return Member(name=name, party=english_party(tail.strip()) if tail.strip() else None)


@dataclass
class _Page:
    heading: str | None = None
    body: str | None = None
    date_line: str | None = None
    speakers: list[tuple[str, str]] = field(default_factory=list)
    # paragraphs before the first speaker, between first and second, after the second
    segments: list[list[str]] = field(default_factory=lambda: [[]])
    yes: int | None = None
    no: int | None = None
    welsh: bool = False
    unplaced: list[str] = field(default_factory=list)


class TwfyTextParser:
    name = "twfy-text"
    description = (
        "text copied from a TheyWorkForYou written-answer page (English or Welsh interface)"
    )

    def detect(self, text: str) -> float:
        head = text[:4000]
        score = 0.0
        if _HEADER.search(head.replace("\n", "\n")) or regex.search(
            rf"written question\s*{_DASH}\s*answered", head, regex.I
        ):
            score += 0.7
        if "Photo of " in head:
            score += 0.15
        if "Does this answer the above question?" in text or "thinks so" in text:
            score += 0.15
        if head.lstrip().startswith(("<", "{", "[")):
            score *= 0.3
        return min(score, 1.0)

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        text = fold_spaces(normalise_newlines(source.text))
        lines = [line.strip() for line in text.split("\n")]
        page = self._read_lines([line for line in lines if line])
        record = self._record(page, source)
        if record is None:
            yield Failure(source.path, "no question or answer found in the TheyWorkForYou page")
            return
        yield record

    def _read_lines(self, lines: list[str]) -> _Page:
        s = strings()
        page = _Page()
        for line in lines:
            low = line.lower()
            if low in s.welsh_markers:
                page.welsh = True
            if low in s.chrome:
                continue
            if page.yes is None and (n := _vote(line, s.votes_yes)) is not None:
                page.yes = n
                continue
            if page.no is None and (n := _vote(line, s.votes_no)) is not None:
                page.no = n
                continue
            header = _HEADER.match(line)
            if header and page.date_line is None:
                page.body = header["body"].strip() or None
                page.date_line = header["rest"]
                if regex.match(r"\s*am\s+ar\b", header["rest"]):
                    page.welsh = True
                # what stood before the header line is the heading
                before = page.segments[0]
                if before:
                    page.heading = " ".join(before)
                    before.clear()
                continue
            speaker = next(
                (sp for prefix in s.photo_prefixes if (sp := split_speaker(line, prefix))), None
            )
            if speaker is not None:
                page.speakers.append(speaker)
                page.segments.append([])
                continue
            page.segments[-1].append(line)
        return page

    def _record(self, page: _Page, source: Input) -> Record | None:
        warnings: list[str] = []
        asked_by = answered_by = None
        if len(page.speakers) >= 2:
            asked_by = member_from(*page.speakers[0], answerer=False)
            answered_by = member_from(*page.speakers[1], answerer=True)
            before = page.segments[0]
            question_paras = page.segments[1]
            answer_paras = [p for seg in page.segments[2:] for p in seg]
            if before:
                warnings.append(f"unplaced text before the question: {' '.join(before)[:80]!r}")
        else:
            if len(page.speakers) == 1:
                asked_by = member_from(*page.speakers[0], answerer=False)
            paras = [p for seg in page.segments for p in seg]
            start = next((i for i, p in enumerate(paras) if _TO_ASK.match(p)), None)
            if start is None:
                if not paras:
                    return None
                question_paras, answer_paras = [], paras
                warnings.append("no question found; all text taken as the answer")
            else:
                if start > 0 and page.heading is None and page.date_line is None:
                    page.heading = paras[0]
                elif start > 0:
                    warnings.append(
                        f"unplaced text before the question: {' '.join(paras[:start])[:80]!r}"
                    )
                question_paras, answer_paras = paras[start : start + 1], paras[start + 1 :]
        holding = False
        if answer_paras and _HOLDING.match(answer_paras[0]):
            holding = True
            answer_paras = [_HOLDING.sub("", answer_paras[0]), *answer_paras[1:]]
        question_text = join_paragraphs(question_paras)
        answer_text = join_paragraphs(answer_paras)
        if not question_text and not answer_text:
            return None
        question = text_block(question_text)
        answer = text_block(answer_text, answer=True)
        votes = (
            Votes(yes=page.yes, no=page.no)
            if page.yes is not None and page.no is not None
            else None
        )
        return Record(
            id=stable_id(page.heading, question_text, answer_text),
            house=house_from_question(question_text),
            heading=page.heading,
            answering_body=page.body,
            date_answered=parse_date(page.date_line) if page.date_line else None,
            asked_by=asked_by,
            question=question,
            answered_by=answered_by,
            answer=answer,
            is_holding_answer=holding,
            votes=votes,
            source=Source(
                format=self.name,
                language="cy" if page.welsh else "en",
                path=source.path,
                encoding=source.encoding,
            ),
            warnings=warnings,
        )
