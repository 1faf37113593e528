"""Shared test fixtures: where the repo's samples and ../shared live.

Tests that read ../shared (real documents, gold files, corpus) skip cleanly when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "spec").is_dir():
        pytest.skip("../shared is not beside the repo")
    return SHARED
