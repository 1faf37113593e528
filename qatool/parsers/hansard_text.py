"""`hansard-text`: Hansard written answers as text — historic Hansard (api.parliament.uk) and the
daily Hansard of publications.parliament.uk.

Input looks like::

    HC Deb 04 May 1993 vol 224 cc41-2W                 ← citation: date, house (HC/HL)
    16. Mr. Lewis                                      ← asker (oral number dropped)
    To ask the Secretary of State for Health …
    Mr. Sackville                                      ← answerer
    I refer the hon. Member to the reply …

or, with "§" marks and the name run into the text::

    § Mr. Chapmanasked the Chancellor of the Exchequer how much …
    § Mr. Norman LamontThe top 5 per cent. of taxpayers …

or the daily Hansard page::

    13 Jul 2005 : Column 1062W—continued               ← column marker: date; removed
    Drug Imports                                       ← heading
    Paul Flynn: To ask the Chancellor … since 1998. [10852]
    Dawn Primarolo: The methodologies used …
    … during the period
    13 Jul 2005 : Column 1063W                         ← mid-paragraph: the pieces are joined
    you refer to fell within …

Speakers come as "§ Name" marks (name run into the text, or followed by a space or a colon),
"Name: text", "Name asked …", "16. Name" lines (oral number dropped), "Role (Name)" (name and
role) and "Name (Constituency) (Lab)" (constituency and party). A date-only line ("Tuesday
12 July 2005") dates the page; "Previous Section | Index | Home Page" and copyright lines go.

Each question is one record, in order. A speaker whose text opens "To ask"/"asked" is the asker,
the next speaker the answerer (who may answer several questions in a row). "[10852]" is the id;
"[holding answer 8 February 1994]:" sets is_holding_answer. Questions printed one after another
and answered once share that answer (grouped_questions). A question whose answer is cut off is
still a record (answer null); so is an answer at the top of a page whose question was on the
page before (question null). An unmarked paragraph after a question is more of it when the
question stopped mid-sentence or the paragraph is its next part ("(2) what …" after "(1)").
Archive copies may print a speaker with neither mark nor colon ("Mr. Major The public …"), or
run a question on from the answer before it ("… 1991-92Mr. Darling : To ask …").
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qatool.errors import Failure
from qatool.lang import load_language
from qatool.models import House, Member, Record, Source
from qatool.parsers.base import Input
from qatool.parsers.layout import (
    alternation,
    has_honorific,
    has_role_word,
    house_from_id,
    house_of_question,
    is_chrome,
    is_question_start,
    looks_like_name,
    member,
    split_asked,
    split_glued_name,
    split_spaced_name,
    table,
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

_DASH = r"[\-\u2013\u2014]"
_DATE = r"\d{1,2}\s+\p{L}{3,10}\.?\s+\d{4}"
_HOUSE_CODES = table("houses")
# "HC Deb 04 May 1993 vol 224 cc41-2W"
_CITATION = regex.compile(
    rf"""(?P<house>{alternation(tuple(_HOUSE_CODES))})\s+Deb\s+   # HC Deb / HL Deb
         (?P<date>{_DATE})                                        # 04 May 1993
         (?:\s+vol\s+\d+)?                                        # vol 224
         (?:\s+c{{1,2}}\s*[\d\-\u2013]+\s*W[AS]?)?                # cc41-2W
    """,
    regex.VERBOSE,
)
# "13 Jul 2005 : Column 1062W—continued" (anywhere in a line)
_DAILY_MARK = regex.compile(
    rf"""\s*(?P<date>{_DATE})\s*:\s*Column\s+(?:W[AS]\s?)?\d{{1,4}}\s*(?:W[AS]?|WH|GC)?   # : Column 1062W / WA45
         (?:\s*{_DASH}\s*continued)?\s*                                    # —continued
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
# A whole line that is only a column marker: "Column 131", "967W", "cc41-2W", "—continued".
_BARE_MARK = regex.compile(
    rf"""^(?:Column\s+(?:W[AS]\s?)?\d{{1,4}}\s*[A-Z]{{0,2}}   # Column 131 / Column 131W / Column WA45
         |\d{{1,4}}\s?W[AS]?                         # 967W / 41WA
         |W[AS]\s?\d{{1,4}}                           # WA 45 (Lords written answers)
         |c{{1,2}}\s?\d{{1,4}}(?:[\-\u2013]\d{{1,4}})?\s?W[AS]?   # cc41-2W
         |{_DASH}?\s*continued)
         (?:\s*{_DASH}\s*continued)?$""",
    regex.VERBOSE | regex.IGNORECASE,
)
# "Paul Flynn: To ask …", "Dawn Primarolo [holding answer 8 February 1994]: The …"
_COLON_SPEAKER = regex.compile(
    rf"""^(?P<label>[^:\[\]]{{2,160}}?)\s*
         (?P<hold>[\[(]\s*{alternation(words("holding_answer"))}[^\])]*[\])])?\s*
         :\s+(?P<rest>\S.*)$""",
    regex.VERBOSE | regex.IGNORECASE | regex.DOTALL,
)
_TRAILING_HOLDING = regex.compile(
    rf"\s*[\[(]\s*{alternation(words('holding_answer'))}[^\])]*[\])]\s*:?\s*$", regex.IGNORECASE
)
_WEEKDAYS = alternation(tuple(d.title() for d in load_language("en").weekdays))
# "Tuesday 12 July 2005": the day's date printed on its own (the date of the answers).
_DATE_ONLY = regex.compile(rf"^(?:{_WEEKDAYS},?\s+)?{_DATE}\.?$")
# "© Parliamentary copyright 2005", "Prepared 14 July 2005": page footer.
_COPYRIGHT = regex.compile(rf"^(?:©|\(c\)\s).*$|^Prepared\s+{_DATE}$", regex.IGNORECASE)
# "16. Mr. Lewis To ask the Secretary of State …" on one line
_NAME_TO_ASK = regex.compile(
    rf"^(?P<label>.{{2,120}}?)\s+(?P<rest>{alternation(words('question_openers'))}\b.*)$"
)
_ORAL = regex.compile(r"^Q?\d{1,3}\.\s+\S")
_TERMINAL = (".", "?", "!", ";", ",")
_TWFY_HEADER = regex.compile(rf"written question\s*{_DASH}\s*answered", regex.IGNORECASE)
_SECTION_MARK = "§"
_HONORIFIC_WORDS = alternation(words("honorifics"))
# "… for the financial year 1991-92Mr. Darling : To ask …": a page copied without its line
# breaks runs the next speaker's question on from the last answer; it starts a line again.
_RUN_ON_QUESTION = regex.compile(
    rf"""(?<=[\p{{Ll}}\d.)])                                 # the end of the answer before
         (?={_HONORIFIC_WORDS}\.?\s+\p{{Lu}}[\p{{L}}'’\-]+     # Mr. Darling
            (?:\s+\p{{Lu}}[\p{{L}}'’\-]+){{0,3}}\s*:\s*        # (more name words) :
            {alternation(words("question_openers"))}\b)      # To ask
    """,
    regex.VERBOSE,
)
# "(2) what changes …": a question's next numbered or lettered part
_PART_OPENING = regex.compile(r"^\((?P<label>\d{1,2}|[a-z]|[ivx]{1,4})\)\s")
_ROMAN_BEFORE = {"ii": "i", "iii": "ii", "iv": "iii", "v": "iv", "vi": "v", "vii": "vi"}


