"""Long hypothesis runs against everything but repair/ (not part of the test suite).

    PYTHONPATH=src .venv/bin/python benchmarks/fuzz_outside_repair.py TARGET [N]

TARGET is one of:

* ``layout``  random multi-page texts (form feeds, running heads, page numbers,
  footnote blocks with restarting numbers, superscript markers, odd line ends)
  through the layout stages; invariants: edits inside and quoting ``original``,
  never partly overlapping, notes' windows inside the text, one view per note,
  linked markers gone from the reading text, no form feed in the text, every
  ``View.edit`` span inside its view;
* ``lineends`` the same texts with CR or CRLF line ends instead of LF: the same
  furniture, notes and paragraphs, offsets into the untouched original;
* ``full``    the same texts through the whole pipeline, plus: mentions and dates
  quote their view, TEI well-formed and valid, JSON valid against the schema;
* ``hocr`` / ``alto``  structured OCR files with hostile attribute values and
  words: a Document or an InputError naming the file, never anything else;
* ``pdf``     byte mutations (cuts, flips, splices) of a small reportlab PDF;
* ``export``  the pipeline on texts of control characters, ``]]>``, U+FFFE/FFFF,
  combining marks... : TEI valid, JSON valid and round-tripping;
* ``tei``     hand-built documents with random entity ids and types, mention
  and date spans and citations: TEI well-formed and valid;
* ``search``  every indexed word of an odd text (ß, ligatures, marks, ½, ŉ) is
  found at its place, hits quote the text and highlight their snippet.

The query parser on hostile strings, on both backends, is a test with a knob:
``ARCHIVIST_FUZZ_EXAMPLES=1500 pytest tests/store/test_search_odd_text.py -k query_error``.

Repair and the model are fuzzed by their own property tests, scaled: ``make fuzz-repair
SCALE=30 SEED=1`` (``ARCHIVIST_FUZZ_SCALE=30 pytest -p no:cacheprovider
--hypothesis-seed=1 tests/repair tests/test_model.py tests/test_review_reversible.py ...``;
tests/conftest.py multiplies each @given test's max_examples by the scale).
"""

from __future__ import annotations

import html
import io
import json
import random
import sys
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests" / "layout"), str(ROOT / "tests" / "store")]

from archivist import model  # noqa: E402
from archivist.errors import InputError  # noqa: E402

N = int(sys.argv[2]) if len(sys.argv) > 2 else 300
FUZZ = settings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck),
                database=None)

# -- every View.edit span must lie inside its view ------------------------------------
_edit = model.View.edit


def _checked_edit(self, stage, cs, ce, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
    assert 0 <= cs <= ce <= len(self.text), ("clean span outside the view", stage, cs, ce)
    return _edit(self, stage, cs, ce, *a, **k)


model.View.edit = _checked_edit

# -- layout-like documents ----------------------------------------------------------
WORDS = st.sampled_from([
    "the", "The", "war", "treaty", "Moscow", "1933", "1,421", "7", "12", "said.", "said,",
    "Doc.", "No.", "p.", "ibid.", "Ibid.,", "”", "“", "(", ")", "-", "—", "to-", "day", "Ë", "ﬁ",
    "a", "of", "Page", "II", "iv", "\u00ad", "\t", "  ", "ü", "Ж", "\u200b", "\ufeff", "\u0301",
    "\ufffe", "\x07", "*", "†", "[3]", "¹", "²³", "⁴⁵⁶", ".⁷", "”⁸", "tons.12By"])
SUP = st.sampled_from(["", "", "¹", "²", "³", "⁴", "1", "2", "[1]", "*", "¹⁰", "\u2070"])


def body_line() -> st.SearchStrategy[str]:
    return st.tuples(st.lists(WORDS, max_size=12).map(" ".join), SUP,
                     st.sampled_from(["", ".", ",", "-", " "])).map("".join)


def note_line(n: int) -> st.SearchStrategy[str]:
    sup = "¹²³⁴⁵⁶⁷⁸⁹"[min(n, 9) - 1] if n >= 1 else "0"
    return st.tuples(st.sampled_from([str(n), sup, f"{n}.", f"{n})", f" {n}"]),
                     st.lists(WORDS, max_size=10).map(" ".join)).map(" ".join)


@st.composite
def page(draw: st.DrawFn, header: str) -> str:
    lines = [header] if draw(st.booleans()) else []
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["12", "- 3 -", "iv", "Page 7", "7", ""])))
    lines += draw(st.lists(body_line(), max_size=8))
    if draw(st.booleans()):
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(["____", "-----", "", "— — —"])))
        start = draw(st.integers(0, 5))
        for n in range(start, start + draw(st.integers(0, 4))):
            lines.append(draw(note_line(n)))
            if draw(st.booleans()):
                lines.append(draw(body_line()))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["12", "- 3 -", "iv", "FOOT", header])))
    nl = draw(st.sampled_from(["\n", "\n", "\r\n", "\n\n", "\r", "\u2028", "\x85", "\x0b"]))
    return nl.join(lines)


