"""The demo session: realistic results tables, determinism, and the ``mskit demo`` command."""

from __future__ import annotations

import math
import re
from datetime import date
from pathlib import Path

import pytest

from mskit.cli import main
from mskit.content import PASS, load_kit
from mskit.demo import DemoError, check_demo, create_demo_session, plan_activities
from mskit.scoring import max_points, results
from mskit.scoring.activity import questions_of
from mskit.store import open_store
from mskit.store import sqlite as store_sqlite


@pytest.fixture(scope="module", autouse=True)
def _no_fsync_per_commit():
    """WAL with synchronous=NORMAL: still never corrupt, but no fsync for each of the demo's
    thousands of small commits (durability is tested in tests/store, not here)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(store_sqlite, "SYNCHRONOUS", "NORMAL")
        yield


@pytest.fixture(scope="module")
def kit():
    return load_kit()


def _records(store, session_id, activity_id=None):
    labels = {g.id: g.label for g in store.list_groups(session_id)}
    return [
        {
            "group_id": a.group_id,
            "group_label": labels[a.group_id],
            "activity_id": a.activity_id,
            "question_id": a.question_id,
            "value": a.value,
        }
        for a in store.latest_answers(session_id, activity_id=activity_id)
    ]


def _tables(store, kit, session_id):
    """activity id -> the five results tables, from the store's latest answers and marks."""
    out = {}
    for activity_id in sorted({a.activity_id for a in store.latest_answers(session_id)}):
        activity = kit.activity(activity_id)
        recs = _records(store, session_id, activity_id)
        marks = store.marks(session_id, activity_id=activity_id)
        out[activity_id] = {
            "scores": results.scores_by_group(activity, recs, marks, kit),
            "questions": results.scores_by_question(activity, recs, marks, kit),
            "indicators": results.indicator_spotting_table(activity, recs, kit),
            "spread": results.answer_spread(activity, recs, kit),
            "discussion": results.discussion_points(activity, recs, marks, kit),
        }
    return out


@pytest.fixture(
    scope="module",
    params=[5, 1, pytest.param(30, marks=pytest.mark.slow)],
    ids=lambda n: f"{n}-groups",
)
def demo(request, kit, tmp_path_factory):
    """A demo session of 5 (the default), 1 and 30 groups, with its results tables."""
    n = request.param
    store = open_store(tmp_path_factory.mktemp(f"demo{n}"))
    sid = create_demo_session(store, kit, groups=n, seed=7)
    yield n, store, sid, _tables(store, kit, sid)
    store.close()


def test_session_has_the_groups_and_invented_labels(demo):
    """The session carries invented details and N groups labelled Table 1..N, agencies from the catalogue."""
    n, store, sid, _ = demo
    s = store.get_session(sid)
    assert s.name == "Demo session"
    assert s.programme_id == "awareness-session"
    assert s.venue and s.borough and s.facilitator.startswith("Demo")
    groups = store.list_groups(sid)
    assert [g.label for g in groups] == [f"Table {i}" for i in range(1, n + 1)]
    kit_agencies = set(load_kit().agencies)
    assert all(g.agencies and set(g.agencies) <= kit_agencies for g in groups)
    if n >= 3:
        assert any(len(g.agencies) > 1 for g in groups), "no mixed table"


def test_answers_cover_the_programme(demo, kit):
    """Groups answer the knowledge check, every exercise, some case studies and the feedback form."""
    _, _, _, tables = demo
    plan = plan_activities(kit, "awareness-session", seed=7)
    answered = set(tables)
    assert {"knowledge-check", "session-feedback"} <= answered
    assert answered == {plan.pre_post, *plan.middle, *plan.feedback}
    scenarios = answered & set(kit.scenarios)
    assert 1 <= len(scenarios) <= 3
    exercises = {a for item in kit.programmes["awareness-session"].items for a in item.activities}
    assert exercises & set(kit.exercises) <= answered


