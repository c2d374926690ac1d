"""The quantities table on both backends: written with a document, replaced and
deleted with it, queried by kind, unit, value, document date, document and sentence,
backfilled by migration 6 for documents stored before it, and the CLI over it.

Every sentence here is invented."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from store_helpers import doc_json, make_doc
from typer.testing import CliRunner

from archivist.cli import app
from archivist.extract.quantities import extract_quantities
from archivist.model import Document
from archivist.store import Store, open_store
from archivist.store.base import QUANTITIES_DDL

runner = CliRunner()

PAGES_A = ["The mission paid £5 10s. 6d. for the carts and some 400 men marched 12 miles.",
           "A loan of 2,500,000 roubles was promised; 15 per cent. of it never came."]
NOTE_A = "The consul reckoned 3 steamers lay off the coast."
PAGES_B = ["Customs at the port took £1,200 in duties, and 80 bales of wool were seized."]


def quantified(name: str, pages: list[str], date: str | None, note: str | None = None
               ) -> Document:
    """A hand-built document with the quantities the real stage reads in it."""
    doc = make_doc(name, pages, note=note)
    if date:
        doc.metadata["date"] = date
    return extract_quantities(doc)


@pytest.fixture
def corpus(store: Store) -> Store:
    store.add(doc_json(quantified("later", PAGES_A, "1921-06-02", note=NOTE_A)), "t")
    store.add(doc_json(quantified("earlier", PAGES_B, "1919-11")), "t")
    return store


def texts(rows: list[dict[str, Any]]) -> list[str]:
    return [r["text"] for r in rows]


def test_rows_are_ordered_by_document_date_then_position(corpus: Store) -> None:
    rows = corpus.quantities()
    assert texts(rows) == ["£1,200", "80 bales", "£5 10s. 6d.", "some 400 men", "12 miles",
                           "2,500,000 roubles", "15 per cent.", "3 steamers"]
    assert [r["doc"] for r in rows[:2]] == ["earlier", "earlier"]
    first = rows[2]
    assert (first["kind"], first["value"], first["unit"], first["lsd"], first["approx"]) == \
        ("money", 5.525, "GBP", [5, 10, 6], False)
    assert rows[3]["approx"] is True and rows[3]["unit"] == "man"
    assert (rows[5]["page"], rows[5]["where"], rows[5]["date"]) == ("2", "text", "1921-06-02")
    note = rows[-1]  # its page is its passage's (this note has no anchor: page 1)
    assert (note["where"], note["page"], note["sentence"]) == \
        ("note:1", "1", "The consul reckoned 3 steamers lay off the coast.")
    assert rows[0]["sentence"].startswith("Customs at the port took £1,200 in duties")


def test_offsets_point_at_the_quantity_in_clean_text_and_original(corpus: Store) -> None:
    for r in corpus.quantities(doc="later"):
        d = corpus.document_json(r["doc_id"])
        text = d["text"] if r["where"] == "text" else d["notes"][0]["text"]
        assert text[r["start"]:r["end"]] == r["text"]
        assert d["original"][r["orig_start"]:r["orig_end"]] == r["text"]


def test_filters(corpus: Store) -> None:
    assert texts(corpus.quantities(kind="money", min_value=1000)) == ["£1,200",
                                                                      "2,500,000 roubles"]
    assert texts(corpus.quantities(kind="money", max_value=10)) == ["£5 10s. 6d."]
    assert texts(corpus.quantities(unit="roubles")) == ["2,500,000 roubles"]
    assert texts(corpus.quantities(unit="£")) == ["£1,200", "£5 10s. 6d."]
    assert texts(corpus.quantities(unit="miles")) == ["12 miles"]
    assert texts(corpus.quantities(kind="count")) == ["80 bales", "some 400 men", "3 steamers"]
    assert texts(corpus.quantities(date_from="1920", kind="count")) == ["some 400 men",
                                                                        "3 steamers"]
    assert texts(corpus.quantities(date_to="1919-12")) == ["£1,200", "80 bales"]
    assert corpus.quantities(date_from="1922") == []
    assert texts(corpus.quantities(doc="earlier", kind="money")) == ["£1,200"]
    assert corpus.quantities(doc="no-such-document") == []
    assert texts(corpus.quantities(near="COAST")) == ["3 steamers"]
    assert texts(corpus.quantities(near="100%")) == []  # LIKE wildcards are not wildcards
    assert len(corpus.quantities(limit=3)) == 3
    with pytest.raises(ValueError):
        corpus.quantities(date_from="sometime")


def test_undated_documents_come_last_and_fall_out_of_date_filters(store: Store) -> None:
    store.add(doc_json(quantified("undated", ["They bought 7 horses."], None)), "t")
    store.add(doc_json(quantified("dated", ["They sold 9 mules."], "1920")), "t")
    assert texts(store.quantities()) == ["9 mules", "7 horses"]
    assert texts(store.quantities(date_from="1900")) == ["9 mules"]


def test_replaced_and_deleted_with_their_document(corpus: Store) -> None:
    n = len(corpus.quantities())
    doc = quantified("earlier", PAGES_B, "1919-11")
    new_id = corpus.add(doc_json(doc), "t2")  # the same bytes again: replaced, not doubled
    assert len(corpus.quantities()) == n
    assert corpus.stats()["quantities"] == n
    corpus.delete(new_id)
    assert len(corpus.quantities()) == n - 2
    assert corpus.quantities(doc="earlier") == []


def test_a_revision_keeps_the_rows_in_step(corpus: Store) -> None:
    """Rejecting an edit before a quantity shifts its clean offsets: the rewritten
    rows still point at it."""
    doc = make_doc("fixed", ["Tbe envoy paid £40 for 3 horses."], fixes={"Tbe": "The envoy,"})
    doc_id = corpus.add(doc_json(extract_quantities(doc)), "t")
    before = corpus.quantities(doc=doc_id)
    corpus.set_edit_status(doc_id, 0, "rejected")
    after = corpus.quantities(doc=doc_id)
    assert texts(after) == texts(before) == ["£40", "3 horses"]
    text = corpus.document_json(doc_id)["text"]
    assert [text[r["start"]:r["end"]] for r in after] == ["£40", "3 horses"]
    assert after[0]["start"] == before[0]["start"] - len("The envoy,") + len("Tbe")


def test_migration_6_backfills_documents_stored_before_it(db_url: str) -> None:
    with open_store(db_url) as st:
        st.add(doc_json(quantified("later", PAGES_A, "1921-06-02", note=NOTE_A)), "t")
        st.add(doc_json(quantified("earlier", PAGES_B, "1919-11")), "t")
        fresh = st.quantities()
        with st.transaction() as cur:  # back to the schema before quantities
            st.x(cur, "DROP TABLE quantities")
            st.x(cur, "DELETE FROM schema_version WHERE version >= 6")
    with open_store(db_url) as st:  # upgraded on open, rows made from the stored JSON
        assert st.quantities() == fresh
        assert st.rows("SELECT max(version) FROM schema_version")[0][0] >= 6  # (later migrations too)
    with open_store(db_url) as st:  # nothing applied twice
        assert st.quantities() == fresh
        with st.transaction() as cur:  # wound back with the table and its rows kept:
            st.x(cur, "DELETE FROM schema_version WHERE version >= 6")
    with open_store(db_url) as st:  # rebuilt, not doubled
        assert st.quantities() == fresh


def test_the_schema_files_hold_the_migrations_table() -> None:
    """A new corpus gets the table from the schema file, an old one from migration 6:
    they must be the same table."""
    root = Path(__file__).resolve().parents[2] / "src" / "archivist" / "store"
    for name in ("schema_sqlite.sql", "schema_postgres.sql"):
        assert QUANTITIES_DDL in (root / name).read_text("utf-8")


def test_value_past_the_integer_range_is_stored(store: Store) -> None:
    doc = make_doc("huge", ["The mint printed 40,000,000,000 billion marks that year."])
    doc = extract_quantities(doc)
    assert doc.quantities and doc.quantities[0].value > 2**63
    store.add(doc_json(doc), "t")
    assert store.quantities()[0]["value"] == pytest.approx(doc.quantities[0].value)


def test_hand_built_json_with_broken_quantities_is_stored_without_them(store: Store) -> None:
    d = doc_json(make_doc("hand", ["Some 30 men came."]))
    d["quantities"] = ["junk", {"start": 5, "end": 999, "kind": "count", "value": 30},
                       {"text": "30 men", "kind": "count", "value": 30, "unit": "man",
                        "where": "text", "start": 5, "end": 11}]
    store.add(d, "t")
    assert texts(store.quantities()) == ["30 men"]


# -- the command line ------------------------------------------------------------------

def cli(*args: str) -> tuple[int, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout


def test_cli_lists_filters_and_writes_csv_and_json(corpus: Store, db_url: str,
                                                   tmp_path: Path) -> None:
    code, out = cli("quantities", "--db", db_url, "--kind", "money", "--min", "1000",
                    "--from", "1919", "--to", "1923", "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["text"], r["value"], r["unit"], r["date"]) for r in rows] == [
        ("£1,200", "1200", "GBP", "1919-11"), ("2,500,000 roubles", "2500000", "rouble",
                                              "1921-06-02")]
    code, out = cli("quantities", "--db", db_url, "--unit", "£", "--max", "6", "--json")
    (only,) = json.loads(out)
    assert (only["lsd"], only["page"], only["doc"]) == ([5, 10, 6], "1", "later")
    code, out = cli("quantities", "--db", db_url, "--near", "consul")
    assert code == 0 and out.count("\n") == 1
    assert "note:1 (p. 1)" in out and "3 steamer" in out and "The consul reckoned" in out
    assert cli("quantities", "--db", db_url, "--kind", "dollars")[0] == 2
    assert cli("quantities", "--db", db_url, "--from", "whenever")[0] == 2
    assert cli("quantities", "--db", db_url, "--doc", "nothing-like-it")[0] == 2
    code, _ = cli("export", "--db", db_url, "--format", "csv", "-o", str(tmp_path / "x"))
    assert code == 0
    with (tmp_path / "x" / "quantities.csv").open(encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert len(exported) == len(corpus.quantities())
    assert exported[2]["lsd"] == "5/10/6" and exported[3]["approx"] == "1"
