"""Time, profile and freeze the figure extractor over a corpus of written answers.

    python bench/profile_extract.py                       # time find_figures (median of 3)
    python bench/profile_extract.py --profile             # cProfile, sorted by tottime
    python bench/profile_extract.py --snapshot /tmp/f.jsonl   # every figure of every text
    python bench/profile_extract.py --check /tmp/f.jsonl      # compare with a snapshot

Texts are every question and answer of the corpus (JSON lines with "questionText" and
"answerText"), converted with `qatool.markup.html_to_text`. Everything runs in one process.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

from qatool.extract import find_figures
from qatool.markup import html_to_text

# ../shared beside the repo, as CI has it
CORPUS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "corpus"
    / "commons-written-answers-2023-09-to-2024-05.jsonl"
)


def load_texts(path: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(record id, block name, text) of every non-empty question and answer."""
    texts: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            if not line.strip():
                continue
            row = json.loads(line)
            rid = str(row.get("id", n))
            for key, name in (("questionText", "question"), ("answerText", "answer")):
                raw = row.get(key)
                if not raw:
                    continue
                text = html_to_text(raw)
                if text:
                    texts.append((rid, name, text))
    return texts


def run_all(texts: list[tuple[str, str, str]]) -> int:
    n = 0
    for rid, name, text in texts:
        n += len(find_figures(text, source=name, record=rid))  # type: ignore[arg-type]
    return n


def dump_lines(texts: list[tuple[str, str, str]]) -> list[str]:
    lines: list[str] = []
    for rid, name, text in texts:
        for f in find_figures(text, source=name, record=rid):  # type: ignore[arg-type]
            lines.append(json.dumps(f.model_dump(mode="json"), ensure_ascii=False, sort_keys=True))
    return lines


def _key(line: str) -> tuple[str, str, int]:
    f = json.loads(line)
    return (str(f["record"]), str(f["source"]), int(f["start"]))


def check(texts: list[tuple[str, str, str]], snapshot: Path, show: int) -> int:
    """Compare with a snapshot figure by figure, keyed by (record, block, start): lists the
    figures lost, the figures gained and, for the others, the fields that changed."""
    want = snapshot.read_text(encoding="utf-8").splitlines()
    got = dump_lines(texts)
    if want == got:
        print(f"OK: {len(got)} figures identical to {snapshot}")
        return 0
    before = {_key(line): json.loads(line) for line in want}
    after = {_key(line): json.loads(line) for line in got}
    lost = [k for k in before if k not in after]
    gained = [k for k in after if k not in before]
    changed = [k for k in before if k in after and before[k] != after[k]]
    print(
        f"DIFFERENT: snapshot {len(want)} figures, now {len(got)}: {len(lost)} lost, "
        f"{len(gained)} gained, {len(changed)} changed"
    )

    def where(f: dict[str, object]) -> str:
        sentence = " ".join(str(f["sentence"]).split())
        return f"{f['record']} {f['source']}@{f['start']} {f['text']!r} | {sentence[:140]}"

    for title, keys in (("LOST", lost), ("GAINED", gained)):
        for k in keys[:show]:
            f = before.get(k) or after[k]
            print(f"{title} {where(f)} | {f['kind']} {f['value']} {f['unit']}")
    for k in changed[:show]:
        a, b = before[k], after[k]
        fields = {n: (a.get(n), b.get(n)) for n in a if n != "sentence" and a.get(n) != b.get(n)}
        print(f"CHANGED {where(a)} | {fields}")
    return 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="read only the first N records")
    ap.add_argument("--snapshot", type=Path, help="write every figure as JSON lines")
    ap.add_argument("--check", type=Path, help="compare every figure with a snapshot")
    ap.add_argument("--show", type=int, default=5, help="differences to print with --check")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs (median reported)")
    ap.add_argument("--profile", action="store_true", help="cProfile one run, by tottime")
    ap.add_argument("--top", type=int, default=40, help="rows of the profile to print")
    args = ap.parse_args(argv)

    texts = load_texts(args.corpus, args.limit)
    size = sum(len(t.encode("utf-8")) for _, _, t in texts)
    print(f"{len(texts)} texts, {size / 1e6:.2f} MB", file=sys.stderr)

    if args.snapshot:
        lines = dump_lines(texts)
        args.snapshot.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        print(f"wrote {len(lines)} figures to {args.snapshot}")
        return 0
    if args.check:
        return check(texts, args.check, args.show)
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run_all(texts)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return 0

    run_all(texts[:200])  # warm caches
    times: list[float] = []
    cpu: list[float] = []
    figures = 0
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        figures = run_all(texts)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    med, cpu_med = statistics.median(times), statistics.median(cpu)
    print(
        f"find_figures: {med:.3f} s wall median of {args.repeat} "
        f"({', '.join(f'{t:.3f}' for t in times)}); "
        f"{size / 1e6 / med:.2f} MB/s, {len(texts) / med:.0f} texts/s, {figures} figures; "
        f"CPU {cpu_med:.3f} s = {size / 1e6 / cpu_med:.2f} MB/s of CPU time"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
