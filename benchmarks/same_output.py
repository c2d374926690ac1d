"""Old code against new: the stored output of many files, compared.

    # each side in its own process, its own source tree first on the path
    PYTHONPATH=/tmp/old/src python benchmarks/same_output.py run /tmp/out/old layout FILE...
    PYTHONPATH=src          python benchmarks/same_output.py run /tmp/out/new layout FILE...
    python benchmarks/same_output.py compare /tmp/out/old /tmp/out/new

`run` writes, per file, `store_json(process_path(f))` at a depth of `store.ingest.DEPTHS`
(timings left out) with every view's text and maps, or the error the file raised;
`compare` lists the files whose results differ and the keys that do.
(review13b checked speed13's layout-only changes with it.)
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any


def _strip(x: Any) -> Any:
    """`x` without its timings (they differ run to run)."""
    if isinstance(x, dict):
        return {k: _strip(v) for k, v in x.items() if "timing" not in k}
    if isinstance(x, list):
        return [_strip(v) for v in x]
    return x


def run(out: Path, depth: str, files: list[str]) -> None:
    from archivist.pipeline import Pipeline
    from archivist.process import process_path
    from archivist.store.ingest import SKIPPED
    from archivist.store.record import store_json

    out.mkdir(parents=True, exist_ok=True)
    for f in files:
        try:
            pipe = Pipeline().without(SKIPPED[depth]) if SKIPPED[depth] else Pipeline()
            doc = process_path(f, pipeline=pipe)
            d = _strip(store_json(doc))
            # (the maps too: a change there need not show in the stored JSON)
            d["_views"] = [[v.where, v.text, v.orig, v.edit_of] for v in doc.views()]
            res: dict[str, Any] = {"file": f, "json": d}
        except Exception as exc:  # noqa: BLE001 - the error is part of the result
            res = {"file": f, "error": f"{type(exc).__name__}: {exc}"}
        name = hashlib.sha1(f.encode()).hexdigest()[:16] + ".json"
        (out / name).write_text(json.dumps(res, ensure_ascii=False, sort_keys=True))


def compare(a: Path, b: Path) -> int:
    """Print the differing files; the number of them."""
    na, nb = {p.name for p in a.iterdir()}, {p.name for p in b.iterdir()}
    print(f"files {len(na)} / {len(nb)}, only in one: {len(na ^ nb)}")
    bad = 0
    for n in sorted(na & nb):
        x, y = json.loads((a / n).read_text()), json.loads((b / n).read_text())
        if x == y:
            continue
        bad += 1
        print("DIFF", x["file"])
        if "json" in x and "json" in y:
            keys = set(x["json"]) | set(y["json"])
            print("   keys:", sorted(k for k in keys if x["json"].get(k) != y["json"].get(k)))
        else:
            print("   ", x.get("error"), "|", y.get("error"))
    print(f"different: {bad}")
    return bad


if __name__ == "__main__":
    if sys.argv[1:2] == ["run"] and len(sys.argv) >= 4:
        run(Path(sys.argv[2]), sys.argv[3], sys.argv[4:])
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        sys.exit(1 if compare(Path(sys.argv[2]), Path(sys.argv[3])) else 0)
    else:
        sys.exit(__doc__)