@st.composite
def document(draw: st.DrawFn) -> str:
    header = draw(st.sampled_from(["THE BORDER WAR", "Chapter 1", "12 JOURNAL", "¹ odd", ""]))
    pages = draw(st.lists(page(header), min_size=1, max_size=5))
    sep = draw(st.sampled_from(["\f", "\n\f", "\f\n", "\n\f\n"]))
    return sep.join(pages) + draw(st.sampled_from(["", "\n", "\f", " end."]))


def check_layout(doc: model.Document, text: str) -> None:
    model.check_edits(doc.original, doc.edits)
    assert doc.original == text.removeprefix("\ufeff")
    t = doc.text
    assert "\f" not in t
    for f in doc.furniture:
        assert doc.original[f.start:f.end] == f.text, f
    assert len({f"note:{n.n}" for n in doc.notes}) == len(doc.notes), "two notes, one name"
    body = doc.body_view()
    for n in doc.notes:
        assert 0 <= n.start <= n.end <= len(doc.original), n
        a = doc.note_anchor(n)
        assert a is None or 0 <= a <= len(t), (n, a)
        if n.marker_start is not None:
            assert not (n.start <= n.marker_start < n.end), n
            kept = [i for i, o in enumerate(body.orig[:-1])
                    if n.marker_start <= o < n.marker_end and body.edit_of[i] == -1]
            assert not kept, ("marker still in the text", n)
        doc.note_view(n)
    for p in doc.pages():
        assert 0 <= p["start"] <= p["end"] <= len(t), p
    for p in doc.paragraphs():
        assert 0 <= p["start"] < p["end"] <= len(t)
    json.dumps(doc.to_json())


def check_export(doc: model.Document) -> None:
    from lxml import etree

    from archivist.export.tei import to_tei, validate
    from archivist.schema import validate_document

    xml = to_tei(doc)
    etree.fromstring(xml.encode())
    errors = validate(xml)
    assert not errors, errors[:3]
    j = doc.to_json()
    validate_document(j)
    assert json.loads(json.dumps(j, ensure_ascii=False)) == j
    for m in doc.mentions:
        assert doc.view_for(m.where).text[m.start:m.end] == m.text, m
    for d in doc.dates:
        assert doc.view_for(d.where).text[d.start:d.end] == d.text, d


def _doc_of(text: str) -> model.Document:
    from layout_helpers import doc_of

    try:
        return doc_of(text)
    except InputError:
        assume(False)
        raise


@FUZZ
@given(document())
def fuzz_layout(text: str) -> None:
    from layout_helpers import run

    check_layout(run(_doc_of(text)), text)


@FUZZ
@given(document())
def fuzz_full(text: str) -> None:
    from archivist.pipeline import Pipeline

    doc = Pipeline()(_doc_of(text))
    check_layout(doc, text)
    check_export(doc)


