"""The typed shapes qatool returns: a written question-and-answer `Record` and a `Figure`.

Field names and JSON shape follow ../shared/spec/records.md and ../shared/spec/figures.md
exactly; `qatool schema record|figure` prints the JSON Schema generated from these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

House = Literal["Commons", "Lords", "Senedd", "Scottish Parliament", "Northern Ireland Assembly"]
BlockName = Literal["question", "answer"]
Qualifier = Literal["about", "over", "at least", "under", "up to", "almost", "exactly"]
Change = Literal["increase", "decrease"]
# JSON numbers: whole amounts stay ints (300000000, not 300000000.0).
Number = int | float


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Member(_Model):
    """A member as the source prints them (titles kept), party in English."""

    name: str | None = None
    party: str | None = None
    constituency: str | None = None
    role: str | None = None


class Part(_Model):
    """A labelled part of a question or answer: label without brackets ("1", "a", "ii")."""

    label: str
    text: str


class TextBlock(_Model):
    """Question or answer text: paragraphs joined by one blank line, chrome removed."""

    text: str
    parts: list[Part] = Field(default_factory=list)


class Votes(_Model):
    """TheyWorkForYou's "Does this answer the above question?" tallies."""

    yes: int
    no: int


class Attachment(_Model):
    """A file attached to an answer (API `attachments`), kept as a link."""

    title: str | None = None
    url: str | None = None


class Source(_Model):
    """Where a record came from: the detected format, its language and the path as given."""

    format: str
    language: str = "en"
    path: str = "-"
    encoding: str | None = None


class Record(_Model):
    """One written question and its answer."""

    id: str
    house: House | None = None
    heading: str | None = None
    answering_body: str | None = None
    date_tabled: dt.date | None = None
    date_answered: dt.date | None = None
    asked_by: Member | None = None
    question: TextBlock | None = None
    answered_by: Member | None = None
    answer: TextBlock | None = None
    is_holding_answer: bool = False
    is_correction: bool = False
    votes: Votes | None = None
    grouped_questions: list[str] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    source: Source
    warnings: list[str] = Field(default_factory=list)


class Period(_Model):
    """A span an amount is spread over: "over three years" → 3 year."""

    value: Number
    unit: str


class When(_Model):
    """The time a figure refers to, as written and as ISO dates where known."""

    text: str
    start: dt.date | None = None
    end: dt.date | None = None


class Normalized(_Model):
    """The amount in the base unit of its dimension (kg, L, m, m2, Wh, W, day…)."""

    value: Number | None
    unit: str | None


class Figure(_Model):
    """One stated amount, with where it came from. Every field is always present."""

    path: str = "-"
    record: str = ""
    source: BlockName = "answer"
    part: str | None = None
    text: str
    start: int
    end: int
    kind: str
    value: Number | None = None
    unit: str | None = None
    low: Number | None = None
    high: Number | None = None
    qualifier: Qualifier | None = None
    change: Change | None = None
    per: str | None = None
    period: Period | None = None
    when: When | None = None
    item: str | None = None
    subject: str | None = None
    sentence: str = ""
    normalized: Normalized | None = None


FIGURE_FIELDS: tuple[str, ...] = tuple(Figure.model_fields)
