"""Footnote citations parsed to CSL-JSON (books, articles, short forms, Ibid., archives).

Each footnote is split into its citations (at semicolons outside brackets) and each
one parsed by the first parser that accepts it: Ibid. (Ebd.), op. cit./loc. cit.
(a. a. O.), Russian and Ukrainian archival references (fond/opis/[papka/]delo/list,
Latin or Cyrillic abbreviations; Ukrainian sprava/arkush read as delo/list), JACAR reference codes, IMTFE document/exhibit/IPS numbers, published
series of diplomatic documents ("FRUS, 1938, vol. III, pp. 123–5": a "book", or a
"chapter" for a document in it), parliamentary debates ("HC Deb 12 May 1938 vol 335
cc1234–5", "Hansard, 5th ser., ...": a CSL "hearing" with ``authority``, series as
``collection-number``, column as ``locator``), any other archive named by its initials
or an institution's noun, with an optional place (``archive-place``) and collection
(``archive_collection``) before its reference ("TNA, FO 371/22189, f. 45", "Bodleian
Library, Oxford, MS. Eng. hist. c. 412, fols. 15–17", "Bundesarchiv, R 43 I/1234,
Bl. 56", "MAE, Correspondance politique, Chine, vol. 12, f. 34"), items dated to the
day (newspaper issues, letters "A to B", other dated papers), journal articles, books,
then short forms. Archival citations carry CSL ``archive``/``archive_location``/
``locator`` (with ``label`` folio/page/column when the unit is given) and, for Russian
archives, the explicit ``fond``/``opis``/``delo``/``list`` fields (and ``papka``).
An archive cited by an abbreviation in the packaged table (`archives`: GARF, TNA,
BArch, SHD, NARA, JACAR, ...) keeps ``archive`` as cited and gains ``archive-name``,
``archive-name-en``, the department or record group its reference names
(``record-group``: "FO 371/1" -> Foreign Office) and, unless the citation names its
place (``archive-place``), the town it keeps the records in (``archive-town``;
`expand_archive`). A document series' parts are read whatever their form: series as
``collection-number`` ("2nd ser.", "1re série", "series D", "Second Series"), part as
``part-number`` ("pt. II"), volume ("vol.", "t.", "Bd."). Dates of items are
EDTF in ``issued``. A repeated citation (Ibid., op. cit., loc. cit.) copies the one it
repeats, is flagged ``ibid``/``op_cit``/``loc_cit`` and, in a document, names that
one's index in ``doc.citations`` as ``repeats``. Every dict has ``note``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..model import Document
from ..pipeline import stage
from . import archives
from .dates import DAY, MONC, find_dates
from .rules import given_names, is_periodical

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
    return [p for p in split_outside(text, ";") if p]


def split_outside(text: str, sep: str) -> list[str]:
    """`text` split at each `sep` outside brackets and quotation marks, parts stripped.

    >>> split_outside("Smith, “Ports, Docks,” Review (1930, 1931), 4", ",")
    ['Smith', '“Ports, Docks,” Review (1930, 1931)', '4']
    """
    parts, depth, quote, cur = [], 0, False, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in "“”\"":
            quote = ch == "“" or (ch == '"' and not quote)
        if ch == sep and depth == 0 and not quote:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return parts


_IBID = re.compile(r"^(?:Ibid|Ibidem|Ib|Ebd|Ebenda)\b\.?,?\s*(?:p{1,2}\.\s*)?(?P<loc>.*?)\.?$", re.I)
_F = r"(?:f|F|ф|Ф|fond)\.?"
_OP = r"(?:op|Op|оп|Оп)\.?"
_D = r"(?:d|D|д|Д|delo|spr|спр)\.?"  # Ukrainian "spr." (sprava) is a delo
_L = r"(?:ll|l|лл|л|L|I|Il|II|ark|арк)\.?"  # "I." is OCR for "l."; Ukrainian "ark."
_ARCHIVAL = re.compile(
    rf"(?:(?P<pre>.*?)(?:\s+in\s+|:\s*|,\s*|^))?"
    rf"(?P<archive>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]*(?:\s+[A-ZА-Я]{{1,3}})?),?\s+{_F}\s*(?P<fond>[\w\-/]+),"
    rf"\s*{_OP}\s*(?P<opis>[\w\-/]+),"
    rf"(?:(?:\s*(?:p|п|papka|папка)\.?\s*(?P<papka>[\w\-/]+),)?"  # AVP RF: "op. 1, p. 4, d. 5"
    rf"\s*{_D}\s*(?P<delo>[\w\-/]+)"
    rf"(?:,\s*{_L}\s*(?P<list>[\d\-–—,\s]+(?:\s*(?:ob|об)\.?)?))?"
    # ... or no file: "op. 2, p. 3", a folder (papka) or the pages some authors cite
    rf"|\s*(?P<pword>pp?|п|papka|папка)\.?\s*(?P<plast>\d[\d\-–—,\s]*))\.?\s*$")
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
    r"\((?P<issued>[^()]*?\d{4})\)\s*[,:]?\s*(?:pp?\.\s*)?(?P<pages>[\d\-–—, ]*)\.?$")
_BOOK = re.compile(
    r"^(?P<head>.+?)\s*\((?P<pub>[^()]*?(?P<year>\d{4})[^()]*)\)\s*[,:]?\s*"
    r"(?:(?:vol\.\s*(?P<volume>\w+),?\s*)?(?:(?:pp?|S)\.\s*)?(?P<loc>[\dixvlc\-–—, ]*)"
    # ... or a chapter or a numbered document: "ch. IV", "chap. 3", "no. 405", "doc. 12"
    r"|(?P<unit>ch|chap|chapter|no|No|doc|Doc)\.?\s*(?P<unitloc>[\dIVXLCivxlc]+[a-z]?))\.?$")
# the label a book's chapter or document number takes (CSL locator labels)
_BOOK_UNITS = {"ch": "chapter", "chap": "chapter", "chapter": "chapter", "no": "number",
               "doc": "number"}
_SHORT = re.compile(r"^(?P<head>.+?)\.?,\s*(?:(?:pp?|S)\.\s*)?(?P<loc>\d[\d\-–—, ]*)\.?$")
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


def parse_citation(s: str, prev: Cit | None = None,
                   history: list[Cit] | None = None) -> Cit | None:
    """Parse one citation string to CSL-JSON (None if it is not a citation); an archive
    named by an abbreviation in the table of `archives` is expanded (`expand_archive`).

    `prev` is the citation before it (for Ibid.), `history` all earlier ones in order
    (for op. cit. and loc. cit.; when given, the previous one is its last and repeated
    citations name the index of the one they repeat as ``repeats``).

    >>> parse_citation("GARF, f. 5446, op. 1, d. 7, l. 12.")["delo"]
    '7'
    >>> c = parse_citation("Decoded telegram in RGVA, f. 33987, op. 3, d. 870, l. 42.")
    >>> c["archive"], c["description"], c["list"]
    ('RGVA', 'Decoded telegram', '42')
    >>> parse_citation("Moskva i Tokio., 112.")
    {'type': 'book', 'short_form': True, 'title': 'Moskva i Tokio', 'title-short': 'Moskva i Tokio', 'locator': '112'}
    """
    out = _parse_citation(s, prev, history)
    return expand_archive(out) if out is not None else None


def _parse_citation(s: str, prev: Cit | None, history: list[Cit] | None) -> Cit | None:
    """`parse_citation` before the archive's name is expanded."""
    s = tidy(s)
    if not s:
        return None
    if prev is None and history:
        prev = history[-1]
    m = _IBID.match(s)
    if m:
        return _ibid(m.group("loc"), prev, history)
    m = _REPEAT.match(s)
    if m:
        return _op_cit(m, history if history is not None else [prev] if prev else [],
                       history is not None)
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
    lead = re.match(r"^(?:See also|See|Cf\.|Compare)\s+", s)
    series = _document_series(s[lead.end():] if lead else s)
    if series is not None:  # before the prefix's colon rule: "vol. III: The Far East"
        return _with_prefix(series, lead.group().strip() if lead else "")
    pre, body = _strip_prefix(s)
    out = _debate(body) or _document_series(body) or _held_in_archive(body) or _dated_item(body)
    if out is not None:
        return _with_prefix(out, pre)
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
        head, vol = _title_volume(m.group("head").strip().rstrip(","))
        author, title = _split_head(head)
        if author:
            out["author"] = parse_authors(author)
        out["title"] = title
        if vol:
            out["volume"] = vol
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
        elif m.group("unitloc"):
            out["locator"] = m.group("unitloc")
            out["label"] = _BOOK_UNITS[m.group("unit").lower()]
        return _with_prefix(out, pre)
    m = _SHORT.match(body)
    if m:
        head, vol = _title_volume(m.group("head").strip().rstrip(".,"))
        author, title = _split_head(head)
        out = {"type": "book", "short_form": True}
        if author:
            out["author"] = parse_authors(author)
        out["title"] = title
        out["title-short"] = title
        if vol:
            out["volume"] = vol
        out["locator"] = _pages(m.group("loc"))
        return _with_prefix(out, pre)
    return None


