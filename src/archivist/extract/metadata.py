"""Document metadata: title, author/signatory, date, identifiers, page, document type.

Keys a previous stage set (layout sets ``page`` and may set ``running_title``) are
never overwritten. The title is an all-capitals heading near the top of the body,
put in sentence case with the names in it spelled as the document usually spells
them; the author comes from a "From X's Diary/Papers" line or a closing signature.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..layout.paragraphs import CLOSING_FORMULA
from ..model import Document
from ..pipeline import stage
from .dates import MONTHS, WEEKDAYS, document_date
from .rules import TITLE_WORDS, TITLES

_IDENT = re.compile(
    r"\b(?P<pre>(?:Def(?:ense|ence)?\.?|Pros(?:ecution)?\.?|IPS)\s*)?"
    r"(?P<doc>Doc(?:ument)?\.?)\s*(?:No\.?\s*)?(?P<hash>#)?\s*(?P<num>\d+[A-Z]?)\b"
    r"|\b(?P<exh>Exhibit)\s+(?:No\.?\s*)?(?P<exnum>\d+[A-Z]?)\b")
_SOURCE = re.compile(
    r"^From (?:the )?(?P<who>[A-Z][\w.\s'’\-]+?)['’]s\s+(?P<what>Diary|Papers|Notes|Notebooks?|"
    r"Journal|Files|Archive|Correspondence|Memoirs)\b.*$", re.M)
# a security or handling marking at the head of an official paper ("CONFIDENTIAL.",
# "Most Secret", "Strictly Personal and Confidential"): metadata, never the title. It
# opens with a capital: a line of wrapped prose may begin "immediate, and ..."
_CLASSIFICATION = re.compile(
    r"^[ \t]*(?P<mark>(?=(?-i:[A-Z]))(?:(?:Strictly|Most|Top|Very)\s+)?"
    r"(?:Secret|Confidential|Private|Personal|Urgent|Immediate|Restricted)"
    r"(?:\s+(?:and|&)\s+(?:Secret|Confidential|Personal|Private|Urgent|Immediate))?)"
    r"\b\.?(?=[ \t]*$|[ \t]{2,}|[ \t]*[-–—,;:])", re.I | re.M)
# a closing formula of a letter or despatch, after which the writer signs
_CLOSING = re.compile(rf"\b{CLOSING_FORMULA}\s*[,.]?", re.I)
# how far from the end of the body a closing formula may stand (an address block,
# enclosures and copy lists follow it)
_CLOSING_REACH = 800
# what may stand between the closing formula and the name: "(Sgd.)", "(Signed)"
_SIGNED = re.compile(r"\s*(?:\(\s*(?:Sgd|Signed|Sd|sgd|signed)\.?\s*\)|(?:Sgd|Signed)\.?:?)?\s*")
# a signature: initials and a surname ("V. WELLESLEY", "J. A. Smith", "John Smith")
_SIGNATURE = re.compile(
    r"(?P<name>(?:[A-Z]\.\s*){1,3}[A-Z][A-Za-z'’\-]+|[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+"
    r"[A-Z][A-Za-z'’\-]+)(?=\s*[.,]?\s*(?:\n|$))")
# the routing lines at the head of a memorandum or telegram: "From: X", "To: Y",
# "FROM  BRITISH LEGATION CAIRO      TO  FOREIGN OFFICE" (one line), "Subject: Z"
_ROUTE_ONE_LINE = re.compile(
    r"^[ \t]*(?:FROM|From)[ \t]*:?[ \t]+(?P<frm>\S.*?)[ \t]{2,}(?:TO|To)[ \t]*:?[ \t]+"
    r"(?P<to>\S.*?)[ \t]*$", re.M)
_ROUTE_KEY = r"FROM|From|TO|To|SUBJECT|Subject|Subj\."
_ROUTE_FIELD = re.compile(
    rf"^[ \t]*(?P<key>{_ROUTE_KEY}|RE|Re)[ \t]*:[ \t]*(?P<val>\S.*?)[ \t]*$", re.M)
# a line opening with a routing field, and another field's key inside it
_JOINED_ROUTE = re.compile(rf"^[ \t]*(?:{_ROUTE_KEY})[ \t]*:.*$", re.M)
_FIELD_IN_LINE = re.compile(rf"(?<=\S)[ \t]+(?=(?:{_ROUTE_KEY})[ \t]*:[ \t]*\S)")
# the signer's mark before a typed name at the foot of a paper ("(Sgd.) J. SMITH")
_SIGNED_MARK = re.compile(r"\(\s*(?:Sgd|Signed|Sd)\.?\s*\)\s*$", re.I)
# words that join the parts of a name and stay in lower case in a title
_NAME_JOINS = frozenset({"of", "the", "and", "for", "de", "von", "van", "la", "le", "du"})
DOCTYPES = [
    ("record of conversation", re.compile(r"\bRECORD OF (?:A |THE )?CONVERSATION|"
                                          r"\bMEMORANDUM OF (?:A |THE )?CONVERSATION", re.I)),
    ("telegram", re.compile(r"\b(?:TELEGRAM|CABLEGRAM)\b", re.I)),
    ("memorandum", re.compile(r"\bMEMORANDUM\b", re.I)),
    ("minutes", re.compile(r"\bMINUTES OF\b", re.I)),
    ("report", re.compile(r"\bREPORT (?:ON|OF|TO)\b", re.I)),
    ("letter", re.compile(r"^(?:My )?Dear (?:Sir|Mr|Madam|[A-Z])", re.M)),
    ("diary entry", re.compile(r"\bDIARY\b", re.I)),
]


def identifiers(doc: Document) -> list[str]:
    """Document identifiers ("Pros. Doc. #2213") from furniture and text, normalised.

    Spacing variants of one identifier ("Pros. Doc. # 2213") are one identifier.
    """
    seen: dict[str, str] = {}
    texts = [f.text for f in doc.furniture] + [doc.original]
    for t in texts:
        for m in _IDENT.finditer(t):
            if m.group("exh"):
                ident = f"Exhibit {m.group('exnum')}"
            else:
                pre = re.sub(r"\s+", " ", m.group("pre") or "").strip()
                if not pre and not m.group("hash"):
                    continue  # a bare "Doc. 5" in prose is not an identifier of this page
                ident = f"{pre} Doc. {'#' if m.group('hash') else 'No. '}{m.group('num')}"
                ident = ident.strip()
            seen.setdefault(re.sub(r"\W", "", ident).lower(), ident)
    return list(seen.values())


def heading(text: str, limit: int = 600) -> tuple[int, int] | None:
    """Span of an all-capitals heading (one or more lines) near the top of `text`.

    >>> t = "From X\\n\\nRECORD OF A TALK WITH SMITH\\nOF MAY 3, 1936.\\n\\nI said"
    >>> s, e = heading(t); t[s:e]
    'RECORD OF A TALK WITH SMITH\\nOF MAY 3, 1936.'
    >>> heading("SECRET.          Z 123/45/6\\n\\nDear Sir, I write") is None
    True
    """
    pos = 0
    paras = text[:limit].split("\n\n")
    for k, para in enumerate(paras):
        s = text.find(para, pos)
        pos = s + len(para)
        if _ROUTE_ONE_LINE.match(para) or _ROUTE_FIELD.match(para):
            continue  # "FROM X   TO Y": who sent it to whom, no title
        if _caps_heading(para, 3):
            st = s + len(para) - len(para.lstrip())
            end = s + len(para.rstrip())
            # "CONVENTION" / "BETWEEN NORWAY AND ...": the next heading continues it
            nxt = paras[k + 1] if k + 1 < len(paras) else ""
            if _TITLE_GOES_ON.match(nxt) and _caps_heading(nxt, 2):
                end = text.find(nxt, pos) + len(nxt.rstrip())
            return st, end
        if k == 0 and _caps_heading(para, 1) and k + 1 < len(paras) \
                and _TITLE_GOES_ON.match(paras[k + 1]) and _caps_heading(paras[k + 1], 2):
            nxt = paras[k + 1]
            st = s + len(para) - len(para.lstrip())
            return st, text.find(nxt, pos) + len(nxt.rstrip())
    return None


# a heading line that continues the one above ("TREATY OF PEACE" / "BETWEEN ...")
_TITLE_GOES_ON = re.compile(
    r"\s*(?:BETWEEN|CONCERNING|RESPECTING|REGARDING|RELATING|FOR THE|ON THE|OF THE)\b")
# the handling words of a telegram's or file's heading line ("NO 214  SECRET  IMMEDIATE")
_MARKING_WORDS = frozenset({"NO", "SECRET", "CONFIDENTIAL", "IMMEDIATE", "URGENT", "PRIORITY",
                            "RESTRICTED", "PERSONAL", "PRIVATE", "MOST", "TOP", "EMERGENCY",
                            "CLEAR", "CYPHER", "CIPHER", "DECYPHER", "EN", "FILE", "REF"})
_TELEGRAM_STOP = re.compile(r"\w[ \t]+STOP\b")
# a title is a heading, not a page of text in capitals (a telegram's body)
_MAX_TITLE_WORDS = 30


def _caps_heading(para: str, min_words: int) -> bool:
    """Whether a paragraph is a heading in capitals of `min_words` or more words (and
    at most `_MAX_TITLE_WORDS`); a security marking and reference codes do not count.

    >>> _caps_heading("CONVENTION", 1), _caps_heading("CONVENTION", 3)
    (True, False)
    >>> _caps_heading("YOUR TELEGRAM NO 12 " + "STOP WE AGREE " * 12, 3)
    False
    >>> _caps_heading("NO 214     231845Z     SECRET     IMMEDIATE", 1)
    False
    """
    if _TELEGRAM_STOP.search(para):
        return False  # a telegram's text, its sentences ended by "STOP"
    words = [w for w in _CLASSIFICATION.sub(" ", para).split()
             if not any(c.isdigit() for c in w)  # reference codes are no title
             and w.strip(".,:;").upper() not in _MARKING_WORDS]
    letters = [c for c in " ".join(words) if c.isalpha()]
    return min_words <= len(words) <= _MAX_TITLE_WORDS and len(letters) >= 5 * min_words \
        and sum(c.isupper() for c in letters) / len(letters) > 0.9


def sentence_case(text: str, names: dict[str, str]) -> str:
    """"RECORD OF A TALK WITH SMITH OF MAY 3, 1936." -> "Record of a talk with Smith of
    May 3, 1936" (`names` maps an upper-case word to its usual spelling).

    >>> sentence_case("RECORD OF A TALK WITH SMITH\\nOF MAY 3, 1936.", {"SMITH": "Smith"})
    'Record of a talk with Smith of May 3, 1936'
    >>> sentence_case("REPORT ON FILE F 4521/12/10", {})
    'Report on file F 4521/12/10'
    >>> sentence_case("THE COURIER, SATURDAY, OCTOBER 14, 1899.", {})
    'The Courier, Saturday, October 14, 1899'
    >>> sentence_case("TELEGRAM FROM THE BRITISH MINISTER", {})
    'Telegram from the British minister'

    A word no English word list knows is a name and keeps its capital, and a
    newspaper's name at the head keeps the capitals of all its words:

    >>> sentence_case("THE FENMOUTH ADVERTISER, SATURDAY, MARCH 4, 1871.", {})
    'The Fenmouth Advertiser, Saturday, March 4, 1871'
    >>> sentence_case("NOTE ON THE TRADE OF QUARNSEY", {})
    'Note on the trade of Quarnsey'
    """
    from ..lexicon import zipf

    text = re.sub(r"\s+", " ", text).strip()
    if not re.search(r"\b(?:[A-Z]\.){2,}$", text):
        text = text.rstrip(".")
    words = text.split(" ")
    paper = _newspaper_name(words)
    out = []
    for i, w in enumerate(words):
        core = w.strip(",.;:")
        if i < paper and core.isalpha():
            nw = w.replace(core, core.capitalize() if core.lower() not in _NAME_JOINS
                           or i == 0 else core.lower())
        elif core.upper() in names:
            nw = w.replace(core, names[core.upper()])
        elif (core.lower() in MONTHS or core.lower() in WEEKDAYS) \
                and not core.endswith(".") and len(core) >= 3:
            nw = w.replace(core, core.capitalize())
        elif core.capitalize() in _proper_adjectives():
            nw = w.replace(core, core.capitalize())  # "the British minister"
        elif re.fullmatch(r"(?:[A-Z]\.)+[A-Z]\.?", core) or _is_code(core) \
                or (len(core) == 1 and i + 1 < len(words)
                    and _is_code(words[i + 1].strip(",.;:"))):
            nw = w  # initials, and reference codes ("F 4521/12/10") keep their case
        elif core.isalpha() and len(core) >= 3 and zipf(core.lower()) < UNKNOWN_ZIPF:
            nw = w.replace(core, core.capitalize())  # a name: "Quarnsey"
        else:
            nw = w.lower()
            if i == 0:
                nw = nw[:1].upper() + nw[1:]
        out.append(nw)
    return " ".join(out)


UNKNOWN_ZIPF = 1.5  # rarer than this in English: a name, not a word of the title

# the last word of a newspaper's name ("The Fenmouth Advertiser")
NEWSPAPER_WORDS = frozenset(
    "advertiser gazette times chronicle herald courier post mercury observer standard "
    "journal register intelligencer telegraph express mail news guardian tribune "
    "examiner recorder packet argus echo leader clarion sentinel spectator".split())


def _newspaper_name(words: list[str]) -> int:
    """How many words at the head of a title are a newspaper's name: up to the first
    comma, 2-6 words ending in a newspaper word, with no preposition among them
    ("THE FENMOUTH ADVERTISER,", not "REPORT ON THE MAIL"); 0 if none.

    >>> _newspaper_name("THE FENMOUTH ADVERTISER, SATURDAY".split())
    3
    >>> _newspaper_name("REPORT ON THE MAIL".split()), _newspaper_name(["TIMES"])
    (0, 0)
    """
    for i, w in enumerate(words[:6]):
        core = w.strip(",.;:").lower()
        if core in _PREPOSITIONS or (core == "the" and i > 0):
            return 0
        if w.endswith(",") or i == len(words) - 1:
            return i + 1 if i >= 1 and core in NEWSPAPER_WORDS else 0
    return 0


_PREPOSITIONS = frozenset("on of to for from in by with about at and upon".split())


# words of the capitalised-words list an English sentence writes in lower case when
# they are not names ("the white army", "an imperial decree", "western powers")
_LOWER_IN_SENTENCES = frozenset({
    "White", "Red", "Western", "Eastern", "Northern", "Southern", "Imperial", "Allied",
    "Allies", "Oriental", "Pacific", "Communist", "Communists", "Socialist", "Fascist",
    "Tsarist", "Marxist", "Entente", "Axis"})


# the list's titles and reference words, which are no adjectives
_NOT_ADJECTIVES = frozenset({"Mr", "Mrs", "Ms", "Esq", "Messrs", "I", "Copy", "Ibid", "Ibidem",
                             "See", "Cf", "Vol", "No", "Nos", "Doc", "Def", "Exhibit"})


@lru_cache(maxsize=1)
def _proper_adjectives() -> frozenset[str]:
    """Nationalities, peoples and faiths English always capitalises ("British",
    "Japanese", "Catholic"): the gazetteer's list of capitalised words that are no
    names, without its months and days (handled apart) and its ordinary adjectives.

    >>> {"British", "Japanese"} <= _proper_adjectives(), "White" in _proper_adjectives()
    (True, False)
    """
    from importlib import resources

    path = resources.files("archivist") / "data" / "gazetteer" / "common_caps.txt"
    words = {w for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for w in line.split()}
    titles = set(TITLES.split("|")) | _NOT_ADJECTIVES
    return frozenset(w for w in words if w not in _LOWER_IN_SENTENCES and w not in titles
                     and w.lower() not in MONTHS and w.lower() not in WEEKDAYS)


def _is_code(word: str) -> bool:
    """Whether a word with digits is (part of) a reference code ("4521/12/10", "F7"), not
    a number, ordinal, decade or measure written in capitals ("2ND", "1920S", "12-INCH").

    >>> [_is_code(w) for w in ("4521/12/10", "F7", "2ND", "1920S", "12-INCH", "SMITH")]
    [True, True, False, False, False, False]
    """
    return any(c.isdigit() for c in word) and not re.fullmatch(
        r"\d+(?:ST|ND|RD|TH|S|['’]S)?(?:-[A-Z]+)*", word, re.I)


def _usual_spellings(doc: Document) -> dict[str, str]:
    """Upper-case form of every mention -> the entity's commonest mixed-case spelling."""
    by_entity: dict[str, Counter] = {}
    for m in doc.mentions:
        if not m.text.isupper():
            by_entity.setdefault(m.entity, Counter())[m.text] += 1
    out: dict[str, str] = {}
    kinds = {e.id: e.type for e in doc.entities}
    for m in doc.mentions:
        c = by_entity.get(m.entity)
        if c:
            best = c.most_common(1)[0][0]
            out[m.text.upper()] = best
        # each word of a name as the name spells it; one only ever printed in capitals
        # ("MARGARET ELLINGHAM") capitalised; the joining words ("of", "the") left to
        # the sentence (a title opens with "The")
        if not c and kinds.get(m.entity) not in ("PERSON", "PLACE"):
            continue  # a heading spaCy took whole for a work or a body is no name
        for w in (c.most_common(1)[0][0] if c else m.text).split():
            if w.lower() not in _NAME_JOINS and w[:1].isupper():
                out.setdefault(w.upper(), w if not w.isupper() else w.capitalize())
    return out


