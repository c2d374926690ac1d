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


def load_tables() -> None:
    """Load every table the repair stages read, each built or read once per process
    (most from the on-disk cache, `archivist.tables`; ~0.8 CPU s in all): for a
    process about to fork workers that would otherwise each load their own
    (`store.ingest.share_tables`). Nothing else changes: the stages load them on
    first use either way."""
    from .. import lexicon
    from . import channel, core, corpus, deep, lm

    # (the corpus pairs' tables too: every worker counts its documents' pairs,
    # `corpus.document_pairs`, and reads the pairs of a corpus lexicon, `lm.corpus_lp`)
    for load in (corpus._confusable, lm._rarest, lexicon._freqs, lexicon._bigrams,
                 channel.confusions, channel._max_obs_len, channel.frequencies,
                 channel._affixes, channel._lowered_table,
                 channel._lowered_replacements, channel._around_entries, channel._keys_around,
                 core._symspell_words, deep._dictionary, deep._by_length, context._frequent_gaps,
                 context._max_shrink, context._join_words, context._pair_ends, words._edge_counts,
                 # (session 15, words15: the deep letter masks, the floor's savings)
                 deep._letter_masks, words._savings_by_obs):
        load()
