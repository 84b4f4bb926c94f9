"""Sessions built in the test with the store API, and the kit."""

from __future__ import annotations

from pathlib import Path

import pytest

from mskit.content import load_kit
from mskit.render.pdf import find_chromium
from mskit.scoring import model_answer
from mskit.scoring.activity import questions_of
from mskit.store import open_store

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://example.invalid","x")'

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="PDF export needs Chromium (/usr/bin/chromium, Debian package 'chromium'); not installed",
)


@pytest.fixture(scope="session")
def kit():
    return load_kit()


def build_session(store, kit, labels, activities=("nail-bar", "spot-the-signs"), answers=True):
    """A session: groups with these labels; every other group gives the model answers, the
    rest give hostile free text; the activities opened, released and revealed."""
    s = store.create_session("Export test", "2025-03-01", venue="Town Hall",
                             programme_id="awareness-session", facilitator="Trainer")  # fmt: skip
    groups = [store.add_group(s.id, label, ["police"]) for label in labels]
    for aid in activities:
        store.open_activity(s.id, aid)
        store.log(s.id, "activity_opened", {"activity_id": aid})
        activity = kit.activity(aid)
        store.release_stage(s.id, aid, len(getattr(activity, "stages", [1])))
        if not answers:
            continue
        for i, g in enumerate(groups):
            for _stage, q in questions_of(activity):
                if i % 2 == 0:
                    value = model_answer(q)
                elif q.type == "free_text":
                    value = f"{SCRIPT} {IMG}"
                elif q.type in ("single_choice", "classification"):
                    value = "__pass__"
                else:
                    continue
                store.save_answer(s.id, g.id, aid, q.id, value)
        store.reveal_activity(s.id, aid)
    return s, groups


@pytest.fixture
def store(tmp_path: Path):
    st = open_store(tmp_path / "data")
    yield st
    st.close()