def classification(text: str, limit: int = 400) -> str | None:
    """The security or handling marking at the head of a paper, in sentence case.

    >>> classification("CONFIDENTIAL.        F 12/3\\n\\nFOREIGN OFFICE")
    'Confidential'
    >>> classification("MOST SECRET\\nTELEGRAM")
    'Most secret'
    >>> classification("The secret was kept.\\nHe said nothing") is None
    True
    >>> classification("Private   Alfred Quenby, wounded") is None  # a rank in a list
    True
    """
    m = None
    for m in _CLASSIFICATION.finditer(text[:limit]):
        rest = text[m.end():].split("\n", 1)[0].strip()  # the rest of its line
        if not rest or rest[0] in "-–—,;:" or m.group().endswith(".") \
                or m.group("mark").isupper():
            break  # a marking alone, or set off by capitals or a stop before the file number
        m = None
    if not m:
        return None
    mark = re.sub(r"\s+", " ", m.group("mark"))
    return mark[:1].upper() + mark[1:].lower()


def closing_signature(text: str) -> str | None:
    """The name signed after a letter's closing formula ("I am, Sir, Your obedient
    Servant, (Sgd.) V. WELLESLEY."), however much (an address block) follows it.

    >>> closing_signature("I am, Sir,\\nYour obedient Servant,\\n(Sgd.) R. T. ASHBY.\\n\\nMr. Hale")
    'R. T. ASHBY'
    >>> closing_signature("Yours sincerely,\\nMargaret Ellery\\n")
    'Margaret Ellery'
    >>> closing_signature("Yours faithfully, and the rest of the letter went on") is None
    True
    """
    found = None
    tail = max(0, len(text) - _CLOSING_REACH)  # a letter quoted higher up is not this one
    for m in _CLOSING.finditer(text, tail):
        found = m
    if found is None:
        return None
    after = _SIGNED.match(text, found.end())
    pos = after.end() if after else found.end()
    m = _SIGNATURE.match(text, pos)
    if m is None:
        return None
    name = m.group("name").strip()
    words = name.replace(".", ". ").split()
    if words[0] in _NOT_SIGNED_FIRST or words[-1] in _OFFICES:
        return None  # "The Secretary", "Harbour Master": an office, no name
    if re.match(r"(?:[A-Z]\.\s*)+", name):
        return name  # initials make a person of a surname a town shares ("J. Wellsby")
    from .gazetteer import load

    ent = load().lookup(name)
    return None if ent is not None and ent.type != "PERSON" else name  # "New York"


