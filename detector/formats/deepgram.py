"""Deepgram pre-recorded results: ``utterances`` when requested, else diarized words."""
from __future__ import annotations

from ..transcript import RawCall, Segment
from .fields import seconds


def matches(obj) -> bool:
    res = obj.get("results") if isinstance(obj, dict) else None
    return isinstance(res, dict) and ("utterances" in res or "channels" in res)


def _name(value) -> str:
    return f"Speaker {value}" if isinstance(value, int) else str(value if value is not None else "")


def read(obj, path: str) -> list[RawCall]:
    res = obj["results"]
    call_id = (obj.get("metadata") or {}).get("request_id")
    if res.get("utterances"):
        segments = [Segment(_name(u.get("speaker")), str(u.get("transcript", "")), record,
                            seconds(u.get("start")), seconds(u.get("end")))
                    for record, u in enumerate(res["utterances"], 1)]
        return [RawCall(tuple(segments), call_id)]
    words = res["channels"][0]["alternatives"][0].get("words", []) if res.get("channels") else []
    segments = [Segment(_name(w.get("speaker")), str(w.get("punctuated_word") or w.get("word", "")),
                        record, seconds(w.get("start")), seconds(w.get("end")))
                for record, w in enumerate(words, 1) if "speaker" in w]
    return [RawCall(tuple(segments), call_id)]
