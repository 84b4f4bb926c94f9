"""What the workbook notebooks show, built from the kit's content (one call per cell).

Every function returns an :class:`~mskit.workbook.html.Html` (or a chart) and reads the
kit's data: programmes, catalogue, scenarios and exercises. Functions whose names start
with ``facilitator_`` or end in ``_answers`` / ``_notes`` show facilitator-only material:
use them only in cells tagged ``facilitator``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from ..content import Kit, load_kit
from .html import Html, box, esc, sources, table, ul

GROUP_NAMES = {
    "physical": "Physical",
    "psychological": "Psychological",
    "situational": "Situational and environmental",
    "work_related": "Work-related",
    "children": "Signs in children",
    "health_setting": "Signs in health settings",
}
AGE_NAMES = {"adult": "Adult", "child": "Child", "unknown": "Age not known at first"}


@lru_cache(maxsize=1)
def kit() -> Kit:
    """The kit's content, loaded once per kernel."""
    return load_kit()


def _k(k: Kit | None) -> Kit:
    return k if k is not None else kit()


# --- programmes ------------------------------------------------------------------------


def _item(programme_id: str, item_id: str, k: Kit | None = None):
    programme = _k(k).programmes[programme_id]
    for item in programme.items:
        if item.id == item_id:
            return programme, item
    raise KeyError(f"programme {programme_id!r} has no item {item_id!r}")


def facilitator_notes(programme_id: str, item_id: str, k: Kit | None = None) -> Html:
    """Facilitator-only: the item's timing, notes and activities (tag the cell)."""
    k = _k(k)
    _programme, item = _item(programme_id, item_id, k)
    activities = [k.activity(a).title for a in item.activities]
    body = [f"<p><strong>Time:</strong> {item.minutes} minutes"]
    if item.start and item.end:
        body[0] += f" ({esc(item.start)} to {esc(item.end)})"
    body[0] += "</p>"
    if item.facilitator_notes:
        body.append(f"<p>{esc(item.facilitator_notes)}</p>")
    if activities:
        body.append("<p><strong>Activities:</strong> " + esc("; ".join(activities)) + "</p>")
    return Html(box(f"Facilitator notes: {item.title}", "".join(body), "facilitator"))


def session_plan(programme_id: str = "awareness-session", k: Kit | None = None) -> Html:
    """The programme's items with minutes and running time (a facilitator's plan)."""
    programme = _k(k).programmes[programme_id]
    rows, elapsed = [], 0
    for item in programme.items:
        rows.append((f"{elapsed}-{elapsed + item.minutes}", item.title, item.minutes))
        elapsed += item.minutes
    total = f"<p>Total: {elapsed} minutes (programme: {programme.duration_minutes}).</p>"
    return Html(table(("Minutes", "Part", "Length (min)"), rows) + total)


def programme_table(programme_id: str = "train-the-trainer", k: Kit | None = None) -> Html:
    """The programme's timetable: times, part and content, from the programme file."""
    programme = _k(k).programmes[programme_id]
    rows = []
    clock = datetime.strptime(programme.start, "%H:%M") if programme.start else None
    for item in programme.items:
        start, end = item.start, item.end
        if clock is not None and not (start and end):
            start = clock.strftime("%H:%M")
            end = (clock + timedelta(minutes=item.minutes)).strftime("%H:%M")
        if clock is not None:
            clock = datetime.strptime(end, "%H:%M")
        when = f"{start} to {end}" if start else f"{item.minutes} min"
        rows.append((when, item.title, item.content or ""))
    title = f"<p><strong>{esc(programme.title)}</strong></p>"
    return Html(title + table(("Time", "Session", "Content"), rows))


# --- catalogue -------------------------------------------------------------------------


def _signs_in_case_studies(k: Kit) -> dict[str, list[str]]:
    """Exploitation type id -> indicator ids that the kit's case studies of that type show."""
    found: dict[str, list[str]] = {}
    for s in k.scenarios.values():
        present = [
            i
            for stage in s.stages
            for q in stage.questions
            if q.type == "indicator_spotting"
            for i in q.present
        ]
        for t in s.exploitation_types:
            bucket = found.setdefault(t, [])
            bucket.extend(i for i in present if i not in bucket)
    return found


