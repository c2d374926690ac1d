"""review10b: repair against corpus lexicons with word pairs is a function of the
text and the lexicon alone: the process-wide caches (`lm.seen`, `context._best`,
`words._reach`, ...) never carry one lexicon's answer into a repair against
another, in whatever order lexicons come, and caches cleared or warm give the same
document. Invented texts from common words with OCR-style near neighbours."""

from __future__ import annotations

import importlib
import pkgutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist import repair
from archivist.repair import repair_text
from archivist.repair.corpus import CorpusLexicon

WORDS = tuple(("the kettle sang song sung beside hearth barley tune tone copper lantern "
               "his hie her bad bed and arid was wan cold could near nose mill will").split())
PAIRS = ["kettle sang", "kettle song", "barley tune", "barley tone", "sang beside",
         "copper lantern", "cold mill", "near mill", "bad tune", "his kettle"]


def _clear_caches() -> None:
    # every per-argument cache of the repair modules (the one-shot tables stay)
    for m in pkgutil.iter_modules(repair.__path__):
        mod = importlib.import_module(f"archivist.repair.{m.name}")
        for f in vars(mod).values():
            info = getattr(f, "cache_info", None)
            if info is not None and info().maxsize not in (1, None):
                f.cache_clear()


def _result(text: str, lex: CorpusLexicon | None) -> tuple[str, list[tuple]]:
    doc = repair_text(text, lex)
    return doc.text, [(e.start, e.end, e.replacement, round(e.confidence, 9), e.status,
                       e.reason) for e in doc.edits]


# phrases around the pairs, as printed and one confusion off ("kettle sung")
PHRASES = ("the kettle sang beside", "the kettle song beside", "the kettle sung beside",
           "a barley tune", "a barley tone", "his kettle", "hie kettle", "near mill",
           "cold mill", "could mill", "the copper lantern", "a bad tune", "a bed tune")
sentences = st.lists(st.lists(st.sampled_from(WORDS + PHRASES), min_size=3, max_size=9)
                     .map(lambda ws: " ".join(ws).capitalize() + "."), min_size=1, max_size=4
                     ).map(lambda ss: " ".join(ss) + "\n")
lexicons = st.dictionaries(st.sampled_from(PAIRS), st.tuples(st.integers(2, 9),
                                                             st.integers(2, 5)),
                           min_size=1, max_size=6).map(
    lambda pairs: CorpusLexicon.from_counts({}, pairs=pairs))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences, lexicons, lexicons)
def test_caches_never_carry_a_lexicon_into_another(text: str, one: CorpusLexicon,
                                                   two: CorpusLexicon) -> None:
    warm = [_result(text, lex) for lex in (one, two, None, one)]
    assert warm[0] == warm[3]
    _clear_caches()
    assert _result(text, two) == warm[1]
    _clear_caches()
    assert _result(text, None) == warm[2]
    _clear_caches()
    assert _result(text, one) == warm[0]
