"""Scoring helpers shared by the word and context correctors: a small noisy-channel
language model over word bigrams, plus neighbour lookup in a text.

score(candidate) = log P(cand | prev) + log P(next | cand) - K * channel_cost

with `archivist.lexicon.bigram_logprob` (symspellpy bigrams, unigram backoff) and
document terms added to the unigram prior (a form the document uses many times
is likely right even if no dictionary knows it). Where the document belongs to a
corpus whose lexicon holds word pairs (`repair.corpus.document_pairs`: pairs the
shipped list lacks, printed clean in several documents), such a pair counts as a
listed one (`corpus_lp`, `seen(..., corpus)`). Nothing corpus-dependent is cached
globally except under the lexicon itself (hashed by its digest).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicon import bigram_counts, bigram_logprob, zipf
from .core import Context, at_text_start

if TYPE_CHECKING:
    from .corpus import CorpusLexicon

K = 5.0  # nats per unit of channel cost: a cheap confusion (0.5) ~ 1/12, a plain edit ~ 1/150
LN10 = math.log(10)
LOG_04 = math.log(0.4)  # a rare word's floor beside a neighbour (`context_lp`)
SENT_END = re.compile(r"[.!?][\"”’')\]]*\s*$")
JOINER = re.compile(r"[\s\-]*$")


@lru_cache(maxsize=500_000)
def lp_bigram(w1: str, w2: str) -> float:
    """Cached log P(w2 | w1) on lower-cased words."""
    return bigram_logprob(w1, w2)


def seen(w1: str, w2: str, corpus: CorpusLexicon | None = None) -> bool:
    """Whether the bigram occurs in the shipped list (`bigram_count(w1, w2) > 0`,
    looked up here: a new word window asks this for every neighbour and candidate)
    or, given a corpus lexicon, is one of its corpus bigrams (a dict look-up, not
    cached: a cache keyed by the lexicon kept every lexicon it met alive, and a
    reprocessing run meets one per document, `CorpusLexicon.without`).

    >>> from .corpus import CorpusLexicon
    >>> lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (2, 2)})
    >>> seen("of", "the"), seen("Kettle", "sang"), seen("Kettle", "sang", lex)
    (True, False, True)
    """
    if _seen_shipped(w1, w2):
        return True
    return corpus is not None and bool(corpus.pairs) \
        and corpus.pair_count(w1.lower(), w2.lower()) > 0


@lru_cache(maxsize=500_000)
def _seen_shipped(w1: str, w2: str) -> bool:
    """`seen` in the shipped list alone (cached per word pair: windows repeat)."""
    return bigram_counts().get((w1.lower(), w2.lower()), 0) > 0


# A corpus bigram weighs as a pair of the shipped list printed this many times over
# per document printing it (the shipped list's rarest pairs have 6.4M), up to a cap:
# it is a pair the corpus itself prints, not a guess from the unigrams.
CORPUS_PAIR_DOCS_CAP = 4


def corpus_lp(corpus: CorpusLexicon | None, w1: str, w2: str) -> float | None:
    """log P(w2 | w1) from the corpus's own bigrams (lower case; None: no corpus
    bigram), on the shipped list's scale: the rarest shipped count per document that
    prints the pair (at most CORPUS_PAIR_DOCS_CAP of them).

    >>> from .corpus import CorpusLexicon
    >>> lex = CorpusLexicon.from_counts({}, pairs={"kettle sang": (2, 2)})
    >>> corpus_lp(lex, "kettle", "sang") > lp_bigram("kettle", "sang"), corpus_lp(lex, "a", "b")
    (True, None)
    """
    if corpus is None or not corpus.pairs:
        return None
    if w1 not in corpus.pair_ends()[0]:  # (most words start no pair)
        return None
    got = corpus.pairs.get(w1 + " " + w2)
    if got is None:
        return None
    return _corpus_pair_lp(w1, min(got[1], CORPUS_PAIR_DOCS_CAP))


@lru_cache(maxsize=100_000)
def _corpus_pair_lp(w1: str, docs: int) -> float:
    """`bigram_logprob`'s arithmetic for a pair of `docs` times the rarest count."""
    from ..lexicon import _bigrams, _first_p

    total = _bigrams()[1]
    return math.log(max(_rarest() * docs / total / _first_p(w1), 1e-12))


@lru_cache(maxsize=1)
def _rarest() -> int:
    """The smallest count of the shipped bigram list."""
    return min(bigram_counts().values())


