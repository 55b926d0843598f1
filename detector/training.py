"""`detector train`: rebuild the shipped models from the corpus, deterministically."""
from __future__ import annotations

from pathlib import Path

from . import corpus
from .corpus_checks import corpus_hash
from .role_eval import evaluate_roles
from .roles import fit_role_model


def train_roles(corpus_dir: str | Path, models_dir: str | Path) -> dict:
    """Fit the role model on the train split, score it on dev, write ``roles.json``."""
    calls = list(corpus.load([corpus_dir]))
    train = [c for c in calls if c.split == "train"]
    model = fit_role_model((c.plain_turns(), c.roles(), c.family) for c in train)
    dev = evaluate_roles([c for c in calls if c.split == "dev"], model)
    summary = {"trained_on": {"corpus_sha256": corpus_hash([corpus_dir]), "split": "train",
                              "calls": len(train)},
               "dev_scores": {s.variant: round(s.accuracy, 4) for s in dev}}
    Path(models_dir).mkdir(parents=True, exist_ok=True)
    (Path(models_dir) / "roles.json").write_text(model.to_json(**summary) + "\n", "utf-8")
    return summary
