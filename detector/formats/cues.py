"""Timed caption cues (WebVTT and SRT share them): blocks of an optional id, a timing line and
text. Speakers come from ``<v Name>``, ``Name:``, ``[Name]`` or ``>> Name:`` in the cue text; a
cue without one continues the previous speaker's turn."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import MalformedFileError, NoSpeakersError
from ..transcript import RawCall, Segment
from .common import looks_like_name

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
TIMING = re.compile(rf"^\s*(?P<start>{_TIME})\s*-->\s*(?P<end>{_TIME})(?:\s+.*)?$")
_ARROW = re.compile(r"-->")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+(?P<name>[^>]+)>(?P<text>.*?)(?:</v>|$)", re.S)
_TAG = re.compile(r"</?[^>]+>")
_PREFIX = re.compile(r"^\s*(?:>>\s*|-\s+)?(?:\[(?P<b>[^\]]{1,48})\]\s*:?|(?P<c>[^:\[\]]{1,48}?)\s*:)\s*(?P<text>.*)$", re.S)


@dataclass(frozen=True, slots=True)
class Cue:
    line: int  # where the cue's block starts (its id, or the timing line)
    start: float
    end: float
    lines: tuple[str, ...]


def _seconds(value: str) -> float:
    parts = value.replace(",", ".").split(":")
    secs = float(parts[-1]) + 60 * int(parts[-2])
    return secs + 3600 * int(parts[-3]) if len(parts) == 3 else secs


def parse_cues(text: str, path: str, fmt: str, first_line: int = 1) -> list[Cue]:
    """Split caption text into cues, checking every timing line."""
    cues: list[Cue] = []
    lines = text.split("\n")
    i = first_line - 1
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        if fmt == "WebVTT" and block[0].split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
            continue
        t = next((k for k, ln in enumerate(block) if _ARROW.search(ln)), None)
        if t is None:
            if cues and fmt == "SRT" and not block[0].strip().isdigit():
                # SRT text with a blank line inside a cue: keep it with that cue
                prev = cues[-1]
                cues[-1] = Cue(prev.line, prev.start, prev.end, prev.lines + tuple(block))
                continue
            raise MalformedFileError(path, block_start + 1, f"this {fmt} block has no timing line "
                                     "('00:00:01.000 --> 00:00:04.000')",
                                     f"Check that the file is a complete {fmt} export; every cue "
                                     "needs a start --> end line")
        line_no = block_start + t + 1
        m = TIMING.match(block[t])
        if not m:
            raise MalformedFileError(path, line_no, f"malformed {fmt} timing line {block[t].strip()!r}",
                                     "Write times as HH:MM:SS.mmm --> HH:MM:SS.mmm")
        start, end = _seconds(m["start"]), _seconds(m["end"])
        if end < start:
            raise MalformedFileError(path, line_no, f"the cue ends ({m['end']}) before it starts "
                                     f"({m['start']})", "Fix or remove this cue; times must not run "
                                     "backwards")
        cues.append(Cue(block_start + 1, start, end, tuple(block[t + 1:])))
    return cues


def _speaker_parts(cue_text: str) -> list[tuple[str | None, str]]:
    voices = list(_VOICE.finditer(cue_text))
    if voices:
        return [(v["name"].strip(), _TAG.sub("", v["text"]).strip()) for v in voices]
    plain = _TAG.sub("", cue_text).strip()
    m = _PREFIX.match(plain)
    if m:
        name = (m["b"] or m["c"] or "").strip()
        if looks_like_name(name):
            return [(name, m["text"].strip())]
    return [(None, plain)]


def cues_to_call(cues: list[Cue], path: str, fmt: str) -> RawCall:
    segments: list[Segment] = []
    speaker = None
    for cue in cues:
        for name, text in _speaker_parts(" ".join(ln.strip() for ln in cue.lines)):
            speaker = name or speaker
            if text and speaker:
                segments.append(Segment(speaker, text, cue.line, cue.start, cue.end))
    if not segments:
        raise NoSpeakersError(path, cues[0].line if cues else 1,
                              f"no {fmt} cue names its speaker",
                              "Diarize the recording first, or start each cue's text with the "
                              "speaker ('Dana: ...' or '<v Dana>...')")
    return RawCall(tuple(segments))
