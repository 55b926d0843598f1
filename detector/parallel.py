"""Batches in parallel, on this machine or a Dask cluster. This module is where parallelism
lives: files are cut into chunks; a worker scores a chunk with the bundle it loaded once (the
bundle is cached per process); results come back in input order as chunks finish, so callers
can write them as they go and memory does not grow with the number of calls.

On Linux the local workers are forked from this process after it has loaded the bundle, so
they start with it in memory instead of each importing the libraries and loading the models
again (that cost more than scoring a thousand calls). Elsewhere, where forking a process that
has loaded libraries is unsafe, they are fresh processes that load it themselves."""
from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from dataclasses import dataclass
from typing import Container, Iterable, Iterator, Sequence

from . import bundle as bundles
from .batch import Failure, plan, read_file
from .scoring import ScoredCall, calls_frame, score_docs, scored_turns_frame
from .tables import failures_frame

CHUNK_FILES = 32
FORK = sys.platform == "linux"  # macOS and Windows start fresh worker processes instead


@dataclass(frozen=True)
class Options:
    fmt: str | None = None
    reps: tuple[str, ...] = ()
    models: str | None = None
    trust: bool = False


def score_chunk(files: Sequence[str], parties: dict, options: Options) -> list[ScoredCall | Failure]:
    """Score some files in this process: one `ScoredCall` per call, or the file's `Failure`,
    in file order. The chunk's calls are scored as one batch: the classifiers and the pacing
    model cost far less per call in batches than one call at a time."""
    b = bundles.cached(options.models, options.trust)
    read = [read_file(f, fmt=options.fmt, reps=options.reps, parties=parties, role_model=b.roles)
            for f in files]
    scored = iter(score_docs([c for got in read if not isinstance(got, Failure) for c in got], b))
    out: list[ScoredCall | Failure] = []
    for got in read:
        out.extend([got] if isinstance(got, Failure) else [next(scored) for _ in got])
    return out


def _score_chunk(args: tuple) -> list[ScoredCall | Failure]:
    return score_chunk(*args)


def score_stream(paths: Iterable[str | os.PathLike], *, options: Options = Options(),
                 jobs: int | None = None, scheduler: str | None = None,
                 skip: Container[str] = ()) -> Iterator[ScoredCall | Failure]:
    """Every call scored, or file failed, in input order. `jobs` worker processes (default:
    all cores; 1 runs here); `scheduler` is the address of a Dask scheduler to run on; files
    in `skip` (scored by an earlier, interrupted run) are left out."""
    files, parties = plan(paths)
    files = [f for f in files if f not in skip]
    chunks = [files[i:i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    if (jobs == 1 and not scheduler) or len(chunks) <= 1 and not scheduler:
        for chunk in chunks:
            yield from score_chunk(chunk, parties, options)
        return
    if not scheduler and FORK:
        bundles.cached(options.models, options.trust)  # before the fork: the workers inherit it
        workers = min(jobs or os.cpu_count() or 1, len(chunks))
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for result in pool.imap(_score_chunk, [(c, parties, options) for c in chunks]):
                yield from result
        return
    import joblib

    with _backend(scheduler):
        run = joblib.Parallel(n_jobs=jobs or -1, return_as="generator", batch_size=1)
        for result in run(joblib.delayed(score_chunk)(c, parties, options) for c in chunks):
            yield from result


@contextlib.contextmanager
def _backend(scheduler: str | None):
    if not scheduler:
        yield
        return
    try:
        from dask.distributed import Client
    except ImportError:
        from .errors import DetectorError

        raise DetectorError("--scheduler needs Dask: pip install 'premature-close-detector[dask]'"
                            ) from None
    import joblib

    with Client(scheduler, set_as_default=False) as client, \
            joblib.parallel_config(backend="dask", client=client):
        yield


def score_paths(paths, *, options: Options = Options(), jobs: int | None = 1,
                scheduler: str | None = None):
    """``(calls, turns, failures)`` DataFrames, exactly as `detector score` writes them."""
    scored, failed = [], []
    for item in score_stream([paths] if isinstance(paths, (str, os.PathLike)) else paths,
                             options=options, jobs=jobs, scheduler=scheduler):
        (failed if isinstance(item, Failure) else scored).append(item)
    return calls_frame(scored), scored_turns_frame(scored), failures_frame(failed)
