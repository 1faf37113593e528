"""Running a batch: many paths in, records (or figures) and problems out, in input order.

Pure core: nothing here prints. Every input record is accounted for — yielded, or reported as
a `Problem` — so a batch never loses data silently. Nothing raised while reading one input
stops the batch: qatool's own errors become a `Problem` with their message, anything else an
"internal error" `Problem` that keeps the exception (the CLI re-raises it under `--debug`).
"""

from __future__ import annotations

import importlib
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex
from pydantic import BaseModel

from qatool.errors import Failure, InputError, QatoolError
from qatool.models import BlockName, Figure, Record
from qatool.parsers import parse_input
from qatool.parsers.base import Input
from qatool.reader import ReadInput, expand_paths, read_path

# What may not reach a stderr line as is: line breaks and other controls, lone surrogates.
_UNPRINTABLE = regex.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_INTERNAL_HINT = "a bug in qatool; run with --debug for the traceback"
_TIMEOUT_HINT = "the text is pathological (e.g. one enormous run of digits or symbols)"


def _printable(text: str) -> str:
    escaped: str = _UNPRINTABLE.sub(
        lambda m: m[0].encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )
    return escaped


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input or record: reported as `qatool: PATH: message`.

    `error` keeps an unexpected exception so that `--debug` can show its traceback."""

    path: str
    message: str
    hint: str | None = None
    error: BaseException | None = field(default=None, compare=False, repr=False)

    def line(self) -> str:
        """One line, always: control characters in the path or message are escaped."""
        hint = f" (hint: {_printable(self.hint)})" if self.hint else ""
        return f"qatool: {_printable(self.path)}: {_printable(self.message)}{hint}"


def internal_problem(path: str, exc: BaseException, where: str = "") -> Problem:
    """A Problem for an exception qatool did not expect (a bug), kept for `--debug`."""
    detail = " ".join(str(exc).split())[:200]
    message = f"{where}internal error: {type(exc).__name__}" + (f": {detail}" if detail else "")
    return Problem(path, message, _INTERNAL_HINT, exc)


def _scrub(value: Any) -> tuple[Any, bool]:
    """`value` (from model_dump) with lone surrogates replaced by U+FFFD, and whether any
    were: JSON text may hold escapes such as "\\ud800" that no output encoding can write."""
    if isinstance(value, str):
        if _SURROGATE.search(value) is None:
            return value, False
        return _SURROGATE.sub("\ufffd", value), True
    if isinstance(value, dict):
        changed = False
        out: dict[str, Any] = {}
        for key, item in value.items():
            out[key], hit = _scrub(item)
            changed = changed or hit
        return out, changed
    if isinstance(value, list):
        pairs = [_scrub(item) for item in value]
        return [p[0] for p in pairs], any(p[1] for p in pairs)
    return value, False


def _has_surrogate(value: Any) -> bool:
    """Whether any string in `value` — a model (its fields, nested models, lists, dicts) —
    holds a lone surrogate: the quick test that spares most records `_scrub`."""
    items: Iterable[Any]
    if isinstance(value, BaseModel):
        extra = value.__pydantic_extra__
        items = [*value.__dict__.values(), *extra.values()] if extra else value.__dict__.values()
    elif isinstance(value, list | tuple):
        items = value
    elif isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, str):
        items = (str(value),)
    else:
        return False
    for item in items:
        if type(item) is str:
            if not item.isascii() and _SURROGATE.search(item) is not None:
                return True
        elif item is not None and _has_surrogate(item):
            return True
    return False


# --- the stall guard: no input may hang the batch ------------------------------------------

# Seconds an input may go without yielding a record, plus STALL_PER_MB for each MB of text.
# Generous: real inputs yield in well under a second per MB; this only stops a parser or the
# extractor caught in a loop (a bug), so the rest of the batch still runs. None: off.
STALL_SECONDS: float | None = 60.0
STALL_PER_MB = 10.0
_STALL_HINT = "a bug in qatool (it stopped making progress); run with --debug for the traceback"

T = TypeVar("T")


class Stalled(BaseException):
    """An input made no progress within the stall limit. A BaseException, so that no
    `except Exception` inside a parser swallows it and carries on looping."""


def stall_limit(chars: int) -> float | None:
    """The stall limit for a text of `chars` characters (None when the guard is off)."""
    if STALL_SECONDS is None:
        return None
    return STALL_SECONDS + STALL_PER_MB * chars / 1_000_000


# `signal.signal` and `signal.getsignal` without the wrappers that turn the handlers they
# return into `signal.Handlers` (SIG_DFL, SIG_IGN come back as the plain ints they equal):
# the guard swaps its handler twice for every record, and the wrapping cost more than that.
try:
    _raw_signal: Any = importlib.import_module("_signal")
except ImportError:  # pragma: no cover - not CPython
    _raw_signal = signal
_set_handler: Callable[[int, Any], Any] = getattr(_raw_signal, "signal", signal.signal)
_get_handler: Callable[[int], Any] = getattr(_raw_signal, "getsignal", signal.getsignal)


def _can_guard() -> bool:
    # Only where SIGALRM exists, in the main thread, and when nobody else uses the alarm.
    return (
        hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
        and _get_handler(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )


def watched(items: Iterator[T], seconds: float | None) -> Iterator[T]:
    """`items`, raising `Stalled` when one takes longer than `seconds` to come. Only the
    producer's time counts: the alarm is off while the consumer handles an item."""
    if seconds is None or not _can_guard():
        yield from items
        return

    def ring(signum: int, frame: Any) -> None:
        raise Stalled(f"gave up: no progress in {seconds:.0f} s")

    while True:
        previous = _set_handler(signal.SIGALRM, ring)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            item = next(items)
        except StopIteration:
            return
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            _set_handler(signal.SIGALRM, previous)
        yield item


