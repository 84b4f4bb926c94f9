"""SCORM 1.2 packaging: ``imsmanifest.xml`` (one SCO, the site's ``index.html``) at the
root of a zip holding every file of the site."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..render import render

MANIFEST = "imsmanifest.xml"


def package_name(title: str) -> str:
    """A file-name-safe short name for the course (``awareness-e-learning``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if len(slug) > 40:
        slug = slug[:41].rsplit("-", 1)[0]
    return slug or "course"


def manifest_xml(site: Path, *, title: str, mastery: int, identifier: str) -> str:
    """The manifest listing every file under ``site``; the launch page is ``index.html``."""
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return render(
        "elearning/imsmanifest.xml.j2",
        title=title,
        mastery=mastery,
        identifier=identifier,
        files=[f for f in files if f != MANIFEST],
    )


def write_package(site: Path, zip_path: Path, *, title: str, mastery: int) -> Path:
    """Zip ``site`` with a SCORM 1.2 manifest at the zip's root."""
    identifier = f"mskit-{package_name(title)}"
    manifest = manifest_xml(site, title=title, mastery=mastery, identifier=identifier)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, manifest)
        for p in sorted(site.rglob("*")):
            if p.is_file() and p.name != MANIFEST:
                zf.write(p, p.relative_to(site).as_posix())
    return zip_path
