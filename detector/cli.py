"""The ``detector`` command line: a thin shell over the library; library errors become
messages here and nowhere else."""
from __future__ import annotations

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


CORPUS = "data/corpus"
_corpus_option = click.option("--corpus", "corpus_dir", default=CORPUS, show_default=True,
                              type=click.Path(exists=True, file_okay=False),
                              help="Folder of labelled calls (*.jsonl).")


@main.command()
@_corpus_option
@click.option("--models", "models_dir", default="models", show_default=True,
              type=click.Path(file_okay=False), help="Folder to write the trained models to.")
def train(corpus_dir, models_dir):
    """Rebuild the shipped models from the labelled corpus (train split, fixed seeds)."""
    from .training import train_roles

    summary = train_roles(corpus_dir, models_dir)
    click.echo(f"role model: trained on {summary['trained_on']['calls']} calls; dev accuracy "
               + ", ".join(f"{k} {v:.1%}" for k, v in summary["dev_scores"].items()))


@main.group()
def evaluate():
    """Score the shipped models on a held-out split of the corpus."""


@evaluate.command("roles")
@_corpus_option
@click.option("--split", default="test", show_default=True, type=click.Choice(["dev", "test"]))
def evaluate_roles_cmd(corpus_dir, split):
    """Role inference on held-out calls with anonymous speaker names, as a Markdown table."""
    from . import corpus
    from .role_eval import evaluate_roles, markdown

    calls = [c for c in corpus.load([corpus_dir]) if c.split == split]
    click.echo(markdown(evaluate_roles(calls)))


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


def run() -> None:
    try:
        main()
    except DetectorError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