def finish_record(record: Record, source: Input) -> Record:
    """The record as the batch hands it on: the reader's warnings first in `warnings`, the
    encoding the reader chose in `source.encoding`, and no unwritable characters."""
    extra = list(source.warnings) if isinstance(source, ReadInput) else []
    update: dict[str, Any] = {}
    if extra:
        update["warnings"] = [*extra, *record.warnings]
    if record.source.encoding is None and source.encoding is not None:
        update["source"] = record.source.model_copy(update={"encoding": source.encoding})
    if update:
        record = record.model_copy(update=update)
    if not _has_surrogate(record):
        return record
    data, dirty = _scrub(record.model_dump())
    if dirty:
        data["warnings"].append("characters no output can encode (lone surrogates) replaced")
        record = Record.model_validate(data)
    return record


def _parsed(source: Input, format: str | None) -> Iterator[Record | Failure]:
    # A generator, so that detecting the format counts as making the first item (guarded).
    yield from parse_input(source, format)


def records_of_source(
    source: Input,
    format: str | None = None,
    strict: bool = False,
    *,
    where: Callable[[str], str] = lambda where: where,
) -> Iterator[Record | Problem]:
    """The records of one decoded input, and a Problem for each thing that went wrong.

    `where` rewrites a failure's location (e.g. to shift line numbers of a chunk)."""
    path = source.path
    done = 0
    try:
        for item in watched(_parsed(source, format), stall_limit(len(source.text))):
            if isinstance(item, Failure):
                at = f"{item.where}: " if item.where else ""
                yield Problem(item.path, where(at + item.message))
                continue
            done += 1
            record = finish_record(item, source)
            if strict and record.warnings:
                for warning in record.warnings:
                    yield Problem(path, f"record {record.id}: {warning} (refused under --strict)")
            else:
                yield record
    except InputError as exc:
        yield Problem(exc.path if exc.path != "-" or path == "-" else path, exc.message, exc.hint)
    except QatoolError as exc:
        yield Problem(path, str(exc))
    except RecursionError:
        yield Problem(path, "input nested too deeply to read")
    except TimeoutError:  # a `regex` pattern ran past its timeout on pathological text
        after = f"after record {done}: " if done else ""
        yield Problem(path, f"{after}gave up: a pattern took too long", _TIMEOUT_HINT)
    except Stalled as exc:
        after = f"after record {done}: " if done else ""
        yield Problem(path, f"{after}{exc}", _STALL_HINT, exc)
    except Exception as exc:
        after = f"after record {done}: " if done else ""
        yield internal_problem(path, exc, after)


def records_of_path(
    path: str, format: str | None = None, strict: bool = False
) -> Iterator[Record | Problem]:
    """The records of one path, and a Problem for each thing that went wrong."""
    try:
        source: Input = read_path(path)
    except InputError as exc:
        yield Problem(exc.path if exc.path != "-" or path == "-" else path, exc.message, exc.hint)
        return
    except Exception as exc:
        yield internal_problem(path, exc)
        return
    yield from records_of_source(source, format, strict)


def iter_records(
    paths: Sequence[str], format: str | None = None, strict: bool = False
) -> Iterator[Record | Problem]:
    """Records of every path in order (globs expanded; no paths → standard input)."""
    for path in expand_paths(list(paths)):
        if isinstance(path, InputError):
            yield Problem(path.path, path.message, path.hint)
            continue
        yield from records_of_path(path, format, strict)


def figures_of(
    record: Record,
    kinds: frozenset[str] | None = None,
    sources: Iterable[BlockName] = ("question", "answer"),
) -> list[Figure]:
    """The record's figures, keeping only the given kinds when `kinds` is set."""
    from qatool.extract import extract_figures

    figures = extract_figures(record, tuple(sources))
    if kinds:
        figures = [f for f in figures if f.kind in kinds]
    return figures


def _figures_guarded(
    record: Record, kinds: frozenset[str] | None, sources: tuple[BlockName, ...]
) -> list[Figure]:
    """`figures_of`, under the stall guard."""

    def one() -> Iterator[list[Figure]]:
        yield figures_of(record, kinds, sources)

    chars = sum(len(b.text) for b in (record.question, record.answer) if b is not None)
    return next(watched(one(), stall_limit(chars)))


def iter_figures(
    items: Iterable[Record | Problem],
    kinds: frozenset[str] | None = None,
    sources: Iterable[BlockName] = ("question", "answer"),
) -> Iterator[Figure | Problem]:
    """The figures of each record (problems passed through); a record whose extraction
    fails becomes a Problem and the batch goes on."""
    sources = tuple(sources)
    for item in items:
        if isinstance(item, Problem):
            yield item
            continue
        try:
            figures = _figures_guarded(item, kinds, sources)
        except Stalled as exc:
            yield Problem(item.source.path, f"record {item.id}: figures: {exc}", _STALL_HINT, exc)
            continue
        except QatoolError as exc:
            yield Problem(item.source.path, f"record {item.id}: {exc}")
            continue
        except RecursionError:
            yield Problem(item.source.path, f"record {item.id}: text nested too deeply")
            continue
        except TimeoutError:  # a `regex` pattern ran past its timeout on pathological text
            yield Problem(
                item.source.path,
                f"record {item.id}: figures: gave up: a pattern took too long",
                _TIMEOUT_HINT,
            )
            continue
        except Exception as exc:
            yield internal_problem(item.source.path, exc, f"record {item.id}: figures: ")
            continue
        yield from figures
