"""review10b: `lm.seen(w1, w2, corpus)` was an lru_cache keyed by the corpus
lexicon, so every lexicon it was asked with stayed alive in it (500,000 entries).
A reprocessing run repairs each document against its own lexicon (the snapshot
`without` the document's own counts): a worker kept one full copy of the corpus
lexicon per document it had reprocessed (measured: 20 documents against a lexicon
of 150k pairs and 30k forms, 287 -> 636 MB; now 442 MB, bounded by the last few
document contexts). Now only the shipped-list look-up is cached."""

from __future__ import annotations

import gc

from archivist.repair import lm, repair_text
from archivist.repair.corpus import CorpusLexicon

TEXT = "At dusk the kettle sung beside the hearth, and the kettle sang on.\n"


def _live() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, CorpusLexicon))


def test_repairs_against_many_lexicons_keep_few_alive() -> None:
    fillers = {f"zz{i} yy{i}": (2, 2) for i in range(40)}
    base = CorpusLexicon.from_counts({}, pairs={"kettle sang": (9, 5), **fillers})
    before = _live()
    for i in range(30):  # a different lexicon (digest) for each "document"
        doc = repair_text(TEXT, base.without({f"zz{i} yy{i}": 1}))
        assert "kettle sang" in doc.text
        del doc
    assert _live() - before <= 10


def test_seen_still_answers_from_both_lists() -> None:
    lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (2, 2)})
    assert lm.seen("of", "the") and lm.seen("Of", "The", lex)
    assert not lm.seen("kettle", "sang") and lm.seen("Kettle", "Sang", lex)
    assert not lm.seen("kettle", "sang", CorpusLexicon())