@dataclass
class _Speaker:
    label: str
    rest: str
    holding: bool
    kind: str  # "mark" (§ line), "colon" ("Name: text"), "asked" ("Name asked …"), "glued"
    # ("Mr. JacksonQuestions …", no mark), "alone" (only a name)


@dataclass
class _Q:
    heading: str | None
    body: str | None
    asker: Member | None
    question: list[str]
    answerer: Member | None = None
    answer: list[str] = field(default_factory=list)
    holding: bool = False
    qid: str | None = None
    grouped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.answerer is not None or bool(self.answer)


@dataclass
class _Page:
    units: list[str] = field(default_factory=list)
    date: dt.date | None = None
    house: House | None = None


def _units(text: str) -> _Page:
    """Lines → paragraphs: chrome, citations and column markers out; pieces of a paragraph that
    a column marker (or hard line wrap) split are joined again."""
    page = _Page()
    text = _RUN_ON_QUESTION.sub("\n", text)
    last_line = ""
    blank = True
    marked = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or is_chrome(line):
            blank = True
            continue
        cite = _CITATION.search(line)
        if cite:
            if page.date is None:
                page.date = parse_date(cite["date"])
                page.house = _HOUSE_CODES.get(cite["house"])  # type: ignore[assignment]
            line = (line[: cite.start()] + " " + line[cite.end() :]).strip()
            if not line:
                blank = True
                continue
        for mark in _DAILY_MARK.finditer(line):
            if page.date is None:
                page.date = parse_date(mark["date"])
        stripped = _DAILY_MARK.sub(" ", line).strip()
        if stripped != line:
            marked = True
            line = stripped
            if not line:
                continue
        if _BARE_MARK.match(line):
            marked = True
            continue
        if _DATE_ONLY.match(line) or _COPYRIGHT.match(line):
            if page.date is None and _DATE_ONLY.match(line):
                page.date = parse_date(line)
            blank = True
            continue
        units = page.units
        joins = marked and _continues(units[-1], line) if units else False
        wraps = not blank and not marked and _wrapped(last_line, line) if units else False
        if joins or wraps:
            units[-1] += " " + line
        else:
            units.append(line)
        last_line, blank, marked = line, False, False
    return page