def _seen(doc: model.Document) -> tuple[list, list, list]:
    """What a reader sees: furniture, notes with their text, paragraphs."""
    return ([(f.type, f.text.strip()) for f in doc.furniture],
            [(n.n, doc.note_view(n).text) for n in doc.notes],
            [doc.text[p["start"]:p["end"]] for p in doc.paragraphs()])


@FUZZ
@given(document(), st.sampled_from(["\r", "\r\n"]))
def fuzz_lineends(text: str, nl: str) -> None:
    from layout_helpers import run

    assume(not any(c in text for c in "\r\u2028\x85\x0b"))
    lf = run(_doc_of(text))
    other = text.replace("\n", nl)
    doc = run(_doc_of(other))
    check_layout(doc, other)
    assert _seen(doc) == _seen(lf)


# -- OCR markup -----------------------------------------------------------------------
ODD = st.sampled_from(["", "0", "-1", "²", "①", "٣", "9" * 5000, "nan", "inf", "-inf", "1e400",
                       "1 2 3", " ", "x", "12;", "-", "0x1f", "１２", "1_000", "+3", "3.5", "-0"])
WORD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)


def xml_text(s: str) -> str:
    """`s` without the characters XML 1.0 cannot hold, escaped for an attribute."""
    s = "".join(c for c in s if c in "\t\n\r" or " " <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd"
                or c > "\uffff")
    return html.escape(s, quote=True)


@st.composite
def hocr_file(draw: st.DrawFn) -> str:
    out = ["<html><body>"]
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(["ppageno", "bbox", "x_wconf", "image"]))
        out.append(f'<div class="ocr_page" title="{key} {xml_text(draw(ODD))}">')
        for _ in range(draw(st.integers(0, 3))):
            cls = draw(st.sampled_from(["ocr_par", "ocr_carea", "ocr_line", "ocrx_line",
                                        "ocr_header", "x"]))
            out.append(f'<p class="{cls}">')
            for _ in range(draw(st.integers(0, 4))):
                wk = draw(st.sampled_from(["x_wconf", "x_confs", "bbox"]))
                out.append(f'<span class="ocrx_word" title="{wk} {xml_text(draw(ODD))}">'
                           f"{xml_text(draw(WORD))}</span> ")
            out.append("</p>")
        out.append("</div>")
    return "".join(out) + "</body></html>"


@st.composite
def alto_file(draw: st.DrawFn) -> str:
    out = ['<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">']
    if draw(st.booleans()):
        refs = "".join(f'<ElementRef REF="{xml_text(draw(ODD))}"/>'
                       for _ in range(draw(st.integers(0, 3))))
        out.append(f'<ReadingOrder><OrderedGroup ID="g">{refs}</OrderedGroup></ReadingOrder>')
    out.append("<Layout>")
    for _ in range(draw(st.integers(0, 3))):
        out.append(f'<Page PHYSICAL_IMG_NR="{xml_text(draw(ODD))}">')
        for _ in range(draw(st.integers(0, 3))):
            reg = draw(st.sampled_from(["TopMargin", "PrintSpace", "BottomMargin", "TextBlock",
                                        "Illustration"]))
            out.append(f'<{reg} ID="{xml_text(draw(ODD))}">'
                       f'<TextBlock ID="{xml_text(draw(ODD))}">')
            for _ in range(draw(st.integers(0, 3))):
                out.append("<TextLine>")
                for _ in range(draw(st.integers(0, 4))):
                    if draw(st.integers(0, 5)) == 0:
                        out.append(f'<HYP CONTENT="{xml_text(draw(WORD))}"/>')
                    else:
                        sub = draw(st.sampled_from(["HypPart1", "HypPart2", ""]))
                        out.append(f'<String CONTENT="{xml_text(draw(WORD))}" '
                                   f'WC="{xml_text(draw(ODD))}" CC="{xml_text(draw(ODD))}" '
                                   f'SUBS_TYPE="{sub}"/><SP/>')
                out.append("</TextLine>")
            out.append(f"</TextBlock></{reg}>")
        out.append("</Page>")
    return "".join(out) + "</Layout></alto>"


