"""The domain objects of a call: a frozen `Transcript` of `Turn`s spoken by `Speaker`s.

Readers produce `Segment`s; `build_transcript` merges consecutive segments of one speaker into
turns and attaches the resolved roles. Nothing here knows about files or spaCy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Mapping


class Role(str, Enum):
    REP = "rep"
    CLIENT = "client"
    OTHER = "other"


class RoleBy(str, Enum):
    """How a speaker's role was decided, strongest evidence first."""

    OPTION = "option"  # --rep NAME
    SOURCE = "source"  # a role column in the file itself
    AFFILIATION = "affiliation"  # Gong parties, Teams (External), host e-mail domain
    LABEL = "label"  # the speaker label names a role ("Agent", "Customer")
    NARRATION = "narration"  # stage directions, system voices
    INFERRED = "inferred"  # the role model, from what the speaker says


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of speech as a reader found it; `line` is 1-based (a line or a record)."""

    speaker: str
    text: str
    line: int
    start_s: float | None = None
    end_s: float | None = None


@dataclass(frozen=True, slots=True)
class RawCall:
    """What a reader returns for one call: segments plus whatever the source says of roles."""

    segments: tuple[Segment, ...]
    call_id: str | None = None
    declared: Mapping[str, Role] = field(default_factory=lambda: MappingProxyType({}))
    declared_by: RoleBy = RoleBy.AFFILIATION
    external_id: str | None = None  # an id used to pair the call with metadata (Gong callId)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: Role
    role_by: RoleBy
    confidence: float


@dataclass(frozen=True, slots=True)
class Turn:
    index: int
    speaker: str
    text: str
    line: int
    start_s: float | None = None
    end_s: float | None = None

    @property
    def n_words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Transcript:
    call_id: str
    source: str
    format: str
    turns: tuple[Turn, ...]
    speakers: tuple[Speaker, ...]

    def speaker(self, name: str) -> Speaker:
        for s in self.speakers:
            if s.name == name:
                return s
        raise KeyError(name)

    def role_of(self, name: str) -> Role:
        return self.speaker(name).role

    def names(self, role: Role) -> tuple[str, ...]:
        return tuple(s.name for s in self.speakers if s.role is role)


def merge_segments(segments: tuple[Segment, ...] | list[Segment]) -> tuple[Turn, ...]:
    """Join consecutive segments of one speaker into turns, keeping the first line and times."""
    turns: list[Turn] = []
    run: list[Segment] = []

    def flush() -> None:
        if not run:
            return
        text = " ".join(s.text.strip() for s in run if s.text.strip())
        ends = [s.end_s for s in run if s.end_s is not None]
        turns.append(Turn(len(turns), run[0].speaker, text, run[0].line, run[0].start_s,
                          ends[-1] if ends else None))
        run.clear()

    for seg in segments:
        if not seg.text.strip():
            continue
        if run and seg.speaker != run[0].speaker:
            flush()
        run.append(seg)
    flush()
    return tuple(turns)
