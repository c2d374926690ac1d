"""repair.noise: marks that newspaper OCR makes from specks, rules and ornaments.

A scanned newspaper page is full of things that are not letters: ink specks, column
rules, bleed-through, printers' ornaments. The OCR engine reads them as bullets,
squares, triangles, registered signs ("•", "■", "▼", "®"),
underscores and tildes, which the printed text does not contain. This stage marks such
a mark as a deletion edit ("OCR noise: ..."): the original keeps it, the edit log says
what was removed and why, and a reader can restore it.

It is deliberately narrow. Only characters that do not occur in running text of the
period are noise; a token made of them alone is deleted with one neighbouring space,
and marks stuck to the start or end of a word or to punctuation ("•that", "■-") are
cut off it. Letters, digits, ordinary punctuation (. , ; : ! ? ' " - — ( ) & £ * † ‡
§ ¶ ©), footnote markers and superscripts are never touched; kept too are a mark beside
a digit ("45°"), a bullet opening a line (a list item), a trademark sign after a word
("Bovril®"), a rule of 3+ equal marks ("_____", a blank to fill in) and a pair of
underscores around a few words ("_sic_", "_per annum_,": italics in transcribed text;
judged on the text as this stage leaves it). A lone quote mark ("occur ' ' of") is
deleted only inside a speckled patch (beside another lone quote or a mark); between
two lower-case words it may be a possessive's apostrophe spaced off and is only
suggested. A lone mark between two lower-case words ("It • the most") more often
stands for a word the OCR could not read: only suggested too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..pipeline import stage
from .core import Change, Context, focus_tokens, run_stage
from .unicode import settled_after

# Characters the OCR makes from specks, rules and ornaments: bullets and squares,
# triangles, stars used as dingbats, registered and currency signs that no
# nineteenth-century column prints, underscores, tildes, vertical bars. "*" and the
# daggers are footnote markers and stay; "©" stays (modern front matter: "Copyright ©
# Taylor & Francis"); any mark beside a digit stays ("45°", "€5").
NOISE_CHARS = "•■□▪▫▬▼▲►◄◆◇●○◊★☆®¥€¤¦|~_°"
_NOISE_SET = frozenset(NOISE_CHARS)
_NOISE_RE = re.compile(f"[{re.escape(NOISE_CHARS)}]")  # a C-level scan for any of them
# punctuation a noise token may carry besides its noise marks ("'•", "-■", "?•")
_PUNCT = frozenset(".,;:!?'\"‘’“”-—–")
TOKEN_RE = re.compile(r"\S+")
# a pair of underscores around a word or a few words ("_débris_", "_inter alia_,"):
# the emphasis markup of transcribed text (Project Gutenberg's italics), not specks.
# The opening one comes before a letter or a digit ("_1st_") and after neither
# ("-_Title_"), the closing one after a letter, a digit or a stop ("_us,_", "_page 12_")
# and before neither; a letter between them (words: "_1,_" is a number's specks), no
# paragraph gap and no other underscore.
EMPHASIS_RE = re.compile(
    r"(?<![\w_])_(?=[^\W_])(?=[^_]*?[^\W\d_])"
    r"(?:(?!\n\s*\n)[^_]){1,60}?(?<=[^\W_]|[.,;!?])_(?![\w_])")
# a quote mark standing alone between spaces: an opening quote whose word the OCR
# spaced off, or a speck read as a quote
QUOTES = frozenset("'‘’")
# (written quote-first, looking behind from there: the same matches as a leading
# "(?<!\S)", which the engine tries at every position, ~3x faster; tested)
LONE_QUOTE_RE = re.compile(r"['‘’](?<!\S['‘’])['‘’]?(?!\S)")


def _rule(tok: str) -> bool:
    """3+ equal characters ("_____", "~~~"): a rule or a blank printed on purpose."""
    return len(tok) >= 3 and len(set(tok)) == 1


def _noise_token(tok: str) -> bool:
    """A token of noise marks and punctuation only, with at least one noise mark
    (and not a printed rule)."""
    return (any(c in _NOISE_SET for c in tok) and not _rule(tok)
            and all(c in _NOISE_SET or c in _PUNCT for c in tok))


def _lone_quote(tok: str) -> bool:
    """A token of one or two single quote marks and nothing else ("'", "' '" parts)."""
    return 0 < len(tok) <= 2 and all(c in QUOTES for c in tok)


def _quote_is_noise(prev: str | None, nxt: str | None) -> float:
    """Confidence that a lone quote mark between `prev` and `nxt` is a speck: 0 if it
    may be a real quote (at a text edge, before a capital, a digit or a bracket,
    after sentence punctuation, ...).

    Beside another lone quote or a noise mark it is part of a speckled patch. Between
    two lower-case words ("to take ' her arms") no quotation opens or closes, but it
    may be a possessive's apostrophe spaced off ("an hour ' notice"): a suggestion."""
    if prev is None or nxt is None:
        return 0.0
    if _noise_token(prev) or _noise_token(nxt) or _lone_quote(prev) or _lone_quote(nxt):
        return 0.8
    if prev[-1:].isalpha() and prev[-1:].islower() and nxt[:1].isalpha() and nxt[:1].islower():
        return 0.4
    return 0.0


