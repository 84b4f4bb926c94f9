"""The paper fallback: handouts without answer keys, and paper answers typed in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mskit.cli import main
from mskit.content import load_kit
from mskit.content.questions import PASS
from mskit.paper import PaperEntryError, check_answers, enter_answers, handout_html
from mskit.render.pdf import find_chromium
from mskit.scoring.activity import questions_of
from mskit.store import open_store
from mskit.ui.paper_entry import PaperEntry

KIT = load_kit()
ACTIVITIES = sorted([*KIT.scenarios, *KIT.exercises])


def _key_texts(activity) -> list[str]:
    """Every piece of answer-key or facilitator text an activity holds."""
    out = [activity.facilitator_notes or "", *getattr(activity, "debrief", ())]
    for st in getattr(activity, "stages", ()):
        out.append(st.facilitator_notes or "")
    for _stage, q in questions_of(activity):
        out += [getattr(q, "rationale", ""), q.facilitator_notes or ""]
        out += [o.feedback or "" for o in getattr(q, "options", ())]
        out += list(getattr(q, "notes", {}).values())
        out += [i.feedback or "" for i in getattr(q, "items", ())]
        out += [getattr(q, "model_answer", ""), *getattr(q, "marking_guide", ())]
        fb = getattr(q, "feedback", None)
        if isinstance(fb, dict):
            out += list(fb.values())
        out += [r.why for r in getattr(q, "order", ())]
    return [t.strip() for t in out if t and len(t.strip()) > 15]


def _plain(html: str) -> str:
    import html as h

    return re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.parametrize("activity_id", ACTIVITIES)
def test_handout_holds_prompts_but_no_answer_key(activity_id):
    """A handout shows every prompt and no rationale, feedback, note or model answer."""
    activity = KIT.activity(activity_id)
    text = _plain(handout_html(activity, KIT))
    for _stage, q in questions_of(activity):
        assert re.sub(r"\s+", " ", q.prompt.strip()) in text
    story = " ".join(
        re.sub(r"\s+", " ", t)
        for t in [
            getattr(activity, "instructions", ""),
            *(st.narrative for st in getattr(activity, "stages", ())),
        ]
    )
    for secret in _key_texts(activity):
        if re.sub(r"\s+", " ", secret) in story:
            continue  # a note that quotes the story itself
        assert re.sub(r"\s+", " ", secret) not in text, secret[:60]


def test_handout_puts_each_stage_on_its_own_page():
    """Each case-study stage is a section that starts a new printed page."""
    activity = KIT.activity("nail-bar")
    html = handout_html(activity, KIT)
    assert html.count('<section class="mskit-stage">') == len(activity.stages)
    assert re.search(r"\.mskit-stage \{ break-before: page", html)
    assert "Part 1 of 3" in html and "Part 3 of 3" in html


@pytest.mark.skipif(
    find_chromium() is None, reason="PDF handouts need Chromium (/usr/bin/chromium); not installed"
)
def test_handout_cli_writes_html_and_a_page_per_stage_pdf(tmp_path, capsys):
    """`mskit paper handout` writes HTML and an A4 PDF with a page per stage and no key."""
    from pypdf import PdfReader

    assert main(["paper", "handout", "nail-bar", "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "handout-nail-bar.pdf"
    assert (tmp_path / "handout-nail-bar.html").is_file() and pdf.is_file()
    pages = PdfReader(pdf).pages
    assert len(pages) >= 4  # the cover, then each of the 3 stages on a new page
    texts = [re.sub(r"\s+", " ", p.extract_text()) for p in pages]
    starts = [i for i, t in enumerate(texts) if re.search(r"Part \d of 3", t)]
    assert len(starts) == 3 and len(set(starts)) == 3
    rationale = KIT.activity("nail-bar").stages[0].questions[0].rationale
    assert rationale[:40] not in " ".join(texts)


def test_unknown_activity_for_handout_is_a_clear_message(tmp_path, capsys):
    """A handout for an unknown activity exits 1 and suggests close ids."""
    assert main(["paper", "handout", "nail-barr", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "no scenario or exercise 'nail-barr'" in err and "nail-bar" in err


# -- typing paper answers in ---------------------------------------------------------------


@pytest.fixture
def session(tmp_path):
    store = open_store(tmp_path / "d")
    s = store.create_session("Paper test")
    g = store.add_group(s.id, "Table 2", ["police"])
    yield store, s, g
    store.close()


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "answers.yaml"
    p.write_text(text, encoding="utf-8")
    return p


GOOD = """\
s1-signs: [controlling-companion, untreated-injuries]
s1-interpreter: independent-alone
s2-actions: [tell-safeguarding-lead, refer-to-first-responder]
s2-reply: |
  We would not keep it secret; we would tell our lead.
