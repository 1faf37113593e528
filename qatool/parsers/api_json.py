"""`api-json`: written-question API JSON — the UK Parliament's and the Scottish Parliament's.

Accepted shapes (UK Parliament written-questions API, questions-statements-api.parliament.uk)::

    {"uin": "1612", "questionText": "To ask …", "answerText": "<p>…</p>", …}   one record
    [{…}, {…}]                                                                a list
    {"totalResults": 2, "results": [{"value": {…}, "links": […]}, …]}         the list endpoint
    {"value": {…}, "links": […]}                                              one search result
    {…}\\n{…}\\n                                                                JSON Lines

and the Scottish Parliament's API (data.parliament.scot, motionsquestionsanswersquestions)::

    {"EventID": "S4W-19067", "ItemText": "To ask …", "AnswerText": "…\\r\\n…", "AnswerDate": …}

alone, in a list or as JSON Lines; and data.parliament.uk's Linked Data API JSON
(answeredquestions.json, …/answeredquestions/{id}.json), whose properties are the ones its HTML
view prints (`ldapi-text`) and are read through the same key table::

    {"format": "linked-data-api", "result": {"items": [{"uin": "HL3580",
        "hansardHeading": [{"_value": "…"}], "answer": {"answerText": {"_value": "<p>…"}, …}, …}]}}

alone, in a list or as JSON Lines. `answerText` is HTML (→ clean text by qatool.markup). The
list endpoint cuts long texts at about 256 characters and ends them with "..."; such a text is
kept as given, with a warning. A record (or JSON line) that cannot be read is a `Failure`
naming where it stands, and the others still come through.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterator
from typing import Any, get_args

import regex

from qatool.errors import Failure
from qatool.markup import html_to_blocks, looks_like_markup
from qatool.models import Attachment, House, Member, Record, Source, TextBlock
from qatool.parsers.base import Input
from qatool.parsers.ldapi_text import json_key, record_from_fields
from qatool.text import (
    english_party,
    house_from_question,
    join_paragraphs,
    normalise_newlines,
    stable_id,
    text_block,
)

HOUSES: frozenset[str] = frozenset(get_args(House))
UK_KEYS = frozenset(
    {
        "questionText",
        "answerText",
        "uin",
        "answeringBodyName",
        "dateAnswered",
        "dateTabled",
        "heading",
    }
)
SCOT_KEYS = frozenset({"EventID", "ItemText", "AnswerText", "AnswerDate", "AnsweredByMSP"})
TRUNCATED_ANSWER = "truncated: answer text cut off by the source"
TRUNCATED_QUESTION = "truncated: question text cut off by the source"
# The list endpoint cuts texts at 256 characters and adds "..."; allow some slack either side.
_CUT_LENGTHS = range(200, 301)

_DETECT_UK = regex.compile(r'"(?:questionText|answerText|answeringBodyName|dateAnswered|uin)"\s*:')
_DETECT_SCOT = regex.compile(r'"(?:EventID|ItemText|AnswerText|AnsweredByMSP)"\s*:')


def _nonblank(lines: list[str]) -> Iterator[str]:
    """The lines that are not blank (`line.strip()` would not be empty), lazily."""
    return (line for line in lines if line and not line.isspace())


class ShapeError(ValueError):
    """JSON that is valid but not a written-question record, list or envelope."""


def _str(value: Any) -> str | None:
    """A non-empty string (numbers become strings), else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return None


