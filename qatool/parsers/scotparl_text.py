"""`scotparl-text`: text copied from the Scottish Parliament's written questions and answers
(parliament.scot, the listing or one question's page).

Input looks like::

    Question reference: S6W-12345                            ← id (optional)
    - Asked by: Jane Sample, MSP for Sampleton, Scottish Labour   ← asker, seat, party
    -                                                        ← list bullets, dropped
    Date lodged: Tuesday, 14 March 2023                      ← date tabled
    -
    Current Status:
    Answered by John Example on 28 March 2023                ← answerer, date answered
    To ask the Scottish Government how many …                ← question
    Answer
    The Scottish Government …                                ← answer paragraphs

Each "Asked by:" starts a record (with the id printed just before it, if any), and the record
runs to the next one; a question with no "Answer" yet is still a record (answer null). The
phrases are data (`[layouts.scotparl]`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qatool.errors import Failure
from qatool.models import Member, Record, Source
from qatool.parsers.base import Input
from qatool.parsers.layout import alternation, is_chrome, is_question_start, take_holding, words
from qatool.text import (
    fold_spaces,
    join_paragraphs,
    normalise_newlines,
    parse_date,
    stable_id,
    text_block,
)

_S = ("scotparl",)
_BULLET = regex.compile(r"^[\-–•*·]\s*")
_ID = r"S\d{1,2}[WOTFM]-\d{3,6}"


def _label(key: str, value: str = r"\s*(?P<value>.*)") -> regex.Pattern[str]:
    return regex.compile(rf"^{alternation(words(*_S, key))}\s*:?{value}$", regex.IGNORECASE)


_ASKED_BY = _label("asked_by")
_LODGED = _label("date_lodged")
_STATUS = _label("current_status")
_ANSWER_LABEL = _label("answer_label", "")
_QUESTION_LABEL = _label("question_label", "")
_REFERENCE = regex.compile(
    rf"^(?:{alternation(words(*_S, 'reference'))}\s*:?\s*)?(?P<id>{_ID})\s*:?$", regex.IGNORECASE
)
# "Answered by John Example on 28 March 2023"
_ANSWERED = regex.compile(
    rf"{alternation(words(*_S, 'answered_by'))}\s*:?\s+(?P<by>.+?)"
    rf"(?:\s+{alternation(words(*_S, 'on'))}\s+(?P<date>(?:\p{{L}}+,?\s+)?\d{{1,2}}\s+\p{{L}}+\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}))?\.?$",
    regex.IGNORECASE,
)
_HOLDING = regex.compile(rf"^{alternation(words(*_S, 'holding'))}\b", regex.IGNORECASE)
_MSP_FOR = regex.compile(rf"^{alternation(words(*_S, 'msp_for'))}\s+", regex.IGNORECASE)


@dataclass
class _Item:
    qid: str | None = None
    asker: Member | None = None
    tabled: dt.date | None = None
    answerer: Member | None = None
    answered: dt.date | None = None
    holding: bool = False
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    answer_labelled: bool = False


def _asker(value: str) -> Member | None:
    """ "Jane Sample, MSP for Sampleton, Scottish Labour" → name, constituency, party."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts:
        return None
    name, rest = parts[0], parts[1:]
    constituency = party = None
    for part in rest:
        if _MSP_FOR.match(part):
            constituency = _MSP_FOR.sub("", part).strip() or None
        elif part is rest[-1]:
            party = part
        elif constituency is None:
            constituency = part
    return Member(name=name, constituency=constituency, party=party)


def _clean(line: str) -> str:
    """A line without its list bullet ("- Asked by: …" → "Asked by: …"); "-" alone → ""."""
    return str(_BULLET.sub("", line)).strip()


class ScotparlTextParser:
    name = "scotparl-text"
    description = "text copied from the Scottish Parliament's written questions and answers (Asked by: … Date lodged: … Current Status: …)"

    def detect(self, text: str) -> float:
        head = fold_spaces(normalise_newlines(text[:30000]))
        lines = [_clean(ln) for ln in head.split("\n") if ln.strip()]
        asked = any(_ASKED_BY.match(ln) and ":" in ln for ln in lines)
        lodged = any((m := _LODGED.match(ln)) and parse_date(m["value"]) for ln in lines)
        status = any(_STATUS.match(ln) for ln in lines)
        if asked and lodged and status:
            return 0.9
        if asked and (lodged or status):
            return 0.8
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        lines = [_clean(ln) for ln in fold_spaces(normalise_newlines(source.text)).split("\n")]
        items: list[_Item] = []
        before: list[str] = []
        pending_id: str | None = None
        state = "none"  # "header" / "status" / "question" / "answer"
        for line in lines:
            if not line or is_chrome(line):
                continue
            current = items[-1] if items else None
            if (m := _REFERENCE.match(line)) and state != "question":
                if current is not None and state in ("header", "status") and current.qid is None:
                    current.qid = m["id"]
                else:
                    pending_id = m["id"]
                continue
            if m := _ASKED_BY.match(line):
                items.append(_Item(qid=pending_id, asker=_asker(m["value"])))
                pending_id, state = None, "header"
                continue
            if current is None:
                before.append(line)
                continue
            if _HOLDING.match(line) and len(line) <= 80:
                current.holding = True  # "Holding answer issued: 16 May 2023"
                continue
            if state in ("header", "status"):
                if (m := _LODGED.match(line)) and parse_date(m["value"]):
                    current.tabled = parse_date(m["value"])
                    continue
                if m := _STATUS.match(line):
                    state = "status"
                    line = m["value"].strip()
                    if not line:
                        continue
                if state == "status" and self._status(current, line):
                    continue
                if _QUESTION_LABEL.match(line):
                    state = "question"
                    continue
            if _ANSWER_LABEL.match(line) and state != "answer":
                current.answer_labelled, state = True, "answer"
                continue
            if state == "answer":
                if not current.answer:
                    line, holding = take_holding(line)
                    current.holding = current.holding or holding
                if line.strip():
                    current.answer.append(line.strip())
            else:
                current.question.append(line)
                state = "question"
        if not items:
            yield Failure(source.path, "no written question found in the Scottish Parliament page")
            return
        for k, item in enumerate(items):
            yield self._record(item, source, before if k == 0 else [])

    @staticmethod
    def _status(item: _Item, line: str) -> bool:
        """A line of the "Current Status" block: who answered and when, or a holding answer."""
        m = _ANSWERED.search(line)
        if m:
            item.answerer = Member(name=m["by"].strip())
            item.answered = parse_date(m["date"]) if m["date"] else None
            return True
        # "Expected Answer date …", "Initiated by the Scottish Government.": status, not question
        return len(line) <= 120 and not line.rstrip().endswith("?") and not is_question_start(line)

    def _record(self, item: _Item, source: Input, before: list[str]) -> Record:
        question_text = join_paragraphs(item.question)
        answer_text = join_paragraphs(item.answer)
        warnings: list[str] = []
        if before:
            warnings.append(f"unplaced text before the first question: {' '.join(before)[:80]!r}")
        if not answer_text:
            warnings.append("answer missing: no answer shown on the page")
        return Record(
            id=item.qid or stable_id(None, question_text, answer_text),
            house="Scottish Parliament",
            date_tabled=item.tabled,
            date_answered=item.answered,
            asked_by=item.asker,
            question=text_block(question_text),
            answered_by=item.answerer,
            answer=text_block(answer_text, answer=True),
            is_holding_answer=item.holding,
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
            warnings=warnings,
        )
