"""Run the `qatool` command in this process and capture what it says (for the CLI tests)."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from qatool.cli import main


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.err.splitlines()

    @property
    def items(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.out.splitlines()]

    @property
    def paths(self) -> list[str]:
        return [item["source"]["path"] if "source" in item else item["path"] for item in self.items]


def qatool(*args: str | Path, stdin: bytes = b"") -> Run:
    """Run `qatool ARGS` in this process: exit code, stdout and stderr."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    with (
        mock.patch.object(sys, "argv", ["qatool", *map(str, args)]),
        mock.patch.object(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin))),
        mock.patch.object(sys, "stdout", stdout),
        mock.patch.object(sys, "stderr", stderr),
    ):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        else:  # pragma: no cover - main always exits
            code = 0
        stdout.flush()
        stderr.flush()
    return Run(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))
