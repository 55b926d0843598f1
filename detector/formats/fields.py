"""Column and key names that tables and JSON records use for the same things."""
from __future__ import annotations

import re

from .common import parse_timecode

SPEAKER = ("speaker", "speaker_name", "speakername", "speaker_label", "name", "participant",
           "participant_name", "who", "spk", "talker", "person", "user", "author", "from", "party")
TEXT = ("text", "transcript", "utterance", "content", "message", "sentence", "words", "body",
        "line", "caption", "speech")
START = ("start_s", "start", "start_time", "starttime", "begin", "start_seconds", "offset",
         "timestamp", "time", "start_ms", "begin_ms", "start_time_ms", "beginoffsetmillis")
END = ("end_s", "end", "end_time", "endtime", "stop", "end_seconds", "end_ms", "end_time_ms",
       "endoffsetmillis")
ROLE = ("role", "speaker_role", "participant_role", "participantrole", "side", "party_type")
CALL_ID = ("call_id", "callid", "call", "conversation_id", "conversationid", "recording_id",
           "meeting_id")


def norm(key: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(key).strip().lower())


def pick(keys, wanted: tuple[str, ...]) -> str | None:
    """The first of `keys` whose normalised name is in `wanted` (in `wanted`'s order)."""
    by_norm = {norm(k): k for k in keys}
    return next((by_norm[w] for w in wanted if w in by_norm), None)


def is_millis(key: str | None) -> bool:
    return bool(key) and bool(re.search(r"(_ms|millis)$", norm(key)))


def seconds(value, millis: bool = False) -> float | None:
    """A time cell as seconds: numbers (ms when the key says so) or ``00:01:02.5`` strings."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value / 1000 if millis else float(value)
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return parse_timecode(text)
    return number / 1000 if millis else number