def unigram_lp(word: str, ctx: Context | None = None) -> float:
    """log P(word), with document terms given at least a modest prior."""
    z = zipf(word)
    if ctx is not None:
        k = ctx.lower.get(word, 0)
        if ctx.corpus is not None:
            k += ctx.corpus.count(word)  # a corpus term, as a document term
        if k >= 2:
            z = max(z, 2.5 + math.log10(k))
    return (z - 9) * LN10 if z > 0 else -26.0


OOV_ZIPF = 1.8  # an unknown but valid word (rare, archaic, foreign, a name) is not rare


def context_lp(word: str, prev: str | None, nxt: str | None, ctx: Context | None = None,
               known: bool = True, oov_zipf: float = OOV_ZIPF) -> float:
    """log P(word | prev) + log P(nxt | word) (lower-cased); unknown words get a
    flat unknown-word probability (zipf `oov_zipf`) instead of the bigram backoff."""
    lw = word.lower()
    if not known:
        base = max(unigram_lp(lw, ctx), (oov_zipf - 9) * LN10)
        return base + (unigram_lp(nxt.lower(), ctx) + math.log(0.4) if nxt else 0.0)
    corpus = ctx.corpus if ctx is not None and ctx.corpus is not None \
        and ctx.corpus.pairs and _plain_neighbour(word) else None
    if prev:
        s = lp_bigram(prev.lower(), lw)
        if ctx is not None and zipf(lw) < 2.0:
            s = max(s, unigram_lp(lw, ctx) + LOG_04)
        if corpus is not None and _plain_neighbour(prev):  # the corpus's own bigram
            s = max(s, corpus_lp(corpus, prev.lower(), lw) or s)
    else:
        s = unigram_lp(lw, ctx)
    if nxt:
        after = lp_bigram(lw, nxt.lower())
        if corpus is not None and _plain_neighbour(nxt):
            after = max(after, corpus_lp(corpus, lw, nxt.lower()) or after)
        s += after
    return s


def _plain_neighbour(word: str) -> bool:
    """Whether a word of a pair as printed lets a corpus bigram weigh in: not
    capitalised (but "I"). A corpus pair with a capital is mostly a name or a title ("Abbot
    Cross", "Mill Lane"), not the English around a word: as `corpus.corpus_context`
    takes no reading from it, no score takes it either (a neighbour passed lower-cased
    is taken as printed so).

    >>> _plain_neighbour("sang"), _plain_neighbour("I"), _plain_neighbour("Lane")
    (True, True, False)
    """
    return not word[:1].isupper() or word == "I"


def neighbours(text: str, spans: list[tuple[int, int]], i: int) -> tuple[str | None, str | None]:
    """The words before and after token i when only spaces/hyphens separate them
    (None across punctuation, which breaks the bigram chain)."""
    prev = nxt = None
    if i > 0:
        a, b = spans[i - 1][1], spans[i][0]
        if b == a + 1 and text[a] == " " or JOINER.match(text, a, b):
            prev = text[spans[i - 1][0]:a]
    if i + 1 < len(spans):
        a, b = spans[i][1], spans[i + 1][0]
        if b == a + 1 and text[a] == " " or JOINER.match(text, a, b):
            nxt = text[b:spans[i + 1][1]]
    return prev, nxt


