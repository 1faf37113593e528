"""CSV output for figures: a header row, then one row per figure; nested fields flattened
(`period` → period_value, period_unit; `when` → when_text, when_start, when_end;
`normalized` → normalized_value, normalized_unit)."""

from __future__ import annotations

import csv
import io
from typing import Any, TextIO

from qatool.models import Figure
from qatool.render.jsonout import Dumped

_NESTED = {
    "period": ("value", "unit"),
    "when": ("text", "start", "end"),
    "normalized": ("value", "unit"),
}


def csv_columns() -> list[str]:
    columns: list[str] = []
    for name in Figure.model_fields:
        if name in _NESTED:
            columns.extend(f"{name}_{sub}" for sub in _NESTED[name])
        else:
            columns.append(name)
    return columns


def figure_row(figure: Figure) -> dict[str, Any]:
    data = figure.model_dump(mode="json")
    row: dict[str, Any] = {}
    for name, value in data.items():
        if name in _NESTED:
            for sub in _NESTED[name]:
                row[f"{name}_{sub}"] = value.get(sub) if isinstance(value, dict) else None
        else:
            row[name] = value
    return row


def _dict_writer(out: TextIO) -> csv.DictWriter[str]:
    return csv.DictWriter(out, fieldnames=csv_columns(), lineterminator="\n")


class CsvRows:
    """CSV rows (no header) as `CsvWriter` writes them, collected into a string."""

    def __init__(self) -> None:
        self._out = io.StringIO()
        self._writer = _dict_writer(self._out)

    def add(self, figure: Figure) -> None:
        self._writer.writerow(figure_row(figure))

    def take(self) -> str:
        """The rows added since the last `take`."""
        text = self._out.getvalue()
        self._out.seek(0)
        self._out.truncate()
        return text


class CsvWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.writer = _dict_writer(out)
        self.writer.writeheader()

    def write(self, figure: Any) -> None:
        if type(figure) is Dumped:
            self.out.write(figure.text)
        else:
            self.writer.writerow(figure_row(figure))

    def close(self) -> None:
        self.out.flush()
