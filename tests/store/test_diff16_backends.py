"""Differential tests: one invented corpus (tests/store/diff_corpus.py) ingested into
SQLite and into PostgreSQL by the path the CLI takes (`store.ingest.ingest`, full
depth: repair, edits and originals stored as in real use), then the same queries and
reports asked of both, answers compared.

What may legitimately differ, and is therefore not compared:

* the ranking (FTS5 bm25 against ts_rank) and so the order of hits and their
  `score`: hits are compared as sets, the top hit only where one passage clearly
  dominates (`test_a_dominating_passage_is_on_top_on_both`);
* `ingested_at` (the clock when each store was written);
* above fuzziness ~0.25, PostgreSQL's similarity floor (`postgres.MIN_TRGM_SIMILARITY`,
  0.2): the trigram index is never asked for less similar words, where SQLite's rule
  (shared trigrams only) still takes them (a deliberate speed bound, review12c):
  PostgreSQL's variants are then SQLite's less those under the floor
  (`test_a_high_fuzziness_only_drops_variants_under_the_floor`);
* a database whose LC_CTYPE is C: pg_trgm reads letters outside ASCII as word breaks
  (`test_a_c_ctype_database_warns_and_still_finds_variants`).
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from diff_corpus import DOCS, write_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archivist.store import QueryError, Store, open_store
from archivist.store.text import index_string, trigram_similarity

# (the C database's warning is asserted once, where it is opened: `pair`)
pytestmark = [pytest.mark.postgres,
              pytest.mark.filterwarnings("ignore::archivist.store.postgres.TrigramCtypeWarning")]

_n = itertools.count()


def _database(pg_server: str, ctype: str, icu: bool = False) -> str:
    """A new database with pg_trgm, made with LC_CTYPE `ctype` (and ICU's English
    collation if `icu`); skipped when the server has no such locale."""
    import psycopg

    name = f"diff16_{os.getpid()}_{next(_n)}"
    locale = (f"LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE '{ctype}'" if icu
              else f"LC_COLLATE '{ctype}' LC_CTYPE '{ctype}'")
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as con:
        try:
            con.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' {locale}")
        except psycopg.Error as exc:
            pytest.skip(f"the PostgreSQL server has no locale {ctype}: {exc}")
    with psycopg.connect(f"{pg_server}/{name}", autocommit=True) as con:
        con.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    return f"{pg_server}/{name}"


def _utf8_database(pg_server: str, icu: bool = False) -> str:
    for ctype in ("C.UTF-8", "C.utf8", "en_US.UTF-8"):
        try:
            return _database(pg_server, ctype, icu)
        except pytest.skip.Exception:
            continue
    pytest.skip("the PostgreSQL server has no UTF-8 locale to make a database with")


def _ingested(url: str, folder: Path) -> Store:
    from archivist.store.ingest import ingest

    s = open_store(url)
    outs = ingest(s, [folder], workers=1)
    assert [o.status for o in outs] == ["done"] * len(DOCS), [o.reason for o in outs]
    return s


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("diff16") / "corpus")


@pytest.fixture(scope="module")
def lite(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = _ingested(str(tmp_path_factory.mktemp("diff16db") / "corpus.db"), corpus)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="module", params=["utf8", "c", "icu"],
                ids=["pg-utf8", "pg-ctype-c", "pg-icu-en"])
def pair(request: pytest.FixtureRequest, pg_server: str, corpus: Path, lite: Store
         ) -> Iterator[tuple[Store, Store]]:
    """(SQLite, PostgreSQL), the corpus ingested into each: a database with a UTF-8
    LC_CTYPE, and one with LC_CTYPE C (pg_trgm then reads letters outside ASCII as
    word breaks: the fuzzy look-up counts the trigrams it has, and answers alike on
    this corpus; `TrigramCtypeWarning` says so on opening it), and one whose
    collation is ICU's English (text ordered otherwise than by code point)."""
    if request.param in ("utf8", "icu"):
        pg = _ingested(_utf8_database(pg_server, request.param == "icu"), corpus)
        assert not getattr(pg, "trgm_ascii_only", False)
    else:
        with pytest.warns(UserWarning, match="LC_CTYPE"):
            pg = _ingested(_database(pg_server, "C"), corpus)
    try:
        yield lite, pg
    finally:
        pg.close()


