"""Tidy tables: one row per turn or per failure, fixed column order, and CSV that spreadsheets
cannot mistake for formulas."""
from __future__ import annotations

import csv
import math
import os
from typing import TYPE_CHECKING, Iterable, Sequence

from .transcript import Transcript

if TYPE_CHECKING:  # pandas is imported where a DataFrame is built: scoring writes rows itself
    import pandas as pd

TURN_COLUMNS = ("call_id", "source", "turn", "line", "speaker", "role", "start_s", "end_s", "text")
TURN_EXTRA_COLUMNS = ("role_by", "role_confidence")
FAILURE_COLUMNS = ("source", "line", "error")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def turn_rows(call: Transcript) -> list[dict]:
    speakers = {s.name: s for s in call.speakers}
    return [{"call_id": call.call_id, "source": call.source, "turn": t.index, "line": t.line,
             "speaker": t.speaker, "role": speakers[t.speaker].role.value, "start_s": t.start_s,
             "end_s": t.end_s, "text": t.text, "role_by": speakers[t.speaker].role_by.value,
             "role_confidence": speakers[t.speaker].confidence} for t in call.turns]


def turns_frame(calls: Iterable[Transcript]) -> pd.DataFrame:
    import pandas as pd

    rows = [r for c in calls for r in turn_rows(c)]
    df = pd.DataFrame(rows, columns=list(TURN_COLUMNS + TURN_EXTRA_COLUMNS))
    return df.astype({"turn": "int64", "line": "int64", "start_s": "Float64", "end_s": "Float64"})


def failures_frame(failures: Iterable) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame([{"source": f.source, "line": f.line, "error": f.error} for f in failures],
                      columns=list(FAILURE_COLUMNS))
    return df.astype({"line": "Int64"})


def _defuse(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> None:
    """UTF-8 with a header; text cells that a spreadsheet would run as a formula get a leading
    apostrophe. Written to a temporary file first, so a reader never sees half a table."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_defuse)
    with PartFile(path) as f:
        out.to_csv(f, index=False)


def _cell(value) -> str:
    """A value as pandas' to_csv writes it (so streamed and DataFrame tables are identical)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return _defuse(str(value)) if isinstance(value, str) else str(value)


class PartFile:
    """Text written to ``PATH.part`` and moved to PATH when closed, so a reader never sees half
    a file. ``keep=N`` continues an interrupted file instead: its first N bytes (the rows known
    to be complete) are kept and whatever follows, such as a row cut off mid-line, is dropped."""

    def __init__(self, path: str | os.PathLike, keep: int | None = None):
        self.path = os.fspath(path)
        part = f"{self.path}.part"
        if keep is not None:
            if not os.path.exists(part) and os.path.exists(self.path):
                os.replace(self.path, part)  # it was complete and moved before the interruption
            os.truncate(part, keep)
        self._file = open(part, "w" if keep is None else "a", encoding="utf-8", newline="")

    def write(self, text: str) -> None:
        self._file.write(text)

    def size(self) -> int:
        """Bytes written so far, all of them handed to the operating system."""
        self._file.flush()
        return os.fstat(self._file.fileno()).st_size

    def close(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(f"{self.path}.part", self.path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()
        else:
            self._file.close()


class CsvStream(PartFile):
    """A table written row by row as rows come (memory stays flat), as a `PartFile`."""

    def __init__(self, path: str | os.PathLike, columns: Sequence[str], keep: int | None = None):
        super().__init__(path, keep)
        self.columns = tuple(columns)
        self._writer = csv.writer(self._file, lineterminator="\n")
        if keep is None:
            self._writer.writerow(self.columns)

    def write(self, row: dict) -> None:
        self._writer.writerow([_cell(row.get(c)) for c in self.columns])
