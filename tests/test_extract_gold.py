"""The extractor against ../shared/gold: span F1 and value accuracy, scored as
../shared/tools/score.py scores them (figures match when one's text contains the other's and
both start with the same number; durations and table cells are left out)."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from qatool.errors import QatoolError
from qatool.extract import extract_figures
from qatool.parsers import parse_text

# base unit factor per unit symbol, for comparing amounts (money keeps its currency)
FACTORS = {"t": 1000.0, "kg": 1.0, "g": 1e-3, "GWh": 1e9, "MWh": 1e6, "kWh": 1e3, "Wh": 1.0}


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def core(text: str) -> str | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", fold(text))
    if m:
        return m.group().replace(",", "").rstrip(".")
    words = re.findall(r"[a-z]+", fold(text))
    return words[0] if words else None


def same_span(pred: str, gold: str) -> bool:
    p, g = fold(pred), fold(gold)
    return bool(p and g and (p in g or g in p) and core(p) == core(g))


def amount(value: Any, unit: str | None) -> tuple[str | None, float] | None:
    if value is None:
        return None
    if unit in FACTORS:
        return ("base", float(value) * FACTORS[unit])
    return (unit, float(value))


def close(a: tuple[str | None, float] | None, b: tuple[str | None, float] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a[0] == b[0] and math.isclose(a[1], b[1], rel_tol=1e-6, abs_tol=1e-9)


def score(shared: Path) -> tuple[int, int, int, int, int, list[str]]:
    tp = fp = fn = value_ok = 0
    notes: list[str] = []
    for gold_path in sorted((shared / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = shared / "samples" / gold["file"]
        try:
            records = list(parse_text(doc.read_text(encoding="utf-8"), path=str(doc)))
        except QatoolError as exc:
            notes.append(f"{gold['file']}: not parsed ({exc})")
            continue
        for i, grec in enumerate(gold["records"]):
            got = (
                [f.model_dump(mode="json") for f in extract_figures(records[i])]
                if i < len(records)
                else []
            )
            used: set[int] = set()
            for gf in grec.get("figures", []):
                hit = next(
                    (
                        j
                        for j, p in enumerate(got)
                        if j not in used
                        and p["source"] == gf["source"]
                        and same_span(p["text"], gf["text"])
                    ),
                    None,
                )
                if hit is None:
                    fn += gf["kind"] != "duration"
                    notes.append(f"missed {gold['file']}#{i} {gf['text']!r}")
                    continue
                used.add(hit)
                if gf["kind"] == "duration":
                    continue
                tp += 1
                p = got[hit]
                if gf.get("value") is None and gf.get("low") is not None:
                    ok = close(
                        amount(gf["low"], gf["unit"]), amount(p["low"], p["unit"])
                    ) and close(amount(gf["high"], gf["unit"]), amount(p["high"], p["unit"]))
                else:
                    ok = close(amount(gf["value"], gf["unit"]), amount(p["value"], p["unit"]))
                value_ok += ok
                if not ok:
                    notes.append(
                        f"value {gold['file']}#{i} {gf['text']!r}: got {p['value']} {p['unit']}"
                    )
            tables = [fold(t) for t in grec.get("table_text", [])]
            for j, p in enumerate(got):
                if (
                    j in used
                    or p["kind"] == "duration"
                    or any(fold(p["text"]) in t for t in tables)
                ):
                    continue
                fp += 1
                notes.append(f"extra {gold['file']}#{i} {p['text']!r}")
    return tp, fp, fn, value_ok, tp, notes


def test_gold_span_f1_and_value_accuracy(shared_dir: Path) -> None:
    tp, fp, fn, value_ok, matched, notes = score(shared_dir)
    if tp + fp + fn == 0:
        pytest.skip("no gold document could be parsed")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    report = "\n".join(notes)
    assert f1 >= 0.97, f"span F1 {f1:.4f}\n{report}"
    assert value_ok / max(matched, 1) >= 0.98, f"value accuracy {value_ok}/{matched}\n{report}"