# -- comparing answers -----------------------------------------------------------
def _answer(s: Store, query: str, **kw: Any) -> Any:
    """What a search shows, less what legitimately differs: the hits as a set
    (without score), facets, expansions (in order), passages seen; or that the
    query was refused (the messages differ: each backend's own parser may speak)."""
    try:
        r = s.search(query, limit=500, **kw)
    except QueryError:
        return "refused"
    hits = sorted((h.doc, h.page, h.where, h.start, h.end, h.snippet, tuple(h.highlight),
                   h.match, h.original, h.in_original_only) for h in r.hits)
    return {"hits": hits, "facets": r.facets, "expansions": r.expansions,
            "passages": r.passages}


def _same(pair: tuple[Store, Store], query: str, **kw: Any) -> None:
    lite, pg = pair
    a, b = _answer(lite, query, **kw), _answer(pg, query, **kw)
    if a != b and isinstance(a, dict) and isinstance(b, dict):
        for k in a:  # the part that differs, named
            assert a[k] == b[k], (query, kw, k)
    assert a == b, (query, kw)


HAND_QUERIES = [
    # words, case and accents, apostrophes, hyphens
    "quorvel", "Quorvell", "QUORVEL", "elodie", "Élodie", "ÉLODIE", "brannoch",
    "o'harran", "O'Harran's", "O’Harran", "harran", "d'aubrel", "aubrel", "Ko-Varrin",
    "kovarrin", "varrin", "well-known", "steam-driven", "twenty-two", "17-19",
    "crème brûlée", "creme brulee", "café", "naive", "naïve", "grunwald", "Grünwald",
    "matthaus", "Søren", "soren", "ålvik", "alvik", "Ødegaard", "Łucja", "lucja",
    "kälberhof", "kalberhof",
    # OCR-like misreadings, both ways
    "velrnora", "velmora", "rnerchant", "merchant", "tbe", "tlie", "the", "cornmission",
    "harbonr", "quorvall", "fenvvarth", "brannocb", "grünwalb", "ødegaarb", "łucia",
    "sørem", "marigo1d", "nerchant", "nerchant's",
    # phrases
    '"grain barges"', '"harbour master"', '"Élodie Brannoch"', '"lock gates"',
    '"steam-driven dredger"', '"captain odrin quorvall"', '"grain barqes"',
    '"the commission"', '"nine feet"', '"water rose"', '"søren ålvik"', '"o\'harran\'s yard"',
    # operators, prefixes
    "harbour OR quay", "harbour AND quay", "harbour NOT quay", "-harbour quay",
    "(velmora OR tassilund) NOT grain", "quor*", "Quorvel*", "dredger*", "el*", "brann*",
    "beacon", "beacon OR quay", "pine OR timber", "1921", "1930",
    # filters, alone and with words
    "entity:Quorvel", 'entity:"Élodie Brannoch"', "entity:Velmora", "type:PERSON",
    "type:PLACE", "date:1921", "date:1923-08..1923-09", "date:1924..1925", "date:..1922",
    "doc:letter_05", "oats date:1924", "harbour type:PERSON", "quay entity:Velmora",
    # refused, on both
    "NOT harbour", '"border gua*"', "date:sometime", "colour:red", "",
]


@pytest.mark.parametrize("kw", [{}, {"exact": True}, {"fuzziness": 0.1}],
                         ids=["fuzzy", "exact", "fuzzy0.1"])
def test_hand_written_queries_answer_alike(pair: tuple[Store, Store], kw: dict) -> None:
    for q in HAND_QUERIES:
        _same(pair, q, **kw)


ODD_WORDS = ["v2x", "12th", "ﬁnal", "final", "Straße", "strasse", "İzmirli", "izmirli",
             "ǅemal", "dzemal", "kw½", "kw1", "ΣΊΣΥΦΟΣ", "σισυφοσ", "Ωμέγα", "ωμεγα",
             "日本語", "co-op", "coop", "O’Brannagh", "obrannagh", "Ma'ruf", "maruf",
             "l'Ørsted", "lørsted", "Ĳssel", "ijssel", "œuvre", "Æthel", "æthel",
             "Dørring", "Þórr", "þorr"]


def _misread(w: str) -> str:
    return w[:-1] if len(w) > 4 else w


@pytest.mark.parametrize("kw", [{}, {"exact": True}], ids=["fuzzy", "exact"])
def test_odd_words_answer_alike(pair: tuple[Store, Store], kw: dict) -> None:
    lite, pg = pair
    for q in ODD_WORDS + [w.upper() for w in ODD_WORDS] + [w[:3] + "*" for w in ODD_WORDS]:
        _same(pair, q, **kw)
    for q in map(_misread, ODD_WORDS):
        words = index_string(q).split()
        if not kw and getattr(pg, "trgm_ascii_only", False) and any(
                not re.search("[a-z0-9]", w) for w in words):
            # Documented: under LC_CTYPE C a word without one ASCII letter or digit
            # has no trigram pg_trgm can look up ("σισυφο" finds no "σισυφοσ"):
            # PostgreSQL finds less, never other (TrigramCtypeWarning says so)
            a, b = _answer(lite, q, **kw), _answer(pg, q, **kw)
            assert set(b["hits"]) <= set(a["hits"]), q
            continue
        _same(pair, q, **kw)


