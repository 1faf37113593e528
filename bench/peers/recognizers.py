"""Microsoft Recognizers-Text (Python port, `recognizers-text-suite`): the currency, dimension,
temperature, age and percentage models, then the number model for what they leave."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from units import RECOGNIZERS, RECOGNIZERS_SCALE, kind_of


def _num(s: Any) -> float | None:
    try:
        return float(str(s).replace(",", "").rstrip("%"))
    except (TypeError, ValueError):
        return None


def load() -> Callable[[str], list[dict[str, Any]]]:
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    units = NumberWithUnitRecognizer(Culture.English)
    numbers = NumberRecognizer(Culture.English)
    models = [
        units.get_currency_model(),
        units.get_dimension_model(),
        units.get_temperature_model(),
        units.get_age_model(),
        numbers.get_percentage_model(),
        numbers.get_number_model(),
    ]

    def extract(text: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        taken: list[tuple[int, int]] = []
        for model in models:
            for r in model.parse(text):
                start, end = r.start, r.end + 1  # Recognizers' End is inclusive
                if any(start < e and s < end for s, e in taken):
                    continue
                res = r.resolution or {}
                value = _num(res.get("value"))
                if value is None:
                    continue
                native = res.get("unit")
                if r.type_name == "percentage":
                    unit: str | None = "%"
                elif r.type_name == "age":
                    unit = "year"
                elif native:
                    unit = RECOGNIZERS.get(native, str(native).lower())
                    value *= RECOGNIZERS_SCALE.get(native, 1.0)
                else:
                    unit = None
                taken.append((start, end))
                out.append(
                    {
                        "text": text[start:end],
                        "start": start,
                        "end": end,
                        "kind": kind_of(unit),
                        "value": value,
                        "low": None,
                        "high": None,
                        "unit": unit,
                        "native_unit": native or r.type_name,
                    }
                )
        out.sort(key=lambda p: p["start"])
        return out

    return extract
