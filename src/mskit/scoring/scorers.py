"""Scoring one answer to one question: :func:`score` and the :data:`SCORERS` registry.

``SCORERS`` maps a question ``type`` to a function ``(question, answer, catalogue) -> Score``;
a new question type plugs in with ``SCORERS["new_type"] = fn`` (or ``@register("new_type")``).
Answer shapes are those of ``ANSWER_FORMATS``; how odd answers are read is in
:mod:`mskit.scoring.answers`. Whatever the answer, scoring never raises: an answer that
cannot be read scores as unanswered and the feedback says why.

Rules per type (the maximum is the question's ``points``, or the default its model names):

- **single_choice**, **classification**: full marks for a right option (for classification,
  ``correct`` or any of ``also_accept``), else 0.
- **multiple_choice**, **indicator_spotting**: the question's ``rule``, see
  :mod:`mskit.scoring.rules`. For indicator spotting the right set is ``present`` and the
  offered set is ``present`` + ``distractors``. Feedback per indicator uses the question's
  ``notes`` and, with a catalogue, the indicator's text.
- **action_plan**: let ``u = points / |essential|``. Each essential action picked earns +u,
  each harmful action picked costs −u, each broken order rule costs −u; helpful actions
  (offered, neither essential nor harmful) neither add nor cost. The total is floored at 0
  (and cannot pass ``points``, which the essentials alone reach). Order rules: ``first: X``
  is kept when X comes before every other picked action; ``before: A, after: B`` is kept
  when A comes before B. A rule is only checked when the actions it names are in the plan
  (a missing essential already costs its point; a missing harmful action is good), so a
  plan of the essentials in a rule-keeping order gets full marks. Ids that are not offered
  are ignored (they neither earn nor cost, and take no place in the order) and the feedback
  says so. ``max_picks`` is not enforced by the mark (the form enforces it); a longer plan
  gets a note. Adding a harmful action can never raise the mark: it costs u and can only
  break order rules, never keep one that earned anything.
- **match**: each item is worth ``points / |items|`` and is right only when the picked
  target set equals the item's ``answer`` set. No partial credit within an item: with
  partial credit, ticking every target for every item would earn marks for no knowledge,
  and a missed duty or agency is what the exercise exists to catch. The feedback names the
  missing and the extra targets so a near miss is still visible.
- **sort**: each item in its right category is worth ``points / |items|``.
- **free_text**: ``needs_marking`` with 0 points until a :class:`ManualMark` is given.
- **rating**, **open_text**: ``unscored``, maximum 0; the answer is echoed in the breakdown.

A ``PASS`` ("not sure") answer scores 0 with status ``passed`` and never costs points; a
``PASS`` inside a list is ignored; ``PASS`` for one item of a match or sort is 0 for that
item. ``score(..., mark=ManualMark(points, comment))`` sets the mark by hand for any scored
question (clamped to ``[0, max]``); that is how free text gets marked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mskit.content.questions import CLASSIFICATIONS, PASS

from .answers import Parsed, read_choice, read_id_list, read_mapping, read_rating, read_text
from .catalogue import action_info, indicator_text
from .rules import describe_rule, mark_multi
from .types import Entry, ManualMark, Score, Status

Scorer = Callable[[Any, Any, Any], Score]

SCORERS: dict[str, Scorer] = {}
"""Question ``type`` -> scorer ``(question, answer, catalogue) -> Score``."""

RAISE_ERRORS = False
"""When True (tests), a scorer's exception propagates instead of becoming 'unanswered'."""


def register(type_: str) -> Callable[[Scorer], Scorer]:
    """Decorator: make ``fn`` the scorer of questions of ``type_``."""

    def deco(fn: Scorer) -> Scorer:
        SCORERS[type_] = fn
        return fn

    return deco


# --- helpers ---------------------------------------------------------------------------


def fmt(x: float) -> str:
    """A number of points as short text: 1, 0.5, 1.33."""
    x = round(float(x), 2)
    return str(int(x)) if x == int(x) else f"{x:g}"


def clean(text: str) -> str:
    """Text without a final full stop, to be followed by more words."""
    return text.rstrip().rstrip(".")