# words that open no signed name ("The Secretary", "Dear Sir", "Your Excellency"), and
# offices signed in place of a name
_NOT_SIGNED_FIRST = frozenset({"The", "A", "An", "Dear", "Your", "His", "Her", "Our", "My",
                               "For", "Acting", "Sir", "Madam"})
_OFFICES = TITLE_WORDS | frozenset({
    "Master", "Clerk", "Agent", "Commissioner", "Director", "Manager", "Chairman",
    "Treasurer", "Officer", "Superintendent", "Inspector", "Resident", "Editor",
    "Registrar", "Attorney", "Solicitor", "Sir", "Madam", "Excellency"})


def signatory(doc: Document) -> str | None:
    """A PERSON named alone at the very end of the body ("... Karakhan. Copy"), or the
    name signed after a closing formula ("Yours faithfully, J. Smith")."""
    text = doc.text
    closing = closing_signature(text)
    if closing:
        return closing
    tail = len(text) - 80
    persons = {e.id for e in doc.entities if e.type == "PERSON"}
    for m in reversed([m for m in doc.mentions if m.where == "text"]):
        if m.start < tail:
            break
        if m.entity in persons and re.match(r"\s*[.,]?\s*(?:\w+\.?)?\s*$", text[m.end:]) \
                and (re.search(r"[.!?\n]\s*$", text[:m.start])
                     or _SIGNED_MARK.search(text[max(0, m.start - 20):m.start])):
            return m.text
    # a bare surname the NER did not tag: it must be the surname of a person found
    m2 = re.search(r"(?:^|[.!?]\s+)([A-Z][a-z]+)\.\s*(?:\w+\.?)?\s*$", text[-80:])
    if m2:
        surnames = {v.split()[-1] for e in doc.entities if e.type == "PERSON"
                    for v in e.variants if v.split()}
        surnames = {re.sub(r"['’]s$", "", s) for s in surnames}
        if m2.group(1) in surnames:
            return m2.group(1)
    return None


