#!/usr/bin/env python3
"""qatool alone on CQE's three formatted test sets (NewsQuant, currency-model, dimension-model),
scored exactly as bench/run.py scores them; a few seconds, for working on accuracy.

usage: .venv/bin/python bench/cqe_suites.py [--misses FILE.json] [--suite NAME]

qatool runs through the benchmark's worker (`bench/peers/worker.py qatool extract`, the same
adapter and process as a full run); `--misses` writes, per sentence of `--suite` (default
NewsQuant), the gold quantities with whether each was matched on value and on value+unit,
and every prediction with its CQE unit name.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH / "peers"))

import run  # noqa: E402  (bench/run.py: suites, worker and scoring)
from units import to_cqe  # noqa: E402

SUITES = ("NewsQuant", "currency-model", "dimension-model")


def misses(suite: list[dict[str, Any]], preds: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    rows = []
    for i, (case, ps) in enumerate(zip(suite, preds, strict=True)):
        used = {"value": set(), "value+unit": set()}  # type: dict[str, set[int]]
        gold = []
        for g in case["gold"]:
            ok = {}
            for level, taken in used.items():
                j = next(
                    (
                        j
                        for j, p in enumerate(ps)
                        if j not in taken and run.cqe_match(g, p, level, False)
                    ),
                    None,
                )
                if j is not None:
                    taken.add(j)
                ok[level] = j is not None
            gold.append({**g, "value_ok": ok["value"], "unit_ok": ok["value+unit"]})
        rows.append(
            {
                "i": i,
                "text": case["text"],
                "gold": gold,
                "preds": [{**p, "cqe_unit": to_cqe(p)} for p in ps],
            }
        )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", type=Path, help="write matched/missed quantities as JSON")
    ap.add_argument("--suite", default="NewsQuant", choices=SUITES)
    a = ap.parse_args()
    suites = run.load_suites(run.ROOT.parent / "shared", None)
    texts = [c["text"] for name in SUITES for c in suites[name]]
    got = run.run_worker("qatool", run.qatool_python(None), "extract", texts)
    if "error" in got:
        print(f"qatool: {got['error']}", file=sys.stderr)
        return 1
    at = 0
    for name in SUITES:
        suite = suites[name]
        preds = got["preds"][at : at + len(suite)]
        at += len(suite)
        res = run.score_cqe(suite, preds, mean_ranges=False)
        v, vu = res["value"], res["value+unit"]
        print(
            f"{name:16s} value F1 {v['f1']:.1f} (P {v['p']:.1f} R {v['r']:.1f})   "
            f"value+unit F1 {vu['f1']:.1f} (P {vu['p']:.1f} R {vu['r']:.1f})"
        )
        if a.misses and name == a.suite:
            a.misses.write_text(json.dumps(misses(suite, preds), indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
