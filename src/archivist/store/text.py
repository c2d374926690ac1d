"""Word normalisation, tokenisation, trigrams, OCR-aware similarity and EDTF ranges.

Both backends index the *same* token strings (built here, in Python) so that a
query behaves identically on SQLite and PostgreSQL: the index sees lower-case,
diacritic-free words separated by single spaces.

>>> [t for t, _, _ in tokens("Vasil'ev met Karakhan's aide in Ch'ongjin, to-day.")]
['vasilev', 'met', 'karakhan', 'aide', 'in', 'chongjin', 'to', 'day']
>>> index_string("Crème  BRÛLÉE!")
'creme brulee'
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from functools import lru_cache

# A word: letters/digits, optionally joined by apostrophes (Ch'ongjin, Vasil'ev).
_WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
_APOS = re.compile(r"['’ʼ]")


@lru_cache(maxsize=65536)
def norm_word(word: str) -> str:
    """Lower-case, strip diacritics and apostrophes: the indexed form of a word.

    >>> norm_word("Ch'ongjin"), norm_word("Ælfred"), norm_word("Zürich")
    ('chongjin', 'ælfred', 'zurich')
    """
    w = _APOS.sub("", word).casefold()
    if w.isascii():
        return w
    decomposed = unicodedata.normalize("NFKD", w)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A word as `tokens` sees it: an apostrophe continues a word unless it starts a
# possessive "'s" at the word's end (whose "s" is then no word of its own). A word
# never starts inside a run of letters: "1's'1a" is the word "1" and, after the
# possessive, a run that a word-start rule refuses ("'1a" follows "s"), not "a".
_SPAN_WORD = re.compile(
    r"(?<![^\W_])(?<![^\W_]['’ʼ])[^\W_]+(?:['’ʼ](?![sS](?![^\W_]))[^\W_]+)*")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(normalised word, start, end) for each word of `text`.

    A possessive "'s" is dropped (its span is not part of the word) so that
    "Karakhan's" is found by "Karakhan"; other inner apostrophes are removed so
    that transliterations like "Ch'ongjin" index as one word. The words are exactly
    those of `index_string` (made in bulk, which is much faster than word by word).
    """
    # "ʼ" (U+02BC) is a letter to \w: read it as the apostrophe it stands for, as
    # `index_string` and `fold_with_map` do (same length: the offsets hold)
    spans = [m.span() for m in _SPAN_WORD.finditer(text.replace("ʼ", "'"))]
    words = index_string(text).split()
    # equal counts alone do not pair them up: "½A\u0301A" is 2 runs and 2 words, "1" "2aa"
    if len(words) == len(spans) and folds_in_place(text):
        return [(w, s, e) for w, (s, e) in zip(words, spans, strict=True)]
    # compatibility characters (½, ﬁ...) and combining marks (a decomposed "Zu\u0308rich"
    # is one indexed word, two runs of letters): find the words in the folded text, as
    # the index does, and map them back (word by word they split where the index doesn't)
    folded, where = fold_with_map(text)
    out: list[tuple[str, int, int]] = []
    for m in _SPAN_WORD.finditer(folded):
        s, e = where[m.start()], where[m.end() - 1] + 1
        while e < len(text) and unicodedata.combining(text[e]):
            e += 1  # the marks on the last letter belong to the word
        out.append((_APOS.sub("", m.group()), s, e))
    return out


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """`text` folded character by character as `index_string` folds it (lower case,
    compatibility forms, no combining marks; apostrophes kept as '), and the offset
    in `text` of each folded character.

    >>> fold_with_map("Stra\u00dfe Zu\u0308rich")
    ('strasse zurich', [0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 10, 11, 12, 13])
    """
    out: list[str] = []
    where: list[int] = []
    # ASCII runs fold one to one (lower case): taken whole, not a Python step per
    # character (a 3 KB page took ~5 ms that way, in the hits of most searches)
    for m in _ASCII_RUN_OR_CHAR.finditer(text):
        i = m.start()
        c = m.group()
        if c[0].isascii():
            out.append(c.lower())
            where.extend(range(i, m.end()))
            continue
        if c.isspace() or c in "’ʼ":
            f = "'" if c in "’ʼ" else c
        else:
            # (ŉ folds to "ʼn": its apostrophe, a letter to \w, is one like any other)
            f = norm_word(c).replace("ʼ", "'") or ("" if unicodedata.combining(c) else c)
        out.append(f)
        where.extend([i] * len(f))
    return "".join(out), where


_ASCII_RUN_OR_CHAR = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]", re.S)


def index_string(text: str) -> str:
    """The token string both backends index for `text`: the words of `tokens`, made
    in bulk (whole-text regexes instead of one Python step per word, for speed).

    >>> s = "Karakhan's note: Ch'ongjin, Zürich; to-day."
    >>> index_string(s) == " ".join(t for t, _, _ in tokens(s))
    True
    """
    t = text.casefold()
    if not t.isascii():
        # "ŉ" folds to "ʼn", whose "ʼ" is a letter to \w: it is an apostrophe here
        t = _NON_ASCII.sub(_fold_match, t).replace("ʼ", "'")
    # the same word regex as `tokens`, so both agree on every word boundary
    return _APOS.sub("", " ".join(_SPAN_WORD.findall(t)))


