"""Premature-close detector for sales-call transcripts."""
from .batch import Failure, read_many
from .errors import DetectorError, TranscriptError
from .reading import read_calls, read_transcript
from .tables import failures_frame, turns_frame
from .transcript import Role, RoleBy, Speaker, Transcript, Turn

__version__ = "0.1.0"

__all__ = [
    "DetectorError", "Failure", "Role", "RoleBy", "Speaker", "Transcript", "TranscriptError",
    "Turn", "failures_frame", "load_turns", "read_calls", "read_many", "read_transcript",
    "score_paths", "turns_frame",
]


def score_paths(paths, *, fmt=None, reps=(), models=None, trust=False, jobs=1):
    """``(calls, turns, failures)`` DataFrames, exactly as `detector score` writes them."""
    from .parallel import Options, score_paths as _score

    return _score(paths, options=Options(fmt=fmt, reps=tuple(reps), models=models, trust=trust),
                  jobs=jobs)


def load_turns(paths, *, fmt=None, reps=()):
    """``(turns, failures)`` DataFrames for transcript files and folders, as `detector turns`
    writes them."""
    calls, failures = [], []
    for item in read_many([paths] if isinstance(paths, str) else paths, fmt=fmt, reps=reps):
        (failures if isinstance(item, Failure) else calls).append(item)
    return turns_frame(calls), failures_frame(failures)
