"""Quantities: money, measures, counts and percentages, typed and normalised.

A quantity is a number (digits, ``1,421``, ``2½``, or words, "four hundred") with an
optional scale ("million"), followed by what it counts: a currency ("rubles"), a
unit of measure ("miles", "tons"), "per cent." or a counted noun ("men",
"cartridges"), with up to two words between ("400 Japanese soldiers"). A currency
sign before it ("£1,200", "$3 million", "¥300,000") makes money too, and old British
money is read in all its forms ("£5 10s. 6d.", "1,200l.", "1s. 6d.", "2d.", and
"10/6" next to a money word). "6,520 million" with no unit is money when a currency is
named in the same sentence. "some", "about", "nearly", "over", ... before the number
make it approximate (the word is part of the quoted text).

What is never read: years and dates ("in 1933"), locators ("p. 45", "f. 327, op. 2",
"vol. 3", "No. 212", "Doc. #1504"), numbers after a capitalised name ("Hill 412"),
reference codes ("FO 371/22189"), footnote markers glued to words, ordinals ("the
10th"), times ("5 o'clock") and section numbers: none of them has a unit after it, and
the number before a unit is checked against these contexts as well.

The word lists below are generic English (currencies, units, countable nouns of
people, forces, arms, vessels, animals and goods); nothing here knows any document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Document, Quantity
from ..pipeline import stage
from .common import orig_span, sentences

# -- vocabulary ----------------------------------------------------------------------

# currency word (lower case) -> normalised unit
CURRENCY: dict[str, str] = {
    **{w: "rouble" for w in ("rouble", "roubles", "ruble", "rubles", "rubel", "rubels")},
    "yen": "yen", "sen": "sen", "yuan": "yuan", "tael": "tael", "taels": "tael",
    "franc": "franc", "francs": "franc", "mark": "mark", "marks": "mark",
    "reichsmark": "mark", "reichsmarks": "mark", "rentenmark": "mark", "rentenmarks": "mark",
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "lira": "lira", "lire": "lira", "liras": "lira", "peseta": "peseta", "pesetas": "peseta",
    "rupee": "rupee", "rupees": "rupee", "guinea": "guinea", "guineas": "guinea",
    "gns": "guinea",
    "kopeck": "kopeck", "kopecks": "kopeck", "kopek": "kopeck", "kopeks": "kopeck",
    "crown": "crown", "crowns": "crown", "kronen": "crown", "kronor": "crown",
    "koruna": "crown", "korun": "crown", "zloty": "zloty", "zlotys": "zloty",
    "zloties": "zloty", "pengo": "pengo", "pengő": "pengo", "pengos": "pengo",
    "pengős": "pengo", "guilder": "guilder", "guilders": "guilder", "florin": "guilder",
    "florins": "guilder", "gulden": "guilder", "drachma": "drachma", "drachmas": "drachma",
    "drachmae": "drachma", "dinar": "dinar", "dinars": "dinar", "lei": "leu", "leu": "leu",
    "escudo": "escudo", "escudos": "escudo", "peso": "peso", "pesos": "peso",
    "piastre": "piastre", "piastres": "piastre", "shilling": "GBP", "shillings": "GBP",
    "penny": "GBP", "pence": "GBP",
    # Persia's money (tomans and krans; rials from 1932)
    "toman": "toman", "tomans": "toman", "kran": "kran", "krans": "kran", "rial": "rial",
    "rials": "rial",
}
# British money named in words below the pound: its place in [pounds, shillings, pence]
LSD_WORDS = {"shilling": 1, "shillings": 1, "penny": 2, "pence": 2}
# currency and unit words that are also their plural
SAME_PLURAL = {"yen", "sen", "yuan", "lei", "kronen", "korun", "sterling", "pence", "lire",
               "drachmae", "head", "cattle", "sheep", "aircraft", "corps"}
# "marks" and "crowns" after an adjective are money only after these ("132 milliard gold
# marks", "Swedish crowns"; "full marks", "the Danish crown jewels" are not)
MONEY_ADJS = {"gold", "paper", "silver", "german", "reich", "austrian", "swedish", "danish",
              "norwegian", "czech", "czechoslovak", "hungarian", "finnish", "estonian",
              "icelandic"}
# a "dollar" qualified by one of these is not the United States dollar
OTHER_DOLLAR = {"mexican", "chinese", "straits", "silver", "canadian", "australian",
                "hong", "local", "gold", "trade", "spanish"}
SYMBOL: dict[str, str] = {"£": "GBP", "$": "USD", "US$": "USD", "HK$": "HKD", "¥": "yen",
                          "€": "EUR", "₽": "rouble", "Rs.": "rupee", "Rs": "rupee",
                          "RM": "mark", "Tls.": "tael", "Tls": "tael"}  # Shanghai taels

# unit of measure (lower case, abbreviations without their period) -> normalised unit
MEASURE: dict[str, str] = {
    **{w: "mile" for w in ("mile", "miles", "mi")},
    **{w: "kilometre" for w in ("kilometre", "kilometres", "kilometer", "kilometers", "km",
                                "kms", "kilo-metres", "kilo-meters")},
    **{w: "metre" for w in ("metre", "metres", "meter", "meters")},
    **{w: "verst" for w in ("verst", "versts", "werst", "wersts")},
    **{w: "yard" for w in ("yard", "yards", "yd", "yds")},
    **{w: "foot" for w in ("foot", "feet", "ft")},
    **{w: "inch" for w in ("inch", "inches")},
    **{w: "acre" for w in ("acre", "acres")},
    **{w: "hectare" for w in ("hectare", "hectares", "ha")},
    **{w: "desyatina" for w in ("desyatina", "desyatinas", "dessiatine", "dessiatines")},
    **{w: "ton" for w in ("ton", "tons")},
    **{w: "tonne" for w in ("tonne", "tonnes")},
    **{w: "pound" for w in ("lb", "lbs")},
    **{w: "hundredweight" for w in ("hundredweight", "cwt")},
    **{w: "kilogram" for w in ("kilogram", "kilograms", "kilogramme", "kilogrammes", "kg",
                               "kgs", "kilo", "kilos")},
    **{w: "gram" for w in ("gram", "grams", "gramme", "grammes")},
    **{w: "pood" for w in ("pood", "poods", "pud", "puds")},
    **{w: "bushel" for w in ("bushel", "bushels")},
    **{w: "barrel" for w in ("barrel", "barrels")},
    **{w: "gallon" for w in ("gallon", "gallons")},
    **{w: "litre" for w in ("litre", "litres", "liter", "liters")},
    **{w: "knot" for w in ("knot", "knots")},
    **{w: "hour" for w in ("hour", "hours", "hrs")},
    **{w: "minute" for w in ("minute", "minutes", "mins")},
    **{w: "day" for w in ("day", "days")},
    **{w: "week" for w in ("week", "weeks")},
    **{w: "fortnight" for w in ("fortnight", "fortnights")},
    **{w: "month" for w in ("month", "months")},
    **{w: "year" for w in ("year", "years")},
}
# abbreviations whose period belongs to them ("12 ft." keeps its period)
ABBREV_UNITS = {"mi", "km", "kms", "yd", "yds", "ft", "lb", "lbs", "cwt", "kg", "kgs", "hrs",
                "mins", "ha"}
TIME_UNITS = {"hour", "minute", "day", "week", "fortnight", "month", "year"}
# measures of the continent, where a dot groups thousands ("1.500 metres")
_CONTINENTAL_UNITS = {"kilometre", "metre", "verst", "hectare", "desyatina", "tonne",
                      "kilogram", "gram", "pood", "litre"}

# countable nouns (singular): people, forces, arms, vessels, vehicles, animals, goods
COUNT_NOUNS = set("""
man woman child person soldier officer sailor airman marine seaman troop prisoner worker
labourer laborer peasant farmer refugee casualty family household inhabitant resident
member delegate representative deputy envoy guard policeman gendarme rifleman horseman
cavalryman infantryman volunteer recruit conscript civilian student teacher priest monk
missionary merchant trader settler colonist emigrant immigrant coolie servant slave
official clerk agent spy deserter hostage passenger crew crewman pilot general admiral
colonel major captain lieutenant sergeant corporal private commander partisan guerrilla
bandit rebel insurgent striker voter citizen subject national
division regiment battalion brigade company corps squadron battery army platoon flotilla
fleet detachment unit column patrol garrison
gun rifle machine-gun cannon howitzer mortar grenade hand-grenade detonator shell bomb
mine cartridge bullet round tank aircraft aeroplane airplane plane bomber fighter seaplane
warship ship vessel steamer submarine destroyer cruiser battleship gunboat boat junk
sampan transport truck lorry car armoured-car wagon waggon cart train locomotive
horse camel mule ox cattle sheep pig cow head
village town city house building factory mill school church mosque temple hospital
station farm estate copy volume letter telegram despatch dispatch document book item
case bale sack bag crate chest box bottle cask barrel package parcel machine engine
""".split())
IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "person",
             "troops": "troops", "cattle": "cattle", "sheep": "sheep", "aircraft": "aircraft",
             "corps": "corps", "oxen": "ox", "personnel": "personnel",
             "gentlemen": "gentleman", "horsemen": "horseman", "riflemen": "rifleman",
             "seamen": "seaman", "airmen": "airman", "policemen": "policeman",
             "crewmen": "crewman", "cavalrymen": "cavalryman", "infantrymen": "infantryman",
             "head": "head", "junks": "junk"}

ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "milliard": 10**9,
          "billion": 10**9}
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
APPROX = r"(?:some|about|nearly|over|approximately|roughly|around|almost|circa|ca\.|c\.|" \
         r"upwards\s+of|more\s+than|less\s+than|fewer\s+than|well\s+over|close\s+to|" \
         r"at\s+least|just\s+under|just\s+over|under)"
# words that may stand between a number and its unit only as part of a phrase
FUNCTION = set("""
a an the and or but of to in on at by for with from as is was were are be been has had have
that this these those which who whom whose it its his her their our your my not no nor so
than then there here when where while if each every per all any some such same other
""".split())
# capitalised words that may open a sentence before a number ("About 400 men")
OPENERS = {"in", "of", "by", "for", "with", "and", "but", "only", "all", "some", "about",
           "over", "nearly", "almost", "around", "approximately", "roughly", "another", "the",
           "these", "those", "at", "to", "from", "each", "every", "perhaps", "then", "here",
           "there", "under", "circa", "fully", "just", "well", "more", "less", "fewer",
           "upwards", "close", "least", "when", "while", "after", "before", "since", "until",
           "also", "yet", "now", "thus", "so", "still", "even", "nor", "or", "a", "an",
           "than", "lost", "killed", "sent", "paid"}
MONEY_WORDS = re.compile(
    r"(?i)\b(?:price[sd]?|cost[s]?|paid|pay|payment|wages?|salary|salaries|fees?|fares?|"
    r"rent|charged?|sold|bought|sum|worth|shillings?|sterling|tax|duty|each|per\s+head|"
    r"a\s+(?:day|week|month|year|head|ton|yard|dozen|pound|quarter))\b")

# thousands after commas, or after no-break/thin spaces ("1\u202f200 francs": its
# "200 francs" alone was a wrong sum)
_GROUP_SPACE = "\u00a0\u2009\u202f"
# ... or continental groups after dots, "1.200.000 francs" (two groups or more: never
# a decimal; "3.500 Mark", one group, is read as thousands by `_at_number` before a
# currency, measure or counted noun)
_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[" + _GROUP_SPACE + r"]\d{3})+"
           r"|\d{1,3}(?:\.\d{3}){2,}|\d+(?:\.\d+)?")
_FRAC = "[½¼¾⅓⅔⅛]"
_WORDNUM = "|".join(sorted([*ONES, *SCALES, "dozen"], key=len, reverse=True))
# a number in digits, maybe after a currency sign; the lookahead lets most positions of
# a text fail at once
DIGIT_NUMBER = re.compile(
    rf"(?=[\d£$¥€₽UHRT½¼¾⅓⅔⅛])(?<![\w.,/#–—-])(?<!\d:)"
    rf"(?:(?P<sym>US\$|HK\$|Rs\.?|Tls\.?|RM|[£$¥€₽])\s?)?"
    rf"(?P<dig>(?:{_DIGITS}){_FRAC}?)(?![\d/]|[.,]\d)")


def _first_letter_trie(words: list[str]) -> str:
    """An alternation of `words` that opens with a class of their first letters and
    checks the rest after it: a scan for it skips most positions in C, which a plain
    alternation of words after a word boundary does not (3 times faster)."""
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(w[1:])
    alts = "|".join(f"(?<={c})(?:{'|'.join(sorted(r, key=len, reverse=True))})"
                    for c, r in sorted(rests.items()))
    return rf"[{''.join(sorted(rests))}](?<![\w-].)(?:{alts})"


# number words ("two hundred and fifty", "twenty-five", "million"); "a"/"half a" before a
# scale word is read by `_numbers`
WORD_NUMBER = re.compile(
    rf"(?i:{_first_letter_trie([*ONES, *SCALES, 'dozen'])}"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_WORDNUM}))*(?:\s+and\s+a\s+half)?)(?![\w-])")
_A_BEFORE = re.compile(r"(?i)(?<![\w-])(?:a|half\s+a)\s+$")


@dataclass
class Num:
    """A number of a text: its span, and its currency sign, digits or words."""

    start: int
    end: int
    sym: str | None = None
    dig: str | None = None
    words: str | None = None


def _numbers(text: str) -> list[Num]:
    """The numbers of `text` in digits and in words, in text order.

    >>> [(n.sym, n.dig, n.words) for n in _numbers("£5, 2½ and a million, six hundred")]
    [('£', '5', None), (None, '2½', None), (None, None, 'a million'), (None, None, 'six hundred')]
    """
    out = [Num(m.start(), m.end(), m.group("sym"), m.group("dig"))
           for m in DIGIT_NUMBER.finditer(text)]
    for m in WORD_NUMBER.finditer(text):
        s, words = m.start(), m.group()
        if re.match(r"(?i)(?:hundred|thousand|million|milliard|billion|dozen)\b", words):
            a = _A_BEFORE.search(text, max(0, s - 8), s)
            if a is None:
                continue  # "million" alone is a scale, not a number ("12 million")
            s, words = a.start(), text[a.start():m.end()]
        out.append(Num(s, m.end(), words=words))
    out.sort(key=lambda n: n.start)
    return out


_SCALE_AFTER = re.compile(r"\s+(?P<scale>millions?|thousands?|milliards?|billions?)\b", re.I)
_PERCENT = re.compile(r"\s*(?:%|per\s?cent\b\.?|percent\b|p\.\s?c\.|per\s+centum\b)", re.I)
_WORD = re.compile(r"\s+(?P<w>[A-Za-zÀ-ÿőű’'][\w’'-]*)(?P<dot>\.)?")
_HYPHEN_UNIT = re.compile(r"-(?P<w>[a-z]+)\b")
# shillings and pence after "£5" ("£5 10s. 6d.", "£4. 4s.", "£2 6d.")
_LSD_SD = re.compile(r"\.?\s+(?P<s>\d{1,2})s\b\.?(?:\s+(?P<d>\d{1,2}" + _FRAC + r"?)d\b\.?)?"
                     r"|\.?\s+(?P<d2>\d{1,2}" + _FRAC + r"?)d\.")
_L_FORM = re.compile(
    rf"(?=\d)(?<![\w.,/#–—-])(?P<l>{_DIGITS})l\.(?:\s+(?P<s>\d{{1,2}})s\.)?"
    rf"(?:\s+(?P<d>\d{{1,2}}{_FRAC}?)d\.)?")
_SD_FORM = re.compile(
    rf"(?=[\d½¼¾⅓⅔⅛])(?<![\w.,/#–—'’-])(?:(?P<s>\d{{1,3}})s\.(?:\s+(?P<d>\d{{1,2}}{_FRAC}?|{_FRAC})d\.)?"
    rf"|(?P<d2>\d{{1,2}}{_FRAC}?|{_FRAC})d\.)")
# "£5-10-0", "£5.10.6", "£12/0/0": pounds, shillings and pence after one sign, the
# same separator twice (a dash for none: "£5-10-"); "£5" alone lost the rest
_SIGN_LSD = re.compile(
    rf"£\s?(?P<l>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<sep>[-./:])(?P<s>\d{{1,2}}|-)(?P=sep)"
    rf"(?P<d>\d{{1,2}}{_FRAC}?|{_FRAC}|-)(?:d\b\.?)?(?![\d/]|[.,:-]\d)")
_SLASH = re.compile(r"(?=\d)(?<![\w/.,-])(?P<s>\d{1,2})/(?P<d>\d{1,2}|-)(?![\w/]|[.,]\d)")
# what before a number makes it a locator, a code or a date, never a quantity
_LOCATOR = re.compile(
    r"(?i)(?:\b(?:pp?|ff?|fols?|op|d|ll?|vols?|nos?|nn?|arts?|sec|secs|ch|chap|paras?|figs?"
    r"|cols?|docs?|tel|ibid|no|item|file|folder|box|series|part|line|lines|page|pages|note"
    r"|notes|number|article|section|chapter|paragraph|clause|telegram|despatch|dispatch)"
    r"\.?\s*|#\s*)$")
_DATE_BEFORE = re.compile(
    r"(?i)\b(?:in|by|since|until|till|during|from|after|before|year|summer|winter|"
    r"spring|autumn|early|late|mid|circa|c\.|ca\.|" + "|".join(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]) + r")\s*$")
# "10 to 20 men", "10 or 12 men" are ranges too, but "grew in 1933 to 5,000 men" is not
_RANGE_BEFORE = re.compile(
    r"\d\s*[–—-]\s*$|(?i:\bbetween\s+[\d,.]+\s+and\s+$|\bfrom\s+[\d,.]+\s+to\s+$"
    r"|(?<![\d,.])(?!(?:1\d{3}|20\d{2})\s)\d[\d,.]*\s+(?:to|or)\s+$)")
_BIG_WORD = re.compile(r"(?i)million|milliard|billion")
_EURO_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_NOTE_AFTER = re.compile(r"\s+notes?\b")
_OF_AFTER = re.compile(r"\s+(?:of|weight)\b")
_STERLING = re.compile(r"\s+sterling\b")
_POUNDS = re.compile(r"(?i)\bpounds?\b")
_WEIGH_BEFORE = re.compile(r"(?i)\bweigh\w*(?:\s+[\w.]+){0,2}\s+$")
_IN_WEIGHT = re.compile(r"(?i)\s+in\s+weight\b")
_COMMA = re.compile(r"\s*,")
_THE_BEFORE = re.compile(r"(?i)\bthe\s+$")
# before a round "40s." an age or a decade ("in his 40s.", "the early 30s."), not shillings
_DECADE_BEFORE = re.compile(r"(?i)\b(?:his|her|their|its|our|my|early|mid|late)\s+$")
# after "3d." a day of this or last month ("your letter of 3d. inst.")
_INST_AFTER = re.compile(r"(?i)\s+(?:inst|instant|ult|ultimo|prox|proximo)\b")
_FRACTION_AFTER = re.compile(r"(?i)\s+(of|the)\b")
_LSD_HINT = re.compile(r"\d[½¼¾⅓⅔⅛]?[lsd]\.|[½¼¾⅓⅔⅛]d\.")
_APPROX_BEFORE = re.compile(rf"(?i)\b{APPROX}\s+$")
_PREV_WORD = re.compile(r"(?P<w>[\w’'.]+)\s*$")
_NOT_AFTER = re.compile(r"\s*(?:o['’]clock|[ap]\.\s?m\.|h\.|hrs?\b(?!\.))", re.I)
_MONTH_BEFORE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+$")


@dataclass
class Found:
    """A quantity of a text: span, kind, value, unit (and the pounds, shillings and pence
    of old British money), and whether it is approximate."""

    start: int
    end: int
    kind: str
    value: float
    unit: str
    lsd: list[float] | None = None
    approx: bool = False


# -- numbers ---------------------------------------------------------------------------

# more digits than any sum or count in print, even in a hyperinflation; the cap keeps
# values finite as floats (scaled by "billion" too) and int() under Python's 4300-digit
# limit: a 400-digit run made float() overflow and a 5000-digit one made int() raise
MAX_DIGITS = 30


def number_value(s: str) -> float | None:
    """The value of a number written in digits or in words.

    >>> number_value("1,421"), number_value("2½"), number_value("0.5")
    (1421, 2.5, 0.5)
    >>> number_value("four hundred"), number_value("a million"), number_value("twenty-five")
    (400, 1000000, 25)
    >>> number_value("three thousand five hundred and ten"), number_value("half a million")
    (3510, 500000.0)
    >>> number_value("three four") is None, number_value("9" * 31) is None
    (True, True)
    >>> number_value("a million and a half"), number_value("six and a half")
    (1500000.0, 6.5)
    >>> number_value("1\u202f200\u202f000"), number_value("1.200.000")
    (1200000, 1200000)
    """
    s = s.strip()
    if s[:1].isdigit() or s[:1] in FRACTIONS:
        frac = FRACTIONS.get(s[-1], 0.0)
        digits = re.sub(f"[,{_GROUP_SPACE}]", "", s.rstrip("".join(FRACTIONS)))
        if digits.count(".") > 1:  # continental groups, "1.200.000"
            digits = digits.replace(".", "")
        if len(digits) > MAX_DIGITS:
            return None  # a run of digits (a table row, OCR noise), not a number
        v: float = (float(digits) if "." in digits else int(digits)) if digits else 0
        return v + frac if frac else v
    words = re.split(r"[\s-]+", s.lower())
    half = words[:2] == ["half", "a"]
    if half or words[0] == "a":
        words = words[2:] if half else words[1:]
    # "and a half" adds half of the last word's scale: "a million and a half" is
    # 1,500,000 (read as "a million" it lost a third), "six and a half" is 6.5
    and_half = words[-3:] == ["and", "a", "half"]
    if and_half:
        words = words[:-3]
        if not words:
            return None
    total, current, last = 0, 0, ""
    for w in words:
        if w == "and":
            continue
        if w in ONES:
            # "three four" is no number; "twenty five" is (a tens word then a unit)
            if current % 100 and not (ONES[w] < 10 and current % 10 == 0 and last in ONES
                                      and ONES[last] >= 20):
                return None
            current += ONES[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "dozen":
            current = (current or 1) * 12
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        last = w
    value = total + current
    if and_half:
        value += (SCALES.get(last, 12 if last == "dozen" else 1)) / 2
    return value / 2 if half else value


def _clean_value(v: float) -> float:
    """Integral floats as ints, others rounded (a third of a penny is not exact)."""
    r = round(v, 6)
    return int(r) if r == int(r) else r


def _plural_to_noun(word: str) -> str | None:
    """The counted noun of a plural (or, after "one"/"1", singular) word, if countable.

    >>> _plural_to_noun("cartridges"), _plural_to_noun("machine-guns"), _plural_to_noun("men")
    ('cartridge', 'machine-gun', 'man')
    >>> _plural_to_noun("casualties"), _plural_to_noun("states") is None
    ('casualty', True)
    """
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    for suf, rep in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"),
                     ("sses", "ss"), ("s", "")):
        if w.endswith(suf) and w[:-len(suf)] + rep in COUNT_NOUNS:
            return w[:-len(suf)] + rep
    return w if w in COUNT_NOUNS else None


# -- the unit after a number -----------------------------------------------------------

@dataclass
class Unit:
    kind: str
    unit: str
    end: int
    singular: bool = False  # written in the singular ("four pound package")
    lsd_place: int = -1  # 1 shillings, 2 pence: old British money named in words


def unit_after(text: str, pos: int, singular: bool) -> Unit | None:
    """The unit that follows a number ending at `pos`: percent, a currency, a measure
    or a counted noun, with at most two words (adjectives) before it.

    >>> t = "400 Japanese soldiers, 22 kilometers, 20 per cent., 5 million gold rubles"
    >>> ends = [t.index(n) + len(n) for n in ("400", "22", "20", "5 million")]
    >>> [unit_after(t, p, False).unit for p in ends]
    ['soldier', 'kilometre', 'percent', 'rouble']
    >>> unit_after("3 of the men", 1, False) is None, unit_after("Hill 3 is high", 6, False)
    (True, None)
    """
    m = _PERCENT.match(text, pos)
    if m:
        return Unit("percent", "percent", m.end())
    m = _HYPHEN_UNIT.match(text, pos)  # "a 25-year lease", "10-ton lorries"
    if m:
        u = MEASURE.get(m.group("w"))
        return Unit("measure", u, m.end()) if u else None
    adjs: list[str] = []
    p = pos
    for _ in range(3):
        m = _WORD.match(text, p)
        if not m:
            return None
        w, low = m.group("w"), m.group("w").lower()
        u = _unit_word(text, m, adjs, singular)
        if u is not None:
            return u
        if low in FUNCTION or low in ONES or low in SCALES or (m.group("dot") and low != "sq"):
            return None
        adjs.append(low)
        p = m.end()
        if w.endswith(("’", "'")):
            return None
    return None


def _unit_word(text: str, m: re.Match[str], adjs: list[str], singular: bool) -> Unit | None:
    """The unit named by the word `m` (after adjectives `adjs`), if it is one."""
    w = m.group("w")
    low = w.lower().rstrip("’'")
    end = m.end("w")
    if w == "Mark" and _NAME_AFTER.match(text, end):
        return None  # "Mark Harrison" after a note number: a name, not a sum
    if low in CURRENCY and not (low in ("mark", "marks", "crown", "crowns") and adjs
                                and not all(a.lower() in MONEY_ADJS for a in adjs)):
        unit = CURRENCY[low]
        if low in ("pound", "pounds") and _OF_AFTER.match(text, end):
            return Unit("measure", "pound", end)  # "500 pounds of flour"
        if low == "pound" and not singular and not _NOTE_AFTER.match(text, end):
            return Unit("measure", "pound", end)  # "a four pound parcel", not "a five pound note"
        if unit == "USD" and any(a in OTHER_DOLLAR for a in adjs):
            unit = "dollar"
        if low == "gns" and m.group("dot"):
            end = m.end()  # "5 gns.": the abbreviation keeps its period
        st = _STERLING.match(text, end)
        if st:
            end = st.end()
        # "Mark" with a capital after a number is the German plural ("3.500 Mark")
        return Unit("money", unit, end, singular=_singular(low) and w != "Mark",
                    lsd_place=LSD_WORDS.get(low, -1))
    if low in MEASURE and w[0].islower():
        unit = MEASURE[low]
        if low in ABBREV_UNITS and m.group("dot"):
            end = m.end()
        if adjs and adjs[-1] in ("square", "sq", "cubic"):  # "3 sq. miles"
            unit = ("cubic " if adjs[-1] == "cubic" else "square ") + unit
        return Unit("measure", unit, end, singular=low == unit or low in ("foot", "inch"))
    if w[0].islower():
        noun = _plural_to_noun(low)
        plural = noun is not None and (low != noun or low in IRREGULAR)
        if noun and (plural or singular):
            return Unit("count", noun, end)
    return None


# -- finding -------------------------------------------------------------------------

def find_quantities(text: str) -> list[Found]:
    """Quantities of `text`, in text order, none overlapping.

    >>> t = ("In 1933 it claimed to have spent some 1,421 million rubles, when in fact it "
    ...      "spent 4,299 millions. Hill 412 lay 15 miles off; 10,000 tons of coal, "
    ...      "20 per cent. of it, cost £5 10s. 6d. a ton, 1,200l. in all.")
    >>> [(t[f.start:f.end], f.kind, f.value, f.unit, f.approx) for f in find_quantities(t)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('some 1,421 million rubles', 'money', 1421000000, 'rouble', True),
     ('4,299 millions', 'money', 4299000000, 'rouble', False),
     ('15 miles', 'measure', 15, 'mile', False), ('10,000 tons', 'measure', 10000, 'ton', False),
     ('20 per cent.', 'percent', 20, 'percent', False),
     ('£5 10s. 6d.', 'money', 5.525, 'GBP', False), ('1,200l.', 'money', 1200, 'GBP', False)]

    Locators, codes, names with numbers, dates, times and ordinals are left alone:

    >>> find_quantities("See p. 45, pp. 12–15; f. 327, op. 2, d. 81, l. 9; vol. 3; "
    ...     "No. 212; Doc. #1504; FO 371/22189; F 4521/12/10; Height 52; the 10th; "
    ...     "at 5 o'clock; May 3, 1933; Article 3 states; 1. The first.")
    []
    """
    found: list[Found] = []
    found.extend(_old_money(text))
    found.extend(_coins(text))
    for n in _numbers(text):
        f = _at_number(text, n)
        if f is not None:
            found.append(f)
    found.sort(key=lambda f: (f.start, -f.end))
    pending = sum(1 for f in found if not f.unit)
    if pending:
        cur = Currencies([(f.start, f.end, f.unit) for f in found
                          if f.kind == "money" and f.unit])
        # many bare numbers: split the whole text once, not a window around each
        sents = sentences(text) if pending * 2 * _REACH > len(text) else None
        found = [f for f in found if f.unit or _take_currency(text, f, cur, sents)]
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue  # the longer reading at the same place was taken
        out.append(f)
    return out


def _at_number(text: str, m: Num) -> Found | None:
    """The quantity whose number is `m`, or None when it is not one (a bare scaled
    number, "6,520 million", comes back as money without a unit yet)."""
    s = m.start
    raw = m.dig or m.words
    if raw is None:
        return None
    words = m.words
    value = number_value(raw)
    if value is None:
        return None
    end = m.end
    scale_m = _SCALE_AFTER.match(text, end) if m.dig else None
    if scale_m:
        value *= SCALES[scale_m.group("scale").lower().rstrip("s")]
        end = scale_m.end()
    if _NOT_AFTER.match(text, end):
        return None
    sym = (m.sym or "").strip()
    if sym:
        return _symbol_money(text, m, sym, value, end, scale_m is not None)
    unit = unit_after(text, end, value == 1)
    scaled = scale_m is not None or bool(words and _BIG_WORD.search(words))
    # what stands before the number is read last: most numbers have no unit at all
    if (unit is None and not scaled) or not _number_context_ok(text, m):
        return None
    if unit is None:
        if not value:
            return None  # "0 million": a misread, not a sum
        return _found(text, s, end, "money", value, "", None)  # unit: its sentence's
    if words:
        low = words.lower()
        if low in ("one", "a") and unit.kind in ("count", "measure"):
            return None  # "one day", "one side": idiom more often than quantity
    if unit.kind == "measure" and unit.unit in TIME_UNITS and m.dig \
            and _yearlike(m.dig):
        return None
    if unit.unit == "hour" and m.dig and _clock_time(text, m):
        return None  # "at 1430 hours", "0900 hours": a time of day, not a duration
    if unit.singular and value != 1 and (unit.unit in TIME_UNITS or unit.unit in (
            "mark", "crown")):
        return None  # "a five year plan", "passed the 125 mark"
    if m.dig and _EURO_THOUSANDS.fullmatch(m.dig) and (
            unit.kind in ("money", "count")
            or (unit.kind == "measure" and unit.unit in _CONTINENTAL_UNITS)):
        # "30.000 francs", "3.500 Mark", "1.500 metres": dot groups of exactly three
        # digits are continental thousands (no one writes thousandths of a franc); not
        # before English and time units, which take three decimals ("2.125 inches")
        value = int(m.dig.replace(".", ""))
    if value == 0:
        return None  # "00 Dollars": a misread, not a sum
    if unit.unit == "GBP" and unit.lsd_place < 0 and _is_weight(text, s, end, unit.end):
        unit = Unit("measure", "pound", unit.end)  # "weighing 25 pounds"
    lsd = None
    if unit.lsd_place > 0:  # "Ten Shillings", "sixpence" -> pounds
        lsd = [0, 0, 0]
        lsd[unit.lsd_place] = _clean_value(value)
        value = value / (20 if unit.lsd_place == 1 else 240)
    return _found(text, s, unit.end, unit.kind, value, unit.unit, lsd)


def _is_weight(text: str, s: int, end: int, unit_end: int) -> bool:
    """Whether "pounds" after the number ending at `end` weigh: "weighing (about) 25
    pounds", "25 pounds in weight" ("pounds of", "pounds weight" are read with the unit).

    >>> t = "a shell weighing about 25 pounds; 9 pounds in weight; fined 25 pounds"
    >>> [_is_weight(t, n.start, n.end, n.end + 7) for n in _numbers(t)]
    [True, True, False]
    """
    if not _POUNDS.search(text, end, unit_end) or _STERLING.search(text, end, unit_end):
        return False
    return bool(_WEIGH_BEFORE.search(text, max(0, s - 30), s)
                or _IN_WEIGHT.match(text, unit_end))


def _singular(word: str) -> bool:
    """Whether a currency word is written in the singular (and has a distinct plural)."""
    return word not in SAME_PLURAL and not word.endswith(("s", "en"))


def _yearlike(dig: str) -> bool:
    return bool(re.fullmatch(r"1\d{3}|20\d{2}", dig))


_HHMM = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d|(?:[01]?\d|2[0-3])\.[0-5]\d")
_AT_BEFORE = re.compile(r"(?i)\b(?:at|by|till|until|before|after|from|to)\s+$")


def _clock_time(text: str, m: Num) -> bool:
    """Whether the digits before "hours" are a 24-hour clock time: four with a leading
    zero ("0900 hours"), or four or "10.30" after "at", "by", "until", ... ("at 1430
    hours", "at 10.30 hrs.").

    >>> t = "at 1430 hours; 0900 hours; for 1200 hours; at 10.30 hrs.; for 2.30 hours"
    >>> [_clock_time(t, n) for n in _numbers(t)]
    [True, True, False, True, False]
    """
    dig = m.dig or ""
    if not _HHMM.fullmatch(dig):
        return False
    return (len(dig) == 4 and dig[0] == "0") or bool(_AT_BEFORE.search(text, max(0, m.start - 8), m.start))


def _number_context_ok(text: str, m: Num) -> bool:
    """Whether what stands before the number allows a quantity: not a locator
    ("p. 45", "No. 212"), not a name ("Hill 412"), not a year after "in", not a range's
    second number, not a marker glued to a word."""
    s = m.start
    before = text[max(0, s - 24):s]
    if m.sym:
        return True
    if _LOCATOR.search(before):
        return False
    dig = m.dig
    if dig is None:
        return True
    if _RANGE_BEFORE.search(before):
        return False  # the second number of a range
    if _yearlike(dig) and (_DATE_BEFORE.search(before) or _COMMA.match(text, m.end)):
        return False
    pw = _PREV_WORD.search(before)
    if pw and "," not in dig:
        w = pw.group("w").rstrip(".")
        if w[:1].isupper() and w.lower() not in OPENERS:
            return False  # "Hill 412", "Height 52", "FO 371"
    return True


def _symbol_money(text: str, m: Num, sym: str, value: float, end: int,
                  scaled: bool) -> Found | None:
    """Money after a currency sign: "£1,200", "£5 10s. 6d.", "$3 million"."""
    unit = SYMBOL.get(sym, SYMBOL.get(sym.rstrip("."), "USD"))
    lsd: list[float] | None = None
    if unit == "GBP" and not scaled:
        pounds, sh, d = value, 0, 0.0
        x = _LSD_SD.match(text, end)
        if x:
            sh = int(x.group("s")) if x.group("s") else 0
            d = number_value(x.group("d") or x.group("d2") or "0") or 0
            end = x.end()
        lsd = [_clean_value(pounds), sh, _clean_value(d)]
        value = pounds + sh / 20 + d / 240
    m2 = _SCALE_AFTER.match(text, end) if not scaled else None
    if m2:
        value *= SCALES[m2.group("scale").lower().rstrip("s")]
        end = m2.end()
        lsd = None
    if value == 0:
        return None  # "$00,000": a misread, not a sum
    return _found(text, m.start, end, "money", value, unit, lsd)


def _old_money(text: str) -> list[Found]:
    """Old British money without a pound sign: "1,200l.", "5s.", "1s. 6d.", "2d." and
    "10/6" (only next to a money word).

    >>> t = "paid 1s. 6d. and 2d. each; the fare was 10/6; in the 1930s. 3/4 of them"
    >>> [(t[f.start:f.end], f.lsd, f.value) for f in _old_money(t)]
    [('1s. 6d.', [0, 1, 6], 0.075), ('2d.', [0, 0, 2], 0.008333), ('10/6', [0, 10, 6], 0.525)]
    >>> [f.lsd for f in _old_money("paid £5-10-0, £5.10.6 and £12/0/- each")]
    [[5, 10, 0], [5, 10, 6], [12, 0, 0]]
    >>> _old_money("on the 2d. of May; July 2d.; the 40s.; a price 3/4 of the cost")
    []
    >>> _old_money("a price paid in his 40s., in the early 30s.; your letter of 3d. inst.")
    []
    >>> _old_money("the fee was 0s. 0d., or 0l.")
    []
    """
    out: list[Found] = []
    if not _LSD_HINT.search(text) and "/" not in text and "£" not in text:
        return out
    if "£" in text:
        for m in _SIGN_LSD.finditer(text):
            sh = 0 if m.group("s") == "-" else int(m.group("s"))
            d = 0 if m.group("d") == "-" else number_value(m.group("d")) or 0
            pounds = number_value(m.group("l"))
            if sh > 19 or d >= 12 or pounds is None:
                continue  # not shillings and pence: left to the pound sign alone
            out.append(_lsd_found(text, m.start(), m.end(), pounds, sh, d))
    if "l." in text:
        for m in _L_FORM.finditer(text):
            pounds = number_value(m.group("l"))
            if pounds is None:
                continue  # too long to be a sum ("0l." would be a wrong one)
            sh = int(m.group("s") or 0)
            d = number_value(m.group("d") or "0") or 0
            out.append(_lsd_found(text, m.start(), m.end(), pounds, sh, d))
    if "s." in text or "d." in text:
        for m in _SD_FORM.finditer(text):
            before = text[max(0, m.start() - 12):m.start()]
            if _THE_BEFORE.search(before) or _MONTH_BEFORE.search(before):
                continue  # "the 2d. of May", "the 40s.", "July 2d."
            if (m.group("s") or "").endswith("0") and not m.group("d") \
                    and _DECADE_BEFORE.search(before):
                continue
            if _OF_AFTER.match(text, m.end()) or _INST_AFTER.match(text, m.end()):
                continue
            sh = int(m.group("s") or 0)
            d = number_value(m.group("d") or m.group("d2") or "0") or 0
            out.append(_lsd_found(text, m.start(), m.end(), 0, sh, d))
    if "/" in text:
        for m in _SLASH.finditer(text):
            d = 0 if m.group("d") == "-" else int(m.group("d"))
            if d > 11 or int(m.group("s")) == 0 or not _money_near(text, m.start(), m.end()):
                continue
            fa = _FRACTION_AFTER.match(text, m.end())
            if fa and (fa.group(1).lower() == "of" or int(m.group("s")) < d):
                continue  # "3/4 of the cost", "in 1/2 the time": a fraction, not 3s. 4d.
            out.append(_lsd_found(text, m.start(), m.end(), 0, int(m.group("s")), d))
    return [f for f in out if f.value]  # "0s.", "0l.": a misread, not a sum (as "00 Dollars")


# old British money named by its coin: "sixpence", "tuppence", "a halfpenny", "half a
# crown", "a guinea" (not "a guinea-pig", not the country)
_PENCE = {"two": 2, "tup": 2, "three": 3, "thrup": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11}
_COIN_WORDS = ("pence", "penny", "crown", "guinea")
_COIN = re.compile(
    r"(?i)(?<![\w'’-])(?:(?P<pence>" + "|".join(_PENCE) + r")pence"
    r"(?P<ph>[ \t-]+(?:half-?penny|ha['’]penny))?"
    r"|(?P<half>(?:a\s+)?(?:half-?penny|ha['’]penny))"
    r"|(?P<crown>half(?:\s+a\s+|-a-|[\s-])crown)"
    r"|(?P<guinea>(?P<gh>half\s+)?a\s+guinea)(?!\s*-?\s*(?:pigs?|fowls?|hens?|worms?)\b)"
    r")(?![\w-])")


_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
# a noun after a bare "halfpenny": the word describes it ("the halfpenny press")
_NOUN_AFTER = re.compile(r"[ \t]+(?!(?:and|or|a|an|each|for|to|in|on|of|per|more|less)\b)[a-z]")


def _occurrences(low: str, word: str) -> list[int]:
    """Offsets of `word` in `low` (str.find: no regex scan)."""
    out, i = [], low.find(word)
    while i != -1:
        out.append(i)
        i = low.find(word, i + 1)
    return out



def _coins(text: str) -> list[Found]:
    """Old British money named by its coin: pence ("sixpence" 6d.), "a halfpenny",
    "half a crown" (2s. 6d.), "a guinea" and "half a guinea" (in guineas, as "5
    guineas" is).

    >>> t = "He gave sixpence, tuppence and half a crown; the fee was a guinea."
    >>> [(t[f.start:f.end], f.value, f.unit, f.lsd) for f in _coins(t)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('sixpence', 0.025, 'GBP', [0, 0, 6]), ('tuppence', 0.008333, 'GBP', [0, 0, 2]),
     ('half a crown', 0.125, 'GBP', [0, 2, 6]), ('a guinea', 1, 'guinea', None)]
    >>> _coins("a guinea-pig, a guinea fowl, a Guinea port, the crown, Sixpence Lane")
    []
    """
    # the coin words' places found by C-level substring search, the pattern tried only
    # around them (scanning a page with it case-blind cost a third of this stage)
    low = text.lower()
    hits = sorted(i for w in _COIN_WORDS for i in _occurrences(low, w))
    if not hits:
        return []
    out = []
    seen_end = -1
    for i in hits:
        if i < seen_end:
            continue
        # the pattern tried at each place up to 16 characters before the word ("half
        # a crown" starts there); match, not search: nothing beyond is scanned
        m = next((m for st in range(max(0, i - 16), i + 1)
                  if (m := _COIN.match(text, st)) is not None and m.end() > i), None)
        if m is None:
            continue
        seen_end = m.end()
        if m.group("guinea"):
            word = m.group("guinea").split()[-1]
            if word[0].isupper() and not word.isupper():
                continue  # "a Guinea port": the country
            out.append(_found(text, m.start(), m.end(), "money",
                              0.5 if m.group("gh") else 1, "guinea", None))
        elif (m.group()[0].isupper() and not m.group().isupper()
              and _NAME_AFTER.match(text, m.end())):
            continue  # "Sixpence Street", "Half Crown Inn": a name
        elif m.group("crown"):
            out.append(_lsd_found(text, m.start(), m.end(), 0, 2, 6))
        elif m.group("half"):
            if m.group("half")[:1] in "hH" and _NOUN_AFTER.match(text, m.end()):
                continue  # "the halfpenny press", "halfpenny papers": a kind, no sum
            out.append(_lsd_found(text, m.start(), m.end(), 0, 0, 0.5))
        else:
            # "twopence halfpenny" is one sum, 2½d.
            out.append(_lsd_found(text, m.start(), m.end(), 0, 0,
                                  _PENCE[m.group("pence").lower()]
                                  + (0.5 if m.group("ph") else 0)))
    return out


def _lsd_found(text: str, s: int, e: int, pounds: float, sh: int, d: float) -> Found:
    f = _found(text, s, e, "money", pounds + sh / 20 + d / 240, "GBP",
               [_clean_value(pounds), sh, _clean_value(d)])
    return f


def _money_near(text: str, s: int, e: int) -> bool:
    """Whether a money word stands within 40 characters of [s, e) in its sentence."""
    lo = max(0, s - 40)
    hi = min(len(text), e + 40)
    left = re.split(r"[.;!?]\s", text[lo:s])[-1]
    right = re.split(r"[.;!?]\s", text[e:hi])[0]
    return bool(MONEY_WORDS.search(left) or MONEY_WORDS.search(right))


_REACH = 600  # characters each side of a number searched for its sentence


def _sentence_at(text: str, pos: int, sents: list[tuple[int, int]] | None = None
                 ) -> tuple[int, int]:
    """The span of the sentence holding `pos`: found in `sents` (the whole text's) when
    given, else split in a window around it (splitting a whole long text for one number
    was most of the cost)."""
    if sents is not None:
        lo, hi = 0, len(sents)
        while lo < hi:  # the last sentence starting at or before pos
            mid = (lo + hi) // 2
            if sents[mid][0] <= pos:
                lo = mid + 1
            else:
                hi = mid
        if lo and pos < sents[lo - 1][1]:
            return sents[lo - 1]
        return pos, pos
    lo = max(0, pos - _REACH)
    for a, b in sentences(text[lo:pos + _REACH]):
        if a + lo <= pos < b + lo:
            return a + lo, b + lo
    return pos, pos


_CURRENCY_RE = re.compile(
    r"(?i)(?:\b(?:" + "|".join(sorted((w for w in CURRENCY if w not in (
        "mark", "marks", "crown", "crowns", "pound", "pounds", "sen", "shilling", "shillings",
        "guinea", "guineas", "gns", "lei", "leu")), key=len, reverse=True)) + r")\b|[£$¥€₽])")


@dataclass
class Currencies:
    """Where currencies are named in a text, in text order, as (start, end, unit): the
    money read there, and (found once, when first asked) the currency words and signs."""

    money: list[tuple[int, int, str]]
    named: list[tuple[int, int, str]] | None = None

    def of(self, text: str) -> list[tuple[int, int, str]]:
        if self.named is None:
            self.named = []
            for c in _CURRENCY_RE.finditer(text):
                unit = SYMBOL.get(c.group()) or CURRENCY.get(c.group().lower())
                if unit is not None:
                    self.named.append((c.start(), c.end(), unit))
        return self.named


# words that end the tie between a sum and a bare number after it: a clause of its own
# ("paid £5, though the book sold 40 million"), a semicolon between
# clauses ("earned £40,000; his rival sold 2 million"), or a conjunction opening a clause
# with a new subject ("£40,000, and his rival sold 2 million"); a list of amounts ("£5,
# 7 and 9 million") has none of these
_CLAUSE_BREAK = re.compile(
    r"(?i)\b(?:though|although|whereas|while|whilst)\b|;|"
    r"\b(?:and|but|or|yet)\s+(?:he|she|it|they|we|i|you|his|her|their|its|our|my|this|"
    r"that|these|those|there)\b")
_BETWEEN_WORD = re.compile(r"[A-Za-z][a-z’'-]*")


def _tied(between: str) -> bool:
    """Whether a bare number and a currency named `between` words away belong
    together: no counted noun ("peasants", "workers"), measure ("tons", not a time)
    or new clause stands between them, which would be what the number counts.

    >>> _tied(" on roads and "), _tied(" of which were in gold "), _tied(" in the year, and ")
    (True, True, True)
    >>> _tied(" fell on each of the peasants, who numbered "), _tied(" of coal, 50 tons or ")
    (False, False)
    >>> _tied(" for the rights, though the book sold "), _tied("; his rival sold ")
    (False, False)
    """
    if _CLAUSE_BREAK.search(between):
        return False
    for m in _BETWEEN_WORD.finditer(between):
        w = m.group().lower()
        if w in MEASURE and MEASURE[w] not in TIME_UNITS and w not in FUNCTION:
            return False  # "tons", "miles" ("in the year", "a month" tie nothing)
        noun = _plural_to_noun(w)
        if noun is not None and (w != noun or w in IRREGULAR) and w not in CURRENCY:
            return False
    return True


def _nearest(text: str, marks: list[tuple[int, int, str]], a: int, b: int, f: Found
             ) -> str | None:
    """The unit of the mark in [a, b) nearest before the number `f` and tied to it
    (`_tied`), else of the nearest after it, tied to it."""
    i = bisect_left(marks, (f.start,))
    if i > 0 and marks[i - 1][0] >= a and _tied(text[marks[i - 1][1]:f.start]):
        return marks[i - 1][2]
    while i < len(marks) and marks[i][0] < f.end:
        i += 1  # the number itself, or a mark inside it
    if i < len(marks) and marks[i][0] < b and _tied(text[f.end:marks[i][0]]):
        return marks[i][2]
    return None


def _take_currency(text: str, f: Found, cur: Currencies,
                   sents: list[tuple[int, int]] | None = None) -> bool:
    """Give a bare scaled number the currency of its sentence when the sentence ties
    them; False when none does.

    The currency is that of the nearest money read in the same sentence ("812 million
    marks ... 640 million"), else the nearest currency word or sign there (before it
    first): "spent 6,520 million" is money only when the sentence says in what. Only
    when nothing it might count stands between them (`_tied`): in "a tax of 2 roubles
    fell on the peasants, who numbered 80 million" the number counts peasants.

    >>> t = "A tax of 2 roubles fell on the peasants, who numbered 80 million."
    >>> [t[f.start:f.end] for f in find_quantities(t)]
    ['2 roubles']
    >>> t = "It cost 90 million, 40 million of which were in gold roubles."
    >>> [(t[f.start:f.end], f.unit) for f in find_quantities(t)]
    [('90 million', 'rouble'), ('40 million', 'rouble')]
    """
    a, b = _sentence_at(text, f.start, sents)
    unit = _nearest(text, cur.money, a, b, f) or _nearest(text, cur.of(text), a, b, f)
    if unit is None:
        return False
    f.unit = unit
    return True


def _found(text: str, s: int, e: int, kind: str, value: float, unit: str,
           lsd: list[float] | None) -> Found:
    """A Found, widened to an approximating word before it ("some 400 men")."""
    approx = _APPROX_BEFORE.search(text, max(0, s - 24), s)
    start = approx.start() if approx else s
    return Found(start, e, kind, _clean_value(value), unit, lsd, approx is not None)


# -- the stage -------------------------------------------------------------------------

@stage("extract.quantities")
def extract_quantities(doc: Document) -> Document:
    """Find quantities in the body and in every footnote; a number that a date already
    covers is the date's."""
    doc.quantities = []
    dates: dict[str, list[tuple[int, int]]] = {}
    for d in doc.dates:
        dates.setdefault(d.where, []).append((d.start, d.end))
    for v in doc.views():
        taken = dates.get(v.where, [])
        for f in find_quantities(v.text):
            if any(a < f.end and f.start < b for a, b in taken):
                continue
            os_, oe = orig_span(v, f.start, f.end)
            doc.quantities.append(Quantity(
                text=v.text[f.start:f.end], kind=f.kind, value=f.value, unit=f.unit,
                where=v.where, start=f.start, end=f.end, orig_start=os_, orig_end=oe,
                lsd=f.lsd, approx=f.approx))
    return doc
