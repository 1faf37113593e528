"""`parlparse-xml`: TheyWorkForYou/parlparse written-answers XML (<ques>, <reply>, speakername).

Input looks like (a whole day file, or a fragment of one with no root element)::

    <major-heading id="uk.org.publicwhip/wrans/2009-10-29a.480W.0">Home Department</major-heading>
    <minor-heading id="uk.org.publicwhip/wrans/2009-10-29a.296233.h">Domestic Violence</minor-heading>
    <ques id="uk.org.publicwhip/wrans/2009-10-29a.296233.q0" speakername="Vincent Cable">
        <p qnum="296233">To ask the Solicitor-General how many …</p>
    </ques>
    <reply id="uk.org.publicwhip/wrans/2009-10-29a.296233.r0" speakername="Vera Baird">
        <p>The arrests collection …</p>
        <table>…</table>
    </reply>

One record per reply: the `<ques>` elements before it (grouped questions) are its question,
the first one's `qnum` its id and the others' its `grouped_questions`. The minor heading is the
heading; the major heading (the department in written answers) the answering body. The date
comes from the element ids; the house from the question number ("HL5754"), the speaker ids,
the id prefix (`lordswrans`) or the question's form, else Commons.

Fragments cut from a day file have no root element and use HTML entities (&quot;, &nbsp;,
&pound;) whose DTD they lack, so the markup is read with the stdlib's lenient `html.parser`
(whose entity table is HTML's own), while the parser checks the nesting itself: an element
closed by the wrong end tag, or a <ques>/<reply> left open when the next one starts, makes that
record a `Failure` naming the line, and the records around it still come through. An input cut
off inside a <ques> or <reply> still gives its record, with what there is and a "truncated"
warning (records.md: a cut-off answer is still a record).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

from qatool.errors import Failure
from qatool.markup import VOID_TAGS, TextBuilder, clean_inline, defuse_open_comments
from qatool.models import House, Member, Record, Source, TextBlock
from qatool.parsers.base import Input
from qatool.text import house_from_question, split_parts, stable_id, text_block

HEADINGS = frozenset({"major-heading", "minor-heading"})
SPEECHES = frozenset({"ques", "reply"})
ITEMS = HEADINGS | SPEECHES
CHUNK = 1 << 16

_ID_DATE = regex.compile(r"/(?P<date>\d{4}-\d{2}-\d{2})[a-z]?\.")
_HOLDING = regex.compile(r"^\s*\[\s*holding answer[^\]]*\]\s*:?\s*", regex.IGNORECASE)
# parlparse writes a holding answer's note as its own paragraph, <p class="holdinganswer">holding
# answer <phrase class="date" …>12 October 2009</phrase></p>; the printed "h<i>olding answer</i>"
# leaves a space after the "h".
_HOLDING_PARA = regex.compile(
    r"^\s*\[?\s*h\s?olding\s+answer\b[^\]]{0,40}\]?\s*:?\s*$", regex.IGNORECASE
)
# Since 2014 parlparse builds written answers from the questions API; their ids carry the date
# the question was tabled (…/wrans/2024-03-15.18933.q0 for an answer of 25 March), and their
# url attribute is the question's page.
_QUESTION_PAGE = regex.compile(r"/written-questions?(?:/|-answers)", regex.IGNORECASE)
_DETECT_ITEM = regex.compile(r"<(?:ques|reply)\b[^>]*\bspeakername\s*=", regex.IGNORECASE)
_DETECT_HEADING = regex.compile(r"<(?:minor|major)-heading\b", regex.IGNORECASE)


@dataclass
class _Item:
    """One top-level element of interest as read: a heading, a question or a reply."""

    tag: str
    attrs: dict[str, str]
    line: int
    builder: TextBuilder = field(default_factory=TextBuilder)
    open_tags: list[tuple[str, int]] = field(default_factory=list)
    qnum: str | None = None
    error: tuple[int, str] | None = None  # (line, what is wrong): the record is a Failure
    cut: str | None = None  # the input ends inside this element: a record, with a warning
    holding: bool = False  # a <p class="holdinganswer"> note stands in it

    @property
    def text(self) -> str:
        return self.builder.text()


@dataclass
class _Group:
    """The questions and replies that make one record."""

    questions: list[_Item] = field(default_factory=list)
    replies: list[_Item] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.questions or self.replies)


class _Reader(HTMLParser):
    """Turns the markup into finished groups (with the headings they stood under)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.item: _Item | None = None
        self.group = _Group()
        self.major: str | None = None
        self.minor: str | None = None
        self.done: list[tuple[_Group, str | None, str | None]] = []
        self.seen_items = 0

    # --- events --------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        item = self.item
        if item is None:
            if tag in ITEMS:
                self.item = _Item(tag, {k: v or "" for k, v in attrs}, line)
                self.seen_items += 1
            return
        if tag in ITEMS:
            # A heading or speech cannot nest: the open one was never closed.
            item.error = item.error or (
                line,
                f"<{item.tag}> opened at line {item.line} is not closed before <{tag}>",
            )
            self._finish(item)
            self.handle_starttag(tag, attrs)
            return
        if tag not in VOID_TAGS:
            item.open_tags.append((tag, line))
        if tag == "p" and "holdinganswer" in (dict(attrs).get("class") or "").split():
            item.holding = True
        if tag == "p" and item.qnum is None:
            qnum = dict(attrs).get("qnum")
            if qnum and qnum.strip():
                item.qnum = qnum.strip()
        item.builder.start(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.item is None and tag in ITEMS:
            return  # an empty <ques/> or heading carries nothing
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        item = self.item
        if item is None:
            return  # the root's end tag, or a stray one between items
        line = self.getpos()[0]
        if tag == item.tag:
            if item.open_tags:
                name, at = item.open_tags[-1]
                item.error = item.error or (
                    line,
                    f"<{name}> opened at line {at} is not closed before </{tag}>",
                )
            self._finish(item)
            return
        if tag in VOID_TAGS:
            return
        if item.open_tags and item.open_tags[-1][0] == tag:
            item.open_tags.pop()
        else:
            expected = f"</{item.open_tags[-1][0]}>" if item.open_tags else f"</{item.tag}>"
            item.error = item.error or (line, f"</{tag}> where {expected} was expected")
            names = [name for name, _ in item.open_tags]
            if tag in names:  # recover: close up to the matching element
                del item.open_tags[len(names) - 1 - names[::-1].index(tag) :]
        item.builder.end(tag)

    def handle_data(self, data: str) -> None:
        if self.item is not None:
            self.item.builder.data(data)

    def eof(self) -> None:
        """The end of the input: close what is open and flush the last group."""
        self.close()
        if self.item is not None:
            item = self.item
            item.cut = f"truncated: the input ends inside <{item.tag}> opened at line {item.line}"
            self._finish(item)
        self._flush()

    # --- grouping ------------------------------------------------------------------------

    def _finish(self, item: _Item) -> None:
        self.item = None
        if item.tag in HEADINGS:
            self._flush()
            text = clean_inline(" ".join(item.builder.blocks()))
            if item.tag == "major-heading":
                self.major, self.minor = text or None, None
            else:
                self.minor = text or None
            if item.error:
                self.done.append((_Group(questions=[item]), self.major, self.minor))
            return
        if item.tag == "ques":
            if self.group.replies:
                self._flush()
            self.group.questions.append(item)
        else:
            self.group.replies.append(item)

    def _flush(self) -> None:
        if self.group:
            self.done.append((self.group, self.major, self.minor))
        self.group = _Group()


def _date_of(items: list[_Item]) -> dt.date | None:
    for item in items:
        m = _ID_DATE.search(item.attrs.get("id", ""))
        if m:
            try:
                return dt.date.fromisoformat(m["date"])
            except ValueError:
                continue
    return None


def _house_of(items: list[_Item], qnum: str | None, question: str) -> House | None:
    ids = " ".join(item.attrs.get("id", "") for item in items)
    speakers = " ".join(item.attrs.get("speakerid", "") for item in items)
    if (qnum and qnum.upper().startswith("HL")) or "lordswrans" in ids or "/lord/" in speakers:
        return "Lords"
    if "/spwa/" in ids or "/spwrans/" in ids:
        return "Scottish Parliament"
    by_form = house_from_question(question)
    if by_form:
        return by_form
    if "/wrans/" in ids:
        return "Commons"
    return None


def _member(item: _Item | None) -> Member | None:
    if item is None:
        return None
    name = clean_inline(item.attrs.get("speakername", ""))
    return Member(name=name) if name else None


class ParlparseXmlParser:
    name = "parlparse-xml"
    description = "TheyWorkForYou/parlparse written-answers XML (<ques>, <reply>, speakername)"

    def detect(self, text: str) -> float:
        head = text[:65536]
        if _DETECT_ITEM.search(head):
            return 0.97 if "publicwhip" in head or _DETECT_HEADING.search(head) else 0.9
        if _DETECT_HEADING.search(head):
            return 0.6
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        reader = _Reader()
        text = defuse_open_comments(source.text.lstrip("\ufeff"))
        try:
            for start in range(0, len(text), CHUNK):
                reader.feed(text[start : start + CHUNK])
                yield from self._drain(reader, source)
            reader.eof()
        except Exception as exc:  # html.parser is lenient; anything it raises is a bad input
            yield Failure(
                source.path, f"could not read the XML: {exc}", f"line {reader.getpos()[0]}"
            )
            return
        yield from self._drain(reader, source)
        if reader.seen_items == 0:
            yield Failure(
                source.path,
                "no <ques> or <reply> elements found: not parlparse written-answers XML",
            )

    def _drain(self, reader: _Reader, source: Input) -> Iterator[Record | Failure]:
        while reader.done:
            group, major, minor = reader.done.pop(0)
            yield self._record(group, major, minor, source)

    def _record(
        self, group: _Group, major: str | None, minor: str | None, source: Input
    ) -> Record | Failure:
        items = group.questions + group.replies
        broken = next((item.error for item in items if item.error), None)
        if broken is not None:
            line, message = broken
            return Failure(source.path, f"malformed XML: {message}", f"line {line}")
        warnings: list[str] = [item.cut for item in items if item.cut]
        qnums = [q.qnum for q in group.questions if q.qnum]
        question_text = "\n\n".join(t for t in (q.text for q in group.questions) if t)
        answer_paras = [b for r in group.replies for b in r.builder.blocks()]
        holding = any(r.holding for r in group.replies)
        if answer_paras and _HOLDING_PARA.match(answer_paras[0]):
            holding = True
            answer_paras.pop(0)
        elif answer_paras and _HOLDING.match(answer_paras[0]):
            holding = True
            answer_paras[0] = _HOLDING.sub("", answer_paras[0], count=1)
        answer_text = "\n\n".join(p for p in answer_paras if p.strip())
        asker = group.questions[0] if group.questions else None
        answerer = group.replies[0] if group.replies else None
        askers = list(
            dict.fromkeys(clean_inline(q.attrs.get("speakername", "")) for q in group.questions)
        )
        if len(askers) > 1:
            warnings.append(
                f"grouped questions asked by several members: {', '.join(a or '?' for a in askers)}"
            )
        if not group.questions:
            warnings.append("a reply with no question before it")
        elif not group.replies:
            warnings.append("a question with no reply after it")
        heading = minor or major
        day = _date_of(group.replies or group.questions)
        tabled_in_ids = any(_QUESTION_PAGE.search(item.attrs.get("url", "")) for item in items)
        return Record(
            id=qnums[0] if qnums else stable_id(heading, question_text, answer_text),
            house=_house_of(items, qnums[0] if qnums else None, question_text),
            heading=heading,
            answering_body=major,
            date_tabled=day if tabled_in_ids else None,
            date_answered=None if tabled_in_ids else day,
            asked_by=_member(asker),
            question=TextBlock(
                text=question_text, parts=[p for q in group.questions for p in split_parts(q.text)]
            )
            if question_text
            else None,
            answered_by=_member(answerer),
            answer=text_block(answer_text, answer=True),
            is_holding_answer=holding,
            grouped_questions=qnums[1:],
            source=Source(format=self.name, path=source.path, encoding=source.encoding),
            warnings=warnings,
        )
