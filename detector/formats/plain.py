"""Plain text: ``Speaker: text`` lines, turns running over several lines, and timestamps in the
usual places (``[00:01:02] Name:``, ``Name (01:02):``, ``00:01:02 Name:``)."""
from __future__ import annotations

import re

from ..errors import NoSpeakersError
from ..transcript import RawCall, Segment
from .common import TIMECODE, looks_like_name, parse_timecode

_LABEL = re.compile(
    rf"""^\s*
    (?:[\[(]?(?P<ts1>{TIMECODE})[\])]?\s*(?:[-–—|]\s*)?)?      # [00:01:02] or 00:01:02 -
    (?:>>\s*)?
    (?P<name>[^\W\d_][^:\[\]()]{{0,47}}?(?:\s*\((?:guest|external|unverified)\))?)
    \s*(?:[\[(](?P<ts2>{TIMECODE})[\])])?                       # Name (01:02)
    \s*:(?:\s+(?P<text>.*)|$)""",
    re.X | re.I,
)
_STAGE = re.compile(r"^\s*[\[(][^\])]{1,80}[\])]\s*$")
_TIME_ONLY = re.compile(rf"^\s*[\[(]?(?P<ts>{TIMECODE})[\])]?\s*$")


def label(line: str) -> tuple[str, str, float | None] | None:
    """``(name, text, start)`` when the line opens a turn, else None."""
    m = _LABEL.match(line)
    if not m or not looks_like_name(m["name"]):
        return None
    ts = m["ts1"] or m["ts2"]
    return m["name"].strip(), (m["text"] or "").strip(), parse_timecode(ts) if ts else None


def read(text: str, path: str) -> list[RawCall]:
    segments: list[Segment] = []
    name = None
    parts: list[str] = []
    start = line_no = pending = None

    def flush() -> None:
        if name is not None and parts:
            segments.append(Segment(name, " ".join(parts), line_no, start))

    for i, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        hit = label(raw)
        if hit:
            flush()
            name, first, start = hit
            start = start if start is not None else pending
            pending, line_no, parts = None, i, [first] if first else []
        elif (m := _TIME_ONLY.match(raw)) and parse_timecode(m["ts"]) is not None:
            pending = parse_timecode(m["ts"])
        elif _STAGE.match(raw) and (name is None or parts):
            flush()
            segments.append(Segment("", raw.strip(), i))
            name, parts = None, []
        elif name is not None:
            parts.append(raw.strip())
        # lines before the first speaker label are a title or export header: not speech
    flush()
    if not any(s.speaker for s in segments):
        raise NoSpeakersError(path, 1, "no line starts with a speaker label such as 'Dana:'",
                              "Diarize the recording first, or put the speaker's name and a colon "
                              "at the start of each turn ('Dana: Hi Sam...')")
    return [RawCall(tuple(segments))]
