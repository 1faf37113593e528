"""`twfy-html`: the saved HTML of a TheyWorkForYou written-answer page. (Placeholder: being written.)"""

from __future__ import annotations

from collections.abc import Iterator

from qatool.errors import Failure
from qatool.models import Record
from qatool.parsers.base import Input


class TwfyHtmlParser:
    name = "twfy-html"
    description = "the saved HTML of a TheyWorkForYou written-answer page"

    def detect(self, text: str) -> float:
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        yield Failure(source.path, "the twfy-html parser is not written yet")