def pair_string(index: str) -> str:
    """The adjacent word pairs of an index string (`index_string`), as the tokens of
    the SQLite pair index: pair i joins words i and i+1 with "_" (never inside an
    indexed word), so a phrase "a b c" is the pair phrase "a_b b_c".

    >>> pair_string("the border guards")
    'the_border border_guards'
    >>> pair_string("alone")
    ''
    """
    ws = index.split()
    return " ".join(map("_".join, zip(ws, ws[1:], strict=False)))


# every passage's id, clean text and original (a page's or a note's), for the index
# maintenance that needs the texts again (pair backfills, un-indexing a document)
PASSAGE_TEXTS_SQL = (
    "SELECT p.id, coalesce(pg.text, n.text), coalesce(pg.original, n.original) "
    "FROM passages p LEFT JOIN pages pg ON pg.id = p.page_id AND p.kind = 'page' "
    "LEFT JOIN notes n ON n.id = p.note_id")


def text_pairs(text: str | None, original: str | None) -> tuple[str, str, set[str]]:
    """`passage_pairs` of a stored passage's clean text and original (as read back
    from the store: None for a missing text).

    >>> text_pairs("The border", None)[2] == {"the_border"}
    True
    """
    it = index_string(text or "")
    return passage_pairs(it, it if original == text else index_string(original or ""))


def passage_pairs(idx_text: str, idx_orig: str) -> tuple[str, str, set[str]]:
    """The pair index row of a passage (pairs of its clean and original index
    strings) and the set of pairs it holds (what the pair vocabulary counts).

    >>> passage_pairs("the border guards", "the bordor guards")[2] == {
    ...     "the_border", "border_guards", "the_bordor", "bordor_guards"}
    True
    """
    return passage_index_words(idx_text, idx_orig)[:3]


