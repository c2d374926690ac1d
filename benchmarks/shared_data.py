"""Where the benchmarks find the project's shared data (seeds, gold, outside sets).

`shared/` sits beside the repository; $ARCHIVIST_SHARED points elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("ARCHIVIST_SHARED",
                             Path(__file__).resolve().parents[2] / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
ICDAR = SHARED / "benchmarks" / "icdar2017-en"
HIPE = SHARED / "benchmarks" / "hipe2022-en"
