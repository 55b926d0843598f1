"""Guarantees that hold for any input: no network access, and walks that end."""
import os
import socket

import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector.batch import walk
from detector.cli import main


def test_guarantees_a_batch_never_opens_a_socket(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("the tool tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = CliRunner().invoke(main, ["score", str(ROOT / "data" / "samples"), "--out",
                                       str(tmp_path), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "calls.csv").read_text("utf-8").count("\n") == 6


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_guarantees_symlink_loops_do_not_trap_the_walk(tmp_path):
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "a.txt").write_text("Rep: Hi\nClient: Hello\n", "utf-8")
    os.symlink(tmp_path / "calls", tmp_path / "calls" / "loop")
    assert list(walk([tmp_path / "calls"])) == [str(tmp_path / "calls" / "a.txt")]