s3-decision: PASS
"""


def test_paper_answers_typed_in_join_latest_answers(tmp_path, session, capsys):
    """`mskit paper enter` saves each answer as client 'paper'; they show in latest_answers."""
    store, s, g = session
    rc = main(["paper", "enter", s.id[:8], "--group", "Table 2", "--activity", "nail-bar",
               "--answers", str(_write(tmp_path, GOOD)), "--data-dir", str(tmp_path / "d")])  # fmt: skip
    assert rc == 0, capsys.readouterr().err
    got = {a.question_id: a for a in store.latest_answers(s.id, g.id, "nail-bar")}
    assert got["s1-signs"].value == ["controlling-companion", "untreated-injuries"]
    assert got["s3-decision"].value == PASS
    assert got["s2-reply"].value.startswith("We would not keep it secret")
    assert {a.client_id for a in got.values()} == {"paper"}
    assert "5 saved" in capsys.readouterr().out


def test_bad_paper_answers_are_listed_and_nothing_is_saved(tmp_path, session, capsys):
    """Answers of the wrong shape are each named with what was expected; exit 1, none saved."""
    store, s, _g = session
    bad = """\
s1-signs: controlling-companion-typo
s1-interpreter: [independent-alone, accept]
s2-actions: [confront-exploiter, confront-exploiter]
not-a-question: 1
s1-signs-extra: x
"""
    rc = main(["paper", "enter", s.id, "--group", "Table 2", "--activity", "nail-bar",
               "--answers", str(_write(tmp_path, bad)), "--data-dir", str(tmp_path / "d")])  # fmt: skip
    err = capsys.readouterr().err
    assert rc == 1
    assert "s1-signs (indicator_spotting): 'controlling-companion-typo' is not one of" in err
    assert "expected a list of indicator ids" in err
    assert "s1-interpreter (single_choice): expected one id, got a list" in err
    assert "s2-actions (action_plan): an id is listed twice" in err
    assert "not-a-question: not a question of nail-bar" in err
    assert "nothing was saved" in err and "Traceback" not in err
    assert store.latest_answers(s.id) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuchsession", "--group", "Table 2", "--activity", "nail-bar"], "There is no session"),
        (
            ["SID", "--group", "Table 9", "--activity", "nail-bar"],
            "no group 'Table 9'; its groups: 'Table 2'",
        ),
        (["SID", "--group", "Table 2", "--activity", "nail"], "no scenario or exercise 'nail'"),
    ],
)
def test_unknown_session_group_or_activity_is_one_clear_line(
    tmp_path, session, capsys, args, message
):
    """An unknown session, group or activity exits 1 with one plain line."""
    _store, s, _g = session
    args = [s.id if a == "SID" else a for a in args]
    rc = main(["paper", "enter", *args, "--answers", str(_write(tmp_path, GOOD)),
               "--data-dir", str(tmp_path / "d")])  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert rc == 1 and message in err and "\n" not in err


def test_unreadable_yaml_names_the_line(tmp_path, session, capsys):
    """A YAML syntax error gives the file and line, exit 1."""
    _store, s, _g = session
    path = _write(tmp_path, "s1-signs: [a, b\ns1-interpreter: x\n")
    rc = main(["paper", "enter", s.id, "--group", "Table 2", "--activity", "nail-bar",
               "--answers", str(path), "--data-dir", str(tmp_path / "d")])  # fmt: skip
    err = capsys.readouterr().err
    assert rc == 1 and f"{path}:" in err and "not valid YAML" in err


def test_locked_activity_needs_even_if_locked(tmp_path, session):
    """A revealed (locked) activity refuses paper answers unless asked; it is locked again."""
    store, s, _g = session
    store.open_activity(s.id, "nail-bar")
    store.lock_activity(s.id, "nail-bar")
    store.reveal_activity(s.id, "nail-bar")
    answers = {"s1-interpreter": "independent-alone"}
    with pytest.raises(PaperEntryError, match="even-if-locked"):
        enter_answers(store, KIT, s.id, "Table 2", "nail-bar", answers)
    assert enter_answers(store, KIT, s.id, "Table 2", "nail-bar", answers, allow_locked=True) == [
        "s1-interpreter"
    ]
    assert store.activity_state(s.id, "nail-bar").locked


@pytest.mark.parametrize(
    ("qid", "value", "ok"),
    [
        ("s1-signs", ["controlling-companion"], True),
        ("s1-signs", "controlling-companion", True),  # one id is taken as a list of one
        ("s1-signs", [PASS], True),
        ("s1-signs", {"a": 1}, False),
        ("s1-interpreter", "colleague", True),
        ("s1-interpreter", 3, False),
        ("s2-reply", "Some words", True),
        ("s2-reply", "", False),
        ("s2-reply", "x" * 20000, False),
        ("s2-actions", ["tell-safeguarding-lead"], True),
        ("s2-actions", ["make-tea"], False),
    ],
)
def test_each_answer_shape_is_checked(qid, value, ok):
    """Answers are checked against their question's type, ids and limits."""
    _values, problems = check_answers(KIT.activity("nail-bar"), {qid: value}, KIT)
    assert (problems == []) is ok, problems


