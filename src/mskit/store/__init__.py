"""Results store: sessions, groups, answers (with history), marks, evaluation, log.

SQLite by default (one file in the data folder, safe for many kernel processes
writing at once), PostgreSQL by URL. Start with :func:`open_store`.
"""

from __future__ import annotations

from .api import Store, open_store
from .errors import (
    ActivityLocked,
    CodeInUse,
    DuplicateGroup,
    ImportFormatError,
    InvalidValue,
    NotAnMskitDatabase,
    SchemaTooNew,
    StaleWrite,
    StoreError,
    StoreLocationError,
    StoreUnavailable,
    UnknownGroup,
    UnknownJoinCode,
    UnknownRespondent,
    UnknownSession,
)
from .location import default_data_dir
from .rows import (
    ActivityState,
    Answer,
    EvaluationResponse,
    Group,
    LogEntry,
    Mark,
    SaveResult,
    Session,
    Submission,
)
from .schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ActivityLocked",
    "ActivityState",
    "Answer",
    "CodeInUse",
    "DuplicateGroup",
    "EvaluationResponse",
    "Group",
    "ImportFormatError",
    "InvalidValue",
    "LogEntry",
    "Mark",
    "NotAnMskitDatabase",
    "SaveResult",
    "SchemaTooNew",
    "Session",
    "StaleWrite",
    "Store",
    "StoreError",
    "StoreLocationError",
    "StoreUnavailable",
    "Submission",
    "UnknownGroup",
    "UnknownJoinCode",
    "UnknownRespondent",
    "UnknownSession",
    "default_data_dir",
    "open_store",
]
