"""extract stages. `STAGES` lists this package's stages in their default order.

Citations run first (entities use their author names), then names, dates (which
find the document's own date), metadata, quantities (after dates: a number a date
covers is no quantity) and the dated events.
"""

# importing registers the stages
from . import citations, dates, entities, events, metadata, quantities  # noqa: F401

STAGES: list[str] = [
    "extract.citations",
    "extract.entities",
    "extract.dates",
    "extract.metadata",
    "extract.quantities",
    "extract.events",
]
