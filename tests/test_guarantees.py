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


def _batch(tmp_path, copies):
    """Copies of the sample calls, with a bad file among them."""
    src = tmp_path / "calls"
    src.mkdir()
    samples = sorted((ROOT / "data" / "samples").iterdir())
    for i in range(copies):
        for s in samples:
            (src / f"{i:03d}-{s.name}").write_bytes(s.read_bytes())
    (src / "002-broken.txt").write_text("", "utf-8")
    return src


def _tables(out):
    return {n: (out / n).read_bytes() for n in ("calls.csv", "turns.csv", "failures.csv")}


@pytest.mark.slow
def test_guarantees_a_killed_batch_resumes_to_the_same_tables(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    src = _batch(tmp_path, copies=32)
    ref, out = tmp_path / "ref", tmp_path / "out"
    args = ["score", str(src), "--jobs", "1", "-q"]
    assert CliRunner().invoke(main, args + ["--out", str(ref)]).exit_code == 1  # the bad file
    proc = subprocess.Popen([sys.executable, "-m", "detector", *args, "--out", str(out)])
    journal = out / ".detector-batch.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text("utf-8").count('"source"') >= 40:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not (out / "calls.csv").exists(), "the batch finished before it could be killed"
    with open(out / "turns.csv.part", "a", encoding="utf-8") as f:
        f.write("w1-001,half a row cut by the kil")  # as if killed in the middle of a write
    resumed = CliRunner().invoke(main, args + ["--out", str(out), "--resume"])
    assert resumed.exit_code == 1, resumed.output
    assert _tables(out) == _tables(ref)
    assert not list(out.glob("*.part"))

    again = CliRunner().invoke(main, args[:-1] + ["--out", str(out), "--resume"])
    assert (again.exit_code, _tables(out)) == (1, _tables(ref))
    assert "nothing to resume" in again.output


def test_guarantees_resume_refuses_another_batch(tmp_path):
    src = _batch(tmp_path, copies=1)
    out = tmp_path / "out"
    CliRunner().invoke(main, ["score", str(src), "--out", str(out), "--jobs", "1", "-q"])
    (src / "zz-new.txt").write_text("Dana: Hi.\nSam: Hello.\n", "utf-8")
    result = CliRunner().invoke(main, ["score", str(src), "--out", str(out), "--resume", "-q"])
    assert result.exit_code == 1
    assert result.output == (f"error: {out}: the batch there was started with other input files "
                             "or options. Resume it with the same command, or run without "
                             "--resume to score afresh\n")


def test_guarantees_resume_trusts_only_table_bytes_that_exist(tmp_path):
    from detector.checkpoint import Journal

    with Journal(str(tmp_path), "batch", ["calls.csv"]) as journal:
        journal.record("a.txt", {"calls.csv": 10}, {"calls": 1})
        journal.record("b.txt", {"calls.csv": 20}, {"calls": 2})
    (tmp_path / "calls.csv.part").write_bytes(b"x" * 15)  # a power cut lost the last 5 bytes
    with Journal(str(tmp_path), "batch", ["calls.csv"], resume=True) as journal:
        progress = journal.progress
    assert (progress.done, dict(progress.sizes), dict(progress.counts)) == (
        frozenset({"a.txt"}), {"calls.csv": 10}, {"calls": 1})


def test_guarantees_score_tables_neutralise_formulas(tmp_path):
    import csv

    path = tmp_path / "call.txt"
    path.write_text("Dana: =HYPERLINK(\"http://x\") hi, this is Brightline.\n"
                    "Sam: +1 for that, what do you sell?\n", "utf-8")
    out = tmp_path / "out"
    CliRunner().invoke(main, ["score", str(path), "--out", str(out), "--jobs", "1", "-q"])
    with open(out / "turns.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["text"][:2] for r in rows] == ["'=", "'+"]
    cells = [c for r in rows for c in r.values()]
    cells += [c for r in csv.reader(open(out / "calls.csv", encoding="utf-8")) for c in r]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
