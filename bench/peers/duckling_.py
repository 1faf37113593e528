"""duckling (Haskell, through `pyduckling-native-phihos`), locale EN_GB, its numeric dimensions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from units import DUCKLING, DUCKLING_SCALE, kind_of

DIMS = ["amount-of-money", "quantity", "distance", "volume", "temperature", "duration", "number"]


def _demangle(s: str | None) -> str | None:
    """The binding hands back UTF-8 read as Latin-1 ("Â£" for "£"): undo that."""
    if not s:
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def load() -> Callable[[str], list[dict[str, Any]]]:
    import duckling as d

    zones = d.load_time_zones("/usr/share/zoneinfo")
    ref = d.parse_ref_time(zones, "Europe/London", 1_700_000_000)
    locale = d.parse_locale("EN_GB", d.default_locale_lang(d.parse_lang("EN")))
    context = d.Context(ref, locale)
    dims = d.parse_dimensions(DIMS)

    def extract(text: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        found = d.parse(text, context, dims, False)
        # longest first, so a bare number inside an amount of money is dropped
        found.sort(key=lambda r: (-(r["end"] - r["start"]), r["start"]))
        taken: list[tuple[int, int]] = []
        for r in found:
            start, end = r["start"], r["end"]
            if any(start < e and s < end for s, e in taken):
                continue
            v = r.get("value") or {}
            low = high = value = None
            native = v.get("unit")
            if r["dim"] == "duration":
                value, native = v.get("value"), v.get("unit")
            elif v.get("type") == "interval":
                lo, hi = v.get("from") or {}, v.get("to") or {}
                low, high = lo.get("value"), hi.get("value")
                native = lo.get("unit") or hi.get("unit")
            else:
                value = v.get("value")
            if value is None and low is None and high is None:
                continue
            native = _demangle(native)
            unit = DUCKLING.get(native, native) if native else None
            scale = DUCKLING_SCALE.get(native or "", 1.0)
            value, low, high = (x * scale if x is not None else None for x in (value, low, high))
            taken.append((start, end))
            out.append(
                {
                    "text": text[start:end],
                    "start": start,
                    "end": end,
                    "kind": kind_of(unit),
                    "value": value,
                    "low": low,
                    "high": high,
                    "unit": unit,
                    "native_unit": native,
                    "dim": r["dim"],
                }
            )
        out.sort(key=lambda p: p["start"])
        return out

    return extract
