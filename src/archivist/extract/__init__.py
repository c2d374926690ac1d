"""extract stages. `STAGES` lists this package's stages in their default order.

Citations run first (entities use their author names), then names, dates (which
find the document's own date), metadata and the dated events.
"""

from . import citations, dates, entities, events, metadata  # noqa: F401  (registers stages)

STAGES: list[str] = [
    "extract.citations",
    "extract.entities",
    "extract.dates",
    "extract.metadata",
    "extract.events",
]
