"""Shared building blocks for content models: immutable, strict, documented."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1
"""The content schema version this kit reads and writes."""


class Model(BaseModel):
    """Base for every content model: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=60),
    Field(description="lower-case id: letters, digits, '-' or '_'"),
]
SourceId = Annotated[
    str,
    StringConstraints(pattern=r"^S[0-9]+$"),
    Field(description="a source id from catalogue/sources.yaml, such as S17"),
]
Text = Annotated[str, StringConstraints(min_length=1), Field(description="non-empty text")]
Minutes = Annotated[int, Field(gt=0, le=600, description="whole minutes")]

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
