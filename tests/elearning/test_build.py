"""Building the course: the selection, the embedded data, the files written, the command."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from mskit.cli import main
from mskit.content import load_kit
from mskit.elearning import CourseError, build
from mskit.elearning.course import course_document, default_selection, select_activities
from mskit.elearning.site import script_json


class _DataScript(HTMLParser):
    """The text of <script type="application/json" id="course-data"> as a browser reads it."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.text = ""
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            a = dict(attrs)
            self.scripts.append(a.get("src") or a.get("type", ""))
            self.inside = a.get("id") == "course-data"

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


def test_script_json_cannot_end_the_script_element():
    """Content holding </script>, <!-- or & is embedded so that it cannot close the
    element, and JSON.parse (here json.loads) reads it back unchanged."""
    data = {"t": "a </script><script>alert(1)</script> <!-- & \u2028 end"}
    text = str(script_json(data))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == data


def test_default_selection_is_the_awareness_session_without_room_forms(kit):
    """By default: the awareness session's case studies and exercises in programme order,
    the knowledge check before and after, never the session feedback form."""
    ids = default_selection(kit)
    assert "session-feedback" not in ids and "knowledge-check" not in ids
    assert {"nail-bar", "county-lines", "spot-the-signs", "who-does-what"} <= set(ids)
    parts = select_activities(kit)
    assert [(p.activity.id, p.phase) for p in (parts[0], parts[-1])] == [
        ("knowledge-check", "before"),
        ("knowledge-check", "after"),
    ]
    assert [p.activity.id for p in parts[1:-1]] == ids


def test_selection_errors_say_what_is_wrong(kit):
    """An unknown id names itself and the known ones; a room form is refused."""
    with pytest.raises(CourseError, match=r"no scenario or exercise 'nope'.*known: "):
        select_activities(kit, ["nope"])
    with pytest.raises(CourseError, match="form for a room"):
        select_activities(kit, ["session-feedback"])


def test_data_document_has_no_facilitator_notes_and_every_scored_question(kit):
    """The embedded document carries every question of the chosen activities with its
    answer key, but none of the facilitator's notes."""
    parts = select_activities(kit, ["nail-bar"])
    doc = course_document(kit, parts, title="T", mastery=80)
    text = json.dumps(doc)
    assert "facilitator_notes" not in text
    for note in [
        parts[1].activity.facilitator_notes,
        parts[1].activity.stages[0].facilitator_notes,
    ]:
        if note:
            assert note[:60] not in text
    keys = [q["key"] for p in doc["parts"] for s in p["screens"] for q in s["questions"]]
    assert len(keys) == len(set(keys))
    from mskit.scoring.activity import questions_of

    want = [f"{n}.{q.id}" for n, p in enumerate(parts) for _st, q in questions_of(p.activity)]
    assert keys == want


def test_build_writes_site_and_zip_with_the_data_readable(kit, tmp_path):
    """index.html embeds the course (title escaped in the page, data parsed back whole)
    and loads only its own two scripts; the zip sits beside web/."""
    built = build(kit, tmp_path, activities=["county-lines"], title="Borough </script> & co")
    html = (built.web / "index.html").read_text(encoding="utf-8")
    assert "<title>Borough &lt;/script&gt; &amp; co</title>" in html
    parser = _DataScript()
    parser.feed(html)
    doc = json.loads(parser.text)
    assert doc["title"] == "Borough </script> & co"
    assert [p["id"] for p in doc["parts"]] == ["knowledge-check", "county-lines", "knowledge-check"]
    assert [s for s in parser.scripts if s.endswith(".js")] == ["scoring.js", "course.js"]
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "nothing is loaded from elsewhere"
    assert built.scorm_zip.parent == tmp_path and built.scorm_zip.name.endswith("-scorm12.zip")
    assert {p.name for p in built.web.iterdir()} == {
        "index.html",
        "scoring.js",
        "course.js",
        "course.css",
    }


def test_borough_contacts_appear_on_start_and_finish(kit_root, tmp_path):
    """A borough's filled-in contacts file gives its own numbers on the start and finish
    pages, and the 'not filled in' note goes."""
    own = tmp_path / "kit"
    for folder in ("catalogue", "scenarios", "exercises", "programmes"):
        shutil.copytree(kit_root / folder, own / folder)
    (own / "catalogue" / "local-contacts.yaml").write_text(
        "schema_version: 1\nkind: local_contacts\ntemplate: false\nborough: Exampleton\n"
        "contacts:\n"
        "  - id: adult-safeguarding\n    role: Adult safeguarding team\n"
        '    phone: "01234 000000"\n'
        "  - id: police-emergency\n    role: Police emergency\n    phone: '999'\n",
        encoding="utf-8",
    )
    built = build(load_kit(own), tmp_path / "out", activities=["county-lines"])
    html = (built.web / "index.html").read_text(encoding="utf-8")
    assert html.count("Local contacts for Exampleton.") == 2
    assert "not filled in here yet" not in html
    assert html.count("01234 000000") == 2


def test_command_builds_and_reports_bad_input_without_traceback(tmp_path, capsys):
    """`mskit elearning` writes both outputs and prints their paths; an unknown activity
    or a mastery outside 0-100 is a usage error (2) with one clear line."""
    assert main(["elearning", "--out", str(tmp_path), "--activities", "county-lines"]) == 0
    out = capsys.readouterr().out
    assert "web build: " in out and "-scorm12.zip" in out
    assert main(["elearning", "--out", str(tmp_path), "--activities", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mskit elearning: no scenario or exercise 'nope'")
    assert "Traceback" not in err
    assert main(["elearning", "--out", str(tmp_path), "--mastery", "120"]) == 2
    assert "between 0 and 100" in capsys.readouterr().err
    assert main(["elearning", "--out", str(tmp_path), "--kit", str(tmp_path / "none")]) == 2
    assert "no such folder" in capsys.readouterr().err
