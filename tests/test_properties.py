"""Issue 6: properties of the parser and the extractor over arbitrary input (hypothesis).

- Bytes → reader → every parser (detected, and each forced by name) → records: nothing
  raises but qatool's own errors, and the batch never meets an internal error.
- Every figure's `text` is exactly `block_text[start:end]`.
- Every record and figure validates against the JSON Schema generated from the models, and
  round-trips through `model_validate_json`.

The long campaign (≥ 100,000 inputs) is `fuzz/fuzz_qatool.py`; these run a few hundred.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qatool.batch import Problem, iter_figures, records_of_source
from qatool.errors import InputError, QatoolError
from qatool.extract import extract_figures, find_figures
from qatool.models import Figure, Record
from qatool.parsers import format_names
from qatool.reader import decode

RECORD_SCHEMA = jsonschema.Draft202012Validator(Record.model_json_schema())
FIGURE_SCHEMA = jsonschema.Draft202012Validator(Figure.model_json_schema())

# Pieces of the things qatool reads: figures, units, dates, parts, and the markers of every
# input format, so that random joins reach deep into the parsers and the extractor.
FRAGMENTS = [
    "£",
    "$",
    "€",
    "1",
    "12",
    "0.5",
    "1,000",
    "300",
    "2023",
    "2024-25",
    " million",
    "bn",
    "m",
    "k",
    "%",
    " per cent",
    " per ",
    " kg",
    " tonnes",
    " MW",
    " hours",
    " a year",
    " over ",
    " about ",
    " to ",
    "-",
    "–",
    " between ",
    " and ",
    " in ",
    " of ",
    "(a)",
    "(b)",
    "(1)",
    "(ii)",
    "a) ",
    ".",
    ", ",
    "; ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u00a0",
    "\ufeff",
    "January",
    "1 March 2010",
    "To ask the Secretary of State ",
    "Answered by ",
    "[12345]",
    "[HL1234]",
    "<p>",
    "</p>",
    "<b>",
    "<table><tr><td>",
    "&pound;",
    "&amp;",
    "<!--",
    "-->",
    '<ques id="uk.org.publicwhip/wrans/2010-03-04a.1.q0" speakername="A B">',
    '<reply id="uk.org.publicwhip/wrans/2010-03-04a.1.r0">',
    "</ques>",
    "</reply>",
    '<minor-heading id="x">',
    "</minor-heading>",
    '<div class="debate-speech__content">',
    "written question – answered on 1 May 2024",
    "{",
    "}",
    "[",
    "]",
    '"questionText": ',
    '"answerText": ',
    '"uin": ',
    '"results": ',
    '"value": ',
    '"',
    ":",
    "null",
    "true",
    "Ceidwadwyr",
    "Llafur",
    "Photo of ",
    "HL Deb",
    "Hansard",
    "Q\n",
    "A\n",
    "\\u00a3",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=60).map("".join),
)
raw = st.one_of(
    st.binary(max_size=400),
    texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
    texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
    texts.map(lambda t: t.encode("cp1252", "replace")),
)
formats = st.one_of(st.none(), st.sampled_from(format_names()))
SETTINGS = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_record(record: Record) -> None:
    data = json.loads(record.model_dump_json())
    RECORD_SCHEMA.validate(data)
    assert Record.model_validate_json(record.model_dump_json()) == record


def check_figure(figure: Figure, block_text: str) -> None:
    assert 0 <= figure.start <= figure.end <= len(block_text)
    assert block_text[figure.start : figure.end] == figure.text
    data = json.loads(figure.model_dump_json())
    FIGURE_SCHEMA.validate(data)
    assert Figure.model_validate_json(figure.model_dump_json()) == figure


def run_pipeline(data: bytes, format: str | None) -> None:
    """What `qatool facts` does with one input, checking every property on the way."""
    try:
        source = decode(data, "fuzz.txt")
    except InputError:
        return  # unreadable input: one clear error, which is the contract
    items = list(records_of_source(source, format))
    internal = [i for i in items if isinstance(i, Problem) and i.error is not None]
    assert not internal, internal[0].line()
    for item in items:
        if isinstance(item, Problem):
            continue
        check_record(item)
        blocks = {"question": item.question, "answer": item.answer}
        for got in iter_figures([item]):
            assert not isinstance(got, Problem), got.line()
            block = blocks[got.source]
            assert block is not None
            check_figure(got, block.text)


@SETTINGS
@given(data=raw, format=formats)
def test_any_bytes_through_reader_parsers_and_extractor(data: bytes, format: str | None) -> None:
    run_pipeline(data, format)


@SETTINGS
@given(text=texts)
def test_find_figures_offsets_point_at_the_text(text: str) -> None:
    try:
        figures = find_figures(text, source="answer", path="p", record="r")
    except QatoolError:
        return
    for figure in figures:
        check_figure(figure, text)


@SETTINGS
@given(text=texts, question=texts)
def test_extract_figures_from_any_record(text: str, question: str) -> None:
    from qatool.models import Source, TextBlock
    from qatool.text import split_parts

    record = Record(
        id="r1",
        question=TextBlock(text=question, parts=split_parts(question)) if question else None,
        answer=TextBlock(text=text, parts=split_parts(text, answer_style=True)),
        source=Source(format="plain", path="p"),
    )
    check_record(record)
    blocks: dict[str, Any] = {"question": record.question, "answer": record.answer}
    try:
        figures = extract_figures(record)
    except QatoolError:
        return
    for figure in figures:
        assert (figure.path, figure.record) == ("p", "r1")
        check_figure(figure, blocks[figure.source].text)
