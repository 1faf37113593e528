"""`plain`: any other text — a "To ask …" question paragraph and an answer, or only an answer.

Input looks like::

    Nurses: Recruitment                                   ← heading (optional)
    HL1234                                                ← id (optional; "[12345]" after the question too)
    Question: To ask the Secretary of State for Health how many nurses …
    Answered by: Jane Smith                               ← labelled lines (optional)
    Answer: There were 1,200 nurses in 2023.

Labels ("Question:", "Asked by:", "Tabled on:", "Answered by:", "Answered on:", "Department:",
a bare "Q"/"A") are data (`[layouts.plain]`), as are department lines and house lines, so the
parliament.uk written-questions list ("Q / Asked by NAME / (Constituency) / Asked on: … /
Department … / Heading / Commons / To ask … / A / Answered by: … / Answered on: …") reads too.
"Name: To ask …" and "Name: answer…" speaker prefixes, a "[holding answer …]" prefix and ids
such as "HL1234", "S6W-12345", "AQW 26195/17-22", "WQ91968" are read. Each "To ask" paragraph
starts a record; the title line nearest a question is its heading. Text with no question that does
not read like an answer (a novel, a CSV) is still one record, with the warning NOT_RECOGNISED.
It accepts any text at a low score, so figures can be read from whatever a user has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qatool.errors import Failure
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
    member_with_affiliation,
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

NOT_RECOGNISED = "not recognised as a written question or answer; read as plain text"
_P = ("plain",)
_LABELS: dict[str, tuple[str, ...]] = {
    "question": words(*_P, "question_labels"),
    "answer": words(*_P, "answer_labels"),
    "asked_by": words(*_P, "asked_by_labels"),
    "answered_by": words(*_P, "answered_by_labels"),
    "tabled": words(*_P, "tabled_labels"),
    "answered": words(*_P, "answered_labels"),
    "heading": words(*_P, "heading_labels"),
    "body": words(*_P, "body_labels"),
    "grouped": words(*_P, "grouped_labels"),
}
# "Asked by Jane Sample", "Answered on 25 April 2024" (no colon) are labels too (the value is checked).
_NAMED = ("asked_by", "answered_by", "tabled", "answered")
_SEPARATOR = r"\s*[:\-\u2013]"
_SPACE, _NEVER = r"\s", "(?!)"
_LABEL_LINE = {
    kind: regex.compile(
        rf"^{alternation(phrases)}(?:{_SEPARATOR}|{_SPACE if kind in _NAMED else _NEVER})\s*(?P<value>.*)$",
        regex.IGNORECASE,
    )
    for kind, phrases in _LABELS.items()
}
# A question's own id printed on its own line or before the question.
_ID = regex.compile(
    rf"""^(?:{alternation(words("parallel_parliament", "uin"))}\s*:?\s*(?P<uin>[A-Z]{{0,4}}\d[\w/\-]*)
        | (?P<id>HL\s?\d{{3,6}}                          # HL1234 (Lords)
        | S\d{{1,2}}[WOTF]-\d{{3,6}}                      # S6W-12345 (Scottish Parliament)
        | AQ[WOT]\s?\d{{1,6}}/\d{{2}}-\d{{2}}             # AQW 26195/17-22 (NI Assembly)
        | W[AQ]{{1,2}}\d{{3,6}}                           # WQ91968, WAQ53180 (Senedd)
        ))\b(?:\s*\([a-z]\))?\s*""",
    regex.VERBOSE | regex.IGNORECASE,
)
_COLON = regex.compile(r"^(?P<label>[^:\[\]]{2,120}?)\s*:\s+(?P<rest>\S.*)$", regex.DOTALL)
_PAREN_AFFILIATION = regex.compile(r"^(?P<name>[^()]+?)\s*\((?P<aff>[^()]*\s-\s[^()]*)\)$")
_BODY_LINE = regex.compile(rf"^{alternation(words(*_P, 'body_prefixes'))}\b[^.?!:]*$")
_HOUSE_LINES = table(*_P, "house_lines")
_NAME_ON_DATE = regex.compile(r"^(?P<name>.+?)\s+on\s+(?P<date>[^:]+?):?$")
_PARENS_ONLY = regex.compile(r"^\((?P<inner>[^()]{2,80})\)$")
_CUES = tuple(c.lower() for c in words(*_P, "answer_cues"))
_TABULAR = regex.compile(r"[,\t;|]")
_UIN = regex.compile(r"\b(?:HL\s?)?\d{1,7}\b")


@dataclass
class _Rec:
    heading: str | None = None
    body: str | None = None
    qid: str | None = None
    asked_by: Member | None = None
    answered_by: Member | None = None
    tabled: dt.date | None = None
    answered: dt.date | None = None
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    holding: bool = False
    house: House | None = None
    grouped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _title_like(line: str) -> bool:
    """A title, name or role line ("Parliamentary Under-Secretary of State (Department for
    Transport)"): most of its words capitalised, unlike wrapped prose."""
    letters = [w for w in line.split() if w[:1].isalpha()]
    return bool(letters) and sum(w[0].isupper() for w in letters) >= 0.6 * len(letters)


