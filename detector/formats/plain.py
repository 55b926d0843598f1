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


def label(line: str, lowercase_names: frozenset[str] = frozenset()
          ) -> tuple[str, str, float | None] | None:
    """``(name, text, start)`` when the line opens a turn, else None. `lowercase_names` are
    labels accepted although not capitalised (see `_lowercase_names`)."""
    m = _LABEL.match(line)
    if not m or not (looks_like_name(m["name"]) or m["name"].strip() in lowercase_names):
        return None
    ts = m["ts1"] or m["ts2"]
    return m["name"].strip(), (m["text"] or "").strip(), parse_timecode(ts) if ts else None


def _lowercase_names(lines: list[str]) -> frozenset[str]:
    """Speech-to-text output sometimes lower-cases everything, names too ("noor: hi"). In a
    file with no capitalised label, short lower-case labels that open two or more lines are
    speakers."""
    counts: dict[str, int] = {}
    for line in lines:
        m = _LABEL.match(line)
        if m and len(m["name"].split()) <= 3 and m["name"].strip().islower():
            counts[m["name"].strip()] = counts.get(m["name"].strip(), 0) + 1
    return frozenset(n for n, c in counts.items() if c >= 2)


def read(text: str, path: str) -> list[RawCall]:
    segments: list[Segment] = []
    name = None
    parts: list[str] = []
    start = line_no = pending = None

    def flush() -> None:
        if name is not None and parts:
            segments.append(Segment(name, " ".join(parts), line_no, start))

    lines = text.split("\n")
    lowercase = frozenset() if any(label(ln) for ln in lines) else _lowercase_names(lines)
    for i, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        hit = label(raw, lowercase)
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