# a round dot alone: what the OCR engine makes of a small blot, often a short word
# it could not read
BLOTS = frozenset("•●")


def _mark_confidence(prev: str | None, nxt: str | None, own_line: bool,
                     tok: str = "•") -> float:
    """Confidence that a token of noise marks alone is a speck, not a misread word.

    Between a lower-case word (or a comma) and a lower-case word, in mid-sentence
    ("It • the most", "route, • states"), a single round dot more often stands for a
    short word the OCR could not read (deleting it leaves the gap, keeping it costs
    the same): only suggested there. Squares, rules, degree signs and runs of dots
    there are specks (round 11, ICDAR periodical: held, the other marks would have
    helped 6 times and hurt twice on the tuning half, helped 4 times and never hurt on
    the held-out half; single dots helped 4 and hurt 4). Alone on its line, at a text
    edge, beside capitals, digits, punctuation or other marks any mark is a speck or
    an ornament.

    >>> _mark_confidence("it", "the", False, "•"), _mark_confidence("it", "the", False, "■")
    (0.4, 0.9)
    """
    if (not own_line and prev and nxt and (prev[-1:].islower() or prev[-1:] in ",;")
            and tok in BLOTS
            and nxt[:1].isalpha() and nxt[:1].islower()):
        return 0.4
    return 0.9


def _delete_span(text: str, start: int, end: int,
                 before: list[Change] | None = None) -> tuple[int, int]:
    """The span to delete for the token at [start, end): the token and the spaces
    after it (or, at the end of a line, the spaces before it), so two words stay
    one space apart and line breaks stay where they were. It starts no earlier
    than the end of the last change in `before` (deletions side by side)."""
    s, e = _widen(text, start, end)
    if before and before[-1].end > s:
        s = before[-1].end
    return s, e


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """`_delete_span` before it is clipped by earlier changes."""
    j = end
    while j < len(text) and text[j] in " \t":
        j += 1
    if j > end and j < len(text) and text[j] != "\n":
        return start, j
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if j < len(text) and (i == 0 or text[i - 1] == "\n"):
        # a mark alone on its line, spaces around it or not: the line goes with it
        # (its spaces alone would leave an empty line, a paragraph gap)
        return i, j + 1
    if i < start:
        return i, j  # at a line end: the spaces on both sides
    return start, j


def fix_noise(text: str, ctx: Context | None = None) -> list[Change]:
    """Deletion changes for OCR noise marks: tokens of them, and marks stuck to a word.

    >>> t = "MEETING. • The Society ■- at noon; report •that an occur ' ' of it ~ Exeter"
    >>> [(t[c.start:c.end], c.confidence) for c in fix_noise(t)]
    [('• ', 0.9), ('■', 0.85), ('•', 0.85), ("' ", 0.8), ("' ", 0.8), ('~ ', 0.9)]

    Between lower-case words a mark or a lone quote may stand for a word or an
    apostrophe: only suggested (below the default threshold of 0.5):

    >>> t = "It • the most; an hour ' notice"
    >>> [(t[c.start:c.end], c.confidence) for c in fix_noise(t)]
    [('• ', 0.4), ("' ", 0.4)]

    Leaves text alone: punctuation, quotes, dashes, footnote markers, marks beside
    digits, list bullets, trademarks, blanks to fill in, "&c.", prices:

    >>> fix_noise("He said, 'Yes' - and went; the heat was 45° &c. * See note † £5 © 1894")
    []
    >>> fix_noise("Items:\\n• Bovril® in jars\\n• Name _____ ' Tis so")
    []
    """
    out: list[Change] = []
    if not _NOISE_RE.search(text) and not LONE_QUOTE_RE.search(text):
        return out  # most pages: two C-level scans
    if ctx is not None and ctx.flags.get("focus") is not None and not _marks_in(text, ctx):
        return out  # a follow-up round, and no mark near the fresh edits
    # only the tokens holding a noise mark or a lone quote can change (a page has a
    # few among hundreds): found by the scans, with their neighbours
    hot = _hot_tokens(text)
    keep = _emphasis_marks(text)
    out = _changes(text, hot, keep)
    # An underscore pair is judged on the text as this stage leaves it, as a second
    # run sees it: a speck cut from between a closing underscore and a word ("_A._~A")
    # glues them, a line of marks inside the pair left empty is a paragraph gap; a
    # second run would see no pair there and cut both.
    # Pairs that no longer read as emphasis are let go and the changes made again
    # (each round keeps fewer: it ends).
    while keep and out:
        held = _held_emphasis(text, out, keep)
        if held == keep:
            break
        keep = held
        out = _changes(text, hot, keep)
    return out


