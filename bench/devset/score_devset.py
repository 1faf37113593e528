#!/usr/bin/env python3
"""Score qatool's figure extractor on the hand-annotated dev set (bench/devset/corpus_gold.json).

The dev set names 40 records of the shared corpus by id; their texts are read from the corpus
file (never copied into the repo). Matching follows ../shared/tools/score.py exactly: its
`same_span`, `close`, `base`, `pred_base` and `attr_ok` are imported from the shared file, so
the two judges cannot drift apart.

usage: .venv/bin/python bench/devset/score_devset.py [--corpus PATH] [--gold PATH]
                                                     [--score-py PATH] [--qatool CMD] [-v]
                                                     [--json OUT]

By default the extractor is called in-process: `qatool.extract.find_figures(text, source=…)`
on the clean text of each question and answer (`qatool.markup.html_to_text`, or a stdlib
fallback). With `--qatool CMD` the records are written to a temporary API-JSON file and run
through `CMD parse --jsonl` and `CMD facts --jsonl`, as the benchmark does.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import importlib.util
import json
import re
import shlex
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_CORPUS = SHARED / "corpus" / "commons-written-answers-2023-09-to-2024-05.jsonl"
DEFAULT_SCORE_PY = SHARED / "tools" / "score.py"
DEFAULT_GOLD = HERE / "corpus_gold.json"
ATTRS = ("per", "period", "qualifier", "change", "when")


def load_judge(path: Path) -> ModuleType:
    """The shared score.py as a module (for its matching and comparison functions)."""
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("same_span", "close", "base", "pred_base", "attr_ok", "fold"):
        if not hasattr(module, name):
            raise SystemExit(f"{path} has no {name}()")
    return module


class _Text(HTMLParser):
    """Fallback HTML → text: block elements and <br><br> end paragraphs; spaces fold."""

    BLOCKS = frozenset({"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[list[str]] = [[]]

    def _end(self) -> None:
        if "".join(self.paras[-1]).strip():
            self.paras.append([])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._end()
        elif tag in ("br", "li", "tr"):
            self.paras[-1].append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._end()

    def handle_data(self, data: str) -> None:
        self.paras[-1].append(data)

    def text(self) -> str:
        out = []
        for para in self.paras:
            lines = [
                re.sub(r"[ \t\u00a0\u2009\u202f]+", " ", x).strip()
                for x in "".join(para).split("\n")
            ]
            joined = "\n".join(x for x in lines if x)
            if joined:
                out.append(joined)
        return "\n\n".join(out)


def fallback_html_to_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return html.unescape(parser.text())


def html_converter() -> tuple[Callable[[str], str], str]:
    try:
        from qatool import markup
    except ImportError:
        return fallback_html_to_text, "stdlib html.parser fallback"
    fn = getattr(markup, "html_to_text", None)
    if callable(fn):
        return fn, "qatool.markup.html_to_text"
    return fallback_html_to_text, "stdlib html.parser fallback"


def read_corpus(path: Path, ids: set[int]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("id") in ids:
                found[rec["id"]] = rec
    missing = ids - set(found)
    if missing:
        raise SystemExit(f"{path}: ids not found: {sorted(missing)}")
    return found


def as_dict(fig: Any) -> dict[str, Any]:
    if isinstance(fig, dict):
        return fig
    if hasattr(fig, "model_dump"):
        return dict(fig.model_dump(mode="json"))
    return dict(vars(fig))


def predict_in_process(recs: list[dict[str, Any]]) -> tuple[list[list[dict[str, Any]]], str]:
    from qatool.extract import find_figures

    to_text, how = html_converter()
    out = []
    for rec in recs:
        figs: list[dict[str, Any]] = []
        for source, key in (("question", "questionText"), ("answer", "answerText")):
            text = to_text(rec.get(key) or "")
            if text:
                found = find_figures(text, source=source, record=str(rec["id"]))
                figs += [{**as_dict(f), "source": source} for f in found]
        out.append(figs)
    return out, f"in-process find_figures on {how}"


def predict_cli(
    recs: list[dict[str, Any]], cmd: list[str]
) -> tuple[list[list[dict[str, Any]]], str]:
    def run(what: str, path: str) -> list[dict[str, Any]]:
        proc = subprocess.run(
            [*cmd, what, "--jsonl", path], capture_output=True, text=True, timeout=600
        )
        if proc.returncode != 0:
            print(f"warning: {what} exit {proc.returncode}: {proc.stderr.strip()[-300:]}")
        rows = []
        for line in proc.stdout.splitlines():
            if line.strip():
                with contextlib.suppress(json.JSONDecodeError):
                    rows.append(json.loads(line))
        return rows

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "devset.json")
        Path(path).write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
        parsed = run("parse", path)
        facts = run("facts", path)
    by_record: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for fig in facts:
        by_record[fig.get("record")].append(fig)
    if len(parsed) != len(recs):
        print(f"warning: parse gave {len(parsed)} records for {len(recs)}; matching by order")
    out = [
        by_record.get(parsed[i].get("id"), []) if i < len(parsed) else [] for i in range(len(recs))
    ]
    return out, f"CLI: {shlex.join(cmd)} facts --jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--score-py", type=Path, default=DEFAULT_SCORE_PY)
    ap.add_argument("--qatool", default="", help="run this CLI command instead of in-process")
    ap.add_argument("--json", dest="json_out", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss/extra/wrong")
    a = ap.parse_args()

    judge = load_judge(a.score_py)
    gold = json.loads(a.gold.read_text(encoding="utf-8"))
    grecs = gold["records"]
    corpus = read_corpus(a.corpus, {r["corpus_id"] for r in grecs})
    recs = [corpus[r["corpus_id"]] for r in grecs]
    sys.path.insert(0, str(ROOT))
    if a.qatool:
        preds, how = predict_cli(recs, shlex.split(a.qatool))
    else:
        preds, how = predict_in_process(recs)

    tp = fp = fn = val_ok = val_n = 0
    attr: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    strata: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[str] = []
    extras: list[str] = []
    wrong: list[str] = []
    for grec, pfigs in zip(grecs, preds, strict=True):
        rid = grec["corpus_id"]
        st = strata[grec.get("stratum", "-")]
        used: set[int] = set()
        for g in grec["figures"]:
            src = g.get("source", "answer")
            hit = next(
                (
                    j
                    for j, p in enumerate(pfigs)
                    if j not in used
                    and (p.get("source") or "answer") == src
                    and judge.same_span(p.get("text") or "", g["text"])
                ),
                None,
            )
            if hit is None:
                if g.get("kind") != "duration":
                    fn += 1
                    st[2] += 1
                    misses.append(f"{rid} {src}: {g['text']!r} ({g['kind']})")
                continue
            used.add(hit)
            p = pfigs[hit]
            if g.get("kind") == "duration":
                continue
            tp += 1
            st[0] += 1
            val_n += 1
            if g.get("value") is None and g.get("low") is not None:
                ok = judge.close(
                    judge.base(g["low"], g.get("unit"), g.get("kind")), judge.pred_base(p, "low")
                ) and judge.close(
                    judge.base(g["high"], g.get("unit"), g.get("kind")), judge.pred_base(p, "high")
                )
            else:
                ok = judge.close(
                    judge.base(g.get("value"), g.get("unit"), g.get("kind")), judge.pred_base(p)
                )
            val_ok += ok
            if not ok:
                wrong.append(
                    f"{rid} {src}: {g['text']!r} value: gold {g.get('value')} {g.get('unit')}"
                    f" (low {g.get('low')} high {g.get('high')}) got {p.get('value')} "
                    f"{p.get('unit')} (low {p.get('low')} high {p.get('high')}) "
                    f"norm {p.get('normalized')}"
                )
            for name in ATTRS:
                if g.get(name) is not None:
                    attr[name][1] += 1
                    good = judge.attr_ok(name, g, p)
                    attr[name][0] += good
                    if not good:
                        wrong.append(
                            f"{rid} {src}: {g['text']!r} {name}: gold {g.get(name)} got {p.get(name)}"
                        )
        # As score.py does: a number of a table line the gold lists is not scored.
        tables = [judge.fold(t) for t in grec.get("table_text", [])]
        for j, p in enumerate(pfigs):
            if j in used or p.get("kind") == "duration":
                continue
            if any(judge.fold(p.get("text")) in t for t in tables):
                continue
            fp += 1
            st[1] += 1
            extras.append(f"{rid} {p.get('source')}: {p.get('text')!r} ({p.get('kind')})")

    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    a_ok = sum(v[0] for v in attr.values())
    a_n = sum(v[1] for v in attr.values())
    res = {
        "how": how,
        "records": len(grecs),
        "gold_figures": sum(1 for r in grecs for g in r["figures"] if g.get("kind") != "duration"),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "span_f1": round(f1, 4),
        "value_acc": round(val_ok / val_n, 4) if val_n else 0.0,
        "attr_acc": round(a_ok / a_n, 4) if a_n else 0.0,
        "attr": {k: f"{v[0]}/{v[1]}" for k, v in sorted(attr.items())},
        "strata_tp_fp_fn": dict(sorted(strata.items())),
    }
    if a.verbose:
        print("MISSED:", *misses, sep="\n  ")
        print("EXTRA:", *extras, sep="\n  ")
        print("WRONG:", *wrong, sep="\n  ")
    print(json.dumps(res, indent=1))
    if a.json_out:
        a.json_out.write_text(json.dumps(res, indent=1), encoding="utf-8")
    print(
        f"DEVSET span_f1={res['span_f1']} P={res['precision']} R={res['recall']} "
        f"value_acc={res['value_acc']} attr_acc={res['attr_acc']} (tp={tp} fp={fp} fn={fn})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
