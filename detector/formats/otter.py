"""Otter-style text export: a ``Name  0:05`` header line, then the turn's text lines."""
from __future__ import annotations

import re

from ..errors import NoSpeakersError
from ..transcript import RawCall, Segment
from .common import TIMECODE, looks_like_name, parse_timecode

HEADER = re.compile(rf"^(?P<name>\S.*?)\s+(?P<ts>{TIMECODE})\s*$")
_FOOTER = re.compile(r"^\s*transcribed by\b", re.I)


def header(line: str) -> tuple[str, float] | None:
    m = HEADER.match(line)
    if not m or not looks_like_name(m["name"]):
        return None
    return m["name"].strip(), parse_timecode(m["ts"])


def read(text: str, path: str) -> list[RawCall]:
    segments: list[Segment] = []
    current: tuple[str, float, int] | None = None
    parts: list[str] = []

    def flush() -> None:
        if current and parts:
            segments.append(Segment(current[0], " ".join(parts), current[2], current[1]))

    for i, raw in enumerate(text.split("\n"), 1):
        if not raw.strip() or _FOOTER.match(raw):
            continue
        hit = header(raw)
        if hit:
            flush()
            current, parts = (hit[0], hit[1], i), []
        elif current:
            parts.append(raw.strip())
    flush()
    if not segments:
        raise NoSpeakersError(path, 1, "no 'Name  0:05' header line was found",
                              "Export from Otter with speaker names, or use --format text for "
                              "'Name: text' lines")
    return [RawCall(tuple(segments))]
