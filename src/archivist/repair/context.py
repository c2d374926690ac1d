"""repair.context: errors only context reveals.

* real-word errors: a word whose bigrams with its neighbours are unseen, when a
  cheap OCR confusion gives a word the context expects ("it bad been" ->
  "it had been", "did not rose" -> "did not pose", "a modem fleet" -> "a modern fleet");
* fragments: a stray letter or non-word piece ("It was n answer", "ve hope");
* split words: two pieces that make one word ("quick y" -> "quickly",
  "com mittee" -> "committee");
* a lone "1" read for the pronoun "I" ("1 have").

Changing a real word costs a fixed prior penalty on top of the channel cost, so
only a clearly better context wins; capitalised words mid-sentence (names) and
protected forms are never changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import chain, compress, islice, repeat
from operator import gt, itemgetter, not_, or_
from typing import NamedTuple

from ..lexicon import bigram_counts, listed_words, zipf
from ..pipeline import stage
from .channel import (
    ALPHABET,
    GENERIC,
    _affixes,
    _seeds,
    candidates,
    confusion_edits,
    confusion_words,
    confusions,
    frequencies,
    second_steps,
    simple_case,
    word_confusions,
)
from .core import (
    ARCHAIC_WORDS,
    ROMAN_RE,
    SINGLE_LETTER_WORDS,
    WORD_RE,
    Change,
    Context,
    EnglishWindow,
    Tokenized,
    at_text_start,
    build_context,
    focus_tokens,
    follow_up,
    historical_form,
    is_lexical,
    match_case,
    ocr_shift,
    run_until_stable,
    tokenized,
)
from .lm import (
    K,
    context_lp,
    doc_bigram_bonus,
    lp_bigram,
    seen,
    sentence_start,
    softmax_conf,
    unigram_lp,
)
from .words import among_names

REAL_PENALTY = 5.0  # log-odds against any given real word being an OCR error
FRAGMENT_PENALTY = 1.5


@lru_cache(maxsize=100_000)
def near_words(word: str, budget: float = 1.2) -> tuple[tuple[str, float], ...]:
    """Frequent words one edit or two listed confusions from `word` (lower case).

    >>> dict(near_words("wbeu"))["when"]
    1.0
    >>> "had" in dict(near_words("bad")), "pose" in dict(near_words("rose"))
    (True, True)
    """
    freq = frequencies()
    lw = word.lower()
    seen_: dict[str, float] = {}
    if simple_case(lw) and budget < 0.6:
        # no second confusion (none is cheaper than 0.3) and no plain edit: the
        # words one listed confusion away (most calls: `_best` on long real words)
        seen_ = confusion_words(lw, budget)
    elif simple_case(lw):
        # the confusion seeds with their edit spans, then second confusions bounded
        # by the word's own prefix/suffix scans (`channel.second_steps`): the same
        # strings that can be words (only words are kept below)
        seeds = _seeds(lw, budget, plain=False)
        # (the seeds that are no word need no entry)
        seen_ = {s: span[0] for s, span in seeds.items() if s in freq}
        get = seen_.get
        # `second_steps` tests each string's lower case as it makes it; this test fails
        # on a string with a capital from the table ("1t" -> "It"), no key of `freq`
        # (it would fail the zipf floor below too: the output is the same without it)
        for s2, c in second_steps(lw, lw, seeds, budget, freq):
            if s2 in freq and c < get(s2, 9.0):  # (the cheapest cost kept)
                seen_[s2] = c
    else:
        for s, c in confusion_edits(lw):
            if c <= budget:
                seen_[s] = min(c, seen_.get(s, 9.0))
                for s2, c2 in word_confusions(s):  # only those that may be words
                    if c + c2 <= budget:
                        seen_[s2] = min(c + c2, seen_.get(s2, 9.0))
    if budget >= GENERIC * 0.6:  # no plain edit is cheaper than 0.6
        for s, c in _frequent_generic_edits(lw):
            if c <= budget:
                seen_[s] = min(c, seen_.get(s, 9.0))
    # sorted by (cost, -zipf, word) made once per entry: a plain tuple sort, no key
    # function called per entry (the words differ, so the order is the same)
    out = [(c, -z, s) for s, c in seen_.items()
           if (z := freq.get(s, 0.0)) >= 3.0 and s != lw and (len(s) > 1 or s in ("a", "i"))]
    out.sort()
    return tuple([(s, c) for c, _z, s in out[:40]])


def _frequent_generic_edits(lw: str) -> list[tuple[str, float]]:
    """The `generic_edits(lw)` that are frequent words (zipf >= 3), with their cost.

    A letter inserted at position p, or put for lw[p], makes a frequent word only
    if that word is lw[:p] + letter + the rest: `_frequent_gaps` holds, for each
    frequent word less one letter, the letters that fill the gap, so one look-up
    per position finds them all (no letter of the alphabet tried, no string made
    that is no word). An edit at p keeps lw[:p]: the walk stops where lw[:p]
    begins no target word (the channel's prefix map; frequent words are targets).
    The same strings and costs as `generic_edits` kept to zipf >= 3 (tests compare).

    >>> ("about", 1.0) in _frequent_generic_edits("abut")
    True
    """
    gaps = _frequent_gaps()
    freq = frequencies()
    heads = _affixes()[0]
    n = len(lw)
    out: list[tuple[str, float]] = []
    for i in range(n + 1):
        head = lw[:i]
        if head not in heads:
            break  # no target word begins so, nor with anything longer
        tail = lw[i:]
        got = gaps.get(head + "\0" + tail)  # insertions at i
        if got:
            out += [(head + c + tail, GENERIC) for c in got]
        if i < n:
            rest = lw[i + 1:]
            if freq.get(head + rest, 0.0) >= 3.0:
                out.append((head + rest, GENERIC * (0.6 if i > 0 and lw[i] == lw[i - 1]
                                                    else 0.9)))
            got = gaps.get(head + "\0" + rest)  # substitutions at i
            if got:
                low = lw[i].lower()
                out += [(head + c + rest, GENERIC) for c in got if c != low]
            if i + 1 < n and lw[i] != lw[i + 1]:
                t = head + lw[i + 1] + lw[i] + lw[i + 2:]
                if freq.get(t, 0.0) >= 3.0:
                    out.append((t, GENERIC))
    return out


@lru_cache(maxsize=1)
def _frequent_gaps() -> dict[str, str]:
    """A frequent target word (zipf >= 3) less one letter, written head + "\\0" +
    tail -> the a-z letters that fill the gap to make a frequent word ("ab\\0ut" ->
    "o"): ~183,000 keys (~19 MB) from ~28,000 words, built once (~0.2 s); only a-z
    letters, as `generic_edits` inserts and substitutes only those. Kept in the
    tables cache (`archivist.tables`, with the channel's tables it is made from)."""
    from .. import tables
    from . import channel, core

    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        get = out.get
        for w, z in frequencies().items():
            if z >= 3.0:
                for j, c in enumerate(w):
                    if c in ALPHABET:
                        key = w[:j] + "\0" + w[j + 1:]
                        out[key] = get(key, "") + c
        return out

    return tables.cached("frequent_gaps", build, (__file__, channel.__file__, core.__file__),
                         ("wordfreq", "symspellpy"))


VARIANT_SUFFIXES = (("ise", "ize"), ("isation", "ization"), ("our", "or"), ("tre", "ter"),
                    ("ence", "ense"), ("ogue", "og"), ("yse", "yze"))


def same_word(a: str, b: str) -> bool:
    """Whether a and b are British/American (or doubled-l) spellings of one word.

    >>> same_word("utilised", "utilized"), same_word("travelled", "traveled")
    (True, True)
    >>> same_word("deceived", "received")
    False
    """
    return _spelling_key(a) == _spelling_key(b)


@lru_cache(maxsize=100_000)
def _spelling_key(w: str) -> str:
    """`w` with British/American and doubled-l differences folded (cached per form:
    `same_word` compares each word with every one of its near words)."""
    w = w.lower().replace("ll", "l").replace("ae", "e").replace("oe", "e")
    for br, am in VARIANT_SUFFIXES:
        w = w.replace(br, am)
    return w


MODALS = frozenset({"can", "could", "shall", "should", "will", "would", "may", "might",
                    "must"})


def modal_agreement(word: str, prev: str | None) -> str | None:
    """The bare form of `word` when a modal precedes a stray -s form
    ("should protests" -> "protest"); None otherwise.

    >>> modal_agreement("protests", "should"), modal_agreement("news", "will")
    ('protest', None)
    """
    if prev is None or prev.lower() not in MODALS or not word.islower():
        return None
    if not word.endswith("s") or word.endswith("ss") or len(word) < 5:
        return None
    base = word[:-1]
    if is_lexical(base) and zipf(base) >= 3.5 and not seen(prev.lower(), word):
        return base
    return None

# Irregular past tenses that are not also base forms ("found", "saw", "lay",
# "left", "bore" are): after "did not" such a form is ungrammatical.
PAST_IRREGULAR = frozenset({
    "went", "came", "took", "gave", "made", "knew", "got", "thought", "told", "became",
    "felt", "brought", "began", "kept", "held", "wrote", "stood", "heard", "met", "ran",
    "paid", "sat", "spoke", "led", "grew", "lost", "fell", "sent", "built", "understood",
    "drew", "broke", "spent", "rose", "drove", "bought", "wore", "chose", "sought", "threw",
    "caught", "dealt", "won", "forgot", "ate", "fought", "shook", "hid", "rode", "sang",
    "stole", "struck", "swore", "tore", "woke", "wept", "flew", "froze", "did", "was",
    "were", "had", "said",
})
DO_NOT = frozenset({"did", "does", "do", "didn't", "doesn't", "don't", "didn’t", "doesn’t",
                    "don’t"})
_DO_NOT_CONTRACTED = DO_NOT - {"did", "does", "do"}


def is_past(word: str) -> bool:
    """A past-tense form: irregular, or a regular -ed form of a known verb.

    >>> is_past("rose"), is_past("wanted"), is_past("need"), is_past("want")
    (True, True, False, False)
    """
    if word in PAST_IRREGULAR:
        return True
    return (word.endswith("ed") and len(word) > 4
            and any(zipf(b) >= 3.0 for b in (word[:-2], word[:-1])))


def after_do_not(word: str, prev2: str | None, prev: str | None) -> str | None:
    """The base form a past tense after "did not"/"didn't" was misread from.

    Grammar says the verb after "did not" is a bare infinitive; the OCR channel
    says which one: only a close candidate (one cheap confusion, "rose" -> "pose"
    r/p) that is not itself past and is seen after "not". "did not rose" never
    becomes "did not rise" (not a misreading).

    >>> after_do_not("rose", "did", "not"), after_do_not("rose", None, "didn't")
    ('pose', 'pose')
    >>> after_do_not("pose", "did", "not"), after_do_not("rose", "he", "not")
    (None, None)
    """
    if prev is None or not (prev in _DO_NOT_CONTRACTED or (prev == "not" and prev2 in DO_NOT)):
        return None  # (the cheap tests first: most words follow neither)
    if not word.isalpha() or not word.islower() or not is_past(word):
        return None
    if seen("not", word):
        return None
    for cand, cost in near_words(word, 1.2):  # (the key `_best` uses: one cache entry)
        if cost <= 0.7 and not is_past(cand) and seen("not", cand) and zipf(cand) >= 4.0:
            return cand
    return None


# Words that never follow the possessive "my" but do follow the object "me".
AFTER_OBJECT = frozenset({"concerning", "regarding", "respecting", "about", "against",
                          "on", "in", "at", "to", "for", "from", "with", "without", "of",
                          "by", "that", "and", "or", "as", "than", "upon", "into"})


def by_me(word: str, prev: str | None, nxt: str | None) -> str | None:
    """ "my" misread for "me" after a preposition, when a preposition or
    conjunction follows (a possessive needs a noun).

    >>> by_me("my", "by", "concerning"), by_me("my", "to", "about")
    ('me', 'me')
    >>> by_me("my", "by", "own"), by_me("my", "by", None), by_me("my", "of", "house")
    (None, None, None)
    """
    if word != "my" or prev is None or nxt is None:
        return None
    if prev.lower() not in AFTER_OBJECT or nxt.lower() not in AFTER_OBJECT:
        return None
    return "me"



# Finite verbs that take a subject, never "be" or "lie" before them ("be was", "lie has").
FINITE = frozenset({"was", "were", "did", "does", "is", "has", "would", "will", "could",
                    "should", "can", "may", "might", "must", "shall", "cannot"})
# Words before which "be" is the bare infinitive it looks like ("to be", "will be").
BEFORE_BE = MODALS | {"to", "wilt", "shalt", "cannot", "not"}
# Words that make "lie" a noun ("the lie was told") or "had"'s "be" a passive.
NOUN_BEFORE = frozenset({"the", "a", "an", "this", "that", "no", "his", "her", "their",
                         "my", "your", "our", "its", "every", "any", "one", "what", "such"})
# Conjunctions after which "be had" is a subject and a verb ("if he had"), not the
# passive "may be had".
CLAUSE_OPENERS = frozenset({"that", "if", "when", "as", "since", "till", "until", "though",
                            "although", "because", "while", "whilst", "where"})


def he_or_be(word: str, prev: str | None, nxt: str | None) -> str | None:
    """ "he" and "be" misread for each other (h/b, "li"/"h"), where grammar tells
    which: after a modal or "to" a participle needs "be" ("will he produced"); a
    finite verb needs a subject, so "be" or "lie" before one is "he" ("as be was",
    "that, lie has", "lie sat"). On ICDAR 2017 (tuning halves) the first two rules
    were right 9 times of 9, "lie" 4 of 4. Arguments lower case, None where no word links.

    >>> he_or_be("he", "will", "produced"), he_or_be("be", "as", "was")
    ('be', 'he')
    >>> he_or_be("lie", None, "has"), he_or_be("be", "when", "had"), he_or_be("lie", "so", "sat")
    ('he', 'he', 'he')

    Left alone: a question ("will he go"), the passive ("may also be had"), the
    noun ("the lie was"), and "he" not after a modal or "to":

    >>> he_or_be("he", "will", "go"), he_or_be("be", "also", "had"), he_or_be("lie", "the", "was")
    (None, None, None)
    >>> he_or_be("he", "and", "produced"), he_or_be("be", "to", "was")
    (None, None)
    """
    if nxt is None:
        return None
    if word == "he":
        if prev in BEFORE_BE and prev != "not" and _participle(nxt):
            return "be"
        return None
    if word == "be" and prev not in BEFORE_BE and (
            nxt in FINITE or (nxt == "had" and prev in CLAUSE_OPENERS)):
        return "he"
    if word == "lie" and prev not in NOUN_BEFORE and (nxt in FINITE or is_past(nxt)):
        return "he"  # ("lie sat", "lie gave": no noun or verb "lie" takes a past tense)
    return None


# "ere" (before) opens a clause or stands before "long"/"now"; "are" needs a subject
# before it. Words that follow the old conjunction, and subjects that take "are".
ERE_NEXT = frozenset({"long", "now", "yet", "then", "this", "that", "he", "she", "it", "i",
                      "we", "they", "you", "thou", "ye", "the", "a", "an", "his", "her", "its",
                      "their", "my", "our", "your", "was", "were", "had", "one"})
ARE_SUBJECTS = frozenset({"we", "they", "you", "ye", "these", "those", "there", "here", "who",
                          "which", "what", "where", "how", "why", "when", "all", "both"})


def archaic_ere(word: str, prev: str | None, nxt: str | None) -> bool:
    """Whether "ere" is the old conjunction, not "are" misread: it stands before
    "long" ("ere long") or a clause ("ere the week was out", "ere he came"), and no subject that
    takes "are" stands before it. On ICDAR 2017 the context model changed three such
    "ere" to "are", wrongly each time (monographs); the "ere" the OCR made of "are"
    followed a plural noun and came before an adjective or a preposition ("the mills
    ere busy"). Arguments lower case, None where no word links.

    >>> archaic_ere("ere", "and", "the"), archaic_ere("ere", "must", "long")
    (True, True)
    >>> archaic_ere("ere", "we", "filled"), archaic_ere("ere", "they", "the")
    (False, False)
    >>> archaic_ere("ere", "mills", "busy"), archaic_ere("are", "and", "the")
    (False, False)
    >>> archaic_ere("ere", "there", "long")  # the idiom, whatever stands before
    True
    """
    return word == "ere" and (nxt == "long" or (nxt in ERE_NEXT and prev not in ARE_SUBJECTS))


NEGATIVES = frozenset({"not", "no", "neither", "never", "nothing", "none", "nobody", "nor",
                       "cannot", "without", "hardly", "scarcely", "nowhere", "ne'er"})
NOR_REACH = 16  # words back to look for the negative that licenses "nor"


def licensed_nor(text: str, spans: list[tuple[int, int]], lowered: list[str], i: int) -> bool:
    """Whether "nor" at token `i` follows a negative in its sentence ("will not name
    nor indicate", "neither time nor need"): then it is the word meant, not a
    misread "not" or "for". On ICDAR 2017 (tuning half) the context model changed
    such a "nor" to "not" twice, wrongly both times. A "nor" with no negative
    before it ("they shall nor then have") is left to the model.

    >>> t = "he would not name nor indicate them. They shall nor then go"
    >>> sp = [(m.start(), m.end()) for m in re.finditer(r"\\w+", t)]
    >>> lo = [t[a:b].lower() for a, b in sp]
    >>> licensed_nor(t, sp, lo, 4), licensed_nor(t, sp, lo, 9)
    (True, False)
    """
    for j in range(i - 1, max(-1, i - NOR_REACH - 1), -1):
        if any(c in ".;?!" for c in text[spans[j][1]:spans[j + 1][0]]):
            return False  # the sentence (or a clause set off by ';') began after it
        if lowered[j] in NEGATIVES or lowered[j].endswith(("n't", "n’t")):
            return True
    return False


# Prepositions after which a short word one confusion from "his" is the possessive
# ("in hie own", "by bis brother"); "to" is left out ("to hit the ball").
BEFORE_HIS = frozenset({"in", "of", "by", "for", "with", "from", "on", "at", "into", "upon",
                        "and"})
# Words that cannot follow a possessive: a "his" before them would be no noun phrase.
NOT_AFTER_HIS = frozenset({"the", "a", "an", "his", "her", "him", "it", "them", "me", "us",
                           "you", "upon", "up", "on", "in", "at", "to", "of", "by", "with",
                           "from", "off", "out", "and", "or", "but", "that", "this", "these",
                           "those", "every", "any", "some", "no", "all", "back", "down",
                           "over", "into", "again", "is", "was", "be"})


# Rare real words the OCR makes of "and" (its "nd" read as "mi", "m", "u", "a" or "il",
# its "n" as "a"); each is a word elsewhere (French "ami", "ana" of anecdotes, the
# indigo "anil"), so the non-word stage never sees them, and the channel puts "and"
# 1.0 or more away (two glyphs at once) or lets the bigrams' silence keep them.
AND_GARBLES = frozenset({"ami", "ana", "aud", "amd", "anil"})
# a conjunction on either side makes "and" a doubled conjunction: the form is a word
CONJUNCTIONS = frozenset({"and", "or", "nor"})
# Words after which such a form is a noun, not a conjunction ("the ana", "mon ami").
NOT_BEFORE_AND = frozenset({"the", "a", "an", "my", "his", "her", "its", "our", "their",
                            "this", "that", "no", "to", "of", "in", "at", "mon", "un", "bon"})
# French determiners before the French "ami" ("son ami Pierre", "notre ami"); apart from
# NOT_BEFORE_AND because "son" and "ton" are English before "and" ("son aud daughter")
FRENCH_BEFORE_AMI = frozenset({"son", "ton", "notre", "votre", "leur", "cet", "cher", "vieil",
                               "petit", "meilleur", "ancien", "bel"})


def and_garble(word: str, prev: str | None, nxt: str | None) -> bool:
    """Whether a lower-case `word` between two words (`prev` None after a comma) is
    "and" misread: counted on the repaired ICDAR 2017 rows before it was built, the
    forms below written "and" would have been right 6 times of 6 on the periodicals'
    tuning half (8 of 8 held out) and 8 of 8 on the monographs. Arguments lower case.

    >>> and_garble("ami", "france", "russia"), and_garble("aud", None, "began")
    (True, True)
    >>> and_garble("ami", "mon", "est"), and_garble("ana", "the", "of"), and_garble("ami", "x", None)
    (False, False, False)

    Nor before a conjunction ("and and" is no English: "Indigo, anil and woad"), nor the
    French "ami" after a French determiner ("son ami Pierre"):

    >>> and_garble("anil", None, "and"), and_garble("ami", "son", "pierre")
    (False, False)

    Nor after one ("woad and anil from" would read "and and from"):

    >>> and_garble("anil", "and", "from"), and_garble("aud", "or", "the")
    (False, False)
    """
    return (word in AND_GARBLES and nxt is not None and nxt.replace("'", "").isalpha()
            and nxt not in CONJUNCTIONS and prev not in CONJUNCTIONS
            and prev not in NOT_BEFORE_AND
            and not (word == "ami" and prev in FRENCH_BEFORE_AMI))


# Words that open the clause a relative "which" leads into ("from which the", "by which
# it", "which was"): after "winch" (its "hi" read as "in") they make it the pronoun. A
# real winch follows a determiner or "to", a word that names it ("steam", "hand"), an
# adjective ("the new winch was") or a subject ("they winch the boats"): so only after
# a preposition or a comma (see BEFORE_WHICH) is it read as "which".
AFTER_WHICH = frozenset({"the", "a", "an", "was", "is", "were", "are", "had", "has", "have",
                            "he", "she", "it", "they", "we", "i", "you", "his", "her", "their",
                            "our", "my", "would", "will", "could", "may", "might", "must",
                            "should", "can", "no"})
# prepositions that lead a relative "which" ("from which", "by which"); not "to" ("to
# winch the boat") nor "of", "in" or "at", as before ("in winch", "of winch" unseen)
BEFORE_WHICH = frozenset({"by", "for", "with", "from", "on", "into", "upon",
                          "through", "under", "over", "during", "after", "before", "without",
                          "within", "against", "between", "among", "about", "towards",
                          "beyond", "behind", "across", "beneath", "throughout"})


def which_garble(word: str, prev: str | None, nxt: str | None, nxt_capital: bool) -> bool:
    """Whether a lower-case "winch" is "which" misread: it opens a clause (a pronoun,
    determiner or auxiliary, or a capitalised name, follows) and a preposition or a
    comma (`prev` None) goes before it. On the repaired ICDAR 2017 rows all 4 "winch"
    were "which" (1 even, 2 odd periodical rows, 1 odd monograph row, the last after a
    noun: not taken, as an adjective or subject before a real winch looks the same).
    Arguments lower case.

    >>> which_garble("winch", "from", "the", False), which_garble("winch", None, "was", False)
    (True, True)
    >>> which_garble("winch", "new", "was", False), which_garble("winch", "they", "the", False)
    (False, False)
    >>> which_garble("winch", "the", "was", False), which_garble("winch", "to", "the", False)
    (False, False)
    >>> which_garble("winch", "steam", "is", False), which_garble("winch", "a", "and", False)
    (False, False)
    """
    return (word == "winch" and nxt is not None and (nxt in AFTER_WHICH or nxt_capital)
            and (prev is None or prev in BEFORE_WHICH))


def his_after_preposition(word: str, prev: str | None, nxt: str | None) -> str | None:
    """ "his" misread as a rarer short word ("hie", "hit", "bis": one confusion)
    between a preposition and a word a possessive can precede. On ICDAR 2017 (tuning
    halves, counted on the repaired text) right 10 times of 10; the same rule found 11
    of 12 on the held-out halves (the twelfth, "of dis ease", is a broken word
    `broken_piece` already keeps). Arguments lower case.

    >>> his_after_preposition("hie", "by", "brother"), his_after_preposition("bis", "with", "men")
    ('his', 'his')
    >>> his_after_preposition("hit", "to", "brother"), his_after_preposition("hit", "in", "the")
    (None, None)
    >>> his_after_preposition("this", "in", "case"), his_after_preposition("hie", "by", None)
    (None, None)
    """
    if (prev not in BEFORE_HIS or nxt is None or not nxt.isalpha() or nxt in NOT_AFTER_HIS
            or word in ("his", "this", "has", "him", "is", "its", "her", "hi") or zipf(word) >= 5.6):
        return None
    return "his" if _his_near(word) else None


def _his_near(word: str) -> bool:
    """Whether "his" is in `near_words(word, 1.0)` at a cost <= 1.0, without making
    that list where it cannot hold "his" or where `_best` makes a longer one anyway.

    A path of `near_words` takes at most two steps (a listed confusion and a second
    one, or one plain edit), each removing at most `_max_shrink()` letters, so a
    longer word reaches no 3-letter word. Otherwise `near_words(word, 1.2)` (which
    `_best` asks for the short real words it weighs) is read instead: its entries of
    cost <= 1.0 are exactly `near_words(word, 1.0)` (a string's cost is its cheapest
    path whatever the budget; both lists sort by cost first and keep 40, so the 40
    cheapest of the cost <= 1.0 entries are the same list). Tests compare both.

    >>> _his_near("bis"), _his_near("hie"), _his_near("brother")
    (True, True, False)
    """
    if len(word.lower()) - 2 * _max_shrink() > 3:
        return False
    return dict(near_words(word, 1.2)).get("his", 9.0) <= 1.0


@lru_cache(maxsize=1)
def _max_shrink() -> int:
    """The most letters one step of `near_words` removes: a listed confusion's
    observed string less its reading, or 1 (a plain deletion)."""
    return max(1, max(len(obs) - len(intended) for obs, subs in confusions().items()
                      for intended, _cost in subs))

def _participle(word: str) -> bool:
    """A regular past participle ("produced", "favoured"): -ed on a known verb."""
    return word.endswith("ed") and is_past(word)


@lru_cache(maxsize=200_000)
def is_fragment(word: str) -> bool:
    """A piece that is no word on its own: a stray letter or short non-word.

    >>> is_fragment("n"), is_fragment("ve"), is_fragment("a"), is_fragment("againe")
    (True, True, False, False)
    """
    if word.lower() in ARCHAIC_WORDS:
        return False  # "ye", "O": old words, not pieces
    if len(word) == 1:
        return word.isalpha() and word not in SINGLE_LETTER_WORDS
    return word.isalpha() and not is_lexical(word) and len(word) <= 2


def glued_piece(text: str, start: int, end: int) -> bool:
    """Whether the fragment text[start:end] is a piece of a longer word rather than a
    word of its own: the text opens with it in lower case (a word begun on the line or
    page before), a mark other than a hyphen joins it to letters with no space
    ("s,tone", "c!ock": a misread letter), or a hyphen does and the two pieces make
    one word ("sa-lute": a line-break hyphen left in). Reading such a piece as a short
    word ("a", "to") damages the word it belongs to. A hyphen between pieces that make
    no word is left to the reading ("m-law" may be "in-law").

    >>> [glued_piece(t, 0, 2) for t in ("ly the rest", "sa-lute them", "lo,ck it")]
    [True, True, True]
    >>> glued_piece("ha!t", 3, 4), glued_piece("it was n answer", 7, 8)
    (True, False)
    >>> glued_piece("Go there. n is", 10, 11), glued_piece("n, she said", 0, 1)
    (False, True)
    >>> glued_piece("his m-law came", 4, 5), glued_piece("in Geo.'s time", 8, 9)
    (False, True)
    """
    if text[start:start + 1].islower() and at_text_start(text, start):
        return True
    if text[start - 1:start] in ("'", "’") and start >= 2 and not text[start - 2].isspace():
        return True  # the end of a possessive or an elision ("Jas.'s", "o'er")
    after = text[end:end + 2]
    if len(after) == 2 and not after[0].isalnum() and not after[0].isspace() \
            and after[1].isalpha():
        if after[0] != "-":
            return True
        m = WORD_RE.match(text, end + 1)
        if m and is_lexical(text[start:end] + m.group()):
            return True
    before = text[max(0, start - 2):start]
    if len(before) == 2 and not before[1].isalnum() and not before[1].isspace() \
            and before[0].isalpha():
        if before[1] != "-":
            return True
        h = start - 1  # the word before the hyphen, read backwards (no copy of the text)
        while h > 0 and (text[h - 1].isalnum() or text[h - 1] == "_"):
            h -= 1
        return is_lexical(text[h:start - 1] + text[start:end])
    return False


def broken_piece(w: str, prev: str | None, nxt: str | None, join_lost: bool) -> bool:
    """Whether the short token `w` is a piece of a word broken across a line: it
    makes a word with the word before, or with the word after. A join with the word
    before that was weighed and lost (`join_lost`) rules out only that join: the
    piece may still begin the next word if that has 2+ letters ("sta bility"); a
    single letter after it is more likely a word of its own ("yog a" is no "yoga"
    once the piece has been weighed as a garble).

    >>> broken_piece("sta", "the", "bility", True), broken_piece("sta", "the", "bility", False)
    (True, True)
    >>> broken_piece("yog", "the", "a", True), broken_piece("yog", "the", "a", False)
    (False, True)
    """
    if not join_lost and prev and _may_be_lexical(prev + w):
        return True
    return bool(nxt and (not join_lost or len(nxt) > 1) and _may_be_lexical(w + nxt))


def _may_be_lexical(s: str) -> bool:
    """`is_lexical(s)` for a string of 2+ characters (two pieces glued), asked only
    when the string lower-cased is in wordfreq's list or is no a-z string: an a-z
    string that list lacks has zipf 0, and `is_lexical` wants zipf >= 1. A dict
    look-up instead of a cache miss for most pairs (each pair is a new string; a
    test checks the shortcut against `is_lexical` itself)."""
    low = s.lower()
    if low.isascii() and low.isalpha() and low not in listed_words():
        return False
    return is_lexical(s)


def stop_letter(text: str, start: int, end: int) -> bool:
    """Whether the one-letter fragment text[start:end] stands where a sentence ends:
    after a word, before a capitalised common word (zipf >= 5, not "I": mid-sentence
    a capital is a name or a title's word, "of Parliamentary"). There OCR reads "!"
    or "?" as "t", "f" or "l" ("how grand t The hall ..."); reading the letter as
    "to" or "of" adds a word where the source has a mark.

    >>> stop_letter("how grand t The hall was", 10, 11)
    True
    >>> stop_letter("it was n answer", 7, 8), stop_letter("then t I went", 5, 6)
    (False, False)
    >>> stop_letter("a history f Parliamentary law", 10, 11)
    False
    """
    if end - start != 1 or start < 2 or not text[start - 2].isalpha() \
            or text[start - 1] != " " or text[end:end + 1] != " ":
        return False
    m = WORD_RE.match(text, end + 1)
    nxt = m.group() if m else ""
    return (len(nxt) > 1 and nxt[0].isupper() and nxt[1:].islower()
            and zipf(nxt.lower()) >= 5.0)


def capital_glyph(word: str) -> str | None:
    """The reading of a short lower-case fragment with a capital inside ("xU"): the
    capital is a glyph misread ("iU": "U" for "ll"), so the channel's cheapest confusion
    (cost <= 0.3) to a common word (zipf >= 4.5) reads it; the context's guess
    ("on") does not. None where the form has no capital inside or no such reading.

    >>> capital_glyph("iU"), capital_glyph("in"), capital_glyph("tX"), capital_glyph("Ou")
    ('ill', None, None, None)
    """
    if word[:1].isupper() or not any(c.isupper() for c in word[1:]):
        return None
    reads = [(cost, c) for c, cost in candidates(word, 0.3) if zipf(c) >= 4.5]
    return min(reads)[1] if reads else None


RARE_BONUS = 2.0  # nats off the real-word penalty for a rare word near a very common one
RARE_MAX_COST, RARE_MAX_LEN = 0.6, 4  # the dearest reading, longest word `rare_bonus` weighs


@lru_cache(maxsize=200_000)
def rare_bonus(word: str, cand: str, cost: float) -> float:
    """How much likelier a real word is an OCR error for `cand` than an average
    real word is: rare forms one cheap glyph confusion from a far commoner word
    ("bis"/"his", "tho"/"the", "hut"/"but") are misreadings far more often than
    they are meant (on ICDAR periodicals, tuning half, "tho" stood for "the" 32
    times). 0 for ordinary pairs.

    >>> rare_bonus("bis", "his", 0.5), rare_bonus("rose", "pose", 0.5), rare_bonus("lie", "he", 0.4)
    (2.0, 0.0, 0.0)
    """
    if cost > RARE_MAX_COST or len(word) > RARE_MAX_LEN:
        return 0.0
    zw, zc = zipf(word), zipf(cand)
    return RARE_BONUS if zw < 4.5 and zc >= 5.5 and zc >= zw + 2.5 else 0.0


GLUE_ZIPF = 7.0  # "the", "of", "and", "to", "a", "in": words that stand beside anything


def glue_word(word: str, cand: str, cost: float) -> bool:
    """Whether `cand` is one of the commonest function words and `word` a rare form
    one cheap confusion from it (`rare_bonus`): then the bigrams' silence is no
    evidence against it (a function word goes beside names and rare nouns the
    shipped bigrams never saw: "Longman aud Co.", "moreen, aud dimity"). `_best`
    asks this only where a word follows (a function word leads into one).

    >>> glue_word("aud", "and", 0.5), glue_word("bis", "his", 0.5), glue_word("rose", "pose", 0.5)
    (True, False, False)
    """
    return zipf(cand) >= GLUE_ZIPF and rare_bonus(word, cand, cost) > 0


@lru_cache(maxsize=200_000)
def _best(word: str, prev: str | None, nxt: str | None, ctx: Context | None, penalty: float,
          keep_known: bool, ocr: float = 0.0) -> tuple[str, float, list[str], bool] | None:
    """Best replacement of `word` between `prev` and `nxt` (None: keep it), its
    confidence, alternatives, and whether the context is clear (the winner is seen
    beside every neighbour, the word beside none).

    Scored with the shipped bigrams only (ctx is None), so results are cached
    per word window. `ocr` > 0 (the engine doubted the word) lowers keeping it
    as read, < 0 raises it (`core.ocr_shift`)."""
    # `seen` looked up in place: it lower-cases, and lower() is idempotent, so the
    # pairs of lower-cased words are its keys (near words are lower case already); a
    # pair is in the shipped list iff its count is > 0 (every count is: a test
    # checks), and a pair with None for a missing neighbour is no key of it
    lp, ln, lw = prev and prev.lower(), nxt and nxt.lower(), word.lower()
    # `glue_word` holds only where `rare_bonus` gives a bonus: a word of <= RARE_MAX_LEN
    # letters and a reading of cost <= RARE_MAX_COST (tested once here, not per reading)
    glue = keep_known and nxt is not None and len(word) <= RARE_MAX_LEN
    firsts, lasts = _pair_ends()
    left, right = lp in firsts, ln in lasts  # (None, no neighbour, is in neither)
    if not (left or right or glue):
        return None  # no pair of the list has either neighbour: no reading can be seen
    has = bigram_counts().__contains__
    orig_seen = has((lp, lw)) + has((lw, ln))
    near = near_words(word, _best_budget(word, keep_known, orig_seen))
    # the readings the first test below keeps, found in C-level passes over the list
    # (most windows keep none and leave here)
    pool: list[tuple[str, float]] = []
    if left or right:
        names = list(map(_FIRST, near))
        mask = (map(or_, map(has, zip(repeat(lp), names)), map(has, zip(names, repeat(ln))))
                if left and right else map(has, zip(repeat(lp), names)) if left
                else map(has, zip(names, repeat(ln))))
        pool = list(compress(near, mask))
    if glue:  # and the rare forms a cheap confusion from a glue word, attested or not
        kept = set(map(_FIRST, pool))
        pool += [(c, cost) for c, cost in near if cost <= RARE_MAX_COST and c not in kept
                 and glue_word(word, c, cost)]
    if not pool:
        return None
    opts: list[tuple[str, float]] = []
    clear: set[str] = set()
    sides = bool(prev) + bool(nxt)  # (the neighbours there are)
    for cand, cost in pool:
        # (the filters below only drop candidates, so their order is free)
        cand_seen = has((lp, cand)) + has((cand, ln))
        if not cand_seen and not (glue and cost <= RARE_MAX_COST
                                  and glue_word(word, cand, cost)):
            continue  # a word is only replaced on positive evidence
        if keep_known and (cand + "s" == word or word + "s" == cand):
            continue  # number agreement is grammar, not OCR
        if keep_known and same_word(word, cand):
            continue  # never a spelling variant
        if (cand == lp or cand == ln) and cand not in DOUBLING_WORDS:
            continue  # a real word read as its neighbour: "anil and" is no "and and"
        strong = cand_seen == sides and orig_seen == 0
        if keep_known and len(word) >= 5 and cost > 0.5 and not (strong and len(word) == 5):
            continue  # a long word: one cheap confusion, unless the context is clear
        pen = penalty
        if keep_known:
            pen -= rare_bonus(word, cand, cost)
        if strong:
            clear.add(cand)
        if keep_known and strong:
            pen -= 2.0  # the candidate fits every neighbour, the word fits none
        if ctx is None:  # `context_lp(cand, prev, nxt)`, inline (cand is lower case)
            lp_cand = lp_bigram(lp, cand) if prev else unigram_lp(cand)
            if nxt:
                lp_cand += lp_bigram(cand, ln)
        else:
            lp_cand = context_lp(cand, prev, nxt, ctx)
        opts.append((cand, lp_cand - K * cost - pen))
    if not opts:
        return None  # no reading: keeping the word wins whatever its own score
    opts.append(("\0keep", context_lp(word, prev, nxt, ctx, known=keep_known) - ocr))
    opts.sort(key=lambda o: (-o[1], o[0]))
    if opts[0][0] == "\0keep":
        return None
    top = opts[:6]
    conf = softmax_conf([s for _, s in top], 0)
    return (opts[0][0], conf, [o for o, _ in top[1:4] if o != "\0keep"],
            opts[0][0] in clear)


_FIRST = itemgetter(0)


@lru_cache(maxsize=1)
def _pair_ends() -> tuple[frozenset[str], frozenset[str]]:
    """The words that begin a pair of the shipped bigram list, and those that end
    one (~16,600 each, ~30 ms to build): a neighbour in neither set attests no
    reading, so `_best` need not make the near words of a word between two such."""
    counts = bigram_counts()
    return frozenset(a for a, _ in counts), frozenset(b for _, b in counts)


# words English doubles ("he had had enough", "that that was so"): a reading may
# repeat its neighbour only for these
DOUBLING_WORDS = frozenset({"had", "that"})

CHEAP = 0.5  # one listed confusion: the dearest reading a long real word may take


def _best_budget(word: str, keep_known: bool, orig_seen: int) -> float:
    """The channel budget `_best` needs: a real word of 6+ letters (or of 5 that a
    neighbour attests: no context is "clear" then) keeps only readings of cost <=
    0.5, and `near_words(word, 0.5)` is exactly the head of `near_words(word)` with
    cost <= 0.5 (sorted by cost first; a path's cost does not depend on the budget),
    without the dearer second steps and plain edits (tests compare them).

    >>> _best_budget("garden", True, 0), _best_budget("house", True, 0)
    (0.5, 1.2)
    >>> _best_budget("house", True, 1), _best_budget("garden", False, 0)
    (0.5, 1.2)
    """
    if keep_known and (len(word) >= 6 or (len(word) == 5 and orig_seen)):
        return CHEAP
    return 1.2


def _join(a: str, b: str, prev: str | None, nxt: str | None,
          ctx: Context) -> tuple[str, float] | None:
    """Best single word for the pieces a+b, if one piece is a fragment."""
    cands = _join_candidates(a, b)
    if not cands:
        return None
    la = a.lower()
    keep = (context_lp(a, prev, b, ctx, known=not is_fragment(a))
            + context_lp(b, None, nxt, ctx, known=not is_fragment(b)))
    # the rival reading: the fragment is a garbled short word ("enter s" -> "enter a")
    if is_fragment(b) and not is_fragment(a):
        for c, cost in near_words(b.lower(), 1.2):  # (as `_best` asks: one cache entry)
            # P(c | a) P(nxt | c): the short word's own prior is already in P(c | a)
            follow = lp_bigram(c, nxt.lower()) if nxt else 0.0
            keep = max(keep, context_lp(a, prev, c, ctx) + follow - K * cost
                       - FRAGMENT_PENALTY + doc_bigram_bonus(ctx, la, c))
    best = max(cands, key=lambda c: context_lp(c[0], prev, nxt, ctx) - K * c[1])
    score = context_lp(best[0], prev, nxt, ctx) - K * best[1] - K * 0.5
    if score <= keep:
        return None
    return best[0], softmax_conf([score, keep], 0)


@lru_cache(maxsize=200_000)
def _join_candidates(a: str, b: str) -> tuple[tuple[str, float], ...]:
    """The words (with channel cost) the pieces a+b may join into; () when no join
    is weighed. A function of the pieces alone, cached: most pairs weighed in a text
    come back empty, and pairs repeat (the context decides between them in `_join`).

    >>> _join_candidates("quick", "y")[0][0], _join_candidates("the", "w")
    ('quickly', ())
    """
    # (every test below returns (), so they go cheapest first: the look-ups last)
    if len(a) < 3 or not (a + b).isalpha():
        return ()  # "the w", "a m": a short word and a stray letter are no word
    if not (a.isalpha() and b.isalpha() and b.islower() and a[1:].islower()):
        return ()  # "U S A", initials, names
    if (a[:1].isupper() and not is_fragment(b)) or (is_lexical(a) and is_lexical(b)):
        return ()
    if b in SINGLE_LETTER_WORDS and _historical_form(a):
        return ()  # "helpe a", "keepe a": an old spelling and the article
    glued = (a + b).lower()
    freq = frequencies()
    cands = []
    if freq.get(glued, 0) >= 3.0:
        cands.append((glued, 0.0))
    # the join must keep both pieces ("Which n" is not "which") and the first whole
    # (of 4+ letters: shorter, no near word counts, so none is generated); and when
    # no such word is as long as the pieces together, none of the near words can
    # count either, so they are not generated (most joins weighed end here)
    la = a.lower()
    if len(a) >= 4 and _longest_join_word(la) >= len(glued):
        for c, cost in near_words(glued, 1.0):
            if freq.get(c, 0) >= JOIN_ZIPF and c.startswith(la) and len(c) >= len(glued):
                cands.append((c, cost))
    return tuple(cands)


JOIN_ZIPF = 3.5  # a word two pieces join into (other than the pieces glued as they are)


@lru_cache(maxsize=100_000)
def _longest_join_word(prefix: str) -> int:
    """Length of the longest word of `frequencies()` with zipf >= JOIN_ZIPF that
    begins with `prefix` (0: none), from the sorted words: the words that begin with
    it are those from `prefix` up to `prefix` with its last character the next one
    (two bisections, then the longest of their lengths, in C).

    >>> _longest_join_word("quick") >= len("quickly"), _longest_join_word("qzx")
    (True, 0)
    """
    from bisect import bisect_left

    words, lengths = _join_words()
    lo = bisect_left(words, prefix)
    if prefix and prefix[-1] < "\U0010ffff":
        hi = bisect_left(words, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo)
        return max(lengths[lo:hi], default=0)
    longest = 0  # "" (every word) or a last character with none after it: the run
    for k in range(lo, len(words)):
        w = words[k]
        if not w.startswith(prefix):
            break
        longest = max(longest, len(w))
    return longest


@lru_cache(maxsize=1)
def _join_words() -> tuple[list[str], list[int]]:
    """The sorted words of `frequencies()` with zipf >= JOIN_ZIPF, and their lengths
    (built once, ~10 ms)."""
    words = sorted(w for w, z in frequencies().items() if z >= JOIN_ZIPF)
    return words, list(map(len, words))


def _ordinary(w: str, prev: str | bool, nxt: str | bool) -> bool:
    """An English word whose bigrams with its lower-cased neighbours (False:
    none) are attested: nothing for context to do (no rule fires for it: a word
    is no fragment, two words are no split word). Not cached: `_unordinary` asks
    it only for the few tokens of a focused round (its pass over a whole text takes
    the same tests per pair), whose windows would be cache misses."""
    if not _plain(w) or (nxt and not is_lexical(nxt)):
        return False
    lw = w.lower()
    # `seen`, looked up in place (the neighbours come lower-cased; lower() is idempotent)
    get = bigram_counts().get
    return ((not prev or get((prev.lower(), lw), 0) > 0)
            and (not nxt or get((lw, nxt.lower()), 0) > 0))


@lru_cache(maxsize=300_000)
def _plain(w: str) -> bool:
    """An alphabetic English word (cached: most tokens take this path)."""
    return w.isalpha() and is_lexical(w)


# "1 and 2", "1 in 5", "1 to 3": a number, whatever the pronoun reading's bigram says
_AFTER_A_NUMBER = frozenset("and or nor to of in per by from for with at on out".split())
_NUMBER_NEXT = re.compile(r"\s+[(£$]?\d")


def ends_text(text: str, end: int) -> bool:
    """Whether the word ending at `end` is the last of `text`, where a text cut inside
    a word stops: nothing but white space follows, or a line-end hyphen alone ("over
    fa-": the word broken at the last line's end, its rest on a page not there).

    >>> ends_text("over fa", 7), ends_text("over fa-\\n", 7), ends_text("over fa.", 7)
    (True, True, False)
    """
    rest = text[end:].strip()
    return not rest or rest == "-"


def fix_context(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes for real-word errors, fragments and split words.

    >>> t = "the farmers did not want to sell, and it bad been sold by them"
    >>> [(t[c.start:c.end], c.replacement) for c in fix_context(t)]
    [('bad', 'had')]
    >>> [c.replacement for c in fix_context("there. ve hope. It was n answer that came quick y")]
    ['We', 'an', 'quickly']
    >>> fix_context("The U S A and the colony of Natal; 3,250 guineas to-day")
    []
    """
    if ctx is None:
        ctx = build_context([text])
    tk = tokenized(text)
    spans, words, lowered = tk.spans, tk.words, tk.lowered
    out: list[Change] = []
    skip = -1  # the second piece of a join just made
    weighed = -1  # a fragment whose join with the word before was weighed and lost
    linked = tk.linked
    archaic = bool(ctx.flags.get("archaic"))
    # the ordinary words are dropped in one pass first (nothing to do for them);
    # a focused round visits only the tokens around fresh edits
    focus = ctx.flags.get("focus")
    visit = (_unordinary(words, lowered, linked) if focus is None
             else _unordinary(words, lowered, linked, sorted(focus_tokens(ctx, spans))))
    # windows an earlier round proved quiet are dropped too, where the engine's word
    # confidences cannot move the margin (`_QuietWindows`)
    with_ocr = ctx.flags.get("ocr") is not None
    quiet = _QUIET[archaic] if not with_ocr else None
    if quiet:
        visit = quiet.unknown(visit, words, linked)
    english_at = _english_lookup(tk, len(visit))
    for i in visit:
        if i == skip:
            continue
        w = words[i]
        m_start, m_end = spans[i]
        prev = words[i - 1] if i and linked[i - 1] else None
        nxt = words[i + 1] if linked[i] else None
        if w == "1":
            before = text[max(0, m_start - 2):m_start]
            if (nxt and nxt.isalpha() and nxt.islower() and len(nxt) >= 2
                    and not (nxt in _AFTER_A_NUMBER and _NUMBER_NEXT.match(
                        text, spans[i + 1][1]))
                    and (seen("i", nxt) or not is_lexical(nxt))
                    # (a hyphen before is mostly a dash the OCR set close: "so -1 said")
                    and not any(c.isdigit() or c in "$£§¶#+−±" for c in before)
                    and (prev is None or prev.isalpha())):
                out.append(Change(m_start, m_end, "I", 0.8, ("1",),
                                  "digit 1 read for the pronoun I"))
            continue
        if not w.isalpha() or not (english_at[i] or (
                len(w) >= 3 and is_lexical(w) and among_names(words, i, min_len=3))):
            continue
        # split word: this piece and the next make one word
        if nxt and text[m_end:spans[i + 1][0]] == " " and not (_plain(w) and _plain(nxt)):
            # (two English words are never joined: `_join` needs a piece that is none;
            # the word after the pair is `neighbours(text, spans, i + 1)[1]`, by the links)
            j = _join(w, nxt, prev, words[i + 2] if linked[i + 1] else None, ctx)
            if j is None and is_fragment(nxt):
                weighed = i + 1  # the join lost to reading the piece as a word
            if j is not None:
                repl = j[0] if not w[:1].isupper() else j[0].capitalize()
                conf = j[1]
                if len(w) > 1 and len(nxt) > 1 and (w + nxt).lower() == j[0]:
                    # two syllables of one word ("com mittee"): often a line-break
                    # split whose hyphen the source lost; an editor decides
                    conf = min(conf, 0.45)
                elif ctx.flags.get("archaic") and (w + nxt).lower() != j[0]:
                    conf = min(conf, 0.45)  # old spelling: "busi nesse" is no "businesses"
                elif is_lexical(w) and not (len(nxt) == 1 and w.islower()
                                            and (w + nxt).lower() != j[0]):
                    # a word plus a stray piece glued on ("price s" -> "prices",
                    # "Paul s" -> "Paula") was wrong twice as often as right on
                    # ICDAR (tuning half); only a join that also repairs the letter
                    # ("quick y" -> "quickly") stays applied
                    conf = min(conf, 0.45)
                if ends_text(text, spans[i + 1][1]):
                    # the text ends on the piece: a page or a cut of it may end inside
                    # a word ("the principle c"), whose letters are then right
                    conf = min(conf, 0.45)
                out.append(Change(m_start, spans[i + 1][1], repl, conf, (f"{w} {nxt}",),
                                  "word split by a space"))
                skip = i + 1
                continue
        # (w is all letters here, so no possessive: those the loop would pass over)
        # the sentence start is computed only where it matters (capitals)
        if w[:1].isupper() and not (w[1:].islower() and sentence_start(text, m_start)):
            continue  # a name, or all capitals
        if w.isupper() and len(w) > 1:
            continue
        frag = is_fragment(w)
        if (frag or len(w) <= 3) and broken_piece(w, prev, nxt, weighed == i):
            continue  # a piece of a word broken across a line
        following = text[m_end:m_end + 1]
        if frag and (following == "." or text[max(0, m_start - 2):m_start] == ". "
                     and m_start >= 3 and text[m_start - 3].isalpha()
                     and (m_start < 4 or not text[m_start - 4].isalpha())):
            continue  # an initial or an abbreviation ("i. e.", "R. W.")
        if frag and (glued_piece(text, m_start, m_end) or stop_letter(text, m_start, m_end)):
            continue  # a piece of a longer word, or a sentence's end mark misread
        if frag and any(c.isupper() for c in w[1:]):
            # a capital inside a fragment is a glyph misread ("xU"): the channel
            # reads it, or nothing does
            read = capital_glyph(w)
            if read is not None:
                out.append(Change(m_start, m_end, read, 0.9, (w,), "fragment: capital misread"))
            continue
        ocr = ocr_shift(ctx, m_start, m_end) if with_ocr else 0.0  # (no OCR view: 0)
        if lowered[i] == "nor" and licensed_nor(text, spans, lowered, i):
            continue  # (not recorded as a quiet window: that depends on the sentence)
        if not frag:
            # everything below depends on the word window only: decided once per window
            r = _real_word(w, prev, nxt, lowered[i - 2] if i >= 2 and prev is not None else None,
                           archaic, following == ".", ocr)
            if r is not None:
                out.append(Change(m_start, m_end, *r))
            elif (ocr == 0.0 and w.islower() and (len(w) > 3 or following != ".")
                  and (nxt is None or (_plain(w) and _plain(nxt)))
                  and (prev is None or lowered[i - 1] != "not")):
                _QUIET[archaic].add(w, prev, nxt)
            continue
        # a fragment (the grammar rules need real words): the reading context wants
        res = _best(w.lower(), prev and prev.lower(), nxt and nxt.lower(), None,
                    FRAGMENT_PENALTY, keep_known=False, ocr=ocr)
        if res is None:
            continue
        cand, conf, alts, clear = res
        if conf < 0.8 and not clear and ocr <= 0:
            conf = min(conf, 0.45)  # see `_real_word`: held unless the context is clear
        if ends_text(text, m_end):
            # the text's last token: a text cut inside a word ("ferried over fa") has
            # the word's first letters right; only suggested
            conf = min(conf, 0.45)
        if w[:1].isupper() or sentence_start(text, m_start):
            cand = cand.capitalize() if cand != "i" else "I"
        elif cand == "i":
            cand = "I"
        out.append(Change(m_start, m_end, cand, conf, tuple(alts), "fragment in context"))
    if ctx.corpus is not None and ctx.corpus.pairs:  # the corpus's own word bigrams
        from .corpus import corpus_context
        out = corpus_context(text, ctx, out)
    return out


def _unordinary(words: list[str], lowered: list[str], linked: list[bool],
                at: list[int] | None = None) -> list[int]:
    """Indices (of all, or of those in `at`) of the tokens that are not `_ordinary`
    in their window: a neighbour's lower case, or False where none is linked.

    >>> w = "the house bad been sold".split()
    >>> _unordinary(w, [x.lower() for x in w], [True] * 4 + [False])
    [1, 2, 3]
    >>> _unordinary(w, [x.lower() for x in w], [True] * 4 + [False], [0, 2, 4])
    [2]
    """
    if at is not None:  # a few positions: each window tested in turn
        return [i for i in at if not _ordinary(
            words[i], lowered[i - 1] if i and linked[i - 1] else False,
            lowered[i + 1] if linked[i] else False)]
    # A pair is in the shipped list iff its count is > 0 (every count is); `lowered`
    # is lower case and lower() is idempotent: these are the keys `_ordinary` looks up
    has = bigram_counts().__contains__
    # all of them: the tests taken per pair of tokens (each pair is one token's right
    # side and the next one's left side) in C-level passes. broken[i]: tokens i and
    # i+1 are linked and their pair unlisted; a token is not ordinary when not plain,
    # a broken pair on either side, or the linked word after it no word (`gt`: a
    # link, and no word); the last token links to nothing
    broken = list(map(gt, linked, map(has, zip(lowered, islice(lowered, 1, None),
                                               strict=False))))
    after_ok = chain(map(is_lexical, islice(lowered, 1, None)), (True,))
    bad = map(or_, map(or_, map(not_, map(_plain, words)), chain((False,), broken)),
              map(or_, chain(broken, (False,)), map(gt, linked, after_ok)))
    return list(compress(range(len(words)), bad))


class _QuietWindows:
    """Word windows (word, previous word, next word as written; None where not
    linked) for which `fix_context` found nothing to do, so later rounds and later
    texts skip them before the per-token checks.

    A window is added only when its verdict cannot depend on anything else: a lower-
    case word (no name or sentence-start rules), no fragment, no join to weigh (no
    next word, or two English words), `_real_word` None with no OCR shift, for a dot
    after it too (a word of 4+ letters, or none follows), and no "not" before it (the
    only rule that reads the word before that). Nothing else of the text changes
    what the loop does for such a token, so skipping it changes no output (tests run
    `fix_context` with and without). Kept per `archaic` flag, bounded by clearing;
    `cache_info`/`cache_clear` as on the `lru_cache`s, so tools that empty the
    per-form caches (the cold benchmarks, tests) empty this one too."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self.windows: set[tuple[str, str | None, str | None]] = set()
        # as on the lru_caches (set on the instance: the class itself is no cache)
        self.cache_info: Callable[[], CacheInfo] = lambda: CacheInfo(
            0, 0, self.LIMIT, len(self.windows))
        self.cache_clear: Callable[[], None] = self.windows.clear

    def __len__(self) -> int:
        return len(self.windows)

    def add(self, w: str, prev: str | None, nxt: str | None) -> None:
        if len(self.windows) >= self.LIMIT:
            self.windows.clear()
        self.windows.add((w, prev, nxt))

    def unknown(self, visit: list[int], words: list[str], linked: list[bool]) -> list[int]:
        """The indices of `visit` whose window is not known to be quiet."""
        known = self.windows
        return [i for i in visit if (words[i], words[i - 1] if i and linked[i - 1] else None,
                                     words[i + 1] if linked[i] else None) not in known]


class CacheInfo(NamedTuple):
    """The shape of `functools.lru_cache`'s `cache_info()`."""

    hits: int
    misses: int
    maxsize: int
    currsize: int


# one set per `archaic` flag (module names, so cache-clearing tools find them)
_QUIET_MODERN, _QUIET_ARCHAIC = _QuietWindows(), _QuietWindows()
_QUIET = {False: _QUIET_MODERN, True: _QUIET_ARCHAIC}


def _english_lookup(tk: Tokenized, visits: int) -> list[bool] | _Lazy:
    """`english_around(tk.words, i)` as `obj[i]`: every position in one pass when
    many tokens will be asked, from the text's `EnglishWindow` when it is built
    already, else from the nine-word window itself (`_english_near`; a round that
    visits a few tokens then never looks at the rest)."""
    if visits * 4 > len(tk.words):
        return tk.english.all
    built = tk.__dict__.get("english")
    if built is not None and built.flags:
        return _Lazy(built.around)
    words = tk.words
    return _Lazy(lambda i: _english_near(words, i))


def _english_near(words: list[str], i: int, span: int = 4) -> bool:
    """`EnglishWindow(words, span).around(i)` from the words around i alone (a window
    over the slice: it holds the whole span on each side, as the text's would).

    >>> from archivist.repair.core import EnglishWindow
    >>> w = "und es ist the Frencb rnatters for our harvest".split()
    >>> [_english_near(w, i) for i in range(9)] == EnglishWindow(w).all
    True
    """
    lo = i - span if i > span else 0
    return EnglishWindow(words[lo:i + 1 + span], span).around(i - lo)


class _Lazy:
    """`f(i)` looked up as `obj[i]` (a round that asks for a few positions only)."""

    def __init__(self, f: Callable[[int], bool]) -> None:
        self.f = f

    def __getitem__(self, i: int) -> bool:
        return self.f(i)


# `core.historical_form` (pure: the word's rules and the lexicon) memoised per form: a
# real-word window asks it of its word, and the words of new windows mostly recur
_historical_form = lru_cache(maxsize=100_000)(historical_form)

# a capital or digit inside a word that only a misread glyph puts there ("lUe", "tHe")
_GLYPH_CAPITAL = re.compile("[UH1]")


@lru_cache(maxsize=300_000)
def _real_word(w: str, prev: str | None, nxt: str | None, prev2: str | None, archaic: bool,
               dot: bool, ocr: float) -> tuple[str, float, tuple[str, ...], str] | None:
    """(replacement, confidence, alternatives, reason) for a real word `w` between
    `prev` and `nxt` (as written; `prev2` lower case), or None to keep it.

    A pure function of the word window, so it is cached: windows repeat."""
    if not is_lexical(w) or (dot and len(w) <= 3) or ROMAN_RE.match(w):
        return None  # non-words are repair.words' business
    lp, ln = prev and prev.lower(), nxt and nxt.lower()  # (lower-cased once, for the rules)
    if w.islower():
        # (before the old-spelling gate: "bis" for "his" is a misreading in any age)
        pos = his_after_preposition(w, lp, ln)
        if pos:
            return pos, 0.8, (w,), f"'{w}' for 'his' after '{prev}'"
        if and_garble(w, lp, ln):
            return "and", 0.8, (w,), f"'{w}' for 'and' between two words"
        if which_garble(w, lp, ln, bool(nxt) and nxt[:1].isupper()):
            return "which", 0.8, (w,), f"'{w}' for 'which' before a clause"
    if archaic and not _GLYPH_CAPITAL.search(w, 1):
        return None
    lw = w.lower()
    if (prev is None or seen(lp, lw)) and (nxt is None or seen(lw, ln)):
        return None
    if prev is None and nxt is None:
        return None
    # (before the old-spelling guard: "lie" passes for an old "lye")
    pronoun = he_or_be(lw, lp, ln)
    if pronoun is not None:
        return (match_case(w, pronoun), 0.8, (w,),
                f"'{w}' for '{pronoun}': grammar ({prev} {w} {nxt})")
    if _historical_form(w) or lw in ARCHAIC_WORDS or archaic_ere(lw, lp, ln):
        return None
    base = after_do_not(w, prev2, lp)
    if base is not None:
        return base, 0.8, (w,), f"past tense after '{prev}': the close base form"
    obj = by_me(w, prev, nxt)
    if obj is not None:
        return obj, 0.8, (w,), "possessive 'my' before a preposition: object 'me'"
    modal = modal_agreement(w, prev)
    if modal is not None:
        return modal, 0.75, (w,), f"a modal verb takes the bare infinitive ({prev} {modal})"
    res = _best(lw, lp, ln, None, REAL_PENALTY, keep_known=True, ocr=ocr)
    if res is None:
        return None
    cand, conf, alts, _clear = res
    # the reading's channel cost, where the rules below weigh it (short words only)
    cost = dict(near_words(lw, 1.2)).get(cand) if len(lw) <= 4 else None
    # (no bonus past 4 letters, whatever the cost: the near words are not needed then)
    if len(cand) < len(w) and (len(lw) > 4 or not rare_bonus(
            lw, cand, 9.0 if cost is None else cost)):
        # a real word losing a letter ("nor" -> "or", "form" -> "for", "sway"
        # -> "way") was wrong four times in five on ICDAR (tuning half); not so
        # a rare form one glyph confusion from a far commoner word ("arid" ->
        # "and", "lias" -> "has": `rare_bonus`), right 5 of 5 there
        conf = min(conf, 0.45)
    if _plain_content_word(w, lw, cand) or (ocr <= 0 and _two_edits_away(lw, cost)):
        conf = min(conf, 0.45)
    if conf < 0.8 and ocr <= 0:
        # on ICDAR (tuning half) context edits below 0.8 were right less than
        # half the time (above it nine times in ten): held, except a fragment
        # in a clear context (right twice as often as wrong); a real word
        # in a clear context was still wrong three times in four
        conf = min(conf, 0.45)
    if w[:1].isupper():
        cand = cand.capitalize() if cand != "i" else "I"
    elif cand == "i":
        cand = "I"
    return cand, conf, tuple(alts), "real-word error: context"


CONTENT_ZIPF = 2.5  # a word the period's reader knew ("tithe" 2.9, "parson" 2.8)
COMMON_TARGET_ZIPF = 5.8  # below: a content word ("title" 5.1), not a function word


def _plain_content_word(w: str, lw: str, cand: str) -> bool:
    """Whether a real-word change of `w` (lower case `lw`) to `cand` only swaps one
    content word for a commoner one: an editor should decide, not the context.

    On ICDAR's tuning rows such changes of a known word of 4+ letters, written plainly
    (no capital inside: "baTe" is a misread glyph), to a word rarer than zipf 5.8 were
    wrong 12 times in 19 ("tithe" -> "title", "parson" -> "person", "fable" -> "table",
    "nape" -> "name"); the held-out rows agreed ("pence" -> "peace", "foes" -> "fees").
    Changes to the commonest words stay applied ("aud" -> "and", "bas" -> "has").

    >>> _plain_content_word("tithe", "tithe", "title"), _plain_content_word("bas", "bas", "has")
    (True, False)
    >>> _plain_content_word("baTe", "bate", "hate"), _plain_content_word("soma", "soma", "some")
    (False, False)
    """
    return (len(lw) >= 4 and w[1:].islower() and zipf(lw) >= CONTENT_ZIPF
            and zipf(cand) < COMMON_TARGET_ZIPF)


TWO_EDITS = 1.0  # the dearest reading that is one edit (a listed confusion or a plain one)


def _two_edits_away(lw: str, cost: float | None) -> bool:
    """Whether a known word of four letters is read as a word two edits away ("gaol"
    as "good"): the context then argues against two glyphs the page printed, which an
    editor should weigh (unless the engine itself doubted the word). On ICDAR's tuning
    rows the one such applied change hurt; single-edit readings ("tome" -> "some",
    "gate" -> "gave") stay applied. Longer words take such readings only in a clear
    context already (`_best`).

    `cost`: the reading's channel cost (`near_words`), None when it has none.

    >>> cost = lambda w, c: dict(near_words(w, 1.2)).get(c)  # noqa: E731
    >>> _two_edits_away("gaol", cost("gaol", "good")), _two_edits_away("tome", cost("tome", "some"))
    (True, False)
    >>> _two_edits_away("bis", cost("bis", "his"))
    False
    """
    return len(lw) == 4 and cost is not None and cost > TWO_EDITS


@stage("repair.context")
def context_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_context` on the body and every note; then the
    character-level fixers, words and context run again around what the word
    stages changed (see `follow_up`), so repairing repaired text changes nothing."""
    from .noise import fix_noise
    from .spacing import fix_spacing
    from .unicode import fix_unicode
    from .words import fix_words

    since = next((i for i, e in enumerate(doc.edits)
                  if e.stage in ("repair.words", "repair.context")), len(doc.edits))
    run_until_stable(doc, "repair.context", fix_context)
    return follow_up(doc, since, [("repair.unicode", fix_unicode),
                                  # a digit read back as a letter ("1" -> "I") no
                                  # longer makes a mark beside it a number's symbol
                                  ("repair.noise", fix_noise),
                                  ("repair.spacing", fix_spacing),
                                  ("repair.words", fix_words),
                                  ("repair.context", fix_context)])
