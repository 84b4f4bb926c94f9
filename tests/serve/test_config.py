"""Server settings: board on 127.0.0.1 only, no kernel leaks, no tracebacks, one notebook."""

from __future__ import annotations

import json

from mskit.serve.config import voila_config, write_config_dir
from mskit.serve.launcher import board_spec, participant_spec, port_free


def test_board_listens_on_localhost_only(tmp_path):
    """The board is bound to 127.0.0.1 whatever the participant server does."""
    spec = board_spec(8866, "http://192.0.2.1:8867", {})
    assert spec.host == "127.0.0.1" and spec.notebook.name == "board.ipynb"
    assert spec.env["MSKIT_PARTICIPANT_URL"] == "http://192.0.2.1:8867"


def test_participant_server_serves_only_the_group_page(tmp_path):
    """The participant server's notebook is the group page, alone in its folder."""
    spec = participant_spec("0.0.0.0", 8867, "192.0.2.1", {})
    assert spec.notebook.name == "group.ipynb"
    assert [p.name for p in spec.notebook.parent.iterdir() if p.suffix == ".ipynb"] == [
        "group.ipynb"
    ]
    assert spec.url == "http://192.0.2.1:8867/"


def test_voila_settings_stop_leaks_and_tracebacks(tmp_path):
    """XSRF is off (so unload beacons work), idle kernels are culled, no tracebacks or files."""
    folder = write_config_dir(tmp_path / "cfg", tmp_path / "group.ipynb", "0.0.0.0", 9999)
    config = json.loads((folder / "voila.json").read_text())
    assert config == voila_config(tmp_path / "group.ipynb", "0.0.0.0", 9999)
    assert config["Voila"]["tornado_settings"] == {"disable_check_xsrf": True}
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    assert config["VoilaConfiguration"]["file_allowlist"] == []


def test_port_in_use_is_detected():
    """A port something already listens on is reported as busy."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        assert not port_free("127.0.0.1", s.getsockname()[1])


def test_group_pages_come_from_a_preheated_pool(tmp_path):
    """The participant server keeps kernels preheated; the board does not need a pool."""
    spec = participant_spec("0.0.0.0", 8867, "192.0.2.1", {})
    assert spec.pool > 0
    config = voila_config(spec.notebook, spec.host, spec.port, spec.pool)
    assert config["VoilaConfiguration"]["preheat_kernel"] is True
    assert config["VoilaConfiguration"]["default_pool_size"] == spec.pool
    assert (
        "preheat_kernel" not in voila_config(spec.notebook, "127.0.0.1", 8866)["VoilaConfiguration"]
    )


def test_join_code_comes_from_the_request_outside_a_pool(monkeypatch):
    """Without a preheated kernel the code is read straight from QUERY_STRING."""
    from mskit.live.join import code_from_request

    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "code=ABC-123")
    assert code_from_request() == "ABC-123"


def test_board_settings_refuse_foreign_hosts_and_need_the_token(tmp_path):
    """With a token the server answers only local Host names, needs the token, and lets no
    request choose a template or theme; the file holding it is the user's only."""
    config = voila_config(tmp_path / "board.ipynb", "127.0.0.1", 8866, token="s3cret")
    assert config["Voila"]["token"] == "s3cret"
    assert config["Voila"]["tornado_settings"]["allow_remote_access"] is False
    assert config["Voila"]["tornado_settings"]["local_hostnames"] == ["localhost"]
    assert config["VoilaConfiguration"]["allow_template_override"] == "NO"
    assert config["VoilaConfiguration"]["allow_theme_override"] == "NO"
    folder = write_config_dir(tmp_path / "cfg", tmp_path / "b.ipynb", "127.0.0.1", 1, token="t")
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "voila.json").stat().st_mode & 0o777 == 0o600


def test_each_board_run_has_its_own_token_in_the_address_it_opens():
    """The board's address to open carries a fresh token; the group page's has none."""
    one, two = board_spec(8866, None, {}), board_spec(8866, None, {})
    assert one.token and one.token != two.token
    assert one.open_url == f"http://127.0.0.1:8866/?token={one.token}"
    assert participant_spec("0.0.0.0", 8867, "192.0.2.1", {}).open_url == "http://192.0.2.1:8867/"
