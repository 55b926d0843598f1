"""Many paths in: walk folders, read every transcript, and keep going past bad files."""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .decoding import decode
from .errors import TranscriptError
from .formats import EXTENSIONS, gong, jsonfile
from .reading import read_bytes, read_calls
from .transcript import Transcript


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that could not be read, as failures.csv records it."""

    source: str
    line: int | None
    error: str

    @classmethod
    def from_error(cls, err: TranscriptError) -> "Failure":
        return cls(err.path, err.line, str(err))


def walk(paths: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Files given directly, and transcript files (by extension) found under directories,
    in a stable sorted order. Hidden files and folders are skipped."""
    for p in paths:
        p = os.fspath(p)
        if not os.path.isdir(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for f in sorted(files):
                if not f.startswith(".") and os.path.splitext(f)[1].lower() in EXTENSIONS:
                    yield os.path.join(root, f)


def _gong_parties(files: Sequence[str]) -> tuple[dict[str, list], set[str]]:
    """Gong call-metadata files among the inputs: their parties, and which files they were."""
    parties, meta_files = {}, set()
    for f in files:
        if not f.lower().endswith(".json"):
            continue
        try:
            data = read_bytes(f)
            if b'"parties"' not in data:
                continue
            obj = jsonfile.parse(decode(data, f), f)
        except TranscriptError:
            continue  # reported when the file is read as a transcript
        if gong.is_metadata(obj):
            parties.update(gong.parties(obj))
            meta_files.add(f)
    return parties, meta_files


def plan(paths: Iterable[str | os.PathLike]) -> tuple[list[str], dict[str, list]]:
    """The transcript files to read, in order, and the Gong parties found among the inputs
    (metadata files are used to name speakers, not read as calls)."""
    files = list(walk(paths))
    parties, meta_files = _gong_parties(files)
    return [f for f in files if f not in meta_files], parties


def read_file(path: str, *, fmt: str | None = None, reps: Sequence[str] = (), parties=None,
              role_model=None) -> list[Transcript] | Failure:
    """The calls in one file, or the file's `Failure`: expected input errors never escape."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            return read_calls(path, fmt=fmt, reps=reps, parties=parties, role_model=role_model)
    except TranscriptError as e:
        return Failure.from_error(e)


def read_many(paths: Iterable[str | os.PathLike], *, fmt: str | None = None,
              reps: Sequence[str] = (), role_model=None) -> Iterator[Transcript | Failure]:
    """Yield each call read (a `Transcript`) or each file that failed (a `Failure`), in input
    order. Expected input errors become failures; anything else is a bug and propagates."""
    files, parties = plan(paths)
    for f in files:
        got = read_file(f, fmt=fmt, reps=reps, parties=parties, role_model=role_model)
        if isinstance(got, Failure):
            yield got
        else:
            yield from got
