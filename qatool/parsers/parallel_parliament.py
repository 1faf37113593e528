"""`parallel-parliament`: text copied from Parallel Parliament (parallelparliament.co.uk) pages —
a search-results page with several written questions, or one question's page.

Input looks like::

    Written Question                                   ← a record starts (search results)
    Asylum: Hong Kong                                  ← heading
    Monday 27th March 2023                             ← date (answered)
    Asked by: Lord Tyrie (Non-affiliated - Life peer)  ← asker (party - constituency/peer kind)
    Question to the Home Office:                       ← answering body
    To ask His Majesty's Government what proportion …
    Answered by Lord Murray of Blidworth
    As of 10/03/2023, there are 52 …

or, on a question's own page::

    Teachers: recruitment
    (asked on 27th January 2026) - View Source         ← date tabled
    Question to the Department for Education:
    To ask the Secretary of State for Education, …
    Answered by
    Georgia Gould Portrait
    Georgia Gould
    Minister of State (Education)
    This question was answered on 4th February 2026
    The latest school workforce census …

Site chrome (search tips, alert offers, "Reticulating Splines") is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qatool.errors import Failure
from qatool.lang import all_months, load_language
from qatool.models import Member, Record, Source
from qatool.parsers.base import Input
from qatool.parsers.layout import (
    alternation,
    house_from_id,
    house_of_question,
    is_chrome,
    is_question_start,
    member_with_affiliation,
    take_holding,
    take_question_id,
    words,
)
from qatool.text import (
    fold_spaces,
    join_paragraphs,
    normalise_newlines,
    parse_date,
    stable_id,
    text_block,
)

_PP = ("parallel_parliament",)
_RECORD_START = regex.compile(rf"^{alternation(words(*_PP, 'record_start'))}$", regex.IGNORECASE)
_ASKED_BY = regex.compile(
    rf"^{alternation(words(*_PP, 'asked_by'))}\s*:?\s*(?P<name>[^(]+?)\s*(?:\((?P<aff>.*)\))?\s*$",
    regex.IGNORECASE,
)
_QUESTION_TO = regex.compile(
    rf"^{alternation(words(*_PP, 'question_to'))}\s+(?:the\s+)?(?P<body>.+?)\s*:?\s*$",
    regex.IGNORECASE,
)
_ASKED_ON = regex.compile(
    rf"\(\s*{alternation(words(*_PP, 'asked_on'))}\s+(?P<date>[^)]+)\)", regex.IGNORECASE
)
_ANSWERED_BY = regex.compile(
    rf"^{alternation(words(*_PP, 'answered_by'))}\b\s*:?\s*(?P<rest>.*)$", regex.IGNORECASE
)
_ANSWERED_ON = regex.compile(
    rf"^{alternation(words(*_PP, 'answered_on'))}\s*:?\s*(?P<date>.+?)\.?$", regex.IGNORECASE
)
_PORTRAIT = regex.compile(rf"^(?P<name>.+?)\s+{alternation(words(*_PP, 'portrait_suffix'))}$")
_UIN = regex.compile(
    rf"^{alternation(words(*_PP, 'uin'))}\s*:?\s*(?P<id>[A-Z]{{0,4}}\d[\w/\-]*)$", regex.I
)
_CHROME_PREFIX = regex.compile(rf"^{alternation(words(*_PP, 'chrome_prefixes'))}", regex.IGNORECASE)
_VIEW_SOURCE = regex.compile(r"\s*[\-\u2013\u2014]?\s*View Source\s*$", regex.IGNORECASE)


def _weekdays() -> str:
    names = {name for code in ("en", "cy") for name in load_language(code).weekdays}
    return alternation(tuple(n.title() for n in names) + tuple(names))


# "Monday 27th March 2023": a line that is only a date.
_DATE_LINE = regex.compile(
    rf"^(?:{_weekdays()},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+\p{{L}}{{3,10}}\s+\d{{4}}$",
    regex.IGNORECASE,
)


def _is_date_line(line: str) -> bool:
    m = _DATE_LINE.match(line)
    return bool(m) and any(word.lower() in all_months() for word in line.replace(",", " ").split())


_ASKED_BY_ALONE = regex.compile(rf"^{alternation(words(*_PP, 'asked_by'))}\s*:?$", regex.IGNORECASE)
_AFFILIATION = regex.compile(r"^\(?(?P<aff>[^()]+?\s-\s[^()]+|[^()]+)\)?$")


def _join_asked_by_blocks(lines: list[str]) -> list[str]:
    """ "Asked by / NAME Portrait / NAME / Party - Constituency" → "Asked by: NAME (Party - …)"."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _ASKED_BY_ALONE.match(lines[i]) or i + 1 >= len(lines):
            out.append(lines[i])
            i += 1
            continue
        i += 1
        portrait = _PORTRAIT.match(lines[i])
        name = portrait["name"] if portrait else lines[i]
        i += 1
        if portrait and i < len(lines) and lines[i] == name:
            i += 1
        affiliation = None
        if (
            i < len(lines)
            and " - " in lines[i]
            and len(lines[i]) <= 100
            and (m := _AFFILIATION.match(lines[i]))
        ):
            affiliation = m["aff"].strip()
            i += 1
        out.append(
            f"{words(*_PP, 'asked_by')[0]}: {name}" + (f" ({affiliation})" if affiliation else "")
        )
    return out


