"""Runs one system on many texts, in the environment where it is installed.

usage: worker.py SYSTEM extract IN.json OUT.json      IN: {"texts": [...]}
       worker.py SYSTEM speed IN.json OUT.json RUNS    one pass over the texts per run

`extract` writes {"preds": [[prediction, …] per text], "load_s", "errors"}; `speed` writes
{"load_s", "runs_s": [...], "maxrss_kb"} — the load (imports, models) is timed apart from the
runs. One process, one thread: the caller pins it to one core.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

MODULES = {
    "qatool": "qatool_",
    "quantulum3": "quantulum3_",
    "recognizers-text": "recognizers",
    "duckling": "duckling_",
    "cqe": "cqe_",
}


def peak_rss_kb() -> int:
    """This process's peak RSS since it started this program: VmHWM of its memory map (which
    exec replaces); ru_maxrss would also count the parent's size at fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> int:
    system, mode, src, dst = sys.argv[1:5]
    texts = json.loads(Path(src).read_text(encoding="utf-8"))["texts"]
    t0 = time.perf_counter()
    extract = importlib.import_module(MODULES[system]).load()
    load_s = time.perf_counter() - t0
    if mode == "extract":
        preds, errors = [], 0
        for text in texts:
            try:
                preds.append(extract(text))
            except Exception:  # one text's crash costs only that text
                errors += 1
                preds.append([])
        out = {"preds": preds, "load_s": load_s, "errors": errors}
    else:
        runs = int(sys.argv[5])
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            for text in texts:
                with contextlib.suppress(Exception):
                    extract(text)
            times.append(time.perf_counter() - t)
        rss = peak_rss_kb()
        out = {"load_s": load_s, "runs_s": times, "maxrss_kb": rss}
    Path(dst).write_text(json.dumps(out), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
