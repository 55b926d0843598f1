"""`detector evaluate`: the shipped bundle on held-out calls, clean and speech-to-text-noised."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

import numpy
import pandas as pd
import spacy
from sklearn.metrics import roc_auc_score

from . import corpus, pacing
from .asr_noise import noise_call
from .bundle import Bundle
from .corpus import ACTS, LabelledCall
from .doc import make_doc
from .extensions import TURNS
from .features import FEATURE_NAMES, call_features
from .transcript import Role

DISCOVERY_ACTS = ("situation", "change", "goals", "gaps", "educate")


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Report:
    name: str
    calls: int = 0
    turns: int = 0
    per_label: dict = field(default_factory=dict)  # "rep: pitch" -> (p, r, f1, support)
    figures: dict = field(default_factory=dict)

    def headline(self) -> dict[str, float]:
        f1 = {k: v[2] for k, v in self.per_label.items()}
        return {
            "rep discovery macro-F1 (situation, change, goals, gaps, educate)":
                sum(f1[f"rep: {a}"] for a in DISCOVERY_ACTS) / len(DISCOVERY_ACTS),
            "rep pitch F1": f1["rep: pitch"], "rep pressure F1": f1["rep: pressure"],
            "client need F1": f1["client: need"], "client ask F1": f1["client: ask"],
            **self.figures}


def evaluate(bundle: Bundle, calls: Sequence[LabelledCall], name: str) -> Report:
    report, docs = turn_metrics(bundle.nlp, calls, name)
    feats = pd.DataFrame([call_features(d) for d in docs], columns=list(FEATURE_NAMES))
    labels, scores = pacing.predict(bundle.pacing, feats)
    gold_pacing = [c.pacing for c in calls]
    report.figures |= {
        "pacing accuracy": float(numpy.mean([a == b for a, b in zip(labels, gold_pacing)])),
        "pacing_score AUC, premature vs other calls": float(roc_auc_score(
            [g != "premature" for g in gold_pacing], scores)),
    }
    return report


def turn_metrics(nlp, calls: Sequence[LabelledCall], name: str):
    """Per-act P/R/F1, dominant-act accuracy, flags per turn and premature calls."""
    docs = list(nlp.pipe(make_doc(nlp, c.transcript()) for c in calls))
    counts: dict[str, Counter] = {}
    dominant = total = 0
    flag_counts = Counter()
    premature_gold, premature_pred = [], []
    for call, doc in zip(calls, docs):
        gold_flags = corpus.flags([t.role for t in call.turns], [t.acts for t in call.turns])
        for t, span, gflag in zip(call.turns, doc.spans[TURNS], gold_flags):
            if t.role is Role.OTHER:
                continue
            total += 1
            pred = set(span._.acts)
            dominant += span._.acts[0] == t.acts[0]
            for act in ACTS[t.role]:
                c = counts.setdefault(f"{t.role.value}: {act}", Counter())
                c["tp"] += act in pred and act in t.acts
                c["fp"] += act in pred and act not in t.acts
                c["fn"] += act not in pred and act in t.acts
            if t.role is Role.REP:
                pf = bool(span._.flag)
                flag_counts["tp"] += pf and bool(gflag)
                flag_counts["fp"] += pf and not gflag
                flag_counts["fn"] += (not pf) and bool(gflag)
        premature_gold.append(any(gold_flags))
        premature_pred.append(any(s._.flag for s in doc.spans[TURNS]))
    pc = Counter(zip(premature_gold, premature_pred))
    report = Report(name, len(calls), total)
    report.per_label = {k: (*_f1(c["tp"], c["fp"], c["fn"]), c["tp"] + c["fn"])
                        for k, c in counts.items() if c["tp"] + c["fn"]}
    fp_, fr_, ff_ = _f1(flag_counts["tp"], flag_counts["fp"], flag_counts["fn"])
    report.figures = {
        "dominant-act accuracy": dominant / total,
        "flagged-turn precision": fp_, "flagged-turn recall": fr_, "flagged-turn F1": ff_,
        "premature-call F1": _f1(pc[(True, True)], pc[(False, True)], pc[(True, False)])[2],
    }
    return report, docs


def noised(calls: Sequence[LabelledCall]) -> list[LabelledCall]:
    return [noise_call(c, seed=1) for c in calls]


def speed(bundle: Bundle, calls: Sequence[LabelledCall], repeat: int = 3) -> dict[str, float]:
    """Words per second of the full pipeline and of a bare ``spacy.blank("en")`` tokenizer
    over the same text, best of `repeat` runs each, on one core."""
    transcripts = [c.transcript() for c in calls]
    texts = ["\n".join(t.text for t in tr.turns) for tr in transcripts]
    words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("en")
    nlp = bundle.nlp

    def best(fn) -> float:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    tok = best(lambda: list(blank.tokenizer.pipe(texts)))
    full = best(lambda: list(nlp.pipe(make_doc(nlp, t) for t in transcripts)))
    return {"words": words, "tokenizer words/s": words / tok, "pipeline words/s": words / full,
            "pipeline time / tokenizer time": full / tok}


def markdown(reports: Sequence[Report]) -> str:
    heads = [r.headline() for r in reports]
    lines = ["| figure | " + " | ".join(f"{r.name} ({r.calls} calls)" for r in reports) + " |",
             "|---|" + "---:|" * len(reports)]
    for key in heads[0]:
        lines.append(f"| {key} | " + " | ".join(f"{h[key]:.3f}" for h in heads) + " |")
    lines += ["", "| act | " + " | ".join(f"P / R / F1 ({r.name})" for r in reports) + " | support |",
              "|---|" + "---:|" * (len(reports) + 1)]
    for key in reports[0].per_label:
        cells = [" / ".join(f"{x:.2f}" for x in r.per_label.get(key, (0, 0, 0, 0))[:3]) for r in reports]
        lines.append(f"| {key} | " + " | ".join(cells) + f" | {reports[0].per_label[key][3]} |")
    return "\n".join(lines)