# the corpus's own words (as written, with their apostrophes and hyphens) and
# phrases of two or three adjacent words
_WORDS = sorted({w for _, t in DOCS for w in re.findall(r"[\w'’-]+", t)})
_RUNS = [re.findall(r"[\w'’-]+", t) for _, t in DOCS]
_PHRASES = sorted({" ".join(ws[i:i + n]) for ws in _RUNS for n in (2, 3)
                   for i in range(len(ws) - n + 1)})
_FILTERS = ["type:PERSON", "type:PLACE", "date:1921", "date:1923..1925", "doc:letter_07",
            "entity:Quorvel", "entity:Brannoch", "entity:Tassilund"]


@st.composite
def _garbled(draw: st.DrawFn, word: str) -> str:
    """`word`, or it misread: a letter replaced, dropped or doubled, an OCR confusion,
    upper case, or cut to a prefix*."""
    how = draw(st.sampled_from(["as is", "replace", "drop", "double", "ocr", "upper",
                                "prefix"]))
    if len(word) < 2 or how == "as is":
        return word
    i = draw(st.integers(0, len(word) - 1))
    if how == "replace":
        return word[:i] + draw(st.sampled_from("aeiounrmlcdhbtłøéü1")) + word[i + 1:]
    if how == "drop":
        return word[:i] + word[i + 1:]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "ocr":
        for a, b in (("m", "rn"), ("d", "cl"), ("h", "b"), ("e", "c"), ("l", "1"), ("o", "0")):
            if a in word:
                return word.replace(a, b, 1)
        return word
    if how == "upper":
        return word.upper()
    return word[:i + 1] + "*"


_word = st.sampled_from(_WORDS).flatmap(_garbled)
_phrase = st.sampled_from(_PHRASES).flatmap(
    lambda p: st.tuples(*[_garbled(w) for w in p.split()]).map(
        lambda ws: '"' + " ".join(w.rstrip("*") for w in ws) + '"'))
_part = st.one_of(_word, _word, _phrase)


@st.composite
def _query(draw: st.DrawFn) -> str:
    parts = draw(st.lists(_part, min_size=1, max_size=3))
    out = parts[0]
    for p in parts[1:]:
        op = draw(st.sampled_from(["", "AND ", "OR ", "NOT ", "-"]))
        out += f" {op}{p}" if op != "-" else f" -{p}"
    if draw(st.booleans()) and draw(st.booleans()):
        out += " " + draw(st.sampled_from(_FILTERS))
    return out


