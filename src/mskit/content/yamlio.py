"""Read YAML with line numbers, and never let a bad file raise past this module."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

Loc = tuple[str | int, ...]


class YamlFileError(Exception):
    """A file that cannot be read as YAML. ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data (a round-trip tree that remembers lines)."""

    path: Path
    data: Any

    def line_of(self, loc: Loc) -> int:
        """The 1-based line of the deepest part of ``loc`` found in the file.

        Parts of ``loc`` that are not in the data (pydantic adds union tags) are skipped.
        """
        node, line = self.data, 1
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
        return line

    def field_path(self, loc: Loc) -> str:
        """``loc`` as ``stages[0].questions[1].correct``, without pydantic's union tags."""
        node, out = self.data, ""
        for part in loc:
            if isinstance(node, CommentedMap) and part not in node and _is_tag(node, part):
                continue
            if isinstance(part, int):
                out += f"[{part}]"
            else:
                out += f".{part}" if out else str(part)
            if isinstance(node, CommentedMap):
                node = node.get(part)
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                node = None
        return out or "(file)"


def _is_tag(node: CommentedMap, part: Any) -> bool:
    """True when ``part`` is the discriminator value pydantic put into the location."""
    return node.get("type") == part or node.get("kind") == part


_FAST = YAML(typ="safe")  # uses the C parser (ruamel.yaml.clib) when it is installed


def fast_load(path: Path) -> Any:
    """Parse ``path`` quickly, without line numbers; raises on any problem at all."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    if "\x00" in text:
        raise ValueError("NUL byte")
    return _FAST.load(text)


def read_document(path: Path) -> Document:
    """Parse ``path`` as YAML; raise :class:`YamlFileError` with a line for any failure."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(1, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError(
            line, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); expected a YAML text file"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlFileError(line, "binary data (a NUL byte); expected a YAML text file")
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise YamlFileError(line, f"not valid YAML: {what}") from None
    except YAMLError as exc:
        raise YamlFileError(1, f"not valid YAML: {_first_line(exc)}") from None
    except (RecursionError, ValueError, TypeError) as exc:
        raise YamlFileError(1, f"not valid YAML: {_first_line(exc)}") from None
    return Document(path=path, data=data)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
