"""Evaluation of sessions and of the programme.

- Forms (light, no pandas; for the group page and paper entry): :func:`save_form_answers`,
  :func:`record_paper_response`, :func:`check_respondent_code`, :func:`evaluation_forms`.
- One session, as DataFrames (:mod:`.knowledge`): :func:`matching_summary`,
  :func:`knowledge_scores`, :func:`match_respondents`, :func:`knowledge_gain`,
  :func:`item_gain`, :func:`most_often_wrong`, :func:`confidence_change`,
  :func:`feedback_ratings`, :func:`feedback_comments`; as HTML for the session report:
  :func:`session_evaluation_section` (store) / :func:`evaluation_section_from_snapshot`.
- Across sessions (:mod:`.programme`): :func:`programme_from_store`,
  :func:`programme_from_files` -> :class:`Programme`; session files
  :func:`export_session_file`, :func:`combine_session_files`; follow-up actions and head
  counts :func:`record_follow_up`, :func:`record_attendance`; the board's report
  :func:`programme_report_html`, :func:`write_programme_report` (HTML, PDF, XLSX) with
  small numbers suppressed (:mod:`.suppress`).

Names are imported on first use, so ``import mskit.evaluation`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

from .form import (
    EvaluationFormError,
    check_form_answers,
    check_respondent_code,
    evaluation_forms,
    record_paper_response,
    save_form_answers,
)

_LAZY = {
    "knowledge": (
        "responses_frame", "item_results", "knowledge_scores", "match_respondents",
        "matching_summary", "knowledge_gain", "item_gain", "most_often_wrong",
        "confidence_change", "feedback_ratings", "feedback_comments",
    ),
    "session": ("session_evaluation_section", "evaluation_section_from_snapshot",
                "session_evaluation_tables"),
    "programme": ("Programme", "programme_from_store", "programme_from_files", "agency_split",
                  "first_year_end", "COMMITMENT_SESSIONS", "COMMITMENT_STAFF"),
    "files": ("export_session_file", "read_session_file", "combine_session_files",
              "CombineResult", "SessionFileError"),
    "followup": ("ACTIONS", "FollowUpError", "record_follow_up", "record_attendance"),
    "report": ("programme_report_html", "programme_tables", "write_programme_report",
               "ReportError", "REPORT_FORMATS"),
    "suppress": ("SUPPRESSED", "THRESHOLD", "suppress_count", "suppress_stat", "hide_small"),
    "demo": ("demo_session_files",),
}  # fmt: skip
_WHERE = {name: mod for mod, names in _LAZY.items() for name in names}

__all__ = [
    "EvaluationFormError",
    "check_form_answers",
    "check_respondent_code",
    "evaluation_forms",
    "record_paper_response",
    "save_form_answers",
    *sorted(_WHERE),
]


def __getattr__(name: str) -> Any:
    mod = _WHERE.get(name)
    if mod is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{mod}"), name)