# keys that say an item repeats another, not copied when it is repeated in turn
_REPEAT_KEYS = ("ibid", "op_cit", "loc_cit", "repeats", "note", "locator", "page", "label",
                "prefix")  # "See" belongs to the earlier citation's sentence
_REPEAT = re.compile(
    r"^(?:(?P<who>.+?),?\s+)?(?:(?P<kind>op|loc)\.?\s*cit\b|(?P<aao>a\.\s?a\.\s?O\b))\.?,?\s*"
    r"(?P<loc>.*?)\.?$",
    re.I)


def _set_locator(out: Cit, loc: str, earlier: Cit | None) -> None:
    """The locator of a repeated citation: its own ("fol. 18" -> "18", label folio;
    "l. 9" as given), else the one of the citation it repeats."""
    m = _LOCATOR_PART.fullmatch(loc)
    if m and m.group("unit") == "f" and earlier and "fond" in earlier:
        m = None  # in a Russian reference "f." is a fond; its folio is "l." (list)
    if m and _LABELS.get(m.group("unit")):
        out["locator"], out["label"] = _pages(m.group("loc")), _LABELS[m.group("unit")]
    elif loc:
        out["locator"] = loc
        if earlier and earlier.get("label") and re.fullmatch(r"[\d\-–—, ]+", loc):
            out["label"] = earlier["label"]  # "Ibid., 7" counts what the item counted
    elif earlier and "locator" in earlier:
        out["locator"] = earlier["locator"]
        if earlier.get("label"):
            out["label"] = earlier["label"]
    ref = out.get("archive_location")
    if loc and ref and "fond" not in out:
        # the earlier folio is no part of this one's reference ("MS X 1, fo. 5" -> "MS X 1")
        parts = split_outside(ref, ",")
        if len(parts) > 1 and _LOCATOR_PART.fullmatch(parts[-1].strip(" .")):
            out["archive_location"] = ", ".join(parts[:-1])


def _repeated(earlier: Cit) -> Cit:
    """A copy of an earlier citation's description, without what is its own."""
    return {k: v for k, v in earlier.items() if k not in _REPEAT_KEYS}


def _ibid(loc: str, prev: Cit | None, history: list[Cit] | None) -> Cit:
    """"Ibid., fol. 18": the previous citation again, at its own locator."""
    loc = _pages(loc)
    if prev is None:
        return {"type": "document", "ibid": True, "locator": loc}
    out = _repeated(prev)
    out["ibid"] = True
    _set_locator(out, loc, prev)
    if history and history[-1] is prev:
        out["repeats"] = len(history) - 1
    return out


