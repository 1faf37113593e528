"""`ldapi-text`: a data.parliament.uk Linked Data API view of answered questions (the
"answeredquestions.html" pages), rendered as text: one "key value" line per property, each
followed by the link text "more like this".

Input looks like::

    1192053                                                   ← an item starts (its number)
    date less than 2020-05-01more like thismore than 2020-05-01
    answering body
    Treasury more like this                                   ← a value on the next line
    hansard heading Retail, Hospitality and Leisure … more like this
    question text To ask the Chancellor of the Exchequer, … more like this
    tabling member printed
    Stephen Hammond more like this
    uin 41938 more like this
    date of answer less than 2020-05-06more like thismore than 2020-05-06
    answer text The two business grants …<p> </p><p>In cases where …</p> more like this
    answering member printed Kemi Badenoch more like this

The keys (and the record field each fills) are data: `[layouts.ldapi.keys]` in the language
files. Link text is stripped; "<p>" tags in the answer become paragraph breaks.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from qatool.errors import Failure
from qatool.models import House, Member, Record, Source
from qatool.parsers.base import Input
from qatool.parsers.layout import (
    alternation,
    house_of_question,
    is_chrome,
    table,
    take_holding,
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

_L = ("ldapi",)
_KEYS = table(*_L, "keys")
_KEY_LINE = regex.compile(rf"^(?P<key>{alternation(tuple(_KEYS))})(?:\s+(?P<value>.*))?$")
_LINK = alternation(words(*_L, "link_text"))
_LESS, _MORE = alternation(words(*_L, "less_than")), alternation(words(*_L, "more_than"))
# "less than 2020-05-06more like thismore than 2020-05-06" → 2020-05-06
_RANGE = regex.compile(rf"^{_LESS}\s+(?P<value>.+?)\s*{_LINK}\s*{_MORE}\s+(?P=value)\s*$", regex.I)
_LINK_TEXTS = tuple(w.lower() for w in words(*_L, "link_text"))


def _strip_links(value: str) -> tuple[str, bool]:
    """ "Treasury more like this" → ("Treasury", True): the link text at the end, repeated or not."""
    value, found = value.rstrip(), False
    while True:
        low = value.lower()
        link = next((t for t in _LINK_TEXTS if low.endswith(t)), None)
        if link is None:
            return value, found
        value, found = value[: len(value) - len(link)].rstrip(), True


_PARA_TAG = regex.compile(r"(?:\s*<\s*/?\s*(?:p|br|div|li|ul|ol)\b[^>]*>\s*)+", regex.IGNORECASE)
_ANY_TAG = regex.compile(r"<[^>]{1,200}>")
_ITEM_NUMBER = regex.compile(r"^\d{4,12}$")
# Keys whose second appearance means a new item started without its number line.
_ONCE = frozenset({"heading", "question", "answer", "id"})


def clean_value(value: str) -> str:
    """Strip the link text and "less than X … more than X" range links; keep the value."""
    value = value.strip()
    m = _RANGE.match(value)
    if m:
        return str(m["value"]).strip()
    return _strip_links(value)[0].strip()


def html_paragraphs(value: str) -> list[str]:
    """Answer text with inline HTML: "<p>" and "<br>" break paragraphs, other tags go."""
    pieces = _PARA_TAG.split(value)
    return [html.unescape(_ANY_TAG.sub("", piece)).strip() for piece in pieces if piece.strip()]


@dataclass
class _Item:
    fields: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)


class LdapiTextParser:
    name = "ldapi-text"
    description = "a data.parliament.uk Linked Data API answered-questions view, as text ('question text …', 'uin …', 'more like this')"

    def detect(self, text: str) -> float:
        lines = [ln.strip() for ln in fold_spaces(normalise_newlines(text[:30000])).split("\n")]
        keyed = [m["key"] for ln in lines if (m := _KEY_LINE.match(ln))]
        links = sum(_strip_links(ln)[1] for ln in lines)
        core = {_KEYS.get(k) for k in keyed} & {"question", "answer", "id"}
        if len(core) >= 2 and links >= 3:
            return 0.9
        if len(core) >= 2 and len(keyed) >= 6:
            return 0.6
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        items = self._items(fold_spaces(normalise_newlines(source.text)))
        items = [item for item in items if {"question", "answer"} & set(item.fields)]
        if not items:
            yield Failure(source.path, "no question or answer found in the Linked Data API view")
            return
        for item in items:
            yield self._record(item, source)

    @staticmethod
    def _items(text: str) -> list[_Item]:
        items = [_Item()]
        pending: str | None = None  # a key printed alone: its value is the next line
        last: str | None = None  # the field the last value went to (for continuation lines)
        for raw in text.split("\n"):
            line = raw.strip()
            if not line or is_chrome(line):
                continue
            current = items[-1]
            if pending is not None:
                target, pending = pending, None
                if target != "-":
                    current.fields.setdefault(target, clean_value(line))
                last = target
                continue
            m = _KEY_LINE.match(line)
            if m:
                target = _KEYS[m["key"]]
                if target in _ONCE and target in current.fields:
                    items.append(_Item())
                    current = items[-1]
                if m["value"] is None:
                    pending = target
                elif target != "-":
                    current.fields[target] = clean_value(m["value"])
                last = target
                continue
            if _ITEM_NUMBER.match(line):
                if current.fields:
                    items.append(_Item())
                last = None
                continue
            if last in ("question", "answer"):
                current.fields[last] = current.fields[last] + "\n" + clean_value(line)
            else:
                current.unplaced.append(line)
        return items

    def _record(self, item: _Item, source: Input) -> Record:
        return record_from_fields(item.fields, item.unplaced, source, self.name)


def json_key(name: str) -> str | None:
    """A Linked Data API JSON property ("tablingMemberPrinted", "AnsweringBody") → the field it
    fills, through the same key table as the text view ("tabling member printed")."""
    spaced = regex.sub(r"(?<=[\p{Ll}\d])(?=\p{Lu})", " ", name).lower()
    return _KEYS.get(spaced)


def record_from_fields(
    f: dict[str, str], unplaced: list[str], source: Input, format_name: str
) -> Record:
    """One answered question from its fields (keys as `[layouts.ldapi.keys]` name them)."""
    question_text = join_paragraphs(html_paragraphs(f.get("question", "")))
    answer_paras = html_paragraphs(f.get("answer", ""))
    holding = f.get("is_holding_answer", "").lower() == "true"
    if answer_paras:
        answer_paras[0], prefixed = take_holding(answer_paras[0])
        holding = holding or prefixed
    answer_text = join_paragraphs(answer_paras)
    house: House | None = table(*_L, "house_labels").get(f.get("house", ""))  # type: ignore[assignment]
    house = house or table(*_L, "house_ids").get(f.get("house_id", ""))  # type: ignore[assignment]
    asked_by = _member(f, "asked_by")
    answered_by = _member(f, "answered_by")
    warnings = [f"unplaced line: {line[:80]!r}" for line in unplaced[:3]]
    return Record(
        id=f.get("id") or stable_id(f.get("heading"), question_text, answer_text),
        house=house or house_of_question(question_text),
        heading=f.get("heading") or None,
        answering_body=f.get("answering_body") or f.get("answering_body.short") or None,
        date_tabled=parse_date(f["date_tabled"]) if f.get("date_tabled") else None,
        date_answered=parse_date(f["date_answered"]) if f.get("date_answered") else None,
        asked_by=asked_by,
        question=text_block(question_text),
        answered_by=answered_by,
        answer=text_block(answer_text, answer=True),
        is_holding_answer=holding,
        is_correction=f.get("is_correction", "").lower() == "true",
        source=Source(format=format_name, path=source.path, encoding=source.encoding),
        warnings=warnings,
    )


def _member(fields: dict[str, str], who: str) -> Member | None:
    name = fields.get(f"{who}.name")
    constituency = fields.get(f"{who}.constituency")
    party = fields.get(f"{who}.party")
    if not (name or constituency or party):
        return None
    return Member(name=name or None, party=party or None, constituency=constituency or None)
