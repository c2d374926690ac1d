"""Review 9b: malformed corpus lexicons are refused with a one-line reason instead
of breaking repair later (invented names)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archivist import repair
from archivist.model import Document, Source
from archivist.pipeline import REGISTRY, load_stages
from archivist.repair import repair_text
from archivist.repair.corpus import load_lexicon


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "lex.json"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text", [
    json.dumps({"forms": {"": [5, 3]}}),  # an empty form broke `_corpus_terms` (w[0])
    json.dumps({"forms": {"Vaskarin": [5, 3]}}),  # never matches a (lower-cased) word
    '{"forms": {"vaskarin": [Infinity, 3]}}',  # OverflowError escaped as a traceback
])
def test_a_malformed_lexicon_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(ValueError, match="not a corpus lexicon"):
        load_lexicon(_write(tmp_path, text))


def test_a_well_formed_lexicon_still_loads_and_repairs(tmp_path: Path) -> None:
    lex = load_lexicon(_write(tmp_path, json.dumps({"forms": {"velkarov": [40, 12]}})))
    load_stages()
    doc = Document(original="The envoy Vclkarov left.", source=Source("t", "0", "text"))
    doc.lexicon = lex
    for name in repair.STAGES:
        doc = REGISTRY[name](doc)
    assert doc.text == "The envoy Velkarov left."


def test_a_dictionary_form_next_to_a_far_commoner_word_is_still_read() -> None:
    # the rare-dictionary-word rule protected everyday misreadings that Webster lists
    # (one listed confusion from a word a hundred times commoner); session start read them
    from archivist.repair.core import Context
    from archivist.repair.words import correct_word

    for word, prev, nxt, want in (("tock", "He", "the", "took"), ("gove", "He", "the", "gave"),
                                  ("hoppy", "was", "to", "happy"),
                                  ("strang", "were", "and", "strong")):
        got = correct_word(word, prev, nxt, Context())
        assert got is not None and got.replacement == want, word
    # the words the rule is for stay protected
    for word, prev, nxt in (("glebe", "the", "and"), ("tithing", "the", "of")):
        assert correct_word(word, prev, nxt, Context()) is None, word


def test_a_missing_corpus_database_is_refused_not_created(tmp_path: Path) -> None:
    # a mistyped --lexicon path created an empty SQLite corpus there and repaired
    # without a lexicon, silently
    for where in (tmp_path / "typo" / "corpus.db", f"sqlite:///{tmp_path / 'other.db'}"):
        with pytest.raises(ValueError, match="no such file"):
            load_lexicon(where)
    assert list(tmp_path.iterdir()) == []


def _repair(text: str, lexicon: object) -> str:
    return repair_text(text, lexicon).text


def test_a_repeated_garble_of_a_common_word_is_no_corpus_term() -> None:
    # two documents that each repeat a capitalised misreading of a common word keep it
    # (a repeated form is attested), so the corpus counted it as a term, and it was
    # then protected in every later document, where alone it is read
    from archivist.repair.corpus import CorpusLexicon, document_forms

    stored = [[_repair(f"Wbich farmer sold the {c}? Wbich buyer paid for the {c}?", None)]
              for c in ("corn", "wool", "hay")]
    assert all("Wbich" in texts[0] for texts in stored)  # (what makes the risk real)
    assert "wbich" not in document_forms(stored[0])
    lex = CorpusLexicon.from_documents(stored)
    assert "wbich" not in lex.forms
    assert _repair("Wbich road led to the mill?", lex) == "Which road led to the mill?"