def exploitation_types(k: Kit | None = None) -> Html:
    """Each type of exploitation: what it is, where it happens, and its signs."""
    k = _k(k)
    signs = _signs_in_case_studies(k)
    cards = []
    for t in k.exploitation_types.values():
        part = k.exploitation_types.get(t.part_of) if t.part_of else None
        title = esc(t.name) + (f" <small>(a flag within {esc(part.name)})</small>" if part else "")
        body = [f"<p>{esc(t.description)} {sources(t.sources)}</p>"]
        if t.examples:
            body.append("<p><strong>For example:</strong> " + esc("; ".join(t.examples)) + "</p>")
        type_signs = [k.indicators[i].text for i in signs.get(t.id, []) if i in k.indicators]
        if type_signs:
            cases = [s.title for s in k.scenarios.values() if t.id in s.exploitation_types]
            body.append(
                "<p><strong>Signs in the kit's case studies of this type</strong> ("
                + esc("; ".join(cases))
                + "):</p>"
                + ul(esc(x) for x in type_signs)
            )
        else:
            body.append(
                "<p><strong>Signs:</strong> no case study in the kit covers this type; use "
                "the general signs (next section).</p>"
            )
        cards.append(f'<div class="mskit-card"><h4>{title}</h4>{"".join(body)}</div>')
    return Html("".join(cards))


def indicator_caution(k: Kit | None = None) -> Html:
    """The reminder that one sign alone proves nothing, with its sources."""
    k = _k(k)
    files = [f.model for f in k.files if f.kind == "indicators" and f.model is not None]
    ids = files[0].caution_sources if files else ()
    return Html(box("Remember", f"<p>{esc(k.indicator_caution)} {sources(ids)}</p>", "warning"))


def indicators_by_group(k: Kit | None = None) -> Html:
    """The catalogue's indicators, grouped, each with its sources."""
    k = _k(k)
    parts = []
    for group, name in GROUP_NAMES.items():
        items = [i for i in k.indicators.values() if i.group == group]
        if items:
            parts.append(
                f"<h4>{esc(name)}</h4>" + ul(f"{esc(i.text)} {sources(i.sources)}" for i in items)
            )
    return Html("".join(parts))


def agency_roles(k: Kit | None = None) -> Html:
    """Police, health and the local authority: First Responder or not, and their duties."""
    k = _k(k)
    rows = []
    for a in k.agencies.values():
        duties = ul(esc(k.duties[d].name) for d in a.duties if d in k.duties)
        fr = "Yes" if a.first_responder else "<strong>No</strong>"
        rows.append((esc(a.name), fr, duties, f"{esc(a.role_summary)} {sources(a.sources)}"))
    return Html(
        table(
            ("Agency", "First Responder?", "Duties (as the course gives them)", "Role"),
            rows,
            raw=True,
        )
    )


def duties(k: Kit | None = None) -> Html:
    """What each duty means, with sources."""
    k = _k(k)
    return Html(
        ul(
            f"<strong>{esc(d.name)}</strong>: {esc(d.description)} {sources(d.sources)}"
            for d in k.duties.values()
        )
    )


def where_to_get_help(k: Kit | None = None) -> Html:
    """Contacts: the borough's where filled in, else the national lines, saying which."""
    k = _k(k)
    file = k.local_contacts
    if file is None:
        return Html(
            box("No contacts file", "<p>catalogue/local-contacts.yaml is missing.</p>", "warning")
        )
    filled = [c for c in file.contacts if c.phone or c.email]
    rows = [
        (
            c.role,
            c.organisation or "",
            " / ".join(x for x in (c.phone, c.email) if x),
            c.hours or "",
        )
        for c in filled
    ]
    out = table(("Who", "Organisation", "Phone / email", "Hours"), rows)
    missing = [c.role for c in file.contacts if not (c.phone or c.email)]
    if file.template:
        out += box(
            "Local contacts not filled in",
            "<p>The borough's local contacts file is still the template, so only the "
            "national lines are shown. Before the session, fill in "
            "<code>catalogue/local-contacts.yaml</code> (see its comments) with:</p>"
            + ul(esc(m) for m in missing),
            "warning",
        )
    else:
        where = esc(file.borough or "this borough")
        checked = f", checked on {esc(file.checked_on)}" if file.checked_on else ""
        out = f"<p>Local contacts for {where}{checked}.</p>" + out
        if missing:
            out += box("Still to fill in", ul(esc(m) for m in missing), "warning")
    return Html(out)


