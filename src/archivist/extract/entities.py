"""Named entities: spaCy + rules + the shipped gazetteer, variants merged into entities.

For every view (body and each footnote) candidate spans come from three sources,
strongest first: rules (`rules.py`), the gazetteer (`gazetteer.py`), spaCy's NER
(GPE/LOC/FAC -> PLACE, PERSON, ORG; NORP and the rest are not names of ours).
Overlaps are resolved by strength, then length. Known spaCy mistakes are fixed
generically: the gazetteer's type beats spaCy's, a word used elsewhere in the
document as the subject of "said/stated" is a PERSON, and capitalised words that
are a fuzzy (OCR/transliteration) variant of a name already found are added.
Mentions are then grouped into entities by `variants.similar`.

Old print is read through `common.match_text`, a same-length copy with the long s
restored ("Houfe" -> "House") and words an OCR'd "- " split joined, so every offset
still quotes the real text. Weaker sources fill gaps: a given name + surname pattern,
unknown acronyms in mixed-case prose (organisations), bare repetitions of surnames
and one-word names found once, and the journals and newspapers citations name (WORK).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from ..layout.paragraphs import CLOSING_FORMULA, SIGN_MARK
from ..lexicon import zipf
from ..model import Document, Entity, Mention, View
from ..pipeline import stage
from . import rules
from .common import match_text, name_key, nlp, orig_span, sentences, slug, strip_accents
from .gazetteer import Entry, key_only_ok, load, plain
from .quantities import CURRENCY
from .variants import UnionFind, key, similar

# a common noun after a name that makes the name a place's
_PLACE_NOUN = re.compile(
    r"\s+(?:barrier|border|frontier|river|district|sector|station|pass|hill|heights|lake|bay|"
    r"mountains?|valley|region|province|county|township|village|island|peninsula|plain|"
    r"post|outpost|road|street|bridge|harbou?r)\b")
# spaCy labels that confirm an ambiguous city name ("Charlotte" as PERSON does not)
PLACE_SUPPORT = {"GPE", "LOC", "FAC"}
SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
# a one-word name spaCy alone proposes is dropped when it is this common an English word
# (3.5 chosen on the even HIPE dev documents among 3.5/4.0/4.5/5.0; names a rule, the
# gazetteer or a full name in the document supports are kept whatever their frequency)
COMMON_WORD_ZIPF = 3.5
# ... or a verb's -ing form at least this common ("Handing", "Indulging")
GERUND_ZIPF = 3.0
# a spaCy person of several words, none a given name, each at least this common a word,
# is a phrase ("Electric Bitters"), not a person
PHRASE_WORD_ZIPF = 2.5
# a name found once counts bare elsewhere only when it is not this common a word
# ("Burr", "Fowler" do; "Branch", "Long" need their own evidence)
REPEAT_ZIPF = 3.5
# ... a surname of a person named in full may be a little commoner ("Fowler")
SURNAME_REPEAT_ZIPF = 4.0
# a capitalised word before an old city name is a given name ("Pierre Marchand") when
# it is in the name dictionary and not this common an English word ("From", "Old")
GIVEN_WORD_ZIPF = 4.0
# strength of each source when spans overlap
RULE, GAZ, SPACY, FUZZY = 3, 2, 1, 0
GIVEN = 1.5  # a given name + surname pattern: beats spaCy, not the gazetteer
CONTAINS = 2.5  # a spaCy name that contains a gazetteer place
CHUNK = 50_000  # characters per spaCy call (its max_length is 1,000,000)
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’\-]*\w)?")
# the same tokens, only those not starting with a lower-case ASCII letter (the passes
# that look at capitalised words only need not visit every word)
_CAP_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|(?<![\w'’\-])[^\W\d_a-z](?:[\w'’\-]*\w)?")
_CONNECT = {"of", "the", "and", "for", "de", "von", "van", "la", "le", "al", "el"}
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|from|to|near|via|toward|towards|into|(?:town|city|county|port|parish|"
    r"village|province|district|borough|kingdom|state|island|isle|shire|diocese) of)\s+)$", re.I)


@dataclass
class Cand:
    start: int
    end: int
    type: str
    strength: float
    label: str
    entry: Entry | None = None


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def gazetteer_spans(text: str, spacy_spans: list[tuple[int, int]] | None) -> list[Cand]:
    """Longest gazetteer matches starting at capitalised words.

    Ambiguous city names need support: a spaCy entity overlapping them, or a
    locative preposition before them (with `spacy_spans` None, no check is made).
    """
    g = load()
    toks = [m.span() for m in _TOKEN.finditer(text)]
    # only capitalised tokens start a match: visit those (in order) and skip the rest
    starts = [k for k, (a, _b) in enumerate(toks) if text[a].isupper()]
    out: list[Cand] = []
    # namesakes of a capital in a region the gazetteer holds no town of its name in
    # ("<capital>, B.C."): the place it was made from, weighed at the end (`_doubtful`)
    doubtful: dict[Entry, Entry] = {}
    i = 0
    nxt = 0  # index into starts
    while True:
        while nxt < len(starts) and starts[nxt] < i:
            nxt += 1
        if nxt == len(starts):
            break
        i = starts[nxt]
        s0 = toks[i][0]
        found: tuple[int, Entry] | None = None
        j = i
        while j < len(toks) and j - i < g.max_words:
            if j > i:
                gap = text[toks[j - 1][1]:toks[j][0]]
                if "\n\n" in gap or any(c in gap for c in ",;:()“”\""):
                    break
                w = text[toks[j][0]:toks[j][1]]
                if not _is_cap(w) and w.lower() not in _CONNECT:
                    break
            surface = text[s0:toks[j][1]]
            k = name_key(surface)
            ent = g.by_key.get(k)
            if ent is not None:
                found = (j, ent)
            elif not g.may_grow(k):
                break  # no name goes on from here
            j += 1
        if found is None:
            i += 1
            continue
        j, ent = found
        s, e = s0, toks[j][1]
        e = _trim_poss(text, s, e)
        # a name spelled as written beats the key's first holder ("Dayton" is no Clayton)
        ent = g.exact.get(plain(text[s:e]), ent)
        if ent.kind == "curated" and plain(text[s:e]) not in _plain_spellings(ent.id) \
                and not key_only_ok(text[s:e], ent):
            i += 1  # "Hasan" is a given name, not Khasan's garbled form
            continue
        if ent.kind != "curated" and plain(text[s:e]) not in _plain_spellings(ent.id):
            # generated places match their own spelling only: key folding made "Asa"
            # Assa and "Wichita" vichita (historical spellings are curated)
            i += 1
            continue
        if (home := _namesake(text, s, e, ent)) is not None:
            if ent.capital and not ent.holds(*home.home.partition("-")[::2]):
                doubtful[home] = ent
            ent = home  # "Port Arthur, Texas": the town the state names, not Lüshun
        if ent.ambiguous and spacy_spans is not None \
                and not _supported(text, s, e, spacy_spans):
            i += 1
            continue
        if ent.type == "PLACE" and _KIN_BEFORE.search(text, max(0, s - 40), s):
            # "his daughter Janina", "her sister Virginia": a kinship noun after a
            # possessive names a person, whatever place the name also is; the person's
            # surname goes with it ("his brother Paris Smith", not "Paris")
            if (rest := _KIN_REST.match(text, e)) is not None:
                e = _trim_poss(text, s, rest.end())
            out.append(Cand(s, e, "PERSON", GAZ, "kin"))
            i = next((k for k in range(j + 1, len(toks)) if toks[k][0] >= e), len(toks))
            continue
        if ent.old and _person_context(text, s, e):
            i += 1  # "told Marchand", "Mr. Salazar": a surname, not the old name
            continue
        if j == i and ent.type == "PLACE" and _signature(text, s, e) \
                and not _state_signs(text, s):
            # "Yours faithfully,\n\nJORDAN.": a signer's surname, not the country
            out.append(Cand(s, e, "PERSON", GAZ, "signature"))
            i = j + 1
            continue
        if j == i and ent.type == "PERSON" and _other_given_name(text, s, ent.name):
            i += 1  # "Hugh John Wilson" is not the curated "Woodrow Wilson"
            continue
        out.append(Cand(s, e, ent.type, GAZ, "gazetteer", ent))
        i = j + 1
    if doubtful:
        _doubtful(out, doubtful)
    if any(c.entry is not None and c.entry.old and c.entry.regions for c in out):
        _towns_by_context(text, out)
    return out


def _country(ent: Entry | None) -> str:
    """The country code of a place's home ("US" of "US-TX"), "" when unknown."""
    return ent.home.partition("-")[0] if ent is not None and ent.type == "PLACE" else ""


# places of a US town's state a page must name (and none of the city's country) for a
# bare name the gazetteer files under a city abroad to be the town: one is too few on a
# page of foreign news ("the steamer from <city> reached <port of the state>")
TOWN_CONTEXT = 2


