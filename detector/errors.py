"""Typed errors for bad input. Each names where (file and line or record), what was expected,
and how to fix it; the CLI prints `str(error)` and records it in failures.csv."""
from __future__ import annotations


class DetectorError(Exception):
    """Base class of every error the library raises on purpose."""


class TranscriptError(DetectorError):
    """A transcript file that cannot be read as a call.

    `str(err)` reads: ``PATH:LINE: PROBLEM. FIX`` (``PATH: PROBLEM. FIX`` when no line applies).
    """

    unit = "line"

    def __init__(self, path: str, line: int | None, problem: str, fix: str):
        self.path, self.line, self.problem, self.fix = str(path), line, problem, fix
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.problem}. {self.fix}"

    def __reduce__(self):  # keep the fields when pickled to a worker process
        return (type(self), (self.path, self.line, self.problem, self.fix))


class EmptyFileError(TranscriptError):
    pass


class BinaryFileError(TranscriptError):
    pass


class DecodingError(TranscriptError):
    pass


class UnknownFormatError(TranscriptError):
    pass


class MalformedFileError(TranscriptError):
    """The format was recognised but the file breaks it (bad times, broken quoting, bad JSON)."""


class MissingColumnError(TranscriptError):
    pass


class UnknownShapeError(TranscriptError):
    """JSON that parses but matches none of the shapes the readers know."""


class NoSpeakersError(TranscriptError):
    pass


class OneSpeakerError(NoSpeakersError):
    """Every turn has the same speaker: speech-to-text without diarization, as a rule."""


class CallTooLongError(TranscriptError):
    """More text in one call than any recording holds; the limit keeps memory bounded."""


class NotATranscriptError(TranscriptError):
    """A file that belongs with transcripts (call metadata) but holds no speech itself."""


class EncodingFallbackWarning(UserWarning):
    """The file was not UTF-8 or UTF-16 and was read as Windows-1252."""
