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
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core import WORD_RE, _count_forms, is_lexical

# a corpus term is printed in at least this many documents, this many times in all
MIN_DOCS = 2
MIN_COUNT = 3
MIN_LEN = 4


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


@dataclass(frozen=True)
class CorpusLexicon:
    """Counted forms of a corpus: form -> (occurrences, documents).

    >>> lex = CorpusLexicon.from_counts({"tsvetkov": (12, 5), "tsvctkov": (1, 1)})
    >>> lex.count("tsvetkov"), lex.count("tsvctkov"), lex.count("unknown")
    (12, 0, 0)
    >>> [t for t, _ in lex.terms()]
    ['tsvetkov']
    """

    forms: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    min_docs: int = MIN_DOCS
    min_count: int = MIN_COUNT

    @classmethod
    def from_counts(cls, forms: Mapping[str, tuple[int, int]], min_docs: int = MIN_DOCS,
                    min_count: int = MIN_COUNT) -> CorpusLexicon:
        """Build from (occurrences, documents) per form; forms below the term
        thresholds are dropped (they never count)."""
        kept = {f: (int(n), int(d)) for f, (n, d) in forms.items()
                if n >= min_count and d >= min_docs}
        return cls(dict(sorted(kept.items())), min_docs, min_count)

    @classmethod
    def from_documents(cls, documents: Iterable[Iterable[str]], min_docs: int = MIN_DOCS,
                       min_count: int = MIN_COUNT) -> CorpusLexicon:
        """Count the clean texts of many documents (each an iterable of texts).

        >>> lex = CorpusLexicon.from_documents([["Tsvetkov said"], ["Tsvetkov, Tsvetkov"]])
        >>> dict(lex.forms)
        {'tsvetkov': (3, 2)}
        """
        n: Counter[str] = Counter()
        d: Counter[str] = Counter()
        for texts in documents:
            forms = document_forms(texts)
            n.update(forms)
            d.update(forms.keys())
        return cls.from_counts({f: (n[f], d[f]) for f in n}, min_docs, min_count)

    def without(self, forms: Mapping[str, int]) -> CorpusLexicon:
        """This lexicon minus one document's own counts (`document_forms`): what the
        rest of the corpus attests (for reprocessing a stored document, and for
        leave-one-out measurement).

        >>> lex = CorpusLexicon.from_counts({"tsvetkov": (5, 3)})
        >>> dict(lex.without({"tsvetkov": 1}).forms), dict(lex.without({"tsvetkov": 3}).forms)
        ({'tsvetkov': (4, 2)}, {})
        """
        out = {}
        for f, (n, d) in self.forms.items():
            k = forms.get(f, 0)
            out[f] = (n - k, d - (1 if k else 0))
        # (a form falling under the bars is no longer a term)
        return CorpusLexicon.from_counts(out, self.min_docs, self.min_count)

    def count(self, low: str) -> int:
        """Occurrences of a lower-case form in the corpus, 0 unless it is a term."""
        got = self.forms.get(low)
        return got[0] if got is not None else 0

    def terms(self) -> list[tuple[str, int]]:
        """(form, occurrences) of every term, in form order."""
        return [(f, n) for f, (n, _) in self.forms.items()]

    def __len__(self) -> int:
        return len(self.forms)

    def __bool__(self) -> bool:
        return bool(self.forms)

    @property
    def digest(self) -> str:
        """A short content hash: which lexicon a repair used (and a cache key)."""
        got = self.__dict__.get("_digest")
        if got is None:
            h = hashlib.sha256(json.dumps([self.min_docs, self.min_count, list(
                self.forms.items())], separators=(",", ":")).encode()).hexdigest()[:16]
            object.__setattr__(self, "_digest", h)
            got = h
        return got

    def to_json(self) -> dict[str, Any]:
        return {"min_docs": self.min_docs, "min_count": self.min_count,
                "forms": {f: list(v) for f, v in self.forms.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CorpusLexicon:
        """Read `to_json`'s shape back.

        >>> lex = CorpusLexicon.from_counts({"tsvetkov": (12, 5)})
        >>> CorpusLexicon.from_json(lex.to_json()) == lex
        True
        """
        forms = {str(f): (int(v[0]), int(v[1])) for f, v in dict(data["forms"]).items()}
        # a form `document_forms` could never count would never match a word (upper
        # case) or break repair (an empty form: the terms are filed by first letter)
        bad = next((f for f in forms if not f or f != f.lower()), None)
        if bad is not None:
            raise ValueError(f"form {bad!r} is not a lower-case word")
        return cls.from_counts(forms, int(data.get("min_docs", MIN_DOCS)),
                               int(data.get("min_count", MIN_COUNT)))


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
        return store.lexicon()
