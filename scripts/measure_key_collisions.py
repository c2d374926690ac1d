"""Count gazetteer names that share their lookup key with a different place.

Run: PYTHONPATH=src .venv/bin/python scripts/measure_key_collisions.py [--list N]

For every spelling of every PLACE entry (curated spellings and places.tsv rows), it
compares the entry the key alone gives (`Gazetteer.by_key`, the first row of the key:
what `lookup` returned before places12) and what `lookup` gives now (a spelling as
written first) with the id the spelling's own row files it under.
"""

from __future__ import annotations

import argparse

from archivist.extract.common import name_key, slug
from archivist.extract.gazetteer import _rows, load, plain


def own_names() -> list[tuple[str, str]]:
    """(spelling, id its own row gives) for every place spelling of the gazetteer."""
    places = _rows("places.tsv")
    city_of = {r[2]: r[3] for r in places if r[1] == "curated-city"}
    out = []
    for row in _rows("curated.tsv"):
        if row[0] != "PLACE":
            continue
        eid = f"place-{slug(city_of.get(name_key(row[1])) or row[1])}"
        for s in {row[1], *(row[2].split("|") if len(row) > 2 else [])}:
            if s.strip():
                out.append((s.strip(), eid))
    for r in places:
        if r[1] != "curated-city":
            out.append((r[0], f"place-{slug(r[3] if len(r) > 3 and r[3] else r[0])}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", type=int, default=0, help="print this many collisions")
    a = ap.parse_args()
    g = load()
    names = own_names()
    by_key = [(s, eid) for s, eid in names if g.by_key[name_key(s)].id != eid]
    now = [(s, eid) for s, eid in names if g.lookup(s).id != eid]
    same_plain = [(s, eid) for s, eid in now if plain(g.lookup(s).surface) == plain(s)]
    print(f"{len(names)} place spellings")
    print(f"key alone gives another place: {len(by_key)}")
    print(f"lookup gives another place now: {len(now)} "
          f"({len(same_plain)} spelled alike, case and accents aside)")
    for s, eid in by_key[:a.list]:
        print(f"  {s!r} ({eid}) -> key: {g.by_key[name_key(s)].name!r}, "
              f"now: {g.lookup(s).name!r}")


if __name__ == "__main__":
    main()
