"""A simulated learner: the answers it gives (the model answer, a pass, or a near miss, in
turn), how it gives them in the page (mouse or keyboard only), and the score the Python
scorers expect for them."""

from __future__ import annotations

import math
from typing import Any

from mskit.content.questions import PASS
from mskit.elearning.course import Part
from mskit.scoring import model_answer, score
from mskit.scoring.activity import questions_of


def planned_answer(q: Any, n: int) -> Any:
    """The ``n``-th question's answer: model answer, pass, near miss, in turn."""
    t = q.type
    if t in ("free_text", "open_text"):
        return "Tell my safeguarding lead and refer to a First Responder."
    if t == "rating":
        return q.scale_min + n % (q.scale_max - q.scale_min + 1)
    m = model_answer(q)
    mode = n % 3
    if mode == 0 or (mode == 1 and not q.allow_pass):
        return m
    if mode == 1:
        if t in ("single_choice", "classification"):
            return PASS
        if t == "sort":
            return {i.id: PASS for i in q.items}
        return [PASS]
    if t == "single_choice":
        return next(o.id for o in q.options if not o.correct)
    if t == "classification":
        return next(c for c in ("smuggling", "modern_slavery", "trafficking") if c != q.correct)
    if t == "multiple_choice":
        wrong = [o.id for o in q.options if not o.correct]
        return m[:1] + wrong[:1]
    if t == "indicator_spotting":
        return m[:1] + list(q.distractors[:1])
    if t == "action_plan":
        return list(reversed(m))
    if t == "match":
        first = q.items[0]
        return {first.id: list(first.answer)}
    if t == "sort":
        cats = [c.id for c in q.categories]
        out = {i.id: i.answer for i in q.items}
        first = q.items[0]
        out[first.id] = next(c for c in cats if c != first.answer)
        return out
    return m


def course_answers(parts: list[Part]) -> dict[str, tuple[Any, Any, str | None]]:
    """Question key -> (question, planned answer, phase), in course order."""
    out = {}
    n = 0
    for idx, part in enumerate(parts):
        for _st, q in questions_of(part.activity):
            out[f"{idx}.{q.id}"] = (q, planned_answer(q, n), part.phase)
            n += 1
    return out


def expected_percent(answers: dict[str, tuple[Any, Any, str | None]], kit) -> int:
    """The course score (0-100) the Python scorers give these answers: every scored
    question but free text, without the knowledge check taken at the start."""
    got = total = 0.0
    for q, a, phase in answers.values():
        if phase == "before" or q.type == "free_text":
            continue
        s = score(q, a, kit)
        if s.max_points <= 0:
            continue
        got += s.points
        total += s.max_points
    return math.floor(100 * got / total + 0.5)


# --- giving the answer in the page ---------------------------------------------------------


def fill(box, q: Any, answer: Any) -> None:
    """Give ``answer`` with the mouse (``box`` is the question's locator)."""
    t = q.type
    if t in ("single_choice", "classification", "rating"):
        box.locator(f'input[value="{answer}"]').check()
    elif t in ("multiple_choice", "indicator_spotting"):
        for a in answer:
            box.locator(f'input[value="{a}"]').check()
    elif t == "action_plan":
        if answer == [PASS]:
            box.locator("input[data-pass]").check()
        for n, a in enumerate(x for x in answer if x != PASS):
            box.locator(f'select[data-action-id="{a}"]').select_option(str(n + 1))
    elif t == "match":
        if answer == [PASS]:
            box.locator("input[data-pass]").check()
            return
        for item, targets in answer.items():
            for target in targets:
                box.locator(f'fieldset[data-item="{item}"] input[value="{target}"]').check()
    elif t == "sort":
        for item, cat in answer.items():
            box.locator(f'select[data-item="{item}"]').select_option(cat)
    else:
        box.locator("textarea").fill(answer)


def _active(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _active(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def keyboard_fill(page, scope: str, q: Any, answer: Any) -> None:
    """Give ``answer`` with the keyboard only (``scope`` is the question's CSS selector)."""
    t = q.type
    if t in ("single_choice", "classification", "rating"):
        tab_to(page, f"{scope} input[type=radio]")
        page.keyboard.press("Space")
        for _ in range(20):
            if _active(page, f'{scope} input[value="{answer}"]'):
                break
            page.keyboard.press("ArrowDown")
        assert _active(page, f'{scope} input[value="{answer}"]:checked')
        return
    if t in ("multiple_choice", "indicator_spotting"):
        for a in answer:
            tab_to(page, f'{scope} input[value="{a}"]')
            page.keyboard.press("Space")
        return
    if t == "action_plan":
        if answer == [PASS]:
            tab_to(page, f"{scope} input[data-pass]")
            page.keyboard.press("Space")
            return
        for n, a in enumerate(answer):
            _keyboard_select(page, f'{scope} select[data-action-id="{a}"]', str(n + 1))
        return
    if t == "match":
        if answer == [PASS]:
            tab_to(page, f"{scope} input[data-pass]")
            page.keyboard.press("Space")
            return
        for item, targets in answer.items():
            for target in targets:
                tab_to(page, f'{scope} fieldset[data-item="{item}"] input[value="{target}"]')
                page.keyboard.press("Space")
        return
    if t == "sort":
        for item, cat in answer.items():
            _keyboard_select(page, f'{scope} select[data-item="{item}"]', cat)
        return
    tab_to(page, f"{scope} textarea")
    page.keyboard.type(answer)


def _keyboard_select(page, selector: str, value: str) -> None:
    tab_to(page, selector)
    for _ in range(40):
        if page.evaluate("(s) => document.querySelector(s).value", selector) == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {value} in {selector} by keyboard")
