"""JSON Schema files for editors: one per kind of content file."""

from __future__ import annotations

import json
from pathlib import Path

from .models import FILE_MODELS

SCHEMA_URL = "https://mskit.invalid/schemas/{kind}.schema.json"


def json_schemas() -> dict[str, dict]:
    """``{kind: schema}`` for every kind of content file."""
    out = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = SCHEMA_URL.format(kind=kind)
        schema["title"] = f"mskit {kind.replace('_', ' ')} file"
        out[kind] = schema
    return out


def write_schemas(out_dir: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` files into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in json_schemas().items():
        path = out_dir / f"{kind}.schema.json"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
