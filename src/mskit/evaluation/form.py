"""Saving evaluation answers: from the participant's page or typed in from a paper form.

Light to import (no pandas), so the group page can use it. Every answer is checked against
its question's shape (:func:`mskit.paper.check_answer`) before anything is saved; a form is
saved all or nothing.

Respondent codes are anonymous codes the participant chooses (for example the first two
letters of their mother's first name and the day of their birthday), written the same way
before and after the session so the two can be paired. Never a name: codes are at most
:data:`MAX_CODE_LENGTH` letters and digits (the group page's random codes, such as
``KQ7RM``, fit).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..store import InvalidValue
from ..store.values import normalise_join_code

__all__ = [
    "MAX_CODE_LENGTH",
    "PHASES",
    "EvaluationFormError",
    "check_form_answers",
    "check_respondent_code",
    "evaluation_forms",
    "record_paper_response",
    "save_form_answers",
]

MAX_CODE_LENGTH = 12
PHASES = ("pre", "post", "once")
_CODE = re.compile(rf"^[A-Z0-9]{{2,{MAX_CODE_LENGTH}}}$")


class EvaluationFormError(ValueError):
    """The answers cannot be saved; ``problems`` lists one plain line per problem."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))


def check_respondent_code(code: Any) -> str:
    """The code as stored (upper case, spaces and hyphens removed); raises
    :class:`EvaluationFormError` when it is empty, too long or not letters and digits."""
    if not isinstance(code, str):
        raise EvaluationFormError("the respondent code must be text, such as 'AB12'")
    clean = normalise_join_code(code)
    if not _CODE.match(clean):
        raise EvaluationFormError(
            f"the respondent code must be 2 to {MAX_CODE_LENGTH} letters and digits "
            "(never a name), such as 'AB12'"
        )
    return clean


def evaluation_forms(kit: Any) -> dict[str, Any]:
    """The kit's evaluation forms by id: the pre/post knowledge check(s) and feedback forms."""
    from ..live.evaluation import is_evaluation_form

    return {fid: ex for fid, ex in kit.exercises.items() if is_evaluation_form(ex)}


def _form(kit: Any, form_id: str) -> Any:
    forms = evaluation_forms(kit)
    if form_id not in forms:
        known = ", ".join(sorted(forms)) or "none"
        raise EvaluationFormError(f"{form_id!r} is not an evaluation form; forms: {known}")
    return forms[form_id]


def _check_phase(form: Any, phase: str) -> None:
    allowed = ("pre", "post") if getattr(form, "pre_post", False) else ("once",)
    if phase not in allowed:
        raise EvaluationFormError(
            f"the form {form.id!r} is answered {' or '.join(allowed)}, not {phase!r}"
        )


def check_form_answers(
    kit: Any, form_id: str, phase: str, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """The answers ready to save (question id -> value), leaving out blank ones.

    Raises :class:`EvaluationFormError` listing every problem (unknown question, wrong
    shape, rating off the scale, text too long, phase not used by this form).
    """
    from ..paper import check_answer

    form = _form(kit, form_id)
    _check_phase(form, phase)
    if not isinstance(answers, Mapping):
        raise EvaluationFormError("answers must be a mapping of question id -> answer")
    questions = {q.id: q for q in form.questions}
    out: dict[str, Any] = {}
    problems: list[str] = []
    for qid, value in answers.items():
        q = questions.get(str(qid))
        if q is None:
            problems.append(
                f"{qid!r} is not a question of {form_id!r}; questions: {', '.join(questions)}"
            )
            continue
        if value is None or (isinstance(value, (str, list)) and not value):
            continue  # left blank
        if isinstance(value, str) and q.type == "open_text" and not value.strip():
            continue
        if q.type == "rating" and isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())  # typed in from paper
        checked, found = check_answer(q, value, kit)
        problems += [f"{qid}: {p}" for p in found]
        if not found:
            out[q.id] = checked
    if problems:
        raise EvaluationFormError(problems)
    return out


def save_form_answers(
    store: Any,
    kit: Any,
    session_id: str,
    form_id: str,
    respondent_code: str,
    phase: str,
    answers: Mapping[str, Any],
) -> list[Any]:
    """Check then save one person's answers to an evaluation form; the saved
    :class:`~mskit.store.EvaluationResponse` rows. Saving again replaces earlier answers to
    the same questions (the latest answer wins). Raises :class:`EvaluationFormError` (nothing
    saved) or the store's errors (unknown session...)."""
    code = check_respondent_code(respondent_code)
    checked = check_form_answers(kit, form_id, phase, answers)
    store.get_session(session_id)  # UnknownSession before anything is written
    saved = []
    for qid, value in checked.items():
        try:
            saved.append(store.save_evaluation(session_id, form_id, code, phase, qid, value))
        except InvalidValue as exc:
            raise EvaluationFormError(f"{qid}: {exc}") from None
    return saved


def record_paper_response(
    store: Any,
    kit: Any,
    session_id: str,
    form_id: str,
    respondent_code: str,
    phase: str,
    answers: Mapping[str, Any],
) -> list[Any]:
    """Type in one respondent's paper form (same checks as :func:`save_form_answers`).

    ``answers`` maps question ids to the answer as the question expects it: an option id for
    single choice, a list of option ids for multiple choice, a whole number for a rating,
    text for open questions; ``"__pass__"`` for "not sure". The entry is noted in the
    facilitator log (``paper_evaluation``: form, phase, code, number of answers).
    """
    saved = save_form_answers(store, kit, session_id, form_id, respondent_code, phase, answers)
    store.log(
        session_id,
        "paper_evaluation",
        {
            "form_id": form_id,
            "phase": phase,
            "respondent_code": check_respondent_code(respondent_code),
            "answers": len(saved),
        },
    )
    return saved
