"""quantulum3 (`quantulum3.parser.parse`), without its optional classifier."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from units import QUANTULUM3, QUANTULUM3_SCALE, kind_of


def load() -> Callable[[str], list[dict[str, Any]]]:
    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    def extract(text: str) -> list[dict[str, Any]]:
        out = []
        for q in parser.parse(text):
            name = q.unit.name
            unit = QUANTULUM3.get(name, name)
            scale = QUANTULUM3_SCALE.get(name, 1.0)
            value = float(q.value) * scale
            low = high = None
            if q.uncertainty:  # quantulum3 returns a range as mean ± half-width
                low, high = value - q.uncertainty * scale, value + q.uncertainty * scale
            out.append(
                {
                    "text": q.surface,
                    "start": q.span[0],
                    "end": q.span[1],
                    "kind": kind_of(unit),
                    "value": value,
                    "low": low,
                    "high": high,
                    "unit": unit,
                    "native_unit": name,
                    "q3_unit": name,
                    "cqe_unit": "-" if name == "dimensionless" else name,
                }
            )
        return out

    return extract
