"""Authoring helpers: `mskit new` templates and `mskit schema`."""

from __future__ import annotations

import json

import pytest

from mskit.cli import main
from mskit.content import validate


@pytest.mark.parametrize("kind", ["scenario", "exercise"])
def test_new_writes_a_template_that_validates(kind, tmp_path, capsys, kit_root):
    """`mskit new KIND NAME` writes NAME.yaml, and that file validates against the kit."""
    assert main(["new", kind, "hostel-labour", "--out", str(tmp_path)]) == 0
    path = tmp_path / "hostel-labour.yaml"
    assert path.read_text().count("hostel-labour") >= 1
    assert [p for p in validate([path], root=kit_root) if p.severity == "error"] == []


def test_new_refuses_to_overwrite(tmp_path, capsys):
    """`mskit new` leaves an existing file alone and exits 1."""
    (tmp_path / "mine.yaml").write_text("keep me")
    assert main(["new", "scenario", "mine", "--out", str(tmp_path)]) == 1
    assert (tmp_path / "mine.yaml").read_text() == "keep me"
    assert "exists already" in capsys.readouterr().err


def test_new_rejects_a_bad_id(tmp_path, capsys):
    """`mskit new` with an id that is not lower-case letters, digits and dashes exits 2."""
    assert main(["new", "scenario", "My Case", "--out", str(tmp_path)]) == 2
    assert not list(tmp_path.iterdir())


def test_schema_writes_one_json_schema_per_kind(tmp_path, capsys):
    """`mskit schema --out DIR` writes a JSON Schema file for every kind of content file."""
    assert main(["schema", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "scenario.schema.json" in names and "statistics.schema.json" in names
    schema = json.loads((tmp_path / "scenario.schema.json").read_text())
    assert schema["properties"]["schema_version"]["const"] == 1
