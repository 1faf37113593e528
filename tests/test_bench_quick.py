"""The benchmark's quick mode (what CI runs so that bench/run.py cannot rot): qatool alone on a
few documents; it must run and print its tables. It measures nothing that a test asserts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.usefixtures("shared_dir")
def test_bench_quick_prints_its_tables(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.quick.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--quick",
            "--qatool-python",
            sys.executable,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    for heading in ("## Accuracy", "## Speed", "## The command", "## Start-up", "## Targets"):
        assert heading in proc.stdout
    assert "| qatool |" in proc.stdout
    assert "gold span F1" in proc.stdout
    assert out.read_text(encoding="utf-8") in proc.stdout
