"""The session report's evaluation section: figures, charts, escaping, offline."""

from __future__ import annotations

import re

import pytest

from mskit.evaluation import session_evaluation_section

from .conftest import FB


@pytest.fixture
def session_id(store, hand_made):
    s = store.create_session("Section <test>", "2025-01-15")
    for row in hand_made:
        store.save_evaluation(s.id, row["form_id"], row["respondent_code"], row["phase"],
                              row["question_id"], row["value"])  # fmt: skip
    store.save_evaluation(s.id, FB, "A1", "once", "content", 5)
    store.save_evaluation(s.id, FB, "A1", "once", "improve", '<script>alert("x")</script> & <b>')
    return s.id


def test_section_escapes_participant_text(store, kit, session_id):
    """A comment typed as HTML is shown as text, never as markup."""
    html = session_evaluation_section(store, kit, session_id)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_section_has_the_known_figures(store, kit, session_id):
    """The section states the matched, pre-only and post-only counts and the questions most often wrong."""
    html = session_evaluation_section(store, kit, session_id)
    assert "<strong>3 matched</strong>" in html
    assert "1 answered only before" in html and "1 only after" in html
    assert "Most often wrong after the session" in html
    assert "Every member of staff in any public service" in html


def test_charts_are_inline_and_nothing_is_fetched(store, kit, session_id):
    """Charts are base64 PNGs with alt text; no http(s) address is referenced."""
    html = session_evaluation_section(store, kit, session_id)
    imgs = re.findall(r'<img src="([^"]{0,30})', html)
    assert len(imgs) == 3 and all(i.startswith("data:image/png;base64,") for i in imgs)
    assert not re.search(r"(src|href)=\"https?:", html)
    assert 'alt="Knowledge check: people right on each question' in html
    assert "Data: Section &lt;test&gt; on 2025-01-15" in html  # the data note


def test_session_without_evaluation(store, kit):
    """A session with no evaluation answers says so."""
    s = store.create_session("Empty", "2025-01-15")
    assert "No evaluation responses were recorded" in session_evaluation_section(store, kit, s.id)
