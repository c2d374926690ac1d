"""repair stages: fix what OCR and PDF extraction broke, as explained stand-off edits.

`STAGES` lists this package's stages in their default order: characters first
(unicode, ligatures, diacritics), then line breaks and spaces, then words, then
context (which sees the words already repaired).
"""

from . import context, diacritics, hyphenation, ligatures, spacing, unicode, words  # noqa: F401

STAGES: list[str] = [
    "repair.unicode",
    "repair.ligatures",
    "repair.diacritics",
    "repair.hyphenation",
    "repair.spacing",
    "repair.words",
    "repair.context",
]