def _towns_by_context(text: str, cands: list[Cand]) -> None:
    """A name the gazetteer files under a city abroad that US towns bear too ("Canton":
    Guangzhou, and towns of Ohio) is the town on a page whose other places lie in the
    town's state, TOWN_CONTEXT of them or more, and none in the city's country: the town's
    namesake id, as a state written after the name would make it. (Not for the towns of
    the other settler countries: their cities' homes are countries, and a country is too
    wide a context: a port of it names ships from the city.)

    >>> t = "The mills of Canton, Akron and Massillon closed."
    >>> [(t[c.start:c.end], c.entry.id) for c in gazetteer_spans(t, None)][0]
    ('Canton', 'place-canton-us-oh')
    >>> t = "The mills of Canton and Akron closed."
    >>> [(t[c.start:c.end], c.entry.id) for c in gazetteer_spans(t, None)][0]
    ('Canton', 'place-guangzhou')
    >>> t = "The mills of Canton and Nanking closed; Akron's and Massillon's did not."
    >>> [(t[c.start:c.end], c.entry.id) for c in gazetteer_spans(t, None)][0]
    ('Canton', 'place-guangzhou')
    """
    for k, c in enumerate(cands):
        ent = c.entry
        if ent is None or not ent.old or not ent.regions or ent.kind == NAMESAKE \
                or _placed_abroad(text, c.end):
            continue  # ("Canton (China)": placed where the city is)
        others = [x.entry for n, x in enumerate(cands)
                  if n != k and x.entry is not None and x.entry.id != ent.id]
        if any(_country(x) == ent.home for x in others):
            continue  # the city's country is on the page
        seen = Counter(x.home for x in others if x.home.startswith("US-")
                       and x.home in ent.regions.split(","))
        if not seen or (best := seen.most_common(1)[0])[1] < TOWN_CONTEXT:
            continue
        st = best[0][3:]
        surface = " ".join(text[c.start:c.end].split())
        eid = f"place-{slug(surface)}-{slug(f'US {st}')}"
        cands[k] = replace(c, entry=Entry(eid, "PLACE", surface, NAMESAKE, surface,
                                          home=best[0]))


def _doubtful(cands: list[Cand], doubtful: dict[Entry, Entry]) -> None:
    """A capital followed by a region of the settler countries where the gazetteer holds no
    town of its name ("<capital>, B.C.": an OCR-garbled postal district, "E.C.", as often
    as a small namesake) is that namesake only when the text's other places are no more
    often in the capital's country than in the region's: a page about the capital's
    country means the capital. The text's other places are its gazetteer matches with a
    home (cities, states, namesakes).

    >>> t = "Fenby & Co., Warsaw, B.C., sent goods to Lodz and Cracow."
    >>> [(t[c.start:c.end], c.entry.id) for c in gazetteer_spans(t, None)][0]
    ('Warsaw', 'place-warsaw')
    >>> t = "Fenby & Co., Warsaw, B.C., sent goods to Vancouver and Kamloops."
    >>> [(t[c.start:c.end], c.entry.id) for c in gazetteer_spans(t, None)][0]
    ('Warsaw', 'place-warsaw-ca')
    """
    for k, c in enumerate(cands):
        own = doubtful.get(c.entry) if c.entry is not None else None
        if own is None:
            continue
        homes = Counter(_country(x.entry) for n, x in enumerate(cands) if n != k)
        if homes[_country(own)] > homes[_country(c.entry)]:
            cands[k] = replace(c, entry=own)


# what is said of people, not of places, just before a name: a title ("Mr.", "M."), an
# initial, or a verb of speaking to someone ("spoke to", "told", "met"). Not a verb of
# writing or wiring "to" ("wrote to Bombay for orders", "telegraphed to Simla", "a
# letter to Madras": a government at a place is written to as often as a man) nor
# "visited"
_PERSON_BEFORE = re.compile(
    rf"(?:\b(?:{rules.TITLES}|{rules._LOW_TITLES}|M|MM)\.?|\b[A-Z]\.|"
    r"\b(?:spoke|speak(?:s|ing)?|"
    r"talk(?:s|ed|ing)?|repl(?:y|ied|ies|ying)|explain(?:s|ed|ing)?|complain(?:s|ed|ing)?|"
    r"introduced|married|apologi[sz]ed)\s+to|"
    r"\b(?:told|tells?|telling|met|meets?|asked|asks?|thanked|thank|informed|informs?|"
    r"urged|assured|advised|consulted|Dear))[ \t]+$")
# the kinship nouns: of a person's kin after the name ("Marchand's widow") or before it
# after a possessive ("his daughter Janina"): one list for both
_KIN_NOUNS = (r"daughter|son|wife|husband|sister|brother|mother|father|widow|widower|niece|"
              r"nephew|cousin|aunt|uncle|grand(?:son|daughter|mother|father)|fianc[ée]e?|"
              r"bride|child|baby")
# ... and just after it: speaking ("Marchand said") and a person's possessions
_PERSON_AFTER = re.compile(
    r"^(?:,?[ \t]+(?:said|says|replied|replies|answered|asked|told|declared|wrote|writes|"
    r"thought|added|explained|himself|herself|and his|and her)\b|['’]s[ \t]+"
    rf"(?:{_KIN_NOUNS}|own|letter|death|view)\b)")


# a kinship noun after a possessive ("his daughter", "Smith's widow", "their eldest son")
# just before a name: the name is a person's
_KIN_BEFORE = re.compile(
    r"(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Yy]our|[Ww]hose)|\w['’]s)[ \t]+"
    r"(?:(?:eldest|elder|younger|youngest|only|little|late|infant|step)[ \t]+)?"
    rf"(?:{_KIN_NOUNS})[ \t]+\Z")
# the rest of a person's name after the given name the kinship rule found: capitalised
# words, with initials between them ("Paris Smith", "Virginia A. Woolf"), not the first
# word of a sentence whose stop OCR lost ("his wife Virginia The next day")
_KIN_REST = re.compile(r"(?:[ \t]+(?:[A-Z]\.[ \t]*)*(?!(?:The|This|That|These|Those|There|"
                       r"Then|When|In|On|At|He|She|It|They|We|But|And|His|Her|Their)\b)"
                       r"[A-Z][a-z][\w'’\-]*){1,2}")


def _person_context(text: str, s: int, e: int) -> bool:
    """Whether the name at `s:e` is used as a person's: after a title, an initial, a
    given name or a verb of speaking to someone, or before "said". For old city names
    that are also surnames ("Marchand", "Salazar"); ordinary place uses stay places.

    >>> t = "He spoke to Marchand. Pierre Marchand said no. The Simla conference met in Simla."
    >>> [_person_context(t, m.start(), m.end()) for m in re.finditer("Marchand|Simla", t)]
    [True, True, False, False]
    >>> t = "He telegraphed to Simla and wrote to Bombay."
    >>> [_person_context(t, m.start(), m.end()) for m in re.finditer("Simla|Bombay", t)]
    [False, False]
    """
    before = text[max(0, s - 40):s]
    if _PERSON_BEFORE.search(before) or _PERSON_AFTER.match(text[e:e + 30]):
        return True
    m = re.search(r"\b([A-Z][a-z]+)[ \t]+$", before)
    return m is not None and m.group(1) in rules.any_given_names() \
        and zipf(m.group(1).lower()) < GIVEN_WORD_ZIPF


# what may open a signature's line: the signer's mark (layout's)
_SIGN_BEFORE = re.compile(rf"(?:^|\n)[ \t]*(?P<mark>{SIGN_MARK}[ \t]*)?\Z", re.I)
# ... and close it: a full stop or comma, then the end of the line
_SIGN_AFTER = re.compile(r"[ \t]*[.,]?[ \t]*(?:\n|$)")
# a letter's closing formula ending the line (or lines) before the signature
# (layout's formula, and a servant after any title: "Your Excellency's humble servant")
_VALEDICTION = re.compile(
    rf"\b(?:{CLOSING_FORMULA}|(?:obedient|humble|faithful)[ \t]+servants?)"
    r"[ \t]*[,.]?[ \t]*\n\s*$", re.I)
# the office a signer holds, on the line under the name ("H.M. Minister", "Consul-General")
_OFFICE_LINE = re.compile(
    r"\n[ \t]*(?:(?:H\.[ \t]*[MB]\.[ \t]*M?\.?|His[ \t]+(?:Britannic[ \t]+)?Majesty['’]s|"
    r"Her[ \t]+Majesty['’]s|British|Acting|Deputy|Assistant|Vice)[ \t]+)*"
    r"(?:Minister|Ambassador|Consul(?:-General)?|Charg[ée]|Secretary|Envoy|Agent|Resident|"
    r"Governor|Commissioner|Attaché|Attache|Counsellor|Councillor|Minister-Resident)\b"
    r"[^\n]{0,50}(?:\n|$)")


def _signature(text: str, s: int, e: int) -> bool:
    """Whether the one word at `s:e` is a signature: alone on its line (a signer's mark
    and a full stop allowed) under a closing formula, after "(Signed)", or over the
    signer's office. A place's name there is the signer's surname ("JORDAN"); a heading
    that names a country, or a country in a sentence, is no signature.

    >>> t = "Yours faithfully,\\n\\nVARNEY.\\n"
    >>> _signature(t, t.index("VARNEY"), t.index("VARNEY") + 6)
    True
    >>> t = "(Signed) VARNEY\\n"
    >>> _signature(t, 9, 15)
    True
    >>> t = "VARNEY\\nH.M. Minister\\n"
    >>> _signature(t, 0, 6)
    True
    >>> t = "VARNEY\\n\\nThe kingdom lies east of the river."
    >>> _signature(t, 0, 6)
    False
    """
    before = _SIGN_BEFORE.search(text, max(0, s - 30), s)
    if before is None or before.end() != s or not _SIGN_AFTER.match(text, e):
        return False  # not alone on its line
    if before.group("mark"):
        return True
    line_start = before.start() + (text[before.start()] == "\n")
    if _VALEDICTION.search(text, max(0, line_start - 120), line_start):
        return True
    nl = text.find("\n", e)
    return nl >= 0 and _OFFICE_LINE.match(text, nl) is not None


# the formulae of a treaty's signing: the parties that sign there are states
_TREATY_SIGNING = re.compile(
    r"\b(?:in[ \t]+(?:witness|faith)[ \t]+whereof|plenipotentiar(?:y|ies)|high[ \t]+contracting"
    r"|(?:treaty|convention|protocol)[ \t]+(?:was|has[ \t]+been|have[ \t]+been)?[ \t]*signed"
    r"|signed[ \t]+(?:this|the|the[ \t]+present)[ \t]+(?:treaty|convention|protocol|"
    r"agreement|declaration))", re.I)
