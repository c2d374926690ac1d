"""Footnote citations parsed to CSL-JSON (books, articles, short forms, Ibid., archives).

Each footnote is split into its citations (at semicolons outside brackets) and each
one parsed by the first parser that accepts it: Ibid., Russian archival references
(fond/opis/delo/list, Latin or Cyrillic abbreviations), JACAR reference codes,
IMTFE document/exhibit/IPS numbers, journal articles, books, then short forms.
Archival citations carry CSL ``archive``/``archive_location``/``locator`` and the
explicit ``fond``/``opis``/``delo``/``list`` fields. Every dict has ``note``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import Document
from ..pipeline import stage

Cit = dict[str, Any]

_SPACED_MACRON = re.compile(r" ?\u0304(?: ?\u0304)* ?([AEIOUaeiou])")


def tidy(s: str) -> str:
    """Undo PDF-extraction noise inside a citation: spaced macrons, glued commas.

    >>> tidy("Y \\u0304osuke Matsuoka,Nihon gaik \\u0304 \\u0304o shi(Tokyo: Ky \\u0304 o, 1950), 12–13. \\u0304")
    'Yōsuke Matsuoka, Nihon gaikō shi (Tokyo: Kyō, 1950), 12–13.'
    """
    s = _SPACED_MACRON.sub(lambda m: m.group(1) + "\u0304", s)
    s = unicodedata.normalize("NFC", s)  # o + combining macron -> ō
    s = s.replace(" \u0304", "").replace("\u0304", "")  # strays with no vowel after
    s = re.sub(r"(?<=[a-z])-\s+(?=[a-z])", "", s)  # "Interven- tion" (line-end hyphen)
    s = re.sub(r",(?=[^\W\d])", ", ", s)  # "Matsuoka,Nihon"
    s = re.sub(r"(?<=[a-z])\((?=[A-Z])", " (", s)  # "shi(Tokyo"
    s = re.sub(r"([”\"])(?=[A-Z])", r"\1 ", s)  # "Policy.”Slavic"
    s = re.sub(r"\s+", " ", s)
    return s.strip()


def split_citations(text: str) -> list[str]:
    """Split a note at semicolons that are outside brackets and quotes.

    >>> split_citations("Ibid., 5; GARF, f. 5446, op. 1, d. 7, l. 12 (cf. a; b).")
    ['Ibid., 5', 'GARF, f. 5446, op. 1, d. 7, l. 12 (cf. a; b).']
    """
    parts, depth, quote, cur = [], 0, False, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in "“”\"":
            quote = ch == "“" or (ch == '"' and not quote)
        if ch == ";" and depth == 0 and not quote:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


_IBID = re.compile(r"^(?:Ibid|Ibidem|Ib)\b\.?,?\s*(?:p{1,2}\.\s*)?(?P<loc>.*?)\.?$", re.I)
_F = r"(?:f|F|ф|Ф|fond)\.?"
_OP = r"(?:op|Op|оп|Оп)\.?"
_D = r"(?:d|D|д|Д|delo)\.?"
_L = r"(?:ll|l|лл|л|L|I|Il|II)\.?"  # "I." is the OCR misreading of "l."
_ARCHIVAL = re.compile(
    rf"(?:(?P<pre>.*?)(?:\s+in\s+|:\s*|,\s*|^))?"
    rf"(?P<archive>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]*(?:\s+[A-ZА-Я]{{1,3}})?),?\s+{_F}\s*(?P<fond>[\w\-/]+),"
    rf"\s*{_OP}\s*(?P<opis>[\w\-/]+),\s*{_D}\s*(?P<delo>[\w\-/]+)"
    rf"(?:,\s*{_L}\s*(?P<list>[\d\-–—,\s]+(?:\s*(?:ob|об)\.?)?))?\.?\s*$")
_JACAR = re.compile(
    r"(?P<pre>.*?)\bJACAR\b[^A-Z\d]*?(?:Ref(?:erence)?\.?\s*(?:code|No\.?)?:?\s*)?"
    r"(?P<ref>[A-Z]\d{11})(?P<post>.*)$")
_IMTFE_NUM = [
    ("exhibit", re.compile(r"\bExh(?:ibit|\.)\s*(?:No\.?\s*)?#?\s*(\d+[A-Z]?)")),
    ("ips", re.compile(r"\bIPS\s*(?:Doc(?:ument|\.)?\s*)?(?:No\.?\s*)?#?\s*(\d+[A-Z]?)")),
    ("document", re.compile(
        r"\b(?:(?:Def(?:ense|ence|\.)?|Pros(?:ecution|\.)?)\s*)?Doc(?:ument|\.)\s*(?:No\.?\s*)?"
        r"#\s*(\d+[A-Z]?)|\bDoc(?:ument|\.)\s*No\.?\s*(\d+[A-Z]?)")),
]
_ARTICLE = re.compile(
    r"^(?P<authors>[^“\"]+?),\s*[“\"](?P<title>.+?)[,.]?[”\"]\s*,?\s*(?:in\s+)?"
    r"(?P<container>[^,()]+?),?\s*(?:vol\.\s*)?(?P<volume>\d+)"
    r"(?:,?\s*(?:no\.|issue)\s*(?P<issue>[\w/–\-]+))?\s*"
    r"\((?P<issued>[^()]*?\d{4})\)\s*[,:]?\s*(?P<pages>[\d\-–—, ]*)\.?$")
_BOOK = re.compile(
    r"^(?P<head>.+?)\s*\((?P<pub>[^()]*?(?P<year>\d{4})[^()]*)\)\s*[,:]?\s*"
    r"(?:(?:vol\.\s*(?P<volume>\w+),?\s*)?(?:pp?\.\s*)?(?P<loc>[\dixvlc\-–—, ]*))\.?$")
_SHORT = re.compile(r"^(?P<head>.+?)\.?,\s*(?:pp?\.\s*)?(?P<loc>\d[\d\-–—, ]*)\.?$")
_NAMEWORD = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|de|von|van|der|la|al|ed\.|eds\.)$")


def looks_like_names(s: str) -> bool:
    """Whether `s` reads as a list of personal names ("Jonathan Haslam and A. J. P. Taylor").

    >>> looks_like_names("Jonathan Haslam and A. J. P. Taylor"), looks_like_names("Moskva i Tokio")
    (True, False)
    """
    parts = [p for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", s) if p]
    if not parts:
        return False
    for p in parts:
        words = p.split()
        if not 1 <= len(words) <= 5 or not all(_NAMEWORD.match(w) for w in words):
            return False
    return True


def parse_authors(s: str) -> list[dict[str, str]]:
    """CSL name objects: the last word is the family name.

    >>> parse_authors("Jonathan Haslam and A. J. P. Taylor")
    [{'family': 'Haslam', 'given': 'Jonathan'}, {'family': 'Taylor', 'given': 'A. J. P.'}]
    """
    s = re.sub(r",?\s*\beds?\.$", "", s.strip())
    out = []
    for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", s):
        words = p.split()
        if not words:
            continue
        name = {"family": words[-1]}
        if len(words) > 1:
            name["given"] = " ".join(words[:-1])
        out.append(name)
    return out


def _pages(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" ,.")


def _strip_prefix(s: str) -> tuple[str, str]:
    """Separate "See the memoir by X, secretary of Y:" from the citation proper."""
    pre = ""
    m = re.match(r"^(?:See also|See|Cf\.|Compare|Quoted in|Cited in)\s+", s)
    if m:
        pre, s = m.group(), s[m.end():]
    paren = s.find("(")
    head = s if paren < 0 else s[:paren]
    quote = re.search(r"[“\"]", head)
    if quote:
        head = head[:quote.start()]  # a colon inside a quoted title is the title's
    colon = head.rfind(": ")
    if colon > 0:
        pre, s = pre + s[:colon + 1], s[colon + 2:]
    return pre.strip(), s.strip()


def parse_citation(s: str, prev: Cit | None = None) -> Cit | None:
    """Parse one citation string to CSL-JSON (None if it is not a citation).

    >>> parse_citation("GARF, f. 5446, op. 1, d. 7, l. 12.")["delo"]
    '7'
    >>> c = parse_citation("Decoded telegram in RGVA, f. 33987, op. 3, d. 870, l. 42.")
    >>> c["archive"], c["description"], c["list"]
    ('RGVA', 'Decoded telegram', '42')
    >>> parse_citation("Moskva i Tokio., 112.")
    {'type': 'book', 'short_form': True, 'title': 'Moskva i Tokio', 'title-short': 'Moskva i Tokio', 'locator': '112'}
    """
    s = tidy(s)
    if not s:
        return None
    m = _IBID.match(s)
    if m:
        if prev is None:
            return {"type": "document", "ibid": True, "locator": _pages(m.group("loc"))}
        out = {k: v for k, v in prev.items() if k not in ("locator", "note", "page")}
        out["ibid"] = True
        loc = _pages(m.group("loc"))
        if loc:
            out["locator"] = loc
        elif "locator" in prev:
            out["locator"] = prev["locator"]
        return out
    m = _ARCHIVAL.match(s)
    if m:
        return _archival(m)
    m = _JACAR.match(s)
    if m:
        out = {"type": "archival", "archive": "JACAR", "archive_location": m.group("ref"),
               "jacar": m.group("ref")}
        title = m.group("pre").strip(" ,.:;(")
        if title:
            out["title"] = title
        return out
    imtfe = _imtfe(s)
    if imtfe is not None:
        return imtfe
    pre, body = _strip_prefix(s)
    m = _ARTICLE.match(body)
    if m and looks_like_names(m.group("authors")):
        out = {"type": "article-journal", "author": parse_authors(m.group("authors")),
               "title": m.group("title").strip().rstrip("."),
               "container-title": m.group("container").strip(),
               "volume": m.group("volume")}
        if m.group("issue"):
            out["issue"] = m.group("issue")
        out["issued"] = re.findall(r"\d{4}", m.group("issued"))[-1]
        pages = _pages(m.group("pages"))
        if re.fullmatch(r"\d+\s*[-–—]\s*\d+", pages):
            out["page"] = pages
        elif pages:
            out["locator"] = pages
        return _with_prefix(out, pre)
    m = _BOOK.match(body)
    if m:
        out = {"type": "book"}
        head = m.group("head").strip().rstrip(",")
        author, title = _split_head(head)
        if author:
            out["author"] = parse_authors(author)
        out["title"] = title
        place, publisher = _pubinfo(m.group("pub"), m.group("year"))
        if place:
            out["publisher-place"] = place
        if publisher:
            out["publisher"] = publisher
        out["issued"] = m.group("year")
        if m.group("volume"):
            out["volume"] = m.group("volume")
        loc = _pages(m.group("loc") or "")
        if loc:
            out["locator"] = loc
        return _with_prefix(out, pre)
    m = _SHORT.match(body)
    if m:
        head = m.group("head").strip().rstrip(".,")
        author, title = _split_head(head)
        out = {"type": "book", "short_form": True}
        if author:
            out["author"] = parse_authors(author)
        out["title"] = title
        out["title-short"] = title
        out["locator"] = _pages(m.group("loc"))
        return _with_prefix(out, pre)
    return None


def _with_prefix(out: Cit, pre: str) -> Cit:
    if pre:
        out["prefix"] = pre
    return out


def _split_head(head: str) -> tuple[str | None, str]:
    """"Boris Slavinskii, Pakt o neitralitete" -> (author, title)."""
    if "," in head:
        a, t = head.split(",", 1)
        if looks_like_names(a.strip()) and t.strip():
            return a.strip(), t.strip().strip("“”\"").rstrip(",")
    return None, head.strip("“”\"")


def _pubinfo(pub: str, year: str) -> tuple[str | None, str | None]:
    """"Tokyo: Kyōdō shobō, 1950" -> ("Tokyo", "Kyōdō shobō")."""
    pub = pub.replace(year, "").strip(" ,;")
    if ":" in pub:
        place, publisher = pub.split(":", 1)
        return place.strip() or None, publisher.strip(" ,") or None
    return (pub or None), None


def _archival(m: re.Match[str]) -> Cit:
    g = m.groupdict()
    out: Cit = {"type": "archival", "archive": g["archive"].strip(), "fond": g["fond"],
                "opis": g["opis"], "delo": g["delo"]}
    loc = f"f. {g['fond']}, op. {g['opis']}, d. {g['delo']}"
    if g.get("list"):
        lst = re.sub(r"\s+", " ", g["list"]).strip(" ,.")
        out["list"] = lst
        out["locator"] = lst
        loc += f", l. {lst}"
    out["archive_location"] = loc
    pre = (g.get("pre") or "").strip(" ,.:;")
    if pre:
        out["description"] = pre
    return out


def _imtfe(s: str) -> Cit | None:
    found = {}
    for field, pat in _IMTFE_NUM:
        m = pat.search(s)
        if m:
            found[field] = next(x for x in m.groups() if x)
    if not found or not (re.search(r"IMTFE|Tribunal|IPS|Exh|Def\.|Pros", s)):
        return None
    out: Cit = {"type": "archival", "archive": "IMTFE"}
    out.update(found)
    out["archive_location"] = ", ".join(f"{k} {v}" for k, v in found.items())
    return out


def parse_note(text: str, n: str, prev: Cit | None = None) -> list[Cit]:
    """All citations of footnote `n` (Ibid. resolved against `prev`)."""
    out = []
    for part in split_citations(tidy(text)):
        c = parse_citation(part, prev)
        if c is None:
            continue
        c["note"] = n
        out.append(c)
        prev = c
    return out


@stage("extract.citations")
def extract_citations(doc: Document) -> Document:
    """Parse every footnote's citations into doc.citations (in note order)."""
    doc.citations = []
    prev: Cit | None = None
    for note in doc.notes:
        cits = parse_note(doc.note_view(note).text, note.n, prev)
        doc.citations.extend(cits)
        if cits:
            prev = cits[-1]
    return doc
