"""Speed and memory benchmarks, each against a baseline measured in the same run.

    python bench/run.py [--calls 1000]

Builds a batch of realistic calls from the corpus (plain-text transcripts, cycling through the
corpus' calls), then prints: throughput of `detector score --jobs 2` against a bare
spacy.blank("en") tokenizer pass over the same text on one core; peak memory of a worker at 200
and at 2,000 calls; cold start of `detector score` on one call against the bare imports; one
3-hour call; and where the time goes.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
DETECTOR = [PY, "-m", "detector"]


def write_batch(folder: Path, n: int) -> tuple[list[Path], int]:
    from detector import corpus

    calls = list(corpus.load([ROOT / "data" / "corpus"]))
    folder.mkdir(parents=True, exist_ok=True)
    paths, words = [], 0
    for i in range(n):
        call = calls[i % len(calls)]
        text = "".join(f"{t.speaker or 'Narrator'}: {' '.join(t.text.split())}\n" for t in call.turns)
        path = folder / f"call-{i:05d}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
        words += sum(len(t.text.split()) for t in call.turns)
    return paths, words


def tokenizer_seconds(paths: list[Path]) -> tuple[float, float]:
    """Best of three single passes, each by a fresh tokenizer, as `detector score` makes one
    pass with a fresh tokenizer per worker; and best of three repeated passes by one tokenizer
    whose cache has seen the text already, the stricter baseline."""
    import spacy

    texts = [p.read_text("utf-8") for p in paths]
    fresh: list[float] = []
    warm: list[float] = []
    for _ in range(3):
        nlp = spacy.blank("en")
        for times in (fresh, warm):
            t0 = time.perf_counter()
            for _ in nlp.tokenizer.pipe(texts):
                pass
            times.append(time.perf_counter() - t0)
    return min(fresh), min(warm)


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak resident memory of a command, in its own fresh parent so nothing else counts."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess."
             "DEVNULL, stderr=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def long_call(folder: Path, words: int = 30_000) -> Path:
    from detector import corpus

    lines, n = [], 0
    for call in corpus.load([ROOT / "data" / "corpus"]):
        for t in call.turns:
            speaker = "Rep" if t.role.value == "rep" else "Client"
            lines.append(f"{speaker}: {' '.join(t.text.split())}")
            n += len(t.text.split())
            if n >= words:
                break
        if n >= words:
            break
    path = folder / "three-hour-call.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=1000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="detector-bench-"))
    print(f"# Benchmarks ({os.cpu_count()} cores, Python {sys.version.split()[0]})\n")

    paths, words = write_batch(tmp / "batch", args.calls)
    tok, warm = tokenizer_seconds(paths)
    wall = min(timed([*DETECTOR, "score", str(tmp / "batch"), "--out", str(tmp / "out"), "--jobs",
                      "2", "-q"]) for _ in range(2))
    print(f"## Throughput: {args.calls} calls, {words:,} words")
    print(f"- bare tokenizer, one core, one pass by a fresh tokenizer: {tok:.2f} s "
          f"({words / tok:,.0f} words/s)")
    print(f"- the same, a second pass by a tokenizer that has seen the text: {warm:.2f} s")
    print(f"- detector score --jobs 2, whole command (best of 2): {wall:.2f} s "
          f"({args.calls / wall:,.0f} calls/s, {words / wall:,.0f} words/s)")
    print(f"- ratio, score --jobs 2 / tokenizer: {wall / tok:.1f}x (against the warmed-up "
          f"tokenizer: {wall / warm:.1f}x)\n")

    small, _ = write_batch(tmp / "m200", 200)
    large, _ = write_batch(tmp / "m2000", 2000)
    m200 = peak_rss_mb([*DETECTOR, "score", str(tmp / "m200"), "--out", str(tmp / "o200"), "--jobs", "1", "-q"])
    m2000 = peak_rss_mb([*DETECTOR, "score", str(tmp / "m2000"), "--out", str(tmp / "o2000"), "--jobs", "1", "-q"])
    print("## Peak memory of one worker (score --jobs 1)")
    print(f"- 200 calls: {m200:.0f} MB; 2,000 calls: {m2000:.0f} MB; ratio {m2000 / m200:.2f}\n")

    one = paths[0]
    imports = min(timed([PY, "-c", "import spacy, sklearn, pandas"]) for _ in range(3))
    cold = min(timed([*DETECTOR, "score", str(one), "--out", str(tmp / "one"), "-q"]) for _ in range(3))
    print("## Cold start")
    print(f"- python -c 'import spacy, sklearn, pandas': {imports:.2f} s")
    print(f"- detector score on one call: {cold:.2f} s; ratio {cold / imports:.1f}x\n")

    from detector import bundle as bundles
    from detector.reading import read_calls
    from detector.scoring import score_docs

    b = bundles.cached()
    big = long_call(tmp)
    t0 = time.perf_counter()
    call = read_calls(big, role_model=b.roles)
    score_docs(call, b)
    inproc = time.perf_counter() - t0
    whole = timed([*DETECTOR, "score", str(big), "--out", str(tmp / "big"), "-q"])
    n_words = sum(t.n_words for t in call[0].turns)
    print(f"## One 3-hour call ({n_words:,} words, {len(call[0].turns):,} turns)")
    print(f"- read and scored with the models loaded: {inproc:.2f} s; whole command: {whole:.2f} s\n")

    print("## Where the time goes (200 calls in one process)")
    print(stage_table(small, b))
    from detector.parallel import Options, score_chunk

    profile = cProfile.Profile()
    profile.enable()
    score_chunk([str(p) for p in small], {}, Options())
    profile.disable()
    buf = io.StringIO()
    pstats.Stats(profile, stream=buf).sort_stats("tottime").print_stats(12)
    print("Top functions by own time (cProfile, which inflates Python-level calls):")
    print("```")
    keep = [ln for ln in buf.getvalue().splitlines() if ln.strip() and not ln.startswith(("   Ordered", "   List"))]
    print("\n".join(keep[:18]))
    print("```")


def stage_table(paths: list[Path], b) -> str:
    """Seconds per stage of scoring, timed without a profiler, as a Markdown table."""
    from detector import features
    from detector.batch import read_file
    from detector.doc import make_doc
    from detector.scoring import _turn_rows

    spent: dict[str, float] = {}

    def clock(stage: str, t0: float) -> float:
        now = time.perf_counter()
        spent[stage] = spent.get(stage, 0.0) + now - t0
        return now

    for i in range(0, len(paths), 32):
        t = time.perf_counter()
        calls = [c for p in paths[i:i + 32] for c in read_file(str(p), role_model=b.roles)]
        t = clock("read the files and infer roles", t)
        docs = [make_doc(b.nlp, c) for c in calls]
        t = clock("spaCy tokenizer (make_doc)", t)
        for name, proc in b.nlp.pipeline:
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            t = clock(f"component {name}", t)
        rows = [list(features.call_features(d).values()) for d in docs]
        b.pacing.predict_proba(rows)
        t = clock("call features and the pacing forest", t)
        for c, d in zip(calls, docs):
            _turn_rows(c, d)
        clock("turn rows for the tables", t)
    total = sum(spent.values())
    lines = ["| stage | seconds | share |", "|---|---:|---:|"]
    lines += [f"| {k} | {v:.2f} | {v / total:.0%} |" for k, v in spent.items()]
    return "\n".join(lines + [f"| total | {total:.2f} | |", ""])


if __name__ == "__main__":
    main()
