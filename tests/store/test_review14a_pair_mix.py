"""review14a: pair counts and the full-text tables after any mix of adds, deletes,
reprocessing, revisions (`set_edit_status`) and folds of `pair_recent` (writer14,
dedup14)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import doc_json, make_doc, recount_pairs

from archivist.model import Document
from archivist.store import open_store
from archivist.store import sqlite as S


def _docs() -> list[Document]:
    return [
        make_doc("a", ["The bordor guards held the post.", "Second page here."],
                 fixes={"bordor": "border"}, note="The border note."),
        make_doc("b", ["The border guards slept."]),
        make_doc("c", ["Guards of the bordcr slept at the post."],
                 fixes={"bordcr": "border"}),
        make_doc("d", ["The cnvoy and the guards held."], fixes={"cnvoy": "envoy"}),
    ]


def _totals(st_: S.SQLiteStore, table: str) -> list[int]:
    """FTS5's averages record as varints: rows, then tokens per column."""
    out, v = [], 0
    for byte in bytes(st_.rows(f"SELECT block FROM {table}_data WHERE id = 1")[0][0]):
        v = (v << 7) | (byte & 0x7F)
        if not byte & 0x80:
            out.append(v)
            v = 0
    return out


OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 3)),
    st.tuples(st.just("delete"), st.integers(0, 3)),
    st.tuples(st.just("reprocess"), st.integers(0, 3)),
    st.tuples(st.just("revise"), st.integers(0, 3),
              st.sampled_from(["rejected", "applied", "suggested"])),
    st.tuples(st.just("fold"))), max_size=12)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS, fold_at=st.sampled_from([0, 1, 3, 10_000_000]))
def test_any_mix_keeps_pair_counts_and_full_text_exact(tmp_path_factory, monkeypatch,
                                                       ops: list[tuple], fold_at: int
                                                       ) -> None:
    monkeypatch.setattr(S, "PAIR_RECENT_FOLD", fold_at)
    docs = _docs()
    db = tmp_path_factory.mktemp("mix") / "c.db"
    with open_store(str(db)) as st_:
        assert isinstance(st_, S.SQLiteStore)
        ids: dict[int, int] = {}
        for op in ops:
            i = op[1] if len(op) > 1 else 0
            if op[0] == "add" and i not in ids:
                ids[i] = st_.add(doc_json(docs[i]), "1")
            elif op[0] == "reprocess" and i in ids:  # the same bytes again: replaced
                ids[i] = st_.add_many([doc_json(docs[i])], "2")[0]
            elif op[0] == "delete" and i in ids:
                st_.delete(ids.pop(i))
            elif op[0] == "revise" and i in ids and docs[i].edits:
                st_.set_edit_status(ids[i], 0, op[2])
            elif op[0] == "fold":
                with st_.transaction() as cur:
                    S._fold_pairs(cur, at=0)
            counts = dict(st_.rows("SELECT pair, df FROM pair_counts WHERE df != 0"))
            assert counts == recount_pairs(st_), op
            assert st_._pair_dfs(list(counts)) == counts
        for doc_id in list(ids.values()):
            st_.delete(doc_id)
        assert st_.rows("SELECT pair, df FROM pair_counts WHERE df != 0") == []
        if st_.rows("SELECT 1 FROM fts_data WHERE id = 1"):
            for table in ("fts", "fts_pairs"):  # nothing left counted in any column
                assert set(_totals(st_, table)) <= {0}, table