def _is_topic_heading(unit: str) -> bool:
    """A Hansard subject heading "Topic: Subtopic" ("Overseas Trade: Indonesia"): a short
    title-like tail with no sentence end, unlike "Name: the answer …"."""
    colon = _COLON.match(unit)
    if colon is None:
        return False
    rest = colon["rest"].strip()
    return (
        len(unit) <= 100
        and len(rest.split()) <= 6
        and not rest.endswith((".", "?", "!", ":", ";"))
        and _title_like(rest)
        and not is_question_start(rest)
    )


def _hard_wrapped(lines: list[str]) -> bool:
    """A block of prose wrapped at a fixed width: every line but the last 35-100 characters."""
    return (
        len(lines) >= 2
        and all(35 <= len(line) <= 100 for line in lines[:-1])
        and len(lines[-1]) <= 100
        and not any(_labelled(line) or is_question_start(line) or _ID.match(line) for line in lines)
    )


def units_of(text: str) -> list[str]:
    """Paragraphs: blank-line blocks; inside a block each line is a paragraph unless the block is
    hard-wrapped prose, or a line runs on from a long one that did not end a sentence."""
    units: list[str] = []
    for block in regex.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip() and not is_chrome(ln.strip())]
        if _hard_wrapped(lines):
            units.append(" ".join(lines))
            continue
        for k, line in enumerate(lines):
            previous = lines[k - 1] if k else None
            if (
                previous is not None
                and len(previous) >= 50
                and not _title_like(previous)
                and not previous.rstrip().endswith((".", "?", "!", ":", ";", "]"))
                and not is_question_start(line)
                and _labelled(line) is None
                and _labelled(previous) is None
                and not _ID.match(line)
            ):
                units[-1] = units[-1] + " " + line
            else:
                units.append(line)
    return units


_BARE_LABEL = {phrase.lower(): kind for kind, phrases in _LABELS.items() for phrase in phrases}


def _labelled(unit: str) -> tuple[str, str] | None:
    """ "Asked by: Jane Sample" → ("asked_by", "Jane Sample"); a label alone ("Q") → (kind, "")."""
    bare = _BARE_LABEL.get(unit.strip().rstrip(":").lower())
    if bare is not None:
        return bare, ""
    for kind, pattern in _LABEL_LINE.items():
        m = pattern.match(unit)
        if m:
            return kind, m["value"].strip()
    return None


def _person(text: str, *, answerer: bool) -> Member:
    m = _PAREN_AFFILIATION.match(text)
    if m:
        return member_with_affiliation(
            m["name"].strip(), m["aff"], words("parallel_parliament", "peer_kinds")
        )
    return member(text, answerer=answerer)


def _looks_tabular(units: list[str]) -> bool:
    lines = [ln for u in units for ln in u.split("\n")]
    if len(lines) < 3:
        return False
    counts = [len(_TABULAR.findall(ln)) for ln in lines]
    return sum(c >= 2 for c in counts) >= 0.6 * len(lines)


def _reads_like_answer(text: str) -> bool:
    low = text.lower()
    return sum(cue in low for cue in _CUES) >= 2


