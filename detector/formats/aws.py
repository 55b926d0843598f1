"""Amazon Transcribe: ``audio_segments``, or ``speaker_labels`` / ``channel_labels`` with
``items``; and Call Analytics' ``Transcript`` list with AGENT/CUSTOMER roles."""
from __future__ import annotations

from types import MappingProxyType

from ..transcript import RawCall, Role, RoleBy, Segment
from .fields import seconds


def matches(obj) -> bool:
    if not isinstance(obj, dict):
        return False
    res = obj.get("results")
    return (isinstance(res, dict) and ("items" in res or "audio_segments" in res)) or (
        isinstance(obj.get("Transcript"), list) and bool(obj["Transcript"])
        and isinstance(obj["Transcript"][0], dict) and "ParticipantRole" in obj["Transcript"][0])


def _call_analytics(obj) -> RawCall:
    segments, declared = [], {}
    for record, part in enumerate(obj["Transcript"], 1):
        speaker = str(part.get("ParticipantRole", ""))
        role = {"AGENT": Role.REP, "CUSTOMER": Role.CLIENT}.get(speaker.upper())
        if role is not None:
            declared[speaker] = role
        segments.append(Segment(speaker, str(part.get("Content", "")), record,
                                seconds(part.get("BeginOffsetMillis"), True),
                                seconds(part.get("EndOffsetMillis"), True)))
    return RawCall(tuple(segments), obj.get("JobName"), MappingProxyType(declared), RoleBy.SOURCE)


def _items(res) -> list[Segment]:
    """Rebuild speech runs from word items; punctuation joins the word before it."""
    labels = []  # (start, end, label) from speaker or channel segments, for items lacking one
    for seg in (res.get("speaker_labels") or {}).get("segments", []):
        labels.append((float(seg["start_time"]), float(seg["end_time"]), seg["speaker_label"]))
    channel_of = {}
    for ch in (res.get("channel_labels") or {}).get("channels", []):
        for item in ch.get("items", []):
            if "start_time" in item:
                channel_of[item["start_time"]] = ch.get("channel_label")
    segments: list[Segment] = []
    speaker, words, first, start, end = None, [], 0, None, None
    for record, item in enumerate(res.get("items", []), 1):
        alt = (item.get("alternatives") or [{}])[0].get("content", "")
        if item.get("type") == "punctuation":
            if words:
                words[-1] += alt
            continue
        who = item.get("speaker_label") or channel_of.get(item.get("start_time"))
        t = seconds(item.get("start_time"))
        if who is None and t is not None:
            who = next((lab for s, e, lab in labels if s <= t <= e), None)
        if who != speaker and words:
            segments.append(Segment(speaker or "", " ".join(words), first, start, end))
            words = []
        if not words:
            first, start = record, t
        speaker, end = who, seconds(item.get("end_time"))
        words.append(alt)
    if words:
        segments.append(Segment(speaker or "", " ".join(words), first, start, end))
    return segments


def read(obj, path: str) -> list[RawCall]:
    if "Transcript" in obj and "results" not in obj:
        return [_call_analytics(obj)]
    res = obj["results"]
    if res.get("audio_segments"):
        segments = [Segment(str(s.get("speaker_label") or s.get("channel_label") or ""),
                            str(s.get("transcript", "")), record, seconds(s.get("start_time")),
                            seconds(s.get("end_time")))
                    for record, s in enumerate(res["audio_segments"], 1)]
    else:
        segments = _items(res)
    return [RawCall(tuple(segments), obj.get("jobName"))]
