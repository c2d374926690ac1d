"""TEI of a document a reviewer worked on: who accepted or rejected which correction,
and when, is in the export (not passed off as the machine's), and it stays valid."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from lxml import etree

from archivist.export.tei import TEI_NS, to_tei, validate
from archivist.model import APPLIED, SUGGESTED, Document
from archivist.web.review import apply_decision

NS = {"t": TEI_NS}
WHO = 'Eve <&> "Adams"'


def _decided(processed_samples: dict[str, Document]) -> tuple[Document, int, int]:
    """A processed sample where the reviewer accepted a suggestion and rejected an
    applied text correction; returns (doc, accepted id, rejected id)."""
    for doc in processed_samples.values():
        sugg = [e.id for e in doc.edits if e.kind == "text" and e.status == SUGGESTED]
        appl = [e.id for e in doc.edits if e.kind == "text" and e.status == APPLIED
                and e.original != e.replacement]
        for a in sugg:
            d = copy.deepcopy(doc)
            try:
                apply_decision(d, a, "accept", WHO, datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC))
            except ValueError:
                continue  # overlaps an applied edit
            r = next(i for i in appl if d.edits[i].status == APPLIED)
            apply_decision(d, r, "reject", "Bo", datetime(2026, 3, 5, 0, 0, 0, tzinfo=UTC))
            return d, a, r
    raise AssertionError("no sample has an acceptable suggestion")


def test_reviewers_decisions_are_named_in_the_tei(processed_samples) -> None:
    doc, accepted, rejected = _decided(processed_samples)
    xml = to_tei(doc)
    assert validate(xml) == []
    root = etree.fromstring(xml)
    names = {rs.get("{http://www.w3.org/XML/1998/namespace}id"): rs.findtext("t:name",
                                                                           namespaces=NS)
             for rs in root.iterfind(".//t:titleStmt/t:respStmt", NS)}
    rid = next(k for k, v in names.items() if v == WHO)
    assert "Bo" in names.values()
    changes = root.findall(".//t:revisionDesc/t:change", NS)
    assert [(c.get("when"), c.get("who")) for c in changes][0] == \
        ("2026-03-04T05:06:07+00:00", f"#{rid}")
    assert f"correction {accepted} " in changes[0].text and "accepted" in changes[0].text
    assert f"correction {rejected} " in changes[1].text and "rejected" in changes[1].text
    # the accepted correction's corr names the reviewer besides the machine
    e = doc.edits[accepted]
    resps = [c.get("resp") for c in root.iterfind(".//t:choice/t:corr", NS)
             if (c.text or "") == e.replacement
             and c.getprevious().text == (e.original or None)]
    assert f"#archivist #{rid}" in resps


def test_no_review_no_revision_desc(processed_samples) -> None:
    doc = next(iter(processed_samples.values()))
    root = etree.fromstring(to_tei(doc))
    assert root.find(".//t:revisionDesc", NS) is None
    assert {c.get("resp") for c in root.iterfind(".//t:corr", NS)} <= {"#archivist"}
