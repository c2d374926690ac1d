"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def processed_samples(samples):
    """Every sample document run through the default pipeline once per session."""
    from archivist.process import process_path

    return {p.name: process_path(p) for p in samples}


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Don't collect conftest files as doctest modules: pytest already loads them as
    plugins, and importing several under the one name "conftest" clashes when
    test folders are named together on the command line."""
    if collection_path.name == "conftest.py":
        return True
    return None
