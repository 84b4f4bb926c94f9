"""A borough's local contacts file, read on its own (``--contacts FILE``).

The file is validated like any content file, against the kit's catalogue, and must be of
kind ``local_contacts``. A bad file raises :class:`ContactsFileError` whose ``problems``
are ``file:line: field: what was expected`` lines; nothing here ever raises a traceback
for bad input.
"""

from __future__ import annotations

import os
from pathlib import Path

from .checks import validate
from .loader import load_file
from .models import LocalContactsFile
from .problems import Problem


class ContactsFileError(Exception):
    """A contacts file that cannot be used; ``details`` holds one :class:`Problem` per
    problem and ``problems`` the same as printable lines."""

    def __init__(self, details: list[Problem]) -> None:
        self.details = list(details)
        self.problems = [str(p) for p in self.details]
        super().__init__("\n".join(self.problems))


def load_contacts(path: str | os.PathLike[str], root: Path | None = None) -> LocalContactsFile:
    """The contacts file at ``path``, validated; :class:`ContactsFileError` if it is bad.

    Warnings (a local contact without a number, say) do not make a file bad: the
    pre-delivery check reports them.
    """
    p = Path(path).expanduser()
    if not p.is_file():
        raise ContactsFileError(
            [Problem(str(p), 1, "(file)", "no such file; expected a local contacts YAML file")]
        )
    loaded = load_file(p, str(p))
    if loaded.model is None:
        raise ContactsFileError(loaded.problems)
    if loaded.kind != "local_contacts":
        raise ContactsFileError(
            [loaded.problem(("kind",), f"expected kind: local_contacts, got {loaded.kind!r}")]
        )
    errors = [problem for problem in validate([p], root) if problem.severity == "error"]
    if errors:
        raise ContactsFileError(errors)
    assert isinstance(loaded.model, LocalContactsFile)
    return loaded.model
