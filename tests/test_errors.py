"""Each kind of bad input raises the library's own error, naming file and line, what was
expected and how to fix it. The messages are part of the interface: they are pinned here."""
import pytest

from detector import read_calls, read_transcript
from detector import errors

CASES = {
    "empty": ("call.txt", b"", errors.EmptyFileError,
              "{p}: the file is empty. Export the transcript again; this file has no text in it"),
    "blank": ("call.txt", b"  \n\n \t\n", errors.EmptyFileError,
              "{p}: the file is empty. Export the transcript again; this file has no text in it"),
    "binary": ("call.txt", b"Dana: hi\n\x89PNG\x00\x00\x01", errors.BinaryFileError,
               "{p}:2: the file holds NUL bytes, so it is binary, not a text transcript. Give the "
               "transcript export (.txt, .vtt, .srt, .csv or .json), not the recording or a "
               "document file"),
    "undecodable": ("call.txt", b"Dana: hi\nSam: caf\xc3\x28 \x81\n", errors.DecodingError,
                    "{p}:2: byte 0xc3 is neither UTF-8 nor Windows-1252 text. Re-save the file as "
                    "UTF-8 (most editors offer it under 'Save as... > Encoding')"),
    "unknown format": ("call.docx", b"just some prose without any speakers", errors.UnknownFormatError,
                       "{p}: cannot tell the transcript format of this '.docx' file from its "
                       "extension or content. Give a .txt, .vtt, .srt, .csv, .tsv or .json "
                       "transcript export, or name the format with --format (text, otter, vtt, "
                       "srt, csv, tsv, json)"),
    "no speakers in text": ("call.txt", b"hello there\nhow are you today\n", errors.NoSpeakersError,
                            "{p}:1: no line starts with a speaker label such as 'Dana:'. Diarize "
                            "the recording first, or put the speaker's name and a colon at the "
                            "start of each turn ('Dana: Hi Sam...')"),
    "csv without text": ("call.csv", b"speaker,start\nDana,0.0\n", errors.MissingColumnError,
                         "{p}:1: no text column in the header (speaker, start). Name the column "
                         "that holds what was said 'text' (also accepted: transcript, utterance, "
                         "content, message)"),
    "csv without speaker": ("call.csv", b"start,text\n0,Hi\n", errors.NoSpeakersError,
                            "{p}:1: no speaker column in the header (start, text). Diarize the "
                            "recording first, or add a 'speaker' column naming who said each row"),
    "csv broken quoting": ("call.csv", b'speaker,text\nDana,"Hi "there" Sam\nSam,Hi\n',
                           errors.MalformedFileError,
                           "{p}:2: broken CSV quoting (',' expected after '\"'). Close the quote on "
                           "this row, or double any quote that is part of the text (\"\")"),
    "csv bad time": ("call.csv", b"speaker,start,text\nDana,soon,Hi\n", errors.MalformedFileError,
                     "{p}:2: start 'soon' is not a time. Write times as seconds (62.5) or as "
                     "00:01:02.5"),
    "truncated json": ("call.json", b'[{"speaker": "A", "text": "Hi"},\n {"speaker": "B", "te',
                       errors.MalformedFileError,
                       "{p}:2: invalid JSON at column 19: Unterminated string starting at. The file "
                       "may be truncated or hand-edited; export it again"),
    "deeply nested json": ("call.json", b"[" * 100_000 + b"]" * 100_000, errors.MalformedFileError,
                           "{p}:1: JSON nested too deeply to be a transcript. Export the "
                           "transcript again"),
    "vtt reversed times": ("call.vtt", b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nDana: Hi\n",
                           errors.MalformedFileError,
                           "{p}:3: the cue ends (00:00:01.000) before it starts (00:00:05.000). "
                           "Fix or remove this cue; times must not run backwards"),
    "one speaker": ("call.txt", b"Dana: hello?\nDana: anyone there?\n", errors.OneSpeakerError,
                    "{p}:1: only one speaker ('Dana') in the whole call, so the recording was "
                    "probably not diarized. Diarize it first (your service's speaker-labels "
                    "option), or check that the export kept the speaker labels"),
    "json of unknown shape": ("call.json", b'{"meeting": 1, "notes": []}', errors.UnknownShapeError,
                              "{p}:1: JSON of an unknown shape: an object with keys meeting, notes. "
                              "Supported: Gong, Amazon Transcribe, Deepgram, AssemblyAI, Whisper/"
                              "WhisperX, Fireflies, or a list of {{speaker, text, start, end}} "
                              "objects; convert the file to the last if it comes from elsewhere"),
    "whisper without speakers": ("call.json", b'{"segments": [{"start": 0, "end": 1, "text": "Hi"}]}',
                                 errors.NoSpeakersError,
                                 "{p}:1: the segments carry no speaker (a transcript without "
                                 "diarization). Diarize it first (for example WhisperX with "
                                 "diarization, or your service's speaker-labels option), or add a "
                                 "'speaker' to each segment"),
    "gong metadata alone": ("meta.json", b'{"calls": [{"metaData": {"id": "1"}, "parties": []}]}',
                            errors.NotATranscriptError,
                            "{p}: this is Gong call metadata (parties), not a transcript. Give it "
                            "together with the call's transcript file (/v2/calls/transcript); it "
                            "names the speakers and their side"),
    "vtt without header": ("call.vtt", b"1\n00:00:00.000 --> 00:00:01.000\nDana: Hi\n",
                           errors.MalformedFileError,
                           "{p}:1: a WebVTT file must start with the line 'WEBVTT'. Add 'WEBVTT' "
                           "as the first line, or use --format srt if it is an SRT file"),
    "vtt malformed time": ("call.vtt", b"WEBVTT\n\n1\n00:00:0x.000 --> 00:00:01.000\nDana: Hi\n",
                           errors.MalformedFileError,
                           "{p}:4: malformed WebVTT timing line '00:00:0x.000 --> 00:00:01.000'. "
                           "Write times as HH:MM:SS.mmm --> HH:MM:SS.mmm"),
    "srt reversed times": ("call.srt", b"1\n00:00:05,000 --> 00:00:01,000\nDana: Hi\n",
                           errors.MalformedFileError,
                           "{p}:2: the cue ends (00:00:01,000) before it starts (00:00:05,000). "
                           "Fix or remove this cue; times must not run backwards"),
    "srt without timing": ("call.srt", b"1\n00:00:00,000 --> 00:00:01,000\nDana: Hi\n\n2\nSam: Hey\n",
                           errors.MalformedFileError,
                           "{p}:5: this SRT block has no timing line ('00:00:01.000 --> "
                           "00:00:04.000'). Check that the file is a complete SRT export; every "
                           "cue needs a start --> end line"),
    "srt without speakers": ("call.srt", b"1\n00:00:00,000 --> 00:00:01,000\nHi there\n",
                             errors.NoSpeakersError,
                             "{p}:1: no SRT cue names its speaker. Diarize the recording first, or "
                             "start each cue's text with the speaker ('Dana: ...' or '<v Dana>...')"),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_errors_message_names_file_line_and_fix(kind, write):
    name, content, error_type, message = CASES[kind]
    path = write(name, content)
    with pytest.raises(error_type) as info:
        read_calls(path)
    assert str(info.value) == message.format(p=path)
    assert isinstance(info.value, errors.TranscriptError)


def test_errors_missing_file_is_a_transcript_error(tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(errors.TranscriptError, match=r"nope.txt: cannot read the file \(No such"):
        read_transcript(path)


def test_errors_pickle_with_their_fields():
    import pickle

    err = errors.MalformedFileError("a.vtt", 3, "bad", "fix it")
    back = pickle.loads(pickle.dumps(err))
    assert (back.path, back.line, str(back)) == ("a.vtt", 3, "a.vtt:3: bad. fix it")
