"""The workbook's interactive parts (ipywidgets). Thin: logic lives in pure modules.

- :func:`spot_check`: pick the signs in a short story; scored by :mod:`mskit.scoring`.
- :func:`what_should_i_do`: the guide (:mod:`mskit.guide`) as four choices and its steps.
- :func:`pathway_mapper`: type an organisation's referral pathway, see it as a diagram.

Each returns the widget box; give a test ``.children`` access through the returned object's
attributes (``controls`` / ``output``) to drive it headless.
"""

from __future__ import annotations

import ipywidgets as w

from .. import guide as guide_rules
from ..figures import figure_img
from .content import kit
from .html import CSS, esc, sources, ul
from .pathway import parse_pathway, pathway_figure, pathway_html


def _html(body: str) -> w.HTML:
    return w.HTML(CSS + body)


# --- spot the signs --------------------------------------------------------------------


def spot_check(activity_id: str = "spot-the-signs", question_id: str | None = None) -> w.VBox:
    """A quick check: one story from the exercise, tick the signs it shows, then check."""
    from ..scoring import score

    k = kit()
    activity = k.activity(activity_id)
    qs = [q for q in activity.questions if q.type == "indicator_spotting"]
    q = next((x for x in qs if x.id == question_id), qs[0]) if qs else None
    if q is None:
        raise ValueError(f"{activity_id!r} has no indicator spotting question")
    offered = sorted(set(q.present) | set(q.distractors), key=lambda i: k.indicators[i].text)
    boxes = {
        i: w.Checkbox(description=k.indicators[i].text, indent=False, layout=w.Layout(width="auto"))
        for i in offered
    }
    check = w.Button(description="Check my answer", button_style="primary")
    result = w.HTML()

    def on_check(_):
        picked = [i for i, b in boxes.items() if b.value]
        s = score(q, picked, catalogue=k)
        found = [k.indicators[i].text for i in q.present if i in picked]
        missed = [k.indicators[i].text for i in q.present if i not in picked]
        wrong = [k.indicators[i].text for i in picked if i not in q.present]
        body = f"<p><strong>{s.points:g} out of {s.max_points:g}</strong></p>"
        if found:
            body += "<p>You spotted:</p>" + ul(esc(x) for x in found)
        if missed:
            body += "<p>Also in the story:</p>" + ul(esc(x) for x in missed)
        if wrong:
            body += "<p>Not in the story:</p>" + ul(esc(x) for x in wrong)
        body += f"<p>{esc(q.rationale)}</p>"
        result.value = CSS + body

    check.on_click(on_check)
    box = w.VBox(
        [
            _html(f"<p><em>{esc(q.prompt)}</em></p><p>Tick every sign the story shows.</p>"),
            *boxes.values(),
            check,
            result,
        ],
        layout=w.Layout(max_width="60em"),
    )
    box._dom_classes = ("mskit-spot-check",)
    box.controls = {"boxes": boxes, "check": check}
    box.output = result
    return box


# --- what should I do? -----------------------------------------------------------------


def advice_html(advice: guide_rules.Advice) -> str:
    """The guide's steps as an escaped, numbered list with why, sources and contacts."""
    items = []
    for step in advice.steps:
        lines = f'<strong>{esc(step.text)}</strong><br><span style="font-size:0.9em">Why: {esc(step.why)}</span> '
        lines += sources(step.sources)
        if step.contacts:
            lines += ul(esc(c.label()) for c in step.contacts)
        if step.missing:
            lines += ul(f"<em>{esc(m)}</em>" for m in step.missing)
        items.append(f"<li>{lines}</li>")
    notes = "".join(f'<p class="mskit-src">{esc(n)}</p>' for n in advice.notes)
    return "<ol>" + "".join(items) + "</ol>" + notes


def what_should_i_do() -> w.VBox:
    """Four choices (age, danger, consent, role) and the guide's ordered steps."""
    contacts = kit().local_contacts
    age = w.ToggleButtons(
        options=[(v, k) for k, v in guide_rules.AGE_LABELS.items()], description="Age"
    )
    danger = w.ToggleButtons(
        options=[("No", False), ("Yes", True)], description="Immediate danger?"
    )
    consent = w.Dropdown(
        options=[(v, k) for k, v in guide_rules.CONSENT_LABELS.items()],
        value="not-asked",
        description="Adult's consent",
    )
    role = w.Dropdown(
        options=[(v, k) for k, v in guide_rules.ROLE_LABELS.items()], description="My role"
    )
    for c in (age, danger, consent, role):
        c.style = {"description_width": "10em"}
    for c in (consent, role):
        c.layout = w.Layout(width="36em")
    result = w.HTML()

    def update(_=None):
        consent.disabled = age.value != "adult"
        advice = guide_rules.advise(
            age.value, danger.value, consent.value, role.value, contacts=contacts
        )
        extra = (
            "<p><em>Consent does not apply: a child (or someone who may be a child) is "
            "always referred.</em></p>"
            if age.value != "adult"
            else ""
        )
        result.value = CSS + extra + advice_html(advice)

    for c in (age, danger, consent, role):
        c.observe(update, names="value")
    update()
    box = w.VBox([age, danger, consent, role, result], layout=w.Layout(max_width="60em"))
    box._dom_classes = ("mskit-guide",)
    box.controls = {"age": age, "danger": danger, "consent": consent, "role": role}
    box.output = result
    return box


# --- referral pathway ------------------------------------------------------------------

EXAMPLE_PATHWAY = """Staff member notices signs and keeps the person safe | Any member of staff
Tell the safeguarding lead (or line manager) | Member of staff
Decide the route: adult or child, consent, danger | Safeguarding lead
Refer to a First Responder or make the referral | Council safeguarding team or police
Record the concern and the outcome | Safeguarding lead"""


def _figure_html(fig) -> str:
    return figure_img(fig, "Referral pathway diagram", dpi=90, style="max-width:100%")


def pathway_mapper(example: str = EXAMPLE_PATHWAY) -> w.VBox:
    """Type your organisation's pathway, one step per line as ``step | who``; draw it."""
    title = w.Text(
        value="Our internal referral pathway", description="Title", layout=w.Layout(width="40em")
    )
    text = w.Textarea(
        value=example,
        description="Steps",
        placeholder="what happens | who does it (one step per line)",
        layout=w.Layout(width="48em", height="12em"),
    )
    draw = w.Button(description="Draw the pathway", button_style="primary")
    result = w.HTML()

    def on_draw(_=None):
        steps = parse_pathway(text.value)
        fig = pathway_figure(steps, title=" ".join(title.value.split())[:80] or "Pathway")
        result.value = CSS + _figure_html(fig) + pathway_html(steps)

    draw.on_click(on_draw)
    on_draw()
    box = w.VBox(
        [
            _html(
                "<p>One step per line: <code>what happens | who does it</code>. Do not type "
                "names of real people or cases.</p>"
            ),
            title,
            text,
            draw,
            result,
        ],
    )
    box._dom_classes = ("mskit-pathway",)
    box.controls = {"title": title, "text": text, "draw": draw}
    box.output = result
    return box