def check_read(module: str, data: bytes, name: str) -> model.Document | None:
    import importlib

    reader = importlib.import_module(f"archivist.ingest.{module}")
    try:
        doc = reader.read_bytes(name, data)
    except InputError as err:
        assert str(err).startswith(f"{name}: ") and "\n" not in err.problem, err
        return None
    assert doc.original.strip()
    for p in doc.raw_pages:
        assert 0 <= p.start <= p.end <= len(doc.original)
    for t in doc.tokens:
        assert 0 <= t.start < t.end <= len(doc.original) and 0 <= t.confidence <= 1, t
    return doc


@FUZZ
@given(hocr_file(), st.sampled_from(["hocr", "markup"]))
def fuzz_hocr(s: str, module: str) -> None:
    check_read(module, s.encode(), "f.hocr")


@FUZZ
@given(alto_file(), st.sampled_from(["alto", "markup"]))
def fuzz_alto(s: str, module: str) -> None:
    check_read(module, s.encode(), "f.xml")


def fuzz_pdf() -> None:
    """Mutations of a three-page PDF: an InputError or a Document, nothing else."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for p in range(3):
        c.drawString(72, 720, f"Page {p + 1} THE BORDER WAR")
        c.drawString(72, 700, "The border guards met at the river in 1938. Ж ü")
        c.setFont("Helvetica", 7)
        c.drawString(72, 80, "1 See ibid., p. 4.")
        c.setFont("Helvetica", 12)
        c.showPage()
    c.save()
    base = buf.getvalue()
    rng = random.Random(7)
    read = 0
    for _ in range(N):
        d = bytearray(base)
        kind = rng.randrange(4)
        if kind == 0:
            d = d[:rng.randrange(len(d))]
        elif kind == 1:
            for _ in range(rng.randrange(1, 20)):
                d[rng.randrange(len(d))] = rng.randrange(256)
        elif kind == 2:
            a, b = rng.randrange(len(d)), rng.randrange(len(d))
            d[a:a] = d[b:b + rng.randrange(200)]
        else:
            s = rng.randrange(len(d))
            del d[s:s + rng.randrange(500)]
        read += check_read("pdf", bytes(d), "m.pdf") is not None
    print(f"{N} mutants, {read} read, {N - read} refused with an InputError")


# -- export ------------------------------------------------------------------------------
EXPORT_WORDS = st.sampled_from([
    "The", "border", "guards", "met", "Mr.", "Litvinov", "in", "Moscow", "on", "7", "August",
    "1938.", "Paris", "Tokyo,", "GARF,", "f.", "5446,", "op.", "1,", "d.", "l.", "12.", "Ibid.,",
    "p.", "4.", "See", "“Izvestiia”", "(1937),", "pp.", "3-5.", "\x01", "\x0b", "\x1f", "\ufffe",
    "\uffff", "]]>", "<b>", "&amp;", "&", "\"", "'", "\x85", "\u2028", "\u200f", "\U0001F600",
    "\U0010FFFF", "¹", "²", "*", "\t", "\r", "\n", "\n\n", "\f", "--", "—", "ﬁ", "Ё", "\u0301",
    "\u0308\u0301", "x\u0301", "ß", "Zu\u0308rich", "1 See", "Hunch'un", "1933-1938", "Q42"])


@FUZZ
@given(st.lists(EXPORT_WORDS, min_size=1, max_size=60).map(" ".join),
       st.sampled_from(["utf-8", "utf-16"]))
def fuzz_export(text: str, enc: str) -> None:
    from archivist.ingest.text import read_bytes
    from archivist.pipeline import Pipeline

    try:
        doc = read_bytes("/x/odd <&\x01>.txt", text.encode(enc))
    except InputError:
        assume(False)
        raise
    doc = Pipeline()(doc)
    model.check_edits(doc.original, doc.edits)
    check_export(doc)


ANY = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=10)
TEI_WORDS = st.sampled_from(["border", "Litvinov", "1938", "\x01", "\ufffe", "]]>", "<&>", "ß",
                             "x\u0301", "\f", "\n\n", "¹"])


@FUZZ
@given(st.lists(st.lists(TEI_WORDS, min_size=1, max_size=15).map(" ".join), min_size=1,
                max_size=3),
       st.lists(st.tuples(ANY, st.sampled_from(["PERSON", "PLACE", "ORG", "EVENT", "WORK", "",
                                                "x y", "\x01"]), ANY), max_size=4),
       st.lists(st.tuples(st.integers(0, 300), st.integers(0, 30), st.integers(0, 1),
                          st.sampled_from(["1938", "1938-07/1938-08", "[1938,1939]", "x", "",
                                           "1938-13-45", "1938-02-30"])), max_size=6),
       st.dictionaries(st.sampled_from(["title", "author", "date"]), ANY),
       st.lists(st.dictionaries(st.sampled_from(["type", "note", "title", "container-title",
                                                 "volume", "page", "publisher", "archive"]),
                                ANY), max_size=3),
       st.booleans())
def fuzz_tei(pages: list[str], ents: list, spans: list, md: dict, cits: list,
             note: bool) -> None:
    from lxml import etree
    from store_helpers import make_doc

    from archivist.export.tei import to_tei, validate

    doc = make_doc("tei", pages, note="See \x01 border." if note else None)
    t = doc.text
    for k, (eid, typ, name) in enumerate(ents):
        doc.entities.append(model.Entity(eid or f"e{k}", typ, name, [name + "v"]))
    for s, ln, kind, val in spans:
        s = min(s, len(t))
        e = min(len(t), s + ln)
        if kind == 0 and doc.entities:
            ent = doc.entities[s % len(doc.entities)]
            doc.mentions.append(model.Mention(ent.id, t[s:e], "text", s, e))
        elif kind == 1:
            doc.dates.append(model.DateMention(t[s:e], val, "text", s, e))
    doc.metadata.update(md)
    doc.citations = cits
    xml = to_tei(doc)
    etree.fromstring(xml.encode())
    errors = validate(xml)
    assert not errors, errors[:3]


ODD_CHARS = st.sampled_from(list("abcxyz ABC'’-.,\n") + [
    "ß", "ﬁ", "\u0301", "\u0308", "İ", "Σ", "ǅ", "½", "Ⅻ", "\u00a8", "\u200b", "\ufffe", "١",
    "²", "\x0b", "ŉ", "ﬃ", "Å"])


@FUZZ
@given(st.lists(st.text(ODD_CHARS, min_size=1, max_size=40), min_size=1, max_size=2),
       st.integers(0, 1000), st.booleans())
def fuzz_search(pages: list[str], pick: int, exact: bool) -> None:
    from store_helpers import doc_json, make_doc

    from archivist.store import open_store
    from archivist.store.text import tokens

    doc = make_doc("p", [p if p.strip() else "x" for p in pages])
    toks = tokens(doc.text)
    assume(toks)
    word, s, e = toks[pick % len(toks)]
    with open_store(":memory:") as store:
        store.add(doc_json(doc), "1")
        hits = store.search(word, exact=exact, limit=500, context=2).hits
    for h in hits:
        assert doc.text[h.start:h.end] == h.match, h
        assert h.snippet[h.highlight[0]:h.highlight[1]] == " ".join(h.match.split()), h
    assert any(h.start <= s and e <= h.end for h in hits), (word, s, e)


TARGETS = {"layout": fuzz_layout, "lineends": fuzz_lineends, "full": fuzz_full, "hocr": fuzz_hocr, "alto": fuzz_alto,
           "pdf": fuzz_pdf, "export": fuzz_export, "tei": fuzz_tei, "search": fuzz_search}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: fuzz_outside_repair.py {{{'|'.join(TARGETS)}}} [N]")
    TARGETS[sys.argv[1]]()
    print(f"{sys.argv[1]}: {N} examples, no failure")
