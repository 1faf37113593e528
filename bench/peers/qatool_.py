"""qatool: `qatool.extract.find_figures` on one block of text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def load() -> Callable[[str], list[dict[str, Any]]]:
    from qatool.extract import find_figures

    def extract(text: str) -> list[dict[str, Any]]:
        out = []
        for f in find_figures(text, source="answer"):
            out.append(
                {
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "kind": f.kind,
                    "value": f.value,
                    "low": f.low,
                    "high": f.high,
                    "unit": f.unit,
                    "native_unit": f.unit,
                    "item": f.item,
                    "qualifier": f.qualifier,
                    "per": f.per,
                    "normalized": f.normalized.model_dump() if f.normalized else None,
                }
            )
        return out

    return extract
