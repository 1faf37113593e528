"""`--jobs N`: parse (and extract figures from) many inputs on several cores, output in order.

The inputs are cut into tasks — runs of consecutive small files, or runs of consecutive lines
of one large JSON Lines file (or standard input) — and handed to a pool of worker processes.
Results come back in input order, with at most a few tasks in flight per worker, so memory
stays flat and the first results are written while later ones are still being computed.

For `--json`/`--jsonl` (and `facts --csv`) the workers serialise the records and figures
themselves, each task's output as one string, and the main process only writes them.

`--jobs 1` never comes here: the CLI keeps its plain serial loop for it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import os
import pickle
import re
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qatool.batch import Problem
from qatool.parsers.base import Input
from qatool.render.jsonout import Dumped, RunDumper

__all__ = ["Dumped", "parallel_items", "resolve_jobs"]

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from qatool.models import BlockName

# A file at least this big that is JSON Lines is cut into chunks of lines.
SPLIT_BYTES = 1 << 20
# Aim for this much text per task: big enough that inter-process cost is small,
# small enough that two workers stay busy and the first output comes soon.
TASK_BYTES = 256 << 10
# Tasks in flight per worker (bounds memory held by finished-but-unwritten results).
IN_FLIGHT = 4

_LINE_AT = re.compile(r"^line (\d+)\b")


@dataclass(frozen=True, slots=True)
class _Job:
    """What every task shares: the options of the command."""

    format: str | None
    strict: bool
    figures: bool
    kinds: frozenset[str] | None
    sources: tuple[BlockName, ...]
    serialize: str | None  # the output ("json", "jsonl", "csv") workers write for, or None


@dataclass(frozen=True, slots=True)
class _Files:
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Chunk:
    """Lines `first_line`… (1-based) of one decoded input: the input with only those lines
    as its text (path, encoding and the reader's warnings kept)."""

    source: Input
    first_line: int
    format: str | None = None  # the format the whole input was found to be in


_Task = _Files | _Chunk | Problem
_Item = Any  # Record | Figure | Dumped | Problem


def resolve_jobs(jobs: int) -> int:
    """`--jobs 0` means one worker per core this process may use."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _is_object(line: str) -> bool:
    line = line.strip()
    if not (line.startswith("{") and line.endswith("}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _looks_jsonl(text: str) -> bool:
    """Several lines, the first two non-blank ones each a JSON object on its own."""
    seen = 0
    for line in text[:2_000_000].splitlines():
        if not line.strip():
            continue
        if not _is_object(line):
            return False
        seen += 1
        if seen == 2:
            return True
    return False


def _nonblank(lines: list[str], start: int, enough: int, stop: int | None = None) -> int:
    """How many of lines[start:stop] are not blank, counting no further than `enough`."""
    count = 0
    for i in range(start, len(lines) if stop is None else stop):
        line = lines[i]
        if line and not line.isspace():
            count += 1
            if count >= enough:
                break
    return count


def _chunks(source: Input, format: str | None = None) -> Iterator[_Chunk]:
    """Cut a decoded JSON Lines input into runs of whole lines of about TASK_BYTES, smaller
    towards the end (so that the workers finish together), each marked with `format`.

    Each chunk must still read as JSON Lines on its own, exactly as the whole file does:
    at least two non-blank lines, one of them (among its first twenty) a JSON object.
    Lines are counted as `str.splitlines` counts them, like the parser."""
    lines = source.text.splitlines(keepends=True)
    remaining = len(source.text)
    start = 0  # index of the chunk's first line
    while start < len(lines):
        target = min(TASK_BYTES, max(TASK_BYTES // 8, remaining // 8))
        size = nonblank = 0
        has_object = False
        end = start
        while end < len(lines):
            line = lines[end]
            end += 1
            size += len(line)
            if not line.isspace():  # (lines are never empty)
                nonblank += 1
                if not has_object and nonblank <= 20:
                    has_object = _is_object(line)
            if size >= target and nonblank >= 2 and has_object:
                break
        if end < len(lines) and (_nonblank(lines, end, 2) < 2 or size < target):
            end = len(lines)  # a short tail joins this chunk
        if _nonblank(lines, start, 1, end):
            text = "".join(lines[start:end])
            yield _Chunk(dataclasses.replace(source, text=text), start + 1, format)
        remaining -= sum(len(x) for x in lines[start:end])
        start = end


def _splittable(source: Input, format: str | None) -> bool:
    """Whether cutting this input into chunks of lines gives what parsing it whole gives:
    JSON Lines read by the api-json parser (chosen, or the one detection picks)."""
    if format is not None and format != "api-json":
        return False
    if not _looks_jsonl(source.text):
        return False
    if format is None:
        from qatool.parsers import detect_format

        try:
            return detect_format(source.text, source.path).name == "api-json"
        except Exception:
            return False
    return True


def _tasks(paths: Sequence[str], format: str | None = None) -> Iterator[_Task]:
    """The tasks for these paths, in input order."""
    from qatool.batch import internal_problem
    from qatool.errors import InputError
    from qatool.reader import expand_paths, read_path

    batch: list[str] = []
    size = 0

    def flush() -> Iterator[_Task]:
        nonlocal batch, size
        if batch:
            yield _Files(tuple(batch))
        batch, size = [], 0

    for path in expand_paths(list(paths)):
        if isinstance(path, InputError):
            yield from flush()
            yield Problem(path.path, path.message, path.hint)
            continue
        try:
            nbytes = os.stat(path).st_size if path != "-" else SPLIT_BYTES  # noqa: PTH116
        except OSError:
            nbytes = 0  # the worker reports the error in its place
        if nbytes >= SPLIT_BYTES:
            # Read here: a big JSON Lines file is cut into chunks of lines; standard input
            # can only be read once, so it is always read here.
            yield from flush()
            try:
                source: Input | None = read_path(path)
            except InputError as exc:
                if path != "-":
                    source = None  # the worker reads it again and reports it
                else:
                    yield Problem("-", exc.message, exc.hint)
                    continue
            except Exception as exc:
                yield internal_problem(path, exc)
                continue
            if source is not None and _splittable(source, format):
                # Every chunk is read as the whole input is: as JSON Lines by api-json.
                yield from _chunks(source, "api-json")
                continue
            if source is not None and path == "-":
                yield _Chunk(source, 1)
                continue
        batch.append(path)
        size += nbytes
        if size >= TASK_BYTES:
            yield from flush()
    yield from flush()


def _shifter(first_line: int) -> Callable[[str], str]:
    """Rewrites "line N…" in a chunk's problems to count from the start of the file."""

    def shift(where: str) -> str:
        m = _LINE_AT.match(where)
        if not m or first_line == 1:
            return where
        return f"line {int(m.group(1)) + first_line - 1}{where[m.end() :]}"

    return shift


def _portable(item: Any) -> Any:
    """A Problem whose kept exception would not survive the trip back from the worker
    loses it (only `--debug` uses it)."""
    if isinstance(item, Problem) and item.error is not None:
        try:
            pickle.loads(pickle.dumps(item.error))
        except Exception:
            return dataclasses.replace(item, error=None)
    return item


def _run(task: _Task, job: _Job) -> list[_Item]:
    """One task, in a worker: everything it yields, in order. With `job.serialize`, each run
    of records or figures between problems comes back as one `Dumped`, ready to write."""
    from qatool.batch import iter_figures, records_of_path, records_of_source

    if isinstance(task, Problem):
        return [task]
    if isinstance(task, _Chunk):
        records: Iterable[Any] = records_of_source(
            task.source, task.format or job.format, job.strict, where=_shifter(task.first_line)
        )
    else:
        records = (
            item for path in task.paths for item in records_of_path(path, job.format, job.strict)
        )
    items = iter_figures(records, job.kinds, job.sources) if job.figures else records
    out: list[_Item] = []
    dumper = RunDumper(job.serialize) if job.serialize else None
    for item in items:
        if isinstance(item, Problem):
            if dumper is not None and (run := dumper.take()) is not None:
                out.append(run)
            out.append(_portable(item))
        elif dumper is not None:
            dumper.add(item)
        else:
            out.append(item)
    if dumper is not None and (run := dumper.take()) is not None:
        out.append(run)
    return out


def _warm(figures: bool) -> None:
    """Import the heavy modules, and let the extractor build its lazily made tables, once
    before the workers are forked, so that each starts with them instead of building its own."""
    import qatool.batch
    import qatool.parsers  # noqa: F401

    if figures:
        from qatool.extract import find_figures

        with contextlib.suppress(Exception):
            find_figures("About £5.5 million (12%) and 3 tonnes a year over three years, in 2023.")


def _worker_init() -> None:
    """Ctrl-C reaches the whole process group: the main process alone handles it (it stops
    the pool and exits 130), so workers ignore it instead of each printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def parallel_items(
    paths: Sequence[str],
    format: str | None,
    strict: bool,
    *,
    jobs: int,
    figures: bool = False,
    kinds: frozenset[str] | None = None,
    sources: Sequence[BlockName] = ("question", "answer"),
    serialize: str | None = None,
) -> Iterator[_Item]:
    """Records (or, with `figures`, the records' figures) and problems, in input order,
    computed by `jobs` worker processes. With `serialize` ("json", "jsonl" or "csv", the
    output), the records and figures between two problems come as one `Dumped`, already
    written for that output's writer (render/jsonout.py), so that this process only writes."""
    job = _Job(format, strict, figures, kinds, tuple(sources), serialize)
    tasks = _tasks(paths, format)
    first = next(tasks, None)
    second = next(tasks, None) if first is not None else None
    if second is None:  # one task or none: no pool worth starting
        if first is not None:
            yield from _run(first, job)
        return
    import multiprocessing as mp

    _warm(figures)
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    workers = resolve_jobs(jobs)
    pending: deque[AsyncResult[list[_Item]]] = deque()
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        for task in itertools.chain((first, second), tasks):
            pending.append(pool.apply_async(_run, (task, job)))
            while len(pending) >= workers * IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
