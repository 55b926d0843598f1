"""Segment lists with a speaker: Whisper/WhisperX and OpenAI diarized ``segments``, and any list
of ``{speaker, text, start, end}`` objects (bare, or under turns/utterances/segments/messages)."""
from __future__ import annotations

from ..errors import NoSpeakersError
from ..transcript import RawCall, Segment
from . import fields

LIST_KEYS = ("segments", "turns", "utterances", "messages", "transcript", "monologues", "entries")


def _records(obj):
    if isinstance(obj, list):
        return obj
    if isinstance(obj, dict):
        key = fields.pick(obj.keys(), LIST_KEYS)
        if key and isinstance(obj[key], list):
            return obj[key]
    return None


def matches(obj) -> bool:
    records = _records(obj)
    return bool(records) and all(isinstance(r, dict) for r in records) and any(
        fields.pick(r.keys(), fields.TEXT) for r in records)


def read(obj, path: str) -> list[RawCall]:
    records = _records(obj)
    segments: list[Segment] = []
    for record, r in enumerate(records, 1):
        text_key = fields.pick(r.keys(), fields.TEXT)
        speaker_key = fields.pick(r.keys(), fields.SPEAKER)
        who = r.get(speaker_key) if speaker_key else None
        if who is None and r.get("words"):  # WhisperX keeps the speaker on the words at times
            who = next((w.get("speaker") for w in r["words"] if isinstance(w, dict) and
                        w.get("speaker") is not None), None)
        if who is None and segments:  # an undiarized scrap continues the previous speaker
            who = segments[-1].speaker or None
        start_key, end_key = fields.pick(r.keys(), fields.START), fields.pick(r.keys(), fields.END)
        segments.append(Segment(
            "" if who is None else (f"Speaker {who}" if isinstance(who, int) else str(who)),
            str(r.get(text_key, "") if text_key else "").strip(), record,
            fields.seconds(r.get(start_key), fields.is_millis(start_key)) if start_key else None,
            fields.seconds(r.get(end_key), fields.is_millis(end_key)) if end_key else None))
    if not any(s.speaker for s in segments):
        raise NoSpeakersError(path, 1, "the segments carry no speaker (a transcript without "
                              "diarization)", "Diarize it first (for example WhisperX with "
                              "diarization, or your service's speaker-labels option), or add a "
                              "'speaker' to each segment")
    call_id = obj.get("id") if isinstance(obj, dict) and isinstance(obj.get("id"), str) else None
    return [RawCall(tuple(segments), call_id)]