def _date(value: Any) -> dt.date | None:
    """The date part of an API timestamp ("2024-10-09T00:00:00") or date."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _bool(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _paragraphs(value: Any) -> list[str]:
    """A text field → paragraphs: HTML through qatool.markup, plain text by its lines."""
    if not isinstance(value, str) or not value.strip():
        return []
    if looks_like_markup(value):
        return html_to_blocks(value)
    return [
        p for p in (join_paragraphs([line]) for line in normalise_newlines(value).split("\n")) if p
    ]


def _is_cut(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    raw = value.rstrip()
    return raw.endswith(("...", "\u2026")) and len(raw) in _CUT_LENGTHS


def _member(value: Any, house: str | None) -> Member | None:
    """An API member object (`name`, `party`, `memberFrom`) → Member; None when absent."""
    if not isinstance(value, dict):
        return None
    name = _str(value.get("name")) or _str(value.get("listAs"))
    party = english_party(_str(value.get("party")))
    # For a peer, memberFrom is the kind of peerage ("Life peer"), not a constituency.
    constituency = _str(value.get("memberFrom")) if house != "Lords" else None
    if not (name or party or constituency):
        return None
    return Member(name=name, party=party, constituency=constituency)


def _grouped(value: Any) -> list[str]:
    out: list[str] = []
    if isinstance(value, list):
        for item in value:
            uin = (
                _str(item.get("uin") or item.get("questionUin"))
                if isinstance(item, dict)
                else _str(item)
            )
            if uin:
                out.append(uin)
    return out


def _attachments(value: Any) -> list[Attachment]:
    out: list[Attachment] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                title = _str(item.get("title")) or _str(item.get("fileName"))
                url = _str(item.get("url"))
                if title or url:
                    out.append(Attachment(title=title, url=url))
    return out


def _block(paragraphs: list[str], *, answer: bool) -> TextBlock | None:
    return text_block("\n\n".join(paragraphs), answer=answer)


def _keys(value: dict[str, Any]) -> str:
    names = list(value)[:6]
    more = ", …" if len(value) > 6 else ""
    return ", ".join(names) + more if names else "no keys"


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return f"an object with {_keys(value)}"
    if isinstance(value, list):
        return "a list"
    return f"a JSON {type(value).__name__}"


def _ldapi_items(value: Any) -> list[Any] | None:
    """The items of a Linked Data API response ({"format": "linked-data-api", "result": …}),
    a list page's `items` or a single item's `primaryTopic`; None for any other JSON."""
    if not isinstance(value, dict) or not isinstance(value.get("result"), dict):
        return None
    result = value["result"]
    if value.get("format") != "linked-data-api" and not {"items", "primaryTopic"} & set(result):
        return None
    if isinstance(result.get("items"), list):
        return list(result["items"])
    topic = result.get("primaryTopic")
    return [topic] if topic is not None else []


def _ld_value(value: Any) -> str | None:
    """A Linked Data API value: a string, {"_value": …} or a list of them (the first)."""
    if isinstance(value, dict) and "_value" in value:
        return _ld_value(value["_value"])
    if isinstance(value, list):
        return next((v for v in map(_ld_value, value) if v is not None), None)
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _ldapi_fields(item: dict[str, Any], depth: int = 0) -> dict[str, str]:
    """An item's properties, nested ones too ("answer" → "answerText"), → record fields; the
    first value found for a field stands."""
    fields: dict[str, str] = {}
    for key, value in item.items():
        target = json_key(key) if isinstance(key, str) else None
        leaf = _ld_value(value) if target not in (None, "-") else None
        if leaf is not None and target is not None:
            fields.setdefault(target, leaf)
        elif depth < 4:
            for inner in value if isinstance(value, list) else [value]:
                if isinstance(inner, dict):
                    for k, v in _ldapi_fields(inner, depth + 1).items():
                        fields.setdefault(k, v)
    return fields


def is_uk(value: dict[str, Any]) -> bool:
    return not UK_KEYS.isdisjoint(value)


def is_scottish(value: dict[str, Any]) -> bool:
    return not SCOT_KEYS.isdisjoint(value)


class ApiJsonParser:
    name = "api-json"
    description = (
        "UK Parliament written-questions API JSON (one record, a list, the list envelope, "
        "or JSON Lines); also the Scottish Parliament API"
    )

    def detect(self, text: str) -> float:
        head = text[:65536].lstrip("\ufeff \t\r\n")
        if not head.startswith(("{", "[")):
            return 0.0
        if _DETECT_UK.search(head) or _DETECT_SCOT.search(head):
            return 0.97
        # Some other JSON: claim it, so that it gets a clear "wrong shape" message.
        return 0.3

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        text = source.text.lstrip("\ufeff")
        if not text or text.isspace():
            yield Failure(source.path, "empty input: no JSON")
            return
        try:
            document = json.loads(text)
        except RecursionError:
            yield Failure(source.path, "JSON nested too deeply to read")
            return
        except json.JSONDecodeError as exc:
            lines = text.splitlines()
            if self._json_lines(lines):
                yield from self._parse_lines(lines, source)
            else:
                yield Failure(
                    source.path,
                    f"not valid JSON: {exc.msg}",
                    f"line {exc.lineno} column {exc.colno}",
                )
            return
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            yield Failure(source.path, f"JSON that cannot be read: {exc}")
            return
        yield from self._parse_document(document, source, where=None)

    # --- shapes --------------------------------------------------------------------------

    @staticmethod
    def _json_lines(lines: list[str]) -> bool:
        """Whether these lines (`str.splitlines` of the text) are JSON Lines: several lines, of
        which one (among the first twenty that are not blank) is an object on its own."""
        nonblank = list(itertools.islice(_nonblank(lines), 20))
        if len(nonblank) < 2:
            return False
        for line in nonblank:
            try:
                if isinstance(json.loads(line), dict):
                    return True
            except (ValueError, RecursionError):
                continue
        return False

    def _parse_lines(self, lines: list[str], source: Input) -> Iterator[Record | Failure]:
        for number, line in enumerate(lines, start=1):
            if not line or line.isspace():
                continue
            where = f"line {number}"
            try:
                value = json.loads(line)
            except RecursionError:
                yield Failure(source.path, "JSON nested too deeply to read", where)
                continue
            except json.JSONDecodeError as exc:
                yield Failure(
                    source.path,
                    f"not valid JSON ({exc.msg}, column {exc.colno}); the line may be cut off",
                    where,
                )
                continue
            except ValueError as exc:  # e.g. an integer of more than 4,300 digits
                yield Failure(source.path, f"JSON that cannot be read: {exc}", where)
                continue
            yield from self._parse_document(value, source, where=where)

    def _parse_document(
        self, value: Any, source: Input, where: str | None
    ) -> Iterator[Record | Failure]:
        """One decoded JSON value: a record, a search result, a list or the list envelope."""
        items: list[tuple[Any, str | None]]
        ldapi = _ldapi_items(value)
        if ldapi is not None:
            for i, item in enumerate(ldapi):
                place = self._at(where, f"items[{i}]")
                if isinstance(item, dict):
                    yield record_from_fields(_ldapi_fields(item), [], source, self.name)
                else:
                    yield Failure(
                        source.path,
                        f"JSON of the wrong shape: expected a Linked Data API item, got {_kind(item)}",
                        place,
                    )
            return
        if isinstance(value, list):
            items = [(item, self._at(where, f"item {i}")) for i, item in enumerate(value, start=1)]
        elif (
            isinstance(value, dict) and isinstance(value.get("results"), list) and not is_uk(value)
        ):
            items = [
                (item, self._at(where, f"results[{i}]")) for i, item in enumerate(value["results"])
            ]
        else:
            items = [(value, where)]
        if not items:
            return
        for item, at in items:
            try:
                yield self._record(item, source)
            except RecursionError:
                yield Failure(source.path, "JSON nested too deeply to read", at)
            except (ShapeError, ValueError) as exc:
                yield Failure(source.path, str(exc), at)

    @staticmethod
    def _at(where: str | None, inner: str) -> str:
        return f"{where}: {inner}" if where else inner

    def _record(self, value: Any, source: Input) -> Record:
        if isinstance(value, dict) and isinstance(value.get("value"), dict) and not is_uk(value):
            value = value["value"]  # a search result: {"value": {…}, "links": […]}
        if not isinstance(value, dict):
            raise ShapeError(
                f"JSON of the wrong shape: expected a written-question record, got {_kind(value)}"
            )
        if is_uk(value):
            return self._uk(value, source)
        if is_scottish(value):
            return self._scottish(value, source)
        raise ShapeError(
            "JSON of the wrong shape: expected a written-question record (questionText, answerText, "
            'uin…), a list of them or {"results": [{"value": …}]}, '
            f"got {_kind(value)}"
        )

    # --- records -------------------------------------------------------------------------

    def _uk(self, value: dict[str, Any], source: Input) -> Record:
        warnings: list[str] = []
        question_raw, answer_raw = value.get("questionText"), value.get("answerText")
        for key, raw in (("questionText", question_raw), ("answerText", answer_raw)):
            if raw is not None and not isinstance(raw, str):
                warnings.append(f"{key} is {_kind(raw)}, not text: left out")
        question = _block(_paragraphs(question_raw), answer=False)
        answer = _block(_paragraphs(answer_raw), answer=True)
        if _is_cut(question_raw):
            warnings.append(TRUNCATED_QUESTION)
        if _is_cut(answer_raw):
            warnings.append(TRUNCATED_ANSWER)
        uin = _str(value.get("uin"))
        house_given = _str(value.get("house"))
        house: House | None
        if house_given in HOUSES:
            house = house_given  # type: ignore[assignment]
        elif uin and uin.upper().startswith("HL"):
            house = "Lords"
        else:
            house = house_from_question(question.text if question else None)
        heading = _str(value.get("heading"))
        return Record(
            id=uin
            or _str(value.get("id"))
            or stable_id(
                heading, question.text if question else None, answer.text if answer else None
            ),
            house=house,
            heading=heading,
            answering_body=_str(value.get("answeringBodyName")),
            date_tabled=_date(value.get("dateTabled")),
            date_answered=_date(value.get("dateAnswered")),
            asked_by=_member(value.get("askingMember"), house),
            question=question,
            answered_by=_member(value.get("answeringMember"), house),
            answer=answer,
            is_holding_answer=_bool(value.get("answerIsHolding")),
            is_correction=_bool(value.get("answerIsCorrection")),
            grouped_questions=_grouped(value.get("groupedQuestions")),
            attachments=_attachments(value.get("attachments")),
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
            warnings=warnings,
        )

    def _scottish(self, value: dict[str, Any], source: Input) -> Record:
        question = _block(_paragraphs(value.get("ItemText")), answer=False)
        answer = _block(_paragraphs(value.get("AnswerText")), answer=True)
        heading = _str(value.get("Title"))
        party = english_party(_str(value.get("Party")))
        answerer = _str(value.get("AnsweredByMSP"))
        return Record(
            id=_str(value.get("EventID"))
            or _str(value.get("UniqueID"))
            or stable_id(
                heading, question.text if question else None, answer.text if answer else None
            ),
            house="Scottish Parliament",
            heading=heading,
            date_tabled=_date(value.get("SubmissionDateTime")),
            date_answered=_date(value.get("AnswerDate")),
            asked_by=Member(party=party) if party else None,
            question=question,
            answered_by=Member(name=answerer) if answerer else None,
            answer=answer,
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
        )
