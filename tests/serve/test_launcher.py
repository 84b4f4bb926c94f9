"""Starting and stopping the servers on every platform: the Linux-only ``prctl`` and the
POSIX process groups are used only where they exist."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from mskit.serve import launcher


def test_linux_uses_a_process_group_and_dies_with_mskit():
    """On Linux the server gets its own session and the parent-death signal."""
    opts = launcher.popen_options("linux", posix=True)
    assert opts["start_new_session"] is True
    assert opts["preexec_fn"] is launcher._die_with_parent


def test_macos_uses_a_process_group_without_prctl():
    """On macOS: a process group, and no Linux-only prctl call in the child."""
    assert launcher.popen_options("darwin", posix=True) == {"start_new_session": True}


def test_windows_uses_a_new_process_group_and_no_posix_calls():
    """On Windows: a new process group (for CTRL_BREAK); no setsid, no preexec_fn."""
    opts = launcher.popen_options("win32", posix=False)
    assert set(opts) == {"creationflags"} and opts["creationflags"] & 0x200


class _FakeProcess:
    pid = 424242

    def __init__(self) -> None:
        self.calls: list[object] = []

    def send_signal(self, sig):
        self.calls.append(sig)

    def terminate(self):
        self.calls.append("terminate")

    def kill(self):
        self.calls.append("kill")


def test_windows_stop_steps_use_process_methods():
    """Without process groups, stopping uses CTRL_BREAK, terminate() and kill()."""
    proc = _FakeProcess()
    for step in ("interrupt", "terminate", "kill"):
        assert launcher.send_stop(proc, step, posix=False)
    assert proc.calls[1:] == ["terminate", "kill"]
    assert proc.calls[0] == getattr(signal, "CTRL_BREAK_EVENT", signal.SIGINT)


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX")
def test_posix_stop_reaches_the_whole_group_and_a_gone_server_is_fine():
    """On POSIX the stop signal goes to the server's group; once gone, False, no error."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], **launcher.popen_options()
    )
    assert launcher.send_stop(proc, "terminate")
    assert proc.wait(10) == -signal.SIGTERM
    assert not launcher.send_stop(proc, "kill")
