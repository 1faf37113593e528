"""qatool's own error types. The library raises these; the CLI turns them into one stderr line."""

from __future__ import annotations

from dataclasses import dataclass


class QatoolError(Exception):
    """Base of every error qatool raises on purpose (bad input, bad options, bad data tables)."""


class InputError(QatoolError):
    """An input could not be read or parsed at all. `path` is the file as given."""

    def __init__(self, path: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class UnknownFormatError(InputError):
    """No parser recognised the input; the message names the formats tried."""


class DataTableError(QatoolError):
    """A bundled data table (units, language strings…) is malformed: lists every problem."""


@dataclass(frozen=True, slots=True)
class Failure:
    """One record of a batch that could not be parsed; the others still are.

    Parsers yield these between records so nothing is silently lost: the CLI reports each as
    one stderr line ("qatool: FILE: where: message") and exits 1.
    """

    path: str
    message: str
    where: str | None = None

    def __str__(self) -> str:
        at = f"{self.where}: " if self.where else ""
        return f"{self.path}: {at}{self.message}"
