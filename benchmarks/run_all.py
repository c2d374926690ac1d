"""`make bench`: run every benchmark in turn and keep their output.

Not part of the test suite. Each benchmark prints its own figures; this runner
only sequences them and records the output under benchmarks/results/.
Sizes are kept modest so the whole run fits on a 2-core machine in about an
hour; each script documents how to run it larger.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable

RUNS: list[tuple[str, list[str]]] = [
    ("repair-speed", [str(HERE / "repair_bench.py"), "speed"]),
    ("repair-icdar", [str(HERE / "repair_bench.py"), "icdar"]),
    ("layout", [str(HERE / "bench_layout.py"), "20"]),
    ("extract-speed", [str(HERE / "extract_speed.py")]),
    ("hipe", [str(HERE / "hipe_bench.py")]),
    ("corpus", [str(HERE / "corpus_bench.py"), "--sizes", "10000"]),
]


def main(only: list[str]) -> int:
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    failed = 0
    for name, args in RUNS:
        if only and name not in only:
            continue
        print(f"== {name}: {' '.join(Path(a).name for a in args)}", flush=True)
        t0 = time.perf_counter()
        proc = subprocess.run([PY, *args], capture_output=True, text=True)
        took = time.perf_counter() - t0
        (out_dir / f"{name}.txt").write_text(proc.stdout + proc.stderr, encoding="utf-8")
        print(proc.stdout.rstrip())
        if proc.returncode:
            failed += 1
            print(f"!! {name} failed ({proc.returncode}): {proc.stderr.strip()[-400:]}")
        print(f"-- {name}: {took:.0f} s\n", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
