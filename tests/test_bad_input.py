"""Bad input in a batch: each kind becomes a failure row naming the file (and line) with what
was wrong and how to fix it, the batch goes on, and nothing already scored is lost. Error
messages themselves are pinned in test_errors.py."""
import os

import pytest
from click.testing import CliRunner

from detector import Role, read_calls
from detector.cli import main

GOOD = "Dana: Hi, this is Dana from Brightline. How is the fleet doing?\nSam: Fine, why?\n"

BAD = {
    "empty.txt": b"",
    "blank.txt": b" \n\t\n",
    "binary.txt": bytes(range(256)) * 4,
    "nul.txt": b"Dana: hi\x00 there\nSam: hello\n",
    "invalid-utf8.txt": b"Dana: caf\xc3\x28\x81\nSam: hi\n",
    "truncated.json": b'[{"speaker": "A", "text": "Hi"}, {"speaker": "B", "te',
    "nested.json": b"[" * 100_000 + b"]" * 100_000,
    "unknown-shape.json": b'{"meeting": {"notes": []}}',
    "missing-columns.csv": b"who,when\nDana,0\n",
    "broken-quoting.csv": b'speaker,text\nDana,"Hi "there\nSam,ok\n',
    "no-header.vtt": b"00:00:00.000 --> 00:00:01.000\nDana: Hi\n",
    "reversed.vtt": b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nDana: Hi\n",
    "malformed-time.srt": b"1\n00:00:0x,000 --> 00:00:01,000\nDana: Hi\n",
    "no-speakers.txt": b"hello there\nhow are you\n",
    "one-speaker.txt": b"Dana: hello?\nDana: anyone there?\n",
}


def test_bad_input_each_kind_is_a_failure_row_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "calls"
    src.mkdir()
    for name, data in BAD.items():
        (src / name).write_bytes(data)
    (src / "good.txt").write_text(GOOD, "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["score", str(src), "--out", str(out), "--jobs", "1", "-q"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    import pandas as pd

    failures = pd.read_csv(out / "failures.csv")
    assert sorted(os.path.basename(s) for s in failures["source"]) == sorted(BAD)
    for source, error in zip(failures["source"], failures["error"]):
        assert error.startswith(source + ":"), error
        assert error.count(". ") >= 1  # the problem, then how to fix it
    calls = pd.read_csv(out / "calls.csv")
    assert list(calls["call_id"]) == ["good"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig"])
def test_bad_input_utf16_and_utf32_with_and_without_bom_are_read(encoding, write):
    (call,) = read_calls(write("call.txt", GOOD.encode(encoding)))
    assert [t.speaker for t in call.turns] == ["Dana", "Sam"]


@pytest.mark.parametrize("names", [
    ("דנה כהן", "סמיר"), ("سمير", "ليلى"), ("王芳", "李雷"), ("Dana 🎧", "Sam 🚀"), ("Zoë", "Ørjan"),
])
def test_bad_input_names_in_any_script_round_trip_to_the_tables(names, tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(f"{names[0]}: Hi, this is Brightline calling.\n{names[1]}: Hello, who?\n"
                    f"{names[0]}: We sell fleet trackers.\n", "utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["turns", str(path), "--out", str(out), "-q"]).exit_code == 0
    import pandas as pd

    turns = pd.read_csv(out / "turns.csv")
    assert list(turns["speaker"]) == [names[0], names[1], names[0]]


def test_bad_input_twenty_speakers_all_get_a_role(write):
    lines = [f"Person {i % 20}: Our team can help you with number {i}, what do you think?"
             if i % 20 < 2 else f"Person {i % 20}: We have {i} trucks and I need fewer delays."
             for i in range(60)]
    (call,) = read_calls(write("call.txt", "\n".join(lines)))
    assert len(call.speakers) == 20
    roles = {s.role for s in call.speakers}
    assert roles == {Role.REP, Role.CLIENT}


@pytest.mark.slow
def test_bad_input_a_2mb_single_line_is_scored(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Dana: " + "we can help your team today " * 75_000 + "\nSam: ok\n", "utf-8")
    assert path.stat().st_size > 2_000_000
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["score", str(path), "--out", str(out), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "calls.csv").read_text("utf-8").count("\n") == 2


@pytest.mark.slow
def test_bad_input_a_50mb_transcript_is_refused_by_the_call_length_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Dana: we can help your team today with all of it\nSam: ok then\n" * 850_000)
    assert path.stat().st_size > 50 * 2**20
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["score", str(path), "--out", str(out), "--jobs", "1", "-q"])
    assert result.exit_code == 1
    assert "more than any one call (5,000,000 is the limit" in result.output


def test_bad_input_unreadable_and_dangling_files_in_a_walked_folder(tmp_path):
    src = tmp_path / "calls"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, "utf-8")
    os.symlink(src / "gone.txt", src / "dangling.txt")
    locked = src / "locked.txt"
    locked.write_text(GOOD, "utf-8")
    locked.chmod(0)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["score", str(src), "--out", str(out), "--jobs", "1", "-q"])
    locked.chmod(0o644)
    failures = (out / "failures.csv").read_text("utf-8")
    assert "dangling.txt: cannot read the file (No such file or directory)" in failures
    if os.geteuid() != 0:  # root reads anything
        assert "locked.txt: cannot read the file (Permission denied)" in failures
    assert result.exit_code == 1


def test_bad_input_a_bug_keeps_its_traceback_with_a_note(monkeypatch, tmp_path):
    from detector import batch

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(batch, "read_calls", broken)
    path = tmp_path / "call.txt"
    path.write_text(GOOD, "utf-8")
    result = CliRunner().invoke(main, ["turns", str(path), "--out", str(tmp_path)])
    assert isinstance(result.exception, RuntimeError)
    assert "hit a bug (not a problem with your files). Please report it" in result.stderr