def _changes(text: str, hot: list[Hot], keep: frozenset[int]) -> list[Change]:
    """`fix_noise`'s changes for the tokens `hot`, keeping the emphasis underscores at
    the offsets `keep`."""
    out: list[Change] = []
    cuts = {m.start(): _cuts(text, m, keep) for _, m, _ in hot}

    def after(t: re.Match[str]) -> str:
        # token t as this stage leaves it when it is not deleted whole (a token of
        # marks alone stays itself): a lone quote is judged by these, as a second
        # run sees them
        tok, c = t.group(), cuts.get(t.start())
        return tok if not c or c == [(0, len(tok))] else _without(tok, c)

    for before, m, following in hot:
        tok = m.group()
        prev = after(before) if before is not None else None
        nxt = after(following) if following is not None else None
        if _lone_quote(after(m)):
            conf = _quote_is_noise(prev, nxt)
            if conf:
                s, e = _delete_span(text, m.start(), m.end(), out)
                out.append(Change(s, e, "", conf, (text[s:e],),
                                  f"OCR noise: lone quote mark {tok!r} between words"))
                continue
        if cuts[m.start()] == [(0, len(tok))]:
            if _list_bullet(text, m, following):
                continue  # "• Item": a list bullet
            s, e = _delete_span(text, m.start(), m.end(), out)
            own_line = _line_alone(text, m.start(), m.end())
            out.append(Change(s, e, "", _mark_confidence(prev, nxt, own_line, tok),
                              (text[s:e],),
                              f"OCR noise: stray mark {tok!r}"))
            continue
        for i, j in cuts[m.start()]:  # marks stuck to a word or to punctuation: cut them off
            out.append(Change(m.start() + i, m.start() + j, "", 0.85, (tok[i:j],),
                              f"OCR noise: mark {tok[i:j]!r} beside {tok!r}"))
    return _whole_lines(text, out)


def _whole_lines(text: str, out: list[Change]) -> list[Change]:
    """Deletions side by side that empty a line of several marks ("~ ~ ~", " ■ • ")
    take the line along, its spaces and line break, as a lone mark's does: left empty
    it would read as a paragraph gap. (Only when all are equally sure, so a threshold
    applies all of them or none.)

    >>> t = "one\\n ~ ■ \\ntwo"
    >>> [t[c.start:c.end] for c in fix_noise(t)]
    [' ~ ', '■ \\n']

    Marks closing a line of words take the spaces before them, as a lone mark does:

    >>> t = "and so ~ ~\\n\\nNext"
    >>> [t[c.start:c.end] for c in fix_noise(t)]
    [' ~ ', '~']
    """
    i = 0
    while i < len(out):
        j = i  # out[i..j]: deletions side by side
        while j + 1 < len(out) and out[j + 1].start == out[j].end and not out[j + 1].replacement:
            j += 1
        first, last = out[i], out[j]
        if j > i and not first.replacement and all(
                c.confidence == first.confidence for c in out[i + 1:j + 1]):
            a = text.rfind("\n", 0, first.start) + 1
            b = text.find("\n", last.end)
            line_end = len(text) if b == -1 else b
            if (b != -1 and text[last.end - 1:last.end] != "\n"
                    and not text[a:first.start].strip(" \t")
                    and not text[last.end:b].strip(" \t")):
                out[i] = replace(first, start=a, alternatives=(text[a:first.end],))
                out[j] = replace(last, end=b + 1, alternatives=(text[last.start:b + 1],))
            elif (text[a:first.start].strip(" \t") and not text[last.end:line_end].strip(" \t")
                    and text[first.start - 1:first.start] in (" ", "\t")):
                # marks that close a line of words take the spaces before them, as a
                # lone mark's deletion does ("so ~ ~ ~" -> "so", not "so ")
                k = first.start
                while text[k - 1] in " \t":
                    k -= 1
                if i == 0 or out[i - 1].end <= k:
                    out[i] = replace(first, start=k, alternatives=(text[k:first.end],))
        i = j + 1
    return out


