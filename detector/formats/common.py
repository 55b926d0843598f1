"""Pieces every reader shares: timecodes, speaker labels, and the affiliation hints that
speaker names carry (Teams' "(Guest)")."""
from __future__ import annotations

import re
from types import MappingProxyType

from ..transcript import RawCall, Role, RoleBy, Segment

TIMECODE = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TC = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$")

# Lower-case particles allowed inside a capitalised name ("Maria de la Cruz").
_PARTICLES = frozenset("de la le van von der den da di du dos del bin al el y ter st".split())
_ANONYMOUS = re.compile(r"^(?:speaker|spk|spkr|person|participant|guest|user)[ _-]?\w{1,3}$", re.I)
_ROLE_WORDS = re.compile(r"\b(?:agent|rep|salesperson|advisor|customer|client|prospect|caller|buyer)\b", re.I)
# Keys that export headers put before the transcript ("Date: 4 May"); never speakers.
HEADER_KEYS = frozenset("""date time title subject duration attendees participants meeting recorded
location transcript agenda link url host organizer notes summary keywords tags""".split())
_EXTERNAL_SUFFIX = re.compile(r"\s*\((?:guest|external|unverified|extern)\)\s*$", re.I)


def parse_timecode(value: str) -> float | None:
    """``01:02:03.5``, ``1:02``, ``00:00:04,200`` -> seconds; None when it is not a timecode."""
    m = _TC.match(value.strip())
    if not m:
        return None
    h, mnt, s, frac = m.groups()
    secs = int(h or 0) * 3600 + int(mnt) * 60 + int(s)
    if frac:
        secs += int(frac) / 10 ** len(frac)
    return float(secs)


def looks_like_name(name: str) -> bool:
    """A speaker label: capitalised words ("Dana Lee", "SPEAKER_00", "A"; scripts without case,
    such as Hebrew, Arabic or Chinese, count as capitalised), an anonymous id ("speaker 1",
    "spk_0") or a role word; not a clause ("Here's the thing")."""
    name = name.strip()
    if not name or len(name) > 48 or name.lower() in HEADER_KEYS:
        return False
    if _ANONYMOUS.match(name) or _ROLE_WORDS.search(name):
        return True
    words = re.sub(r"[()\[\]]", " ", name).split()
    if not 1 <= len(words) <= 5 or not words[0][0].isalpha():
        return False
    return all(not w[0].islower() or w.lower() in _PARTICLES for w in words)


def split_external(name: str) -> tuple[str, bool]:
    """``"Sam Ortiz (Guest)"`` -> ``("Sam Ortiz", True)``: Teams marks people from outside."""
    clean = _EXTERNAL_SUFFIX.sub("", name)
    return clean, clean != name


def apply_name_affiliation(call: RawCall) -> RawCall:
    """Strip Teams-style "(Guest)" suffixes; when some speakers carry one and others do not,
    the marked ones are the client's side and the rest the host's (the rep's)."""
    external: dict[str, bool] = {}
    segments = []
    for seg in call.segments:
        clean, is_ext = split_external(seg.speaker)
        external[clean] = external.get(clean, False) or is_ext
        segments.append(seg if clean == seg.speaker else
                        Segment(clean, seg.text, seg.line, seg.start_s, seg.end_s))
    if not any(external.values()):
        return call
    declared = dict(call.declared)
    if not all(external.values()):
        for name, is_ext in external.items():
            if name and name not in declared:
                declared[name] = Role.CLIENT if is_ext else Role.REP
    by = call.declared_by if call.declared else RoleBy.AFFILIATION
    return RawCall(tuple(segments), call.call_id, MappingProxyType(declared), by, call.external_id)
