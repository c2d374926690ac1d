"""The search query language, parsed once and compiled for each backend.

Syntax: words, "quoted phrases", AND / OR / NOT (also a leading ``-``), parentheses,
``prefix*``, and field filters ``entity:NAME``, ``type:PERSON``, ``doc:ID-or-name``,
``date:1937-05..1937-06`` (quote values with spaces: ``entity:"Treaty of Aigun"``).
Words without an operator between them are ANDed. Field filters always restrict the
whole query (they are ANDed at the top level wherever they are written).

>>> q = parse('Karakhan "border guards" OR Hirota NOT Tokyo date:1937-06 type:PERSON')
>>> q.filters
[('date', '1937-06'), ('type', 'PERSON')]
>>> to_fts5(q.node)
'(("karakhan" AND "border guards") OR ("hirota" NOT "tokyo"))'
>>> to_tsquery(q.node)
"(('karakhan' & ('border' <-> 'guards')) | ('hirota' & !'tokyo'))"
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .text import tokens

FIELDS = ("entity", "type", "doc", "date")
MAX_PHRASE_COMBOS = 16  # phrase x fuzzy-variant combinations sent to the index
MAX_DEPTH = 32  # brackets and NOTs nested deeper than this are refused (QueryError)


class QueryError(ValueError):
    """The query cannot be parsed or cannot be run (e.g. only NOT terms)."""


@dataclass
class Term:
    word: str  # normalised
    prefix: bool = False
    alts: list[str] = field(default_factory=list)  # fuzzy variants (includes word)

    def forms(self) -> list[str]:
        return self.alts or [self.word]


@dataclass
class Phrase:
    words: list[str]
    alts: list[list[str]] = field(default_factory=list)  # per word
    # with a pair index: the combinations of the words' forms whose adjacent pairs all
    # occur in the corpus (None: not known; []: the phrase occurs nowhere)
    combos: list[list[str]] | None = None
    df: int = 0  # with combos: an upper bound of the passages holding the phrase

    def forms(self) -> list[list[str]]:
        """The forms searched at each position (with known combos, only those that
        take part in one: the other forms cannot be adjacent anywhere)."""
        if self.combos:
            return [sorted({c[i] for c in self.combos}) for i in range(len(self.words))]
        return self.alts or [[w] for w in self.words]


@dataclass
class And:
    parts: list[Node]


@dataclass
class Or:
    parts: list[Node]


@dataclass
class Not:
    part: Node


Node = Term | Phrase | And | Or | Not


@dataclass
class Query:
    node: Node | None  # None: filters only
    filters: list[tuple[str, str]]
    text: str


_LEX = re.compile(r'\s*(?:(\()|(\))|(\w+):"([^"]*)"|"([^"]*)"|(\S+))')


def _lex(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _LEX.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        lp, rp, fname, fval, phrase, word = m.groups()
        if lp:
            out.append(("(", "("))
        elif rp:
            out.append((")", ")"))
        elif fname is not None:
            out.append(("field", f"{fname}:{fval}"))
        elif phrase is not None:
            out.append(("phrase", phrase))
        elif word is not None:
            # a trailing ")" stuck to a word closes a group
            closers = len(word) - len(word.rstrip(")"))
            word = word.rstrip(")") or word
            if word in ("AND", "OR", "NOT"):
                out.append((word, word))
            else:
                out.append(("word", word))
            out.extend([(")", ")")] * (closers if word != ")" else 0))
    return out


class _Parser:
    def __init__(self, toks: list[tuple[str, str]]) -> None:
        self.toks = toks
        self.i = 0
        self.filters: list[tuple[str, str]] = []
        self.depth = 0  # brackets and NOTs open around the current token

    def peek(self) -> str | None:
        return self.toks[self.i][0] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse_or(self) -> Node | None:
        parts = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.parse_and())
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(kept)

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.take()
                continue
            node = self.parse_unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    def parse_unary(self) -> Node | None:
        kind, val = self.take()
        if kind in ("NOT", "("):
            # each level is a recursion here and in every walk of the tree: "(((..."
            # or "NOT NOT ..." a few hundred deep overflowed the stack (a 500 in the
            # workbench) instead of being refused
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"brackets or NOT nested more than {MAX_DEPTH} deep")
            try:
                return self._nested(kind)
            finally:
                self.depth -= 1
        if kind == ")":
            return None
        if kind == "phrase":
            return _words_node(val, phrase=True)
        if kind == "field":
            return self._field(val)
        if val.startswith("-") and len(val) > 1:
            inner = _words_node(val[1:])
            return Not(inner) if inner is not None else None
        if ":" in val and val.split(":", 1)[0].lower() in FIELDS:
            return self._field(val)
        return _words_node(val)

    def _nested(self, kind: str) -> Node | None:
        """What follows a NOT or an opening bracket."""
        if kind == "NOT":
            if self.peek() is None:
                raise QueryError("NOT at the end of the query")
            inner = self.parse_unary()
            return Not(inner) if inner is not None else None
        inner = self.parse_or()
        if self.peek() == ")":
            self.take()
        return inner

    def _field(self, val: str) -> None:
        name, value = val.split(":", 1)
        name = name.lower()
        if name not in FIELDS:
            raise QueryError(f"unknown field {name!r} (known: {', '.join(FIELDS)})")
        if not value:
            raise QueryError(f"empty value for {name}:")
        self.filters.append((name, value))
        return None


def _words_node(raw: str, phrase: bool = False) -> Node | None:
    """A query word (which may normalise to several tokens, e.g. "to-day") or phrase."""
    if phrase and "*" in raw:
        # a phrase matches whole words; quietly dropping the star would answer
        # "border gua*" with nothing at all
        raise QueryError(f'a prefix* cannot go inside quotes ("{raw}"): '
                         "a phrase matches whole words")
    prefix = not phrase and raw.endswith("*")
    words = [t for t, _, _ in tokens(raw.rstrip("*") if prefix else raw)]
    if not words:
        return None
    if len(words) == 1:
        return Term(words[0], prefix=prefix)
    return Phrase(words)


def parse(text: str) -> Query:
    """Parse a query string; raise QueryError when it has no positive part."""
    if "\x00" in text:
        # never in stored text (readers refuse it), and PostgreSQL refuses it in any
        # parameter: "type:\x00" was a psycopg DataError, not a query error
        raise QueryError("a query cannot contain a NUL character")
    p = _Parser(_lex(text))
    node = p.parse_or()
    while p.i < len(p.toks):  # stray ")" etc.
        p.take()
        more = p.parse_or()
        if more is not None:
            node = more if node is None else And([node, more])
    if node is not None:
        _check_positive(node)
    if node is None and not p.filters:
        raise QueryError("empty query")
    return Query(node=node, filters=p.filters, text=text)


def _check_positive(node: Node) -> None:
    if isinstance(node, Not):
        raise QueryError("a query cannot consist of NOT terms only")
    if isinstance(node, And):
        if all(isinstance(p, Not) for p in node.parts):
            raise QueryError("a query cannot consist of NOT terms only")
        for p in node.parts:
            if not isinstance(p, Not):
                _check_positive(p)
    if isinstance(node, Or):
        for p in node.parts:
            _check_positive(p)


def walk_terms(node: Node | None, positive: bool = True):
    """Yield (leaf, positive) for every Term and Phrase under `node`."""
    if node is None:
        return
    if isinstance(node, Term | Phrase):
        yield node, positive
    elif isinstance(node, And | Or):
        for p in node.parts:
            yield from walk_terms(p, positive)
    elif isinstance(node, Not):
        yield from walk_terms(node.part, not positive)


def _phrase_combos(ph: Phrase) -> list[list[str]]:
    if ph.combos:  # those that occur (already bounded by whoever found them)
        return ph.combos
    combos = list(itertools.islice(itertools.product(*ph.forms()), MAX_PHRASE_COMBOS))
    return [list(c) for c in combos]


def pairs_only(node: Node) -> bool:
    """Whether a query is phrases only, each with known combinations (`Phrase.combos`),
    so that a backend with a pair index answers it from that index.

    >>> pairs_only(Or([Phrase(["a", "b"], combos=[]), Phrase(["c", "d"], combos=[])]))
    True
    >>> pairs_only(Phrase(["a", "b"]))
    False
    """
    leaves = node.parts if isinstance(node, Or) else [node]
    return all(isinstance(p, Phrase) and p.combos is not None for p in leaves)


def pair_phrases(node: Node) -> list[list[str]]:
    """For a `pairs_only` query, the pair tokens ("a_b") of each known combination
    of each of its phrases: what a pair index must find adjacent, one list each.

    >>> q = Phrase(["a", "b", "c"]); q.combos = [["a", "b", "c"]]
    >>> pair_phrases(q)
    [['a_b', 'b_c']]
    """
    leaves = node.parts if isinstance(node, Or) else [node]
    return [[f"{a}_{b}" for a, b in zip(c, c[1:], strict=False)]
            for p in leaves if isinstance(p, Phrase) for c in p.combos or []]


def to_fts5_pairs(node: Node) -> str | bool:
    """A MATCH expression for the SQLite pair index (tokens "a_b", see
    text.pair_string) when `node` is phrases only, each with known combinations;
    "" when none of them occurs; False when the query needs the word index.

    >>> to_fts5_pairs(Phrase(["a", "b", "c"], combos=[["a", "b", "c"], ["a", "d", "c"]]))
    '("a_b b_c" OR "a_d d_c")'
    >>> to_fts5_pairs(Or([Phrase(["a", "b"], combos=[]), Phrase(["c", "d"], combos=[])]))
    ''
    >>> to_fts5_pairs(Or([Phrase(["a", "b"], combos=[["a", "b"]]), Term("c")]))
    False
    """
    if not pairs_only(node):
        return False
    forms = ['"' + " ".join(pairs) + '"' for pairs in pair_phrases(node)]
    if not forms:
        return ""
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


# -- SQLite FTS5 -----------------------------------------------------------------
def to_fts5(node: Node) -> str:
    """An FTS5 MATCH expression (every token quoted, so no word is an operator)."""
    if isinstance(node, Term):
        star = "*" if node.prefix else ""
        forms = [f'"{w}"{star}' for w in node.forms()]
        return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"
    if isinstance(node, Phrase):
        forms = ['"' + " ".join(c) + '"' for c in _phrase_combos(node)]
        return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(p) for p in node.parts) + ")"
    if isinstance(node, And):
        pos = [to_fts5(p) for p in node.parts if not isinstance(p, Not)]
        neg = [to_fts5(p.part) for p in node.parts if isinstance(p, Not)]
        expr = pos[0] if len(pos) == 1 else "(" + " AND ".join(pos) + ")"
        for n in neg:
            expr = f"({expr} NOT {n})"
        return expr
    raise QueryError("NOT needs something to subtract from")


# -- PostgreSQL tsquery ----------------------------------------------------------
def to_tsquery(node: Node) -> str:
    """A to_tsquery('simple', ...) expression."""
    if isinstance(node, Term):
        star = ":*" if node.prefix else ""
        forms = [f"'{w}'{star}" for w in node.forms()]
        return forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")"
    if isinstance(node, Phrase):
        parts = []
        for alts in node.forms():
            q = [f"'{w}'" for w in alts]
            parts.append(q[0] if len(q) == 1 else "(" + " | ".join(q) + ")")
        return "(" + " <-> ".join(parts) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(to_tsquery(p) for p in node.parts) + ")"
    if isinstance(node, And):
        out = [to_tsquery(p) if not isinstance(p, Not) else "!" + to_tsquery(p.part)
               for p in node.parts]
        return "(" + " & ".join(out) + ")"
    raise QueryError("NOT needs something to subtract from")
