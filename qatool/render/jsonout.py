"""JSON output: one array (`--json`) or one object per line as it comes (`--jsonl`)."""

from __future__ import annotations

from typing import TextIO

from pydantic import BaseModel


class JsonLinesWriter:
    """Writes each model as one line and flushes, so a pipeline sees it at once."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, item: BaseModel) -> None:
        self.out.write(item.model_dump_json())
        self.out.write("\n")
        self.out.flush()

    def close(self) -> None:
        self.out.flush()


class JsonArrayWriter:
    """Writes ONE JSON array, element by element, so memory stays flat on big inputs."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.count = 0

    def write(self, item: BaseModel) -> None:
        self.out.write("[\n" if self.count == 0 else ",\n")
        self.out.write(item.model_dump_json())
        self.count += 1

    def close(self) -> None:
        self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()
