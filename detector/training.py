"""`detector train`: rebuild every shipped model from the corpus, deterministically.

- roles: fitted on every call but the batch role inference is measured on
  (`corpus.ROLE_HELD_OUT`; `detector evaluate roles --cross-validate` leaves each other writer
  out in turn), written as ``roles.json``;
- acts: the spaCy pipeline's classifiers, fitted on train + dev after the design was chosen
  on dev;
- pacing: fitted on call features computed from *predicted* acts, each call annotated by act
  classifiers that never saw its family (5-fold cross-fitting), so the classifier learns from
  turn labels as noisy as the ones it will meet.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

import pandas as pd

from . import act_model, bundle, corpus, pacing
from .corpus_checks import corpus_hash
from .doc import make_doc
from .features import FEATURE_NAMES, call_features
from .roles import fit_role_model

SEED = 0
FOLDS = 5


def train_roles(corpus_dir: str | Path, models_dir: str | Path) -> dict:
    """Fit the role model on every call but the held-out batch and write ``roles.json``."""
    train = [c for c in corpus.load([corpus_dir]) if not c.role_held_out]
    model = fit_role_model((c.plain_turns(), c.roles(), c.family) for c in train)
    summary = {"trained_on": {"calls_sha256": corpus_hash(train), "calls": len(train),
                              "held_out": list(corpus.ROLE_HELD_OUT)}}
    Path(models_dir).mkdir(parents=True, exist_ok=True)
    (Path(models_dir) / "roles.json").write_text(model.to_json(**summary) + "\n", "utf-8")
    return summary


def annotated_features(nlp, calls) -> pd.DataFrame:
    docs = nlp.pipe(make_doc(nlp, c.transcript()) for c in calls)
    return pd.DataFrame([call_features(d) for d in docs], columns=list(FEATURE_NAMES))


def _fold(family: str) -> int:
    return int(hashlib.sha1(family.encode()).hexdigest(), 16) % FOLDS


def cross_fitted_features(calls, log: Callable[[str], None] = lambda m: None) -> pd.DataFrame:
    parts = []
    for k in range(FOLDS):
        held = [c for c in calls if _fold(c.family) == k]
        log(f"pacing features, fold {k + 1}/{FOLDS}: acts trained without {len(held)} calls")
        nlp = act_model.train_pipeline([c for c in calls if _fold(c.family) != k], seed=SEED)
        parts.append(annotated_features(nlp, held).set_index(pd.Index([c.call_id for c in held])))
    return pd.concat(parts).loc[[c.call_id for c in calls]]


def train_all(corpus_dir: str | Path, models_dir: str | Path,
              log: Callable[[str], None] = lambda m: None) -> dict:
    models_dir = Path(models_dir)
    roles = train_roles(corpus_dir, models_dir)
    log(f"role model: {roles['trained_on']['calls']} calls")
    calls = [c for c in corpus.load([corpus_dir]) if c.split in ("train", "dev")]
    feats = cross_fitted_features(calls, log)
    pacing_model = pacing.fit(feats, [c.pacing for c in calls], seed=SEED)
    log(f"acts: training on {len(calls)} calls (train + dev)")
    nlp = act_model.train_pipeline(calls, seed=SEED)
    meta = {"trained_on": {"calls_sha256": corpus_hash(calls),
        "splits": ["train", "dev"], "calls": len(calls),
        "turns": sum(len(c.turns) for c in calls)}, "seed": SEED}
    bundle.save(models_dir, nlp, pacing_model, meta)
    return meta
