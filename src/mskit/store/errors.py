"""Errors the store raises for things a user can cause.

Every message is plain English meant to be printed as-is by the CLI or shown
on the facilitator board; none of them carries a database traceback.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base class for every error the results store raises on purpose."""


class StoreLocationError(StoreError):
    """The data folder or database URL cannot be used."""


class StoreUnavailable(StoreError):
    """The database could not be reached or written (locked too long, disk full, down)."""


class SchemaTooNew(StoreError):
    """The database was written by a newer mskit than this one."""

    def __init__(self, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"This results database was written by a newer version of mskit "
            f"(database schema version {found}; this mskit understands up to "
            f"version {supported}). Upgrade mskit to open it; nothing was changed."
        )


class NotAnMskitDatabase(StoreError):
    """The database holds tables but none of mskit's bookkeeping."""


class UnknownSession(StoreError, LookupError):
    """No session has the given id."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(f"There is no session with id {session_id!r} in this results store.")


class UnknownGroup(StoreError, LookupError):
    """No group has the given id (in the given session)."""

    def __init__(self, group_id: str, session_id: str | None = None) -> None:
        self.group_id = group_id
        self.session_id = session_id
        where = f" in session {session_id!r}" if session_id else ""
        super().__init__(f"There is no group with id {group_id!r}{where}.")


class UnknownJoinCode(UnknownGroup):
    """No group has the given join code."""

    def __init__(self, code: str) -> None:
        self.code = code
        StoreError.__init__(
            self,
            f"No group has the join code {code!r}. Check the code shown on the projector.",
        )
        self.group_id = ""
        self.session_id = None


class DuplicateGroup(StoreError):
    """A group with the same label already exists in the session."""


class StaleWrite(StoreError):
    """An answer was saved from an out-of-date view: someone else saved first."""

    def __init__(self, expected: int, current: int) -> None:
        self.expected = expected
        self.current = current
        super().__init__(
            f"This answer was changed elsewhere (you had version {expected}, the saved "
            f"version is {current}). Reload to see the latest answer before saving."
        )


class ActivityLocked(StoreError):
    """Answers to a locked activity cannot be changed."""

    def __init__(self, activity_id: str) -> None:
        self.activity_id = activity_id
        super().__init__(
            f"The facilitator has locked activity {activity_id!r}; answers can no longer "
            f"be changed."
        )


class InvalidValue(StoreError, ValueError):
    """An argument has the wrong shape (empty id, unknown phase, value not JSON...)."""


class ImportFormatError(StoreError):
    """An export file cannot be imported."""


class CodeInUse(StoreError):
    """The personal code is already held by another device for this form."""

    def __init__(self, code: str, scope: str) -> None:
        self.code, self.scope = code, scope
        super().__init__(f"The personal code {code} is already in use for {scope}.")


class UnknownRespondent(StoreError, LookupError):
    """No personal code like this was given out (or used) in the session."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"No personal code {code} was given out in this session.")
