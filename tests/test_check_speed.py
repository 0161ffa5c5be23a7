"""The fast check's own costs on long Math-To-Manim scenes (issue 16): the audit hook decides an event that no
rule names once, by its name (manim's deep copies raise builtins.id per object copied), and still checks every
open, write and spawn, and refuses every refused event, however often it saw harmless ones before."""

from __future__ import annotations

import sys

import pytest

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1] / "mathanim" / "sandbox"))
import child  # noqa: E402  (the sandbox child's module, as it runs in the child)


@pytest.fixture
def guard(tmp_path):
    g = child.Guard([str(tmp_path)], [str(tmp_path), "/usr"])
    g.active = True
    return g


def test_harmless_events_are_learnt_and_the_checked_ones_stay_checked(guard, tmp_path):
    for _ in range(3):
        guard("builtins.id", (1,))
        guard("open", (str(tmp_path / "a.txt"), "w", 0))
        with pytest.raises(PermissionError, match="outside the working folder"):
            guard("open", ("/etc/passwd-copy", "w", 0))
        with pytest.raises(PermissionError, match="reading /etc/shadow"):
            guard("open", ("/etc/shadow", "r", 0))
        with pytest.raises(PermissionError, match="socket.connect is not allowed"):
            guard("socket.connect", (None, ("1.2.3.4", 80)))
        with pytest.raises(PermissionError, match="starting 'sh'"):
            guard("subprocess.Popen", ("sh", ["sh", "-c", "id"], None, None))
        with pytest.raises(PermissionError, match="os.remove outside"):
            guard("os.remove", ("/usr/bin/env",))
    assert guard.harmless == {"builtins.id"}


def test_a_harmless_event_seen_while_inactive_is_not_learnt(tmp_path):
    g = child.Guard([str(tmp_path)], [str(tmp_path)])
    g("socket.connect", (None, None))  # manim's own imports run before the hook is switched on
    g.active = True
    with pytest.raises(PermissionError):
        g("socket.connect", (None, None))
    assert g.harmless == set()

