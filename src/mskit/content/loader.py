"""Turn one YAML file into a validated model, or into clear problems. Never raises."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .base import SCHEMA_VERSION
from .models import FILE_MODELS
from .problems import Problem
from .yamlio import Document, Loc, YamlFileError, fast_load, read_document


@dataclass
class LoadedFile:
    """A content file as read: its data, its model if valid, and its problems.

    Line numbers come from a round-trip parse, done only when a problem needs one: a
    clean file is read with the fast (C) loader alone.
    """

    path: Path
    display: str
    data: Any = None
    model: BaseModel | None = None
    problems: list[Problem] = field(default_factory=list)
    _document: Document | None = None

    @property
    def document(self) -> Document | None:
        """The file with line numbers (parsed on first use)."""
        if self._document is None:
            try:
                self._document = read_document(self.path)
            except YamlFileError:
                return None
        return self._document

    @property
    def kind(self) -> str | None:
        kind = self.data.get("kind") if isinstance(self.data, dict) else None
        return kind if isinstance(kind, str) else None

    def problem(self, loc: Loc, message: str, severity: str = "error") -> Problem:
        """A problem at ``loc`` in this file, with its line and field path."""
        doc = self.document
        line = doc.line_of(loc) if doc else 1
        path = doc.field_path(loc) if doc else "(file)"
        return Problem(self.display, line, path, message, severity)  # type: ignore[arg-type]


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read and validate one content file; problems are collected, never raised."""
    loaded = LoadedFile(path=path, display=display or str(path))
    try:
        loaded.data = fast_load(path)
    except Exception:  # any failure: the careful reader below says what and where
        try:
            loaded._document = read_document(path)
        except YamlFileError as exc:
            loaded.problems.append(Problem(loaded.display, exc.line, "(file)", exc.message))
            return loaded
        loaded.data = loaded._document.data
    data = loaded.data
    kinds = ", ".join(sorted(FILE_MODELS))
    if data is None:
        loaded.problems.append(
            loaded.problem(
                (), "empty file; expected a mapping starting with schema_version and kind"
            )
        )
        return loaded
    if not isinstance(data, dict):
        got = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        loaded.problems.append(
            loaded.problem((), f"expected a mapping with schema_version and kind, got {got}")
        )
        return loaded
    version = data.get("schema_version")
    if "schema_version" not in data:
        loaded.problems.append(
            loaded.problem(
                ("schema_version",), f"required; expected schema_version: {SCHEMA_VERSION}"
            )
        )
        return loaded
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        loaded.problems.append(
            loaded.problem(
                ("schema_version",),
                f"schema_version {version} is newer than this kit reads ({SCHEMA_VERSION}); "
                "update mskit to read this file",
            )
        )
        return loaded
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in FILE_MODELS:
        what = "required" if kind is None else f"unknown kind {_short(kind)}"
        loaded.problems.append(loaded.problem(("kind",), f"{what}; expected one of: {kinds}"))
        return loaded
    model_cls = FILE_MODELS[kind]
    try:
        loaded.model = model_cls.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for err in errors:
            loc = tuple(err["loc"])
            if err["type"] == "too_short" and _has_deeper(errors, loc):
                continue  # pydantic counts items that failed: the deeper error says why
            loaded.problems.append(loaded.problem(loc, explain(err, model_cls)))
        loaded.problems.sort(key=lambda p: p.line)
    return loaded


def _has_deeper(errors: list[Any], loc: Loc) -> bool:
    return any(len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors)


def explain(err: Any, model_cls: type[BaseModel]) -> str:
    """A plain-English 'what was expected' for one pydantic error."""
    kind, loc, msg = err["type"], tuple(err["loc"]), err["msg"]
    if loc == ("schema_version",):
        return f"expected schema_version: {SCHEMA_VERSION}, got {err.get('input')!r}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = allowed_fields(model_cls, loc[:-1])
        hint = f"; expected one of: {', '.join(allowed)}" if allowed else ""
        return f"unknown field {loc[-1]!r}{hint}"
    if kind == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        if pattern.startswith("^[a-z0-9]"):
            return f"expected a lower-case id (letters, digits, '-', '_'), got {err.get('input')!r}"
        if pattern.startswith("^S"):
            return f"expected a source id such as S17, got {err.get('input')!r}"
        if pattern.startswith("^([01]"):
            return f"expected a time as HH:MM, got {err.get('input')!r}"
    if kind.startswith("date_"):
        return f"expected a date as YYYY-MM-DD, got {_short(err.get('input'))}"
    if kind in {"too_short", "too_long"}:
        ctx = err.get("ctx") or {}
        if kind == "too_short":
            return (
                f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
            )
        return f"expected at most {ctx.get('max_length')} item(s), got {ctx.get('actual_length')}"
    if kind == "union_tag_invalid":
        ctx = err.get("ctx") or {}
        return f"unknown type {ctx.get('tag')!r}; expected one of: " + str(
            ctx.get("expected_tags", "")
        ).replace("'", "")
    got = err.get("input")
    text = msg.replace("Input should be", "expected").replace("Value error, ", "")
    if kind not in {"union_tag_invalid", "union_tag_not_found"} and not isinstance(
        got, dict | list
    ):
        text += f", got {_short(got)}"
    return text


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def allowed_fields(model_cls: type[BaseModel], loc: Loc) -> list[str]:
    """The field names a model accepts at ``loc`` (following tuples, dicts and unions)."""
    target: Any = model_cls
    for part in loc:
        target = _step(target, part)
        if target is None:
            return []
    target = _unwrap(target)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _step(tp: Any, part: str | int) -> Any:
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        info = tp.model_fields.get(part) if isinstance(part, str) else None
        return info.annotation if info else None
    if origin in (tuple, list) and isinstance(part, int):
        return typing.get_args(tp)[0]
    if origin is dict:
        return typing.get_args(tp)[1]
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            arg = _unwrap(arg)
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                tag = arg.model_fields.get("type")
                if tag is not None and part in typing.get_args(tag.annotation):
                    return arg
        return next((a for a in typing.get_args(tp) if a is not type(None)), None)
    return None