def doc_type(doc: Document, head: str) -> str | None:
    top = head + "\n" + doc.text[:600]
    for name, pat in DOCTYPES:
        if pat.search(top):
            return name
    if doc.notes and any(f.type == "pageNum" for f in doc.furniture):
        return "book page"
    return None


@stage("extract.metadata")
def extract_metadata(doc: Document) -> Document:
    """Fill title, author, source, date, identifiers, page and type (never overwriting)."""
    md = doc.metadata
    text = doc.text
    d = document_date(doc)
    if d:
        md.setdefault("date", d)
    ids = identifiers(doc)
    if ids:
        md.setdefault("identifiers", ids)
    if "page" not in md:
        pn = next((f.text.strip() for f in doc.furniture if f.type == "pageNum"), None)
        if pn:
            md["page"] = pn
    mark = classification(text)
    if mark:
        md.setdefault("classification", mark)
    if "running_title" not in md:
        rt = next((f.text.strip() for f in doc.furniture
                   if f.type == "header" and not _IDENT.search(f.text)), None)
        if rt:
            md["running_title"] = rt
    route = routing(text)
    if "subject" in route:
        md.setdefault("title", route["subject"])
    h = heading(text)
    head = ""
    if h:
        head = text[h[0]:h[1]]
        md.setdefault("title", sentence_case(head, _usual_spellings(doc)))
    m = _SOURCE.search(text[:600])
    if m:
        md.setdefault("source", m.group(0).strip())
        md.setdefault("author", m.group("who").strip())
    sig = signatory(doc)
    if sig:
        md.setdefault("author", sig)
        md.setdefault("signatory", sig)
    place = signing_place(text)
    if place:
        md.setdefault("place", place)
    if "author" not in md and doc_type(doc, head) == "telegram":
        signer = telegram_signer(text)
        if signer:
            md["author"] = md["signatory"] = signer
    if "from" in route:  # the office it comes from; the author when no one signs
        md.setdefault("sender", route["from"])
        md.setdefault("author", route["from"])
    if "to" in route:
        md.setdefault("recipient", route["to"])
    t = doc_type(doc, head)
    if t:
        md.setdefault("type", t)
    return doc


