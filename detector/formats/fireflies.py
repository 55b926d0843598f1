"""Fireflies transcripts: ``sentences`` with speaker names; attendees' e-mail domains, compared
with the host's, tell the host's side (the rep) from the guests."""
from __future__ import annotations

from types import MappingProxyType

from ..transcript import RawCall, Role, RoleBy, Segment
from .fields import seconds


def _body(obj):
    if isinstance(obj, dict) and isinstance(obj.get("data"), dict):
        obj = obj["data"]
    if isinstance(obj, dict) and isinstance(obj.get("transcript"), dict):
        obj = obj["transcript"]
    return obj


def matches(obj) -> bool:
    body = _body(obj)
    return (isinstance(body, dict) and isinstance(body.get("sentences"), list)
            and any(isinstance(s, dict) and "speaker_name" in s for s in body["sentences"]))


def _domain(email) -> str | None:
    return str(email).rsplit("@", 1)[1].lower() if email and "@" in str(email) else None


def read(obj, path: str) -> list[RawCall]:
    body = _body(obj)
    segments = [Segment(str(s.get("speaker_name") or s.get("speaker_id") or ""),
                        str(s.get("text", "")), record, seconds(s.get("start_time")),
                        seconds(s.get("end_time")))
                for record, s in enumerate(body["sentences"], 1)]
    host = _domain(body.get("host_email") or body.get("organizer_email"))
    declared = {}
    for a in body.get("meeting_attendees") or []:
        domain = _domain(a.get("email"))
        for name in {a.get("displayName"), a.get("name")} - {None, ""}:
            if host and domain:
                declared[str(name)] = Role.REP if domain == host else Role.CLIENT
    if len(set(declared.values())) < 2:  # one side only: the domains tell us nothing
        declared = {}
    return [RawCall(tuple(segments), body.get("id"), MappingProxyType(declared), RoleBy.AFFILIATION)]
