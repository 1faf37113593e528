"""Reading inputs: paths, globs and standard input → decoded text, with clear errors.

Encodings are detected in this order: a byte-order mark (UTF-8, UTF-16, UTF-32), then UTF-16
without a BOM (NUL bytes at every other position), then strict UTF-8, then the charset a
document declares (XML/HTML), then Windows-1252 (the usual legacy encoding of UK pages,
where "£" is byte 0xA3). The choice is reported in `Input.encoding` (and so in each record's
`source.encoding`).

Text that is mostly UTF-8 but has a few invalid bytes is read as UTF-8 with each bad byte
replaced by U+FFFD, and says so in `ReadInput.warnings` (the batch copies them into every
record's `warnings`, so `--strict` refuses it). Empty, white-space-only, binary and oversized
inputs raise `InputError` with a one-line message.
"""

from __future__ import annotations

import codecs
import glob
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import regex

from qatool.errors import InputError
from qatool.parsers.base import Input

# Larger inputs are refused rather than read: parsing needs several times their size in
# memory, and a device such as /dev/zero would otherwise be read for ever.
MAX_INPUT_BYTES = 256 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = regex.compile(
    rb"""(?:encoding|charset)\s*=\s*["']?(?P<name>[A-Za-z0-9._\-]{2,40})""", regex.I
)
# A well-formed multi-byte UTF-8 sequence: evidence that bytes are UTF-8 with a few errors,
# not a legacy 8-bit encoding.
_UTF8_MULTIBYTE = regex.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Control characters that never appear in text (tab, LF, CR, FF are fine).
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_GLOB_CHARS = frozenset("*?[")
_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadInput(Input):
    """An `Input` as read from a file, with what the reader noticed on the way."""

    warnings: tuple[str, ...] = ()


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _declared(data: bytes) -> str | None:
    """The 8-bit charset the document declares in its first 2 KB, if Python knows it."""
    found = _DECLARED.search(data[:2048])
    if not found:
        return None
    try:
        name = codecs.lookup(found["name"].decode("ascii")).name
    except LookupError:
        return None
    # A declared UTF-16/32 on bytes that are not is a lie; UTF-7 can smuggle anything.
    if name.startswith(("utf-16", "utf-32", "utf-7")):
        return None
    return name


def _lossy_utf8(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """UTF-8 with a few bad bytes (evidence: well-formed multi-byte sequences outnumber
    the bad bytes, or the document declares UTF-8): the text and a warning."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:  # pragma: no cover - the caller tried strict UTF-8 first
        return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    if declared != "utf-8" and good < max(1, bad):
        return None
    plural = "s" if bad != 1 else ""
    return text, (
        f"invalid UTF-8: {bad} byte sequence{plural} replaced by U+FFFD "
        f"(the first at byte {first_bad})"
    )


def decode(data: bytes, path: str) -> ReadInput:
    """Bytes → text. Raises InputError for empty, whitespace-only or binary input."""
    if not data:
        raise InputError(path, "empty file", hint="nothing to parse")
    warnings: list[str] = []
    text: str | None = None
    encoding: str | None = None
    body = data
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, body = name, data[len(bom) :]
            break
    encoding = encoding or _looks_utf16(data)
    if encoding and encoding != "utf-8":
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError as exc:
            offset = exc.start + len(data) - len(body)
            raise InputError(
                path,
                f"invalid {encoding} text at byte {offset}",
                hint="is it a binary file, or cut short?",
            ) from None
    else:
        try:
            text, encoding = body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            declared = "utf-8" if encoding == "utf-8" else _declared(body)
            lossy = _lossy_utf8(body, declared)
            if lossy is not None:
                (text, warning), encoding = lossy, "utf-8"
                warnings.append(warning)
            else:
                for name in [declared or "cp1252", "cp1252", "latin-1"]:
                    try:
                        text, encoding = body.decode(name), codecs.lookup(name).name
                        break
                    except (LookupError, UnicodeDecodeError):
                        continue
    assert text is not None  # latin-1 decodes any bytes
    head = text[:8192]
    if "\x00" in text or len(_CONTROL.findall(head)) > max(8, len(head) // 100):
        raise InputError(path, "binary data, not text", hint="qatool reads text, HTML, XML or JSON")
    if not text or text.isspace():  # (not text.strip(), without copying the text)
        raise InputError(path, "only white space", hint="nothing to parse")
    return ReadInput(text=text, path=path, encoding=encoding, warnings=tuple(warnings))


def _read_capped(stream: BinaryIO, path: str) -> bytes:
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            path,
            f"larger than {MAX_INPUT_BYTES // _MB} MB",
            hint="split it into smaller files; JSON Lines can be cut at any line",
        )
    return data


def read_path(path: str) -> ReadInput:
    """Read and decode one path as given ("-" is standard input)."""
    if path == "-":
        return decode(_read_capped(sys.stdin.buffer, "-"), "-")
    p = Path(path)
    try:
        with p.open("rb") as stream:
            data = _read_capped(stream, path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(
            path, "is a directory", hint="give the files inside it, e.g. DIR/*.txt"
        ) from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None
    return decode(data, path)


def expand_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Each path as given; a glob pattern that is not itself a file expands to its matches
    (sorted), or to an error when nothing matches. No paths → standard input."""
    if not paths:
        yield "-"
        return
    for path in paths:
        if path != "-" and _GLOB_CHARS & set(path) and not Path(path).exists():
            try:
                matches = sorted(glob.glob(path, recursive=True))  # noqa: PTH207 (absolute patterns too)
            except (OSError, ValueError) as exc:
                yield InputError(path, f"bad pattern: {exc}")
                continue
            if not matches:
                yield InputError(path, "no files match this pattern")
            yield from matches
        else:
            yield path
