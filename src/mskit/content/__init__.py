"""Training content as validated, immutable data (YAML files with ``schema_version``)."""

from .base import SCHEMA_VERSION
from .checks import validate
from .kit import Kit, content_root, load_kit
from .models import FILE_MODELS, Exercise, Programme, Scenario
from .problems import Problem
from .questions import PASS, Question

__all__ = [
    "FILE_MODELS",
    "PASS",
    "SCHEMA_VERSION",
    "Exercise",
    "Kit",
    "Problem",
    "Programme",
    "Question",
    "Scenario",
    "content_root",
    "load_kit",
    "validate",
]