def telegram_signer(text: str) -> str | None:
    """The name a telegram ends with, alone on its last line ("... STOP\\n\\nLAMPSON"):
    one or two words in capitals that are no common words ("ENDS", "MESSAGE").

    >>> telegram_signer("REPEATED TO ROME STOP\\n\\nHENDERSON\\n")
    'HENDERSON'
    >>> telegram_signer("REPEATED TO ROME STOP\\n\\nMESSAGE ENDS\\n") is None
    True
    """
    from ..lexicon import zipf

    last = text.rstrip().rsplit("\n", 1)[-1].strip().rstrip(".")
    words = last.split()
    if not 1 <= len(words) <= 2 or not all(re.fullmatch(r"[A-Z][A-Z'’\-]{2,}", w) for w in words):
        return None
    if any(zipf(w.lower()) >= 4.0 for w in words):
        return None
    return last


# the formula opens its line: inside a sentence it tells where something else was made
# ("the saws were Made in Solingen, where ...")
_DONE_AT = re.compile(
    r"^[ \t]*(?:Done|Signed|Given|Made)\s+(?:at|in)\s+"
    r"(?P<place>[A-Z][\w'’\-]+(?:[ \t]+[A-Z][\w'’\-]+)?)\s*,", re.M)


def signing_place(text: str, reach: int = 800) -> str | None:
    """Where a treaty or deed says it was signed, at its foot ("Done at Geneva, in
    duplicate, ...").

    >>> signing_place("Article 9. ...\\n\\nDone at The Hague, in triplicate, this day.")
    'The Hague'
    >>> signing_place("It was done at great cost, he said.") is None
    True
    >>> signing_place("The saws were Made in Solingen, where the works stood.") is None
    True
    """
    found = None
    for m in _DONE_AT.finditer(text, max(0, len(text) - reach)):
        found = m
    return found.group("place") if found else None


