"""The trainer workbook: what the notebooks in ``notebooks/`` call, and how they are shown.

Notebooks stay thin: Markdown for the words, and one or two calls per code cell::

    from mskit import charts, workbook as wb
    wb.facilitator_notes("awareness-session", "welcome")   # in a cell tagged facilitator
    charts.nrm_referrals_by_year()
    wb.what_should_i_do()
    wb.delivery_check()                                    # the pre-delivery check

Facilitator-only cells carry the tag ``facilitator`` (:data:`FACILITATOR_TAG`); Voila
drops them before running the notebook (:mod:`mskit.workbook.facilitator`, used by
:mod:`mskit.workbook.present` and ``mskit present``).
"""

from __future__ import annotations

from typing import Any

from .facilitator import FACILITATOR_TAG, drop_facilitator_cells, prelaunch_hook

_CONTENT = (
    "kit",
    "facilitator_notes",
    "session_plan",
    "programme_table",
    "exploitation_types",
    "indicator_caution",
    "indicators_by_group",
    "agency_roles",
    "duties",
    "where_to_get_help",
    "case_studies",
    "case_study_notes",
    "activity_summary",
    "questions",
    "model_answers",
    "observation_sheet",
)
_WIDGETS = ("spot_check", "what_should_i_do", "pathway_mapper")
_DELIVERY = ("delivery_check",)

__all__ = [
    "FACILITATOR_TAG",
    "drop_facilitator_cells",
    "prelaunch_hook",
    *_CONTENT,
    *_WIDGETS,
    *_DELIVERY,
]


def __getattr__(name: str) -> Any:
    # Loaded on first use so the Voila prelaunch hook does not import the content stack.
    if name in _CONTENT:
        from . import content

        return getattr(content, name)
    if name in _WIDGETS:
        from . import widgets

        return getattr(widgets, name)
    if name in _DELIVERY:
        from .. import delivery

        return getattr(delivery, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
