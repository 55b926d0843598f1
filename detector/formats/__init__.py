"""Transcript formats: detection by extension and content, and one reader per format.

Every reader is ``read(text, path) -> list[RawCall]``; it raises a `TranscriptError` naming the
line (or record) when the file breaks its format.
"""
from __future__ import annotations

import os
import re
from functools import partial

from ..errors import UnknownFormatError
from ..transcript import RawCall
from . import jsonfile, otter, plain, srt, table, vtt
from .cues import TIMING

READERS = {
    "text": plain.read,
    "otter": otter.read,
    "vtt": vtt.read,
    "srt": srt.read,
    "csv": table.read,
    "tsv": partial(table.read, delimiter="\t"),
    "json": jsonfile.read,
}
FORMATS = tuple(READERS)
EXTENSIONS = {".txt": "text", ".text": "text", ".vtt": "vtt", ".webvtt": "vtt",
              ".srt": "srt", ".csv": "csv", ".tsv": "tsv", ".json": "json"}
_SNIFF_LINES = 200


def _sniff_text(lines: list[str]) -> str | None:
    """Otter headers vs ``Name:`` lines, over the first lines of a text file."""
    labels = sum(1 for ln in lines if plain.label(ln))
    headers = sum(1 for ln in lines if otter.header(ln))
    if headers and headers >= labels:
        return "otter"
    return "text" if labels else None


def detect(text: str, path: str) -> str:
    """The format name for a file, from its extension and, where that is not decisive, content."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".vtt", ".webvtt", ".srt", ".csv", ".tsv", ".json"):
        return EXTENSIONS[ext]
    head = text.lstrip("\ufeff \n")
    lines = head.split("\n", _SNIFF_LINES)[:_SNIFF_LINES]
    if head.startswith("WEBVTT"):
        return "vtt"
    if head[:1] in "[{" and not plain.label(lines[0]):
        return "json"
    if len(lines) > 1 and lines[0].strip().isdigit() and TIMING.match(lines[1]):
        return "srt"
    found = _sniff_text(lines)
    if found:
        return found
    if ext in (".txt", ".text", ".md"):
        return "text"  # let the reader say that it found no speaker labels
    header = lines[0].lower()
    if re.search(r"\b(text|transcript|utterance)\b", header) and re.search(r"[,\t;]", header):
        return "tsv" if "\t" in header else "csv"
    raise UnknownFormatError(path, None, f"cannot tell the transcript format of this "
                             f"'{ext or 'extensionless'}' file from its extension or content",
                             "Give a .txt, .vtt, .srt, .csv, .tsv or .json transcript export, or "
                             f"name the format with --format ({', '.join(FORMATS)})")


def read_raw(text: str, path: str, fmt: str | None = None) -> tuple[str, list[RawCall]]:
    """``(format, calls)`` for the decoded text of one file."""
    fmt = fmt or detect(text, path)
    if fmt not in READERS:
        raise UnknownFormatError(path, None, f"unknown format {fmt!r}",
                                 f"Use one of: {', '.join(FORMATS)}")
    return fmt, READERS[fmt](text, path)
