"""The paper fallback: printable handouts with blank answer sheets, and typing the paper
answers in afterwards so they join the session's data.

- :func:`handout_html` / :func:`write_handout`: a scenario or exercise as participants see
  it (from :func:`mskit.live.public.public_activity`; never an answer key), each stage on
  its own page, HTML and A4 PDF.
- :func:`takeaway_html` / :func:`write_takeaway`: the participant take-away, one A4 page
  of signs, the what-to-do flow and the national and local numbers.
- :func:`answers_template`: a YAML file to fill in from a paper sheet, ids explained.
- :func:`read_answers_file`, :func:`check_answers`, :func:`enter_answers`: validate each
  answer against its question's shape (``ANSWER_FORMATS``) and save it with
  ``client_id="paper"``.
"""

from __future__ import annotations

from .entry import (
    PaperEntryError,
    answers_template,
    check_answer,
    check_answers,
    enter_answers,
    find_group,
    read_answers_file,
)
from .handout import handout_html, write_handout
from .takeaway import TakeawayError, takeaway_data, takeaway_html, write_takeaway

__all__ = [
    "PaperEntryError",
    "TakeawayError",
    "answers_template",
    "check_answer",
    "check_answers",
    "enter_answers",
    "find_group",
    "handout_html",
    "read_answers_file",
    "takeaway_data",
    "takeaway_html",
    "write_handout",
    "write_takeaway",
]
