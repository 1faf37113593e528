"""`api-json`: UK Parliament written-questions API JSON (one record, a list, the list envelope, or JSON Lines); also the Scottish Parliament API. (Placeholder: being written.)"""

from __future__ import annotations

from collections.abc import Iterator

from qatool.errors import Failure
from qatool.models import Record
from qatool.parsers.base import Input


class ApiJsonParser:
    name = "api-json"
    description = "UK Parliament written-questions API JSON (one record, a list, the list envelope, or JSON Lines); also the Scottish Parliament API"

    def detect(self, text: str) -> float:
        return 0.0

    def parse(self, source: Input) -> Iterator[Record | Failure]:
        yield Failure(source.path, "the api-json parser is not written yet")