def test_scores_by_group_has_a_row_per_group(demo):
    """scores_by_group gives one row per group for every activity answered."""
    n, store, sid, tables = demo
    labels = {g.label for g in store.list_groups(sid)}
    for activity_id, t in tables.items():
        df = t["scores"]
        assert len(df) == n, activity_id
        assert set(df["group_label"]) == labels
        scored = df[df["max_points"] > 0]
        assert ((scored["points"] >= 0) & (scored["points"] <= scored["max_points"])).all()


def test_indicator_counts_lie_between_zero_and_the_groups(demo):
    """Every indicator is spotted by between 0 and N groups, and the story's signs are listed."""
    n, _, _, tables = demo
    rows = 0
    for t in tables.values():
        df = t["indicators"]
        rows += len(df)
        assert ((df["spotted"] >= 0) & (df["spotted"] <= df["groups"])).all()
        assert (df["groups"] <= n).all()
        assert set(df["present"]) <= {True, False}
    assert rows > 0


def test_discussion_points_are_ranked(demo):
    """discussion_points ranks 1..k by disagreement, most first, unanswered (NaN) last."""
    _, _, _, tables = demo
    for activity_id, t in tables.items():
        df = t["discussion"]
        assert list(df["rank"]) == list(range(1, len(df) + 1)), activity_id
        dis = [d for d in df["disagreement"] if not math.isnan(d)]
        assert dis == sorted(dis, reverse=True), activity_id
        assert all(0 <= d <= 1 for d in dis)
        nan_at = [i for i, d in enumerate(df["disagreement"]) if math.isnan(d)]
        assert nan_at == list(range(len(df) - len(nan_at), len(df))), activity_id


def test_groups_disagree_somewhere(demo):
    """With two or more groups, every scored activity has a question where groups disagree."""
    n, _, _, tables = demo
    if n == 1:
        pytest.skip("one group cannot disagree with itself")
    for activity_id, t in tables.items():
        df = t["discussion"]
        assert (df["disagreement"] > 0).any(), activity_id
    spread = tables["knowledge-check"]["spread"]
    chosen = spread[(spread["groups"] > 0) & (spread["answer"] != PASS)]
    per_question = chosen.groupby("question_id")["answer"].nunique()
    assert (per_question > 1).any()


def test_mix_of_right_partly_right_wrong_and_passes(demo, kit):
    """Across the session some answers score full, some part, some nothing, and some groups pass."""
    n, store, sid, tables = demo
    statuses, percents = set(), []
    for t in tables.values():
        q = t["questions"]
        statuses |= set(q["status"])
        percents += [p for p in q["percent"] if not math.isnan(p)]
    assert any(p == 100 for p in percents)
    assert any(0 < p < 100 for p in percents)
    assert any(p == 0 for p in percents)
    if n >= 5:
        assert "passed" in statuses
        values = [a.value for a in store.latest_answers(sid)]
        assert any(v == PASS or v == [PASS] for v in values)


def test_free_text_answers_get_some_marks(demo, kit):
    """At least one free-text answer has a facilitator mark, within the question's points."""
    _, store, sid, tables = demo
    marks = store.marks(sid)
    assert marks
    for m in marks:
        q = next(q for _, q in questions_of(kit.activity(m.activity_id)) if q.id == m.question_id)
        assert q.type == "free_text"
        assert 0 <= m.points <= max_points(q)
        assert m.comment
        assert m.answer_revision is not None
    for activity_id in {m.activity_id for m in marks}:
        df = tables[activity_id]["questions"]
        assert (df[df["question_type"] == "free_text"]["status"] == "scored").any()


def test_written_answers_are_short_plain_text(demo, kit):
    """Free-text and open-text answers are non-empty strings within the question's max_chars."""
    _, store, sid, _ = demo
    written = 0
    for a in store.latest_answers(sid):
        q = next(q for _, q in questions_of(kit.activity(a.activity_id)) if q.id == a.question_id)
        if q.type in ("free_text", "open_text") and a.value != PASS:
            assert isinstance(a.value, str) and a.value.strip()
            assert len(a.value) <= min(q.max_chars, 600)
            written += 1
    assert written


