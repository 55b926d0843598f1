import pytest

from detector import read_calls
from render import RENDERERS


def _gong_parties(turns):
    names = dict.fromkeys(s for s, *_ in turns)
    return {"c1": [{"speakerId": f"id-{s}", "name": s, "affiliation": "Unknown"} for s in names]}


@pytest.mark.parametrize("call_name", ["two_people", "four_people"])
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_formats_round_trip(fmt, call_name, fixture_calls, write):
    turns = fixture_calls[call_name]
    render, ext, times = RENDERERS[fmt]
    path = write(f"{call_name}{ext}", render(turns))
    parties = _gong_parties(turns) if fmt == "gong" else None
    (call,) = read_calls(path, parties=parties)
    assert [(t.speaker, t.text) for t in call.turns] == [(s, t) for s, t, *_ in turns]
    if times == "both":
        got = [x for t in call.turns for x in (t.start_s, t.end_s)]
        assert got == pytest.approx([x for *_, a, b in turns for x in (a, b)], abs=0.002)
    elif times == "start":
        assert [t.start_s for t in call.turns] == [float(int(a)) for *_, a, _ in turns]
    else:
        assert all(t.start_s is None and t.end_s is None for t in call.turns)
    lines = [t.line for t in call.turns]
    assert lines == sorted(lines) and lines[0] >= 1


@pytest.mark.parametrize("fmt", ["text", "vtt-teams", "csv", "segment-list"])
def test_formats_detected_without_extension(fmt, fixture_calls, write):
    render, _, _ = RENDERERS[fmt]
    path = write("export", render(fixture_calls["two_people"]))
    (call,) = read_calls(path)
    assert len(call.turns) == 6


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_formats_unicode_encodings(encoding, fixture_calls, write):
    path = write("call.txt", RENDERERS["text"][0](fixture_calls["four_people"]).encode(encoding))
    (call,) = read_calls(path)
    assert call.turns[3].speaker == "Zoë O'Brien"


def test_formats_cp1252_fallback_warns(write):
    from detector.errors import EncodingFallbackWarning

    path = write("call.txt", "Agent: Caf\xe9 owners love it.\nCustomer: Na\xefve question.\n"
                 .encode("cp1252"))
    with pytest.warns(EncodingFallbackWarning, match="read as Windows-1252"):
        (call,) = read_calls(path)
    assert call.turns[0].text == "Café owners love it."


def test_formats_csv_with_call_ids_holds_several_calls(write):
    path = write("calls.csv", "call_id,speaker,text\na,Rep,Hi there\na,Customer,Hello\n"
                 "b,Rep,Morning\nb,Customer,Who is this?\n")
    calls = read_calls(path)
    assert [c.call_id for c in calls] == ["a", "b"]
    assert [t.line for t in calls[1].turns] == [4, 5]


def test_formats_csv_multiline_cell_keeps_its_start_line(write):
    path = write("call.csv", 'speaker,text\nA,"first line\nsecond line"\nB,reply\n')
    (call,) = read_calls(path)
    assert [(t.line, t.text) for t in call.turns] == [(2, "first line\nsecond line"), (4, "reply")]


def test_formats_stage_directions_are_other(write):
    path = write("call.txt", "Dana: Hi Sam.\n[crosstalk]\nSam: Hi.\nNarrator: The call drops.\n")
    call = read_calls(path)[0]
    assert [(t.speaker, call.role_of(t.speaker).value) for t in call.turns][1:] == [
        ("", "other"), ("Sam", call.role_of("Sam").value), ("Narrator", "other")]


def test_formats_plain_ignores_clauses_that_look_like_labels(write):
    path = write("call.txt", "Dana: Here's the plan.\nHere's the thing: it works.\nSam: Okay.\n")
    call = read_calls(path)[0]
    assert call.turns[0].text == "Here's the plan. Here's the thing: it works."


def test_formats_lowercase_speaker_labels_from_speech_to_text(write):
    path = write("call.txt", "noor: hi is this chidi\nchidi: yeah whos this\nnoor: noor from "
                 "tallyhand we had a call booked\nchidi: oh right sorry\n")
    (call,) = read_calls(path)
    assert [t.speaker for t in call.turns] == ["noor", "chidi", "noor", "chidi"]


def test_formats_lowercase_labels_only_when_no_capitalised_ones(write):
    path = write("call.txt", "Dana: so the idea is simple\nso the thing: it works\nSam: ok\n"
                 "so the thing: again\n")
    (call,) = read_calls(path)
    assert [t.speaker for t in call.turns] == ["Dana", "Sam"]
