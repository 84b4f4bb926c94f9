"""A realistic demo session, simulated from the kit's own content.

:func:`create_demo_session` writes into a results store what a facilitator and N tables
would leave behind after delivering a programme: the session and its groups (with the
agencies at each table), the knowledge check before and after, some case studies released
stage by stage, the exercises, answers from groups that get things right, partly right or
wrong, pass or change their minds, submissions, facilitator marks on free-text answers,
reveals, a facilitator log, and anonymous evaluation responses (pre/post knowledge check
and the feedback form).

Everything is drawn from a seeded random generator, so the same seed gives the same
answers. Labels are invented ("Demo session", "Table 1", "Demo facilitator"); free text is
short plausible wording, never a real name. Use it to try the board, the exports and the
reports without running a room::

    from mskit.content import load_kit
    from mskit.store import open_store
    from mskit.demo import create_demo_session
    session_id = create_demo_session(open_store(tmp_dir), load_kit(), groups=5, seed=1)
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date as Date
from typing import Any

from .content.questions import CLASSIFICATIONS, PASS
from .live import actions
from .scoring import max_points, model_answer
from .scoring.activity import questions_of

__all__ = [
    "DEFAULT_NAME",
    "MAX_GROUPS",
    "DemoError",
    "DemoPlan",
    "check_demo",
    "create_demo_session",
    "demo_summary",
    "plan_activities",
]

DEFAULT_NAME = "Demo session"
MAX_GROUPS = 100
NAME_LENGTH = 200
CASE_STUDIES = 3
"""How many of the programme's case studies the demo runs (all groups do each one)."""

VENUE = "Training Room 2, Civic Centre (demo)"
BOROUGH = "Demo borough"
FACILITATOR = "Demo facilitator"


class DemoError(ValueError):
    """The demo cannot be made with these settings (unknown programme, bad group count)."""


