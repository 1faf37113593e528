"""Reading inputs: paths, globs and standard input → decoded text, with clear errors.

Encodings are detected in this order: a byte-order mark (UTF-8, UTF-16, UTF-32), then UTF-16
without a BOM (NUL bytes at every other position), then strict UTF-8, then the charset a
document declares (XML/HTML), then Windows-1252 (the usual legacy encoding of UK pages,
where "£" is byte 0xA3). The choice is reported in `Input.encoding`.
"""

from __future__ import annotations

import codecs
import glob
import sys
from collections.abc import Iterator
from pathlib import Path

import regex

from qatool.errors import InputError
from qatool.parsers.base import Input

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = regex.compile(
    rb"""(?:encoding|charset)\s*=\s*["']?(?P<name>[A-Za-z0-9._\-]{2,40})""", regex.I
)
# Control characters that never appear in text (tab, LF, CR, FF are fine).
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_GLOB_CHARS = frozenset("*?[")


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


def decode(data: bytes, path: str) -> Input:
    """Bytes → text. Raises InputError for empty, whitespace-only or binary input."""
    if not data:
        raise InputError(path, "empty file", hint="nothing to parse")
    encoding: str | None = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    encoding = encoding or _looks_utf16(data)
    text: str | None = None
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"invalid {encoding} text at byte {exc.start}") from None
        if encoding == "utf-8-sig":
            encoding = "utf-8"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None
    if text is None:
        declared = _DECLARED.search(data[:2048])
        candidates = [declared["name"].decode("ascii")] if declared else []
        for name in [*candidates, "cp1252", "latin-1"]:
            try:
                text, encoding = data.decode(name), codecs.lookup(name).name
                break
            except (LookupError, UnicodeDecodeError):
                continue
    assert text is not None  # latin-1 decodes any bytes
    if "\x00" in text or len(_CONTROL.findall(text[:8192])) > max(8, len(text[:8192]) // 100):
        raise InputError(path, "binary data, not text", hint="qatool reads text, HTML, XML or JSON")
    if not text.strip():
        raise InputError(path, "only white space", hint="nothing to parse")
    return Input(text=text, path=path, encoding=encoding)


def read_path(path: str) -> Input:
    """Read and decode one path as given ("-" is standard input)."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-")
    p = Path(path)
    try:
        data = p.read_bytes()
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
            matches = sorted(glob.glob(path, recursive=True))  # noqa: PTH207 (absolute patterns too)
            if not matches:
                yield InputError(path, "no files match this pattern")
            yield from matches
        else:
            yield path