class PlainParser:
    name = "plain"
    description = "any other text: a 'To ask …' question paragraph and an answer, or only an answer"

    def detect(self, text: str) -> float:
        return 0.1 if text.strip() else 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        units = units_of(fold_spaces(normalise_newlines(source.text)))
        if not units:
            yield Failure(source.path, "no text")
            return
        records = self._read(units)
        for rec in records:
            yield self._record(rec, source, units)

    def _read(self, units: list[str]) -> list[_Rec]:
        records: list[_Rec] = []
        pre = _Rec()  # what stands before the next question (heading, id, asker …)
        state = "pre"  # "pre" / "question" / "answer"
        last_label: str | None = None  # the label the previous line set
        for unit in units:
            current = records[-1] if records else pre
            labelled = _labelled(unit)
            if labelled is not None:
                kind, value = labelled
                if kind == "question" and not value:
                    state = "pre" if state == "answer" else state  # "Q": a new record's header
                    if state == "pre" and pre.heading is not None:
                        # a title above "Q" is page text, not this question's heading
                        pre.answer.append(pre.heading)
                        pre.heading = None
                    continue
                if kind == "question" and value:
                    records.append(self._new(pre, value))
                    pre, state = _Rec(), "question"
                    continue
                if kind == "answer":
                    state = "answer"
                    if value:
                        self._add_answer(current, value)
                    continue
                if kind == "grouped":
                    current.grouped.extend(_UIN.findall(value))
                    continue
                if kind in ("answered_by", "answered"):
                    target = current
                else:
                    target = current if state == "question" else pre
                if self._set_field(target, kind, value):
                    last_label = kind
                    if target is pre and state == "answer":
                        state = "pre"  # "Asked by …" after an answer starts the next record
                    continue
            id_match = _ID.match(unit)
            tail = unit[id_match.end() :].strip(" ,;") if id_match else ""
            tabled_tail = bool(tail) and _labelled(tail) is not None
            if id_match and (not tail or is_question_start(tail) or tabled_tail):
                found = " ".join((id_match["id"] or id_match["uin"]).split())
                found = found.replace(" ", "") if found[:2].upper() == "HL" else found
                target = current if state == "question" and not current.qid else pre
                target.qid = found
                if tabled_tail:  # "UIN 12345, tabled on 11 April 2024"
                    kind, value = _labelled(tail) or ("", "")
                    self._set_field(target, kind, value)
                    continue
                unit = tail
                if not unit:
                    continue
            if (
                last_label == "answered_by"
                and current.answered_by is not None
                and current.answered_by.role is None
                and not current.answer
                and has_role_word(unit)
                and len(unit) <= 150
                and not unit.endswith((".", "?", "!"))
            ):  # "Answered by NAME" then the minister's role on its own line
                current.answered_by = current.answered_by.model_copy(update={"role": unit})
                last_label = None
                continue
            last_label = None
            colon = _COLON.match(unit)
            speaker = (
                colon["label"].strip()
                if colon and looks_like_name(colon["label"].strip())
                else None
            )
            if speaker and colon and is_question_start(colon["rest"]):
                pre.asked_by = pre.asked_by or _person(speaker, answerer=False)
                records.append(self._new(pre, colon["rest"]))
                pre, state = _Rec(), "question"
                continue
            if is_question_start(unit):
                records.append(self._new(pre, unit))
                pre, state = _Rec(), "question"
                continue
            target = current if state == "question" else pre
            if unit in _HOUSE_LINES:
                target.house = _HOUSE_LINES[unit]  # type: ignore[assignment]
                continue
            if _BODY_LINE.match(unit) and len(unit) <= 100 and state != "answer":
                target.body = unit
                continue
            parens = _PARENS_ONLY.match(unit)
            if parens and target.asked_by is not None and target.asked_by.constituency is None:
                target.asked_by = target.asked_by.model_copy(
                    update={"constituency": parens["inner"]}
                )
                continue
            if parens and state == "pre" and pre.asked_by is None and _title_like(parens["inner"]):
                # "Q / (Constituency)": the list prints the asker's seat even when it leaves
                # out the name; a bracketed line is never the heading
                pre.asked_by = Member(constituency=parens["inner"])
                continue
            if state == "pre":
                if speaker and colon and _is_topic_heading(unit):
                    speaker = None  # "Overseas Trade: Indonesia": a subject heading, not a speaker
                if speaker and colon and not pre.answer and pre.answered_by is None:
                    pre.answered_by = _person(speaker, answerer=True)
                    self._add_answer(pre, colon["rest"])
                elif has_honorific(unit) and looks_like_name(
                    _PAREN_AFFILIATION.sub(r"\g<name>", unit)
                ):
                    pre.asked_by = _person(unit, answerer=False)
                elif len(unit) <= 120 and not unit.endswith((".", "?", "!", ":")):
                    if pre.heading is not None:  # the title nearest the question is its heading
                        pre.answer.append(pre.heading)
                    pre.heading = unit
                else:
                    self._add_answer(pre, unit)
                continue
            if (
                state == "question"
                and not current.answer
                and current.answered_by is None
                and speaker
                and colon
            ):
                current.answered_by = _person(speaker, answerer=True)
                self._add_answer(current, colon["rest"])
            else:
                self._add_answer(current, unit)
            state = "answer"
        if not records:
            if pre.heading and not pre.answer:
                pre.answer, pre.heading = [pre.heading], None
            records.append(pre)
        return records

    @staticmethod
    def _new(pre: _Rec, question: str) -> _Rec:
        rec = _Rec(
            house=pre.house,
            heading=pre.heading,
            body=pre.body,
            qid=pre.qid,
            asked_by=pre.asked_by,
            tabled=pre.tabled,
            answered=pre.answered,
            answered_by=pre.answered_by,
        )
        if pre.answer:
            rec.warnings.append(f"unplaced text before the question: {' '.join(pre.answer)[:80]!r}")
        rec.question.append(question)
        return rec

    @staticmethod
    def _set_field(rec: _Rec, kind: str, value: str) -> bool:
        if not value:
            return False
        on = _NAME_ON_DATE.match(value)
        if on and kind in ("asked_by", "answered_by") and parse_date(on["date"]):
            value = on["name"]  # "Answered by Jane Sample on 26 March 2024:"
            if kind == "asked_by":
                rec.tabled = parse_date(on["date"])
            else:
                rec.answered = parse_date(on["date"])
        if kind == "asked_by":
            rec.asked_by = _person(value.rstrip(":"), answerer=False)
        elif kind == "answered_by":
            rec.answered_by = _person(value.rstrip(":"), answerer=True)
        elif kind == "tabled" and parse_date(value):
            rec.tabled = parse_date(value)
        elif kind == "answered" and parse_date(value):
            rec.answered = parse_date(value)
        elif kind == "heading":
            rec.heading = value
        elif kind == "body":
            rec.body = value.rstrip(":")
        else:
            return False
        return True

    @staticmethod
    def _add_answer(rec: _Rec, text: str) -> None:
        if not rec.answer:
            text, holding = take_holding(text)
            rec.holding = rec.holding or holding
        if text.strip():
            rec.answer.append(text.strip())

    def _record(self, rec: _Rec, source: Input, units: list[str]) -> Record:
        question_paras = list(rec.question)
        if question_paras:
            question_paras[-1], qid = take_question_id(question_paras[-1])
            rec.qid = rec.qid or qid
        question_text = join_paragraphs(question_paras)
        answer_text = join_paragraphs(rec.answer)
        warnings = list(rec.warnings)
        if not question_text:
            known = rec.qid or rec.asked_by or rec.answered_by or rec.answered
            if not known and (_looks_tabular(units) or not _reads_like_answer(answer_text)):
                warnings.append(NOT_RECOGNISED)
                if rec.heading:
                    answer_text = join_paragraphs([rec.heading, *rec.answer])
                    rec.heading = None
            else:
                warnings.append("no question found; all text taken as the answer")
        elif not answer_text:
            warnings.append("answer missing: no answer follows the question in the text")
        return Record(
            id=rec.qid or stable_id(rec.heading, question_text, answer_text),
            house=house_from_id(rec.qid) or rec.house or house_of_question(question_text),
            heading=rec.heading,
            answering_body=rec.body,
            date_tabled=rec.tabled,
            date_answered=rec.answered,
            asked_by=rec.asked_by,
            question=text_block(question_text),
            answered_by=rec.answered_by,
            answer=text_block(answer_text, answer=True),
            is_holding_answer=rec.holding,
            grouped_questions=list(dict.fromkeys(g for g in rec.grouped if g != rec.qid)),
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
            warnings=warnings,
        )
