"""CSV and TSV with a header row naming speaker and text columns (and optionally start, end,
role and call id; a call-id column lets one file hold several calls)."""
from __future__ import annotations

import csv
import io
from types import MappingProxyType

from ..errors import MalformedFileError, MissingColumnError, NoSpeakersError
from ..transcript import RawCall, Role, RoleBy, Segment
from . import fields
from .roles_in_labels import role_from_word


def _delimiter(text: str, path: str) -> str:
    if path.lower().endswith(".tsv"):
        return "\t"
    head = text.split("\n", 1)[0]
    return max(",\t;|", key=head.count)


def read(text: str, path: str, delimiter: str | None = None) -> list[RawCall]:
    delimiter = delimiter or _delimiter(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as e:
        raise MalformedFileError(path, 1, f"the header row cannot be read ({e})",
                                 "Give a table whose first row names its columns") from None
    col = {k: fields.pick(header, names) for k, names in (
        ("speaker", fields.SPEAKER), ("text", fields.TEXT), ("start", fields.START),
        ("end", fields.END), ("role", fields.ROLE), ("call_id", fields.CALL_ID))}
    if col["text"] is None:
        raise MissingColumnError(path, 1, f"no text column in the header ({', '.join(header)})",
                                 "Name the column that holds what was said 'text' (also accepted: "
                                 "transcript, utterance, content, message)")
    if col["speaker"] is None:
        raise NoSpeakersError(path, 1, f"no speaker column in the header ({', '.join(header)})",
                              "Diarize the recording first, or add a 'speaker' column naming who "
                              "said each row")
    index = {k: header.index(v) for k, v in col.items() if v is not None}
    calls: dict[str, tuple[list[Segment], dict[str, Role]]] = {}
    prev_end = 1  # the physical line where the previous row ended
    try:
        for row in reader:
            line = prev_end + 1
            prev_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header) and len(row) <= max(index.values()):
                raise MalformedFileError(path, line, f"this row has {len(row)} cells but the "
                                         f"header has {len(header)}",
                                         "Check the quoting and delimiters on this row")
            def get(key: str, row=row) -> str:
                return row[index[key]].strip() if key in index and index[key] < len(row) else ""

            segments, roles = calls.setdefault(get("call_id"), ([], {}))
            speaker = get("speaker")
            segments.append(Segment(speaker, get("text"), line,
                                    _time(get("start"), col["start"], path, line),
                                    _time(get("end"), col["end"], path, line)))
            role = role_from_word(get("role"))
            if speaker and role is not None:
                roles.setdefault(speaker, role)
    except csv.Error as e:
        raise MalformedFileError(path, reader.line_num, f"broken CSV quoting ({e})",
                                 "Close the quote on this row, or double any quote that is part "
                                 "of the text (\"\")") from None
    out = []
    for call_id, (segments, roles) in calls.items():
        if not any(s.speaker for s in segments):
            raise NoSpeakersError(path, 2, "the speaker column is empty",
                                  "Diarize the recording first, or fill in who said each row")
        out.append(RawCall(tuple(segments), call_id or None, MappingProxyType(roles), RoleBy.SOURCE))
    if not out:
        raise MalformedFileError(path, 2, "the table has a header but no rows",
                                 "Export the transcript again; no speech rows were found")
    return out


def _time(value: str, column: str | None, path: str, line: int) -> float | None:
    if not value:
        return None
    secs = fields.seconds(value, fields.is_millis(column))
    if secs is None:
        raise MalformedFileError(path, line, f"{column} {value!r} is not a time",
                                 "Write times as seconds (62.5) or as 00:01:02.5")
    return secs
