"""repair.hyphenation: decide every line-end hyphen ("har-\\nbour").

Join when the joined form is a word and the parts are not both words that make
a compound ("harbour", "Reconstruction"); keep the hyphen for compounds
("self-government", "well-known", "cease-fire") and before a capital
("Austria-Hungary"). The document's own usage wins: a form it also writes inline,
hyphenated or solid, is followed. Either way the line break goes.
"""

from __future__ import annotations

import re

from ..lexicon import zipf
from ..pipeline import stage
from .core import POSSESSIVE_RE, Change, Context, build_context, run_stage

# The look-behind lets a match start only where a word starts: without it the scan
# retries from every letter of a long word and turns quadratic on run-on text. The
# word after the break is looked at, not consumed: it may end in the next break
# ("self-\ngovern-\nment", a one-word line).
BREAK_RE = re.compile(r"(?<![^\W_])([^\W_][\w'’]*)-[ \t]*\n[ \t]*(?=([^\W_][\w'’]*))")
# what every break holds, found fast (a literal first): text without it is not scanned
HYPHEN_EOL_RE = re.compile(r"-[ \t]*\n")


# zipf of the commonest (mostly function) words, and of a common joined word
FUNCTION_ZIPF = 6.0
COMMON_JOINED_ZIPF = 4.5


def decide(left: str, right: str, ctx: Context) -> tuple[bool, float, str]:
    """(join?, confidence, reason) for the break left-\\nright.

    >>> decide("har", "bour", Context())[0], decide("self", "government", Context())[0]
    (True, False)
    >>> decide("well", "known", Context())[0], decide("Austria", "Hungary", Context())[0]
    (False, False)
    >>> decide("can", "not", Context())[0], decide("with", "out", Context())[0]
    (True, True)
    >>> decide("to", "day", Context())[0], decide("no", "one", Context())[0]
    (False, False)
    """
    r = POSSESSIVE_RE.sub("", right)
    joined = (left + r).lower()
    hyph = f"{left}-{r}".lower()
    texts = ctx.texts
    if any(hyph in t.lower() for t in texts):
        return False, 0.9, "document writes it hyphenated"
    if ctx.lower.get(joined, 0) > 0:
        return True, 0.9, "document writes it solid"
    if ctx.corpus is not None and ctx.corpus.count(joined) > 0:
        return True, 0.85, "the corpus writes it solid"
    if r[:1].isupper() or any(c.isdigit() for c in left + r):
        return False, 0.85, "hyphen before a capital or number"
    zj, zl, zr = zipf(joined), zipf(left.lower()), zipf(r.lower())
    if (min(zl, zr) >= FUNCTION_ZIPF and zj >= COMMON_JOINED_ZIPF
            and min(len(left), len(r)) >= 2):
        # two of the commonest words make one common word ("can-not", "with-out",
        # "in-to"): such pairs are never hyphenated, however rare the joined form
        # looks beside its parts ("to-day": "day" is rarer, and kept by the rule below)
        return True, 0.85, "joined form is a common word"
    both_words = zl >= 3.0 and zr >= 3.0 and len(left) >= 2 and len(r) >= 3
    if both_words and zj < min(zl, zr):
        return False, 0.7, "compound of two words"
    if zj >= 3.0:
        return True, 0.9, "joined form is a word"
    if both_words:
        return False, 0.6, "compound of two words"
    return True, 0.7, "line-end word break"


def fix_hyphenation(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes removing line-end hyphen breaks (join or keep the hyphen).

    >>> t = "the har-\\nbour and self-\\ngovernment, a Reconstruc-\\ntion.”"
    >>> [c.replacement for c in fix_hyphenation(t)]
    ['', '-', '']
    >>> [c.replacement for c in fix_hyphenation("the com-\\nmunica-\\ntion of it")]
    ['', '']
    """
    if not HYPHEN_EOL_RE.search(text):
        return []
    if ctx is None:
        ctx = build_context([text])
    out = []
    for m in BREAK_RE.finditer(text):
        join, conf, reason = decide(m.group(1), m.group(2), ctx)
        s, e = m.end(1), m.start(2)
        out.append(Change(s, e, "" if join else "-", conf,
                          ("-",) if join else ("",), reason, kind="layout"))
    return out


@stage("repair.hyphenation")
def hyphenation_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_hyphenation` on the body and every note."""
    return run_stage(doc, "repair.hyphenation", fix_hyphenation)
