"""`twfy-html`: the saved HTML of a TheyWorkForYou written-answer page (English or Welsh interface).

Input looks like (trimmed; the page has much more chrome around it)::

    <html lang="en"> …
    <div class="debate-header …"><h1>Drugs: Balkans</h1>
      <p class="lead">Home Office written question – answered on <a …>23 May 2024</a>.</p> …
    <div class="debate-speech" id="g2024-05-09.HL4321.q0"> …
      <h2 class="debate-speech__speaker"><a href="/peer/…"><img alt="Photo of …">
        <strong class="debate-speech__speaker__name">The Marquess of Lothian</strong>
        <small class="debate-speech__speaker__position">Conservative</small></a> …</h2>
      <div class="debate-speech__content"><p>To ask His Majesty's Government …</p></div> …
    <div class="debate-speech" id="g2024-05-09.HL4321.r0"> … (the answer, then)
      <span class="question-answered-result__vote-text">1 person thinks so</span> …

The heading is the page's <h1>; the answering body and date come from the lead line ("…
written question – answered on 23 May 2024", Welsh "answered am ar 23 Mai 2024"); each
`debate-speech` gives a member (name; "Party, Constituency" or a minister's role) and its text.
Only the speeches' content is text, so page chrome never gets in. Speeches whose id ends
`.qN` are questions, `.rN` answers (else: all but the last are questions). The id is a
`qnum` in the content, else the question number in a modern speech id ("2024-03-15.18933.q0").

The markup is read with the stdlib's lenient `html.parser`, so broken HTML (unclosed tags,
stray end tags) still parses. A page whose layout is not recognised is rendered to text lines
and read as `twfy-text` would read it, with a warning; if that finds nothing either, the
result is a `Failure`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

from qatool.errors import Failure
from qatool.markup import (
    VOID_TAGS,
    TextBuilder,
    clean_inline,
    defuse_open_comments,
    html_to_text,
)
from qatool.models import House, Member, Part, Record, Source, TextBlock, Votes
from qatool.parsers.base import Input, Parser
from qatool.parsers.twfy_text import TwfyTextParser, member_from, strings
from qatool.text import house_from_question, parse_date, split_parts, stable_id, text_block

_DASH = r"[\-\u2013\u2014]"
_LEAD = regex.compile(
    rf"^(?P<body>.*?)\s*written question\s*{_DASH}\s*answered\b(?P<rest>.*)$", regex.I
)
_HOLDING = regex.compile(r"^\[?holding answer[^\]:]*[\]:]\s*", regex.IGNORECASE)
# A modern TheyWorkForYou speech id: date (no letter suffix) . question number . q/r + index.
_MODERN_GID = regex.compile(
    r"(?:^|[/g])\d{4}-\d{2}-\d{2}\.(?P<uin>(?:HL)?\d{3,7})\.(?P<kind>[hqr])\d*$"
)
_GID_KIND = regex.compile(r"\.(?P<kind>[qr])\d+$")
_DETECT_TWFY = regex.compile(r"theyworkforyou", regex.I)
_DETECT_SPEECH = regex.compile(r"debate-speech__(?:speaker|content)")
_DETECT_LEAD = regex.compile(rf"written question\s*(?:{_DASH}|&ndash;|&#8211;)\s*answered", regex.I)
_DETECT_PARLPARSE = regex.compile(r"<(?:ques|reply)\b")
_DETECT_HTML = regex.compile(r"<(?:!doctype\s+html|html|body|p|div|table|br)\b", regex.I)
GENERIC_HTML_SCORE = 0.12
_HOUSE_BY_LINK: tuple[tuple[str, House], ...] = (
    ("/peer/", "Lords"),
    ("/mp/", "Commons"),
    ("/msp/", "Scottish Parliament"),
    ("/mla/", "Northern Ireland Assembly"),
    ("/ms/", "Senedd"),
)


@dataclass
class _Speech:
    gid: str = ""
    name: str | None = None
    position: str | None = None
    link: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    qnum: str | None = None
    votes: list[str] = field(default_factory=list)


@dataclass
class _Capture:
    """An element whose text is being collected, and the depth at which it closes."""

    what: str
    depth: int
    builder: TextBuilder = field(default_factory=TextBuilder)


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.captures: list[_Capture] = []
        self.speeches: list[_Speech] = []
        self.heading: str | None = None
        self.lead: str | None = None
        self.lang: str | None = None
        self.in_speaker_depth: int | None = None

    @property
    def speech(self) -> _Speech | None:
        return self.speeches[-1] if self.speeches else None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = set(values.get("class", "").split())
        if tag == "html" and values.get("lang"):
            self.lang = values["lang"].split("-")[0].lower()
        if "debate-speech" in classes:
            self._close_captures()  # a new speech: whatever was open has ended
            self.speeches.append(_Speech(gid=values.get("id", "")))
        for capture in self.captures:
            capture.builder.start(tag, attrs)
        speech = self.speech
        if (
            speech is not None
            and tag == "p"
            and speech.qnum is None
            and values.get("qnum", "").strip()
        ):
            speech.qnum = values["qnum"].strip()
        if tag in VOID_TAGS:
            return
        self.stack.append(tag)
        depth = len(self.stack)
        what: str | None = None
        if tag == "h1" and self.heading is None:
            what = "heading"
        elif tag == "p" and "lead" in classes and self.lead is None:
            what = "lead"
        elif speech is not None and "debate-speech__speaker__name" in classes:
            what = "name"
        elif speech is not None and "debate-speech__speaker__position" in classes:
            what = "position"
        elif speech is not None and "debate-speech__content" in classes:
            what = "content"
        elif speech is not None and "question-answered-result__vote-text" in classes:
            what = "vote"
        if speech is not None and "debate-speech__speaker" in classes:
            self.in_speaker_depth = depth
        if tag == "a" and speech is not None and self.in_speaker_depth and speech.link is None:
            speech.link = values.get("href")
        if what:
            self.captures.append(_Capture(what, depth))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS or tag not in self.stack:
            return  # a stray end tag: ignore it
        for capture in self.captures:
            capture.builder.end(tag)
        # Close up to the matching start tag (HTML lets end tags be left out).
        index = len(self.stack) - 1 - self.stack[::-1].index(tag)
        del self.stack[index:]
        depth = len(self.stack)
        while self.captures and self.captures[-1].depth > depth:
            self._finish(self.captures.pop())
        if self.in_speaker_depth is not None and self.in_speaker_depth > depth:
            self.in_speaker_depth = None

    def handle_data(self, data: str) -> None:
        for capture in self.captures:
            capture.builder.data(data)

    def finish(self) -> None:
        self.close()
        self._close_captures()

    def _close_captures(self) -> None:
        while self.captures:
            self._finish(self.captures.pop())
        self.in_speaker_depth = None

    def _finish(self, capture: _Capture) -> None:
        blocks = capture.builder.blocks()
        line = clean_inline(" ".join(blocks))
        speech = self.speech
        if capture.what == "heading":
            self.heading = line or None
        elif capture.what == "lead":
            self.lead = line or None
        elif speech is None:
            return
        elif capture.what == "name":
            speech.name = line or speech.name
        elif capture.what == "position":
            speech.position = line or speech.position
        elif capture.what == "content":
            speech.paragraphs.extend(blocks)
        elif capture.what == "vote":
            speech.votes.append(line)


def _vote(lines: list[str], patterns: tuple[regex.Pattern[str], ...]) -> int | None:
    for line in lines:
        for pattern in patterns:
            m = pattern.match(line)
            if m:
                return int(m["n"])
    return None


def _parts_each(texts: Iterable[list[str]]) -> list[Part]:
    """Question parts read from each grouped question on its own, listed in order."""
    return [part for paragraphs in texts for part in split_parts("\n\n".join(paragraphs))]


def _member(speech: _Speech | None, *, answerer: bool) -> Member | None:
    if speech is None or not speech.name:
        return None
    return member_from(speech.name, speech.position or "", answerer=answerer)


class TwfyHtmlParser:
    name = "twfy-html"
    description = "the saved HTML of a TheyWorkForYou written-answer page"

    def detect(self, text: str) -> float:
        head = text[:200000]
        if not head.lstrip("\ufeff \t\r\n").startswith("<"):
            return 0.0
        if _DETECT_PARLPARSE.search(head) and not _DETECT_SPEECH.search(head):
            return 0.0  # parlparse XML, not a page
        score = 0.0
        if _DETECT_SPEECH.search(head):
            score += 0.5
        if _DETECT_LEAD.search(head):
            score += 0.3
        if _DETECT_TWFY.search(head):
            score += 0.2
        if score == 0.0 and _DETECT_HTML.search(head):
            # Some other HTML page: just above `plain`, so it is read from its text, not its tags.
            return GENERIC_HTML_SCORE
        return min(score, 0.98)

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        reader = _PageReader()
        try:
            reader.feed(defuse_open_comments(source.text.lstrip("\ufeff")))
            reader.finish()
        except Exception as exc:  # html.parser is lenient; anything it raises is a bad input
            yield Failure(
                source.path, f"could not read the HTML: {exc}", f"line {reader.getpos()[0]}"
            )
            return
        speeches = [s for s in reader.speeches if s.paragraphs]
        if speeches:
            yield self._record(reader, speeches, source)
            return
        yield from self._fallback(source)

    def _record(self, page: _PageReader, speeches: list[_Speech], source: Input) -> Record:
        warnings: list[str] = []
        kinds = [m["kind"] if (m := _GID_KIND.search(s.gid)) else "" for s in speeches]
        if "q" in kinds or "r" in kinds:
            questions = [s for s, k in zip(speeches, kinds, strict=True) if k == "q"]
            answers = [s for s, k in zip(speeches, kinds, strict=True) if k != "q"]
        elif len(speeches) == 1:
            questions, answers = [], speeches
            warnings.append("only one speech on the page: taken as the answer")
        else:
            questions, answers = speeches[:-1], speeches[-1:]
        question_paras = [p for s in questions for p in s.paragraphs]
        answer_paras = [p for s in answers for p in s.paragraphs]
        holding = False
        if answer_paras and _HOLDING.match(answer_paras[0]):
            holding = True
            answer_paras[0] = _HOLDING.sub("", answer_paras[0], count=1)
        question_text = "\n\n".join(p for p in question_paras if p.strip())
        answer_text = "\n\n".join(p for p in answer_paras if p.strip())
        body = date = None
        welsh = page.lang == "cy"
        if page.lead:
            lead = _LEAD.match(page.lead)
            if lead:
                body = lead["body"].strip() or None
                date = parse_date(lead["rest"])
                welsh = welsh or regex.match(r"\s*am\s+ar\b", lead["rest"]) is not None
            else:
                warnings.append(f"unplaced page lead: {page.lead[:80]!r}")
        s = strings()
        vote_lines = [v for sp in answers for v in sp.votes]
        yes, no = _vote(vote_lines, s.votes_yes), _vote(vote_lines, s.votes_no)
        ids = [q.qnum for q in questions if q.qnum]
        if not ids:
            ids = [m["uin"] for q in questions or answers if (m := _MODERN_GID.search(q.gid))]
        ids = list(dict.fromkeys(ids))
        return Record(
            id=ids[0] if ids else stable_id(page.heading, question_text, answer_text),
            house=self._house(speeches, ids, question_text),
            heading=page.heading,
            answering_body=body,
            date_answered=date,
            asked_by=_member(questions[0] if questions else None, answerer=False),
            question=TextBlock(
                text=question_text, parts=_parts_each(q.paragraphs for q in questions)
            )
            if question_text
            else None,
            answered_by=_member(answers[0] if answers else None, answerer=True),
            answer=text_block(answer_text, answer=True),
            is_holding_answer=holding,
            votes=Votes(yes=yes, no=no) if yes is not None and no is not None else None,
            grouped_questions=ids[1:],
            source=Source(
                format=self.name,
                language="cy" if welsh else "en",
                path=source.path,
                encoding=source.encoding,
            ),
            warnings=warnings,
        )

    @staticmethod
    def _house(speeches: list[_Speech], ids: list[str], question: str) -> House | None:
        if ids and ids[0].upper().startswith("HL"):
            return "Lords"
        by_form = house_from_question(question)
        if by_form:
            return by_form
        for speech in speeches:
            for fragment, house in _HOUSE_BY_LINK:
                if speech.link and fragment in speech.link:
                    return house
        return None

    def _fallback(self, source: Input) -> Iterator[Record | Failure]:
        """A page without TheyWorkForYou's speech markup: its text, read by the text format
        that claims it (twfy-text for a TheyWorkForYou page, else plain or another)."""
        from qatool.parsers import detect_format  # the registry imports this module

        try:
            text = html_to_text(source.text)
        except Exception as exc:  # html.parser is lenient; anything it raises is a bad input
            yield Failure(source.path, f"could not read the HTML: {exc}")
            return
        if not text:
            yield Failure(source.path, "no text in the HTML page")
            return
        inner: Parser = detect_format(text, source.path)
        if inner.name == self.name:
            inner = TwfyTextParser()
        warning = f"page layout not recognised: read from the page's text as {inner.name}"
        text_input = Input(text=text, path=source.path, encoding=source.encoding)
        for item in inner.parse(text_input):
            if isinstance(item, Failure):
                yield Failure(
                    source.path,
                    f"no written question or answer found in the HTML page ({item.message})",
                    item.where,
                )
                continue
            yield item.model_copy(
                update={
                    "source": item.source.model_copy(update={"format": self.name}),
                    "warnings": [warning, *item.warnings],
                }
            )
