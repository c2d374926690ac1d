"""repair.money: pre-decimal British sums the OCR read as letters.

Newspapers and catalogues print prices as "1s. 6d." (shillings, pence); OCR reads
the digits 1 and 6 as letters: "Is. Gd.", "ls.", "Id", "fid.", "Cd.", and 11 as
"ll", "U" or "li" ("4s lid", "£217 Us."). Such a token is only changed where the sum
around it says it is money: a shilling token before a sum, after a price word
("price", "admission", ...), before "per" or "each", or before "to" and a sum; a pence
token after a shilling amount, after a price word ("price", "at", "from", "for",
"only"), before "per" or "each", or before "and"/"or" and a shilling amount ("Gd. or
3s."). "Is" the verb ("Figures Is our opinion") and "Id", "lid" the words are left
alone elsewhere.

The same advertisements and lists close with "&c.", whose ampersand the OCR reads
as a letter or digit: "Ac.", "4cc.", "icc.", "fcc.", "8cc.", "See.", "Sec."
(`fix_etc`).
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
# "11" misread: "ll", "U", "li", "il" before s or d ("4s lid", "£217 Us.")
ELEVEN_RE = re.compile(r"(?<![\w£])(ll|U|li|il)([sd])(?=\.|\s|,|$)")
# price words after which a lone pence token is a price ("price fid.", "at fid extra");
# not "to", "of", "and": "Gd. and" opens many a line
PENCE_PRICE_WORDS = frozenset({"price", "at", "from", "for", "only"})
PRICE_WORDS = frozenset({"price", "prices", "at", "admission", "from", "to", "for", "of",
                         "cost", "costs", "only", "and"})
# words after which a lone "Is." can only be a price ("Charge, Is."), whatever follows
STRONG_PRICE_WORDS = frozenset({"price", "prices", "admission", "cost", "costs", "charge",
                                "fee", "subscription"})
TOKEN_RE = re.compile(r"\S+")
CANDIDATE_RE = re.compile(r"(?<!\S)(?:[Il][sd]|(?:G|C|c|fi|ti)d|(?:ll|U|li|il)[sd])(?=[.,;\s]|$)")
PREV_RE = re.compile(r"(\S+)\s+$")
# "&c." with the ampersand read as letters or a digit: the whole token before the full stop
# (a digit only before "cc"/"ce": "4c." and "8c." may be cents; "Sc." is a scene or "sculpsit")
ETC_FORM = re.compile(r"(?:A|S|J|Jt|i|I|f|fi|d|Si)(?:cc|c|ec|ee|ce|tc)|[48]c[ce]")
# where such a token ends: its "c." or "e." (a literal pair, fast to scan for; the
# token is then read back from there, so no pattern is tried at every position)
ETC_AT = re.compile(r"[ce]\.")
ETC_MAX = 4  # the longest form
# forms that are words too: only where a list goes before, and "Sec." (Secretary)
# not after a name in capitals or "Hon."
ETC_WORDS = frozenset({"See", "Sec", "ice", "Ice", "dec", "Sic", "fee", "Ace"})
# of those, capitalised words that end a list of names as themselves ("Coal, Salt,
# Ice."): only as the second of "&c. &c.", after another misread one. Not "ice", "fee",
# "dec", "Sic": after a comma at a list's end the ICDAR 2017 periodicals print them for
# "&c." (even half: "fee" 2, "dec" 1, "Sic" 1, all "&c."; requiring a second form lost
# those and 3 on the odd half, 10 errors in all), so they keep the comma rule.
ETC_LIST_WORDS = frozenset({"Ice", "Ace"})
# "Sec." before a number is a section ("the Act of 1890, Sec. 12"), not "&c."
SECTION_RE = re.compile(r"\.\s+\d")


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

    Sixpence before "per" or a shilling amount, or after a price word; eleven
    shillings after pounds or before pence, elevenpence after shillings:

    >>> t = "fid. per pound; at Cd extra; Gd. or 3s.; £217 Us. cash; 4s lid per ream"
    >>> [(t[c.start:c.end], c.replacement) for c in fix_money(t)]
    [('fi', '6'), ('C', '6'), ('G', '6'), ('U', '11'), ('li', '11')]

    The words "lid", "ills" and "Us" stay where no sum is around them:

    >>> fix_money("the lid of the box; Us. Navy; Cd. Hall; ills and cures; 5 lid")
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
        if m and (_after_shillings(prev) or _pence_context(prev_word, nxt, text, end)):
            out.append(Change(pos, pos + len(m.group(1)), "6", 0.85, (m.group(1),),
                              f"digit 6 read as '{m.group(1)}' in a sum of money"))
            continue
        m = ELEVEN_RE.match(tok)
        if m and _eleven(m.group(2), prev, nxt):
            out.append(Change(pos, pos + len(m.group(1)), "11", 0.85, (m.group(1),),
                              f"digits 11 read as '{m.group(1)}' in a sum of money"))
    return out


def _after_shillings(prev: str | None) -> bool:
    """The token before is a shilling amount ("21s", "Is.")."""
    return _amount(prev) and prev.rstrip(".,;")[-1:] == "s"  # type: ignore[union-attr]


def _pence_context(prev_word: str, nxt: str | None, text: str, end: int) -> bool:
    """More evidence that a pence token ("fid.", "Gd.") is a sum, where no shilling
    amount precedes it (a line or row may start with it): a price word before it,
    "per"/"each" after it, or a shilling amount after "and"/"or" ("Gd. or 3s.").

    >>> _pence_context("price", "Tickets", "", 0), _pence_context("", "per", "", 0)
    (True, True)
    >>> t = "Gd. or 3s. each"
    >>> _pence_context("", "or", t, 3), _pence_context("", "and", "Gd. and Hall", 3)
    (True, False)
    >>> _pence_context("", "Hall", "", 0), _pence_context("the", "and", "", 0)
    (False, False)
    """
    if prev_word in PENCE_PRICE_WORDS:
        return True
    if nxt is None:
        return False
    word = nxt.lower().strip(".,;")
    if word in ("per", "each"):
        return True
    if word in ("and", "or"):
        conj = TOKEN_RE.search(text, end)
        after = TOKEN_RE.search(text, conj.end()) if conj is not None else None
        return after is not None and bool(re.fullmatch(r"\d+[½¼¾]?s", after.group().rstrip(".,;")))
    return False


def _eleven(unit: str, prev: str | None, nxt: str | None) -> bool:
    """An "ll"/"U"/"li" + unit token is 11s or 11d: pence after a shilling amount
    ("4s lid"), shillings after pounds ("£217 Us.") or before a pence amount ("Us 3d").

    >>> _eleven("d", "4s", "per"), _eleven("s", "£217", "in"), _eleven("s", "Single", "3d.")
    (True, True, True)
    >>> _eleven("d", "the", "of"), _eleven("s", "5", "Navy"), _eleven("d", "5", None)
    (False, False, False)
    """
    p = (prev or "").rstrip(".,;")
    if unit == "d":
        return bool(re.fullmatch(r"\d+s", p))
    n = (nxt or "").rstrip(".,;")
    return bool(re.fullmatch(r"£\d[\d,]*", p) or re.fullmatch(r"\d+[½¼¾]?d", n))


def _priced(unit: str, prev_word: str, nxt: str | None, text: str, end: int) -> bool:
    """More evidence that a shilling token ("Is", "ls") is a sum: a strong price word
    before it ("Charge, Is. Programmes"), "per" or "each" after it ("Is. per
    jar"), or "to" and a sum after it ("Is. to 1s. 6d.").

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


def fix_etc(text: str, ctx: Context | None = None) -> list[Change]:
    """Changes writing "&c." for its misreadings at the end of a list: the token
    follows a comma or a full stop (or is the second of "&c. &c.").

    >>> t = "Saddles, bridles, 4cc. Views, Maps, icc.; Colds, Coughs, Ac., Ac. Lamps, See."
    >>> [t[c.start:c.end] for c in fix_etc(t)]
    ['4cc', 'icc', 'Ac', 'Ac', 'See']
    >>> [(c.start, c.replacement) for c in fix_etc("nets, See. Sec. All goods")]
    [(6, '&c'), (11, '&c')]

    Left alone: the words and "Sec." for Secretary after a name or "Hon.", forms
    without a list before them, "etc.", "Acc." (account), "Dec." (December):

    >>> fix_etc("JOHN BROWN, Sec. Hon. Sec. Go and See. to Ac. etc. Bills, Acc. Dec. cream, ice")
    []
    >>> fix_etc("Act I, Sc. 2; eggs, 4c. a dozen; the entrance fee. Paid")
    []
    >>> fix_etc("the Act of 1890, Sec. 12, says; he led the King. Ace. Then")
    []

    A list of names may end with "Ice" or "Ace", unless another form goes before:

    >>> fix_etc("Coal, Salt, Ice. Hearts, Spades, Ace.")
    []
    >>> [(c.start, c.replacement) for c in fix_etc("Tea, Ac., Ice. The rest")]
    [(5, '&c'), (10, '&c')]
    """
    out: list[Change] = []
    for at in ETC_AT.finditer(text):
        end = at.end() - 1  # the full stop
        start = end
        while start > 0 and end - start <= ETC_MAX and not text[start - 1].isspace():
            start -= 1
        if (start and not text[start - 1].isspace()) or not ETC_FORM.fullmatch(text, start, end):
            continue
        tok = text[start:end]
        if tok in ("Acc", "Sc"):
            continue  # account; scene
        if tok == "Sec" and SECTION_RE.match(text, end):
            continue  # a section and its number
        before = PREV_RE.search(text, 0, start)
        prev = before.group(1) if before else ""
        if not prev or prev[-1] not in ",." or prev.rstrip(".,").lower() in ("hon", "go"):
            continue
        listed = ETC_FORM.fullmatch(prev.rstrip(".,")) is not None
        if tok in ETC_WORDS and not listed:
            if tok in ETC_LIST_WORDS:
                continue  # a list may well end with the thing itself
            if prev[-1] != ",":
                continue  # "Meeting. See. ..." may be the verb
            word = prev.rstrip(".,")
            if tok == "Sec" and (word.isupper() or word[:1].isupper() and "." not in word):
                continue  # "J. SMITH, Sec.", "Pendleford, Sec.": a secretary signs
        out.append(Change(start, end, "&c", 0.6 if tok in ETC_WORDS else 0.85,
                          (tok,), f"'&c.' read as '{tok}.' at the end of a list"))
    return out


def _money_and_etc(text: str, ctx: Context | None = None) -> list[Change]:
    return fix_money(text, ctx) + fix_etc(text, ctx)


@stage("repair.money")
def money_stage(doc):  # noqa: ANN001, ANN201 - Document -> Document
    """Pipeline stage: `fix_money` and `fix_etc` on the body and every note."""
    return run_stage(doc, "repair.money", _money_and_etc, needs_context=False)