def _signed(x: float) -> str:
    if abs(x) < 1e-12:
        return ""
    return f" (+{fmt(x)})" if x > 0 else f" (−{fmt(-x)})"


def max_points(question: Any) -> float:
    """The most ``question`` can score: its ``points``, or the default its model describes."""
    t = getattr(question, "type", None)
    points = getattr(question, "points", None)
    if t in ("rating", "open_text") or t not in SCORERS:
        return 0.0
    if points is not None:
        return float(points)
    if t == "multiple_choice":
        return float(max(1, sum(o.correct for o in question.options)))
    if t == "indicator_spotting":
        return float(max(1, len(set(question.present))))
    if t == "action_plan":
        return float(max(1, len(set(question.essential))))
    if t in ("match", "sort"):
        return float(max(1, len(question.items)))
    return 1.0


def _sources(q: Any) -> tuple[str, ...]:
    return tuple(getattr(q, "sources", ()) or ())


def _feedback(q: Any, headline: str, lines: list[str] | tuple[str, ...] = (), notes=()) -> str:
    parts = [headline, *lines, *(f"Note: {n}" for n in notes)]
    rationale = getattr(q, "rationale", None)
    if rationale:
        parts.append(f"Why: {rationale}")
    src = _sources(q)
    if src:
        parts.append("Sources: " + ", ".join(src) + ".")
    return "\n".join(p for p in parts if p)


def _make(
    q: Any,
    points: float,
    status: Status,
    headline: str,
    entries: list[Entry] | tuple[Entry, ...] = (),
    notes: tuple[str, ...] | list[str] = (),
    lines: list[str] | None = None,
) -> Score:
    mx = max_points(q)
    points = round(min(max(points, 0.0), mx), 9)
    if lines is None:
        lines = [e.feedback for e in entries if e.feedback]
    return Score(
        question_id=q.id,
        question_type=q.type,
        points=points,
        max_points=mx,
        status=status,
        breakdown=tuple(entries),
        feedback=_feedback(q, headline, lines, notes),
        sources=_sources(q),
    )


def _not_scored(q: Any, parsed: Parsed) -> Score | None:
    """The Score for a pass or a missing/unreadable answer, or None for a real answer."""
    mx = max_points(q)
    if parsed.kind == "passed":
        return _make(
            q,
            0,
            "passed",
            f"Passed ('not sure'): 0 of {fmt(mx)} points; a pass never costs points.",
        )
    if parsed.kind == "unanswered":
        notes = (
            (f"the answer could not be read ({parsed.problem}), so it counts as unanswered",)
            if parsed.problem
            else ()
        )
        return _make(q, 0, "unanswered", f"No answer: 0 of {fmt(mx)} points.", notes=notes)
    return None


def _headline(points: float, mx: float, how: str = "") -> str:
    return f"{fmt(points)} of {fmt(mx)} points" + (f" ({how})." if how else ".")


# --- single choice and classification --------------------------------------------------