def test_match_sort_and_rating_shapes():
    """Match, sort and rating answers are checked item by item and against the scale."""
    exercises = [KIT.activity(a) for a in ACTIVITIES]
    match = next((a, q) for a in exercises for _, q in questions_of(a) if q.type == "match")
    sort_ = next((a, q) for a in exercises for _, q in questions_of(a) if q.type == "sort")
    rating = next((a, q) for a in exercises for _, q in questions_of(a) if q.type == "rating")
    a, q = match
    assert check_answers(a, {q.id: {q.items[0].id: [q.targets[0].id]}}, KIT)[1] == []
    assert "is not an item here" in check_answers(a, {q.id: {"zz": [q.targets[0].id]}}, KIT)[1][0]
    a, q = sort_
    assert check_answers(a, {q.id: {q.items[0].id: q.categories[0].id}}, KIT)[1] == []
    assert "is not one of" in check_answers(a, {q.id: {q.items[0].id: "zz"}}, KIT)[1][0]
    a, q = rating
    assert check_answers(a, {q.id: q.scale_max}, KIT)[1] == []
    assert "outside the scale" in check_answers(a, {q.id: q.scale_max + 1}, KIT)[1][0]


def test_template_lists_every_question_with_its_ids(capsys):
    """`mskit paper template` prints a commented YAML skeleton naming each question's ids."""
    assert main(["paper", "template", "nail-bar"]) == 0
    out = capsys.readouterr().out
    for _stage, q in questions_of(KIT.activity("nail-bar")):
        assert f"# {q.id}:" in out
    assert "choice independent-alone:" in out
    assert KIT.activity("nail-bar").stages[0].questions[1].rationale[:30] not in out


def test_paper_entry_form_saves_answers(session):
    """The ipywidgets form: fill in inputs, click save; answers are in the store as 'paper'."""
    store, s, g = session
    form = PaperEntry(store, KIT, s.id)
    form.group.value = "Table 2"
    form.activity.value = "nail-bar"
    form.inputs["s1-interpreter"].value = "independent-alone"
    form.inputs["s2-reply"].value = "<b>bold</b> words"
    form.save_button.click()
    got = {a.question_id: a for a in store.latest_answers(s.id, g.id)}
    assert got["s1-interpreter"].value == "independent-alone"
    assert got["s2-reply"].client_id == "paper"
    assert "Saved 2 answer(s)" in form.status.value


def test_paper_entry_form_shows_problems_escaped(session):
    """The form reports an empty form and refusals as plain text."""
    store, s, _g = session
    form = PaperEntry(store, KIT, s.id)
    form.save_button.click()
    assert "Nothing filled in" in form.status.value
    store.open_activity(s.id, form.activity.value)
    store.lock_activity(s.id, form.activity.value)
    first = next(iter(form.inputs))
    q = next(q for _, q in questions_of(KIT.activity(form.activity.value)) if q.id == first)
    form.inputs[first].value = PASS if getattr(q, "allow_pass", False) else None
    if form.answers():
        form.save_button.click()
        assert "even-if-locked" in form.status.value
