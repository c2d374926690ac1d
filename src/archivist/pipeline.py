"""Named pipeline stages and the pipeline that runs them.

A stage is a small callable ``Document -> Document`` registered under a dotted
name (``layout.notes``, ``repair.ligatures``...). A `Pipeline` is a list of stage
names; it can skip, reorder or add stages, and times each one into
``Document.timings``.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import Document

Stage = Callable[[Document], Document]

REGISTRY: dict[str, Stage] = {}

# The packages whose modules register stages, imported on first use.
STAGE_PACKAGES = ("archivist.layout", "archivist.repair", "archivist.extract")

def stage(name: str) -> Callable[[Stage], Stage]:
    """Register a function as a pipeline stage under `name`."""

    def deco(fn: Stage) -> Stage:
        REGISTRY[name] = fn
        fn.stage_name = name  # type: ignore[attr-defined]
        return fn

    return deco


def load_stages() -> None:
    for pkg in STAGE_PACKAGES:
        importlib.import_module(pkg)


# The default pipeline's stages in order: layout.STAGES, repair.STAGES,
# layout.STAGES_AFTER_REPAIR, extract.STAGES (tests/test_speed13_equivalence checks
# they are the same), written out here so that a pipeline made from them and then cut
# down (`Pipeline().without(["repair", "extract"])`) does not import the packages of
# the stages it skips: repair and extract bring numpy, ftfy, wordfreq and the NER
# tables (~0.4 CPU s of a layout-only ingest's start-up). A package is imported when
# a pipeline that runs its stages is first called (`Pipeline._load`).
DEFAULT_STAGES: tuple[str, ...] = (
    "layout.pages", "layout.furniture", "layout.notes", "layout.paragraphs",
    "repair.unicode", "repair.noise", "repair.ligatures", "repair.diacritics",
    "repair.hyphenation", "repair.spacing", "repair.money", "repair.words",
    "repair.context",
    "layout.reading_order",
    "extract.citations", "extract.entities", "extract.dates", "extract.metadata",
    "extract.quantities", "extract.events",
)


def default_stage_names() -> list[str]:
    """layout.STAGES, repair.STAGES, layout.STAGES_AFTER_REPAIR, extract.STAGES."""
    return list(DEFAULT_STAGES)


def _package_of(name: str) -> str:
    """The package whose import registers stage `name` ("layout.pages" ->
    "archivist.layout")."""
    return f"archivist.{name.split('.')[0]}"


@dataclass
class Pipeline:
    names: list[str] = field(default_factory=default_stage_names)

    def __post_init__(self) -> None:
        if all(n in REGISTRY or n in DEFAULT_STAGES for n in self.names):
            return  # known: their packages are imported when first run (`_load`)
        load_stages()
        unknown = [n for n in self.names if n not in REGISTRY]
        if unknown:
            raise KeyError(f"unknown stage(s): {', '.join(unknown)}; known: "
                           f"{', '.join(sorted(REGISTRY))}")

    def _load(self) -> None:
        """Import the packages that register this pipeline's stages, once."""
        for pkg in dict.fromkeys(_package_of(n) for n in self.names if n not in REGISTRY):
            importlib.import_module(pkg)

    def without(self, skip: Iterable[str]) -> Pipeline:
        skip = set(skip)
        return Pipeline([n for n in self.names
                         if n not in skip and n.split(".")[0] not in skip])

    def only(self, prefixes: Iterable[str]) -> Pipeline:
        pre = tuple(prefixes)
        return Pipeline([n for n in self.names if n.startswith(pre)])

    def __call__(self, doc: Document) -> Document:
        self._load()
        for name in self.names:
            t0 = time.perf_counter()
            doc = REGISTRY[name](doc)
            doc.timings[name] = doc.timings.get(name, 0.0) + time.perf_counter() - t0
        return doc