def _starts_speech(line: str) -> bool:
    """A line that opens a speech or a question: never the rest of the paragraph before it."""
    return (
        line.startswith(_SECTION_MARK)
        or bool(_ORAL.match(line))
        or is_question_start(line)
        or _speaker(line) is not None
    )


def _continues(previous: str, line: str) -> bool:
    """After a column marker: the same paragraph goes on when the last piece stopped
    mid-sentence (unless it was a short title before a capitalised line) or the next piece
    starts in lower case; never before a speech."""
    if _starts_speech(line):
        return False
    if previous.rstrip().endswith((".", "?", "!", ":")):
        return line[:1].islower()
    return not line[:1].isupper() or len(previous) >= 50


def _wrapped(previous_line: str, line: str) -> bool:
    """A hard-wrapped paragraph: a long line not ending a sentence, then more of it."""
    return (
        len(previous_line) >= 50
        and not previous_line.rstrip().endswith((".", "?", "!", ":", ";", "]"))
        and not _starts_speech(line)
    )


def _colon_speaker(unit: str) -> _Speaker | None:
    m = _COLON_SPEAKER.match(unit)
    if not m or not looks_like_name(m["label"].strip()):
        return None
    return _Speaker(m["label"].strip(), m["rest"].strip(), bool(m["hold"]), "colon")


def _speaker(unit: str) -> _Speaker | None:
    """The speaker a paragraph opens with, if any (the caller checks it fits the structure)."""
    if unit.startswith(_SECTION_MARK):
        glued = split_glued_name(unit[1:].strip()) or split_spaced_name(unit[1:].strip())
        if glued is None:
            return None
        return _Speaker(glued.name, glued.rest, glued.holding, "mark")
    colon = _colon_speaker(unit)
    if colon is not None:
        return colon
    asked = split_asked(unit)
    if asked is not None:
        return _Speaker(asked.name, asked.rest, False, "asked")
    to_ask = _NAME_TO_ASK.match(unit)
    if (
        to_ask
        and (has_honorific(to_ask["label"]) or _ORAL.match(to_ask["label"]))
        and looks_like_name(to_ask["label"])
    ):
        return _Speaker(to_ask["label"].strip(), to_ask["rest"], False, "asked")
    if has_honorific(unit):
        # a historic Hansard page copied as text runs an unmarked speaker's name into the
        # text too: "Mr. JacksonQuestions on operational matters …"
        glued = split_glued_name(unit)
        if glued is not None and glued.rest and _glued_at(unit, glued.name):
            return _Speaker(glued.name, glued.rest, glued.holding, "glued")
    holding = bool(_TRAILING_HOLDING.search(unit))
    label = _TRAILING_HOLDING.sub("", unit).strip().rstrip(":").strip()
    if (
        (has_honorific(label) or _ORAL.match(label) or (has_role_word(label) and "(" in label))
        and looks_like_name(label)
        and not label.endswith(".")
    ):
        return _Speaker(label, "", holding, "alone")
    return None


def _glued_at(unit: str, name: str) -> bool:
    """Whether `name` opens `unit` with the text run straight on (no space, colon or "asked")."""
    after = unit[len(name) : len(name) + 1]
    return unit.startswith(name) and bool(after) and not after.isspace() and after != ":"


def _unmarked_answerer(unit: str) -> _Speaker | None:
    """After a question, an answer that opens with its speaker's name and no colon or mark:
    "Mr. Major The public sector debt …", "Mr. Major [holding answer …] Some estimates …"."""
    if not has_honorific(unit):
        return None
    spaced = split_spaced_name(unit)
    if spaced is None or not spaced.rest or is_question_start(spaced.rest):
        return None
    return _Speaker(spaced.name, spaced.rest, spaced.holding, "spaced")


def _opens_answer(sp: _Speaker) -> bool:
    """A speaker before any question who is a member answering: a marked or titled name, or a
    "Name: …" line whose text reads as a sentence (not "Written Answers: 12 July 2005")."""
    if not sp.rest or sp.kind == "alone":
        return False
    if sp.kind != "colon" or has_honorific(sp.label) or has_role_word(sp.label):
        return True
    return len(sp.rest.split()) >= 8 and sp.rest.rstrip().endswith((".", ":"))