# --- activities ------------------------------------------------------------------------


def case_studies(k: Kit | None = None) -> Html:
    """The kit's case studies: summary, who they suit, age, length and content note."""
    k = _k(k)
    rows = []
    for s in k.scenarios.values():
        suits = ", ".join(k.agencies[a].name if a in k.agencies else a for a in s.agencies)
        types = ", ".join(
            k.exploitation_types[t].name if t in k.exploitation_types else t
            for t in s.exploitation_types
        )
        rows.append(
            (
                s.title,
                s.summary,
                types,
                suits,
                AGE_NAMES.get(s.victim_age, s.victim_age),
                f"{s.duration_minutes} min",
                s.content_note,
            )
        )
    return Html(
        table(
            ("Case study", "Summary", "Type", "Suits", "Possible victim", "Length", "Content note"),
            rows,
        )
    )


def case_study_notes(k: Kit | None = None) -> Html:
    """Facilitator-only: each case study's facilitator notes and debrief points."""
    k = _k(k)
    parts = []
    for s in k.scenarios.values():
        parts.append(
            f"<h4>{esc(s.title)} <small>({esc(s.id)})</small></h4>"
            f"<p>{esc(s.facilitator_notes)}</p><p><strong>Debrief:</strong></p>"
            + ul(esc(d) for d in s.debrief)
        )
    return Html(box("Facilitator notes: case studies", "".join(parts), "facilitator"))


def activity_summary(activity_id: str, k: Kit | None = None) -> Html:
    """An exercise or case study: title, summary and instructions (no answers)."""
    a = _k(k).activity(activity_id)
    body = f"<p>{esc(a.summary)}</p>"
    if getattr(a, "instructions", None):
        body += f"<p><strong>How it works:</strong> {esc(a.instructions)}</p>"
    return Html(box(a.title, body))


def questions(activity_id: str, k: Kit | None = None) -> Html:
    """The questions of an exercise, as participants see them (no answers)."""
    a = _k(k).activity(activity_id)
    items = []
    for q in a.questions:
        extra = ""
        if q.type == "rating":
            extra = f" <small>(rate {q.scale_min} to {q.scale_max})</small>"
        elif q.type == "open_text":
            extra = " <small>(your own words: no names or case details)</small>"
        items.append(esc(q.prompt) + extra)
    return Html(
        f"<p><strong>{esc(a.title)}</strong></p><ol>"
        + "".join(f"<li>{i}</li>" for i in items)
        + "</ol>"
    )


def model_answers(activity_id: str, k: Kit | None = None) -> Html:
    """Facilitator-only: the model answer of every scored question, with rationale."""
    from ..scoring import describe_model_answer

    k = _k(k)
    a = k.activity(activity_id)
    parts = []
    for q in a.questions:
        if q.type in ("rating", "open_text"):
            continue
        text = describe_model_answer(q, catalogue=k)
        parts.append(
            f'<p><strong>{esc(q.prompt)}</strong></p><pre style="white-space:pre-wrap">{esc(text)}</pre>'
        )
    return Html(box(f"Model answers: {a.title}", "".join(parts), "facilitator"))


def observation_sheet(activity_id: str = "facilitation-observation", k: Kit | None = None) -> Html:
    """A printable observation sheet: rated aspects with the scale, then open questions."""
    a = _k(k).activity(activity_id)
    rated = [q for q in a.questions if q.type == "rating"]
    scale = rated[0] if rated else None
    heads = ["Aspect"] + (
        [
            f"{n} {scale.labels.get(n, '')}".strip()
            for n in range(scale.scale_min, scale.scale_max + 1)
        ]
        if scale
        else []
    )
    rows = [[q.prompt] + [""] * (len(heads) - 1) for q in rated]
    open_q = [q for q in a.questions if q.type == "open_text"]
    out = (
        f"<p>{esc(a.instructions)}</p>"
        + table(heads, rows)
        + ul(f"<strong>{esc(q.prompt)}</strong>" for q in open_q)
    )
    if a.debrief:
        out += "<p><strong>After each round:</strong></p>" + ul(esc(d) for d in a.debrief)
    return Html(out)
