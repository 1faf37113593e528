"""The interface every input format implements, and what a parser is given."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from qatool.errors import Failure
from qatool.models import Record


@dataclass(frozen=True, slots=True)
class Input:
    """One decoded input: its text, the path as the user gave it, and how it was decoded."""

    text: str
    path: str = "-"
    encoding: str | None = None


class Parser(Protocol):
    """A format: `detect` scores how sure it is (0.0 no … 1.0 certain) from the content alone;
    `parse` yields records one at a time, and a `Failure` for each record it cannot read
    (so the rest of a batch still comes through). Parsers never print."""

    name: str
    description: str

    def detect(self, text: str) -> float: ...

    def parse(self, source: Input) -> Iterator[Record | Failure]: ...
