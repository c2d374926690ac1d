"""layout stages. `STAGES` lists this package's stages in their default order.

pages (page numbers, running heads/feet) -> furniture (document headers) ->
notes (foot blocks and markers) -> paragraphs (line joins, paragraph breaks);
reading_order runs after repair, so that it scores repaired words.
"""

from . import furniture, notes, pages, paragraphs, reading_order  # noqa: F401  (register)

STAGES: list[str] = ["layout.pages", "layout.furniture", "layout.notes", "layout.paragraphs"]
# Stages that run after repair (reading order is scored on repaired words).
STAGES_AFTER_REPAIR: list[str] = ["layout.reading_order"]
