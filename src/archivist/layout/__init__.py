"""layout stages. `STAGES` lists this package's stages in their default order."""

STAGES: list[str] = []
# Stages that run after repair (reading order is scored on repaired words).
STAGES_AFTER_REPAIR: list[str] = []