@register("single_choice")
def score_single_choice(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """Full marks for a right option; 0 for any other."""
    parsed = read_choice(answer)
    if (s := _not_scored(q, parsed)) is not None:
        return s
    mx = max_points(q)
    ids = [o.id for o in q.options]
    entries = []
    got = 0.0
    for o in q.options:
        picked = o.id == parsed.value
        delta = mx if picked and o.correct else 0.0
        got += delta
        if picked:
            verdict = "Right answer" if o.correct else "Not the right answer"
            text = f"{verdict}: {clean(o.text)}{_signed(delta)}." + (
                f" {o.feedback}" if o.feedback else ""
            )
        elif o.correct:
            text = f"The right answer: {clean(o.text)}." + (f" {o.feedback}" if o.feedback else "")
        else:
            text = ""
        entries.append(Entry(o.id, picked, o.correct, delta, text))
    notes = []
    if parsed.value not in ids:
        notes.append(f"'{parsed.value}' is not one of the options; it counts as a wrong answer")
        entries.append(Entry(parsed.value, True, False, 0.0, ""))
    return _make(q, got, "scored", _headline(got, mx), entries, notes)


@register("classification")
def score_classification(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """Full marks for ``correct`` or any of ``also_accept``; 0 for any other."""
    parsed = read_choice(answer)
    if (s := _not_scored(q, parsed)) is not None:
        return s
    mx = max_points(q)
    accepted = {q.correct, *q.also_accept}
    entries = []
    got = 0.0
    for cid, label in CLASSIFICATIONS.items():
        picked = cid == parsed.value
        right = cid in accepted
        delta = mx if picked and right else 0.0
        got += delta
        why = q.feedback.get(cid)
        if picked:
            verdict = "Right" if right else "Not right"
            text = f"{verdict}: {label}{_signed(delta)}." + (f" {why}" if why else "")
        elif cid == q.correct:
            text = f"The model answer: {label}." + (f" {why}" if why else "")
        else:
            text = ""
        entries.append(Entry(cid, picked, right, delta, text))
    notes = []
    if parsed.value not in CLASSIFICATIONS:
        notes.append(f"'{parsed.value}' is not a classification; it counts as a wrong answer")
        entries.append(Entry(parsed.value, True, False, 0.0, ""))
    return _make(q, got, "scored", _headline(got, mx), entries, notes)


# --- multi-select ----------------------------------------------------------------------


def _multi(
    q: Any,
    answer: Any,
    offered: list[str],
    right: set[str],
    label: Callable[[str], str],
    why: Callable[[str], str | None],
    weights: Mapping[str, float | None] | None,
    words: Mapping[str, str],
) -> Score:
    parsed = read_id_list(answer)
    if (s := _not_scored(q, parsed)) is not None:
        return s
    mx = max_points(q)
    picked = list(parsed.value)
    got, delta = mark_multi(q.rule, offered, right, picked, points=mx, weights=weights)
    offered_s = set(offered)
    entries = []
    for i in offered + [p for p in picked if p not in offered_s]:
        is_picked, is_right, d = i in picked, i in right, delta.get(i, 0.0)
        w = why(i)
        if i not in offered_s:
            text = f"{words['unknown']}: '{i}' (counted as a wrong pick){_signed(d)}."
        elif is_picked and is_right:
            text = f"{words['right_picked']}: {label(i)}{_signed(d)}."
        elif is_picked:
            text = f"{words['wrong_picked']}: {label(i)}{_signed(d)}."
        elif is_right:
            text = f"{words['missed']}: {label(i)}."
        elif d:
            text = f"{words['left_alone']}: {label(i)}{_signed(d)}."
        else:
            text = ""
        if text and w:
            text += f" {w}"
        entries.append(Entry(i, is_picked, is_right, d, text))
    notes = list(parsed.notes)
    raw = sum(delta.values())
    if raw < -1e-9:
        notes.append("the wrong picks outweighed the right ones; the mark is floored at zero")
    return _make(
        q,
        got,
        "scored",
        _headline(got, mx, describe_rule(q.rule, mx, len(right), len(offered))),
        entries,
        notes,
    )


@register("multiple_choice")
def score_multiple_choice(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """The question's multi-select ``rule`` over its options."""
    by_id = {o.id: o for o in q.options}
    return _multi(
        q,
        answer,
        offered=list(by_id),
        right={o.id for o in q.options if o.correct},
        label=lambda i: clean(by_id[i].text),
        why=lambda i: by_id[i].feedback if i in by_id else None,
        weights={o.id: o.weight for o in q.options},
        words={
            "unknown": "Not one of the options",
            "right_picked": "Right pick",
            "wrong_picked": "Wrong pick",
            "missed": "Missed",
            "left_alone": "Rightly left alone",
        },
    )


@register("indicator_spotting")
def score_indicator_spotting(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """The question's multi-select ``rule``: right = ``present``, offered = present + distractors."""
    offered = list(dict.fromkeys([*q.present, *q.distractors]))
    present = set(q.present)

    def label(i: str) -> str:
        return clean(indicator_text(catalogue, i) or i)

    def why(i: str) -> str | None:
        note = q.notes.get(i)
        if note:
            return note
        if i in present:
            return None
        return "The story does not show this sign." if i in offered else None

    return _multi(
        q,
        answer,
        offered=offered,
        right=present,
        label=label,
        why=why,
        weights=None,
        words={
            "unknown": "Not one of the offered indicators",
            "right_picked": "Spotted",
            "wrong_picked": "Not in this story",
            "missed": "Missed",
            "left_alone": "Rightly left alone",
        },
    )


# --- action plan -----------------------------------------------------------------------


def rule_text(rule: Any, label: Callable[[str], str] = str) -> str:
    """An order rule in words ("X first", "A before B"); ``label`` names an action id."""
    parts = []
    if rule.first:
        parts.append(f"{label(rule.first)} first")
    if rule.before and rule.after:
        parts.append(f"{label(rule.before)} before {label(rule.after)}")
    return "; ".join(parts) or "(a rule naming no actions)"


def check_order(rule: Any, plan: list[str]) -> str:
    """``kept``, ``broken`` or ``not checked`` (an action it names is not in ``plan``)."""
    results = []
    if rule.first and rule.first in plan:
        results.append(plan.index(rule.first) == 0)
    if rule.before and rule.after and rule.before in plan and rule.after in plan:
        results.append(plan.index(rule.before) < plan.index(rule.after))
    if not results:
        return "not checked"
    return "kept" if all(results) else "broken"


def action_rating(q: Any, id_: str) -> str:
    """``essential``, ``harmful`` or ``helpful`` for this question (essential wins a clash)."""
    if id_ in q.essential:
        return "essential"
    if id_ in q.harmful:
        return "harmful"
    return "helpful"


@register("action_plan")
def score_action_plan(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """+u per essential, −u per harmful, −u per broken order rule, floored at 0."""
    parsed = read_id_list(answer)
    if (s := _not_scored(q, parsed)) is not None:
        return s
    mx = max_points(q)
    essential = list(dict.fromkeys(q.essential))
    unit = mx / max(1, len(essential))
    known = set(q.actions) | set(q.essential) | set(q.harmful)
    plan = [a for a in parsed.value if a in known]
    unknown = [a for a in parsed.value if a not in known]

    def label(i: str) -> str:
        info = action_info(catalogue, i)
        return clean(info.text) if info and info.text else i

    def why(i: str) -> str:
        if q.notes.get(i):
            return q.notes[i]
        info = action_info(catalogue, i)
        return info.why if info and info.why else ""

    entries: list[Entry] = []
    for pos, a in enumerate(plan, start=1):
        rating = action_rating(q, a)
        d = unit if rating == "essential" else -unit if rating == "harmful" else 0.0
        head = {
            "essential": "Essential",
            "harmful": "Harmful here",
            "helpful": "Helpful (neither adds nor costs)",
        }[rating]
        text = f"{pos}. {head}: {label(a)}{_signed(d)}." + (f" {why(a)}" if why(a) else "")
        entries.append(Entry(a, pos, rating, d, text))
    for a in essential:
        if a not in plan:
            w = why(a)
            entries.append(
                Entry(
                    a,
                    None,
                    "essential",
                    0.0,
                    f"Missing essential: {label(a)}." + (f" {w}" if w else ""),
                )
            )
    for a in dict.fromkeys(q.harmful):
        if a not in plan and a not in essential:
            w = why(a)
            entries.append(
                Entry(
                    a,
                    None,
                    "harmful",
                    0.0,
                    f"Rightly left out: {label(a)}." + (f" {w}" if w else ""),
                )
            )
    for n, rule in enumerate(q.order, start=1):
        status = check_order(rule, plan)
        d = -unit if status == "broken" else 0.0
        if status == "broken":
            text = f"Order rule broken: {rule_text(rule, label)}{_signed(d)}. {rule.why}"
        elif status == "kept":
            text = f"Order rule kept: {rule_text(rule, label)}."
        else:
            text = ""
        entries.append(Entry(f"order-{n}", status, rule_text(rule), d, text))
    notes = list(parsed.notes)
    if unknown:
        notes.append("not among the offered actions, so ignored: " + ", ".join(unknown))
    if q.max_picks is not None and len(plan) > q.max_picks:
        notes.append(
            f"the plan has {len(plan)} actions; the exercise asked for at most {q.max_picks}"
        )
    raw = sum(e.points for e in entries)
    if raw < -1e-9:
        notes.append(
            "harmful actions and broken order rules outweighed the rest; the mark "
            "is floored at zero"
        )
    u = fmt(unit)
    how = f"each essential action +{u}, each harmful action −{u}, each broken order rule −{u}"
    return _make(q, raw, "scored", _headline(raw if raw > 0 else 0, mx, how), entries, notes)


# --- match and sort --------------------------------------------------------------------


def _items_score(
    q: Any, given: dict[str, Any], entries: list[Entry], parsed: Any, mx: float, how: str = ""
) -> Score:
    """The mark of a match or sort: the items' points, with a note on ids that are not items."""
    notes = list(parsed.notes)
    stray = [k for k in given if k not in {i.id for i in q.items}]
    if stray:
        notes.append("not items of this question, so ignored: " + ", ".join(stray))
    got_pts = sum(e.points for e in entries)
    return _make(q, got_pts, "scored", _headline(got_pts, mx, how), entries, notes)


@register("match")
def score_match(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """One share per item whose picked target set equals its answer set (no partial credit)."""
    parsed = read_mapping(answer, multi=True)
    if (s := _not_scored(q, parsed)) is not None:
        return s
    mx = max_points(q)
    unit = mx / max(1, len(q.items))
    targets = {t.id: t.text for t in q.targets}
    given: dict[str, Any] = parsed.value
    entries = []
    for item in q.items:
        want = list(dict.fromkeys(item.answer))
        got = given.get(item.id)
        fb = f" {item.feedback}" if item.feedback else ""
        if got is None or got == PASS or got == ():
            word = "Passed" if got == PASS else "Not answered"
            wants = ", ".join(targets.get(t, t) for t in want)
            entries.append(
                Entry(
                    item.id,
                    got if got == PASS else None,
                    want,
                    0.0,
                    f"{word}: {clean(item.text)}. It goes with: {wants}.{fb}",
                )
            )
            continue
        picked = list(got)
        if set(picked) == set(want):
            entries.append(
                Entry(item.id, picked, want, unit, f"Right: {clean(item.text)}{_signed(unit)}.{fb}")
            )
            continue
        missing = [targets.get(t, t) for t in want if t not in picked]
        extra = [targets.get(t, f"'{t}' (not a target)") for t in picked if t not in want]
        bits = []
        if missing:
            bits.append("missing " + ", ".join(missing))
        if extra:
            bits.append("not " + ", ".join(extra))
        entries.append(
            Entry(
                item.id, picked, want, 0.0, f"Not quite: {clean(item.text)}: {'; '.join(bits)}.{fb}"
            )
        )
    return _items_score(
        q, given, entries, parsed, mx, "an item counts when its set of matches is exactly right"
    )


@register("sort")
def score_sort(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """One share per item placed in its right category."""
    parsed = read_mapping(answer, multi=False)
    if (s := _not_scored(q, parsed)) is not None:
        return s
    mx = max_points(q)
    unit = mx / max(1, len(q.items))
    cats = {c.id: c.text for c in q.categories}
    given: dict[str, Any] = parsed.value
    entries = []
    for item in q.items:
        got = given.get(item.id)
        fb = f" {item.feedback}" if item.feedback else ""
        right = cats.get(item.answer, item.answer)
        if got is None or got == PASS:
            word = "Passed" if got == PASS else "Not sorted"
            entries.append(
                Entry(
                    item.id,
                    got,
                    item.answer,
                    0.0,
                    f"{word}: {clean(item.text)}. It belongs in: {right}.{fb}",
                )
            )
        elif got == item.answer:
            entries.append(
                Entry(
                    item.id,
                    got,
                    item.answer,
                    unit,
                    f"Right: {clean(item.text)} in {right}{_signed(unit)}.{fb}",
                )
            )
        else:
            where = cats.get(got, f"'{got}' (not a category)")
            entries.append(
                Entry(
                    item.id,
                    got,
                    item.answer,
                    0.0,
                    f"Not right: {clean(item.text)} is in {where}; it belongs in {right}.{fb}",
                )
            )
    return _items_score(q, given, entries, parsed, mx)


# --- free text and unscored ------------------------------------------------------------


@register("free_text")
def score_free_text(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """Needs marking by hand: 0 of ``points`` until a ManualMark is given."""
    parsed = read_text(answer)
    if (s := _not_scored(q, parsed)) is not None:
        return s
    mx = max_points(q)
    lines = [f"Model answer: {q.model_answer}"]
    lines += [f"Marking guide: {g}" for g in q.marking_guide]
    entry = Entry(q.id, parsed.value, q.model_answer, 0.0, "")
    return _make(
        q,
        0.0,
        "needs_marking",
        f"Waiting for the facilitator's mark (up to {fmt(mx)} points).",
        [entry],
        parsed.notes,
        lines=lines,
    )


def _unscored(q: Any, parsed: Parsed, what: str) -> Score:
    notes = [parsed.problem] if parsed.problem else []
    value = parsed.value if parsed.kind == "answer" else None
    entries = [Entry(q.id, value, None, 0.0, "")]
    head = f"Not scored ({what})." if value is not None else f"Not scored ({what}); no answer."
    return _make(q, 0.0, "unscored", head, entries, notes)


@register("rating")
def score_rating(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """Unscored: the rating is echoed (values off the scale are dropped with a note)."""
    return _unscored(q, read_rating(answer, q.scale_min, q.scale_max), "a rating")


@register("open_text")
def score_open_text(q: Any, answer: Any, catalogue: Any = None) -> Score:
    """Unscored: the text is echoed."""
    return _unscored(q, read_text(answer), "an open question")


# --- the entry point -------------------------------------------------------------------


def _as_question(question: Any) -> Any:
    if isinstance(question, Mapping):
        from pydantic import TypeAdapter

        from mskit.content.questions import Question

        return TypeAdapter(Question).validate_python(question)
    return question


def _apply_mark(q: Any, s: Score, mark: ManualMark) -> Score:
    mx = s.max_points
    try:
        given: float | None = float(mark.points)
    except (TypeError, ValueError):
        given = None
    if given is not None and given != given:  # NaN
        given = None
    pts = round(min(max(given or 0.0, 0.0), mx), 9)
    head = f"Marked by hand: {fmt(pts)} of {fmt(mx)} points."
    lines = [mark.comment] if mark.comment else []
    if s.status == "scored" and abs(s.points - pts) > 1e-9:
        lines.append(f"(The automatic mark was {fmt(s.points)}.)")
    if q.type == "free_text":
        lines.append(f"Model answer: {q.model_answer}")
        answer = s.breakdown[0].answer if s.breakdown else None
        entries: tuple[Entry, ...] = (Entry(q.id, answer, q.model_answer, pts, mark.comment),)
    else:
        entries = s.breakdown
    notes = []
    if given is None or abs(given - pts) > 1e-9:
        notes.append(f"the mark given ({mark.points}) was brought within 0..{fmt(mx)}")
    return Score(
        q.id, q.type, pts, mx, "scored", entries, _feedback(q, head, lines, notes), s.sources
    )


def score(
    question: Any, answer: Any, catalogue: Any = None, *, mark: ManualMark | None = None
) -> Score:
    """Score ``answer`` (a JSON value shaped as ``ANSWER_FORMATS[question.type]``).

    ``catalogue`` (optional) supplies indicator and action texts for the feedback, see
    :mod:`mskit.scoring.catalogue`. ``mark`` sets the mark by hand (free text, or an override
    of any scored question); it is ignored for unscored questions. Never raises for any
    answer; a question type without a scorer comes back ``unscored``.
    """
    q = _as_question(question)
    fn = SCORERS.get(getattr(q, "type", None))
    if fn is None:
        return Score(
            getattr(q, "id", "?"),
            str(getattr(q, "type", "?")),
            0.0,
            0.0,
            "unscored",
            feedback=f"No scorer for question type {getattr(q, 'type', '?')!r}.",
        )
    try:
        s = fn(q, answer, catalogue)
    except Exception as exc:
        if RAISE_ERRORS:
            raise
        mx = max_points(q)
        s = Score(
            q.id,
            q.type,
            0.0,
            mx,
            "unanswered",
            (),
            _feedback(
                q, f"No mark: the answer could not be scored ({exc!r}); 0 of {fmt(mx)} points."
            ),
            _sources(q),
        )
    if mark is not None and s.max_points > 0:
        s = _apply_mark(q, s, mark)
    return s
