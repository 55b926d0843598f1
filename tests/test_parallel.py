"""Parallel and cluster batches write exactly the tables a one-process run writes."""
import shutil

import pytest
from click.testing import CliRunner

from conftest import ROOT
from detector.cli import main


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Enough files for several chunks, one of them bad."""
    folder = tmp_path_factory.mktemp("calls")
    for i in range(4):
        for f in (ROOT / "data" / "samples").iterdir():
            shutil.copy(f, folder / f"{i}-{f.name}")
    (folder / "bad.srt").write_text("1\n00:00:05,000 --> 00:00:01,000\nA: hi\n", "utf-8")
    return folder


def _run(folder, out, *args):
    result = CliRunner().invoke(main, ["score", str(folder), "--out", str(out), "-q", *args])
    assert result.exit_code == 1, result.output  # the bad file
    return {name: (out / f"{name}.csv").read_bytes() for name in ("calls", "turns", "failures")}


@pytest.fixture(scope="module")
def one_process(folder, tmp_path_factory):
    return _run(folder, tmp_path_factory.mktemp("serial"), "--jobs", "1")


def test_parallel_two_workers_write_the_same_tables(folder, one_process, tmp_path):
    assert _run(folder, tmp_path, "--jobs", "2") == one_process
    assert one_process["calls"].count(b"\n") == 21 and b"bad.srt" in one_process["failures"]


def test_parallel_streamed_tables_equal_the_python_api(folder, one_process, tmp_path):
    import detector
    from detector.tables import write_csv

    calls, turns, failures = detector.score_paths([str(folder)])
    for name, df in (("calls", calls), ("turns", turns), ("failures", failures)):
        write_csv(df, tmp_path / f"{name}.csv")
        assert (tmp_path / f"{name}.csv").read_bytes() == one_process[name]


@pytest.mark.slow
def test_parallel_dask_cluster_writes_the_same_tables(folder, one_process, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert _run(folder, tmp_path, "--scheduler", cluster.scheduler_address) == one_process


def test_parallel_scheduler_without_dask_says_how_to_install(monkeypatch, folder, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_dask(name, *args, **kwargs):
        if name.startswith("dask"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = CliRunner().invoke(main, ["score", str(folder), "--out", str(tmp_path),
                                       "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 1
    assert "--scheduler needs Dask: pip install 'premature-close-detector[dask]'" in result.output


def test_parallel_fresh_worker_processes_write_the_same_tables(monkeypatch, folder, one_process,
                                                                 tmp_path):
    """Where workers cannot be forked (macOS, Windows) they start afresh and load the bundle."""
    from detector import parallel

    monkeypatch.setattr(parallel, "FORK", False)
    assert _run(folder, tmp_path, "--jobs", "2") == one_process
