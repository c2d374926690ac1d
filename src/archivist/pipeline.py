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


def default_stage_names() -> list[str]:
    """layout.STAGES, repair.STAGES, layout.STAGES_AFTER_REPAIR, extract.STAGES."""
    load_stages()
    layout = importlib.import_module("archivist.layout")
    repair = importlib.import_module("archivist.repair")
    extract = importlib.import_module("archivist.extract")
    return [*layout.STAGES, *repair.STAGES, *getattr(layout, "STAGES_AFTER_REPAIR", []),
            *extract.STAGES]


@dataclass
class Pipeline:
    names: list[str] = field(default_factory=default_stage_names)

    def __post_init__(self) -> None:
        load_stages()
        unknown = [n for n in self.names if n not in REGISTRY]
        if unknown:
            raise KeyError(f"unknown stage(s): {', '.join(unknown)}; known: "
                           f"{', '.join(sorted(REGISTRY))}")

    def without(self, skip: Iterable[str]) -> Pipeline:
        skip = set(skip)
        return Pipeline([n for n in self.names
                         if n not in skip and n.split(".")[0] not in skip])

    def only(self, prefixes: Iterable[str]) -> Pipeline:
        pre = tuple(prefixes)
        return Pipeline([n for n in self.names if n.startswith(pre)])

    def __call__(self, doc: Document) -> Document:
        for name in self.names:
            t0 = time.perf_counter()
            doc = REGISTRY[name](doc)
            doc.timings[name] = doc.timings.get(name, 0.0) + time.perf_counter() - t0
        return doc
