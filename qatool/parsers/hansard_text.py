"""`hansard-text`: historic Hansard written answers (HC Deb citations, § speaker marks, [12345] numbers, 967W columns). (Placeholder: being written.)"""

from __future__ import annotations

from collections.abc import Iterator

from qatool.errors import Failure
from qatool.models import Record
from qatool.parsers.base import Input


class HansardTextParser:
    name = "hansard-text"
    description = "historic Hansard written answers (HC Deb citations, § speaker marks, [12345] numbers, 967W columns)"

    def detect(self, text: str) -> float:
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        yield Failure(source.path, "the hansard-text parser is not written yet")