def _op_cit(m: re.Match[str], earlier: list[Cit], link: bool) -> Cit:
    """"Smith, op. cit., 14" / "Smith, loc. cit.": the last earlier citation of that
    author (or archive; with a title given, of that title), or the previous one when no
    author is named. loc. cit. without a locator keeps the earlier one's."""
    pre, who = _strip_prefix((m.group("who") or "").strip(" ,"))
    kind = f"{(m.group('kind') or 'op').lower()}_cit"  # German "a. a. O." is op. cit.
    at = _find_earlier(who, earlier) if who else (len(earlier) - 1 if earlier else None)
    if not who and at is not None and isinstance(earlier[at].get("repeats"), int):
        at = earlier[at]["repeats"]  # "Op. cit." after "Smith, op. cit.": Smith's work
    loc = _pages(m.group("loc"))
    if at is None:
        out: Cit = {"type": "book", "short_form": True}
        if who:
            names = split_outside(who, ",")
            if looks_like_names(names[0]):
                out["author"] = parse_authors(names[0])
            if len(names) > 1:
                out["title"] = ", ".join(names[1:])
        out[kind] = True
        if loc:
            _set_locator(out, loc, None)
        return _with_prefix(out, pre)
    out = _repeated(earlier[at])
    out[kind] = True
    _set_locator(out, loc, earlier[at] if kind == "loc_cit" or not loc else None)
    if link:
        out["repeats"] = at
    return _with_prefix(out, pre)


def _find_earlier(who: str, earlier: list[Cit]) -> int | None:
    """Index of the last citation in `earlier` by the author (family name) or archive
    `who` names, preferring one that is not itself a repetition."""
    names = split_outside(who, ",")
    family = names[0].split()[-1] if names[0].split() else ""
    title = ", ".join(names[1:]).lower()
    hits = []
    for i in range(len(earlier) - 1, -1, -1):
        c = earlier[i]
        fams = {a.get("family") for a in c.get("author") or [] if isinstance(a, dict)}
        if family not in fams and c.get("archive") != names[0]:
            continue
        if title and not any(str(c.get(k, "")).lower().startswith(title)
                             for k in ("title", "title-short")):
            continue
        if not any(c.get(k) for k in ("ibid", "op_cit", "loc_cit")):
            return i
        hits.append(i)
    return hits[0] if hits else None


def _with_prefix(out: Cit, pre: str) -> Cit:
    if pre:
        out["prefix"] = pre
    return out


# an inverted author's given part: initials ("A. N.") or given names ("Alfred N.")
_INVERTED_GIVEN = re.compile(
    r"^\s*((?:[A-Z]\.|[A-Z][a-z]+)(?:[ \t]*(?:[A-Z]\.|(?<=[ \t.])[A-Z][a-z]+)){0,3})"
    r"\s*,\s*(\S.*)$")


def _split_head(head: str) -> tuple[str | None, str]:
    """"Boris Slavinskii, Pakt o neitralitete" -> (author, title); an inverted author
    ("Smith, A. N., The Road") comes back in natural order ("A. N. Smith").

    >>> _split_head("Smith, A. N., The Road to Munich")
    ('A. N. Smith', 'The Road to Munich')
    >>> _split_head("Shuster, W. Morgan, The Strangling of Persia")
    ('W. Morgan Shuster', 'The Strangling of Persia')
    >>> _split_head("Smith, Munich, the Crisis")
    ('Smith', 'Munich, the Crisis')
    """
    if "," in head:
        a, t = head.split(",", 1)
        m = _INVERTED_GIVEN.match(t)
        if m and looks_like_names(a.strip()) and " " not in a.strip() \
                and all(w in given_names() for w in m.group(1).replace(".", ". ").split()
                        if "." not in w):
            return f"{m.group(1).strip()} {a.strip()}", m.group(2).strip().strip("“”\"")
    if "," in head:
        a, t = head.split(",", 1)
        if looks_like_names(a.strip()) and t.strip():
            return a.strip(), t.strip().strip("“”\"").rstrip(",")
    return None, head.strip("“”\"")


_TITLE_VOLUME = re.compile(r",\s*vol\.\s*([0-9]+|[IVXLC]+|[ivxlc]+)$")


def _title_volume(title: str) -> tuple[str, str | None]:
    """A volume printed after the title ("Treaty Series, vol. XXIX") is the volume.

    >>> _title_volume("Treaty Series, vol. XXIX"), _title_volume("The Road")
    (('Treaty Series', 'XXIX'), ('The Road', None))
    """
    m = _TITLE_VOLUME.search(title)
    if m is None or m.start() == 0:
        return title, None
    return title[:m.start()].rstrip(" ,"), m.group(1)


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
                "opis": g["opis"]}
    loc = f"f. {g['fond']}, op. {g['opis']}, "
    if g.get("plast"):  # "op. 2, p. 3": no file; a folder or a page, as printed
        last = re.sub(r"\s+", " ", g["plast"]).strip(" ,.")
        word = g["pword"]
        if word.startswith(("papka", "папка")):
            out["papka"] = last
        else:
            out["locator"] = last
        out["archive_location"] = loc + f"{word}{'' if len(word) > 2 else '.'} {last}"
        pre = (g.get("pre") or "").strip(" ,.:;")
        if pre:
            out["description"] = pre
        return out
    if g.get("papka"):  # the foreign-policy archive's folder between inventory and file
        out["papka"] = g["papka"]
        loc += f"p. {g['papka']}, "
    out["delo"] = g["delo"]
    loc += f"d. {g['delo']}"
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


# An archive named by its initials ("TNA", "PA AA", "BArch": two capitals or more) or by
# an institution's noun ("County Record Office", "State Library", "Staatsarchiv")
_ARCHIVE_INITIALS = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z]{1,6}(?:\s[A-Z]{1,3})?")
_INSTITUTION = re.compile(
    r"(?:[A-Z][\w'’.\-]*\s+(?:(?:of|for|the|and|de|des|du|la)\s+)*)*"
    r"(?:[A-Z][\w'’\-]*(?:archiv\w*|Archiv\w*)|Archiv\w*|Archives?|Archief|Arkiv\w*|Records?\s+Office|"
    r"Library|Museum|Biblioth\w+|Institut\w*)"
    r"(?:\s+[a-zàâçéèêëîïôûùüÿñ]+)?"  # "Archives nationales"
    # "... and Records Administration", "Archivio Centrale dello Stato"
    r"(?:\s+(?:(?:of|for|the|and|de|des|du|di|del|della|dello|degli|der|für|y)\s+)*"
    r"[A-Z][\w'’\-]*)*")
