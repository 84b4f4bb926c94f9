"""Self-paced e-learning from the kit's content: a static web build and a SCORM 1.2 package.

The course runs in the learner's browser with the same scorers as the live session
(ported to JavaScript in ``static/scoring.js`` and checked against the Python ones)::

    from mskit.elearning import build
    built = build(load_kit(), Path("out"))   # out/web/index.html, out/<name>-scorm12.zip
"""

from .build import DEFAULT_MASTERY, DEFAULT_TITLE, Built, build
from .course import CourseError

__all__ = ["DEFAULT_MASTERY", "DEFAULT_TITLE", "Built", "CourseError", "build"]