TREATY_REACH = 2000  # characters before a signature to look for them


def _state_signs(text: str, s: int) -> bool:
    """Whether a signature at `s`, after a signer's mark, closes a treaty ("In witness
    whereof ... (Signed) FRANCE."): a state signs there, and a country's name is the
    country.

    >>> t = "In witness whereof the Powers have signed.\\n\\n(Signed) FRANCE."
    >>> _state_signs(t, t.index("FRANCE")), _state_signs("Yours,\\n(Signed) FRANCE.", 16)
    (True, False)
    """
    before = _SIGN_BEFORE.search(text, max(0, s - 30), s)
    if before is None or not before.group("mark"):
        return False  # under a letter's closing: a signer's name
    return _TREATY_SIGNING.search(text, max(0, s - TREATY_REACH), s) is not None


# a state, province or country of the settler countries after a town's name ("Port
# Arthur, Texas", "Canton, O.", "Batavia (N.Y.)", "Port Arthur, Ont."): where the old names
# and the curated places filed under a city abroad have their namesakes. By country: the
# names written out, and the abbreviations (without their last stop: "Ont.", "N.S.W.")
_SETTLER = (
    ("CA", ("Ontario", "Quebec", "Nova Scotia", "New Brunswick", "Manitoba", "British Columbia",
            "Alberta", "Saskatchewan", "Newfoundland", "Canada"),
     ("Ont", "Que", "N.S", "N.B", "Man", "B.C", "Alta", "Sask", "Nfld")),
    ("AU", ("New South Wales", "Queensland", "Tasmania", "South Australia",
            "Western Australia", "Australia"), ("N.S.W", "Qld", "Tas")),
    ("NZ", ("New Zealand",), ("N.Z",)),
    ("US", ("USA", "United States"), ("U.S.A", "U.S")))
_SETTLER_REGIONS = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+")
                            for _, names, _ in _SETTLER for n in names)
# (and "O." for Ohio: in no list of the states' abbreviations, as it is no city's)
_SETTLER_ABBR = "|".join([*(re.escape(a).replace(r"\.", r"\.[ ]?")
                            for _, _, abbrs in _SETTLER for a in abbrs), "O"])


NAMESAKE = "city-namesake"  # an entry `_namesake` made: it speaks for its entity's mentions


@lru_cache(maxsize=1)
def _qualifier() -> re.Pattern[str]:
    """", Texas", ", Tex.", " (Ont.)": a region of the settler countries after a name (the
    US states the gazetteer's generated rows list as states: not "Georgia", a country's
    row, as "Tiflis, Georgia" is Tbilisi)."""
    from .gazetteer import _rows

    states = sorted((re.escape(r[0]) for r in _rows("places.tsv") if r[1] == "state"),
                    key=len, reverse=True)
    names = "|".join(s.replace(r"\ ", r"[ \t]+") for s in states)
    # (not a person's name that begins with a state's: "Virginia Smith", "O. H. Perkins")
    return re.compile(rf"[ \t]*(?:,|\()[ \t\n]*(?:(?:{names}|{_SETTLER_REGIONS})\b(?!\.\w)"
                      r"(?![ \t]+(?!(?:State|Territory)\b)[A-Z][a-z])|"
                      rf"(?:{rules._STATE_ABBR}|{_SETTLER_ABBR})\.(?!\w)(?![ \t]*[A-Z]\.))")


def _namesake(text: str, s: int, e: int, ent: Entry) -> Entry | None:
    """The namesake town a place's name at `s:e` means when a state, province or country
    of the settler countries follows it ("Port Arthur, Texas"; "Canton, Ohio") while the
    gazetteer files the name under a city abroad (a curated place, "Port Arthur" ->
    Lüshun, or an old name, "Canton" -> Guangzhou): an entry of its own, by the name
    as written. None when the name is filed under itself or no such region follows.

    >>> t = "Port Arthur, Texas, and Port Arthur, Manchuria."
    >>> [_namesake(t, k, k + 11, load().lookup("Port Arthur")) for k in (0, 24)][1] is None
    True
    >>> _namesake(t, 0, 11, load().lookup("Port Arthur")).id
    'place-port-arthur-us-tx'
    """
    if ent.type != "PLACE" or ent.kind in ("country", "state", "continent"):
        return None
    surface = " ".join(text[s:e].split())
    eid = f"place-{slug(surface)}"
    q = _qualifier().match(text, e)
    if q is None:
        return None
    cc, st = _qualifier_home(q.group())
    if eid == ent.id:
        # filed under itself: a namesake only when the gazetteer's place of the name (its
        # largest city) is not in the region named ("Paris, Texas"; not "Dayton, Ohio")
        hc, _, hs = ent.home.partition("-")
        if not hc or hc == cc and (not st or not hs or st == hs):
            return None
    # the region in the id, always: "Canton, Ohio" and "Canton, Miss." are two towns, and
    # neither is the foreign city's id nor merges with it in the corpus
    eid = f"{eid}-{slug(f'{cc} {st}')}"
    # (its home: the region named, with a province's code for the capital's test)
    sub = st or _province(q.group(), cc)
    return Entry(eid, "PLACE", surface, NAMESAKE, surface, home=f"{cc}-{sub}" if sub else cc)


# the settler countries' regions by country (the rest of `_qualifier`'s are the US's),
# as `_qualifier_home` reads them: stops dropped
_HOME_COUNTRY = [(c, re.compile("|".join(
    [*(re.escape(n) for n in names), *(re.escape(a.replace(".", "")) for a in abbrs)])))
    for c, names, abbrs in _SETTLER if c != "US"]


# the geonames codes of the Canadian and Australian provinces of `_SETTLER`, by their
# names and abbreviations as `_qualifier_home` reads them (the countries' own names: none)
_PROVINCES = {
    "CA": (("01", "Alberta|Alta"), ("02", "British Columbia|BC"), ("03", "Manitoba|Man"),
           ("04", "New Brunswick|NB"), ("05", "Newfoundland|Nfld"), ("07", "Nova Scotia|NS"),
           ("08", "Ontario|Ont"), ("10", "Quebec|Que"), ("11", "Saskatchewan|Sask")),
    "AU": (("02", "New South Wales|NSW"), ("04", "Queensland|Qld"), ("05", "South Australia"),
           ("06", "Tasmania|Tas"), ("08", "Western Australia"))}


def _province(q: str, cc: str) -> str:
    """The geonames code of the Canadian or Australian province a `_qualifier` match
    names, "" for none.

    >>> _province(", B.C.", "CA"), _province(" (Ont.)", "CA"), _province(", Canada", "CA")
    ('02', '08', '')
    """
    name = " ".join(re.sub(r"[,().]", " ", q).split())
    for code, names in _PROVINCES.get(cc, ()):
        if re.fullmatch(names, name) or re.fullmatch(names, name.replace(" ", "")):
            return code
    return ""


# the US state abbreviations of `rules.STATE_ABBR_CODES` (and "O." for Ohio), without
# their stops, by the state's postal code
_STATE_CODE = {**{a.replace(".", ""): c for a, c in rules.STATE_ABBR_CODES}, "O": "OH"}


def _qualifier_home(q: str) -> tuple[str, str]:
    """(country code, US state code or "") of a `_qualifier` match.

    >>> _qualifier_home(", Texas"), _qualifier_home(" (Ont.)"), _qualifier_home(", Tex.")
    (('US', 'TX'), ('CA', ''), ('US', 'TX'))
    """
    name = " ".join(re.sub(r"[,().]", " ", q).split())
    for cc, pat in _HOME_COUNTRY:
        if pat.fullmatch(name) or pat.fullmatch(name.replace(" ", "")):  # "N. S. W."
            return cc, ""
    if (code := _STATE_CODE.get(name.replace(" ", ""))) is not None:
        return "US", code  # "Paris, Tex." is the town "Paris, Texas" names: one id
    ent = load().lookup(name)
    if ent is not None and ent.kind == "state" and ent.home.startswith("US-"):
        return "US", ent.home[3:]
    return "US", ""


# a capitalised name after a place's name, as its country or region is written
_AFTER_PLACE = re.compile(r"[ \t]*(?:,|\()[ \t\n]*([A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+){0,2})")


def _placed_abroad(text: str, e: int) -> bool:
    """Whether the place's name ending at `e` is followed by a country or region that is
    none of the settler countries' ("Port Arthur, Manchuria", "Canton (China)"); a town
    after it is a list's next item ("Canton, Massillon and Akron").

    >>> [_placed_abroad(t, 6) for t in ("Canton, China", "Canton, Ohio", "Canton, Akron")]
    [True, False, False]
    """
    m = _AFTER_PLACE.match(text, e)
    if m is None or _qualifier().match(text, e):
        return False
    ent = load().lookup(m.group(1))
    return ent is not None and ent.type == "PLACE" and ent.kind in ("country", "curated",
                                                                    "continent")


# given names or initials written just before a surname, on its line
_BEFORE_SURNAME = re.compile(r"(?:\b(?:[A-Z][a-z]+|[A-Z]\.)[ \t]+)+$")


def _other_given_name(text: str, start: int, canonical: str) -> bool:
    """Whether the surname at `start` follows given names or initials that are not
    those of the curated person `canonical` ("Hugh John Wilson", "H. J. WILSON"
    against "Woodrow Wilson"): another person of that surname. Titles and other
    capitalised words before it ("President Wilson", "Later Wilson") say nothing.

    >>> t = "Mr. H. J. Wilson and Henry Wilson met W. Wilson, President Wilson, Mr. Wilson."
    >>> [_other_given_name(t, t.index("Wilson", k), "Woodrow Wilson") for k in (0, 20, 36, 50, 66)]
    [True, True, False, False, False]
    """
    m = _BEFORE_SURNAME.search(text, max(0, start - 60), start)
    if m is None:
        return False
    given = [w for w in m.group().split() if len(w) == 2 or w in rules.given_names()]
    if not given or " " not in canonical:
        return False
    return given[0][0] != canonical[0]


