"""`parlparse-xml`: TheyWorkForYou/parlparse written-answers XML (<ques>, <reply>, speakername). (Placeholder: being written.)"""

from __future__ import annotations

from collections.abc import Iterator

from qatool.errors import Failure
from qatool.models import Record
from qatool.parsers.base import Input


class ParlparseXmlParser:
    name = "parlparse-xml"
    description = "TheyWorkForYou/parlparse written-answers XML (<ques>, <reply>, speakername)"

    def detect(self, text: str) -> float:
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        yield Failure(source.path, "the parlparse-xml parser is not written yet")
