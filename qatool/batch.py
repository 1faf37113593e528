"""Running a batch: many paths in, records (or figures) and problems out, in input order.

Pure core: nothing here prints. Every input record is accounted for — yielded, or reported as
a `Problem` — so a batch never loses data silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from qatool.errors import Failure, InputError
from qatool.models import BlockName, Figure, Record
from qatool.parsers import parse_input
from qatool.reader import expand_paths, read_path


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input or record: reported as `qatool: PATH: message`."""

    path: str
    message: str
    hint: str | None = None

    def line(self) -> str:
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"qatool: {self.path}: {self.message}{hint}"


def records_of_path(
    path: str, format: str | None = None, strict: bool = False
) -> Iterator[Record | Problem]:
    """The records of one path, and a Problem for each thing that went wrong."""
    try:
        source = read_path(path)
        items = parse_input(source, format)
        for item in items:
            if isinstance(item, Failure):
                where = f"{item.where}: " if item.where else ""
                yield Problem(item.path, where + item.message)
            elif strict and item.warnings:
                for warning in item.warnings:
                    yield Problem(path, f"record {item.id}: {warning} (refused under --strict)")
            else:
                yield item
    except InputError as exc:
        yield Problem(exc.path if exc.path != "-" or path == "-" else path, exc.message, exc.hint)
    except RecursionError:
        yield Problem(path, "input nested too deeply to read")


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
