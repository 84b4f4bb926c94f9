"""The workbook's widgets and views, driven headless (no browser, no kernel)."""

from __future__ import annotations

from mskit import workbook as wb
from mskit.workbook.pathway import mpl_safe, parse_pathway, pathway_figure, pathway_html


def test_spot_check_scores_the_picked_signs():
    """Ticking exactly the signs the story shows gives full marks; feedback is escaped HTML."""
    box = wb.spot_check("spot-the-signs")
    q = wb.kit().exercises["spot-the-signs"].questions[0]
    for ind, cb in box.controls["boxes"].items():
        cb.value = ind in q.present
    box.controls["check"].click()
    assert f"<strong>{len(q.present)} out of {len(q.present)}</strong>" in box.output.value
    assert "Not in the story" not in box.output.value


def test_spot_check_lists_wrong_picks():
    """A sign the story does not show is listed as not in the story."""
    box = wb.spot_check("spot-the-signs")
    q = wb.kit().exercises["spot-the-signs"].questions[0]
    box.controls["boxes"][q.distractors[0]].value = True
    box.controls["check"].click()
    assert "Not in the story" in box.output.value


def test_guide_widget_follows_the_choices():
    """Changing age to child shows children's social care and disables the consent choice."""
    refer = "Refer the child to children&#x27;s social care"
    g = wb.what_should_i_do()
    assert refer not in g.output.value
    g.controls["age"].value = "child"
    assert refer in g.output.value
    assert g.controls["consent"].disabled
    g.controls["danger"].value = True
    assert g.output.value.index("Call 999") < g.output.value.index(refer)


def test_guide_widget_says_when_a_local_number_is_not_filled_in():
    """With the template contacts, the children's social care step says the local number is
    not filled in yet instead of showing another service."""
    g = wb.what_should_i_do()
    g.controls["age"].value = "child"
    assert "the local number is not filled in yet" in g.output.value


def test_guide_widget_health_never_told_to_notify():
    """For health staff and an adult who refuses, the steps send them to a First Responder."""
    g = wb.what_should_i_do()
    g.controls["age"].value = "adult"
    g.controls["consent"].value = "no"
    g.controls["role"].value = "health"
    assert "First Responder" in g.output.value
    assert "You do not notify the Home Office yourself" in g.output.value


def test_pathway_parsing_and_limits():
    """Lines become steps (``step | who``); blank lines are skipped, long text is cut."""
    steps = parse_pathway("Notice signs | Any staff\n\nTell the lead\n" + "x" * 500)
    assert [s.step for s in steps[:2]] == ["Notice signs", "Tell the lead"]
    assert steps[0].who == "Any staff" and steps[1].who == ""
    assert len(steps[2].step) <= 121
    assert len(parse_pathway("\n".join(f"s{i}" for i in range(40)))) == 12


def test_pathway_typed_text_is_escaped():
    """Typed HTML is escaped in the list, and ``$`` is printed, not read as mathtext."""
    steps = parse_pathway("<script>alert(1)</script> costs $5 | <b>me</b>")
    out = pathway_html(steps)
    assert "<script>" not in out and "&lt;script&gt;" in out and "&lt;b&gt;" in out
    fig = pathway_figure(steps)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(r"\$5" in t for t in texts)
    fig.canvas.draw()  # would raise on bad mathtext
    assert mpl_safe("a$b$c") == r"a\$b\$c"


def test_pathway_mapper_draws_what_is_typed():
    """The mapper redraws from the typed steps: a diagram image and an escaped list."""
    m = wb.pathway_mapper()
    m.controls["text"].value = "First <step> | A\nSecond | B"
    m.controls["draw"].click()
    assert 'src="data:image/png;base64,' in m.output.value
    assert "First &lt;step&gt;" in m.output.value and "<step>" not in m.output.value


def test_views_escape_and_hold_their_content():
    """Views built from the content show it, and show the template warning for contacts."""
    assert "08000 121 700" in str(wb.where_to_get_help())
    assert "still the template" in str(wb.where_to_get_help())
    assert "Not a First Responder" not in str(wb.agency_roles())
    assert "<strong>No</strong>" in str(wb.agency_roles())  # health
    plan = str(wb.programme_table("train-the-trainer"))
    assert "09:30 to 09:45" in plan and "15:50 to 16:30" in plan
    assert "Total: 150 minutes" in str(wb.session_plan("awareness-session"))
