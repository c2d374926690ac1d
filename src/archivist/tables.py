"""Word tables derived from installed packages, kept on disk between runs.

Each new process used to rebuild the repair channel's target words, their prefix
and suffix letter maps and the bigram table from wordfreq and symspellpy: ~1.8 s of
the ~2.7 s start-up of `archivist process`, of every ingest worker and of each CLI
call. `cached` keeps what a build function returns in the user's cache directory
(marshal: loads in ~0.5 s for all of them) and builds it again whenever anything it
was made from may have changed: archivist's version, the Python version, the
versions of the packages the data comes from, or the source of the modules that
build it. Nothing is downloaded: the tables are made here, from installed data.

The directory is `$ARCHIVIST_CACHE_DIR`, else `$XDG_CACHE_HOME/archivist`, else
`~/.cache/archivist`; `ARCHIVIST_CACHE_DIR=off` turns the cache off. A cache that
cannot be read is rebuilt and one that cannot be written is skipped: the tables are
the same either way.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from . import __version__

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where the tables are kept, or None when the cache is off."""
    env = os.environ.get("ARCHIVIST_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory to be found: no cache
            return None
    return Path(base) / "archivist"


@cache
def _file_digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def table_key(name: str, sources: tuple[str, ...], packages: tuple[str, ...]) -> str:
    """A digest of everything a table is made from (see the module docstring)."""
    parts = [name, __version__, sys.version]
    for pkg in packages:
        try:
            parts.append(f"{pkg}=={metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{pkg}==?")
    parts += [_file_digest(p) for p in sources]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def cached(name: str, build: Callable[[], T], sources: tuple[str, ...],
           packages: tuple[str, ...]) -> T:
    """`build()`, read from the cache directory when an entry made from the same
    `sources` (module files) and `packages` (their installed versions) is there, else
    built and written there for the next process. Values must be marshal-able
    (dicts, tuples, strings, numbers, frozensets); their key order is kept."""
    where = cache_dir()
    if where is None:
        return build()
    path = where / f"{name}-{table_key(name, sources, packages)}.marshal"
    try:
        # (read whole: marshal.load on a file object reads it in small pieces, 6x slower)
        return marshal.loads(path.read_bytes())  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except (EOFError, ValueError, TypeError, OSError):
        pass  # cut short or unreadable: made again below
    value = build()
    _write(where, name, path, value)
    return value


def _write(where: Path, name: str, path: Path, value: Any) -> None:
    """Write atomically (a temporary file renamed into place, so a reader never sees
    half a table), then drop this table's older entries."""
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps(value))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        for old in where.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # read-only home, full disk, unmarshallable value: no cache, same tables