def test_facilitator_flow_is_recorded(demo, kit):
    """Case-study stages are all released, activities locked and revealed, submissions and a log kept."""
    _, store, sid, tables = demo
    states = {s.activity_id: s for s in store.activity_states(sid)}
    for activity_id in tables:
        if activity_id in kit.scenarios:
            assert states[activity_id].stages_released == len(kit.scenarios[activity_id].stages)
            assert states[activity_id].revealed and states[activity_id].locked
    assert states["knowledge-check"].revealed
    assert store.current_activity(sid) is None
    assert store.submissions(sid)
    events = {e.event for e in store.log_entries(sid)}
    assert {"session_created", "group_added", "activity_opened", "stage_released"} <= events
    assert {"revealed", "marked", "activity_closed"} <= events
    history = store.answer_history(sid, activity_id="knowledge-check")
    assert max(a.revision for a in history) >= 2  # answered before and again after


def test_evaluation_has_pre_post_and_feedback_respondents(demo):
    """Several anonymous respondents per group answer the knowledge check before and after
    (some only once) and the feedback form."""
    n, store, sid, _ = demo
    pre = {e.respondent_code for e in store.evaluation_responses(sid, "knowledge-check", "pre")}
    post = {e.respondent_code for e in store.evaluation_responses(sid, "knowledge-check", "post")}
    once = {e.respondent_code for e in store.evaluation_responses(sid, "session-feedback", "once")}
    assert len(pre | post) >= 3 * n
    assert pre & post
    assert once and once <= post
    if n >= 5:
        assert pre - post, "nobody left early"
        assert post - pre, "nobody arrived late"
    assert all(re.fullmatch(r"[A-Z]{3}[0-9]{2}", c) for c in pre | post)


def _answer_set(store, sid):
    labels = {g.id: g.label for g in store.list_groups(sid)}
    return sorted(
        (labels[a.group_id], a.activity_id, a.question_id, repr(a.value))
        for a in store.answer_history(sid)
    )


def test_same_seed_gives_the_same_answers(kit, tmp_path):
    """Two demos with the same seed hold the same answers, marks and evaluation; another seed differs."""
    with open_store(tmp_path / "a") as a, open_store(tmp_path / "b") as b:
        one = create_demo_session(a, kit, groups=2, seed=11)
        two = create_demo_session(b, kit, groups=2, seed=11)
        other = create_demo_session(b, kit, groups=2, seed=12)
        assert _answer_set(a, one) == _answer_set(b, two)
        assert _answer_set(b, other) != _answer_set(a, one)

        def marks(s, sid):
            labels = {g.id: g.label for g in s.list_groups(sid)}
            return sorted((labels[m.group_id], m.question_id, m.points) for m in s.marks(sid))

        def evaluation(s, sid):
            return sorted(
                (e.form_id, e.respondent_code, e.phase, e.question_id, repr(e.value))
                for e in s.evaluation_responses(sid)
            )

        assert marks(a, one) == marks(b, two)
        assert evaluation(a, one) == evaluation(b, two)
        assert [g.agencies for g in a.list_groups(one)] == [g.agencies for g in b.list_groups(two)]


