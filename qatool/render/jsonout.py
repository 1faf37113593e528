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


class RunDumper:
    """Collects records or figures as `output` ("json", "jsonl" or "csv") writes them, each
    serialised as it is added (so no model is kept), and hands them over as one `Dumped`."""

    def __init__(self, output: str) -> None:
        self.output = output
        self.count = 0
        self._jsons: list[str] = []
        self._csv: Any = None
        if output == "csv":
            from qatool.render.csvout import CsvRows

            self._csv = CsvRows()
        else:
            self._separator = _SEPARATORS[output]

    def add(self, item: BaseModel) -> None:
        if self._csv is not None:
            self._csv.add(item)
        else:
            self._jsons.append(item.model_dump_json())
        self.count += 1

    def take(self) -> Dumped | None:
        """What was added since the last `take`, as one Dumped (None if nothing was)."""
        if not self.count:
            return None
        if self._csv is not None:
            text = self._csv.take()
        else:
            text = self._separator.join(self._jsons)
            self._jsons = []
        dumped = Dumped(text, self.count)
        self.count = 0
        return dumped


def dump_run(output: str, items: Sequence[BaseModel]) -> Dumped:
    """Items as `output` ("json", "jsonl" or "csv") writes them, ready to write at once."""
    dumper = RunDumper(output)
    for item in items:
        dumper.add(item)
    return dumper.take() or Dumped("", 0)


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
