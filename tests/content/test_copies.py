"""A borough's own kit: `mskit init DIR` writes a copy that validates, and
`mskit init --update DIR` takes in a newer default kit without overwriting edits."""

from __future__ import annotations

import json
import shutil

import pytest

from mskit.cli import main
from mskit.content.copies import MANIFEST, init_kit, update_kit


@pytest.fixture
def newer(kit_root, tmp_path):
    """A stand-in for a newer default kit: a copy of the default to change."""
    root = tmp_path / "newer"
    for folder in ("catalogue", "scenarios", "exercises", "programmes", "notebooks"):
        shutil.copytree(kit_root / folder, root / folder)
    return root


def test_init_writes_a_kit_that_validates_and_is_used(tmp_path, capsys):
    """The copy has every folder, a README and a manifest, validates, and --kit uses it."""
    target = tmp_path / "exampleton"
    assert main(["init", str(target)]) == 0
    for folder in ("catalogue", "scenarios", "exercises", "programmes", "notebooks", "schemas"):
        assert (target / folder).is_dir(), folder
    readme = (target / "README.md").read_text()
    assert "local-contacts.yaml" in readme and "mskit init --update" in readme
    assert f"--kit {target}" in readme
    assert json.loads((target / MANIFEST).read_text())["files"]
    capsys.readouterr()
    (target / "scenarios" / "nail-bar.yaml").write_text("schema_version: 1\nkind: scenario\n")
    assert main(["validate", "--kit", str(target)]) == 1
    assert "nail-bar.yaml" in capsys.readouterr().out


def test_init_copy_validates_clean(tmp_path, capsys):
    """A fresh copy checks clean with `mskit validate --kit DIR`."""
    target = tmp_path / "kit"
    init_kit(target)
    assert main(["validate", "--kit", str(target)]) == 0
    assert "content is valid" in capsys.readouterr().err


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    """An existing kit is never overwritten: exit 2, pointing at --update."""
    init_kit(tmp_path / "kit")
    assert main(["init", str(tmp_path / "kit")]) == 2
    err = capsys.readouterr().err
    assert "not empty" in err and "--update" in err


def test_update_copies_new_updates_unedited_and_keeps_edits(tmp_path, newer):
    """New files are copied, unedited files updated, edited ones kept and named."""
    target = tmp_path / "kit"
    init_kit(target, newer)
    (target / "scenarios" / "nail-bar.yaml").write_text("# ours\n")
    (target / "scenarios" / "county-lines.yaml").write_text("# ours too\n")
    (newer / "scenarios" / "nail-bar.yaml").write_text("# newer default\n")
    (newer / "exercises" / "myth-or-fact.yaml").write_text("# newer, not edited here\n")
    (newer / "exercises" / "brand-new.yaml").write_text("# new\n")

    dry = update_kit(target, newer, dry_run=True)
    assert dry.added == ["exercises/brand-new.yaml"]
    assert not (target / "exercises" / "brand-new.yaml").exists()

    result = update_kit(target, newer)
    assert result.added == ["exercises/brand-new.yaml"]
    assert result.updated == ["exercises/myth-or-fact.yaml"]
    assert result.conflicts == ["scenarios/nail-bar.yaml"]
    assert (target / "scenarios" / "nail-bar.yaml").read_text() == "# ours\n"
    assert (target / "scenarios" / "county-lines.yaml").read_text() == "# ours too\n"
    assert (target / "exercises" / "myth-or-fact.yaml").read_text().startswith("# newer")
    assert not update_kit(target, newer).added


def test_update_leaves_out_what_the_borough_deleted(tmp_path, newer):
    """A file deleted here stays deleted when the default kit changes it."""
    target = tmp_path / "kit"
    init_kit(target, newer)
    (target / "exercises" / "myth-or-fact.yaml").unlink()
    (newer / "exercises" / "myth-or-fact.yaml").write_text("# newer\n")
    result = update_kit(target, newer)
    assert result.removed_here == ["exercises/myth-or-fact.yaml"]
    assert not (target / "exercises" / "myth-or-fact.yaml").exists()


def test_update_command_on_a_folder_with_no_kit_is_a_usage_error(tmp_path, capsys):
    """`mskit init --update` on an empty folder: exit 2 with one line."""
    assert main(["init", "--update", str(tmp_path)]) == 2
    assert "no kit here to update" in capsys.readouterr().err


def test_update_command_reports_up_to_date(tmp_path, capsys):
    """Updating a fresh copy from the same mskit changes nothing and says so."""
    init_kit(tmp_path / "kit")
    assert main(["init", "--update", str(tmp_path / "kit")]) == 0
    assert "up to date" in capsys.readouterr().out


def test_new_refuses_to_write_into_the_installed_default_kit(monkeypatch, tmp_path, capsys):
    """`mskit new` with the pip-installed default kit in use points to mskit init instead
    of writing inside the package; with --kit it writes into the borough's kit."""
    from mskit.content import kit as kit_module

    with monkeypatch.context() as m:
        m.setattr(kit_module, "is_installed_default", lambda root: True)
        assert main(["new", "scenario", "hostel-labour"]) == 2
        assert "mskit init DIR" in capsys.readouterr().err
    init_kit(tmp_path / "kit")
    assert main(["new", "scenario", "hostel-labour", "--kit", str(tmp_path / "kit")]) == 0
    assert (tmp_path / "kit" / "scenarios" / "hostel-labour.yaml").is_file()
