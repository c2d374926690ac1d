"""Fixtures: the real workbench app over a temporary SQLite corpus made from the samples
(processed once per session through the real pipeline and added with the store's API)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import TOKEN, XSS

from archivist import PIPELINE_VERSION
from archivist.model import Document
from archivist.store import Store, open_store
from archivist.web.app import create_app


@pytest.fixture(scope="session")
def xss_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """A document whose text carries markup, processed like any other (no NLP)."""
    from archivist.pipeline import Pipeline
    from archivist.process import process_path

    p = tmp_path_factory.mktemp("xss") / "evil.txt"
    p.write_text(f"A letter of 1938.\n\nThe clerk wrote {XSS} in the margin.\n",
                 encoding="utf-8")
    return process_path(p, pipeline=Pipeline().without(["extract"]))


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory,
                    processed_samples: dict[str, Document], xss_doc: Document
                    ) -> tuple[Path, dict[str, int]]:
    """The samples and the markup document added through the store's API, once."""
    path = tmp_path_factory.mktemp("corpus") / "template.db"
    store = open_store(str(path))
    ids = {name: store.add(doc, PIPELINE_VERSION) for name, doc in processed_samples.items()}
    ids["evil.txt"] = store.add(xss_doc, PIPELINE_VERSION)
    store.close()
    return path, ids


@pytest.fixture
def corpus(tmp_path: Path, corpus_template: tuple[Path, dict[str, int]]
           ) -> Iterator[tuple[Store, dict[str, int]]]:
    """A fresh copy of the corpus per test (review decisions re-save documents)."""
    path = tmp_path / "corpus.db"
    shutil.copyfile(corpus_template[0], path)
    store = open_store(str(path))
    try:
        yield store, dict(corpus_template[1])
    finally:
        store.close()


@pytest.fixture
def app(corpus: tuple[Store, dict[str, int]], tmp_path: Path):
    return create_app(corpus[0], TOKEN, review_log=tmp_path / "review.jsonl")


@pytest.fixture
def anon(app) -> Iterator[TestClient]:
    with TestClient(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    """A logged-in client."""
    with TestClient(app, follow_redirects=False) as c:
        r = c.post("/login", data={"token": TOKEN, "who": "Ada Reviewer"})
        assert r.status_code == 303
        yield c
