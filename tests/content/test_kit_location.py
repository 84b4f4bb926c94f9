"""Where the kit in use is found: the default kit in the package, ``MSKIT_KIT``,
``MSKIT_CONTENT`` and ``--kit DIR``; a folder with no kit is refused."""

from __future__ import annotations

import shutil

import pytest

from mskit.cli import main
from mskit.content.kit import (
    content_root,
    default_kit_root,
    describe_kit,
    kit_notebook,
    load_kit,
)


@pytest.fixture
def own_kit(kit_root, tmp_path):
    """A borough's kit with its catalogue, activities and programmes but no notebooks."""
    own = tmp_path / "own-kit"
    for folder in ("catalogue", "scenarios", "exercises", "programmes"):
        shutil.copytree(kit_root / folder, own / folder)
    return own


def test_default_kit_is_the_package_folder(kit_root):
    """With nothing named, the kit in use is the one inside the package."""
    assert default_kit_root() == kit_root
    assert content_root() == kit_root
    assert "default kit" in describe_kit()
    assert load_kit().programmes


@pytest.mark.parametrize("variable", ["MSKIT_KIT", "MSKIT_CONTENT"])
def test_environment_names_the_kit(variable, own_kit, monkeypatch):
    """MSKIT_KIT names the kit in use; the older MSKIT_CONTENT still does."""
    monkeypatch.setenv(variable, str(own_kit))
    assert content_root() == own_kit
    assert describe_kit() == f"{own_kit} (from {variable})"


def test_mskit_kit_wins_over_mskit_content(own_kit, tmp_path, monkeypatch):
    """When both are set, MSKIT_KIT is the one used."""
    monkeypatch.setenv("MSKIT_CONTENT", str(tmp_path))
    monkeypatch.setenv("MSKIT_KIT", str(own_kit))
    assert content_root() == own_kit


def test_notebooks_missing_from_a_kit_come_from_the_default(own_kit, kit_root):
    """A kit without notebooks/ still has the board, group page and report notebooks."""
    path = kit_notebook("live/board/board.ipynb", own_kit)
    assert path == kit_root / "notebooks/live/board/board.ipynb"
    (own_kit / "notebooks/live/board").mkdir(parents=True)
    (own_kit / "notebooks/live/board/board.ipynb").write_text("{}")
    assert kit_notebook("live/board/board.ipynb", own_kit).is_relative_to(own_kit)


def test_kit_option_is_used_and_put_back(own_kit, capsys):
    """`--kit DIR` checks DIR's files, and MSKIT_KIT is as before once the command ends."""
    (own_kit / "scenarios" / "nail-bar.yaml").write_text("schema_version: 1\nkind: scenario\n")
    assert main(["validate", "--kit", str(own_kit)]) == 1
    assert "nail-bar.yaml" in capsys.readouterr().out
    assert content_root() == default_kit_root()


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["demo", "--groups", "2"],
        ["serve", "--no-browser"],
        ["export", "x"],
        ["paper", "template", "nail-bar"],
        ["present", "x.ipynb"],
        ["rehearse"],
        ["check-delivery"],
        ["elearning", "--out", "x"],
    ],
)
def test_a_folder_with_no_kit_is_a_usage_error(argv, tmp_path, capsys, monkeypatch):
    """Every command that reads content refuses a folder with no kit: exit 2, one line."""
    monkeypatch.chdir(tmp_path)
    assert main([*argv, "--kit", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "no kit here; expected the folders catalogue/" in err
    assert "Traceback" not in err


def test_environment_naming_no_kit_is_a_usage_error(tmp_path, capsys, monkeypatch):
    """MSKIT_KIT naming an empty folder: exit 2, naming the variable; never 'valid'."""
    monkeypatch.setenv("MSKIT_KIT", str(tmp_path))
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert f"MSKIT_KIT={tmp_path}" in err and "content is valid" not in err


def test_validate_counts_what_it_checked(capsys):
    """`mskit validate` says how many files of each kind it checked."""
    kit = load_kit()
    assert main(["validate"]) == 0
    err = capsys.readouterr().err
    total = len(kit.files)
    assert (
        f"{total} files checked: {len(kit.scenarios)} scenarios, {len(kit.exercises)} "
        f"exercises, {len(kit.programmes)} programmes, "
    ) in err
    assert err.rstrip().endswith("content is valid") or "warning" in err


def test_validate_of_a_folder_without_yaml_is_a_usage_error(tmp_path, capsys):
    """Naming a folder with no content files is refused, never reported as valid."""
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no content files (.yaml)" in err and "content is valid" not in err
