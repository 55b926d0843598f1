"""The ``detector`` command line: a thin shell over the library; library errors become
messages here and nowhere else."""
from __future__ import annotations

import contextlib
import json
import os
import sys

import click

from . import load_turns
from .errors import DetectorError
from .formats import FORMATS
from .tables import write_csv


def _inputs(f):
    f = click.option("--format", "fmt", type=click.Choice(FORMATS),
                     help="Read every file as this format instead of detecting it.")(f)
    f = click.option("--rep", "reps", multiple=True, metavar="NAME",
                     help="A rep speaker's name (repeatable); the others are clients.")(f)
    return click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))(f)


class _Group(click.Group):
    """Library errors (bad input, a missing bundle) become one message and exit status 1;
    anything else is a bug: it keeps its traceback, with a note saying so."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DetectorError as e:
            click.echo(f"error: {e}", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception:
            from . import __version__

            click.echo(f"detector {__version__} hit a bug (not a problem with your files). Please "
                       "report it with the command you ran and the traceback below; the file that "
                       "caused it helps most, if you may share it.", err=True)
            raise


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="premature-close-detector")
def main() -> None:
    """Find sales reps who pitch or press for a close before the client has a need."""


@main.command()
@_inputs
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder for turns.csv and failures.csv.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def turns(paths, reps, fmt, out, quiet):
    """Read transcripts and write the normalised turns table, without labelling.

    PATHS are transcript files or folders (walked for .txt .vtt .srt .csv .tsv .json).
    Exit status: 0 all read, 1 some files failed (listed in failures.csv).
    """
    os.makedirs(out, exist_ok=True)
    turns_df, failures = load_turns(paths, fmt=fmt, reps=reps)
    write_csv(turns_df, os.path.join(out, "turns.csv"))
    write_csv(failures, os.path.join(out, "failures.csv"))
    if not quiet:
        n_calls = turns_df["call_id"].nunique()
        click.echo(f"read {n_calls} call(s), {len(turns_df)} turn(s) into {out}/turns.csv", err=True)
    for msg in failures["error"]:
        click.echo(f"error: {msg}", err=True)
    sys.exit(1 if len(failures) else 0)


@main.command()
@_inputs
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder for calls.csv, turns.csv and failures.csv.")
@click.option("--models", "models_dir", default=None, type=click.Path(file_okay=False),
              help="Model bundle folder (default: the shipped models/).")
@click.option("--trust-model", is_flag=True,
              help="Load a bundle whose files do not match its recorded hashes.")
@click.option("--jsonl", "jsonl", is_flag=True,
              help="Also write calls.jsonl: each call with its turns nested, one per line.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run the batch on a Dask cluster, e.g. tcp://10.0.0.5:8786 (needs the [dask] extra).")
@click.option("--resume", is_flag=True,
              help="Continue the batch in --out that was interrupted (same PATHS and options); "
                   "files already scored are kept and skipped.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (and no progress).")
def score(paths, reps, fmt, out, models_dir, trust_model, jsonl, jobs, scheduler, resume, quiet):
    """Label every turn, flag premature pitch and pressure, and score each call's pacing.

    PATHS are transcript files or folders. Writes calls.csv, turns.csv and failures.csv, row by
    row as calls finish (in input order). Exit status: 0 all scored, 1 some files failed
    (listed in failures.csv).
    """
    from .batch import Failure, walk
    from .checkpoint import Journal, batch_key
    from .parallel import Options, score_stream
    from .scoring import CALL_COLUMNS, SCORED_TURN_COLUMNS, jsonl_record
    from .tables import FAILURE_COLUMNS, CsvStream, PartFile

    os.makedirs(out, exist_ok=True)
    options = Options(fmt=fmt, reps=tuple(reps), models=models_dir, trust=trust_model)
    columns = {"calls.csv": CALL_COLUMNS, "turns.csv": SCORED_TURN_COLUMNS,
               "failures.csv": FAILURE_COLUMNS}
    names = [*columns, *(["calls.jsonl"] if jsonl else [])]
    key = batch_key(list(walk(paths)), {"format": fmt, "reps": sorted(reps), "jsonl": jsonl,
                                        "models": models_dir})
    journal = Journal(out, key, names, resume=resume)
    done = journal.progress
    counts = {"calls": 0, "premature": 0, "failures": 0} | dict(done.counts)
    errors = []
    if done.finished:
        if not quiet:
            click.echo(f"nothing to resume: the batch in {out}/ finished", err=True)
        sys.exit(1 if counts["failures"] else 0)
    bar = _progress(quiet)
    with journal, contextlib.ExitStack() as stack:
        tables = {n: stack.enter_context(CsvStream(os.path.join(out, n), c, done.sizes.get(n)))
                  for n, c in columns.items()}
        if jsonl:
            tables["calls.jsonl"] = stack.enter_context(
                PartFile(os.path.join(out, "calls.jsonl"), done.sizes.get("calls.jsonl")))

        def finished(source: str) -> None:
            journal.record(source, {n: t.size() for n, t in tables.items()}, counts)

        source = None
        for item in score_stream(paths, options=options, jobs=jobs, scheduler=scheduler,
                                 skip=done.done):
            here = item.source if isinstance(item, Failure) else item.call["source"]
            if source is not None and here != source:
                finished(source)
            source = here
            if isinstance(item, Failure):
                tables["failures.csv"].write({"source": item.source, "line": item.line,
                                              "error": item.error})
                errors.append(item.error)
                counts["failures"] += 1
                continue
            tables["calls.csv"].write(item.call)
            for row in item.turns:
                tables["turns.csv"].write(row)
            if jsonl:
                tables["calls.jsonl"].write(json.dumps(jsonl_record(item), ensure_ascii=False,
                                                       default=str) + "\n")
            counts["calls"] += 1
            counts["premature"] += bool(item.call["premature"])
            bar.update(1)
        if source is not None:
            finished(source)
        stack.close()  # the tables are complete and in place before the journal says so
        journal.finish()
    bar.close()
    if not quiet:
        click.echo(f"scored {counts['calls']} call(s): {counts['premature']} premature; tables "
                   f"in {out}/", err=True)
    for msg in errors:
        click.echo(f"error: {msg}", err=True)
    sys.exit(1 if counts["failures"] else 0)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--rep", "reps", multiple=True, metavar="NAME",
              help="A rep speaker's name (repeatable); the others are clients.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Read the file as this format instead of detecting it.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False),
              help="Also write the review as one standalone HTML page.")
@click.option("--models", "models_dir", default=None, type=click.Path(file_okay=False),
              help="Model bundle folder (default: the shipped models/).")
@click.option("--color/--no-color", default=None,
              help="Force colour on or off (default: colour on a terminal only).")
def review(file, reps, fmt, html_path, models_dir, color):
    """Review one call as a rep: the stage timeline, each premature pitch or pressure with
    the sentence that shows it, and what to ask instead."""
    from . import bundle as bundles
    from . import review as reviews
    from .reading import read_calls
    from .scoring import score_docs

    b = bundles.cached(models_dir)
    for scored in score_docs(read_calls(file, fmt=fmt, reps=reps, role_model=b.roles), b):
        r = reviews.build(scored)
        click.echo(reviews.render_text(r), color=color)
        if html_path:
            with open(html_path, "w", encoding="utf-8") as f:
                f.write(reviews.render_html(r))
            click.echo(f"review page written to {html_path}", err=True)


@main.command()
@click.argument("score_dir", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@click.option("--html", "out", required=True, type=click.Path(file_okay=False),
              help="Folder for index.html and one page per call (calls/).")
def report(score_dir, out):
    """Turn a 'detector score' output folder into a coach's offline HTML report: the team at a
    glance, charts, a sortable table of calls, and one page per call."""
    from .report import build

    index = build(score_dir, out)
    click.echo(f"report written to {index}", err=True)


CORPUS = "data/corpus"
_corpus_option = click.option("--corpus", "corpus_dir", default=CORPUS, show_default=True,
                              type=click.Path(exists=True, file_okay=False),
                              help="Folder of labelled calls (*.jsonl).")


@main.command()
@_corpus_option
@click.option("--models", "models_dir", default="models", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the trained models to.")
@click.option("--roles-only", is_flag=True, help="Retrain only the role model (seconds).")
def train(corpus_dir, models_dir, roles_only):
    """Rebuild the shipped models from the labelled corpus, with fixed seeds: the role model,
    the spaCy act pipeline and the pacing classifier (about five minutes)."""
    from .training import train_all, train_roles

    if roles_only:
        summary = train_roles(corpus_dir, models_dir)
        click.echo(f"role model: trained on {summary['trained_on']['calls']} calls", err=True)
        return
    train_all(corpus_dir, models_dir, log=lambda m: click.echo(m, err=True))
    click.echo(f"bundle written to {models_dir}/; run 'detector evaluate' for held-out scores",
               err=True)


@main.group(invoke_without_command=True)
@_corpus_option
@click.option("--split", default="test", show_default=True, type=click.Choice(["dev", "test"]))
@click.option("--models", "models_dir", default=None, type=click.Path(file_okay=False),
              help="Model bundle folder (default: the shipped models/).")
@click.option("--save", is_flag=True, help="Record the scores in the bundle's meta.json.")
@click.pass_context
def evaluate(ctx, corpus_dir, split, models_dir, save):
    """Score the shipped models on a held-out split of the corpus: per-act precision, recall
    and F1, dominant-act accuracy, flags per turn, premature calls, pacing accuracy and AUC,
    on the clean split and on a speech-to-text-noised copy; and scoring speed."""
    if ctx.invoked_subcommand:
        return
    from . import bundle, corpus
    from .evaluation import evaluate as run, markdown, noised, speed

    b = bundle.load(models_dir)
    calls = [c for c in corpus.load([corpus_dir]) if c.split == split]
    reports = [run(b, calls, split), run(b, noised(calls), f"{split}, ASR-noised")]
    click.echo(markdown(reports))
    sp = speed(b, calls)
    click.echo(f"\nspeed over {sp['words']} words on one core: pipeline "
               f"{sp['pipeline words/s']:,.0f} words/s, bare tokenizer "
               f"{sp['tokenizer words/s']:,.0f} words/s, ratio "
               f"{sp['pipeline time / tokenizer time']:.1f}x")
    if save:
        bundle.record_scores(models_dir, {r.name: {**r.headline(), "calls": r.calls}
                                          for r in reports} | {"speed": sp})


@evaluate.command("roles")
@_corpus_option
@click.option("--split", type=click.Choice(["train", "dev", "test"]),
              help="Calls of this split instead of the held-out batch (the role model has "
                   "learned from them, so it is no measure of accuracy).")
@click.option("--only", "prefixes", multiple=True, metavar="PREFIX",
              help="Only calls whose id starts with PREFIX (repeatable), e.g. one writer's.")
@click.option("--cross-validate", "cv", is_flag=True,
              help="Leave one writer out over every call the role model learns from "
                   "(two minutes).")
def evaluate_roles_cmd(corpus_dir, split, prefixes, cv):
    """Role inference with anonymous speaker names, as a Markdown table: by default on the
    held-out batch of fresh writers the role model never saw."""
    from . import corpus
    from .role_eval import cross_validate, evaluate_roles, markdown

    if cv:
        if split or prefixes:
            raise click.UsageError("--cross-validate uses every call but the held-out batch; "
                                   "leave out --split and --only")
        calls = [c for c in corpus.load([corpus_dir]) if not c.role_held_out]
        click.echo(markdown(cross_validate(calls)))
        return
    calls = [c for c in corpus.load([corpus_dir])
             if (c.split == split if split else c.role_held_out)
             and (not prefixes or c.call_id.startswith(tuple(prefixes)))]
    if not calls:
        raise click.UsageError("no calls match: check --split and --only")
    click.echo(markdown(evaluate_roles(calls)))


@evaluate.command("designs")
@_corpus_option
def evaluate_designs_cmd(corpus_dir):
    """Train each candidate act-model design on train and compare them on dev (slow)."""
    from .design_comparison import compare

    click.echo(compare(corpus_dir, log=lambda m: click.echo(m, err=True)))


@main.group("corpus")
def corpus_group():
    """Check and describe the labelled corpus in data/corpus."""


@corpus_group.command("validate")
@_corpus_option
def corpus_validate(corpus_dir):
    """Check schema, vocabulary, split disjointness, shared phrasings and the pacing rule."""
    from . import corpus
    from .corpus_checks import validate

    calls = list(corpus.load([corpus_dir]))
    problems = validate(calls)
    for p in problems:
        click.echo(p)
    click.echo(f"{len(calls)} calls, {len(problems)} problem(s)", err=True)
    sys.exit(1 if problems else 0)


@corpus_group.command("stats")
@_corpus_option
@click.option("--second", "second_dir", default="data/second_labels", show_default=True,
              type=click.Path(), help="Independent second labels, for Cohen's kappa.")
def corpus_stats(corpus_dir, second_dir):
    """Counts per act, role, split, industry, call type and pacing, and the agreement with the
    second labelling, as Markdown tables."""
    from . import corpus
    from .corpus_checks import agreement, load_second_labels, stats

    calls = list(corpus.load([corpus_dir]))
    click.echo(stats(calls))
    if os.path.exists(second_dir):
        click.echo(agreement(calls, load_second_labels(second_dir)))


def _progress(quiet: bool):
    """A progress bar on stderr, shown only on a terminal and never with --quiet."""
    from tqdm import tqdm

    return tqdm(unit=" calls", desc="scoring", file=sys.stderr, leave=False,
                disable=quiet or not sys.stderr.isatty())


def run() -> None:
    main()
