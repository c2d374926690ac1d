"""archivist: trustworthy, structured, searchable text from digitized historical sources."""

__version__ = "0.1.0"
# Raised whenever the pipeline's output changes in a way a stored corpus should catch up
# with (`archivist ingest --reprocess` redoes documents of any other version or made
# with fewer stages than the run, never one made with more: `store.ingest.needs_reprocess`).
# 2: quantities, dates against the paper's date (inst./ult., weekdays), citations from
#    more archives, accented names kept (session 8).
# 3: quantities: a bare "40 million" takes its sentence's currency only when tied to it;
#    continental dot groups ("1.200.000 francs"); coins ("sixpence", "half a crown").
# 4: repair reads the corpus's own word pairs and holds content-word swaps; page markers,
#    OCR of scanned PDFs, column order; old place names, citations, currencies by clause
#    (session 10).
# 5: headings and table rows as block kinds; OCR note markers without character boxes;
#    old words kept by the context model (ere, nor, two-edit readings); historic places
#    over their namesakes, signatures, "X parish" (session 11).
# 6: headings told from prose lines and signature blocks; chapter heads at the first or
#    last page; periodical repairs (money misreadings, title and rank stops, "&c."); no
#    reading repeats its neighbour; gazetteer spelling over its OCR key, namesake towns
#    by their state ("Paris, Texas"), old names, ships, sees, kinship (session 12).
# 7: repair keeps underscores pairing an italic run and a text's cut-off last fragment;
#    documents record their depth ("7-layout" for `ingest --no-repair`, "7-no-nlp"), so
#    `--reprocess` completes them (session 13).
# 8: the noise stage judges underscore emphasis pairs on the text its own deletions
#    leave (it is idempotent), keeps pairs around digits, and takes a lone mark's whole
#    line (session 14).
# 9: a line of several marks goes with its line break (session 15).
# 10: marks closing a line of words take the spaces before them; a displaced accent
#     before a word holding another mark moves in the first run, and a word glued after
#     an accent left standing is not read as another word; PDF pages read upright
#     whatever their text's direction, searchable scans read as OCR, files read by
#     their first bytes, notes under two columns read after them; places filed by
#     their European home, exonyms and the page's other places (session 16).
PIPELINE_VERSION = "10"