_LOCATOR_PART = re.compile(
    r"(?P<unit>fols?|fos?|ff?|Bll?|pp?|S|box|folder|file|item|piece|no|nos|col|cols)(?![a-z])\.?\s*"
    r"(?P<loc>[\dxivlcr][\w\-–—/ ]*)")
# what each locator unit counts, as a CSL locator label (boxes and files have none)
_LABELS = {"f": "folio", "ff": "folio", "fo": "folio", "fos": "folio", "fol": "folio",
           "fols": "folio", "Bl": "folio", "Bll": "folio", "p": "page", "pp": "page", "S": "page",
           "col": "column", "cols": "column"}
_REF_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9./\-&]*")  # "&": India Office "L/P&S/12"
_CODE_WORD = re.compile(r"[A-Z0-9]+|[A-Za-z]{1,4}\.?|[A-Za-z]+\.|.*[\d/].*")


def is_archive_name(part: str) -> bool:
    """Whether a citation part names an archive ("TNA", "Kent Record Office").

    >>> [is_archive_name(p) for p in ("TNA", "PA AA", "Devon Record Office", "Pender", "p. 5")]
    [True, True, True, False, False]
    """
    return bool(_ARCHIVE_INITIALS.fullmatch(part) or is_institution(part))


# Archives cited by a short form that has not two capitals ("Bodl." for the Bodleian)
_ARCHIVE_ABBREVIATIONS = frozenset({"Bodl.", "Bodl"})


def is_institution(part: str) -> bool:
    """Whether a part names an archive unmistakably: by an institution's noun
    ("Staatsarchiv Hamburg", "British Library") or a known abbreviation ("Bodl.").
    Initials alone ("OECD", "FERRO") may be an author's, so they are not enough.

    >>> [is_institution(p) for p in ("Bundesarchiv", "Bodl.", "British Library", "OECD")]
    [True, True, True, False]
    """
    return part in _ARCHIVE_ABBREVIATIONS or bool(_INSTITUTION.fullmatch(part))


