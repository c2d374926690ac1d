"""The on-disk table cache: same tables from disk as built, rebuilt when anything
they were made from changes or the file is damaged, skipped when off or unwritable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archivist import tables


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ARCHIVIST_CACHE_DIR", str(tmp_path / "c"))
    return tmp_path / "c"


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


SRC = (tables.__file__,)
TABLE = {"zeta": 1.5, "alpha": 2.0, ("a", "b"): (3, frozenset({"x"}))}


def test_second_process_reads_the_same_table_in_the_same_key_order(cache: Path) -> None:
    calls, build = _counting(TABLE)
    first = tables.cached("t", build, SRC, ("wordfreq",))
    again = tables.cached("t", build, SRC, ("wordfreq",))  # as a new process would
    assert calls == [1] and again == first == TABLE
    assert list(again) == list(TABLE)  # iteration order, which repair relies on
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["t"]


def test_a_changed_source_or_package_version_builds_afresh(cache: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    src = tmp_path / "mod.py"
    src.write_text("A = 1\n")
    calls, build = _counting({"v": 1})
    tables.cached("t", build, (str(src),), ())
    src.write_text("A = 2\n")
    tables._file_digest.cache_clear()
    tables.cached("t", build, (str(src),), ())
    assert calls == [1, 1]
    monkeypatch.setattr(tables.metadata, "version", lambda pkg: "99.0")
    tables.cached("t", build, (str(src),), ("wordfreq",))
    assert calls == [1, 1, 1]
    assert len(list(cache.glob("t-*.marshal"))) == 1  # older entries dropped


def test_a_damaged_file_is_rebuilt(cache: Path) -> None:
    calls, build = _counting(TABLE)
    tables.cached("t", build, SRC, ())
    (path,) = cache.glob("t-*.marshal")
    path.write_bytes(path.read_bytes()[:10])  # cut short, as by a crash
    assert tables.cached("t", build, SRC, ()) == TABLE
    assert calls == [1, 1]
    assert tables.cached("t", build, SRC, ()) == TABLE and calls == [1, 1]  # rewritten


def test_off_or_unwritable_builds_each_time(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls, build = _counting(TABLE)
    monkeypatch.setenv("ARCHIVIST_CACHE_DIR", "off")
    assert tables.cached("t", build, SRC, ()) == TABLE
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("ARCHIVIST_CACHE_DIR", str(blocker / "c"))
    assert tables.cached("t", build, SRC, ()) == TABLE
    assert calls == [1, 1]
    assert not any(p.name.startswith(".t-") for p in tmp_path.iterdir())


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARCHIVIST_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert tables.cache_dir() == tmp_path / "archivist"


def test_the_repair_tables_from_disk_equal_the_built_ones(cache: Path) -> None:
    from archivist.lexicon import _read_bigrams
    from archivist.repair import channel, core

    built = channel._frequencies()
    read = tables.cached("frequencies", channel._frequencies, (channel.__file__, core.__file__),
                         ("wordfreq", "symspellpy"))
    read_again = tables.cached("frequencies", lambda: {}, (channel.__file__, core.__file__),
                               ("wordfreq", "symspellpy"))
    assert read == built and read_again == built and list(read_again) == list(built)
    bigrams = tables.cached("bigrams", _read_bigrams, (SRC[0],), ())
    assert tables.cached("bigrams", lambda: None, (SRC[0],), ()) == bigrams
    assert os.listdir(cache)


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARCHIVIST_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(tables.Path, "home", staticmethod(no_home))
    assert tables.cache_dir() is None
    assert tables.cached("t", lambda: {"a": 1}, SRC, ()) == {"a": 1}
