"""AssemblyAI transcripts with ``utterances`` (speaker letters, times in milliseconds)."""
from __future__ import annotations

from ..transcript import RawCall, Segment
from .fields import seconds


def matches(obj) -> bool:
    return (isinstance(obj, dict) and isinstance(obj.get("utterances"), list)
            and ("audio_duration" in obj or "speaker_labels" in obj or "words" in obj
                 or "status" in obj))


def read(obj, path: str) -> list[RawCall]:
    segments = [Segment(str(u.get("speaker", "")), str(u.get("text", "")), record,
                        seconds(u.get("start"), millis=True), seconds(u.get("end"), millis=True))
                for record, u in enumerate(obj["utterances"], 1)]
    return [RawCall(tuple(segments), obj.get("id"))]