Hot = tuple[re.Match[str] | None, re.Match[str], re.Match[str] | None]


def _hot_tokens(text: str) -> list[Hot]:
    """The `TOKEN_RE` tokens holding a noise mark or a lone quote, in text order, each
    with the tokens before and after it (None at the text's ends). A token never
    spans a line break, so only the lines around the marks are tokenised (the
    whole text's tokens were most of this stage's time on a page with a mark).

    >>> [(a and a.group(), m.group(), b and b.group())
    ...  for a, m, b in _hot_tokens("•x\\n\\n  y •\\n z ' \\n\\n")]
    [(None, '•x', 'y'), ('y', '•', 'z'), ('z', "'", None)]
    """
    n = len(text)
    lines: dict[int, tuple[list[re.Match[str]], list[int], int]] = {}

    def line(ls: int) -> tuple[list[re.Match[str]], list[int], int]:
        # the tokens of the line starting at `ls`, their starts, and the line's end
        got = lines.get(ls)
        if got is None:
            le = text.find("\n", ls)
            le = n if le < 0 else le
            toks = list(TOKEN_RE.finditer(text, ls, le))
            got = lines[ls] = (toks, [t.start() for t in toks], le)
        return got

    out: dict[int, Hot] = {}
    for p in sorted({m.start() for rx in (_NOISE_RE, LONE_QUOTE_RE) for m in rx.finditer(text)}):
        ls = text.rfind("\n", 0, p) + 1
        toks, starts, le = line(ls)
        i = bisect_right(starts, p) - 1  # the token holding the mark
        m = toks[i]
        if m.start() in out:
            continue
        before = toks[i - 1] if i else None
        s = ls
        while before is None and s > 0:  # the last token of an earlier line
            s = text.rfind("\n", 0, s - 1) + 1
            got = line(s)[0]
            before = got[-1] if got else None
        following = toks[i + 1] if i + 1 < len(toks) else None
        e = le
        while following is None and e < n:  # the first token of a later line
            got, _, e = line(e + 1)
            following = got[0] if got else None
        out[m.start()] = (before, m, following)
    return list(out.values())


def _marks_in(text: str, ctx: Context) -> bool:
    """Whether a noise mark or a lone quote lies in the focus of `ctx` (a follow-up
    round looks only around fresh edits; the rest of the text was settled before).

    >>> _marks_in("a • b and c", Context(flags={"focus": [(6, 11)]}))
    False
    >>> _marks_in("a • b and c", Context(flags={"focus": [(0, 3), (1, 2)]}))
    True
    """
    marks = sorted(m.span() for rx in (_NOISE_RE, LONE_QUOTE_RE) for m in rx.finditer(text))
    return bool(focus_tokens(ctx, marks))


def _emphasis_marks(text: str) -> frozenset[int]:
    """Offsets of the underscores that pair up as emphasis markup (`EMPHASIS_RE`).

    >>> sorted(_emphasis_marks("a _fine_ day, _au fond_. and_so -_Odes,_ x_y_"))
    [2, 7, 14, 22, 33, 39]
    """
    if "_" not in text:
        return frozenset()
    return frozenset(i for m in EMPHASIS_RE.finditer(text) for i in (m.start(), m.end() - 1))


# the confidence from which this stage's changes are applied at the default threshold
# (its suggestions are 0.4, the rest 0.8 and above)
_SURE = 0.5