def _label_before(label: str) -> str | None:
    if label.isdigit():
        return str(int(label) - 1) if int(label) > 1 else None
    if label in _ROMAN_BEFORE:
        return _ROMAN_BEFORE[label]
    return chr(ord(label) - 1) if len(label) == 1 and label > "a" else None


def _question_goes_on(question: list[str], text: str) -> bool:
    """Whether `text`, after an unanswered question, is more of that question: the question
    stopped mid-sentence ("…;", "…:"), the text goes on in lower case, or it is the next part
    of a question in parts ("(2) what changes …" after "(1) what growth …")."""
    if not question:
        return False
    if question[-1].rstrip().endswith((":", ";", ",")) or text[:1].islower():
        return True
    part = _PART_OPENING.match(text)
    before = _label_before(part["label"]) if part else None
    return before is not None and f"({before})" in " ".join(question)


def _body_text(unit: str) -> str:
    return unit[1:].strip() if unit.startswith(_SECTION_MARK) else unit


def _is_heading(unit: str) -> bool:
    return (
        len(unit) <= 120
        and len(unit.split()) <= 14
        and not unit.startswith(_SECTION_MARK)
        and not unit.rstrip().endswith(_TERMINAL)
        and unit[:1].isupper()
        and not is_question_start(unit)
    )


