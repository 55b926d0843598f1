import csv
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector.cli import main
from detector.tables import FAILURE_COLUMNS, TURN_COLUMNS
from render import RENDERERS


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def folder(tmp_path, fixture_calls):
    calls = tmp_path / "calls"
    (calls / "nested").mkdir(parents=True)
    (calls / "a.vtt").write_text(RENDERERS["vtt-zoom"][0](fixture_calls["two_people"]), "utf-8")
    (calls / "nested" / "b.json").write_text(RENDERERS["gong"][0](fixture_calls["four_people"]), "utf-8")
    (calls / "notes.pdf").write_bytes(b"%PDF-1.4 not walked: not a transcript extension")
    return calls


def test_cli_turns_writes_tables_and_exit_0(folder, tmp_path):
    result = CliRunner().invoke(main, ["turns", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    turns = _rows(tmp_path / "out" / "turns.csv")
    assert list(turns[0])[: len(TURN_COLUMNS)] == list(TURN_COLUMNS)
    assert [r["call_id"] for r in turns].count("a") == 6 and len(turns) == 14
    assert _rows(tmp_path / "out" / "failures.csv") == []
    assert "read 2 call(s), 14 turn(s)" in result.output


def test_cli_turns_records_bad_file_and_exits_1(folder, tmp_path):
    bad = folder / "z.srt"
    bad.write_text("1\n00:00:05,000 --> 00:00:01,000\nDana: Hi\n", "utf-8")
    result = CliRunner().invoke(main, ["turns", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    failures = _rows(tmp_path / "out" / "failures.csv")
    assert list(failures[0]) == list(FAILURE_COLUMNS)
    assert (failures[0]["source"], failures[0]["line"]) == (str(bad), "2")
    assert "before it starts" in failures[0]["error"]
    assert len(_rows(tmp_path / "out" / "turns.csv")) == 14  # nothing already read is lost


def test_cli_turns_rep_option_and_formula_cells(write, tmp_path):
    path = write("call.txt", "Ann: =HYPERLINK(\"http://x\")\nBo: -5 is fine\nAnn: @here ok\n")
    result = CliRunner().invoke(main, ["turns", path, "--rep", "Bo", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    rows = _rows(tmp_path / "o" / "turns.csv")
    assert [(r["speaker"], r["role"], r["role_by"]) for r in rows] == [
        ("Ann", "client", "option"), ("Bo", "rep", "option"), ("Ann", "client", "option")]
    assert [r["text"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'-5 is fine", "'@here ok"]


@pytest.mark.parametrize("args", [["turns"], ["turns", "."], ["nope"], ["turns", ".", "--out", "o", "--format", "doc"]])
def test_cli_usage_errors_exit_2(args):
    assert CliRunner().invoke(main, args).exit_code == 2


def test_cli_runs_as_module(tmp_path, fixture_calls):
    path = tmp_path / "c.txt"
    path.write_text(RENDERERS["text"][0](fixture_calls["two_people"]), "utf-8")
    done = subprocess.run([sys.executable, "-m", "detector", "turns", str(path), "--out",
                           str(tmp_path / "o"), "-q"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(_rows(tmp_path / "o" / "turns.csv")) == 6


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=" ".join)
def test_cli_every_command_has_help_and_is_in_readme(path):
    cmd = dict(_commands(main))[path]
    assert cmd.help and len(cmd.help) > 20
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(rf"detector {' '.join(path)}\b", readme), f"README lacks 'detector {' '.join(path)}'"
