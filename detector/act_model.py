"""Build and train the act pipeline: ``spacy.blank("en")`` plus the ``detector_*`` components,
with one bag-of-words multi-label classifier per role trained on the corpus' turns."""
from __future__ import annotations

import random
from typing import Sequence

import spacy
from spacy.language import Language
from spacy.training import Example

from . import components  # noqa: F401  (registers the factories)
from .asr_noise import noise_call
from .corpus import LabelledCall

# Chosen on the dev split (`detector evaluate designs`, the README's table): word bigrams over
# the lower-cased turn plus cue tokens and the previous turn's act. A hash table of 2**17 rows
# scored the same on dev as 2**18 at half the size.
TEXTCAT = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False,
                     "ngram_size": 2, "no_output_layer": False, "length": 131072}}
PIPES = ("detector_turns", "detector_sentences", "detector_acts", "detector_flags")


def new_pipeline(acts_config: dict | None = None) -> Language:
    nlp = spacy.blank("en")
    for name in PIPES:
        nlp.add_pipe(name, config=acts_config if name == "detector_acts" and acts_config else {})
    return nlp


def _examples(nlp: Language, calls: Sequence[LabelledCall], role: str, labels: Sequence[str],
              cues: bool = True, context: bool = False):
    """One example per turn of `role`; with `context`, the previous turn's labelled acts as
    context tokens (at run time they come from the first pass)."""
    out = []
    for call in calls:
        prev = (None, ("other",), "")
        for t in call.turns:
            if t.role.value == role:
                words = components.classifier_words(t.text, cues)
                if context:
                    words += components.context_tokens(*prev).split()
                doc = components.classifier_doc(nlp.vocab, words)
                out.append(Example.from_dict(doc, {"cats": {a: float(a in t.acts) for a in labels}}))
            if t.role.value in components.ROLE_ACTS:
                prev = (t.role.value, t.acts, t.text)
    return out


def train_classifier(calls: Sequence[LabelledCall], role: str, labels: Sequence[str], *,
                     epochs: int = 10, seed: int = 0, config: dict | None = None,
                     cues: bool = True, context: bool = False) -> Language:
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat_multilabel", config=config or TEXTCAT)
    for label in labels:
        textcat.add_label(label)
    examples = _examples(nlp, calls, role, labels, cues, context)
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in spacy.util.minibatch(examples, 32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def train_pipeline(calls: Sequence[LabelledCall], *, epochs: int = 10, seed: int = 0,
                   augment: bool = True, config: dict | None = None, cues: bool = True,
                   threshold: float = 0.5, context: bool = True) -> Language:
    """The whole pipeline, its act classifiers trained on `calls` (plus a speech-to-text-noised
    copy of each when `augment`)."""
    data = list(calls) + ([noise_call(c, seed) for c in calls] if augment else [])
    nlp = new_pipeline({"cues": cues, "threshold": threshold})
    tagger = nlp.get_pipe("detector_acts")
    for role, labels in components.ROLE_ACTS.items():
        tagger.models[role] = components.Classifier.from_nlp(train_classifier(
            data, role, labels, epochs=epochs, seed=seed, config=config, cues=cues))
        if context:
            tagger.models[f"{role}_ctx"] = components.Classifier.from_nlp(train_classifier(
                data, role, labels, epochs=epochs, seed=seed, config=config, cues=cues,
                context=True))
    return nlp