def passage_index_words(idx_text: str, idx_orig: str
                        ) -> tuple[str, str, set[str], set[str]]:
    """`passage_pairs` and the set of words of both index strings (what the word
    vocabulary counts), each string split once (`build_record` split each three times).

    >>> passage_index_words("the border", "the bordor")[3] == {"the", "border", "bordor"}
    True
    """
    ws = idx_text.split()
    pl = list(map("_".join, zip(ws, ws[1:], strict=False)))  # = pair_string(idx_text)
    held = set(pl)
    pt = " ".join(pl)
    if idx_orig == idx_text:
        return pt, pt, held, set(ws) | set(ws)  # (the same set, built as before)
    wo = idx_orig.split()
    plo = list(map("_".join, zip(wo, wo[1:], strict=False)))  # = pair_string(idx_orig)
    held.update(plo)
    return pt, " ".join(plo), held, set(ws) | set(wo)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _fold(run: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", run) if not unicodedata.combining(c))


def _fold_match(m: re.Match[str]) -> str:
    # only the non-ASCII runs need decomposing; they are few and repeat
    return _fold(m.group())


def trigrams(word: str) -> set[str]:
    """pg_trgm-style trigrams of one normalised word (padded with two spaces in
    front and one behind).

    >>> sorted(trigrams("cat"))
    ['  c', ' ca', 'at ', 'cat']
    """
    w = f"  {word} "
    return {w[i:i + 3] for i in range(len(w) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the trigram sets (what pg_trgm's similarity() computes)."""
    ta, tb = trigrams(a), trigrams(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


# Character pairs that OCR engines confuse (both directions). Substituting one for
# the other costs half an edit in `ocr_similarity`.
CONFUSABLE_CHARS: set[frozenset[str]] = {
    frozenset(p) for p in ("rp", "ea", "ce", "hb", "l1", "il", "i1", "o0", "s5", "nu", "un",
                           "ao", "hn", "kh", "gq", "bd", "ft", "vy", "co", "eo", "Il")
}
# Multi-character confusions folded before comparing (rn looks like m, ...).
_FOLDS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"), ("1", "l"), ("0", "o"),
          ("5", "s"))
# Single-substitution expansions tried as exact vocabulary look-ups.
EXPANSIONS = (("rn", "m"), ("m", "rn"), ("e", "c"), ("c", "e"), ("e", "a"), ("a", "e"),
              ("r", "p"), ("p", "r"), ("h", "b"), ("b", "h"), ("l", "1"), ("1", "l"),
              ("o", "0"), ("i", "l"), ("l", "i"), ("u", "n"), ("n", "u"), ("h", ""),
              ("e", "o"), ("o", "e"), ("vv", "w"), ("w", "vv"), ("cl", "d"), ("d", "cl"))


def fold_ocr(word: str) -> str:
    """Collapse multi-character OCR confusions so they compare as one letter.

    >>> fold_ocr("modem"), fold_ocr("rnodern")
    ('modem', 'modem')
    """
    for a, b in _FOLDS:
        word = word.replace(a, b)
    return word


def ocr_similarity(a: str, b: str) -> float:
    """1 - (OCR-weighted edit distance / longer length), in [0, 1].

    Substitutions between characters OCR confuses cost 0.5, other edits 1.

    >>> round(ocr_similarity("shigemitsu", "shighmitsu"), 2)
    0.9
    >>> round(ocr_similarity("khunchun", "hunchun"), 3)
    0.875
    >>> ocr_similarity("jaranese", "japanese") > ocr_similarity("jatanese", "japanese")
    True
    """
    from rapidfuzz.distance import Levenshtein

    fa, fb = fold_ocr(a), fold_ocr(b)
    longest = max(len(fa), len(fb), 1)
    cost = 0.0
    for op in Levenshtein.editops(fa, fb):
        if op.tag == "replace" and frozenset((fa[op.src_pos], fb[op.dest_pos])) in \
                CONFUSABLE_CHARS:
            cost += 0.5
        else:
            cost += 1.0
    return max(0.0, 1.0 - cost / longest)


def confusion_variants(word: str) -> set[str]:
    """All words one OCR confusion away from `word` (for exact vocabulary look-up).

    >>> sorted(confusion_variants("mat"))
    ['mat', 'met', 'rnat']
    """
    out = {word}
    for a, b in EXPANSIONS:
        start = word.find(a)
        while start != -1:
            out.add(word[:start] + b + word[start + len(a):])
            start = word.find(a, start + 1)
    return {w for w in out if w}


# -- EDTF ----------------------------------------------------------------------
_EDTF_DAY = re.compile(r"^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _bounds(value: str) -> tuple[str, str] | None:
    m = _EDTF_DAY.match(value.strip().rstrip("?~%"))
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return f"{y}-{mo}-{d}", f"{y}-{mo}-{d}"
    if mo:
        if not 1 <= int(mo) <= 12:
            return None
        last = monthrange(int(y), int(mo))[1] if int(y) > 0 else 31
        return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}"
    return f"{y}-01-01", f"{y}-12-31"


def edtf_range(value: str) -> tuple[str, str] | None:
    """First and last day (ISO strings) an EDTF value can denote, or None.

    Handles days, months, years, intervals (a/b, open ends "..") and sets [a,b].

    >>> edtf_range("1937-02")
    ('1937-02-01', '1937-02-28')
    >>> edtf_range("[1937-06-20,1937-06-21]")
    ('1937-06-20', '1937-06-21')
    >>> edtf_range("1927-03/1927-10")
    ('1927-03-01', '1927-10-31')
    >>> edtf_range("sometime") is None
    True
    """
    v = value.strip()
    if v.startswith(("[", "{")) and v.endswith(("]", "}")):
        parts = [p for p in re.split(r"[,]|\.\.", v[1:-1]) if p.strip()]
    elif "/" in v:
        parts = [p for p in v.split("/") if p.strip() and p.strip() != ".."]
    elif ".." in v:
        parts = [p for p in v.split("..") if p.strip()]
    else:
        parts = [v]
    bounds = [b for b in (_bounds(p) for p in parts) if b is not None]
    if not bounds:
        return None
    return min(b[0] for b in bounds), max(b[1] for b in bounds)


def date_filter_range(spec: str) -> tuple[str, str] | None:
    """A `date:` filter ("1937", "1937-05..1937-06", "1937-05-29/1937-06-04") as days.

    >>> date_filter_range("1937-05..1937-06")
    ('1937-05-01', '1937-06-30')
    >>> date_filter_range("..1937-05-31")
    ('0000-01-01', '1937-05-31')
    """
    s = spec.strip()
    sep = ".." if ".." in s else ("/" if "/" in s else None)
    if sep is None:
        return edtf_range(s)
    lo_s, hi_s = s.split(sep, 1)
    lo = _bounds(lo_s) if lo_s.strip() else ("0000-01-01", "0000-01-01")
    hi = _bounds(hi_s) if hi_s.strip() else ("9999-12-31", "9999-12-31")
    if lo is None or hi is None:
        return None
    return lo[0], hi[1]


@lru_cache(maxsize=4096)
def _run_folds_in_place(run: str) -> bool:
    """Whether `_fold_run` folds every character of a non-ASCII run as the index does
    (to one character, or it is a space or an apostrophe)."""
    return all(c.isspace() or c in "’ʼ" or len(norm_word(c)) == 1 for c in run)


def folds_in_place(text: str) -> bool:
    """Whether every character of `text` folds to one character as the index folds
    it, so that words and offsets of the folded text are those of `text`.

    >>> folds_in_place("Zürich"), folds_in_place("Straße"), folds_in_place("Zu\u0308rich")
    (True, False, False)
    """
    return text.isascii() or all(map(_run_folds_in_place, _NON_ASCII.findall(text)))
