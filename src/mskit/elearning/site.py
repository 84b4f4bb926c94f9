"""The static site: ``index.html`` from a Jinja2 template, with the course's data embedded
as JSON, and the script and style files shipped with the package. Opens from a file or any
static server; it loads nothing from anywhere else."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..content.kit import Kit
from ..content.models import Contact
from ..render import render
from .course import Part, course_document, course_parts

STATIC_FILES = ("scoring.js", "course.js", "course.css")
"""The files every build carries beside ``index.html``."""

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(data: Any) -> Markup:
    """``data`` as JSON that is safe inside ``<script type="application/json">``: no ``<``,
    ``>`` or ``&`` appears literally, so content holding ``</script>`` cannot end the
    element, and ``JSON.parse`` reads it back unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.translate(_JSON_ESCAPES))


@dataclass(frozen=True)
class Contacts:
    """Where to get help: contacts with a number or address, and whether the borough has
    filled in its own."""

    listed: tuple[Contact, ...]
    borough: str | None
    filled_in: bool


def contacts_of(kit: Kit) -> Contacts:
    """The contacts file's entries that have a phone number or an email address."""
    lc = kit.local_contacts
    if lc is None:
        return Contacts((), None, False)
    listed = tuple(c for c in lc.contacts if c.phone or c.email)
    return Contacts(listed, lc.borough, not lc.template)


def _shuffled(public: dict[str, Any], key: str) -> dict[str, Any]:
    """Choices in a fixed order per question (the same in every build), unless the
    question keeps its written order; the right answer is not always first."""
    if public["type"] not in ("single_choice", "multiple_choice") or public.get("keep_order"):
        return public
    choices = list(public["choices"])
    random.Random(key).shuffle(choices)
    return {**public, "choices": choices}


def take_away(kit: Kit, parts: list[Part]) -> dict[str, Any]:
    """What to keep: the signs the course's case studies showed, the caution that one sign
    alone proves nothing, and the essential actions with when each applies."""
    from ..scoring.activity import questions_of

    signs: list[str] = []
    for p in parts:
        for _st, q in questions_of(p.activity):
            if q.type == "indicator_spotting":
                signs += [i for i in q.present if i not in signs and i in kit.indicators]
    return {
        "signs": [kit.indicators[i].text for i in signs],
        "caution": kit.indicator_caution,
        "actions": [a for a in kit.actions.values() if a.rating == "essential"],
    }


def page_html(kit: Kit, parts: list[Part], *, title: str, mastery: int) -> str:
    """The course page (``index.html``)."""
    doc = course_document(kit, parts, title=title, mastery=mastery)
    items = course_parts(kit, parts)
    for p in items:
        for s in p["screens"]:
            for q in s["questions"]:
                q["public"] = _shuffled(q["public"], q["key"])
    return render(
        "elearning/index.html.j2",
        title=title,
        mastery=mastery,
        minutes=doc["minutes"],
        parts=items,
        contacts=contacts_of(kit),
        take_away=take_away(kit, parts),
        sources=doc["sources"],
        classifications=doc["classifications"],
        data_json=script_json(doc),
        pass_value="__pass__",
    )


def write_site(out: Path, kit: Kit, parts: list[Part], *, title: str, mastery: int) -> Path:
    """Write the static site into ``out`` (created; files there are replaced)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(
        page_html(kit, parts, title=title, mastery=mastery), encoding="utf-8"
    )
    static = resources.files("mskit.elearning") / "static"
    for name in STATIC_FILES:
        with resources.as_file(static / name) as src:
            shutil.copyfile(src, out / name)
    return out / "index.html"