def _is_header(line: str) -> bool:
    return bool(
        _RECORD_START.match(line)
        or _ASKED_BY.match(line)
        or _ASKED_ON.search(line)
        or _is_date_line(line)
    )


def _is_heading(line: str) -> bool:
    return (
        len(line) <= 150
        and not line.rstrip().endswith((".", "?", "!", ";", ","))
        and line[:1].isupper()
    )


@dataclass
class _Entry:
    heading: str | None = None
    body: str | None = None
    date_line: dt.date | None = None
    date_tabled: dt.date | None = None
    date_answered: dt.date | None = None
    asked_by: Member | None = None
    answered_by: Member | None = None
    qid: str | None = None
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    holding: bool = False


class ParallelParliamentParser:
    name = "parallel-parliament"
    description = "text copied from Parallel Parliament written-question pages (Asked by … Question to the … Answered by …)"

    def detect(self, text: str) -> float:
        lines = [ln.strip() for ln in fold_spaces(normalise_newlines(text[:30000])).split("\n")]
        to = sum(bool(_QUESTION_TO.match(ln)) and ln.rstrip().endswith(":") for ln in lines)
        others = sum(
            bool(
                _ASKED_BY.match(ln)
                or _ASKED_ON.search(ln)
                or _ANSWERED_BY.match(ln)
                or _ANSWERED_ON.match(ln)
            )
            for ln in lines
        )
        questions = sum(is_question_start(ln) for ln in lines)
        if to and others and questions:
            return 0.9
        if to and questions:
            return 0.6
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        lines = [ln.strip() for ln in fold_spaces(normalise_newlines(source.text)).split("\n")]
        lines = _join_asked_by_blocks([ln for ln in lines if ln and not is_chrome(ln)])
        anchors = [
            i for i, ln in enumerate(lines) if _QUESTION_TO.match(ln) and ln.rstrip().endswith(":")
        ]
        if not anchors:
            anchors = [i for i, ln in enumerate(lines) if is_question_start(ln)]
        if not anchors:
            yield Failure(source.path, "no written question found in the Parallel Parliament page")
            return
        starts = [
            self._header_start(lines, a, anchors[k - 1] if k else -1) for k, a in enumerate(anchors)
        ]
        for k, anchor in enumerate(anchors):
            end = starts[k + 1] if k + 1 < len(anchors) else len(lines)
            entry = self._entry(lines[starts[k] : anchor], lines[anchor:end])
            yield self._record(entry, source)

    @staticmethod
    def _header_start(lines: list[str], anchor: int, previous_anchor: int) -> int:
        """Walk back from "Question to …" over the record's header lines and its heading."""
        i = anchor
        heading_taken = False
        while i - 1 > previous_anchor:
            line = lines[i - 1]
            if _is_header(line):
                i -= 1
                if _RECORD_START.match(line):
                    break
                continue
            if not heading_taken and _is_heading(line) and not _ANSWERED_BY.match(line):
                heading_taken = True
                i -= 1
                continue
            break
        return i

    def _entry(self, header: list[str], body: list[str]) -> _Entry:
        entry = _Entry()
        for line in header:
            if _RECORD_START.match(line):
                continue
            if m := _ASKED_BY.match(line):
                entry.asked_by = member_with_affiliation(
                    m["name"].strip(), m["aff"], words(*_PP, "peer_kinds")
                )
            elif m := _ASKED_ON.search(line):
                entry.date_tabled = parse_date(m["date"])
                rest = _VIEW_SOURCE.sub("", (line[: m.start()] + line[m.end() :]).strip())
                if rest and entry.heading is None and _is_heading(rest):
                    entry.heading = rest
            elif _is_date_line(line):
                entry.date_line = parse_date(line)
            elif entry.heading is None:
                entry.heading = line
        to = _QUESTION_TO.match(body[0])
        rest = body[1:] if to and body[0].rstrip().endswith(":") else body
        if to and body[0].rstrip().endswith(":"):
            entry.body = to["body"].strip()
        i = 0
        while i < len(rest) and not _ANSWERED_BY.match(rest[i]):
            line = rest[i]
            if m := _UIN.match(line):
                entry.qid = m["id"]
            elif m := _ASKED_BY.match(line):
                entry.asked_by = member_with_affiliation(
                    m["name"].strip(), m["aff"], words(*_PP, "peer_kinds")
                )
            elif m := _ASKED_ON.search(line):
                entry.date_tabled = parse_date(m["date"])
            elif not _CHROME_PREFIX.match(line):
                entry.question.append(line)
            i += 1
        if i < len(rest):
            i = self._answerer(entry, rest, i)
            for line in rest[i:]:
                if m := _ANSWERED_ON.match(line):
                    entry.date_answered = entry.date_answered or parse_date(m["date"])
                elif not _CHROME_PREFIX.match(line):
                    entry.answer.append(line)
        if entry.answer:
            first, holding = take_holding(entry.answer[0])
            entry.answer[0], entry.holding = first, holding
        return entry

    @staticmethod
    def _answerer(entry: _Entry, rest: list[str], i: int) -> int:
        """Read "Answered by NAME" or the block "Answered by / NAME Portrait / NAME / ROLE /
        This question was answered on DATE"; return the index of the answer's first line."""
        m = _ANSWERED_BY.match(rest[i])
        assert m is not None
        i += 1
        name = m["rest"].strip()
        role: str | None = None
        if name:
            name, _, after = name.partition(" - ")
            role = after.strip() or None
        else:
            block: list[str] = []
            while i < len(rest) and len(block) < 4:
                line = rest[i]
                if _ANSWERED_ON.match(line):
                    break
                if not _is_heading(line) or len(line) > 100:
                    break
                block.append(line)
                i += 1
            portrait = _PORTRAIT.match(block[0]) if block else None
            if portrait:
                name = portrait["name"]
                block = block[1:]
                if block and block[0] == name:
                    block = block[1:]
            elif block:
                name, block = block[0], block[1:]
            role = block[0] if block else None
            if i < len(rest) and (on := _ANSWERED_ON.match(rest[i])):
                entry.date_answered = parse_date(on["date"])
                i += 1
        entry.answered_by = Member(name=name.strip() or None, role=role)
        return i

    def _record(self, entry: _Entry, source: Input) -> Record:
        question_paras = list(entry.question)
        if question_paras:
            question_paras[-1], qid = take_question_id(question_paras[-1])
            entry.qid = entry.qid or qid
        question_text = join_paragraphs(question_paras)
        answer_text = join_paragraphs(entry.answer)
        warnings = [] if answer_text else ["answer missing: no answer on the page"]
        house = house_from_id(entry.qid) or house_of_question(question_text)
        return Record(
            id=entry.qid or stable_id(entry.heading, question_text, answer_text),
            house=house,
            heading=entry.heading,
            answering_body=entry.body,
            date_tabled=entry.date_tabled,
            date_answered=entry.date_answered or entry.date_line,
            asked_by=entry.asked_by,
            question=text_block(question_text),
            answered_by=entry.answered_by,
            answer=text_block(answer_text, answer=True),
            is_holding_answer=entry.holding,
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
            warnings=warnings,
        )
