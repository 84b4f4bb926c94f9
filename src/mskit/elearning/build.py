"""``build``: the web build and the SCORM 1.2 zip, from the kit's content."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ..content.kit import Kit
from .course import CourseError, select_activities
from .scorm import package_name, write_package
from .site import write_site

DEFAULT_TITLE = "Human trafficking and modern slavery awareness: self-paced course"
DEFAULT_MASTERY = 80


@dataclass(frozen=True)
class Built:
    """What a build wrote: the static site's folder and the SCORM package."""

    web: Path
    scorm_zip: Path
    activities: tuple[str, ...]


def build(
    kit: Kit,
    out: Path,
    *,
    activities: list[str] | None = None,
    mastery: int = DEFAULT_MASTERY,
    title: str | None = None,
) -> Built:
    """Write ``out/web/`` (``index.html`` and its files) and ``out/<name>-scorm12.zip``.

    ``activities`` (scenario or exercise ids) replaces the default selection, the
    awareness session's activities; the knowledge check comes first and last either way.
    Raises :class:`CourseError` for an unknown activity or a mastery outside 0..100.
    """
    title = (title or DEFAULT_TITLE).strip()
    if not title:
        raise CourseError("the title is empty")
    if not 0 <= mastery <= 100:
        raise CourseError(f"the mastery score must be between 0 and 100, not {mastery}")
    parts = select_activities(kit, activities)
    web = out / "web"
    if web.exists():
        shutil.rmtree(web)
    write_site(web, kit, parts, title=title, mastery=mastery)
    zip_path = write_package(
        web, out / f"{package_name(title)}-scorm12.zip", title=title, mastery=mastery
    )
    return Built(web, zip_path, tuple(p.activity.id for p in parts))