@lru_cache(maxsize=50_000)
def _plain_spellings(eid: str) -> frozenset[str]:
    return frozenset(plain(x) for x in load().spellings.get(eid, ()))


# where a person's residence follows the name: "Mr. John Pickstone, of Orbury,"
_RESIDENCE = re.compile(r",[ \t]*of[ \t]+$")
# a name joined to the one before or after it by "and", "or", "&" or a comma
_JOINED_BEFORE = re.compile(r"([A-Z][\w'’\-]+)[ \t]*(?:,|,?[ \t]*(?:and|or|&))[ \t]+$")
_JOINED_AFTER = re.compile(r"^[ \t]*(?:,|,?[ \t]*(?:and|or|&))[ \t]+([A-Z][\w'’\-]+)")


def _sure_city(word: str) -> bool:
    """Whether `word` is a city of the gazetteer that needs no support ("Weymouth")."""
    ent = load().lookup(word)
    return ent is not None and ent.type == "PLACE" and ent.kind == "city" \
        and plain(word) in _plain_spellings(ent.id)


def _supported(text: str, s: int, e: int, spacy_spans: list[tuple[int, int]]) -> bool:
    """Whether an ambiguous city name at `s:e` is used as a place: spaCy sees a name
    there, a locative preposition or a residence's ", of" precedes it, or it is joined
    to a city that needs no support ("Weymouth and Bath", "Bath, Weymouth").

    >>> t = "Mr. Gale, of Bath, spoke. The Weymouth and Bath coach. Bath and Wells."
    >>> [_supported(t, m.start(), m.end(), []) for m in re.finditer("Bath", t)]
    [True, True, False]
    """
    before = text[max(0, s - 30):s]
    if _LOCATIVE.search(before[-20:]) or _RESIDENCE.search(before):
        return True
    if any(a < e and s < b for a, b in spacy_spans):
        return True
    m = _JOINED_BEFORE.search(before)
    if m and _sure_city(m.group(1)):
        return True
    m = _JOINED_AFTER.match(text, e, min(len(text), e + 30))
    return m is not None and _sure_city(m.group(1))


def _trim_poss(text: str, s: int, e: int) -> int:
    return e - 2 if text[s:e].endswith(("'s", "’s")) and e - 2 > s else e


def _clean_spacy(text: str, s: int, e: int, typ: str) -> tuple[int, int] | None:
    """Tidy a spaCy span: drop leading "the"/titles, possessives; reject junk."""
    while True:
        m = re.match(r"(?:the|The|THE)\s+", text[s:e])
        if not m:
            break
        s += m.end()
    if typ == "PERSON":
        m = rules.TITLE_RE.match(text[s:e])
        if m and s + m.end() < e:
            s += m.end()
        e = rules.title_case_name_end(text, s, e)  # "Chamberlain Speaks" of a heading
    stop = _TELEGRAM_STOP.search(text, s, e)
    if stop:
        e = stop.start()  # a telegram's "STOP" ends its sentence, and any name in it
    e = _trim_poss(text, s, e)
    while e > s and text[e - 1] in ".,;:'’\"”) -":
        if text[e - 1] == "." and re.search(r"\b[A-Z]\.$", text[s:e]):
            break  # keep the period of an initialism
        e -= 1
    span = text[s:e]
    if not span or not span[0].isupper() or "\n\n" in span:
        return None
    if re.search(r"[a-z]{2}[.!?]\s+[A-Z]", span):
        return None  # runs over a sentence end ("Secretary. The Chairman")
    if _JUNK.search(span):
        return None  # OCR debris: "Bryauism.—Nebras¬", "LaUx", "Ho"
    if re.search(r"\d", span) or len(span) < 2 or span.rstrip(".") in _NOT_NAMES:
        return None
    if span.lower() in CURRENCY:
        return None  # "Reichsmarks", "Roubles": money, which spaCy sometimes names
    words = span.split()
    if len(words) == 1 and zipf(span.lower()) >= 4.5 and not span.isupper():
        return None  # a capitalised common word ("Center")
    return s, e


_TELEGRAM_STOP = re.compile(r"\s+STOP\b")
# what spaCy tags as a name in letters: "Esq." after one, "(Sgd.)" before a signature
# (and the abbreviated currencies written before a sum: "Tls. 500,000", "Rs. 500")
_NOT_NAMES = frozenset({"Esq", "Esquire", "Sgd", "Sd", "Signed", "Tls", "Rs", "Frs", "Fcs"})
# characters no name has, a lower-to-upper switch inside a word (not Mc/Mac/O'/De/La/Van),
# or a name of one or two letters
_JUNK = re.compile(r"[^\w\s.'’\-&]|_|(?<!\bM[ca])(?<!\bMac)(?<!\b[DL][ae])(?<!\bVan)(?<!\bO['’])"
                   r"(?<=[a-z])[A-Z]|^\w{1,2}$")
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'’\-]+(?:[\s,.]+[A-Z][A-Z'’\-]+)+\b")


# what an organisation's name looks like: an institutional head word, or an acronym
_ORG_SHAPE = re.compile(
    r"\b(?:House|Senate|Congress|Parliament|Legislature|Assembly|Council|Committee|Commission|"
    r"Board|Bureau|Department|Ministry|Office|Government|Court|Army|Navy|Corps|Regiment|"
    r"Party|Union|League|Association|Society|Club|Company|Co|Corporation|Inc|Ltd|Bank|"
    r"Railroad|Railway|University|College|Academy|Institute|School|Church|Hospital|Agency|"
    r"Administration|Authority|Trust|Federation|Guild|Lodge|Order|Brotherhood|Times|News|"
    r"Gazette|Herald|Journal|Tribune|Post|Press|Chronicle|Review|Archive|Archives|Library|"
    r"Museum|Foundation|Fund|Service|Police|Guard|Commissariat|Soviet|Diet|Cabinet|Staff|"
    r"Chamber|Nations|Exchange|Mission|Battalion|Brigade|Division|Squadron|Fleet|Firm|"
    r"Works|Mills|Store|Hotel|Theatre|Theater|Team|Sons|Brothers|Bros|party|Crown|Cavalry|"
    r"Infantry|Artillery|Militia|court|Court)\b"
    r"|^[A-Z]{2,6}$|^(?:[A-Z]\.){2,}$")


def _caps_word(span: str) -> bool:
    """One word in capitals that is a common English noun, not an acronym: five letters
    or more, Zipf >= 3.5 and seen after "the"/"a" in the shipped bigram list.

    >>> _caps_word("RUBBER"), _caps_word("NKVD"), _caps_word("UNRRA")
    (True, False, False)
    """
    from ..lexicon import bigram_count

    low = span.lower()
    return span.isupper() and span.isalpha() and len(span) >= 5 and zipf(low) >= 3.5 \
        and any(bigram_count(d, low) for d in ("the", "a"))


def _caps_phrase(span: str) -> bool:
    """An all-capitals span made only of common English words (a headline, not a name).

    >>> _caps_phrase("STOLEN CAR FOUND"), _caps_phrase("JOHN BRINKERHOFF"), _caps_phrase("NKVD")
    (True, False, False)
    """
    words = re.findall(r"[A-Za-z]+", span)
    return span.isupper() and len(words) > 1 and all(zipf(w.lower()) >= 3.5 for w in words)


def spacy_input(text: str) -> str:
    """`text` with runs of all-capitals words in title case, same length, for spaCy
    (which takes the words of a heading in capitals, "MEMORANDUM OF A MEETING WITH KARAKHAN",
    for organisations).

    >>> spacy_input("RECORD OF A TALK WITH SMITH. The NKVD said")
    'Record Of A Talk With Smith. The NKVD said'
    """
    def tc(m: re.Match[str]) -> str:
        t = m.group().title()
        return t if len(t) == len(m.group()) else m.group()

    return _CAPS_RUN.sub(tc, text)