def _held_emphasis(text: str, changes: list[Change], keep: frozenset[int]
                   ) -> frozenset[int]:
    """The offsets of `keep` whose underscores still pair up as emphasis once the sure
    `changes` (sorted, not overlapping) are made to `text`.

    >>> t = "_A._~A and _b_~"
    >>> sure = [Change(4, 5, "", 0.85), Change(14, 15, "", 0.85)]
    >>> sorted(_held_emphasis(t, sure, frozenset({0, 3, 11, 13})))
    [11, 13]
    """
    sure = [c for c in changes if c.confidence >= _SURE]  # suggestions leave the text be
    if not sure:
        return keep
    pieces: list[str] = []
    ends: list[int] = []  # each change's end, and the characters removed up to it
    removed: list[int] = []
    at = gone = 0
    for c in sure:
        pieces += (text[at:c.start], c.replacement)
        gone += c.end - c.start - len(c.replacement)
        ends.append(c.end)
        removed.append(gone)
        at = c.end
    pieces.append(text[at:])
    now = _emphasis_marks("".join(pieces))
    held = set()
    for k in keep:
        i = bisect_right(ends, k)  # the changes wholly before k
        if i < len(sure) and sure[i].start <= k:
            continue  # inside a change (a kept underscore never is: no pair then)
        if k - (removed[i - 1] if i else 0) in now:
            held.add(k)
    return frozenset(held)


def _cuts(text: str, m: re.Match[str], keep: frozenset[int] = frozenset()
          ) -> list[tuple[int, int]]:
    """The runs of noise marks to cut from token `m`, as spans of the token
    ([(0, len)] for a token of marks alone). None beside a digit ("45°", "€ 5"),
    in a printed rule ("_____"), inside a word ("Hi®s": a misread letter) or as a
    trademark after a word ("Bovril®"), nor an emphasis underscore (offsets `keep`),
    nor where the rest of the token would then read as mojibake to repair.unicode
    (a second run would change it)."""
    tok = m.group()
    if not _NOISE_RE.search(tok) or _rule(tok):
        return []
    at = m.start()
    if all(c in _NOISE_SET for c in tok):
        return [] if _beside_digit(text, at, at + len(tok)) else [(0, len(tok))]
    out: list[tuple[int, int]] = []
    for i, c in enumerate(tok):
        if c in _NOISE_SET and (i == 0 or tok[i - 1] not in _NOISE_SET):
            j = i
            while j < len(tok) and tok[j] in _NOISE_SET:
                j += 1
            if 0 < i and j < len(tok) and tok[i - 1].isalnum() and tok[j].isalnum():
                continue
            if j == len(tok) and tok[i:j] == "®" and tok[i - 1].isalpha():
                continue
            if _beside_digit(text, at + i, at + j):
                continue
            # an emphasis underscore ("_word_": markup, printed as italics) stays, and
            # so does its pair when a speck is stuck to it ("_sic_•": the speck goes)
            a, b = i + (at + i in keep), j - (at + j - 1 in keep)
            if a < b:
                out.append((a, b))
    if out and not settled_after(text, m.start(), m.end(), _without(tok, out)):
        return []  # what is left would read as mojibake: cutting would not settle
    return out


def _without(tok: str, cuts: list[tuple[int, int]]) -> str:
    """`tok` with the spans `cuts` removed."""
    for i, j in reversed(cuts):
        tok = tok[:i] + tok[j:]
    return tok


def _line_alone(text: str, start: int, end: int) -> bool:
    """Only spaces stand between [start, end) and the line's ends."""
    before = text.rfind("\n", 0, start)
    after = text.find("\n", end)
    return (not text[before + 1:start].strip()
            and not text[end:after if after >= 0 else len(text)].strip()
            and (before >= 0 or after >= 0))


def _list_bullet(text: str, m: re.Match[str], nxt: re.Match[str] | None) -> bool:
    """Token `m` opens its line and a word (`nxt`, the next token) follows it on that
    line ("• Item")."""
    i = m.start()
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i and text[i - 1] != "\n":
        return False
    if nxt is None:
        return False
    return ("\n" not in text[m.end():nxt.start()]
            and any(c.isalnum() for c in nxt.group()))


def _beside_digit(text: str, start: int, end: int) -> bool:
    """Whether the nearest character that is not a space on either side of the marks
    text[start:end] is a digit ("45°", "© 1894", "■ 12s."): a symbol of the number.

    Only the marks' own neighbours count, not the rest of their token: a later stage
    may split the token ("®a(b 5" -> "®a (b 5"), and what this stage decides must not
    change with it (repair would not be idempotent).

    >>> _beside_digit("45° north", 2, 3), _beside_digit("© 1894", 0, 1)
    (True, True)
    >>> _beside_digit("®a(b 5", 0, 1)
    False
    """
    before = text[max(0, start - 8):start].rstrip()
    after = text[end:end + 8].lstrip()
    return before[-1:].isdigit() or after[:1].isdigit()


@stage("repair.noise")
def noise_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_noise` on the body and every note."""
    return run_stage(doc, "repair.noise", fix_noise, needs_context=False)
