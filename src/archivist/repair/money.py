"""repair.money: pre-decimal British sums the OCR read as letters.

Newspapers and catalogues print prices as "1s. 6d." (shillings, pence); OCR reads
the digits 1 and 6 as letters: "Is. Gd.", "ls.", "Id", "fid.", "Cd.". Such a token
is only changed where the sum around it says it is money: a shilling token next to
a pence amount or after a price word, a pence token after a shilling amount. "Is"
the verb ("Figures Is our opinion") and "Id" the word are left alone elsewhere.
"""

from __future__ import annotations

import re

from ..pipeline import stage
from .core import Change, Context, run_stage

# an amount already in digits: "3s.", "21s", "6d.", "10½d", "£5"
AMOUNT_RE = re.compile(r"^(?:£\d+|\d+[½¼¾]?[sd])$")
# "1" misread as I or l before s (shillings) or d (pence)
ONE_RE = re.compile(r"(?<![\w£])([Il])([sd])(?=\.|\s|,|$)")
# "6d" misread: G, C, c, fi, ti for the digit 6
SIX_RE = re.compile(r"(?<![\w£])(G|C|c|fi|ti)d(?=\.|\s|,|$)")
PRICE_WORDS = frozenset({"price", "prices", "at", "admission", "from", "to", "for", "of",
                         "cost", "costs", "only", "and"})
# words after which a lone "Is." can only be a price ("Admission, Is."), whatever follows
STRONG_PRICE_WORDS = frozenset({"price", "prices", "admission", "cost", "costs", "charge",
                                "fee", "subscription"})
TOKEN_RE = re.compile(r"\S+")
CANDIDATE_RE = re.compile(r"(?<!\S)(?:[Il][sd]|(?:G|C|c|fi|ti)d)(?=[.,;\s]|$)")
PREV_RE = re.compile(r"(\S+)\s+$")


def _amount(tok: str | None) -> bool:
    """A sum in digits, or one of the misread forms this stage fixes."""
    if tok is None:
        return False
    t = tok.rstrip(".,;")
    return bool(AMOUNT_RE.match(t) or re.match(r"^(?:[Il][sd]|(?:G|C|c|fi|ti)d)$", t))


def fix_money(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes turning misread shillings and pence back into digits.

    >>> t = "price Is. Gd. each, or 21s fid, and Is 9d per bottle; for Id each"
    >>> [(t[c.start:c.end], c.replacement) for c in fix_money(t)]
    [('I', '1'), ('G', '6'), ('fi', '6'), ('I', '1'), ('I', '1')]

    Leaves words alone where no sum is around:

    >>> fix_money("Marked in Plain Figures Is our opinion; the Id and the ego; Gd. Hall")
    []
    """
    out: list[Change] = []
    for hit in CANDIDATE_RE.finditer(text):  # most pages have none: one C-level scan
        pos = hit.start()
        end = TOKEN_RE.match(text, pos).end()  # type: ignore[union-attr]
        tok = text[pos:end]
        before = PREV_RE.search(text, 0, pos)
        prev = before.group(1) if before else None
        after = TOKEN_RE.search(text, end)
        nxt = after.group() if after else None
        prev_word = prev.lower().strip(".,;:") if prev else ""
        m = ONE_RE.match(tok)
        if m and m.end() <= len(tok.rstrip(".,;")):
            unit = m.group(2)
            money = (_amount(nxt) and unit == "s") or (
                prev_word in PRICE_WORDS and (_amount(nxt) or nxt is None
                                              or nxt.lower().strip(".,;") in ("each", "per")))
            money = money or _priced(unit, prev_word, nxt, text, end)
            if unit == "d":
                money = money or (_amount(prev) and prev.rstrip(".,;")[-1:] == "s")
            if money:
                out.append(Change(pos, pos + 1, "1", 0.85, (m.group(1),),
                                  f"digit 1 read as '{m.group(1)}' in a sum of money"))
            continue
        m = SIX_RE.match(tok)
        if m and _amount(prev) and prev.rstrip(".,;")[-1:] == "s":
            out.append(Change(pos, pos + len(m.group(1)), "6", 0.85, (m.group(1),),
                              f"digit 6 read as '{m.group(1)}' in a sum of money"))
    return out


def _priced(unit: str, prev_word: str, nxt: str | None, text: str, end: int) -> bool:
    """More evidence that a shilling token ("Is", "ls") is a sum: a strong price word
    before it ("Admission, Is. Catalogues"), "per" or "each" after it ("Is. per
    pot"), or "to" and a sum after it ("Is. to 1s. 6d.").

    >>> _priced("s", "admission", "Tickets", "", 0), _priced("s", "apples", "per", "", 0)
    (True, True)
    >>> t = "from Is. to 2s. 6d."
    >>> _priced("s", "from", "to", t, 8)
    True

    Left alone: "Is" before an ordinary word, "to" before a word:

    >>> _priced("s", "figures", "our", "", 0), _priced("s", "it", "to", "it Is to be", 5)
    (False, False)
    """
    if unit != "s":
        return False
    if prev_word in STRONG_PRICE_WORDS:
        return True
    if nxt is None:
        return False
    word = nxt.lower().strip(".,;")
    if word in ("per", "each"):
        return True
    if word == "to":
        after = TOKEN_RE.search(text, TOKEN_RE.search(text, end).end())  # type: ignore[union-attr]
        return after is not None and _amount(after.group())
    return False


@stage("repair.money")
def money_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_money` on the body and every note."""
    return run_stage(doc, "repair.money", fix_money, needs_context=False)
