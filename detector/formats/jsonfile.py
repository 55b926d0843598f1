"""JSON exports: parse once, then hand the object to the first reader whose shape matches."""
from __future__ import annotations

import json

from ..errors import MalformedFileError, NotATranscriptError, UnknownShapeError
from ..transcript import RawCall
from . import assemblyai, aws, deepgram, fireflies, gong, segments

# Order matters: vendor shapes first, the generic segment list last.
SHAPES = (
    ("Gong", gong.is_transcript, gong.read),
    ("Amazon Transcribe", aws.matches, aws.read),
    ("Deepgram", deepgram.matches, deepgram.read),
    ("AssemblyAI", assemblyai.matches, assemblyai.read),
    ("Fireflies", fireflies.matches, fireflies.read),
    ("segments", segments.matches, segments.read),
)


def parse(text: str, path: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise MalformedFileError(path, e.lineno, f"invalid JSON at column {e.colno}: {e.msg}",
                                 "The file may be truncated or hand-edited; export it again"
                                 ) from None
    except RecursionError:
        raise MalformedFileError(path, 1, "JSON nested too deeply to be a transcript",
                                 "Export the transcript again") from None


def _describe(obj) -> str:
    if isinstance(obj, dict):
        keys = ", ".join(list(obj)[:8]) + (", ..." if len(obj) > 8 else "")
        return f"an object with keys {keys}" if obj else "an empty object"
    if isinstance(obj, list):
        return f"a list of {len(obj)} {type(obj[0]).__name__}s" if obj else "an empty list"
    return f"a {type(obj).__name__}"


def read(text: str, path: str) -> list[RawCall]:
    return read_object(parse(text, path), path)


def read_object(obj, path: str) -> list[RawCall]:
    for _name, matches, reader in SHAPES:
        if matches(obj):
            return reader(obj, path)
    if gong.is_metadata(obj):
        raise NotATranscriptError(path, None, "this is Gong call metadata (parties), not a "
                                  "transcript", "Give it together with the call's transcript "
                                  "file (/v2/calls/transcript); it names the speakers and their "
                                  "side")
    raise UnknownShapeError(path, 1, f"JSON of an unknown shape: {_describe(obj)}",
                            "Supported: Gong, Amazon Transcribe, Deepgram, AssemblyAI, Whisper/"
                            "WhisperX, Fireflies, or a list of {speaker, text, start, end} objects; "
                            "convert the file to the last if it comes from elsewhere")
