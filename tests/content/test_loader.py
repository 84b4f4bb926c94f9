"""Loading one file: valid files become immutable models; nothing ever raises."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from ruamel.yaml import YAML

from mskit.cli import main
from mskit.content.loader import load_file
from mskit.content.models import Scenario
from mskit.content.templates import template_text


def _write(tmp_path, text, name="case.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_template_loads_into_an_immutable_model(tmp_path):
    """A valid scenario becomes a frozen model whose lists are tuples."""
    loaded = load_file(_write(tmp_path, template_text("scenario", "demo-case")))
    assert loaded.problems == []
    scenario = loaded.model
    assert isinstance(scenario, Scenario) and scenario.id == "demo-case"
    assert isinstance(scenario.stages, tuple)
    with pytest.raises(ValidationError):
        scenario.title = "changed"


def test_problems_are_sorted_by_line(tmp_path):
    """Several problems in one file come out in file order."""
    text = template_text("scenario", "x").replace("victim_age: adult", "victim_age: elderly")
    text = text.replace("duration_minutes: 20", "duration_minutes: -5")
    lines = [p.line for p in load_file(_write(tmp_path, text)).problems]
    assert len(lines) == 2 and lines == sorted(lines)


def test_problem_prints_as_file_line_field_message(tmp_path):
    """A problem's text is `file:line: field.path: what was expected`."""
    text = template_text("scenario", "x").replace("victim_age: adult", "victim_age: elderly")
    (problem,) = load_file(_write(tmp_path, text), "case.yaml").problems
    assert str(problem) == (
        "case.yaml:17: victim_age: expected 'adult', 'child' or 'unknown', got 'elderly'"
    )


def test_missing_path_is_a_usage_error(tmp_path, capsys):
    """`mskit validate` on a path that does not exist exits 2 with the path named."""
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml: no such file or folder" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error(capsys):
    """An unknown subcommand exits 2, as argparse does."""
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_folder_is_validated_recursively(tmp_path, capsys):
    """A folder argument validates every YAML file beneath it."""
    sub = tmp_path / "borough" / "scenarios"
    sub.mkdir(parents=True)
    _write(sub, template_text("scenario", "borough-one"), "one.yaml")
    _write(sub, "schema_version: 1\nkind: scenario\n", "two.yml")
    assert main(["validate", str(tmp_path / "borough")]) == 1
    out = capsys.readouterr().out
    assert "two.yml:1" in out and "one.yaml" not in out


def test_unreadable_file_is_reported_not_raised(tmp_path):
    """A path that is a folder named like a file gets a message, not an exception."""
    path = tmp_path / "dir.yaml"
    path.mkdir()
    (problem,) = load_file(path).problems
    assert "cannot read the file" in problem.message


_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
_keys = st.sampled_from(
    ["schema_version", "kind", "id", "stages", "questions", "type", "options", "x", "rows"]
) | st.text(string.ascii_lowercase, min_size=1, max_size=8)
_documents = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=5),
    max_leaves=25,
)
_kinds = st.sampled_from(
    ["scenario", "exercise", "programme", "sources", "statistics", "actions", "agencies"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=_documents, kind=_kinds, version=st.sampled_from([1, 1, 2, "1", None]))
def test_random_yaml_documents_never_raise(tmp_path, doc, kind, version):
    """Any YAML document, shaped like content or not, gives problems and never a traceback."""
    if isinstance(doc, dict) and version is not None:
        doc = {"schema_version": version, "kind": kind, **doc}
    path = tmp_path / "random.yaml"
    with path.open("w", encoding="utf-8") as fh:
        YAML(typ="safe").dump(doc, fh)
    loaded = load_file(path)
    assert loaded.model is not None or loaded.problems


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_random_bytes_never_raise(tmp_path, raw):
    """Any bytes at all, through the whole CLI, exit 1 with messages, never a traceback."""
    path = tmp_path / "junk.yaml"
    path.write_bytes(raw)
    loaded = load_file(path)
    assert loaded.model is None and loaded.problems
    assert all(p.line >= 1 for p in loaded.problems)
