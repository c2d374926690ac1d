"""repair stages: fix what OCR and PDF extraction broke, as explained stand-off edits.

`STAGES` lists this package's stages in their default order: characters first
(unicode, OCR noise marks, ligatures, diacritics), then line breaks and spaces, sums of money, then words, then
context (which sees the words already repaired).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import (  # noqa: F401
    context,
    diacritics,
    hyphenation,
    ligatures,
    money,
    noise,
    spacing,
    unicode,
    words,
)

if TYPE_CHECKING:
    from ..model import Document

STAGES: list[str] = [
    "repair.unicode",
    "repair.noise",
    "repair.ligatures",
    "repair.diacritics",
    "repair.hyphenation",
    "repair.spacing",
    "repair.money",
    "repair.words",
    "repair.context",
]


def repair_text(text: str, lexicon: object = None, threshold: float = 0.5) -> Document:
    """The repair stages alone on `text`, as one view (no layout, no extraction):
    the returned Document holds the edits and, in `.text`, the repaired reading.
    `lexicon`: a corpus lexicon (`repair.corpus.CorpusLexicon`) or None.

    >>> repair_text("the rnatters of state").text
    'the matters of state'
    """
    from ..model import Document, Source
    from ..pipeline import REGISTRY, load_stages

    load_stages()
    doc = Document(original=text, source=Source("text", "0", "text"))
    doc.threshold = threshold
    doc.lexicon = lexicon
    for name in STAGES:
        doc = REGISTRY[name](doc)
    return doc