# -- how groups behave --------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """How a table tends to answer: shares of right, partly right and passed answers
    (the rest are wrong), and how often it changes an answer before submitting."""

    name: str
    right: float
    partly: float
    passes: float
    redraft: float


PROFILES = (
    Profile("confident", 0.75, 0.18, 0.02, 0.15),
    Profile("solid", 0.55, 0.28, 0.05, 0.25),
    Profile("mixed", 0.38, 0.32, 0.08, 0.30),
    Profile("unsure", 0.30, 0.22, 0.30, 0.20),
    Profile("struggling", 0.18, 0.32, 0.08, 0.35),
)

Quality = str  # "right" | "partly" | "wrong" | "pass"


def _quality(rng: random.Random, p: Profile, allow_pass: bool, boost: float = 0.0) -> Quality:
    """Draw how good one answer is; ``boost`` moves share from wrong/partly to right."""
    right = min(0.97, p.right + boost)
    partly = max(0.0, p.partly - boost / 2)
    r = rng.random()
    if allow_pass and r < p.passes * (1 - boost):
        return "pass"
    r = rng.random()
    if r < right:
        return "right"
    if r < right + partly:
        return "partly"
    return "wrong"


# -- answers by question type --------------------------------------------------------------

GOOD_OPENERS = ("", "We would say: ", "We agreed: ", "Our answer: ")
PARTLY_TEXTS = (
    "We would tell our safeguarding lead and write down what we saw. We would check they "
    "are safe before they leave, but we were not sure who makes the referral.",
    "Explain that we are worried about them and that support is available. We would pass "
    "it on to the police but did not agree on what to say about consent.",
    "Be honest that we cannot promise what will happen, and say we need to share it with "
    "someone whose job is to help. We did not cover the referral route.",
    "Say they are not in trouble and we want them to be safe. We think a referral is needed "
    "but ran out of time to say why.",
)
WRONG_TEXTS = (
    "Tell them everything will be fine and nobody else needs to know.",
    "Ask the manager or the person who came with them to explain what is going on.",
    "Not sure. We would ask a colleague what to do next time.",
    "Say it is probably a work dispute and give them a leaflet.",
)
MARK_COMMENTS = {
    "right": (
        "Clear and honest, covers safety and the referral route.",
        "Good: victim-centred and no promises that cannot be kept.",
        "Well put; this is close to the model answer.",
    ),
    "partly": (
        "Good start: who refers, and on what basis?",
        "Safety is there; say more about consent and the referral route.",
        "Right direction, but be precise about who does what.",
    ),
    "wrong": (
        "This could put them at risk: see the model answer.",
        "Never promise secrecy or ask the suspected exploiter.",
    ),
}
FEEDBACK_TEXTS = {
    "most-useful": (
        "The case studies in mixed groups.",
        "Learning the difference between smuggling and trafficking.",
        "Knowing who can refer into the NRM and what the MS1 is for.",
        "Hearing how the police and health colleagues would respond.",
        "The signs to look out for, especially in health settings.",
    ),
    "improve": (
        "More time for the case studies.",
        "A printed list of local contacts to take away.",
        "Fewer statistics, more practice.",
        "",
        "Shorter introduction.",
    ),
    "do-differently": (
        "Check our internal referral pathway and who our safeguarding lead is.",
        "Speak to the person alone and use an independent interpreter.",
        "Ask more questions when something does not feel right.",
        "Record what I see and pass it on the same day.",
        "",
    ),
}
OPEN_TEXTS = (
    "Clear aims and good use of the case studies.",
    "Kept to time and everyone joined in.",
    "Could give more time for questions at the end.",
    "Handled a difficult question calmly.",
)


def _pick_other(rng: random.Random, options: list[str], not_in: set[str]) -> str | None:
    others = [o for o in options if o not in not_in]
    return rng.choice(others) if others else None


def _ids_answer(rng: random.Random, right: list[str], wrong: list[str], quality: Quality) -> list:
    """A pick list: partly right drops a right pick or adds a wrong one; wrong does both."""
    picked = list(right)
    if quality == "partly":
        if len(picked) > 1 and (not wrong or rng.random() < 0.6):
            picked.remove(rng.choice(picked))
        if wrong and (len(right) <= 1 or rng.random() < 0.5):
            picked.append(rng.choice(wrong))
    elif quality == "wrong":
        keep = max(0, len(picked) // 3)
        picked = rng.sample(picked, keep) if picked else []
        extra = rng.sample(wrong, min(len(wrong), rng.randint(1, 3))) if wrong else []
        picked += extra
        if not picked:  # nothing wrong to add: a thin answer
            picked = right[:1]
    return list(dict.fromkeys(picked))


def _plan_answer(rng: random.Random, q: Any, quality: Quality) -> list[str]:
    """An action plan: partly right drops an essential action, breaks an order rule or adds
    a merely helpful action; wrong adds a harmful action (such as confronting the suspected
    exploiter) and drops essentials."""
    plan = list(model_answer(q))
    harmful = [a for a in dict.fromkeys(q.harmful) if a not in q.essential]
    helpful = [a for a in q.actions if a not in plan and a not in harmful]
    essential = [a for a in plan if a in q.essential]
    if quality == "partly":
        how = rng.choice(("drop", "order", "extra"))
        if how == "drop" and len(essential) > 1:
            plan.remove(rng.choice(essential))
        elif how == "order" and len(plan) > 2:
            first = plan.pop(0)
            plan.insert(rng.randint(1, len(plan)), first)
        elif helpful:
            plan.insert(rng.randint(0, len(plan)), rng.choice(helpful))
        elif len(essential) > 1:
            plan.remove(rng.choice(essential))
    elif quality == "wrong":
        keep = essential[: max(1, len(essential) // 2)]
        plan = [a for a in plan if a in keep or a not in q.essential]
        if harmful:
            plan.insert(0, rng.choice(harmful))
        elif helpful:
            plan.append(rng.choice(helpful))
        rng.shuffle(plan)
    return plan


def _misconception(q: Any) -> str:
    """The wrong classification groups most often give for this right answer."""
    usual = {
        "trafficking": "modern_slavery",
        "modern_slavery": "trafficking",
        "smuggling": "trafficking",
        "not_enough_info": "trafficking",
    }
    ok = {q.correct, *q.also_accept}
    guess = usual.get(q.correct, "not_enough_info")
    if guess in ok:
        guess = next((c for c in CLASSIFICATIONS if c not in ok), guess)
    return guess


def _free_text(rng: random.Random, q: Any, quality: Quality) -> str:
    if quality == "right":
        sentences = re.split(r"(?<=[.!?])\s+", q.model_answer.strip())
        text = rng.choice(GOOD_OPENERS) + " ".join(sentences[: rng.randint(2, 3)])
    elif quality == "partly":
        text = rng.choice(PARTLY_TEXTS)
    else:
        text = rng.choice(WRONG_TEXTS)
    return text[: q.max_chars]


def simulated_answer(rng: random.Random, q: Any, quality: Quality, rating_bias: float = 0.0) -> Any:
    """An answer of ``quality`` to question ``q``, shaped as ``ANSWER_FORMATS[q.type]``.

    ``rating_bias`` shifts ratings up (positive) or down, in scale points.
    """
    t = q.type
    if quality == "pass" and getattr(q, "allow_pass", False):
        if t in ("multiple_choice", "indicator_spotting", "action_plan"):
            return [PASS]
        return PASS
    if quality == "pass":
        quality = "wrong"
    if t in ("single_choice", "classification") and quality == "partly":
        # one answer cannot be half right: a group that half knows it often gets there
        quality = "right" if rng.random() < 0.5 else "partly"
    if t == "single_choice":
        right = model_answer(q)
        if quality == "right":
            return right
        wrong = [o.id for o in q.options if not o.correct]
        # the first wrong option is the popular misconception; the rest are rarer
        if wrong and rng.random() < 0.6:
            return wrong[0]
        return _pick_other(rng, wrong, set()) or right
    if t == "classification":
        if quality == "right":
            return q.correct
        if quality == "partly" or rng.random() < 0.6:
            return _misconception(q)
        return _pick_other(rng, list(CLASSIFICATIONS), {q.correct, *q.also_accept}) or q.correct
    if t == "multiple_choice":
        right = [o.id for o in q.options if o.correct]
        wrong = [o.id for o in q.options if not o.correct]
        return _ids_answer(rng, right, wrong, quality)
    if t == "indicator_spotting":
        return _ids_answer(rng, list(dict.fromkeys(q.present)), list(q.distractors), quality)
    if t == "action_plan":
        return _plan_answer(rng, q, quality)
    if t in ("match", "sort"):
        answer = model_answer(q)
        if quality == "right":
            return answer
        n = 1 if quality == "partly" else max(2, len(q.items) // 2)
        cols = [c.id for c in (q.targets if t == "match" else q.categories)]
        for item in rng.sample(list(q.items), min(n, len(q.items))):
            if t == "sort":
                answer[item.id] = _pick_other(rng, cols, {item.answer}) or item.answer
            else:
                got = list(answer[item.id])
                other = _pick_other(rng, cols, set(got))
                if len(got) > 1 and (other is None or rng.random() < 0.5):
                    got.remove(rng.choice(got))
                elif other is not None:
                    got = [other] if quality == "wrong" else [*got, other]
                answer[item.id] = got
        return answer
    if t == "free_text":
        return _free_text(rng, q, quality)
    if t == "rating":
        centre = {"right": 0.75, "partly": 0.55, "wrong": 0.35}[quality]
        span = q.scale_max - q.scale_min
        value = q.scale_min + centre * span + rating_bias + rng.gauss(0, 0.6)
        return int(min(q.scale_max, max(q.scale_min, round(value))))
    if t == "open_text":
        pool = FEEDBACK_TEXTS.get(q.id, OPEN_TEXTS)
        return rng.choice(pool)
    return None


# -- which activities ---------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPlan:
    """What the demo runs: the pre/post knowledge check (or None), the activities in the
    middle of the session in order, and the feedback forms at the end."""

    pre_post: str | None
    middle: tuple[str, ...]
    feedback: tuple[str, ...]


def plan_activities(kit: Any, programme_id: str, seed: int = 0) -> DemoPlan:
    """Choose the programme's activities for the demo: every exercise, up to
    :data:`CASE_STUDIES` case studies (at least one with a free-text question when the
    programme has one), the pre/post knowledge check and the feedback form."""
    programme = kit.programmes.get(programme_id)
    if programme is None:
        known = ", ".join(sorted(kit.programmes)) or "none"
        raise DemoError(f"unknown programme {programme_id!r}; expected one of: {known}")
    ordered: list[str] = []
    for item in programme.items:
        for aid in item.activities:
            if aid not in ordered and (aid in kit.scenarios or aid in kit.exercises):
                ordered.append(aid)
    if not ordered:
        raise DemoError(f"programme {programme_id!r} names no activity the kit has")
    rng = random.Random(f"{seed}:plan")
    scenarios = [a for a in ordered if a in kit.scenarios]
    with_text = [a for a in scenarios if _has_type(kit.scenarios[a], "free_text")]
    chosen: list[str] = []
    if with_text:
        chosen.append(rng.choice(with_text))
    rest = [a for a in scenarios if a not in chosen]
    chosen += rng.sample(rest, min(len(rest), CASE_STUDIES - len(chosen)))
    pre_post = next((a for a in ordered if getattr(kit.activity(a), "pre_post", False)), None)
    feedback = tuple(
        a for a in ordered if a in kit.exercises and kit.exercises[a].exercise_type == "feedback"
    )
    middle = tuple(
        a
        for a in ordered
        if a != pre_post and a not in feedback and (a in kit.exercises or a in chosen)
    )
    return DemoPlan(pre_post, middle, feedback)


def _has_type(activity: Any, qtype: str) -> bool:
    return any(q.type == qtype for _, q in questions_of(activity))


# -- the session --------------------------------------------------------------------------


def _agencies(rng: random.Random, index: int, ids: list[str]) -> list[str]:
    """Agencies at a table: most tables mixed, every few a single-agency one."""
    if not ids:
        return []
    if index % 4 == 3 or len(ids) == 1:
        return [rng.choice(ids)]
    k = rng.randint(2, len(ids))
    picked = set(rng.sample(ids, k))
    return [a for a in ids if a in picked]


_CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def _respondent_code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = "".join(rng.choice(_CODE_LETTERS) for _ in range(3)) + str(rng.randint(10, 99))
        if code not in used:
            used.add(code)
            return code


class _Demo:
    """Plays the session into the store, step by step, as a facilitator would."""

    def __init__(self, store: Any, kit: Any, seed: int) -> None:
        self.store = store
        self.kit = kit
        self.seed = seed
        self.sid = ""
        self.groups: list[Any] = []
        self.profiles: dict[str, Profile] = {}

    def rng(self, *parts: object) -> random.Random:
        return random.Random(":".join(str(p) for p in (self.seed, *parts)))

    def log(self, event: str, detail: Any = None) -> None:
        self.store.log(self.sid, event, detail)

    # session and groups

    def create(self, name: str, programme_id: str, groups: int, day: Date | None) -> None:
        s = self.store.create_session(
            name, day or Date.today(), VENUE, BOROUGH, programme_id, FACILITATOR
        )
        self.sid = s.id
        self.log("session_created", {"name": name, "demo": True, "seed": self.seed})
        rng = self.rng("groups")
        order = list(PROFILES)
        rng.shuffle(order)
        agency_ids = list(self.kit.agencies)
        for i in range(groups):
            label = f"Table {i + 1}"
            g = self.store.add_group(self.sid, label, _agencies(rng, i, agency_ids))
            self.groups.append(g)
            self.profiles[g.id] = order[i] if i < len(order) else rng.choice(PROFILES)
            self.log("group_added", {"group_id": g.id, "label": label})
        for g in self.groups:
            self.log("group_joined", {"group_id": g.id, "client": f"demo-{g.label}"})

    # answering

    def answer(
        self,
        activity_id: str,
        questions: list[Any],
        phase: str = "",
        boost: float = 0.0,
        contested: str | None = None,
    ) -> dict[tuple[str, str], tuple[Quality, int]]:
        """Every group answers ``questions``; returns (group, question) -> (quality,
        revision). On the ``contested`` question the room splits between the right answer
        and the usual misconception, so it shows as a discussion point."""
        out = {}
        n = len(self.groups)
        for gi, g in enumerate(self.groups):
            p = self.profiles[g.id]
            for q in questions:
                rng = self.rng("answer", activity_id, phase, g.label, q.id)
                allow = getattr(q, "allow_pass", False)
                if q.id == contested and n > 1:
                    quality = "right" if (gi * 2) // n == 0 else "wrong"
                else:
                    quality = _quality(rng, p, allow, boost)
                value = simulated_answer(rng, q, quality, rating_bias=boost * 2)
                if value is None or value == "":
                    continue  # left blank
                if rng.random() < p.redraft and quality != "pass":
                    draft = simulated_answer(rng, q, "partly" if quality == "right" else "wrong")
                    if draft is not None:
                        self.store.save_answer(self.sid, g.id, activity_id, q.id, draft)
                saved = self.store.save_answer(self.sid, g.id, activity_id, q.id, value)
                out[(g.id, q.id)] = (quality, saved.revision)
        return out

    def submit_all(self, activity_id: str, all_of_them: bool = False) -> None:
        rng = self.rng("submit", activity_id)
        for g in self.groups:
            # now and then a table runs out of time and never presses submit
            if all_of_them or len(self.groups) == 1 or rng.random() > 0.12:
                self.store.submit(self.sid, g.id, activity_id)

    def reveal(self, activity_id: str) -> None:
        actions.reveal_all(self.store, self.sid, activity_id)

    def mark(self, activity_id: str, q: Any, answers: dict) -> int:
        """Mark about half of the free-text answers (at least one) by hand."""
        rng = self.rng("marks", activity_id, q.id)
        done = 0
        for gi, g in enumerate(self.groups):
            got = answers.get((g.id, q.id))
            if got is None or (gi > 0 and rng.random() < 0.5):
                continue
            quality, revision = got
            if quality == "pass":
                continue
            top = max_points(q)
            points = {"right": top, "partly": round(top / 2), "wrong": 0}[quality]
            comment = rng.choice(MARK_COMMENTS[quality])
            self.store.set_mark(
                self.sid, g.id, activity_id, q.id, points, comment, answer_revision=revision
            )
            done += 1
        if done:
            self.log("marked", {"activity_id": activity_id, "question_id": q.id, "count": done})
        return done

    def open(self, activity_id: str, phase: str = "") -> None:
        actions.open_activity(self.store, self.kit, self.sid, activity_id, phase or None)

    def close(self) -> None:
        actions.close_activity(self.store, self.sid)

    def run_activity(self, activity_id: str, phase: str = "", boost: float = 0.0) -> None:
        """Open, release stage by stage, answer, submit, mark, reveal, close."""
        activity = self.kit.activity(activity_id)
        rng = self.rng("activity", activity_id, phase)
        scored = [q for _, q in questions_of(activity) if max_points(q) > 0]
        candidates = [q for q in scored if q.type != "free_text"]
        contested = rng.choice(candidates).id if candidates else None
        self.open(activity_id, phase)
        answers: dict = {}
        if activity.kind == "scenario":
            for n, stage in enumerate(activity.stages, start=1):
                if n > 1:  # opening released part 1
                    actions.release_next(self.store, self.kit, self.sid, activity_id)
                answers |= self.answer(activity_id, list(stage.questions), phase, boost, contested)
        else:
            questions = [q for _, q in questions_of(activity)]
            answers |= self.answer(activity_id, questions, phase, boost, contested)
        if phase == "pre":
            self.log("note", {"text": "Knowledge check done; answers kept back until the end."})
            self.close()
            return
        self.submit_all(activity_id)
        for _, q in questions_of(activity):
            if q.type == "free_text":
                self.mark(activity_id, q, answers)
        self.reveal(activity_id)
        self.close()

    # evaluation

    def respondents(self) -> tuple[list[str], list[str]]:
        """Anonymous codes (pre, post): 3 to 6 people per table. About one in ten leaves
        early (pre only) and one in twelve arrives late (post only); with six or more
        people at least one of each, so some codes never pair up."""
        rng = self.rng("respondents")
        used: set[str] = set()
        codes = [
            _respondent_code(rng, used) for _g in self.groups for _ in range(rng.randint(3, 6))
        ]
        many = len(codes) >= 6
        early = set(rng.sample(codes, max(int(many), round(len(codes) * 0.1))))
        stayed = [c for c in codes if c not in early]
        late = set(rng.sample(stayed, min(len(stayed) - 1, max(int(many), len(codes) // 12))))
        pre = [c for c in codes if c not in late]
        post = [c for c in codes if c not in early]
        return pre, post

    def evaluate(self, form_id: str, phase: str, codes: list[str], boost: float) -> int:
        form = self.kit.activity(form_id)
        saved = 0
        for code in codes:
            rng = self.rng("evaluation", form_id, phase, code)
            p = rng.choice(PROFILES)
            for _, q in questions_of(form):
                quality = _quality(rng, p, getattr(q, "allow_pass", False), boost)
                value = simulated_answer(rng, q, quality, rating_bias=boost * 2)
                if value is None or value == "":
                    continue
                self.store.save_evaluation(self.sid, form_id, code, phase, q.id, value)
                saved += 1
        return saved


def check_demo(
    kit: Any, groups: int, programme_id: str, name: str = DEFAULT_NAME, seed: int = 0
) -> DemoPlan:
    """Check the demo's settings without writing anything; return what it would run.

    Raises :class:`DemoError` with a one-line message.
    """
    if isinstance(groups, bool) or not isinstance(groups, int) or not 1 <= groups <= MAX_GROUPS:
        raise DemoError(f"groups must be a whole number from 1 to {MAX_GROUPS}, got {groups!r}")
    if not isinstance(name, str) or not name.strip():
        raise DemoError("the session name must not be empty")
    if len(name.strip()) > NAME_LENGTH:
        raise DemoError(f"the session name is too long (at most {NAME_LENGTH} characters)")
    return plan_activities(kit, programme_id, seed)


def create_demo_session(
    store: Any,
    kit: Any,
    groups: int = 5,
    programme_id: str = "awareness-session",
    seed: int = 0,
    name: str = DEFAULT_NAME,
    day: Date | None = None,
) -> str:
    """Create a simulated, realistic session in ``store``; return its id.

    ``groups`` tables (1 to :data:`MAX_GROUPS`) answer the activities of ``programme_id``
    (see :func:`plan_activities`); ``day`` is the session date (default today). The same
    ``seed`` gives the same groups, answers, marks and evaluation. Raises :class:`DemoError`
    for an unknown programme, a bad group count or an empty name, and the store's errors as they come.
    """
    plan = check_demo(kit, groups, programme_id, name, seed)
    demo = _Demo(store, kit, seed)
    demo.create(name, programme_id, groups, day)
    pre_codes, post_codes = demo.respondents()
    if plan.pre_post:
        demo.run_activity(plan.pre_post, phase="pre", boost=-0.2)
        demo.evaluate(plan.pre_post, "pre", pre_codes, boost=-0.25)
    for activity_id in plan.middle:
        demo.run_activity(activity_id)
    if plan.pre_post:
        demo.run_activity(plan.pre_post, phase="post", boost=0.2)
        demo.evaluate(plan.pre_post, "post", post_codes, boost=0.2)
    for form_id in plan.feedback:
        demo.open(form_id)
        demo.answer(form_id, [q for _, q in questions_of(kit.activity(form_id))], boost=0.1)
        demo.submit_all(form_id, all_of_them=True)
        demo.close()
        demo.evaluate(form_id, "once", post_codes, boost=0.1)
    demo.log("session_ended", {"activities": len(store.activity_states(demo.sid))})
    return demo.sid


def demo_summary(store: Any, session_id: str) -> str:
    """One line: what a session holds (groups, activities, answers, marks, evaluation)."""
    s = store.get_session(session_id)
    groups = store.list_groups(session_id)
    answers = store.latest_answers(session_id)
    activities = {a.activity_id for a in answers}
    marks = store.marks(session_id)
    evaluation = store.evaluation_responses(session_id)
    respondents = {e.respondent_code for e in evaluation}
    return (
        f"{s.name!r} on {s.date} ({s.programme_id}): {len(groups)} group(s), "
        f"{len(activities)} activities, {len(answers)} answers, {len(marks)} mark(s), "
        f"{len(evaluation)} evaluation responses from {len(respondents)} respondents"
    )