@settings(max_examples=250, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(query=_query(), kw=st.sampled_from(
    [{}, {"exact": True}, {"fuzziness": 0.1}, {"fuzziness": 0.2}]))
def test_generated_queries_answer_alike(pair: tuple[Store, Store], query: str,
                                        kw: dict) -> None:
    _same(pair, query, **kw)


@settings(max_examples=120, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(word=_word, fuzziness=st.sampled_from([0.3, 0.4, 0.5]))
def test_a_high_fuzziness_only_drops_variants_under_the_floor(
        pair: tuple[Store, Store], word: str, fuzziness: float) -> None:
    # Deliberate: PostgreSQL never asks its trigram index for words less similar
    # than MIN_TRGM_SIMILARITY (0.2; below it the index returns nearly the whole
    # length window, 10-30x slower), SQLite counts shared trigrams only. So from
    # fuzziness ~0.3 PostgreSQL's variants are SQLite's less some under the floor,
    # never others, and in the same order.
    from archivist.store.postgres import MIN_TRGM_SIMILARITY

    lite, pg = pair
    key = word.rstrip("*")
    words = index_string(key).split()
    if word.endswith("*") or len(words) != 1:
        return
    a, b = lite.expand(words[0], fuzziness), pg.expand(words[0], fuzziness)
    assert [v for v in a if v in b] == b, (word, a, b)
    for v in set(a) - set(b):
        assert trigram_similarity(words[0], v) < MIN_TRGM_SIMILARITY + 1e-3, (word, v)


def test_a_dominating_passage_is_on_top_on_both(pair: tuple[Store, Store]) -> None:
    # the ranking functions differ, but a passage naming the beacon five times
    # against one naming it once is first under either
    for s in pair:
        hits = s.search("beacon").hits
        assert hits[0].doc == "letter_31", s.backend
        assert {h.doc for h in hits} == {"letter_31", "letter_32"}


# -- the other reports -------------------------------------------------------------
def _no_clock(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _no_clock(v) for k, v in d.items() if k != "ingested_at"}
    if isinstance(d, list):
        return [_no_clock(v) for v in d]
    return d


def test_documents_entities_timeline_and_quantities_alike(pair: tuple[Store, Store]
                                                          ) -> None:
    lite, pg = pair
    for ask in (lambda s: s.documents(details=True),
                lambda s: [s.document_json(d["id"]) for d in s.documents()],
                lambda s: s.entities(), lambda s: s.entities("PERSON"),
                lambda s: s.entities("place"),
                lambda s: s.timeline(), lambda s: s.timeline("1923", "1925"),
                lambda s: s.timeline(entity="Quorvel"),
                lambda s: s.timeline(entity="élodie brannoch"),
                lambda s: s.quantities(), lambda s: s.quantities(near="NINE"),
                lambda s: s.quantities(near="Tassilund", unit="pounds"),
                lambda s: s.stats(), lambda s: s.lexicon_terms(),
                lambda s: s.pair_rows(),
                lambda s: [s.resolve(r) for r in ("letter_05", "letter_0", "3", "zzz")],
                lambda s: s.review_queue(0.99)):
        assert _no_clock(ask(lite)) == _no_clock(ask(pg))


_CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^\"',<\s]*")


@pytest.mark.parametrize("args", [
    ["show", "letter_06"], ["show", "letter_08", "--json"], ["show", "3", "--original"],
    ["show", "letter_04", "--edits"], ["entities"], ["entities", "--json"],
    ["timeline", "--json"], ["timeline", "--entity", "Ko-Varrin"],
    ["export", "--format", "json"], ["export", "--format", "csv"],
    ["export", "--format", "tei", "--query", "beacon lamp"],
    ["quantities", "--json"]], ids=lambda a: "-".join(a)[:30])
def test_cli_reports_alike(pair: tuple[Store, Store], args: list[str]) -> None:
    from typer.testing import CliRunner

    from archivist.cli import app

    outs = []
    for s in pair:
        url = s.path if s.backend == "sqlite" else s.conninfo  # type: ignore[attr-defined]
        r = CliRunner().invoke(app, [*args, "--db", url])
        assert r.exit_code == 0, r.output
        outs.append(_CLOCK.sub("", r.stdout))
    assert outs[0] == outs[1]


def test_after_revisions_and_deletions_both_answer_alike(
        pg_server: str, corpus: Path, tmp_path: Path) -> None:
    # the index maintenance of each backend (re-deriving a revised document, forgetting
    # a deleted one's words and pairs, adding a later one) leaves them answering alike
    from archivist.store.ingest import ingest

    later = tmp_path / "later"
    later.mkdir()
    (later / "later_note.txt").write_text(
        "Later: Søren Ålvik came back in 1932 and the beacon was rebuilt; tlie café "
        "on the quay was closed.\n", encoding="utf-8")
    stores = [_ingested(str(tmp_path / "c.db"), corpus),
              _ingested(_utf8_database(pg_server), corpus)]
    try:
        queues = [s.review_queue(1.0, limit=100) for s in stores]
        assert queues[0] == queues[1] and queues[0], "nothing to revise"
        for s in stores:
            for i, e in enumerate(queues[0]):
                s.set_edit_status(e["doc_id"], e["edit"],
                                  "rejected" if i % 2 == 0 else "suggested")
            for name in ("letter_15", "letter_31"):
                doc_id = s.resolve(name)
                assert doc_id is not None
                s.delete(doc_id)
            assert [o.status for o in ingest(s, [later], workers=1)] == ["done"]
        pair = (stores[0], stores[1])
        for kw in ({}, {"exact": True}):
            for q in HAND_QUERIES:
                _same(pair, q, **kw)
        for ask in (lambda s: [s.document_json(d["id"]) for d in s.documents()],
                    lambda s: s.entities(), lambda s: s.timeline(), lambda s: s.stats(),
                    lambda s: s.pair_rows(), lambda s: s.lexicon_terms(),
                    lambda s: s.review_queue(1.0)):
            assert _no_clock(ask(stores[0])) == _no_clock(ask(stores[1]))
    finally:
        for s in stores:
            s.close()
