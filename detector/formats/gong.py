"""Gong: ``/v2/calls/transcript`` (speakerId + sentences, ms) and the ``parties`` of
``/v2/calls/extensive`` (names and Internal/External affiliation)."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

from ..transcript import RawCall, Role, RoleBy, Segment
from .fields import seconds

_AFFILIATION = {"internal": Role.REP, "external": Role.CLIENT}


def is_transcript(obj) -> bool:
    return isinstance(obj, dict) and (
        isinstance(obj.get("callTranscripts"), list)
        or (isinstance(obj.get("transcript"), list) and "callId" in obj))


def is_metadata(obj) -> bool:
    return (isinstance(obj, dict) and isinstance(obj.get("calls"), list) and bool(obj["calls"])
            and all(isinstance(c, dict) and "parties" in c for c in obj["calls"]))


def parties(obj) -> dict[str, list[dict]]:
    """callId -> parties, from a ``calls/extensive`` response."""
    out = {}
    for call in obj.get("calls", []):
        call_id = str((call.get("metaData") or {}).get("id", ""))
        if call_id:
            out[call_id] = [p for p in call.get("parties") or [] if isinstance(p, dict)]
    return out


def read(obj, path: str) -> list[RawCall]:
    calls = obj["callTranscripts"] if "callTranscripts" in obj else [obj]
    out = []
    for call in calls:
        segments = []
        for record, mono in enumerate(call.get("transcript") or [], 1):
            speaker = str(mono.get("speakerId", ""))
            for sentence in mono.get("sentences") or []:
                segments.append(Segment(speaker, str(sentence.get("text", "")), record,
                                        seconds(sentence.get("start"), millis=True),
                                        seconds(sentence.get("end"), millis=True)))
        call_id = str(call.get("callId", "")) or None
        out.append(RawCall(tuple(segments), call_id, external_id=call_id))
    return out


def with_parties(call: RawCall, call_parties: list[Mapping]) -> RawCall:
    """Name Gong's speaker ids and take each party's affiliation as the speaker's role."""
    names, declared = {}, {}
    for p in call_parties:
        sid = p.get("speakerId")
        if sid is None:
            continue
        name = str(p.get("name") or p.get("emailAddress") or sid)
        names[str(sid)] = name
        role = _AFFILIATION.get(str(p.get("affiliation", "")).lower())
        if role is not None:
            declared[name] = role
    segments = tuple(Segment(names.get(s.speaker, s.speaker), s.text, s.line, s.start_s, s.end_s)
                     for s in call.segments)
    return RawCall(segments, call.call_id, MappingProxyType(declared), RoleBy.AFFILIATION,
                   call.external_id)