_MONTH_ABBR = frozenset({"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                         "Nov", "Dec"})


def is_reference_code(part: str) -> bool:
    """Whether a part reads as an archive's reference code: a few tokens of letters,
    digits, dots and slashes, with a digit, and either a slash or a capitalised series
    letter code before a number ("FO 371/22189", "HC/2/14", "RG 59", "Add MS 41234").

    >>> [is_reference_code(p) for p in ("MT 10/2231", "HC/2/14", "RG 59", "fol. 33", "1932")]
    [True, True, True, False, False]
    >>> [is_reference_code(p) for p in ("7 N 1234", "12 May 1938", "3 MAY 1938")]
    [True, False, False]
    """
    tokens = part.split()
    if not 1 <= len(tokens) <= 5 or not all(_REF_TOKEN.fullmatch(t) for t in tokens):
        return False
    # a series code is capitals, a short or abbreviated word, or holds digits: a plain
    # word of 5+ letters is a title's ("McNeill, Europe 1914, 12" is a short form)
    if not all(_CODE_WORD.fullmatch(t) for t in tokens):
        return False
    if not any(ch.isdigit() for ch in part) or _LOCATOR_PART.fullmatch(part):
        return False
    if "/" in part:
        return part[0].isalnum()
    if re.fullmatch(r"\d+ [A-Z]{1,3} \d+", part):
        # a French cote: number, series letters, number ("7 N 1234", "40 AJ 12"); not a
        # day in capitals ("3 MAY 1938", "4 JAN 1938")
        d, letters, y = part.split()
        return not (letters.title() in _MONTH_ABBR and 1 <= int(d) <= 31
                    and 1000 <= int(y) <= 2099)
    return len(tokens) >= 2 and tokens[0][0].isupper() and tokens[-1][0].isdigit()


def _locator(part: str) -> str | None:
    m = _LOCATOR_PART.fullmatch(part.strip(" ."))
    return _pages(m.group("loc")) if m else None


def _unit_locator(parts: list[str]) -> tuple[str, str | None] | None:
    """The locator among reference parts and its CSL label: the first folio, page or
    column cited ("fols. 15–17" -> ("15–17", "folio")), else the first box or file."""
    found = []
    for part in parts:
        m = _LOCATOR_PART.fullmatch(part.strip(" ."))
        if m:
            found.append((_pages(m.group("loc")), _LABELS.get(m.group("unit"))))
    labelled = [f for f in found if f[1]]
    return (labelled or found or [None])[0]


_VOLUME_PART = re.compile(r"(?:vols?|Bde?|t|tome)\.?\s*(?P<vol>[\dIVXLC]+[a-z]?)")
# words that mark a part as an archive's reference: manuscripts, files, boxes, German
# Bestand/Band/Blatt/Nummer/Akte, French cartons and liasses, Dutch inventory numbers,
# Italian fascicoli and buste, Spanish legajos and cajas, US record groups
_ARCHIVAL_MARK = re.compile(
    r"\b(?:MSS?|Add|fols?|fos?|ff|Bll?|Bd|Best|Nr|Rep|Cl|Lit|Akte|Sign|box|folder|carton|"
    r"dossier|liasse|inv|fasc|busta|leg|legajo|caja|RG|f)\b\.?", re.I)
_PLAIN_PART = re.compile(r"[^()\[\]“”\"]{1,80}")


def _is_place(part: str) -> bool:
    """Whether a part is a town or region in the gazetteer ("Oxford", "Paris")."""
    if not part or any(ch.isdigit() for ch in part) or not part[0].isupper():
        return False
    from .gazetteer import load  # loaded once per process, only when an archive is cited

    ent = load().lookup(part)
    return ent is not None and ent.type == "PLACE" and ent.kind != "continent"


def _is_collection(part: str) -> bool:
    """Whether a part names a collection or series in words ("India Office Records",
    "Correspondance politique"): capitalised, a few words, no digits, no locator."""
    words = part.split()
    return (1 <= len(words) <= 6 and part[0].isupper() and bool(_PLAIN_PART.fullmatch(part))
            and not any(ch.isdigit() for ch in part) and not part.endswith("."))


def _archive_reference(name: str, rest: list[str]) -> Cit | None:
    """The reference that follows an archive's name, if `rest` reads as one:
    "[place, ][collection, ]REF[, ...][, fol. N]". REF is a reference code
    ("FO 371/22189"); after an institution's name ("Staatsarchiv Hamburg") any short
    parts with an archival mark (MS, Bd., Bl., box, ...) will do, and after initials
    ("MAE") parts that end in a folio.

    >>> _archive_reference("Archives nationales", ["Paris", "AJ/40/1"])["archive-place"]
    'Paris'
    >>> _archive_reference("OECD", ["Report 1990", "12"]) is None
    True
    """
    i = 0
    place = None
    if len(rest) > 1 and _is_place(rest[0]):
        place, i = rest[0], 1
    collection = None
    if len(rest) > i + 1 and _is_collection(rest[i]):
        collection, i = rest[i], i + 1
    tail = rest[i:]
    if not tail or not (is_reference_code(tail[0]) or _loose_reference(name, tail)):
        return None
    out: Cit = {"type": "archival", "archive": name}
    if place:
        out["archive-place"] = place
    if collection:
        out["archive_collection"] = collection
    out["archive_location"] = ", ".join(tail)
    vol = next((m for p in tail if (m := _VOLUME_PART.fullmatch(p.strip(" ."))) is not None),
               None)
    if vol:
        out["volume"] = vol.group("vol")
    # the locator follows the reference code; with none, the first part may be it ("box 3")
    loc = _unit_locator(tail[1:] if is_reference_code(tail[0]) else tail)
    if loc:
        out["locator"] = loc[0]
        if loc[1]:
            out["label"] = loc[1]
    return out


def _loose_reference(name: str, tail: list[str]) -> bool:
    """Whether parts with no reference code first still read as an archive's reference:
    a few short parts, with digits, no brackets, quotes or dates, and an archival mark
    after an institution ("111-1 Senat, Cl. VII Lit. Me No. 12, Bd. 3") or a folio at
    the end after capital initials ("Correspondance politique, Chine, vol. 12, f. 34")."""
    if len(tail) > 6 or not all(_PLAIN_PART.fullmatch(p) for p in tail):
        return False
    if any(_full_date(p) for p in tail) or not any(ch.isdigit() for ch in "".join(tail)):
        return False
    if is_institution(name):
        return any(_ARCHIVAL_MARK.search(p) for p in tail)
    folio = _unit_locator(tail[-1:])
    return bool(re.fullmatch(r"[A-Z]{2,}(?: [A-Z]{2,})?", name)) and len(tail) > 1 \
        and folio is not None and folio[1] == "folio"


def _held_in_archive(s: str) -> Cit | None:
    """A document cited by archive and reference code, anywhere in the world:
    "[description, date, ]Archive[, place][, collection], REF[, fol. N]".

    >>> c = _held_in_archive("Smith to Brown, 4 May 1911, Kent Record Office, U 12/3, fol. 7.")
    >>> c["archive"], c["archive_location"], c["locator"], c["title"], c["issued"]
    ('Kent Record Office', 'U 12/3, fol. 7', '7', 'Smith to Brown', '1911-05-04')
    >>> _held_in_archive("TNA, CAB 24/1.")["archive_location"]
    'CAB 24/1'
    >>> _held_in_archive("A. Pender, Harbours (London, 1932), 12.") is None
    True
    """
    parts = split_outside(s.rstrip(". "), ",")
    for j in range(len(parts) - 1):
        if is_archive_name(parts[j]):
            out = _archive_reference(parts[j], parts[j + 1:])
            if out is not None:
                break
    else:
        return None
    described = [p for p in parts[:j] if p]
    if len(described) == 1 and "archive-place" not in out and _is_place(described[0]):
        out["archive-place"] = described.pop()  # "Paris, Archives nationales, AJ/40/1"
    issued = _full_date(described[-1]) if described else None
    if issued:
        out["issued"] = issued
        described.pop()
    if described:
        out["title"] = ", ".join(described)
    return out


# Parliamentary debates: "HC Deb 12 May 1938 vol 335 cc1234–5" (the modern neutral form),
# "Hansard, 5th ser., vol. 335, col. 1234 (12 May 1938)", "Parl. Deb. (Lords), ..."
_HOUSES = {"C": "House of Commons", "L": "House of Lords"}
_DEBATES = re.compile(
    r"(?:^|(?<=,\s)|(?<=:\s)|(?<=\bin\s))(?P<head>(?P<hl>H\.?\s?(?P<h1>[CL])\.?)\s*Debs?\b\.?|Hansard\b|"
    r"Parl(?:iamentary|\.)?\s*Deb(?:ates|s)?\b\.?)"
    # the head is the whole name, not the first word of a title ("Hansard Reporting")
    r"(?=\s*(?:$|[,.;:(\d]|vol\b|[’']s\b))"
    r"(?:,?\s*\((?P<h2>Commons|Lords|H\.?\s?[CL]\.?)\))?")
_SERIES_NO = re.compile(r"\b(?P<n>\d+)\s*(?:st|nd|rd|th|e|re|er)?\s+s[eé]r(?:ies|ie|\.)?")
_DEBATE_VOL = re.compile(r"\bvol\.?\s*(?P<v>[\dIVXLC]+)\b")
_DEBATE_COL = re.compile(r"\b(?:cols?\.?|cc?\.?)\s*(?P<c>\d+(?:\s*[-–—]\s*\d+)?[WS]?)\b")


def _debate(s: str) -> Cit | None:
    """A sitting of Parliament in Hansard, with its house, series, volume, column and day,
    as a CSL "hearing" (a session before an official body); a speech or subject named
    before the reference is its title.

    >>> _debate("HC Deb 12 May 1938 vol 335 cc1234–5.")
    {'type': 'hearing', 'authority': 'House of Commons', 'container-title': 'HC Deb', 'volume': '335', 'issued': '1938-05-12', 'locator': '1234–5', 'label': 'column'}
    >>> _debate("J. Hansard, Memoirs (London, 1900), vol. 2, 12.") is None
    True
    """
    m = _DEBATES.search(s)
    if m is None:
        return None
    rest = s[m.end():].strip(" .,")
    # brackets after the head may hold only the day ("(12 May 1938)"): any other
    # bracket is a book's imprint ("Hansard, Memoirs (London, 1900)")
    if any(not _full_date(b) for b in re.findall(r"\(([^()]*)\)", rest)):
        return None
    vol, col = _DEBATE_VOL.search(rest), _DEBATE_COL.search(rest)
    if vol is None and col is None:
        return None
    out: Cit = {"type": "hearing"}
    title = re.sub(r"\s+in$", "", s[:m.start()].strip(" ,:;."))
    if title:
        out["title"] = title
    named = re.search(r"\bHouse of (Commons|Lords)\b", rest)
    house = m.group("h1") or _house(m.group("h2") or (named.group(1) if named else None))
    if house:
        out["authority"] = _HOUSES[house]
    out["container-title"] = re.sub(r"\s*\(.*", "", m.group("head")).rstrip(",")
    series = _SERIES_NO.search(rest)
    if series:
        out["collection-number"] = series.group("n")
    if vol:
        out["volume"] = vol.group("v")
    day = _FULL_DATE.search(rest)
    issued = _full_date(day.group()) if day else None
    if issued:
        out["issued"] = issued
    if col:
        out["locator"] = re.sub(r"\s+", "", col.group("c"))
        out["label"] = "column"
    return out


def _house(word: str | None) -> str | None:
    """"Commons"/"H.C." -> "C", "Lords"/"H.L." -> "L"."""
    if not word:
        return None
    return "C" if word.startswith("C") or "C" in word[1:] else "L"


# Published series of diplomatic documents cited by their usual initials
_DOCUMENT_SERIES = {
    "FRUS": "Foreign Relations of the United States",
    "DBFP": "Documents on British Foreign Policy",
    "DGFP": "Documents on German Foreign Policy",
    "DDF": "Documents diplomatiques français",
    "ADAP": "Akten zur deutschen auswärtigen Politik",
    "DDI": "I documenti diplomatici italiani",
    "DDS": "Documents diplomatiques suisses",
    "BDFA": "British Documents on Foreign Affairs",
    "BD": "British Documents on the Origins of the War, 1898–1914",
    "GP": "Die Große Politik der europäischen Kabinette 1871–1914",
    "AAPD": "Akten zur Auswärtigen Politik der Bundesrepublik Deutschland",
    "DBPO": "Documents on British Policy Overseas",
    "DDB": "Documents diplomatiques belges",
    "DIA": "Documents on International Affairs",
    "DVP": "Dokumenty vneshnei politiki SSSR",
    "DVP SSSR": "Dokumenty vneshnei politiki SSSR",
    "NGB": "Nihon gaikō bunsho",
}
# a series named by its ordinal in words ("Second Series", "deuxième série", "settima serie")
_ORDINALS = {w: str(i) for ws in (
    "first second third fourth fifth sixth seventh eighth ninth tenth",
    "premier deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième",
    "prima seconda terza quarta quinta sesta settima ottava nona decima",
) for i, w in enumerate(ws.split(), 1)} | {"première": "1", "second": "2", "seconde": "2"}
_SERIES_WORD = r"(?:series|ser\.?|s[eé]rie|Serie|Reihe)"
_SERIES_NAMED = re.compile(
    rf"(?P<w>[^\W\d]+)\s+{_SERIES_WORD}|{_SERIES_WORD}\s*(?P<x>[A-Z]|\d+|[IVXLC]+)", re.I)
_PART = re.compile(r"(?:pt|part|Teil|Tl|partie)\.?\s*(?P<x>\d+|[IVXLC]+|[A-Z])", re.I)


def _series_number(part: str) -> str | None:
    """The series a part names, as it is numbered or lettered: "2nd ser." -> "2",
    "1re série" -> "1", "series D" / "Serie D" / "ser. E" -> "D" / "E", "Second Series" /
    "settima serie" -> "2" / "7". None for any other part.

    >>> [_series_number(p) for p in ("2nd ser.", "1re série", "series D", "ser. E",
    ...                              "Second Series", "settima serie", "Serie B", "vol. 2")]
    ['2', '1', 'D', 'E', '2', '7', 'B', None]
    """
    part = part.strip(" .")
    m = _SERIES_NO.fullmatch(part)
    if m:
        return m.group("n")
    m = _SERIES_NAMED.fullmatch(part)
    if m is None:
        return None
    if m.group("x"):
        return m.group("x").upper() if len(m.group("x")) == 1 else m.group("x")
    return _ORDINALS.get(m.group("w").lower())


_SERIES_PARTS = [
    ("year", re.compile(r"(?P<x>\d{4}(?:\s*[-–—]\s*\d{2,4})?)")),
    ("part-number", _PART),
    # a bare number is a page: only a roman one is a volume without "vol."
    ("volume", re.compile(r"(?:(?:vols?|Bd|t|tome)\.?\s*|(?=[IVXLC]+\b))(?P<x>(?:\d+|[IVXLC]+)(?:\s*,?\s*(?:pt|"
                          r"part|Teil|Tl)\.?\s*[\dIVX]+)?)(?::\s*(?P<vt>[^\d].*))?")),
    ("number", re.compile(r"(?:nos?|docs?|Dok|Nr|n°)\.?\s*(?P<x>\d+[\w\-–—]*)")),
    ("locator", re.compile(r"(?:pp?\.?\s*|S\.\s*)?(?P<x>\d+(?:\s*[-–—]\s*\d+)?)")),
]


def _year_span(s: str) -> str:
    """A year or a span of years as EDTF ("1930–39" -> "1930/1939").

    >>> _year_span("1938"), _year_span("1930–39"), _year_span("1919-1920")
    ('1938', '1930/1939', '1919/1920')
    """
    m = re.fullmatch(r"(\d{4})\s*[-–—]\s*(\d{2,4})", s)
    if not m:
        return s
    a, b = m.groups()
    return f"{a}/{a[:4 - len(b)]}{b}"


def _document_series(s: str) -> Cit | None:
    """A volume of a published series of documents ("FRUS, 1938, vol. III, pp. 123–5"),
    as a CSL "book"; a document cited in it ("Grew to Hull, 12 May 1938, FRUS, ...") is
    a "chapter" of it, dated to its day.

    >>> c = _document_series("FRUS, 1938, vol. III, pp. 123–5.")
    >>> c["type"], c["title"], c["title-short"], c["issued"], c["volume"], c["locator"]
    ('book', 'Foreign Relations of the United States', 'FRUS', '1938', 'III', '123–5')
    """
    parts = split_outside(s.rstrip(". "), ",")
    for i, p in enumerate(parts):  # "FRUS 1938": the series and its year in one part
        m = re.fullmatch(r"([A-Z]{3,5})\s+(\d{4}(?:\s*[-–—]\s*\d{2,4})?)", p)
        if m and m.group(1) in _DOCUMENT_SERIES:
            parts[i:i + 1] = [m.group(1), m.group(2)]
            break
    at = next((i for i, p in enumerate(parts) if p.rstrip(".") in _DOCUMENT_SERIES), None)
    if at is None or at == len(parts) - 1:
        return None
    abbr = parts[at].rstrip(".")
    found: dict[str, str] = {}
    for part in parts[at + 1:]:
        series = _series_number(part)
        if series is not None and "collection-number" not in found:
            found["collection-number"] = series
            continue
        for key, pat in _SERIES_PARTS:
            m = pat.fullmatch(part.strip(" ."))
            if m and key not in found:
                found[key] = _pages(m.group("x"))
                if key == "volume" and m.group("vt"):
                    found["volume-title"] = m.group("vt").strip()
                break
        else:
            # a volume's title in words ("The Soviet Union"), once, before any page
            if "volume-title" in found or "locator" in found or not _is_collection(part):
                return None  # a part the series' references do not have
            found["volume-title"] = part
    if len(abbr) < 3 and not ("volume" in found or "number" in found):
        return None  # two letters ("BD", "GP") are a series only with its volume or number
    out: Cit = {"type": "book", "title": _DOCUMENT_SERIES[abbr], "title-short": abbr}
    head = parts[:at]
    day = _full_date(head[-1]) if head else None
    if day:
        head = head[:-1]
    if head:
        out = {"type": "chapter", "title": ", ".join(head),
               "container-title": _DOCUMENT_SERIES[abbr], "title-short": abbr}
    if day or "year" in found:
        out["issued"] = day or _year_span(found["year"])
    for key in ("collection-number", "part-number", "volume", "volume-title", "number"):
        if key in found:
            out[key] = found[key]
    if "locator" in found:
        out["locator"] = found["locator"]
        out["label"] = "page"
    return out


_FULL_DATE = re.compile(rf"(?:{DAY})\s+{MONC}\s+\d{{4}}|{MONC}\s+(?:{DAY}),?\s+\d{{4}}")
_CONNECTOR = re.compile(r"of|the|and|de|des|du|la|le|di|&")


def _full_date(part: str) -> str | None:
    """The EDTF day of a part that is one full date ("12 Mar. 1921", "May 20, 1921")."""
    part = part.strip(" .")
    if not _FULL_DATE.fullmatch(part):
        return None
    found = find_dates(part)
    return found[0].value if len(found) == 1 and len(found[0].value) == 10 else None


def _title_case(s: str) -> bool:
    words = s.split()
    return 1 <= len(words) <= 7 and all(
        w[0].isupper() or _CONNECTOR.fullmatch(w) for w in words)


def _unquoted_before(out: Cit, before: str) -> None:
    """What stands before a periodical's name without quotation marks: its author when
    it reads as full names ("John Smith"), else the piece's title ("Editorial")."""
    if looks_like_names(before) and all(
            len(p.split()) > 1 for p in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", before) if p):
        out["author"] = parse_authors(before)
    else:
        out["title"] = before


def _is_letter(part: str) -> bool:
    """Whether a part reads "Sender to Recipient", both of them names."""
    m = re.fullmatch(r"(.+?) to (.+)", part)
    return bool(m) and looks_like_names(m.group(1)) and looks_like_names(m.group(2))


# a National Archives reference with its department's letters ("FO 371/1186", "F.O. 371/1")
_TNA_CODE = re.compile(r"((?:[A-Z]\.){1,4}|[A-Z]{1,4})\s*(\d+/\d+(?:/\d+)*)")


def _dated_item(s: str) -> Cit | None:
    """A citation whose date is a full day: a newspaper issue ("Western Gazette, 2 May
    1902, p. 4", with an article title and author before it if given), a letter ("Smith
    to Brown, 4 May 1911"), or another dated item ("Diary of J. Smith, 4 May 1911").

    >>> _dated_item("Western Gazette, 2 May 1902, p. 4.")
    {'type': 'article-newspaper', 'container-title': 'Western Gazette', 'issued': '1902-05-02', 'page': '4'}
    >>> _dated_item("Smith to Brown, May 4, 1911.")
    {'type': 'personal_communication', 'title': 'Smith to Brown', 'issued': '1911-05-04'}
    >>> _dated_item("A. Pender, Harbours (London, 1932), 12.") is None
    True
    """
    parts = split_outside(s.rstrip(". "), ",")
    # "May 4, 1911" spans a comma: join a month-and-day part with a year part after it
    for i in range(len(parts) - 1):
        if re.fullmatch(r"\d{4}", parts[i + 1]) and _full_date(f"{parts[i]}, {parts[i + 1]}"):
            parts[i:i + 2] = [f"{parts[i]}, {parts[i + 1]}"]
            break
    at = next((i for i, p in enumerate(parts) if i > 0 and _full_date(p)), None)
    if at is None:
        return None
    tail = parts[at + 1:]
    page = _locator(tail[0]) or (tail[0] if re.fullmatch(r"\d+(?:[-–]\d+)?", tail[0]) else None) \
        if len(tail) == 1 else None
    if tail and page is None:
        return None
    issued = _full_date(parts[at])
    head = parts[:at]
    m = re.fullmatch(r"([“\"].+?[”\"])\s*(\S.*)", head[-1])
    if m:  # the comma closing a quoted title is inside the quotation marks
        head[-1:] = [m.group(1), m.group(2)]
    out: Cit
    code = _TNA_CODE.fullmatch(head[0]) if len(head) > 1 else None
    if code and code.group(1).replace(".", "") in archives.TNA_DEPARTMENTS:
        # "FO 371/1186, no. 23456, Barclay to Grey, 2 Sept. 1911": a paper of the
        # National Archives cited by its department's reference alone
        ref = [f"{code.group(1).replace('.', '')} {code.group(2)}"]
        rest = head[1:]
        if rest and re.fullmatch(r"(?:no|No)\.\s*\d+", rest[0]):
            ref.append(rest.pop(0))
        out = {"type": "archival", "archive": "TNA", "archive_location": ", ".join(ref),
               "issued": issued}
        if rest:
            out["title"] = ", ".join(rest)
    elif len(head) == 1 and " to " in head[0]:
        out = {"type": "personal_communication", "title": head[0], "issued": issued}
    elif len(head) == 2 and _is_letter(head[0]):  # "Grey to Buchanan, The Hague, ..."
        out = {"type": "personal_communication", "title": ", ".join(head), "issued": issued}
    else:
        container = head[-1]
        quoted = [i for i, p in enumerate(head[:-1]) if p[:1] in "“\""]
        # "Times (London)": the place in brackets is no word of the name
        periodical = _title_case(re.sub(r"\s*\([^()]*\)", "", container)) and (
            bool(quoted) or page is not None or container.startswith("The ")
            or is_periodical(container))
        if not periodical:
            out = {"type": "manuscript", "title": ", ".join(head), "issued": issued}
        else:
            out = {"type": "article-newspaper"}
            if quoted:
                authors = ", ".join(head[:quoted[0]])
                if authors and looks_like_names(authors):
                    out["author"] = parse_authors(authors)
                out["title"] = ", ".join(head[quoted[0]:-1]).strip("“”\" ,.")
            elif len(head) > 1:  # "Editorial, The Times, ...": nothing before is dropped
                _unquoted_before(out, ", ".join(head[:-1]))
            out["container-title"] = container
            out["issued"] = issued
    if page:
        out["page"] = page
    return out


def expand_archive(c: Cit) -> Cit:
    """Add to an archival citation what its archive's abbreviation stands for (the table
    in `archives`): ``archive-name`` (the full name in its own language, romanised),
    ``archive-name-en`` (the English name, when it differs), ``record-group`` (the
    department, record group or series the reference code names: "FO" -> Foreign
    Office) and ``archive-town`` (where the records are kept) when the citation gives
    no ``archive-place``. ``archive`` stays as cited and nothing the citation gave is
    changed: ``archive-place`` remains the place the citation names, so readers of the
    existing fields see what they saw. (CSL 1.0.2 has ``archive``, ``archive-place``,
    ``archive_collection``, ``archive_location`` and ``call-number`` but no variable for
    an archive's short name; ``archive`` keeps the form cited, which the gold and the
    op. cit. lookup compare, and the expansions are added as fields of their own.)

    >>> c = expand_archive({"type": "archival", "archive": "RGAE", "archive_location": "f. 1"})
    >>> c["archive-name"], c["archive-name-en"], c["archive-town"]
    ('Rossiiskii gosudarstvennyi arkhiv ekonomiki', 'Russian State Archive of the Economy', 'Moscow')
    >>> expand_archive({"type": "archival", "archive": "Kent Record Office"})
    {'type': 'archival', 'archive': 'Kent Record Office'}
    """
    name = c.get("archive")
    location = str(c.get("archive_location") or "")
    arch = archives.lookup(name, location, str(c.get("archive-place") or "")) \
        if c.get("type") == "archival" and isinstance(name, str) else None
    if arch is None:
        return c
    if arch.name != name:
        c.setdefault("archive-name", arch.name)
    if arch.en not in (name, arch.name):
        c.setdefault("archive-name-en", arch.en)
    group = archives.record_group(arch, location)
    if group:
        c.setdefault("record-group", group)
    town = archives.place_of(arch, location)
    if town and not c.get("archive-place"):
        c.setdefault("archive-town", town)
    return c


def _same_archive(part: str, before: Cit) -> Cit | None:
    """A bare reference code after an archive's citation in the same note is held in that
    archive ("TNA, FO 371/1, f. 2; FO 371/3, f. 4").

    >>> _same_archive("FO 371/3, f. 4.", {"type": "archival", "archive": "TNA"})["locator"]
    '4'
    """
    if before.get("type") != "archival" or "fond" in before or not before.get("archive"):
        return None
    parts = split_outside(tidy(part).rstrip(". "), ",")
    if not is_reference_code(parts[0]):
        return None
    out = _archive_reference(before["archive"], parts)
    if out is not None and before.get("archive-place"):
        out["archive-place"] = before["archive-place"]
    return out


def parse_note(text: str, n: str, prev: Cit | None = None,
               history: list[Cit] | None = None) -> list[Cit]:
    """All citations of footnote `n`. Ibid. is resolved against the citation before it
    (`prev`, or the last of `history`, all the document's earlier citations); op. cit.
    and loc. cit. against `history` (or `prev`), and with `history` given a repeated
    citation's ``repeats`` is the index of the one it repeats in `history` followed by
    this note's citations."""
    seen = list(history) if history is not None else ([prev] if prev else [])
    out = []
    for part in split_citations(tidy(text)):
        c = parse_citation(part, None, seen)
        if c is None and out:
            c = _same_archive(part, out[-1])
            if c is not None:
                c = expand_archive(c)
        if c is None:
            continue
        if history is None:
            c.pop("repeats", None)  # an index into `seen` would mean nothing to the caller
        c["note"] = n
        out.append(c)
        seen.append(c)
    return out


@stage("extract.citations")
def extract_citations(doc: Document) -> Document:
    """Parse every footnote's citations into doc.citations (in note order); a repeated
    citation (Ibid., op. cit., loc. cit.) names the index of the one it repeats."""
    doc.citations = []
    for note in doc.notes:
        doc.citations.extend(parse_note(doc.note_view(note).text, note.n, None, doc.citations))
    return doc
