"""A batch's progress, kept beside its tables so that ``score --resume`` can continue a batch that
was killed: after the last row of each input file, one line records the file and the size of
every table. Resuming cuts the tables back to the last sizes they are known to hold in full and
skips the files recorded before them; files come back in input order, so the finished tables are
the ones an uninterrupted run writes."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from .errors import DetectorError

FILE = ".detector-batch.jsonl"
_VERSION = 1


class ResumeError(DetectorError):
    pass


@dataclass(frozen=True)
class Progress:
    """What an earlier run of the batch finished: the input files, each table's size after
    them, running counts, and whether the whole batch was done."""

    done: frozenset[str] = frozenset()
    sizes: Mapping[str, int] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    finished: bool = False


def batch_key(files: Sequence[str], settings: Mapping) -> str:
    """Names the batch: its input files in order and the settings that change its tables."""
    blob = json.dumps({"files": list(files), "settings": dict(settings)}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Journal:
    """The progress file of the batch writing to `out`. With ``resume=True`` an earlier run's
    progress is read first (an absent file means there is nothing to resume: the batch starts
    afresh); otherwise any earlier progress is discarded."""

    def __init__(self, out: str, key: str, tables: Sequence[str], resume: bool = False):
        self.path = os.path.join(out, FILE)
        self.progress = _read(self.path, key, out, tables) if resume else Progress()
        if self.progress.finished:
            self._file = open(os.devnull, "w")
        elif self.progress.done:
            self._file = open(self.path, "a", encoding="utf-8")
        else:
            self._file = open(self.path, "w", encoding="utf-8")
            self._line({"batch": key, "version": _VERSION})

    def record(self, source: str, sizes: Mapping[str, int], counts: Mapping[str, int]) -> None:
        """`source` is written in full: its rows end at `sizes` bytes of each table."""
        self._line({"source": source, "sizes": dict(sizes), "counts": dict(counts)})

    def finish(self) -> None:
        self._line({"finished": True})
        os.fsync(self._file.fileno())
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()

    def _line(self, obj: dict) -> None:
        self._file.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self._file.flush()


def _read(path: str, key: str, out: str, tables: Sequence[str]) -> Progress:
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except FileNotFoundError:
        return Progress()
    entries = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except ValueError:
            break  # the line the interruption cut short, and nothing after it
    if not entries or entries[0].get("batch") != key:
        raise ResumeError(f"{out}: the batch there was started with other input files or "
                          "options. Resume it with the same command, or run without --resume "
                          "to score afresh")
    if entries[-1].get("finished"):
        last = entries[-2] if len(entries) > 2 else {}
        return Progress(frozenset(e["source"] for e in entries if "source" in e),
                        last.get("sizes", {}), last.get("counts", {}), True)
    have = {t: _size(os.path.join(out, t)) for t in tables}
    done: list[str] = []
    last: dict = {}
    for e in entries[1:]:
        if "source" not in e or any(have[t] < n for t, n in e["sizes"].items() if t in have):
            break  # a power cut can lose table bytes the journal had already recorded
        done.append(e["source"])
        last = e
    if not last:
        return Progress()
    missing = [t for t in tables if t not in last["sizes"]]
    if missing:
        raise ResumeError(f"{out}: the interrupted batch did not write {', '.join(missing)}. "
                          "Resume it with the same options, or run without --resume to score "
                          "afresh")
    return Progress(frozenset(done), last["sizes"], last["counts"])


def _size(path: str) -> int:
    for p in (f"{path}.part", path):
        if os.path.exists(p):
            return os.path.getsize(p)
    return -1