class HansardTextParser:
    name = "hansard-text"
    description = "Hansard written answers as text: historic (HC Deb citations, § marks) and daily (Name: To ask … [12345], Column 1062W)"

    def detect(self, text: str) -> float:
        head = fold_spaces(normalise_newlines(text[:20000]))
        lines = [line.strip() for line in head.split("\n") if line.strip()]
        score = 0.0
        if any(_CITATION.match(line) for line in lines):
            score = 0.95
        elif _DAILY_MARK.search(head):
            score = 0.9
        else:
            marks = [ln for ln in lines if ln.startswith(_SECTION_MARK)]
            if any(sp is not None and sp.label for sp in map(_speaker, marks)):
                score = 0.85
            colon_questions = [
                sp for ln in lines if (sp := _colon_speaker(ln)) and is_question_start(sp.rest)
            ]
            if colon_questions:
                with_ids = any(take_question_id(sp.rest)[1] for sp in colon_questions)
                score = max(score, 0.8 if with_ids else 0.6)
            # "Mr. Butterfill To ask the …": the asker's name with neither mark nor colon
            if any(
                (sp := _speaker(ln)) is not None
                and sp.kind == "asked"
                and is_question_start(sp.rest)
                and has_honorific(sp.label)
                for ln in lines
            ):
                score = max(score, 0.6)
            for this, after in itertools.pairwise(lines):
                sp = _speaker(this)
                if sp is not None and sp.kind == "alone" and is_question_start(after):
                    score = max(score, 0.6)
                    break
        if _TWFY_HEADER.search(head) or head.lstrip().startswith(("<", "{", "[")):
            score = min(score, 0.3)
        return score

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        page = _units(fold_spaces(normalise_newlines(source.text)))
        questions, unplaced = self._read(page.units)
        if not questions:
            yield Failure(source.path, "no written question found in the Hansard text")
            return
        if unplaced:
            questions[0].warnings.append(
                f"unplaced text before the first question: {unplaced[:80]!r}"
            )
        _share_grouped_answers(questions)
        records = [self._record(q, page, source) for q in questions]
        if records[0].question is None and records[0].house is None and len(records) > 1:
            # an answer whose question is on an earlier page: the house of the page's questions
            records[0] = records[0].model_copy(update={"house": records[1].house})
        yield from records

    def _read(self, units: list[str]) -> tuple[list[_Q], str]:
        questions: list[_Q] = []
        heading: str | None = None
        body: str | None = None
        pending_asker: str | None = None
        last_was_heading = False
        unplaced: list[str] = []
        for i, unit in enumerate(units):
            after = units[i + 1] if i + 1 < len(units) else None
            current = questions[-1] if questions else None
            sp = _speaker(unit)
            if sp is None and current is not None and not current.answered:
                sp = _unmarked_answerer(unit)
            if sp is not None:
                if sp.rest and is_question_start(sp.rest):
                    questions.append(_Q(heading, body, member(sp.label, answerer=False), [sp.rest]))
                    pending_asker, last_was_heading = None, False
                    continue
                if (
                    not sp.rest
                    and after is not None
                    and is_question_start(_body_text(after))
                    and _speaker(after) is None
                ):
                    pending_asker, last_was_heading = sp.label, False
                    continue
                if current is not None and not current.answered:
                    current.answerer = member(sp.label, answerer=True)
                    current.holding = current.holding or sp.holding
                    if sp.rest:
                        self._add_answer(current, sp.rest)
                    elif after is None:
                        current.warnings.append(
                            "answer missing: the text ends after the answerer's name"
                        )
                    last_was_heading = False
                    continue
                if current is None and not unplaced and _opens_answer(sp):
                    # the page opens inside an answer whose question is on an earlier page:
                    # still a record (question null), so no answer is lost
                    lead = _Q(heading, body, None, [], answerer=member(sp.label, answerer=True))
                    lead.holding = sp.holding
                    lead.warnings.append(
                        "question missing: the text starts with an answer whose question is not in it"
                    )
                    self._add_answer(lead, sp.rest)
                    questions.append(lead)
                    last_was_heading = False
                    continue
            text = _body_text(unit)
            if is_question_start(text):
                asker = member(pending_asker, answerer=False) if pending_asker else None
                questions.append(_Q(heading, body, asker, [text]))
                pending_asker, last_was_heading = None, False
                continue
            if self._is_heading_at(units, i):
                if last_was_heading:
                    body = heading  # a department heading stands above the subject heading
                heading, last_was_heading = unit, True
                continue
            last_was_heading = False
            if current is None:
                unplaced.append(unit)
            elif not current.answered:
                if _question_goes_on(current.question, text):
                    current.question.append(text)
                else:
                    self._add_answer(current, text)
            else:
                self._add_answer(current, text)
        return questions, " ".join(unplaced)

    @staticmethod
    def _add_answer(q: _Q, text: str) -> None:
        if not q.answer:
            text, holding = take_holding(text)
            q.holding = q.holding or holding
        if text.strip():
            q.answer.append(text.strip())

    @classmethod
    def _is_heading_at(cls, units: list[str], i: int) -> bool:
        """A short title line standing before a question (or before the subject heading)."""
        if not _is_heading(units[i]) or i + 1 >= len(units):
            return False
        if cls._opens_question(units, i + 1):
            return True
        return _is_heading(units[i + 1]) and cls._opens_question(units, i + 2)

    @staticmethod
    def _opens_question(units: list[str], j: int) -> bool:
        """Does a question start at units[j] (speaker + question, or a name line then one)?"""
        if j >= len(units):
            return False
        sp = _speaker(units[j])
        if sp is not None and sp.rest:
            return is_question_start(sp.rest)
        if sp is not None and j + 1 < len(units):
            return is_question_start(_body_text(units[j + 1]))
        return is_question_start(_body_text(units[j]))

    def _record(self, q: _Q, page: _Page, source: Input) -> Record:
        paragraphs: list[str] = []
        for para in q.question:
            para, qid = take_question_id(para)
            q.qid = q.qid or qid
            paragraphs.append(para)
        question_text = join_paragraphs(paragraphs)
        answer_text = join_paragraphs(q.answer)
        warnings = list(q.warnings)
        if (
            question_text
            and not answer_text
            and not any(w.startswith("answer missing") for w in warnings)
        ):
            warnings.append("answer missing: no answer follows the question in the text")
        return Record(
            id=q.qid or stable_id(q.heading, question_text, answer_text),
            house=page.house or house_from_id(q.qid) or house_of_question(question_text),
            heading=q.heading,
            answering_body=q.body,
            date_answered=page.date,
            asked_by=q.asker,
            question=text_block(question_text),
            answered_by=q.answerer,
            answer=text_block(answer_text, answer=True),
            is_holding_answer=q.holding,
            grouped_questions=q.grouped,
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
            warnings=warnings,
        )


def _share_grouped_answers(questions: list[_Q]) -> None:
    """Questions printed one after another under one heading and answered once share the answer."""
    run: list[_Q] = []
    for q in questions:
        if run and q.heading != run[-1].heading:
            run = []
        if not q.answered:
            run.append(q)
            continue
        if run:
            group = [*run, q]
            ids = [take_question_id(x.question[-1])[1] for x in group]
            for member_q, own_id in zip(group, ids, strict=True):
                member_q.grouped = [i for i in ids if i and i != own_id]
                if member_q is not q:
                    member_q.answerer, member_q.answer, member_q.holding = (
                        q.answerer,
                        q.answer,
                        q.holding,
                    )
                    member_q.warnings.append("answered together with the next question(s)")
        run = []
