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


class ContactsFileError(Exception):
    """A contacts file that cannot be used; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def load_contacts(path: str | os.PathLike[str], root: Path | None = None) -> LocalContactsFile:
    """The contacts file at ``path``, validated; :class:`ContactsFileError` if it is bad.

    Warnings (a local contact without a number, say) do not make a file bad: the
    pre-delivery check reports them.
    """
    p = Path(path).expanduser()
    if not p.is_file():
        raise ContactsFileError([f"{p}: no such file; expected a local contacts YAML file"])
    loaded = load_file(p, str(p))
    if loaded.model is None:
        raise ContactsFileError([str(problem) for problem in loaded.problems])
    if loaded.kind != "local_contacts":
        raise ContactsFileError(
            [str(loaded.problem(("kind",), f"expected kind: local_contacts, got {loaded.kind!r}"))]
        )
    errors = [p_ for p_ in validate([p], root) if p_.severity == "error"]
    if errors:
        raise ContactsFileError([str(problem) for problem in errors])
    assert isinstance(loaded.model, LocalContactsFile)
    return loaded.model
