"""WebVTT from Zoom (``Name: text`` in the cue) and Teams (``<v Name>text</v>``)."""
from __future__ import annotations

from ..errors import MalformedFileError
from ..transcript import RawCall
from .cues import cues_to_call, parse_cues


def read(text: str, path: str) -> list[RawCall]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if not first.startswith("WEBVTT"):
        raise MalformedFileError(path, 1, "a WebVTT file must start with the line 'WEBVTT'",
                                 "Add 'WEBVTT' as the first line, or use --format srt if it is "
                                 "an SRT file")
    return [cues_to_call(parse_cues(text, path, "WebVTT", first_line=2), path, "WebVTT")]
