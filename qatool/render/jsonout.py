"""JSON output: one array (`--json`) or one object per line as it comes (`--jsonl`).

Both writers also take a `Dumped` run of items a `--jobs` worker has already serialised
(`dump_run`), and write it as they would have written the items one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from pydantic import BaseModel

# What joins the items of a Dumped run, for each output.
_SEPARATORS = {"jsonl": "\n", "json": ",\n"}


@dataclass(frozen=True, slots=True)
class Dumped:
    """`count` records or figures, already serialised for one output (`dump_run`)."""

    text: str
    count: int = 1

    def model_dump_json(self) -> str:
        """The JSON of a run of one (what writers call on a model)."""
        return self.text


def dump_run(output: str, items: Sequence[BaseModel]) -> Dumped:
    """Items as `output` ("json", "jsonl" or "csv") writes them, ready to write at once."""
    if output == "csv":
        from qatool.render.csvout import csv_rows

        return Dumped(csv_rows(items), len(items))  # type: ignore[arg-type]
    return Dumped(_SEPARATORS[output].join([item.model_dump_json() for item in items]), len(items))


class JsonLinesWriter:
    """Writes each model as one line and flushes, so a pipeline sees it at once."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, item: Any) -> None:
        self.out.write(item.text if type(item) is Dumped else item.model_dump_json())
        self.out.write("\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonArrayWriter:
    """Writes ONE JSON array, element by element, so memory stays flat on big inputs."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def write(self, item: Any) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        if type(item) is Dumped:
            self.out.write(item.text)
            self.count += item.count
        else:
            self.out.write(item.model_dump_json())
            self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()
