"""SRT subtitles, with or without ``Name:`` in the cue text; cue text may span lines."""
from __future__ import annotations

from ..transcript import RawCall
from .cues import cues_to_call, parse_cues


def read(text: str, path: str) -> list[RawCall]:
    return [cues_to_call(parse_cues(text, path, "SRT"), path, "SRT")]
