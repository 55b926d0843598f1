"""One file in, `Transcript`s out: decode, detect the format, read, merge turns, resolve roles."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Sequence

from . import roles
from .decoding import decode
from .errors import CallTooLongError, NoSpeakersError, OneSpeakerError, TranscriptError
from .formats import gong, read_raw
from .formats.common import apply_name_affiliation
from .transcript import RawCall, Transcript, merge_segments

MAX_BYTES = 100 * 1024 * 1024  # a 100 MB file peaks near 1 GB while read; split larger exports
# About a million words: a hundred hours of talk, thirty times a long call. Longer "calls" are
# concatenations or junk, and the text of one call is held in memory several times over.
MAX_CALL_CHARS = 5_000_000


def read_bytes(path: str | os.PathLike) -> bytes:
    path = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise TranscriptError(path, None, f"the file is {size // 2**20} MB, more than any call "
                                  f"transcript ({MAX_BYTES // 2**20} MB is the limit)",
                                  "Split it into one file per call")
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise TranscriptError(path, None, f"cannot read the file ({e.strerror})",
                              "Check that it exists and that you may read it") from None


def read_calls(path: str | os.PathLike, *, fmt: str | None = None, reps: Sequence[str] = (),
               parties: Mapping[str, list] | None = None,
               role_model: roles.RoleModel | None = None) -> list[Transcript]:
    """Every call in one transcript file (most files hold one; a table with a call-id column or
    a Gong export may hold several). `parties` maps Gong call ids to their parties."""
    source = str(path)
    fmt, raws = read_raw(decode(read_bytes(source), source), source, fmt)
    stem = Path(source).stem
    out = []
    for i, raw in enumerate(raws):
        if parties and raw.external_id in parties:
            raw = gong.with_parties(raw, parties[raw.external_id])
        call_id = raw.call_id or (stem if len(raws) == 1 else f"{stem}-{i + 1}")
        out.append(build_transcript(raw, call_id, source, fmt, reps, role_model))
    return out


def read_transcript(path: str | os.PathLike, *, fmt: str | None = None,
                    reps: Sequence[str] = ()) -> Transcript:
    """The call in one transcript file, with turns merged and roles resolved."""
    calls = read_calls(path, fmt=fmt, reps=reps)
    if len(calls) != 1:
        raise TranscriptError(str(path), None, f"the file holds {len(calls)} calls",
                              "Use read_calls() for files with several calls")
    return calls[0]


def build_transcript(raw: RawCall, call_id: str, source: str, fmt: str,
                     reps: Sequence[str] = (), role_model: roles.RoleModel | None = None
                     ) -> Transcript:
    raw = apply_name_affiliation(raw)
    turns = merge_segments(raw.segments)
    if not turns:
        line = raw.segments[0].line if raw.segments else 1
        raise NoSpeakersError(source, line, "no speech was found in the file",
                              "Export the transcript again; every turn was empty")
    chars = sum(len(t.text) + 1 for t in turns)
    if chars > MAX_CALL_CHARS:
        raise CallTooLongError(source, turns[0].line, f"the call holds {chars:,} characters of "
                               f"speech, more than any one call ({MAX_CALL_CHARS:,} is the limit, "
                               "about a hundred hours of talk)",
                               "Split the file into one file per call")
    names = {t.speaker for t in turns}
    if len(names) < 2:
        raise OneSpeakerError(source, turns[0].line, f"only one speaker ({next(iter(names))!r}) "
                              "in the whole call, so the recording was probably not diarized",
                              "Diarize it first (your service's speaker-labels option), or check "
                              "that the export kept the speaker labels")
    speakers = roles.resolve(turns, raw.declared, raw.declared_by, reps, role_model)
    return Transcript(call_id, source, fmt, turns, speakers)
