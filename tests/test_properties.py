"""Property-based tests: random calls written in every format read back as they were written;
random bytes, and random damage to valid files, give a call or the library's own error and
nothing else; size limits hold whatever a file holds."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector import read_calls
from detector.errors import CallTooLongError, TranscriptError
from render import RENDERERS

# Letters of scripts with and without case, left-to-right and right-to-left; digits and the
# punctuation speech-to-text emits. Not ':' (it is what marks a speaker label in text formats),
# nor brackets or angle brackets (stage directions and cue tags), which no transcript's speech
# contains without them meaning something.
_LETTERS = "abcdefghijklmnopqrstuvwxyzéñøüçšßæ" + "αβγжщыאבגדהשלםعربيةمرح" + "王芳李雷中文"
_WORD = st.text(_LETTERS + "0123456789", min_size=1, max_size=10)
_TAIL = st.sampled_from(["", ",", ".", "?", "!", "'s"])
_TEXT = st.lists(st.tuples(_WORD, _TAIL).map("".join), min_size=1, max_size=12).map(" ".join)
_CAPITAL = st.sampled_from("ABCDMRSTZÉŽÖÅЖДΩאדסعسم王李")
_NAME = st.builds(lambda a, b, c, e: f"{a}{b}" + (f" {c.capitalize()}" if c else "") + e,
                  _CAPITAL, st.text(_LETTERS, max_size=8), st.text(_LETTERS, max_size=8),
                  st.sampled_from(["", " 🎧", " 🚀"]))


@st.composite
def calls(draw):
    names = draw(st.lists(_NAME, min_size=2, max_size=4, unique_by=str.casefold))
    n = draw(st.integers(2, 12))
    order = [names[0], names[1]] + [draw(st.sampled_from(names)) for _ in range(n - 2)]
    turns, t = [], 0.0
    for i, who in enumerate(order):
        if i and who == turns[-1][0]:
            continue  # one speaker's consecutive segments are one turn by definition
        length = draw(st.integers(1, 30))
        turns.append((who, draw(_TEXT), t, t + length + 0.5))
        t += length + 1
    return turns if len({s for s, *_ in turns}) >= 2 else turns + [(names[1], "Yes.", t, t + 1)]


def _parties(turns):
    return {"c1": [{"speakerId": f"id-{s}", "name": s, "affiliation": "Unknown"}
                   for s in dict.fromkeys(s for s, *_ in turns)]}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=calls())
def test_properties_random_calls_read_back(fmt, turns, write):
    render, ext, times = RENDERERS[fmt]
    path = write(f"call{ext}", render(turns))
    (call,) = read_calls(path, parties=_parties(turns) if fmt == "gong" else None)
    assert [(t.speaker, t.text) for t in call.turns] == [(s, t) for s, t, *_ in turns]
    if times == "both":
        assert [t.start_s for t in call.turns] == pytest.approx([a for *_, a, _ in turns], abs=0.002)


_EXTENSIONS = [".txt", ".vtt", ".srt", ".csv", ".tsv", ".json", ""]


pytestmark = pytest.mark.filterwarnings("ignore::detector.errors.EncodingFallbackWarning")


def _read_or_own_error(path):
    try:
        calls_read = read_calls(path)
    except TranscriptError:
        return
    assert calls_read and all(c.turns for c in calls_read)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), ext=st.sampled_from(_EXTENSIONS))
def test_properties_random_bytes_give_a_call_or_our_error(data, ext, write):
    _read_or_own_error(write(f"blob{ext}", data))


_DAMAGE = st.sampled_from(["truncate", "delete", "insert", "replace", "repeat"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(sorted(RENDERERS)), damage=st.lists(
    st.tuples(_DAMAGE, st.floats(0, 1), st.floats(0, 1), st.binary(min_size=1, max_size=8)),
    min_size=1, max_size=4))
def test_properties_damaged_files_give_a_call_or_our_error(fmt, damage, fixture_calls, write):
    render, ext, _ = RENDERERS[fmt]
    data = bytearray(render(fixture_calls["two_people"]).encode("utf-8"))
    for kind, x, y, junk in damage:
        i = int(x * len(data))
        j = min(len(data), i + 1 + int(y * 40))
        if kind == "truncate":
            del data[i:]
        elif kind == "delete":
            del data[i:j]
        elif kind == "insert":
            data[i:i] = junk
        elif kind == "replace":
            data[i:i + len(junk)] = junk
        else:
            data[i:i] = data[i:j]
    _read_or_own_error(write(f"call{ext}", bytes(data)))


def test_properties_file_size_is_limited(monkeypatch, write):
    from detector import reading

    path = write("call.txt", "Dana: hi\nSam: hello\n" * 100)
    monkeypatch.setattr(reading, "MAX_BYTES", 1000)
    with pytest.raises(TranscriptError, match=r"call.txt: the file is 0 MB, more than any call "
                       r"transcript \(0 MB is the limit\). Split it into one file per call"):
        read_calls(path)


def test_properties_call_length_is_limited(monkeypatch, write):
    from detector import reading

    path = write("calls.csv", "call_id,speaker,text\na,Dana,hi\na,Sam,hello\n"
                 "b,Dana," + "word " * 300 + "\nb,Sam,ok\n")
    monkeypatch.setattr(reading, "MAX_CALL_CHARS", 1000)
    with pytest.raises(CallTooLongError) as info:
        read_calls(path)
    assert str(info.value) == (f"{path}:4: the call holds 1,503 characters of speech, more than "
                               "any one call (1,000 is the limit, about a hundred hours of talk). "
                               "Split the file into one file per call")