def _resolve(cands: list[Cand]) -> list[Cand]:
    """Keep the strongest, then longest, of overlapping candidates.

    Occupied characters are marked in a bytearray, so this stays linear-ish on long
    documents (a pairwise check would be quadratic in the number of names).
    """
    if not cands:
        return []
    occ = bytearray(max(c.end for c in cands) + 1)
    chosen: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-c.strength, -(c.end - c.start), c.start)):
        if c.end <= c.start or occ.find(1, c.start, c.end) != -1:
            continue
        occ[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _fuzzy_spans(text: str, taken: list[Cand], known: dict[str, tuple[str, str]]) -> list[Cand]:
    """Capitalised non-words that are OCR/transliteration variants of names found.

    `known` maps surface -> (type, label) of names already found in the document.
    """
    out: list[Cand] = []
    g = load()
    occ = bytearray(len(text) + 1)  # characters inside names already taken
    for c in taken:
        occ[c.start:c.end] = b"\x01" * (c.end - c.start)
    by_first: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for k, (t, lab) in known.items():
        by_first[key(k)[:1]].append((k, t, lab))  # `similar` needs equal first letters
    for m in _CAP_TOKEN.finditer(text):
        s, e = m.start(), _trim_poss(text, m.start(), m.end())
        w = text[s:e]
        if not _is_cap(w) or len(w) < 4 or occ.find(1, s, e) != -1:
            continue
        inner_apos = "'" in w[1:-1] or "’" in w[1:-1]
        if not inner_apos and _common(w.lower()):
            continue  # an ordinary word (wordfreq splits "to'yo", so not for those)
        hit = next(((t, lab) for k, t, lab in by_first.get(key(w)[:1], ()) if similar(w, k)),
                   None)
        if hit is None and ("'" in w or "’" in w):
            ent = _apostrophe_lookup(w, g)
            if ent is not None:
                out.append(Cand(s, e, ent.type, FUZZY, "gazetteer-ocr", ent))
                continue
        if hit is not None:
            out.append(Cand(s, e, hit[0], FUZZY, "variant"))
    return out


_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")
# an imprint: "Place: Publisher, 1921" (the publisher is a firm, not a place or person)
_IMPRINT_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?:[ \t]*$")
_IMPRINT_AFTER = re.compile(r",?[ \t]*(?:1[5-9]|20)\d\d\b")
_IN_AT = re.compile(r"\b(?:in|at|near|into)\s+$")
_LOCATIVE_WORD = re.compile(r"\b(?:in|at|near)[ \t]+(?:the[ \t]+)?([A-Z][a-z][a-z'’\-]*[a-z])\b"
                            r"(?!['’]s|[ \t]+[A-Z])")
_ACRONYM = rules._first(re.compile(r"\b[A-Z]{3,6}\b(?!\.)"), "A-Z")
_ACRONYM_CTX = re.compile(r"\b[a-z]{2,}\b")


@lru_cache(maxsize=100_000)
def _common(word: str) -> bool:
    return zipf(word) >= 3.0


def _apostrophe_lookup(w: str, g: object) -> Entry | None:
    """An inner apostrophe is often a letter OCR lost ("To'yo"): try each letter."""
    from .gazetteer import Gazetteer

    assert isinstance(g, Gazetteer)
    i = max(w.find("'"), w.find("’"))
    for c in "abcdefghijklmnopqrstuvwxyz":
        cand = w[:i] + c + w[i + 1:]
        ent = g.lookup(cand)
        # exact letters, not just the folded key: "To'yo" is Tokyo, not Tojo
        if ent is not None and ent.type == "PLACE" \
                and cand.lower() in g.spellings.get(ent.id, set()):
            return ent
    return None


def _load_common_caps() -> frozenset[str]:
    from importlib import resources

    path = resources.files("archivist") / "data" / "gazetteer" / "common_caps.txt"
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


_COMMON_CAPS: frozenset[str] | None = None


def _common_caps() -> frozenset[str]:
    global _COMMON_CAPS
    if _COMMON_CAPS is None:
        _COMMON_CAPS = _load_common_caps()
    return _COMMON_CAPS
# a word after a colon opens a clause ("the ambassador declared: Yesterday our patrol ...")
_AFTER_COLON = re.compile(r":[ \t\"“‘'(]*$")
# capitalised words this common are function words wherever they stand ("From", "We"),
# and heading words in capitals this common are no names ("MEMORANDUM OF A MEETING")
FUNCTION_ZIPF = 6.5
CAPS_COMMON_ZIPF = 4.5
_CAPWORD = rules._first(re.compile(r"\b[A-Z][\w'’\-]*"), "A-Z")


def ner_regions(text: str, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of `text` (runs of sentences) that need spaCy's NER: those with a capitalised
    word no rule, gazetteer entry or word list explains. Sentences whose names are all
    known are skipped, which is most of a diplomatic record ("Hirota said that the
    Japanese Government...") and makes extraction several times faster.

    >>> t = "Stalin said no. The Japanese troops left. Then Zorbak came."
    >>> [t[s:e] for s, e in ner_regions(t, [(0, 6)])]
    ['Then Zorbak came.']
    """
    global _COMMON_CAPS
    if _COMMON_CAPS is None:
        _COMMON_CAPS = _load_common_caps()
    occ = bytearray(len(text) + 1)  # characters already explained by a known name
    for a, b in covered:
        occ[a:b] = b"\x01" * (b - a)
    out: list[tuple[int, int]] = []
    for ss, se in sentences(text):
        need = False
        for m in _CAPWORD.finditer(text, ss, se):
            w = m.group().rstrip("'’")
            w = w[:-2] if w.endswith(("'s", "’s")) else w
            if w in _COMMON_CAPS or occ[m.start()]:
                continue
            z = zipf(w.lower())
            initial = m.start() == ss or text[ss:m.start()].strip(" \"“‘'(") == "" \
                or _AFTER_COLON.search(text, max(ss, m.start() - 4), m.start()) is not None
            if initial and z >= 3.0:
                continue  # "The", "According": an ordinary word opening the sentence
            if z >= FUNCTION_ZIPF or w.isupper() and z >= CAPS_COMMON_ZIPF:
                continue  # "From", "We" (a lost period), a heading's "CONVERSATION"
            if len(w) == 1 or w.isupper() and len(w) <= 3 and w not in ("U", "S"):
                continue
            need = True
            break
        if need:
            if out and text[out[-1][1]:ss].strip() == "":
                out[-1] = (out[-1][0], se)  # keep neighbouring sentences together
            else:
                out.append((ss, se))
    return out


def spacy_entities(views: list[View], skip: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    """spaCy entities (start, end, label) per view, run only where `ner_regions` says and
    never on views in `skip`."""
    jobs: list[tuple[str, int, str]] = []
    for v in views:
        if v.where in skip:
            continue
        covered = [(c.start, c.end) for c in _strong_spans(v.text)]
        for s, e in ner_regions(v.text, covered):
            jobs.append((v.where, s, v.text[s:e]))
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    if not jobs:
        return out
    # regions joined (by blank lines) into chunks of at most CHUNK characters: far less
    # per-doc overhead than one spaCy doc per sentence, and under spaCy's max_length
    chunks: list[list[int]] = [[]]
    size = 0
    for i, (_w, _s, t) in enumerate(jobs):
        if chunks[-1] and size + len(t) > CHUNK:
            chunks.append([])
            size = 0
        chunks[-1].append(i)
        size += len(t) + 2
    texts = ["\n\n".join(spacy_input(jobs[i][2]) for i in ch) for ch in chunks]
    for ch, sd in zip(chunks, nlp().pipe(texts, batch_size=4), strict=True):
        starts: list[int] = []
        pos = 0
        for i in ch:
            starts.append(pos)
            pos += len(jobs[i][2]) + 2
        for e in sd.ents:
            k = bisect_right(starts, e.start_char) - 1
            w, s0, t = jobs[ch[k]]
            if e.end_char > starts[k] + len(t):
                continue  # runs over a region boundary
            out[w].append((s0 + e.start_char - starts[k], s0 + e.end_char - starts[k],
                           e.label_))
    return out


@lru_cache(maxsize=256)
def _base_spans(text: str) -> tuple[tuple[tuple[int, int, str], ...],
                                    tuple[tuple[int, int, str, Entry | None], ...]]:
    """Rule spans and gazetteer matches (support not yet checked) of `text`, computed
    once: both the NER-region check and the candidate search need them."""
    rl = tuple(rules.rule_spans(text))
    gz = tuple((c.start, c.end, c.type, c.entry) for c in gazetteer_spans(text, None))
    return rl, gz


def _rule_cands(text: str) -> list[Cand]:
    return [Cand(s, e, t, RULE, "rule") for s, e, t in _base_spans(text)[0]]


def _gaz_cands(text: str, spacy_spans: list[tuple[int, int]] | None) -> list[Cand]:
    """Fresh gazetteer candidates; ambiguous names kept only with support (unless
    `spacy_spans` is None)."""
    out = []
    for s, e, t, ent in _base_spans(text)[1]:
        if ent is not None and ent.ambiguous and spacy_spans is not None \
                and not _supported(text, s, e, spacy_spans):
            continue
        out.append(Cand(s, e, t, GAZ, "gazetteer", ent))
    return out


def _strong_spans(text: str) -> list[Cand]:
    """Rule and (unambiguous) gazetteer spans: the names spaCy need not look for."""
    gz = [c for c in _gaz_cands(text, None) if c.entry is None or not c.entry.ambiguous]
    return _rule_cands(text) + gz


def find_candidates(views: list[View], ents: dict[str, list[tuple[int, int, str]]],
                    authors: dict[str, list[str]]) -> dict[str, list[Cand]]:
    """Candidates per view (before fuzzy variants); `ents` are spaCy's, per view."""
    texts = [v.text for v in views]
    speakers = set().union(*(rules.speakers(t) for t in texts)) if texts else set()
    # one pass for all speaker words (longest first, so no word stops at a shorter one)
    speaker_re = re.compile(r"\b(?:" + "|".join(
        re.escape(w) for w in sorted(speakers, key=len, reverse=True)) + r")\b") \
        if speakers else None
    out: dict[str, list[Cand]] = {}
    for v in views:
        text = v.text
        sp: list[Cand] = []
        raw_spans: list[tuple[int, int]] = []
        for es, ee, label in ents.get(v.where, []):
            if label in PLACE_SUPPORT:
                raw_spans.append((es, ee))
            typ = SPACY_TYPES.get(label)
            if typ is None:
                continue
            cl = _clean_spacy(text, es, ee, typ)
            if cl is None:
                continue
            s, e = cl
            if typ != "PERSON" and _caps_phrase(text[s:e]):
                continue  # a headline ("STOLEN CAR FOUND"): spaCy had no case to go by
            if typ == "ORG" and not _ORG_SHAPE.search(text[s:e]):
                continue  # spaCy's bare ORG guesses are mostly wrong on old print (HIPE: ~1 in 4)
            if typ == "ORG" and _caps_word(text[s:e]):
                continue  # a heading's word in capitals ("RUBBER (IMPORTS)"), no acronym
            if text[s:e] in speakers and typ != "PERSON":
                typ = "PERSON"  # a surname spaCy took for a GPE: the doc shows him speaking
            elif typ == "PERSON" and _PLACE_NOUN.match(text, e):
                typ = "PLACE"  # "the Borisov barrier", "the Amur river": a place's name
            elif typ == "PERSON" and " " not in text[s:e] \
                    and _IN_AT.search(text[max(0, s - 12):s]) \
                    and not text.startswith(("'s", "’s"), e):
                typ = "PLACE"  # "arrived at Genoa", "in Appalachy": people are not "in"
            elif typ == "PERSON" and " " not in text[s:e] \
                    and _THE_BEFORE.search(text, max(0, s - 5), s) \
                    and not text.startswith(("'s", "’s"), e):
                # "the Appalachy", "the Ravens": one word after "the" names no person (a
                # river, a band, a ship: spaCy cannot tell which, so it is left out)
                continue
            if typ != "ORG" and _IMPRINT_BEFORE.search(text, max(0, s - 30), s) \
                    and _IMPRINT_AFTER.match(text, e):
                typ = "ORG"  # "London: Heinemann, 1921": the publisher of an imprint
            sp.append(Cand(s, e, typ, SPACY, label))
        gz = _gaz_cands(text, raw_spans)
        rl = _rule_cands(text)
        for c in rl:
            c.entry = load().lookup(text[c.start:c.end])
            if c.entry is not None and c.entry.type != c.type:
                c.entry = None
            if c.entry is not None:  # ("Port Arthur" is also a rule's "Port" + name)
                c.entry = _namesake(text, c.start, c.end, c.entry) or c.entry
        for s, e in rules.spaced_acronyms(text):
            ent = load().lookup(text[s:e])
            if ent is not None:
                rl.append(Cand(s, e, ent.type, RULE, "acronym", ent))
        marks = _MARK.search(text) is not None
        for name in authors.get(v.where, []):
            for m in _loose_re(name, marks).finditer(text):
                rl.append(Cand(m.start(), m.end(), "PERSON", RULE + 1, "citation-author"))
        # speaker words spaCy missed altogether
        if speaker_re is not None:
            for m in speaker_re.finditer(text):
                sp.append(Cand(m.start(), m.end(), "PERSON", SPACY, "speaker"))
        for m in _ACRONYM.finditer(text):
            # an unknown acronym in mixed-case prose ("the YWCA", "the IWW") names a body;
            # in a capitals headline every word looks like one, so not there
            w = m.group()
            if w not in _common_caps() and not _common(w.lower()) \
                    and _ACRONYM_CTX.search(text[max(0, m.start() - 30):m.start()]) \
                    and _ACRONYM_CTX.search(text[m.end():m.end() + 30]):
                sp.append(Cand(m.start(), m.end(), "ORG", SPACY, "acronym"))
        for m in _LOCATIVE_WORD.finditer(text):
            # an unknown capitalised word after in/at/near ("arrived at Ouray"): a place,
            # the weakest evidence of all (any other source wins)
            w = m.group(1)
            if w not in _common_caps() and not _common(w.lower()) \
                    and w not in rules.given_names() and w not in _NOT_NAMES:
                sp.append(Cand(m.start(1), m.end(1), "PLACE", FUZZY - 0.75, "locative"))
        for s_, e_ in rules.given_name_spans(text, _common_caps()):
            # a given name and a surname: a person (named after a town or not: see below)
            sp.append(Cand(s_, e_, "PERSON", GIVEN, "given-name"))
        # the gazetteer's type beats spaCy's for the same span
        gaz_type = {(c.start, c.end): c for c in gz}
        for c in sp:
            g = gaz_type.get((c.start, c.end))
            if g is not None:
                c.type = g.type
                continue
            owned = next((x for x in gz if c.start < x.start and x.end <= c.end
                          and x.type == "PLACE"
                          and _POSSESSIVE_END.search(text, c.start, x.start)), None)
            if owned is not None and c.type in ("PERSON", "ORG"):
                # "Bryan’s St. Louis audience": the owner, then the place, not one name
                c.end = _POSSESSIVE_END.search(text, c.start, owned.start).start()
            if c.type in ("PERSON", "ORG") and c.label != "speaker" and any(
                    c.start <= x.start and x.end <= c.end and x.type == "PLACE"
                    and (c.label != "given-name" or x.entry is None
                         or x.entry.kind.startswith("city")) for x in gz):
                # a person or body named after a place: "Martin Van Buren",
                # "Pullman Chamber of Commerce" - the longer name wins over the place
                c.strength = CONTAINS
        out[v.where] = rl + gz + sp
    return out


# a possessive ending just before a name ("Bryan’s ")
_POSSESSIVE_END = re.compile(r"['’]s[ \t]+\Z")
_MARK = re.compile(r"[\u0300-\u036f]")  # a stray combining mark (as loose_pattern allows)


@lru_cache(maxsize=4096)
def _loose_re(name: str, marks: bool = True) -> re.Pattern[str]:
    """`loose_pattern(name, marks)` compiled once (names recur across notes and documents).
    Pass `marks=False` only for a text without combining marks: the pattern is then ~10x
    shorter and ~30x cheaper to compile, and finds exactly the same matches there."""
    return re.compile(loose_pattern(name, marks))


def loose_pattern(name: str, marks: bool = True) -> str:
    """A regex for `name` tolerant of lost accents, stray combining marks and spacing
    (a PDF's "Y \u0304osuke" is the citation's "Yōsuke"). With `marks` False the
    combining-mark parts are left out (equivalent on a text that has none).

    >>> [bool(re.search(loose_pattern("Yōsuke Matsuoka"), t))
    ...  for t in ("Y \u0304osuke Matsuoka,Nih", "Yōsuke Matsuoka", "Yosuke  Matsuoka")]
    [True, True, True]
    >>> [bool(re.search(loose_pattern("Yōsuke Matsuoka", False), t))
    ...  for t in ("Yosuke Matsuoka,Nih", "Yōsuke Matsuoka", "Yosuke  Matsuoka", "Ysuke Matsuoka")]
    [True, True, True, False]
    """
    mark = r"[\u0300-\u036f]?" if marks else ""
    noise = r"(?:\s?[\u0300-\u036f])*\s?" if marks else r"\s?"
    parts = []
    for ch in name:
        if ch.isspace():
            parts.append(r"\s+")
            continue
        alts = sorted({re.escape(ch), re.escape(strip_accents(ch))}, key=len, reverse=True)
        # a lone alternative needs no group (a shorter pattern compiles much faster)
        parts.append(("(?:" + "|".join(alts) + ")" if len(alts) > 1 else alts[0]) + mark)
    return r"\b" + noise.join(p for p in parts if p) + r"\b"


def _drop_common_singletons(cands: dict[str, list[Cand]], views: list[View]) -> None:
    """Drop spaCy's one-word PERSON/PLACE guesses that are ordinary English words
    ("Cotton", "Patriot", "Tales"), unless the document supports them: the word is the
    surname of a longer name found elsewhere, or a rule or the gazetteer found it too.
    """
    texts = {v.where: v.text for v in views}
    surnames: set[str] = set()
    strong: set[str] = set()
    for w, cs in cands.items():
        for c in cs:
            t = texts[w][c.start:c.end]
            if c.type == "PERSON" and " " in t:
                surnames.add(t.split()[-1])
            if c.strength >= GAZ:
                strong.add(t)
    for w, cs in cands.items():
        keep = []
        for c in cs:
            t = texts[w][c.start:c.end]
            if (c.strength == SPACY and c.label != "speaker" and c.type in ("PERSON", "PLACE")
                    and " " not in t and t not in surnames and t not in strong
                    and (zipf(t.lower()) >= COMMON_WORD_ZIPF or _gerund(t))):
                continue
            if c.strength == SPACY and c.type == "PERSON" and _common_phrase(t):
                continue
            keep.append(c)
        cs[:] = keep


def _gerund(word: str) -> bool:
    """A capitalised -ing form of an English verb ("Handing", "Indulging"): no name spaCy
    should be trusted with alone (place names in -ing come from the gazetteer).

    >>> _gerund("Indulging"), _gerund("Epping")
    (True, False)
    """
    return word.endswith("ing") and len(word) > 5 and zipf(word.lower()) >= GERUND_ZIPF


def _common_phrase(span: str) -> bool:
    """A several-word spaCy "person" made of ordinary words and no given name ("Electric
    Bitters", "Specimen Cases"): a product or a heading, not a person.

    >>> _common_phrase("Electric Bitters"), _common_phrase("Clinton Shipley")
    (True, False)
    >>> _common_phrase("Mark Harrison")
    False
    """
    words = re.findall(r"[A-Za-z]+", span)
    names = rules.given_names()
    if len(words) < 2 or not names or words[0].title() in names:
        return False  # (without the name list there is no telling: keep it)
    return all(len(w) > 1 and zipf(w.lower()) >= PHRASE_WORD_ZIPF for w in words)


def _entity_name(surfaces: Counter, entry: Entry | None, t: str = "") -> str:
    """Gazetteer name if any, else the commonest mixed-case surface without noise; a
    place's bare name before its name with a noun of place ("Orbury", not "Orbury
    parish").

    >>> _entity_name(Counter({"Orbury parish": 2, "Orbury": 1}), None, "PLACE")
    'Orbury'
    """
    if entry is not None:
        return entry.name

    def rank(s: str) -> tuple:
        bare = t != "PLACE" or not _PLACE_HEADS.search(s)
        return (not s.isupper(), "'" not in s and "’" not in s, bare, surfaces[s], len(s))

    return max(surfaces, key=rank)


@stage("extract.entities")
def extract_entities(doc: Document) -> Document:
    """Find names in the body and notes, group variants, fill doc.entities/mentions."""
    real = doc.views()
    # names are looked for in a copy with old print's long s restored and split words
    # joined (same length, so every offset holds); surfaces come from the real views
    views = [replace(v, text=match_text(v.text)) for v in real]
    authors: dict[str, list[str]] = defaultdict(list)
    for c in doc.citations:
        authors.setdefault(f"note:{c.get('note')}", [])
        for a in c.get("author", []):
            full = " ".join(p for p in (a.get("given"), a.get("family")) if p)
            if full:
                authors[f"note:{c.get('note')}"].append(full)
    # in a citation, spaCy reads titles and publishers as names: rules only there
    ents = spacy_entities(views, skip=set(authors))
    cands = find_candidates(views, ents, authors)
    _add_containers(doc, views, cands)
    _drop_common_singletons(cands, views)
    for w in authors:
        # in a citation, spaCy reads titles and publishers as names: trust rules only
        cands[w] = [c for c in cands.get(w, []) if c.strength > SPACY]
    chosen = {w: _resolve(cs) for w, cs in cands.items()}
    # second pass: OCR/transliteration variants of the names found
    known: dict[str, tuple[str, str]] = {}
    for v in views:
        for c in chosen[v.where]:
            known.setdefault(v.text[c.start:c.end], (c.type, c.label))
    again = _repeated_names(views, chosen)
    for v in views:
        extra = _fuzzy_spans(v.text, chosen[v.where], known) + _repeats(v.text, again)
        if extra:
            chosen[v.where] = _resolve(chosen[v.where] + extra)
    for v in views:
        _share_list_types(v.text, chosen[v.where])
        extra = _list_places(v.text, chosen[v.where])
        if extra:
            chosen[v.where] = _resolve(chosen[v.where] + extra)
    for v, rv in zip(views, real, strict=True):
        if v.text != rv.text:
            _widen_to_words(rv.text, chosen[v.where])
    build_entities(doc, real, chosen)
    return doc


def _add_containers(doc: Document, views: list[View], cands: dict[str, list[Cand]]) -> None:
    """The journal or newspaper a citation appeared in is a WORK named in that note."""
    texts = {v.where: v.text for v in views}
    for c in doc.citations:
        title = c.get("container-title")
        where = f"note:{c.get('note')}"
        if not isinstance(title, str) or where not in texts or len(title) < 3:
            continue
        text = texts[where]
        for m in _loose_re(title, _MARK.search(text) is not None).finditer(text):
            cands.setdefault(where, []).append(
                Cand(m.start(), m.end(), "WORK", RULE + 1, "citation-container"))


def _repeated_names(views: list[View], chosen: dict[str, list[Cand]]) -> dict[str, str]:
    """Names whose bare repetitions count too: surnames of people named in full
    ("Aaron Burr" ... "Burr"), one-word names a rule or the gazetteer found, and a
    place's name found with a noun of place ("Orbury township" ... "Orbury")."""
    out: dict[str, str] = {}
    for v in views:
        for c in chosen[v.where]:
            t = v.text[c.start:c.end]
            if c.type == "PLACE" and c.strength >= GAZ:
                t = _PLACE_HEADS.sub("", t)
            words = t.split()
            if c.type == "PERSON" and len(words) > 1:
                last = words[-1]
                if len(last) >= 3 and last[0].isupper() and last[1:].islower() \
                        and zipf(last.lower()) < SURNAME_REPEAT_ZIPF:
                    out.setdefault(last, "PERSON")
            elif len(words) == 1 and c.strength >= GAZ and len(t) >= 3 and not t.isupper() \
                    and zipf(t.lower()) < REPEAT_ZIPF:
                out.setdefault(t, c.type)
    return out


def _repeats(text: str, names: dict[str, str]) -> list[Cand]:
    """Occurrences of `names` as whole capitalised words (weakest candidates)."""
    if not names:
        return []
    out = []
    for m in _CAP_TOKEN.finditer(text):
        e = _trim_poss(text, m.start(), m.end())
        w = text[m.start():e]
        t = names.get(w)
        if t is not None:
            out.append(Cand(m.start(), e, t, FUZZY - 0.5, "repeat"))
    return out


# what joins the members of a list of names: "X, Y and Z", "X and Y", "X or Y", "X & Y"
_LIST_GAP = re.compile(r"[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)")
_LIST_AND = re.compile(r"\b(?:and|or)\b|&")
_LIST_TYPES = ("PERSON", "PLACE", "ORG")


def _share_list_types(text: str, cands: list[Cand]) -> None:
    """Names listed together are of one kind: in "the Wichita and Kiowa reservations" or
    "Paris, Lyons and Bordeaux", a member spaCy alone typed (weaker than the gazetteer
    and the rules) takes the type every strong member of the list agrees on.
    `cands` are sorted and non-overlapping (as `_resolve` leaves them)."""
    i = 0
    while i < len(cands):
        j = i
        while j + 1 < len(cands) and _LIST_GAP.fullmatch(text, cands[j].end,
                                                         cands[j + 1].start):
            j += 1
        run = cands[i:j + 1]
        i = j + 1
        if len(run) < 2:
            continue
        coordinated = any(_LIST_AND.search(text, a.end, b.start)
                          for a, b in zip(run, run[1:], strict=False))
        strong = {c.type for c in run if c.strength >= GAZ and c.type in _LIST_TYPES
                  and not (c.entry is not None and c.entry.ambiguous)}
        if len(strong) != 1:
            continue
        (typ,) = strong
        for c in run:
            # commas alone also join a name to its address ("John Binns, Boston"): there
            # only spaCy's own guesses follow the list, not a given-name match
            weak = c.strength < GAZ if coordinated else c.strength <= SPACY
            if weak and c.type in _LIST_TYPES and c.type != typ:
                c.type = typ


# a list of capitalised names: "Poole, Parkstone, Bournemouth, Corfe Castle, and Swanage"
_NAME_ITEM = r"[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,2}"
_NAME_LIST = re.compile(
    rf"(?=[A-Z])(?<![\w'’\-])(?:{_NAME_ITEM})(?:(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?"
    rf"|[ \t]+(?:and|or)[ \t]+)(?:{_NAME_ITEM})){{2,}}")
_ITEM = re.compile(_NAME_ITEM)


def _list_places(text: str, cands: list[Cand]) -> list[Cand]:
    """Unknown members of a list of places are places too: in "Poole, Parkstone,
    Bournemouth, Wareham and Swanage", two or more members the gazetteer or a rule knows
    as places (and none known as anything else) make the small towns it lacks places
    (weak candidates: any other evidence wins). `cands` are sorted, non-overlapping."""
    out: list[Cand] = []
    starts = [c.start for c in cands]
    for m in _NAME_LIST.finditer(text):
        items = [(x.start(), x.end()) for x in _ITEM.finditer(text, m.start(), m.end())]
        k = bisect_right(starts, m.start() - 1)
        inside = [c for c in cands[k:] if c.start < m.end()]
        strong = [c for c in inside if c.strength >= GAZ and c.type in _LIST_TYPES
                  and not (c.entry is not None and c.entry.ambiguous)]
        if sum(c.type == "PLACE" for c in strong) < 2 or any(c.type != "PLACE" for c in strong):
            continue
        for a, b in items:
            if any(c.start < b and a < c.end for c in inside):
                continue
            first = text[a:b].split()[0]
            if first in _common_caps() or _common(first.lower()):
                continue
            out.append(Cand(a, b, "PLACE", FUZZY - 0.75, "place-list"))
    return out


def _widen_to_words(text: str, cands: list[Cand]) -> None:
    """A name found in the joined form of a split word ends where the real word ends."""
    for c in cands:
        while c.end < len(text) and text[c.end].isalpha() and text[c.end - 1] != " ":
            c.end += 1


def build_entities(doc: Document, views: list[View], chosen: dict[str, list[Cand]]) -> None:
    """Group candidates into entities by type vote and variant similarity."""
    items: list[tuple[View, Cand]] = [(v, c) for v in views for c in chosen[v.where]]
    # one type per key: rules and gazetteer outvote spaCy
    votes: dict[str, Counter] = defaultdict(Counter)
    for v, c in items:
        # an ambiguous city name ("Bryan", "Florence") votes no more than spaCy does
        sure = c.strength >= GAZ and not (c.entry is not None and c.entry.ambiguous)
        votes[key(v.text[c.start:c.end])][c.type] += 1 + 3 * sure
    uf = UnionFind(len(items))
    first: dict[tuple[str, str], int] = {}
    types = []
    for i, (v, c) in enumerate(items):
        k = key(v.text[c.start:c.end])
        t = votes[k].most_common(1)[0][0]
        types.append(t)
        # agreements: "Aigun" and "Aigun treaty" name the same thing
        gk = c.entry.id if c.entry is not None else _head_free(v.text[c.start:c.end], t)
        j = first.setdefault((t, gk), i)
        uf.union(i, j)
    reps = sorted({(types[i], uf.find(i)) for i in range(len(items))}, key=lambda x: x[1])
    # fuzzy merges between groups of one type
    surf_of: dict[int, set[str]] = defaultdict(set)
    for i, (v, c) in enumerate(items):
        surf_of[uf.find(i)].add(v.text[c.start:c.end])
    merged = {r: set(f) for r, f in surf_of.items()}  # surfaces of each merged group
    # groups holding a namesake town ("Port Arthur, Texas") and groups holding the city
    # abroad named with its own country or region ("Port Arthur, Manchuria"): a document
    # about both keeps them apart
    home = {uf.find(i) for i, (_, c) in enumerate(items)
            if c.entry is not None and c.entry.kind == NAMESAKE}
    # (a region after a name that did not make a namesake is the place's own home:
    # "Sydney, N.S.W." beside "Sydney, Nova Scotia" is the city abroad)
    abroad = {uf.find(i) for i, (v, c) in enumerate(items)
              if home and c.entry is not None and c.entry.kind != NAMESAKE
              and c.entry.type == "PLACE"
              and (_placed_abroad(v.text, c.end) or _qualifier().match(v.text, c.end))}
    # the namesake ids of each group: "Athens, Ga." and "Athens, Ohio" are two towns
    towns: dict[int, set[str]] = defaultdict(set)
    for i, (_, c) in enumerate(items):
        if c.entry is not None and c.entry.kind == NAMESAKE:
            towns[uf.find(i)].add(c.entry.id)
    for a in range(len(reps)):
        for b in range(a + 1, len(reps)):
            (ta, ra), (tb, rb) = reps[a], reps[b]
            ga, gb = uf.find(ra), uf.find(rb)
            if ta != tb or ga == gb:
                continue
            if ga in home and gb in abroad or gb in home and ga in abroad:
                continue
            if towns.get(ga) and towns.get(gb) and not towns[ga] & towns[gb]:
                continue
            if _groups_match(surf_of[ra], surf_of[rb], ta):
                both = merged[ga] | merged[gb]
                if ta == "PERSON" and len(_given_names(both)) > 1:
                    continue  # "J. Smith" matches "John Smith" and "James Smith": not both
                uf.union(ra, rb)
                merged[uf.find(ra)] = both
                for flags in (home, abroad):
                    if ga in flags or gb in flags:
                        flags.add(uf.find(ra))
                if towns.get(ga) or towns.get(gb):
                    towns[uf.find(ra)] = towns.get(ga, set()) | towns.get(gb, set())
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[uf.find(i)].append(i)
    doc.entities = []
    doc.mentions = []
    used_ids: set[str] = set()
    for _root, idxs in sorted(groups.items(), key=lambda kv: min(items[i][1].start for i in
                                                               kv[1])):
        t = Counter(types[i] for i in idxs).most_common(1)[0][0]
        entry = next((items[i][1].entry for i in idxs if items[i][1].entry is not None), None)
        # "Port Arthur, Texas" once says which Port Arthur the document's bare ones are
        entry = next((items[i][1].entry for i in idxs if items[i][1].entry is not None
                      and items[i][1].entry.kind == NAMESAKE), entry)
        if entry is not None:
            # (a repeat or fuzzy match carries no entry: its surface says which form it is)
            entry = _usual_form(entry, [items[i][1].entry or load().lookup(
                items[i][0].text[items[i][1].start:items[i][1].end]) for i in idxs])
        surfaces: Counter = Counter()
        variants: list[str] = []
        spans = []
        for i in idxs:
            v, c = items[i]
            s_txt = v.text[c.start:c.end]
            os_, oe = orig_span(v, c.start, c.end)
            o_txt = doc.original[os_:oe]
            surfaces[s_txt] += 1
            if not similar(o_txt, s_txt, 60.0):
                o_txt = ""  # offsets of moved text may not quote a name: keep what we read
            for form in (s_txt, o_txt, _with_poss(v.text, c.end, s_txt)):
                if form and form not in variants and "\n" not in form:
                    variants.append(form)
            spans.append((v, c, s_txt, os_, oe))
        name = _entity_name(surfaces, entry, t)
        eid = entry.id if entry is not None and entry.type == t else f"{t.lower()}-{slug(name)}"
        while eid in used_ids:
            eid += "-2"
        used_ids.add(eid)
        doc.entities.append(Entity(eid, t, name, variants))
        for v, c, s_txt, os_, oe in spans:
            doc.mentions.append(Mention(eid, s_txt, v.where, c.start, c.end, os_, oe, c.label))
    doc.mentions.sort(key=lambda m: (m.where != "text", m.where, m.start))


def _given_names(surfaces: set[str]) -> set[str]:
    """The first given names (whole words, not initials or titles) the surfaces of a
    person write before a surname: two of them are two people.

    >>> sorted(_given_names({"John Smith", "J. Smith", "Mr. Smith", "President Smith"}))
    ['john']
    >>> sorted(_given_names({"John Smith", "James Smith"}))
    ['james', 'john']
    """
    out = set()
    for surface in surfaces:
        words = surface.split()
        for w in words[:-1]:
            if w.isalpha() and len(w) > 1 and w[0].isupper() and w not in rules.TITLE_WORDS \
                    and w.lower() not in _NOT_GIVEN:
                out.add(w.lower())
                break
    return out


# capitalised words before a surname that are no given names
_NOT_GIVEN = frozenset({"mr", "mrs", "dr", "sir", "lord", "lady", "st", "herr", "frau", "monsieur",
                        "madame", "comrade", "citizen", "king", "queen", "emperor", "prince",
                        "princess", "count", "countess", "baron", "general", "colonel",
                        "captain", "major", "admiral", "president", "minister", "ambassador",
                        "senator", "judge", "professor", "father", "brother", "sister", "the",
                        "de", "von", "van", "le", "la", "du", "di", "da"})


def _usual_form(entry: Entry, entries: list[Entry | None]) -> Entry:
    """The entry of `entry`'s place under the name the document uses most: a city's
    old and modern names share one id ("Bombay", "Mumbai"), and a text of 1900 that
    says "Bombay" should not be indexed under "Mumbai" (ties: the first met).

    >>> from archivist.extract.gazetteer import load
    >>> b, m = load().lookup("Bombay"), load().lookup("Mumbai")
    >>> _usual_form(m, [m, b, b]).name, _usual_form(b, [b, m]).name
    ('Bombay', 'Bombay')
    """
    names = Counter(e.name for e in entries if e is not None and e.id == entry.id)
    best = names.most_common(1)[0][0] if names else entry.name
    return entry if best == entry.name else replace(entry, name=best)


def _with_poss(text: str, end: int, surface: str) -> str:
    """The surface with its possessive ending, when the source has one."""
    nxt = text[end:end + 2]
    return surface + nxt if nxt in ("'s", "’s") else ""


_HEADS = re.compile(r"\s+(?:agreement|treaty|treaties|pact|protocol|convention|accord)s?$",
                    re.I)


# a common noun of place after a place's name: "Orbury parish" is the place "Orbury"
# names (the parish, the township, the valley of the village), and one entity with it.
# Only a trailing noun: "New York" and "York", "Hong Kong" and "Kong" stay apart. A
# valley or harbour written with a capital is part of the name: "Pearl Harbour" is no
# harbour of a place "Pearl", "Victoria Harbour" not the colony of Victoria
# (the nouns in any case; the store merges documents' places by them too)
PLACE_NOUNS = ("parish", "township", "district", "county", "province", "village", "borough",
               "diocese", "deanery", "commune", "canton", "prefecture", "shire", "municipality")
_PLACE_HEADS = re.compile(
    rf"(?<=\w)\s+(?:(?i:{'|'.join(PLACE_NOUNS)})|valley|harbou?r)$")


def _head_free(surface: str, t: str) -> str:
    """The key of a name without its agreement head word ("Aigun treaty" -> Aigun), or a
    place's name without a trailing common noun of place ("Orbury parish" -> Orbury).

    >>> _head_free("Khar'kov Protocol", "AGREEMENT") == _head_free("Harkov", "AGREEMENT")
    True
    >>> _head_free("Orbury parish", "PLACE") == _head_free("Orbury", "PLACE")
    True
    >>> _head_free("New York", "PLACE") == _head_free("York", "PLACE")
    False
    >>> _head_free("Pearl Harbour", "PLACE") == _head_free("Pearl", "PLACE")
    False
    """
    if t == "AGREEMENT":
        return key(_HEADS.sub("", surface))
    if t == "PLACE":
        return key(_PLACE_HEADS.sub("", surface))
    return key(surface)


def _groups_match(a: set[str], b: set[str], t: str) -> bool:
    for x in a:
        for y in b:
            if similar(x, y):
                return True
            if t in ("AGREEMENT", "PLACE") and _head_free(x, t) == _head_free(y, t):
                return True
            if t == "PERSON" and (_surname_of(x, y) or _initials_of(x, y)):
                return True
    return False


def _initials_of(x: str, y: str) -> bool:
    """"J. L. MOWINCKEL" and "Hj. Lunde" name the same person as "Johan Ludwig Mowinckel"
    and "Hjalmar Lunde": one surname, and each abbreviated given name of one begins the
    given name in its place in the other.

    >>> _initials_of("J. L. MOWINCKEL", "Johan Ludwig Mowinckel"), _initials_of(
    ...     "HJ. LUNDE", "Hjalmar Lunde"), _initials_of("J. Lunde", "Hjalmar Lunde")
    (True, True, False)
    """
    a, b = x.replace(".", ". ").split(), y.replace(".", ". ").split()
    if len(a) < 2 or len(b) < 2 or key(a[-1]) != key(b[-1]) or len(a) != len(b):
        return False
    short, full = (a, b) if any(w.endswith(".") for w in a) else (b, a)
    for s_w, f_w in zip(short[:-1], full[:-1], strict=True):
        stem, given = s_w.rstrip(".").lower(), f_w.rstrip(".").lower()
        # an abbreviation begins the name in its place; a whole name is that name
        ok = given.startswith(stem) if s_w.endswith(".") else given == stem
        if not stem or not ok:
            return False
    return True


def _surname_of(x: str, y: str) -> bool:
    """"Haslam" names the same person as "J. K. Haslam" (one surname, one group).

    >>> _surname_of("Haslam", "J. K. Haslam"), _surname_of("Jonathan", "Jonathan Haslam")
    (True, False)
    """
    short, long_ = sorted((x, y), key=len)
    parts = long_.split()
    return len(short.split()) == 1 and len(parts) > 1 and key(parts[-1]) == key(short)