def test_other_programme_and_date(kit, tmp_path):
    """The train-the-trainer programme works too, and the session date can be set."""
    with open_store(tmp_path) as store:
        sid = create_demo_session(
            store, kit, groups=2, programme_id="train-the-trainer", day=date(2025, 3, 4)
        )
        s = store.get_session(sid)
        assert s.programme_id == "train-the-trainer" and s.date == date(2025, 3, 4)
        assert "facilitation-observation" in {a.activity_id for a in store.latest_answers(sid)}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"programme_id": "no-such-programme"}, "unknown programme 'no-such-programme'"),
        ({"groups": 0}, "groups must be a whole number from 1 to 100"),
        ({"groups": 101}, "groups must be a whole number from 1 to 100"),
        ({"groups": True}, "groups must be a whole number"),
        ({"name": "  "}, "name must not be empty"),
    ],
)
def test_bad_settings_raise_before_writing(kit, tmp_path, kwargs, message):
    """Bad settings raise DemoError with a plain message and write nothing to the store."""
    with open_store(tmp_path) as store:
        with pytest.raises(DemoError, match=re.escape(message)):
            create_demo_session(store, kit, **kwargs)
        assert store.list_sessions() == []
    with pytest.raises(DemoError):
        check_demo(
            kit,
            kwargs.get("groups", 5),
            kwargs.get("programme_id", "awareness-session"),
            kwargs.get("name", "x"),
        )


# -- the command --------------------------------------------------------------------------


def test_cli_demo_prints_the_id_and_a_summary(tmp_path, capsys):
    """`mskit demo --groups 2 --seed 4 --name ...` exits 0, prints the new id then a one-line summary."""
    code = main(
        ["demo", "--data-dir", str(tmp_path), "--groups", "2", "--seed", "4", "--name", "Rehearsal"]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    lines = out.out.strip().splitlines()
    assert len(lines) == 2
    assert re.fullmatch(r"[0-9a-f]{32}", lines[0])
    assert (
        "'Rehearsal'" in lines[1] and "2 group(s)" in lines[1] and "awareness-session" in lines[1]
    )
    with open_store(tmp_path) as store:
        assert [s.id for s in store.list_sessions()] == [lines[0]]


def test_cli_demo_same_seed_same_answers(tmp_path, capsys):
    """Running the command twice with one seed stores the same answers."""
    assert main(["demo", "--data-dir", str(tmp_path), "--groups", "1", "--seed", "9"]) == 0
    assert main(["demo", "--data-dir", str(tmp_path), "--groups", "1", "--seed", "9"]) == 0
    capsys.readouterr()
    with open_store(tmp_path) as store:
        first, second = (s.id for s in store.list_sessions())
        assert _answer_set(store, first) == _answer_set(store, second)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--programme", "nope"], "mskit demo: unknown programme 'nope'; expected one of: "),
        (["--groups", "0"], "mskit demo: groups must be a whole number from 1 to 100, got 0"),
        (["--name", ""], "mskit demo: the session name must not be empty"),
    ],
)
def test_cli_demo_usage_errors_exit_2(tmp_path, capsys, args, expected):
    """A bad programme, group count or name: one clear line on stderr, exit 2, nothing created."""
    data = tmp_path / "data"
    code = main(["demo", "--data-dir", str(data), *args])
    out = capsys.readouterr()
    assert code == 2
    assert out.out == ""
    assert out.err.startswith(expected)
    assert len(out.err.strip().splitlines()) == 1
    assert "Traceback" not in out.err
    assert not data.exists()


def test_cli_demo_unwritable_data_dir_exits_1(tmp_path, capsys):
    """A data folder that cannot be created: one clear line naming it, exit 1, no traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["demo", "--data-dir", str(blocker / "data")])
    out = capsys.readouterr()
    assert code == 1
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("mskit demo: Cannot use the data folder")
    assert str(blocker / "data") in lines[0]


def test_cli_demo_never_touches_the_user_folder(tmp_path, monkeypatch, capsys):
    """With MSKIT_DATA set and no --data-dir, the demo goes to MSKIT_DATA (the tests' own folder)."""
    monkeypatch.setenv("MSKIT_DATA", str(tmp_path))
    monkeypatch.delenv("MSKIT_DATABASE_URL", raising=False)
    assert main(["demo", "--groups", "1"]) == 0
    assert "1 group(s)" in capsys.readouterr().out
    assert (Path(tmp_path) / "mskit.sqlite3").exists()