def routing(text: str, limit: int = 600) -> dict[str, str]:
    """The sender, addressee and subject a memorandum or telegram states at its head
    ("From: ...", "To: ...", "Subject: ...", or "FROM X    TO Y" on one line), as written
    (capitals in sentence case would lose the names), without a closing full stop.

    >>> routing("MEMO\\n\\nTo: The Director\\nFrom: Controller, Mines\\nSubject: Coal.\\n\\n1. The")
    {'to': 'The Director', 'from': 'Controller, Mines', 'subject': 'Coal'}
    >>> routing("FROM  CONSUL ODESSA        TO  EMBASSY MOSCOW\\n\\nYOUR 12")
    {'from': 'CONSUL ODESSA', 'to': 'EMBASSY MOSCOW'}
    >>> routing("He came from Paris.\\nTo his surprise it rained.")
    {}
    >>> routing("MEMO\\n\\nFrom: The Director To: The Minister Subject: Coal\\n\\n1. The")
    {'from': 'The Director', 'to': 'The Minister', 'subject': 'Coal'}
    """
    # short routing lines that paragraph joining ran into one ("From: X To: Y Subject:
    # Z") are split again at each field's key, on a line that opens with a field
    head = _JOINED_ROUTE.sub(lambda m: _FIELD_IN_LINE.sub("\n", m.group()), text[:limit])
    out: dict[str, str] = {}
    m = _ROUTE_ONE_LINE.search(head)
    if m:
        out["from"], out["to"] = m.group("frm"), m.group("to")
    for f in _ROUTE_FIELD.finditer(head):
        key = f.group("key").lower().rstrip(".")
        key = "subject" if key in ("subj", "re") else key
        val = f.group("val").rstrip(" .")
        if val:
            out.setdefault(key, val)
    return out
