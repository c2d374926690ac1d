"""`CorpusLexicon.without` subtracts one document's own counts from copies of the
lexicon's mappings instead of rebuilding them (issue 6): the same lexicon as the
rebuild, keys, order and digest alike, on random inputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archivist.repair import corpus as C
from archivist.repair.corpus import CorpusLexicon

_form = st.text("abcde", min_size=4, max_size=6)
_pair = st.tuples(st.sampled_from(["a", "the", "kettle", "sang", "song"]),
                  st.sampled_from(["b", "sang", "beside", "door", "tune"])
                  ).map(lambda t: f"{t[0]} {t[1]}")
_counts = st.tuples(st.integers(0, 12), st.integers(0, 6))


def rebuilt(lex: CorpusLexicon, own: dict[str, int]) -> CorpusLexicon:
    """The rebuild `without` made before: every count less `own`, filtered and
    sorted again by `from_counts`."""
    def less(counts: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
        return {f: (n - own.get(f, 0), d - (1 if own.get(f, 0) else 0))
                for f, (n, d) in counts.items()}

    return CorpusLexicon.from_counts(less(dict(lex.forms)), lex.min_docs, lex.min_count,
                                     less(dict(lex.pairs)), lex.min_pair_docs,
                                     lex.min_pair_count)


@settings(max_examples=300, deadline=None)
@given(forms=st.dictionaries(_form, _counts, max_size=12),
       pairs=st.dictionaries(_pair, _counts, max_size=12),
       own=st.dictionaries(_form | _pair, st.integers(0, 5), max_size=10),
       min_docs=st.integers(1, 3), min_pair_docs=st.integers(1, 3))
def test_without_equals_the_rebuild(forms: dict[str, tuple[int, int]],
                                    pairs: dict[str, tuple[int, int]], own: dict[str, int],
                                    min_docs: int, min_pair_docs: int) -> None:
    lex = CorpusLexicon.from_counts(forms, min_docs=min_docs, pairs=pairs,
                                    min_pair_docs=min_pair_docs)
    got, want = lex.without(own), rebuilt(lex, own)
    assert list(got.forms.items()) == list(want.forms.items())  # (order too: the digest)
    assert list(got.pairs.items()) == list(want.pairs.items())
    assert (got.min_docs, got.min_count, got.min_pair_docs, got.min_pair_count) == \
        (want.min_docs, want.min_count, want.min_pair_docs, want.min_pair_count)
    assert got.digest == want.digest and got == want
    # and again from what it gave (a second reprocessed document of the same run)
    assert list(got.without(own).pairs.items()) == list(rebuilt(want, own).pairs.items())


def test_without_does_not_rebuild_the_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    lex = CorpusLexicon.from_counts({"tsvetkov": (5, 3)},
                                    pairs={"kettle sang": (4, 3), "a b": (2, 2)})

    def refused(*_a: object, **_k: object) -> CorpusLexicon:
        raise AssertionError("rebuilt every count for one document")

    monkeypatch.setattr(C.CorpusLexicon, "from_counts", classmethod(refused))
    got = lex.without({"kettle sang": 1, "a b": 1})
    assert dict(got.pairs) == {"kettle sang": (3, 2)} and dict(got.forms) == dict(lex.forms)


def test_a_lexicon_built_by_hand_is_still_filtered() -> None:
    # (not made by `from_counts`: its counts may lie under the bars, as before)
    lex = CorpusLexicon({"tsvetkov": (5, 3), "pclgrave": (1, 1)}, pairs={"a b": (1, 1)})
    assert dict(lex.without({"tsvetkov": 1}).forms) == {"tsvetkov": (4, 2)}
    assert dict(lex.without({"tsvetkov": 1}).pairs) == {}
