"""`detector evaluate designs`: train each candidate act-model design on the train split and
score it on dev (clean and speech-to-text-noised), with its speed. Slow: about five minutes."""
from __future__ import annotations

import time
from typing import Callable

import spacy

from . import act_model, corpus
from .doc import make_doc
from .evaluation import noised, turn_metrics

BOW = act_model.TEXTCAT["model"]
ENSEMBLE = {"model": {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "linear_model": BOW,
    "tok2vec": {"@architectures": "spacy.Tok2Vec.v2",
                "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                          "rows": [2000, 2000, 1000, 1000],
                          "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
                          "include_static_vectors": False},
                "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64,
                           "window_size": 1, "maxout_pieces": 3, "depth": 2}}}}

DESIGNS = {
    "bag of words, unigrams": dict(config={"model": {**BOW, "ngram_size": 1}}, augment=False,
                                   cues=False, context=False),
    "bag of words, bigrams": dict(augment=False, cues=False, context=False),
    "bigrams + noise augmentation": dict(cues=False, context=False),
    "bigrams + augmentation + cue phrases": dict(context=False),
    "bigrams + augmentation + cue phrases + previous act (shipped)": dict(),
    "BOW + CNN ensemble, same inputs": dict(config=ENSEMBLE, epochs=6),
}


def compare(corpus_dir: str, log: Callable[[str], None] = lambda m: None) -> str:
    calls = list(corpus.load([corpus_dir]))
    train = [c for c in calls if c.split == "train"]
    dev = [c for c in calls if c.split == "dev"]
    dev_noisy = noised(dev)
    blank = spacy.blank("en")
    texts = ["\n".join(t.text for t in c.turns) for c in dev]
    t0 = time.perf_counter()
    list(blank.tokenizer.pipe(texts))
    tok_time = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    rows = ["| design | dominant act | discovery macro-F1 | pitch F1 | pressure F1 | need F1 | "
            "ask F1 | flagged-turn F1 | same, ASR-noised: discovery / pitch / need | words/s | "
            "time vs tokenizer |", "|---|" + "---:|" * 10]
    for name, kw in DESIGNS.items():
        log(f"training: {name}")
        nlp = act_model.train_pipeline(train, seed=0, **kw)
        t0 = time.perf_counter()
        list(nlp.pipe(make_doc(nlp, c.transcript()) for c in dev))
        run = time.perf_counter() - t0
        clean, _ = turn_metrics(nlp, dev, "dev")
        noisy, _ = turn_metrics(nlp, dev_noisy, "dev noised")
        c, n = clean.headline(), noisy.headline()
        disc = "rep discovery macro-F1 (situation, change, goals, gaps, educate)"
        rows.append(f"| {name} | {c['dominant-act accuracy']:.3f} | {c[disc]:.3f} | "
                    f"{c['rep pitch F1']:.3f} | {c['rep pressure F1']:.3f} | "
                    f"{c['client need F1']:.3f} | {c['client ask F1']:.3f} | "
                    f"{c['flagged-turn F1']:.3f} | {n[disc]:.3f} / {n['rep pitch F1']:.3f} / "
                    f"{n['client need F1']:.3f} | {words / run:,.0f} | {run / tok_time:.1f}x |")
    return "\n".join(rows)
