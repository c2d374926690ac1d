"""Instructions one repair stage (or the whole repair run) executes on N texts, under
callgrind: a count that the machine's load does not move, for old/new comparisons on
a shared machine (CPU seconds there move by 10-20 % from run to run).

The stage is called through `operator.call`, so callgrind's ``--toggle-collect``
counts that stage alone; instrumentation starts (``callgrind_control -i on``) after
the tables are loaded and a warm-up text is repaired, so start-up is not counted.

Run (SRC: a `src` directory holding `archivist`, e.g. this tree's or a `git archive`
of the old code; the texts are the same either way):

  PYTHONHASHSEED=0 valgrind --tool=callgrind --instr-atstart=no --collect-atstart=no \\
      --toggle-collect=_operator_call --callgrind-out-file=/tmp/cg.out \\
      python benchmarks/callgrind_stage.py SRC 30 generated repair.context
  # whole repair run: leave out --collect-atstart=no and --toggle-collect, and the stage

and read the "I refs" line it prints at the end. 30 generated pages take ~2.5 min.
"""

from __future__ import annotations

import operator
import os
import subprocess
import sys
from pathlib import Path


def main() -> None:
    src, n, texts_from = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    stage = sys.argv[4] if len(sys.argv) > 4 else None
    sys.path.insert(0, src)
    sys.path.insert(1, str(Path(__file__).parent))
    import repair_bench as rb  # (its `archivist` is SRC's: SRC is first on the path)

    from archivist.pipeline import REGISTRY, load_stages

    texts = rb.generated_pages(n, seed=23) if texts_from == "generated" \
        else rb.check_texts()[:n]
    rb.repair_text("We warm up tbe lexicons and the Jaranese channel tables to-day.")
    load_stages()
    if stage is not None:
        run = REGISTRY[stage]
        REGISTRY[stage] = lambda doc: operator.call(run, doc)
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())],
                   capture_output=True, check=False)
    for x in texts:
        rb.repair_text(x)


if __name__ == "__main__":
    main()
