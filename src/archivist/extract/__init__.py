"""extract stages. `STAGES` lists this package's stages in their default order."""

STAGES: list[str] = []
