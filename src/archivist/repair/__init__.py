"""repair stages: fix what OCR and PDF extraction broke, as explained stand-off edits.

`STAGES` lists this package's stages in their default order: characters first
(unicode, OCR noise marks, ligatures, diacritics), then line breaks and spaces, sums of money, then words, then
context (which sees the words already repaired).
"""

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
