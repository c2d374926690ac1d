"""Shared test fixtures."""

from __future__ import annotations

import os
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


# Long hypothesis runs, outside the default test run: ARCHIVIST_FUZZ_SCALE=K multiplies
# every collected @given test's max_examples by K (its own @settings included, which a
# settings profile could not override), with no deadline, no health checks and no example
# database, so that `--hypothesis-seed=N` alone decides what is drawn.  For instance
#   ARCHIVIST_FUZZ_SCALE=30 pytest -p no:cacheprovider tests/repair --hypothesis-seed=1
# (benchmarks/fuzz_repair.sh runs the repair and model tests this way, seed by seed).
# Unset or 1: nothing changes.
_FUZZ_SCALE = float(os.environ.get("ARCHIVIST_FUZZ_SCALE", "1") or "1")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _FUZZ_SCALE == 1:
        return
    from hypothesis import HealthCheck, settings

    seen: set[int] = set()
    for item in items:
        test = getattr(getattr(item, "obj", None), "__func__", getattr(item, "obj", None))
        if not getattr(test, "is_hypothesis_test", False) or id(test) in seen:
            continue
        seen.add(id(test))
        own = getattr(test, "_hypothesis_internal_use_settings", None) or settings.default
        test._hypothesis_internal_use_settings = settings(
            own, max_examples=max(1, round(own.max_examples * _FUZZ_SCALE)), deadline=None,
            suppress_health_check=list(HealthCheck), database=None)
