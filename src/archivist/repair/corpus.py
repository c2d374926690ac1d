"""The corpus lexicon: names and terms the corpus itself attests, for repair.

A document is repaired from its own text and, when it belongs to a corpus, from
what the corpus has already read: a surname or a transliterated term printed clean
in forty earlier documents is a word here even if no word list knows it, and its
one garbled copy in this document is read as it ("a form seen 20 times clean
outweighs its one garbled cousin").

What is counted: the capitalised word forms of each stored document's clean text
(body and notes, after repair) that no English word list knows, lower-cased, of 4+
letters: names, mostly, and the capitalised garbles repair left alone. A form
becomes a corpus *term* only when several documents print it (`MIN_DOCS`), so one
document's repeated OCR accident is not taken for a word. Lower-case forms are left
out: measured on ICDAR and generated corpora, they were mostly garbles and
fragments ("tion", "thia", "nrst") that protected each other.

The lexicon is a snapshot: `archivist ingest` reads it once from the store at the
start of a run and every document of the run is repaired against the same
snapshot, so the repair of a document depends only on its text and the lexicon
(same input, same output), whatever the order or the number of workers.

The lexicon also carries the corpus's own word *bigrams* (issue 3, stage 6:
"symspellpy ships an English bigram list; the corpus adds its own"): adjacent
lower-case word pairs of the same clean texts, one space apart (the tokenisation of
`lm.doc_bigrams`), written ``"w1 w2"``. To keep the table small as a corpus grows,
a pair is counted only when it can matter to repair: the shipped list lacks it
(`lexicon.bigram_counts`), both words are common English words (zipf >=
`PAIR_ZIPF`, the floor of `context.near_words`' candidates: a real-word error is one
common word read for another), and one of them is at an end of a cheap OCR
confusion between two such words (`_confusable`). A pair becomes a corpus bigram when `MIN_PAIR_DOCS`
documents print it, `MIN_PAIR_COUNT` times in all.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .core import WORD_RE, Change, Context, _count_forms, is_lexical

# a corpus term is printed in at least this many documents, this many times in all
MIN_DOCS = 2
MIN_COUNT = 3
MIN_LEN = 4
# a corpus bigram likewise (a pair printed clean in two documents: one document's
# repeated phrase, or its repeated garble, does not vouch for itself)
MIN_PAIR_DOCS = 2
MIN_PAIR_COUNT = 2
PAIR_ZIPF = 3.0  # both words of a counted pair at least this common in English
# A run's snapshot holds at most this many pairs: those most documents print
# (`snapshot_pair_docs`). Past the thresholds, pairs grew ~3-10k per 1,000 generated
# pages, and each held pair costs ~240 bytes in every process that repairs
# (benchmarks/README.md, lexicon11): 100k pairs is ~25 MB per process.
MAX_SNAPSHOT_PAIRS = 100_000

# The version of the counting rules (`document_forms`, `document_pairs`,
# `record.lexicon_texts` and the word lists they read). A store records it beside the
# counts it writes (`Store.counts_current`): a document's counts are taken out on
# delete or replace by the code running then, so counts written under other rules are
# recounted once before any writer adds to or subtracts from them. Bump it with any
# change to what these functions count; the word-list packages' versions are part of
# `counting_rules()` on their own (an upgrade of wordfreq changes `is_lexical`).
# 2: a document stored without repair (`ingest --no-repair`) counts nothing.
COUNTING_VERSION = 2
_COUNTING_PACKAGES = ("wordfreq", "symspellpy")


_RULES: dict[int, str] = {}  # COUNTING_VERSION -> counting_rules() (no table: not preloaded)


def counting_rules() -> str:
    """The counting rules of this code as one short string: `COUNTING_VERSION` and the
    versions of the word-list packages the counting reads (worked out once).

    >>> counting_rules().split()[0] == str(COUNTING_VERSION)
    True
    """
    got = _RULES.get(COUNTING_VERSION)
    if got is None:
        got = _RULES[COUNTING_VERSION] = _counting_rules()
    return got


def _counting_rules() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [str(COUNTING_VERSION)]
    for name in _COUNTING_PACKAGES:
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=none")
    return " ".join(parts)


def document_forms(texts: Iterable[str]) -> Counter[str]:
    """The forms of one document's clean texts that the corpus lexicon counts:
    capitalised words (names), lower-cased, possessive stripped, letters (and inner
    apostrophes) only, 4+ letters, not an English word. Lower-case forms are not
    counted: across a corpus they are mostly the garbles and fragments repair left
    alone ("tion", "thia"), which would vouch for each other.

    >>> sorted(document_forms(["Mr. Tsvetkov's reply to Tsvetkov and the committee"]).items())
    [('tsvetkov', 2)]
    >>> document_forms(["1938 XIV the to-day, a posi- tion"])
    Counter()
    >>> document_forms(["Tbat day Wbich Tbat"])
    Counter()
    """
    from .words import garble_of_common

    out: Counter[str] = Counter()
    for text in texts:
        for w in WORD_RE.findall(text):
            if not w[0].isupper():
                continue
            _, low = _count_forms(w)
            if len(low) >= MIN_LEN and low.replace("'", "").replace("’", "").isalpha() \
                    and not is_lexical(low):
                out[low] += 1
    # no cheap misreading of a very common word ("Tbat", "Wben"): a document that
    # repeats one keeps it (see `words.garble_of_common`), and as a corpus term it
    # would then be protected in every later document, and counted again there
    return Counter({f: k for f, k in out.items() if not garble_of_common(f)})


def document_pairs(texts: Iterable[str]) -> Counter[str]:
    """The word pairs of one document's clean texts that the corpus counts, as
    ``"w1 w2"`` -> occurrences: adjacent lower-cased runs of letters one space apart
    (punctuation breaks the chain), both common English words (`PAIR_ZIPF`), the
    pair absent from the shipped bigram list (which knows it already).

    >>> sorted(document_pairs(["The kettle sang; the kettle sang, Kettle sang!"]).items())
    [('kettle sang', 3)]
    >>> document_pairs(["of the", "zqxv wlpm", "the 1938 of"])
    Counter()
    """
    from ..lexicon import bigram_counts
    from .lm import text_pairs

    shipped = bigram_counts()
    confusable = _confusable()
    out: Counter[str] = Counter()
    for text in texts:
        for a, b in text_pairs(text):
            # (the set look-ups first: most pairs stop there)
            if (a in confusable or b in confusable) and (a, b) not in shipped \
                    and _pair_word(a) and _pair_word(b):
                out[a + " " + b] += 1
    return out


def snapshot_pair_docs(docs_counts: Iterable[tuple[int, int]],
                       cap: int = MAX_SNAPSHOT_PAIRS, floor: int = MIN_PAIR_DOCS) -> int:
    """The fewest documents a pair must be printed in to enter a run's snapshot:
    `floor`, raised until at most `cap` pairs qualify, from (documents, pairs printed
    in that many documents) of the pairs past the other threshold. Pairs tied at the
    cut are all left out, so the snapshot is a threshold rising with the corpus, not
    an order among equals (the same on both backends, whatever their collation).

    >>> snapshot_pair_docs([(2, 50), (3, 30), (9, 5)], cap=100)
    2
    >>> snapshot_pair_docs([(2, 50), (3, 30), (9, 5)], cap=40)  # 35 pairs in 3+ documents
    3
    >>> snapshot_pair_docs([(2, 50), (3, 30), (9, 5)], cap=30)  # 5 in 4+ (none tied at 3)
    4
    """
    total = 0
    for d, k in sorted(docs_counts, reverse=True):  # (most documents first)
        if d < floor:
            break
        total += k
        if total > cap:
            return max(floor, d + 1)
    return floor


@lru_cache(maxsize=1)
def _confusable() -> frozenset[str]:
    """The common words (zipf >= PAIR_ZIPF) at either end of one cheap listed OCR
    confusion (`context.near_words(w, 0.5)`: "sang" / "song", "his" / "hie"): the
    words a real-word error replaces or is replaced by. A pair with none of them can
    hardly tell a real-word error (and on ICDAR's gold they were 45% of the pairs).
    Built from the packaged word list and channel tables (~2-3 CPU s), kept in the
    table cache (`archivist.tables`) for the next process."""
    from .. import tables
    from . import channel, context, core

    return tables.cached("confusable", _build_confusable, (
        __file__, context.__file__, channel.__file__, core.__file__), ("wordfreq", "symspellpy"))


def _build_confusable() -> frozenset[str]:
    from ..lexicon import listed_words
    from .context import near_words

    out: set[str] = set()
    for w in listed_words():
        if w.isalpha() and _pair_word(w):
            got = near_words(w, 0.5)
            if got:
                out.add(w)
                out.update(c for c, _ in got)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _pair_word(w: str) -> bool:
    """A word a counted pair may hold: common English, one letter only for a / i
    (cached: the same words recur on every page)."""
    from ..lexicon import zipf

    return (len(w) > 1 or w in ("a", "i")) and zipf(w) >= PAIR_ZIPF


@dataclass(frozen=True)
class CorpusLexicon:
    """Counted forms of a corpus: form -> (occurrences, documents), and its word
    pairs (`document_pairs`): ``"w1 w2"`` -> (occurrences, documents).

    >>> lex = CorpusLexicon.from_counts({"tsvetkov": (12, 5), "tsvctkov": (1, 1)})
    >>> lex.count("tsvetkov"), lex.count("tsvctkov"), lex.count("unknown")
    (12, 0, 0)
    >>> [t for t, _ in lex.terms()]
    ['tsvetkov']
    >>> lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (3, 2), "x y": (5, 1)})
    >>> lex.pair_count("kettle", "sang"), lex.pair_count("x", "y"), bool(lex), len(lex)
    (3, 0, True, 0)
    """

    forms: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    min_docs: int = MIN_DOCS
    min_count: int = MIN_COUNT
    pairs: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    min_pair_docs: int = MIN_PAIR_DOCS
    min_pair_count: int = MIN_PAIR_COUNT

    @classmethod
    def from_counts(cls, forms: Mapping[str, tuple[int, int]], min_docs: int = MIN_DOCS,
                    min_count: int = MIN_COUNT,
                    pairs: Mapping[str, tuple[int, int]] | None = None,
                    min_pair_docs: int = MIN_PAIR_DOCS,
                    min_pair_count: int = MIN_PAIR_COUNT) -> CorpusLexicon:
        """Build from (occurrences, documents) per form (and per pair); those below
        the thresholds are dropped (they never count)."""
        kept = {f: (int(n), int(d)) for f, (n, d) in forms.items()
                if n >= min_count and d >= min_docs}
        kept_pairs = {p: (int(n), int(d)) for p, (n, d) in (pairs or {}).items()
                      if n >= min_pair_count and d >= min_pair_docs}
        got = cls(dict(sorted(kept.items())), min_docs, min_count,
                  dict(sorted(kept_pairs.items())), min_pair_docs, min_pair_count)
        # its mappings are sorted dicts of ints past the thresholds: `without` may
        # subtract from a copy instead of building them again
        object.__setattr__(got, "_normal", True)
        return got

    @classmethod
    def from_documents(cls, documents: Iterable[Iterable[str]], min_docs: int = MIN_DOCS,
                       min_count: int = MIN_COUNT, pairs: bool = True) -> CorpusLexicon:
        """Count the clean texts of many documents (each an iterable of texts);
        `pairs` False counts the forms only.

        >>> lex = CorpusLexicon.from_documents([["Tsvetkov said"], ["Tsvetkov, Tsvetkov"]])
        >>> dict(lex.forms)
        {'tsvetkov': (3, 2)}
        """
        n: Counter[str] = Counter()
        d: Counter[str] = Counter()
        pn: Counter[str] = Counter()
        pd: Counter[str] = Counter()
        for texts in documents:
            texts = list(texts)
            forms = document_forms(texts)
            n.update(forms)
            d.update(forms.keys())
            if pairs:
                got = document_pairs(texts)
                pn.update(got)
                pd.update(got.keys())
        return cls.from_counts({f: (n[f], d[f]) for f in n}, min_docs, min_count,
                               {p: (pn[p], pd[p]) for p in pn})

    def without(self, own: Mapping[str, int]) -> CorpusLexicon:
        """This lexicon minus one document's own counts: its forms
        (`document_forms`) and its pairs (`document_pairs`, the keys with a space),
        in one mapping: what the rest of the corpus attests (for reprocessing a
        stored document, and for leave-one-out measurement).

        >>> lex = CorpusLexicon.from_counts({"tsvetkov": (5, 3)}, pairs={"a b": (2, 2)})
        >>> dict(lex.without({"tsvetkov": 1}).forms), dict(lex.without({"tsvetkov": 3}).forms)
        ({'tsvetkov': (4, 2)}, {})
        >>> dict(lex.without({"a b": 1}).pairs), dict(lex.without({"tsvetkov": 1}).pairs)
        ({}, {'a b': (2, 2)})
        """
        if not self.__dict__.get("_normal"):  # (built by hand: filter and sort it all)
            def less(counts: Mapping[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
                out = {}
                for f, (n, d) in counts.items():
                    k = own.get(f, 0)
                    out[f] = (n - k, d - (1 if k else 0))
                return out

            return CorpusLexicon.from_counts(less(self.forms), self.min_docs, self.min_count,
                                             less(self.pairs), self.min_pair_docs,
                                             self.min_pair_count)
        # Only the document's own keys change: subtract them from copies of the sorted
        # mappings (a dict copy keeps the order; a deleted key leaves the others in
        # place), the same lexicon `from_counts` builds, without refiltering and
        # resorting every pair for each reprocessed document (~0.17 s at 100k pairs).
        forms, pairs = dict(self.forms), dict(self.pairs)
        for key, k in own.items():
            if not k:
                continue
            for counts, min_n, min_d in ((forms, self.min_count, self.min_docs),
                                         (pairs, self.min_pair_count, self.min_pair_docs)):
                got = counts.get(key)
                if got is None:
                    continue
                n, d = got[0] - int(k), got[1] - 1
                if n >= min_n and d >= min_d:
                    counts[key] = (n, d)
                else:  # (a form or pair falling under the bars no longer counts)
                    del counts[key]
        out = CorpusLexicon(forms, self.min_docs, self.min_count, pairs, self.min_pair_docs,
                            self.min_pair_count)
        object.__setattr__(out, "_normal", True)
        return out

    def count(self, low: str) -> int:
        """Occurrences of a lower-case form in the corpus, 0 unless it is a term."""
        got = self.forms.get(low)
        return got[0] if got is not None else 0

    def pair_count(self, w1: str, w2: str) -> int:
        """Occurrences of the lower-case pair (w1, w2), 0 unless it is a corpus bigram."""
        got = self.pairs.get(w1 + " " + w2) if self.pairs else None
        return got[0] if got is not None else 0

    def pair_ends(self) -> tuple[frozenset[str], frozenset[str]]:
        """The first and the second words of the corpus bigrams, made once per
        lexicon (kept on it, as its digest is): most words start or end no pair, and
        one set look-up tells.

        >>> CorpusLexicon.from_counts({}, pairs={"kettle sang": (2, 2)}).pair_ends()
        (frozenset({'kettle'}), frozenset({'sang'}))
        """
        got = self.__dict__.get("_ends")
        if got is None:
            split = [p.split(" ") for p in self.pairs]
            got = (frozenset(a for a, _ in split), frozenset(b for _, b in split))
            object.__setattr__(self, "_ends", got)
        return got  # type: ignore[no-any-return]

    def forms_only(self) -> CorpusLexicon:
        """This lexicon without its word pairs (made once per lexicon, kept on it).

        >>> lex = CorpusLexicon.from_counts({"tsvetkov": (5, 3)}, pairs={"a b": (2, 2)})
        >>> f = lex.forms_only()
        >>> dict(f.forms), dict(f.pairs), f is lex.forms_only()
        ({'tsvetkov': (5, 3)}, {}, True)
        """
        got = self.__dict__.get("_forms_only")
        if got is None:
            got = self if not self.pairs else CorpusLexicon.from_counts(
                self.forms, self.min_docs, self.min_count)
            object.__setattr__(self, "_forms_only", got)
        return got  # type: ignore[no-any-return]

    def has(self, key: str) -> bool:
        """Whether `key` (a form, or a pair ``"w1 w2"``) counts in this lexicon."""
        return key in (self.pairs if " " in key else self.forms)

    def terms(self) -> list[tuple[str, int]]:
        """(form, occurrences) of every term, in form order."""
        return [(f, n) for f, (n, _) in self.forms.items()]

    def __len__(self) -> int:
        return len(self.forms)

    def __hash__(self) -> int:
        # by content, as equality (a lexicon may key a cache)
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        # by digest: two snapshots of one corpus meet in those caches, and comparing
        # their mappings took 20 ms each time (a digest is computed once per object)
        if not isinstance(other, CorpusLexicon):
            return NotImplemented
        return self is other or self.digest == other.digest

    def __bool__(self) -> bool:
        return bool(self.forms) or bool(self.pairs)

    @property
    def digest(self) -> str:
        """A short content hash: which lexicon a repair used (and a cache key). A
        lexicon without pairs hashes as before pairs existed (stored digests hold)."""
        got = self.__dict__.get("_digest")
        if got is None:
            content: list[Any] = [self.min_docs, self.min_count, list(self.forms.items())]
            if self.pairs:
                content += [self.min_pair_docs, self.min_pair_count, list(self.pairs.items())]
            h = hashlib.sha256(json.dumps(content, separators=(",", ":")).encode()
                               ).hexdigest()[:16]
            object.__setattr__(self, "_digest", h)
            got = h
        return got

    def to_json(self) -> dict[str, Any]:
        return {"min_docs": self.min_docs, "min_count": self.min_count,
                "forms": {f: list(v) for f, v in self.forms.items()},
                "min_pair_docs": self.min_pair_docs, "min_pair_count": self.min_pair_count,
                "pairs": {p: list(v) for p, v in self.pairs.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CorpusLexicon:
        """Read `to_json`'s shape back (a file without pairs: none).

        >>> lex = CorpusLexicon.from_counts({"tsvetkov": (12, 5)}, pairs={"a b": (3, 2)})
        >>> CorpusLexicon.from_json(lex.to_json()) == lex
        True
        >>> CorpusLexicon.from_json({"forms": {}, "pairs": {"ab": [3, 2]}})
        Traceback (most recent call last):
        ValueError: pair 'ab' is not two lower-case words
        """
        forms = {str(f): (int(v[0]), int(v[1])) for f, v in dict(data["forms"]).items()}
        # a form `document_forms` could never count would never match a word (upper
        # case) or break repair (an empty form: the terms are filed by first letter)
        bad = next((f for f in forms if not f or f != f.lower() or " " in f), None)
        if bad is not None:
            raise ValueError(f"form {bad!r} is not a lower-case word")
        pairs = {str(p): (int(v[0]), int(v[1]))
                 for p, v in dict(data.get("pairs") or {}).items()}
        bad = next((p for p in pairs if p != p.lower() or len(p.split(" ")) != 2
                    or not all(p.split(" "))), None)
        if bad is not None:
            raise ValueError(f"pair {bad!r} is not two lower-case words")
        return cls.from_counts(forms, int(data.get("min_docs", MIN_DOCS)),
                               int(data.get("min_count", MIN_COUNT)), pairs,
                               int(data.get("min_pair_docs", MIN_PAIR_DOCS)),
                               int(data.get("min_pair_count", MIN_PAIR_COUNT)))


def load_lexicon(source: str | Path) -> CorpusLexicon:
    """The corpus lexicon at `source`: a JSON file in `CorpusLexicon.to_json`'s
    shape (``.json``), or a corpus database (a SQLite path or a
    ``sqlite:///``/``postgresql://`` URL), whose stored documents it counts.
    Raises ValueError with a one-line reason when it cannot be read."""
    text = str(source)
    if text.endswith(".json"):
        try:
            with open(text, encoding="utf-8") as fh:
                return CorpusLexicon.from_json(json.load(fh))
        except OSError as exc:
            raise ValueError(f"cannot read it ({exc.strerror or exc})") from exc
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as exc:
            raise ValueError(f"not a corpus lexicon ({exc})") from exc
    from ..store import open_store, parse_url

    kind, where = parse_url(text)
    if kind == "sqlite" and not Path(where).is_file():
        # (opening it would create an empty corpus there: a mistyped path must not
        # silently repair without a lexicon)
        raise ValueError("no such file or corpus database")
    with open_store(text) as store:
        # counts of other counting rules are recounted first, as `ingest` does before
        # its snapshot: else `process --lexicon DB` repaired with a lexicon no ingest uses
        store.counts_current()
        return store.lexicon()


@lru_cache(maxsize=100_000)
def pairs_may_read(form: str) -> bool:
    """Whether the corpus word pairs may weigh in on reading the non-word `form` (as
    printed) as another word: not when it is an early-modern spelling of a word
    (`core.historical_form`: "darke", "tooke"; or a final -e on a word wordfreq's
    lists know, as "olde" beside "old"). The corpus printing a common word in that
    window says which word fits there, not that this spelling is a misreading of it;
    such a form's readings are scored as with no pairs (the words stage then decides
    as it does with the corpus's forms alone).

    >>> pairs_may_read("warehonse"), pairs_may_read("darke"), pairs_may_read("Tooke")
    (True, False, False)
    """
    from .core import historical_form

    low = form.lower()
    if historical_form(low):
        return False
    return not (len(low) >= 4 and low.endswith("e") and is_lexical(low[:-1]))


def without_pairs(ctx: Context) -> Context:
    """`ctx` with its corpus lexicon's forms but not its word pairs (made once per
    context, kept in its flags as `words._document_only` keeps its twin)."""
    if ctx.corpus is None or not ctx.corpus.pairs:
        return ctx
    got = ctx.flags.get("_without_pairs")
    if got is None:
        got = ctx.flags["_without_pairs"] = Context(ctx.counts, ctx.lower, ctx.texts,
                                                    ctx.flags, ctx.corpus.forms_only())
    return got  # type: ignore[return-value]


# A real word is read as another only on the corpus's positive evidence: the reading
# is a corpus bigram with a neighbour (one the shipped list lacks), and the word as
# read is seen beside no neighbour; scored as `context._best` scores real words, with
# the corpus bigrams in the model; a long word takes one cheap confusion only.
CORPUS_READING_COST = 1.2
CORPUS_LONG_COST = 0.5
CLEAR_BONUS = 2.0  # nats: as `context._best` for a reading the context makes clear
HELD_BELOW, HELD = 0.8, 0.45  # a reading less sure than this is only suggested


def corpus_context(text: str, ctx: Context, out: list[Change]) -> list[Change]:
    """`context.fix_context`'s changes `out`, amended by the corpus's own bigrams
    (`ctx.corpus.pairs`; without any, `out` unchanged):

    * a word changed only because the shipped list never saw its window keeps its
      reading when the corpus prints that window, both pairs, clean (the change is
      dropped);
    * a lower-case real word whose window neither list attests is read as a word
      one OCR confusion away that the corpus attests there ("the kettle song
      beside" -> "the kettle sang beside" where the corpus prints "kettle sang").

    >>> from .core import build_context
    >>> lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (3, 2)})
    >>> ctx = build_context(["the kettle sung loudly"], lex)
    >>> [(c.replacement, c.reason) for c in corpus_context("the kettle sung loudly", ctx, [])]
    [('sang', "real-word error: the corpus prints 'kettle sang'")]
    """
    corpus = ctx.corpus
    if corpus is None or not corpus.pairs:
        return out
    from .core import focus_tokens, tokenized

    tk = tokenized(text)
    spans, words, linked = tk.spans, tk.words, tk.linked
    if not words:
        return out
    starts = {s: i for i, (s, _) in enumerate(spans)}
    kept: list[Change] = []
    changed: set[int] = set()
    for c in out:
        i = starts.get(c.start)
        if i is not None and spans[i][1] == c.end:
            if None not in _window(words, linked, i) and _attested(words, linked, i, corpus) \
                    and not _attested(words, linked, i, None):
                # the corpus prints this window as read, on both sides (one side only
                # was as often a garble other documents kept: "tn the")
                continue
            changed.add(i)
        else:  # a change over several tokens (or part of one): its tokens are taken
            changed.update(j for j, (s, e) in enumerate(spans) if s < c.end and e > c.start)
        kept.append(c)
    if ctx.flags.get("archaic"):
        return kept  # old spelling: `_real_word` changes no real word there either
    focus = ctx.flags.get("focus")
    visit = range(len(words)) if focus is None else sorted(focus_tokens(ctx, spans))
    firsts, seconds = corpus.pair_ends()
    last = len(words) - 1
    for i in visit:
        if i in changed or i - 1 in changed or i + 1 in changed:
            continue  # (never two changes side by side from one view)
        # a reading needs a corpus pair with a neighbour: most tokens have none (one
        # set look-up each instead of the window's checks)
        if not ((i and linked[i - 1] and words[i - 1].lower() in firsts)
                or (i < last and linked[i] and words[i + 1].lower() in seconds)):
            continue
        got = _corpus_reading(words, linked, i, ctx)
        if got is not None:
            cand, conf, alts, pair = got
            kept.append(Change(spans[i][0], spans[i][1], cand, conf, alts,
                               f"real-word error: the corpus prints '{pair}'"))
            changed.add(i)
    kept.sort(key=lambda c: c.start)
    return kept


def _window(words: list[str], linked: list[bool], i: int) -> tuple[str | None, str | None]:
    """The lower-cased linked neighbours of token i (None where not linked)."""
    prev = words[i - 1].lower() if i and linked[i - 1] else None
    nxt = words[i + 1].lower() if i < len(linked) and linked[i] else None
    return prev, nxt


def _attested(words: list[str], linked: list[bool], i: int, corpus: Any) -> bool:
    """Whether token i's pairs with both linked neighbours (one at least) are seen,
    by the shipped list and, given one, the corpus."""
    from .lm import seen

    prev, nxt = _window(words, linked, i)
    w = words[i].lower()
    if prev is None and nxt is None:
        return False
    return (prev is None or seen(prev, w, corpus)) and (nxt is None or seen(w, nxt, corpus))


def _corpus_reading(words: list[str], linked: list[bool], i: int, ctx: Context
                    ) -> tuple[str, float, tuple[str, ...], str] | None:
    """(reading, confidence, alternatives, the corpus pair) for token i, or None."""
    from .context import REAL_PENALTY, _plain_content_word, near_words, same_word
    from .core import historical_form
    from .lm import K, context_lp, seen, softmax_conf

    w = words[i]
    if not (w.isalpha() and w.islower() and is_lexical(w)) \
            or (len(w) >= 4 and historical_form(w)):
        # an old spelling of a word ("shee", "owne") is no misreading; one of 3
        # letters was as often a misread common word (ICDAR's tuning rows)
        return None
    prev, nxt = _window(words, linked, i)
    if prev is None and nxt is None:
        return None
    corpus = ctx.corpus
    if (prev is not None and seen(prev, w, corpus)) or (nxt is not None and seen(w, nxt, corpus)):
        return None  # the word fits a neighbour: no clear context
    budget = CORPUS_LONG_COST if len(w) >= 6 else CORPUS_READING_COST
    opts: list[tuple[str, float]] = []
    pairs: dict[str, str] = {}
    # a corpus pair with a capitalised neighbour is about a name or a title ("by
    # Proverbial ..."), not the English around a word: no evidence for a reading
    low_prev = prev if prev is not None and words[i - 1][:1].islower() else None
    low_nxt = nxt if nxt is not None and words[i + 1][:1].islower() else None
    for cand, cost in near_words(w, budget):
        via = [f"{a} {b}" for a, b in ((low_prev, cand), (cand, low_nxt))
               if a is not None and b is not None and not seen(a, b) and corpus.pair_count(a, b)]
        if not via or cand + "s" == w or w + "s" == cand or same_word(w, cand):
            continue  # (the shipped list alone: `context` decided it; grammar, spelling)
        pairs[cand] = via[0]
        # as `_best` scores a reading of a real word: clear (attested on every side,
        # the word on none) takes 2 nats off the penalty
        clear = (prev is None or seen(prev, cand, corpus)) and (nxt is None
                                                                 or seen(cand, nxt, corpus))
        pen = REAL_PENALTY - (CLEAR_BONUS if clear else 0.0)
        opts.append((cand, context_lp(cand, prev, nxt, ctx) - K * cost - pen))
    if not opts:
        return None
    opts.append(("\0keep", context_lp(w, prev, nxt, ctx)))
    opts.sort(key=lambda o: (-o[1], o[0]))
    if opts[0][0] == "\0keep":
        return None
    top = opts[:6]
    cand = opts[0][0]
    conf = softmax_conf([s for _, s in top], 0)
    if conf < HELD_BELOW or len(cand) < len(w) or _plain_content_word(w, w, cand):
        # as `context._real_word` holds its readings: below 0.8, a real word losing a
        # letter, or a known content word swapped for a rarer-than-common one, they
        # were right less than half the time on ICDAR
        conf = min(conf, HELD)
    return cand, conf, (w, *[o for o, _ in top[1:3] if o != "\0keep"]), pairs[cand]
