"""`senedd-text`: text copied from a Senedd (Welsh Parliament) written-questions page,
record.senedd.wales/OrderPaper/WrittenQuestions/….

Input looks like::

    Written Questions tabled on 18/07/2024 for answer on 25/07/2024     ← date tabled
    Written Questions must be tabled at least five working days …      ← boilerplate, dropped
    First Minister                                                      ← minister heading
    WQ91968 (e) Tabled on 13/03/2024                                    ← id, date tabled (optional)
    What overseas trips do Welsh Government Ministers … ?               ← question
    Answered by First Minister | Answered on 15/03/2024                 ← (optional)
    As set out in our Ending Homelessness Action Plan …                 ← answer paragraphs

Every question is a record under the minister heading it stands below (`answering_body`).
Without "WQ…" lines a question is the first line after a heading, or a line ending "?" after
an answer. A question with no answer shown is still a record (answer null). Questions printed
one after another and answered once (the older archive) share the answer: each lists the others
in grouped_questions, and the ones before the answer carry a warning saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qatool.errors import Failure
from qatool.models import Member, Record, Source
from qatool.parsers.base import Input
from qatool.parsers.layout import (
    alternation,
    has_role_word,
    is_chrome,
    looks_like_name,
    member,
    take_question_id,
    words,
    words_in,
)
from qatool.text import (
    fold_spaces,
    join_paragraphs,
    normalise_newlines,
    parse_date,
    stable_id,
    text_block,
)

_S = ("senedd",)
_DATE = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+\p{L}{3,10}\s+\d{4}"
_PAGE_HEADER = regex.compile(
    rf"^{alternation(words(*_S, 'page_header'))}\s+(?P<tabled>{_DATE})"
    rf"(?:\s+{alternation(words(*_S, 'for_answer'))}\s+(?P<due>{_DATE}))?",
    regex.IGNORECASE,
)
_BOILERPLATE = regex.compile(rf"^{alternation(words(*_S, 'boilerplate'))}", regex.IGNORECASE)
# "WQ91968 (e) Tabled on 13/03/2024"
_WQ = regex.compile(
    rf"^(?P<id>[A-Z]{{1,4}}\d{{3,7}})\s*(?:\((?P<lang>[a-z])\))?\s*"
    rf"(?:{alternation(words(*_S, 'tabled_on'))}\s+(?P<date>{_DATE}))?\s*$",
    regex.IGNORECASE,
)
# "Answered by First Minister | Answered on 15/03/2024"
_ANSWERED = regex.compile(
    rf"^{alternation(words(*_S, 'answered_by'))}\s+(?P<by>.+?)\s*"
    rf"(?:\|\s*{alternation(words(*_S, 'answered_on'))}\s+(?P<date>{_DATE}))?\s*$",
    regex.IGNORECASE,
)
_MINISTER = regex.compile(
    rf"^(?:{alternation(words(*_S, 'heading_prefixes'))}\s+)?(?P<title>{alternation(words(*_S, 'minister_titles'))}\b.*)$",
    regex.IGNORECASE,
)
# Lines only a Welsh-language page prints ("Atebion a roddwyd i Aelodau ar …", "Cwestiynau i'r …").
_WELSH = regex.compile(
    rf"^{alternation(words_in('cy', *_S, 'answers_issued') + words_in('cy', *_S, 'heading_prefixes') + words_in('cy', *_S, 'page_header'))}",
    regex.IGNORECASE,
)
_QUESTION_OPENER = regex.compile(rf"^{alternation(words(*_S, 'question_openers'))}\b")
_ISSUED = regex.compile(
    rf"^{alternation(words(*_S, 'answers_issued'))}\s+(?P<date>{_DATE})", regex.I
)
_RECEIVED = regex.compile(
    rf"^{alternation(words(*_S, 'answer_received'))}\s+(?P<date>{_DATE})", regex.I
)
_TO_FOLLOW = regex.compile(rf"^{alternation(words(*_S, 'answer_to_follow'))}\b", regex.IGNORECASE)
# "Andrew R.T. Davies (South Wales Central): How much …? (WAQ53180)" / "The First Minister (Rhodri Morgan): …"
_SPEAKER = regex.compile(r"^(?P<label>[^:?]{2,160}?)\s*:\s+(?P<rest>\S.*)$")


def _minister_heading(line: str) -> str | None:
    """The minister a section is for: "First Minister", "Questions to the First Minister" → "First Minister"."""
    m = _MINISTER.match(line)
    if not m or len(line) > 150 or line.rstrip().endswith((".", "?", "!", ";", ":")):
        return None
    return str(m["title"]).strip()


def _is_minister_heading(line: str) -> bool:
    return _minister_heading(line) is not None


@dataclass
class _Q:
    body: str | None
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    qid: str | None = None
    tabled: dt.date | None = None
    answered: dt.date | None = None
    answered_by: str | None = None
    numbered: bool = False
    asker: Member | None = None
    answerer: Member | None = None
    to_follow: bool = False  # "Answer to follow." printed: no answer yet, not grouped
    grouped: list[str] = field(default_factory=list)  # the other questions answered with it
    shared: bool = False  # the answer printed after a later question, given to this one too


class SeneddTextParser:
    name = "senedd-text"
    description = "text copied from a Senedd written-questions page (Written Questions tabled on … for answer on …)"

    def detect(self, text: str) -> float:
        head = fold_spaces(normalise_newlines(text[:30000]))
        lines = [ln.strip() for ln in head.split("\n") if ln.strip()]
        if any(_PAGE_HEADER.match(ln) for ln in lines[:10]):
            return 0.95
        if any(_ISSUED.match(ln) for ln in lines[:10]) and any(
            _minister_heading(ln) for ln in lines
        ):
            return 0.85
        numbered = sum(bool((m := _WQ.match(ln)) and m["date"]) for ln in lines)
        answered = sum(bool(_ANSWERED.match(ln) and "|" in ln) for ln in lines)
        if numbered and (answered or any(_is_minister_heading(ln) for ln in lines)):
            return 0.85
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        lines = [ln.strip() for ln in fold_spaces(normalise_newlines(source.text)).split("\n")]
        page_tabled: dt.date | None = None
        page_answered: dt.date | None = None
        welsh = False
        body: str | None = None
        questions: list[_Q] = []
        state = "none"  # "heading" (a question comes next) / "question" / "answer"
        for line in lines:
            if not line or is_chrome(line) or _BOILERPLATE.match(line):
                continue
            welsh = welsh or bool(_WELSH.match(line))
            if m := _PAGE_HEADER.match(line):
                page_tabled = page_tabled or _date(m["tabled"])
                continue
            if m := _ISSUED.match(line):
                page_answered = page_answered or _date(m["date"])
                continue
            if (title := _minister_heading(line)) is not None:
                body, state = title, "heading"
                continue
            speaker = _SPEAKER.match(line)
            if speaker and looks_like_name(speaker["label"]):
                label, rest = speaker["label"].strip(), speaker["rest"].strip()
                current = questions[-1] if questions else None
                if (
                    has_role_word(label)
                    and current is not None
                    and current.question
                    and not current.answer
                ):
                    who = member(label, answerer=True)
                    current.answerer, state = who, "answer"
                    current.answer.append(rest)
                    continue
                if not has_role_word(label):
                    text, qid = take_question_id(rest)
                    asker = member(label, answerer=False)
                    questions.append(_Q(body, question=[text], qid=qid, asker=asker, numbered=True))
                    state = "question"
                    continue
            if (m := _RECEIVED.match(line)) and questions:
                questions[-1].answered = _date(m["date"])
                state = "answer"  # what follows is the answer, even cut off before its speaker
                continue
            if _TO_FOLLOW.match(line):
                if questions:
                    questions[-1].to_follow = True
                continue
            if (m := _WQ.match(line)) and (m["date"] or m["lang"]):
                questions.append(_Q(body, qid=m["id"], tabled=_date(m["date"]), numbered=True))
                state = "question"
                continue
            current = questions[-1] if questions else None
            if (m := _ANSWERED.match(line)) and current is not None and current.question:
                current.answered_by, current.answered = m["by"].strip(), _date(m["date"])
                state = "answer"
                continue
            if state == "heading" or (
                state == "answer" and (line.rstrip().endswith("?") or _QUESTION_OPENER.match(line))
            ):
                questions.append(_Q(body, question=[line]))
                state = "question"
            elif (
                current is not None
                and state == "question"
                and (current.numbered or not current.question)
            ):
                current.question.append(line)
            elif current is not None and state in ("question", "answer"):
                current.answer.append(line)
                state = "answer"
        if not questions:
            yield Failure(source.path, "no written question found in the Senedd page")
            return
        _share_grouped_answers(questions)
        for q in questions:
            q.answered = q.answered or (page_answered if q.answer else None)
            yield self._record(q, page_tabled, source, "cy" if welsh else "en")

    def _record(self, q: _Q, page_tabled: dt.date | None, source: Input, language: str) -> Record:
        question_text = join_paragraphs(q.question)
        answer_text = join_paragraphs(q.answer)
        # a role as printed ("First Minister"); the heading only says whom it was put to
        answerer = Member(name=q.answered_by, role=q.answered_by) if q.answered_by else q.answerer
        warnings = [] if answer_text else ["answer missing: no answer shown on the page"]
        if q.shared:
            warnings.append("answered together with the next question(s)")
        return Record(
            id=q.qid or stable_id(q.body, question_text, answer_text),
            house="Senedd",
            answering_body=q.body,
            date_tabled=q.tabled or page_tabled,
            date_answered=q.answered,
            question=text_block(question_text),
            asked_by=q.asker,
            answered_by=answerer,
            answer=text_block(answer_text, answer=True),
            source=Source(
                format=self.name, language=language, path=source.path, encoding=source.encoding
            ),
            grouped_questions=q.grouped,
            warnings=warnings,
        )


def _share_grouped_answers(questions: list[_Q]) -> None:
    """Older pages print questions one after another and answer them once: in a run of
    questions put by a named member, with no "Answered by" line and no "Answer to follow",
    the first answer given stands for the whole run. Each of them lists the others' ids in
    grouped_questions, and the ones before the answer say that they share it, so that its
    figures are not taken for separate ones."""
    run: list[_Q] = []
    for q in questions:
        if q.asker is None or q.answered_by or q.to_follow or (run and q.body != run[-1].body):
            run = []
            continue
        if not q.answer:
            run.append(q)
            continue
        ids = [x.qid for x in (*run, q)]
        for earlier in run:
            earlier.answer, earlier.answerer, earlier.answered = q.answer, q.answerer, q.answered
            earlier.shared = True
        if run:
            for x in (*run, q):
                x.grouped = [i for i in ids if i and i != x.qid]
        run = []


def _date(text: str | None) -> dt.date | None:
    return parse_date(text) if text else None