def links(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """links[i]: tokens i and i+1 are neighbours for `neighbours` (only spaces or
    hyphens between them). Computed once per text instead of once per token.

    >>> links("a b-c, d", [(0, 1), (2, 3), (4, 5), (7, 8)])
    [True, True, False]
    """
    out = []
    for (_, a), (b, _) in zip(spans, spans[1:], strict=False):
        gap = text[a:b]
        out.append(gap == " " or not gap.replace("-", " ").strip())
    return out


def sentence_start(text: str, pos: int) -> bool:
    """Whether position `pos` begins a sentence (start of text or after . ! ?).

    >>> sentence_start("It was. The end", 8), sentence_start("  \\n The", 4), sentence_start("a The", 2)
    (True, True, False)
    """
    before = text[max(0, pos - 6):pos]
    return pos == 0 or bool(SENT_END.search(before)) or at_text_start(text, pos)


def softmax_conf(scores: list[float], best: int) -> float:
    """Probability of option `best` among options with log-scores `scores`."""
    m = max(scores)
    tot = sum(math.exp(s - m) for s in scores)
    return math.exp(scores[best] - m) / tot


DOC_BIGRAM = 3.0  # nats: a phrase the document itself uses elsewhere (cache model)


def doc_bigrams(ctx: Context) -> dict[tuple[str, str], int]:
    """Lower-cased word pairs the document uses (adjacent, one space apart),
    counted once per document and kept on the context.

    >>> from .core import build_context
    >>> sorted(doc_bigrams(build_context(["The İİ ab cd", "aİİİİİİİ b c"])))
    [('ab', 'cd'), ('ai̇i̇i̇i̇i̇i̇i̇', 'b'), ('b', 'c'), ('i̇i̇', 'ab'), ('the', 'i̇i̇')]
    """
    cached = ctx.flags.get("_bigrams")
    if cached is None:
        from collections import Counter

        pairs: Counter[tuple[str, str]] = Counter()
        for t in ctx.texts:
            pairs.update(text_pairs(t))
        cached = dict(pairs)
        ctx.flags["_bigrams"] = cached
    return cached  # type: ignore[return-value]


# a word and the next when one space separates them (punctuation breaks the chain)
PAIR_RE = re.compile(r"[^\W\d_]+")
# the same pairs in one pass: a whole run of letters (the look-behind keeps the
# scan linear), one space, and the next run (look-ahead: it may start a pair too)
SPACED_PAIR_RE = re.compile(r"(?<![^\W\d_])([^\W\d_]+) (?=([^\W\d_]+))")


def text_pairs(text: str) -> list[tuple[str, str]]:
    """The lower-cased word pairs of `text` that one space separates (punctuation
    breaks the chain), in order.

    >>> text_pairs("The mill, the Weir and İn")
    [('the', 'mill'), ('the', 'weir'), ('weir', 'and'), ('and', 'i̇n')]
    """
    tl = text.lower()
    if len(tl) == len(text):  # one regex pass finds the pairs (the usual case)
        return SPACED_PAIR_RE.findall(tl)
    # a letter whose lower case is longer ("İ") shifts every later offset of `tl`:
    # find the words in `text` itself and lower-case each one
    ms = list(PAIR_RE.finditer(text))
    return [(a.group().lower(), b.group().lower()) for a, b in zip(ms, ms[1:], strict=False)
            if b.start() == a.end() + 1 and text[a.end()] == " "]


def doc_bigram_bonus(ctx: Context | None, w1: str, w2: str) -> float:
    """Extra log-probability for a candidate pair the document attests elsewhere.

    >>> from .core import build_context
    >>> ctx = build_context(["I must enter a claim for this."])
    >>> doc_bigram_bonus(ctx, "enter", "a"), doc_bigram_bonus(ctx, "enter", "the")
    (3.0, 0.0)
    """
    if ctx is None or not ctx.texts:
        return 0.0
    counted = ctx.flags.get("_bigrams")
    if counted is not None:
        return DOC_BIGRAM if counted.get((w1, w2), 0) > 0 else 0.0  # type: ignore[union-attr]
    return DOC_BIGRAM if w2 in doc_followers(ctx, w1) else 0.0


def doc_followers(ctx: Context, w1: str) -> frozenset[str]:
    """The words that follow `w1` in `doc_bigrams(ctx)` (its pairs (w1, y)), found by
    one regex scan of the document for `w1` instead of counting every pair of the
    document (a join weighs one first piece against many words: they share the scan).
    Cached on the context per word.

    >>> from .core import build_context
    >>> sorted(doc_followers(build_context(["I must enter a claim; enter the house"]), "enter"))
    ['a', 'the']
    """
    cache = ctx.flags.setdefault("_followers", {})
    got = cache.get(w1)  # type: ignore[union-attr]
    if got is not None:
        return got  # type: ignore[no-any-return]
    out: set[str] = set()
    # the pairs' first words are whole runs of letters (lower-cased)
    pattern = _follower_pattern(w1) if PAIR_RE.fullmatch(w1) else None
    for t in ctx.texts:
        tl = t.lower()
        if len(tl) != len(t):  # see `doc_bigrams`: such a text's pairs are found in `t`
            ms = list(PAIR_RE.finditer(t))
            out.update(b.group().lower() for a, b in zip(ms, ms[1:], strict=False)
                       if b.start() == a.end() + 1 and t[a.end()] == " "
                       and a.group().lower() == w1)
        elif pattern is not None:
            out.update(pattern.findall(tl))
    got = cache[w1] = frozenset(out)  # type: ignore[index]
    return got


def _follower_pattern(w1: str) -> re.Pattern[str]:
    """`w1` as a whole run of letters, one space, and the next run (captured).

    Written word-first, looking behind from its end: the same matches as a leading
    "(?<![^\\W\\d_])", which the engine would try at every position (~8x faster).

    >>> _follower_pattern("the").findall("the cat and bathe dog; the  x, then the end")
    ['cat', 'end']
    """
    w = re.escape(w1)
    return re.compile(w + r"(?<![^\W\d_]" + w + r") (?=([^\W\d_]+))")
