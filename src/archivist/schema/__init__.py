"""The JSON Schema of archivist's document output (schema archivist/1)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def document_schema() -> dict[str, Any]:
    return json.loads((resources.files(__name__) / "document.schema.json").read_text("utf-8"))


def validate_document(doc_json: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError if `doc_json` breaks the contract."""
    import jsonschema

    jsonschema.validate(doc_json, document_schema())
