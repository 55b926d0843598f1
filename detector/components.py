"""The pipeline's components, each a named ``detector_*`` factory that declares what it reads
and writes. Order: turns -> sentences -> acts -> flags.

``detector_acts`` wraps small multi-label text classifiers per role (spaCy's bag-of-words
``TextCatBOW`` models, trained as ``textcat_multilabel``) and runs them over each turn span; the
flags are a rule over the acts.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from thinc.api import Model

from . import extensions
from .corpus import CLIENT_ACTS, REP_ACTS
from .doc import TURN_CHARS, turn_texts
from .errors import DetectorError
from .patterns import any_of

extensions.register()
TURNS = extensions.TURNS
ROLE_ACTS = {"rep": REP_ACTS, "client": CLIENT_ACTS}
SELLING = ("pressure", "pitch")  # pressure wins when a turn has both
_END = frozenset(".?!")
MAX_SENTENCE = 30  # tokens: unpunctuated speech-to-text is cut into windows for attribution


class PipelineInputError(DetectorError):
    pass


@Language.factory("detector_turns", assigns=["doc.spans", "span._.speaker", "span._.turn",
                                             "span._.line", "span._.start_s", "span._.end_s"])
def make_turns(nlp: Language, name: str):
    return TurnSpans()


class TurnSpans:
    """Turn boundaries (left by `doc.make_doc`) become Spans labelled with the speaker's role."""

    def __call__(self, doc: Doc) -> Doc:
        if TURN_CHARS not in doc.user_data:
            raise PipelineInputError("this Doc has no turns: build it with detector.doc.make_doc"
                                     "(nlp, transcript), not nlp(text)")
        offsets, call = doc.user_data.pop(TURN_CHARS)
        roles = {s.name: s.role.value for s in call.speakers}
        spans = []
        for (a, b), turn in zip(offsets, call.turns):
            span = doc.char_span(a, b, label=roles[turn.speaker], alignment_mode="expand")
            span._.speaker, span._.turn, span._.line = turn.speaker, turn.index, turn.line
            span._.start_s, span._.end_s = turn.start_s, turn.end_s
            spans.append(span)
        doc.spans[TURNS] = spans
        return doc


@Language.factory("detector_sentences", requires=["doc.spans"], assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return TurnSentences(nlp)


class TurnSentences:
    """Sentences never cross a turn; they end at . ? ! and are cut every MAX_SENTENCE tokens."""

    def __init__(self, nlp: Language):
        self.ends = {nlp.vocab.strings.add(p) for p in _END}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        orth = doc.to_array([ORTH]).astype("uint64")
        after_end = numpy.isin(numpy.roll(orth, 1), list(self.ends))
        starts = numpy.where(after_end, 1, -1).astype("int64")
        starts[0] = 1
        for span in doc.spans[TURNS]:
            starts[span.start] = 1
            run = 0
            for i in range(span.start, span.end):
                run = 0 if starts[i] == 1 else run + 1
                if run >= MAX_SENTENCE:
                    starts[i], run = 1, 0
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))  # spaCy reads -1 back
        return doc


@Language.factory("detector_acts", default_config={"threshold": 0.5, "cues": True},
                  requires=["doc.spans", "token.is_sent_start"],
                  assigns=["span._.acts", "span._.act_scores"])
def make_acts(nlp: Language, name: str, threshold: float, cues: bool):
    return ActTagger(threshold, cues)


@lru_cache(maxsize=1)
def cue_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    data = json.loads(resources.files("detector").joinpath("lexicons/cues.json").read_text("utf-8"))
    return tuple((f"cue_{k}", any_of(v)) for k, v in data.items() if not k.startswith("_"))


def classifier_text(text: str, cues: bool = True) -> str:
    """What the act classifier reads: the lower-cased turn (speech-to-text output often has no
    case) and, with `cues`, one feature token per cue-phrase concept found in it."""
    low = " ".join(text.lower().split())
    if not cues:
        return low
    return " ".join([low] + [name for name, rx in cue_patterns() if rx.search(low)])


_WORDS = re.compile(r"[\w'-]+|[^\w\s]")


def classifier_words(text: str, cues: bool = True) -> list[str]:
    """`classifier_text` as a word list, split by one regular expression: the classifier's
    Docs are built from it directly, which costs far less than running the tokenizer again."""
    return _WORDS.findall(classifier_text(text, cues))


def classifier_doc(vocab, words: list[str]) -> Doc:
    return Doc(vocab, words=words)


def bow_scores(model, words: list[list[str]]) -> numpy.ndarray:
    """What a trained ``TextCatBOW`` model predicts for Docs made of `words`, computed straight
    from the words: the same n-gram keys, counts and order as spaCy's ``extract_ngrams``, fed to
    the model's own sparse linear layer and sigmoid. Building a Doc per turn only to read its
    ORTH ids back cost more than the classifier itself."""
    ops, layers = model.ops, {layer.name: layer for layer in model.walk()}
    sizes = numpy.fromiter(map(len, words), dtype="int64", count=len(words))
    flat = numpy.fromiter((get_string_id(w) for ws in words for w in ws), dtype="uint64",
                          count=int(sizes.sum()))
    owner = numpy.repeat(numpy.arange(len(words)), sizes)
    keys, owners = [flat], [owner]
    for n in range(2, layers["extract_ngrams"].attrs["ngram_size"] + 1):
        if len(flat) >= n:
            grams = ops.ngrams(n, flat)
            inside = owner[:len(grams)] == owner[n - 1:]  # n-grams never cross a turn
            keys.append(grams[inside])
            owners.append(owner[:len(grams)][inside])
    keys, owner = numpy.concatenate(keys), numpy.concatenate(owners)
    order = numpy.lexsort((keys, owner))  # per turn, keys ascending, as numpy.unique gives
    keys, owner = keys[order], owner[order]
    first = numpy.ones(len(keys), dtype=bool)
    first[1:] = (keys[1:] != keys[:-1]) | (owner[1:] != owner[:-1])
    starts = numpy.flatnonzero(first)
    counts = numpy.diff(numpy.append(starts, len(keys))).astype("float32")
    lengths = numpy.bincount(owner[starts], minlength=len(words)).astype("int32")
    linear = model.get_ref("output_layer").predict((keys[starts], counts, lengths))
    return ops.sigmoid(linear) if "logistic" in layers else linear


@dataclass(frozen=True, eq=False)
class Classifier:
    """One trained act classifier: a ``TextCatBOW`` model, its labels and the architecture it
    was built from. Saved as the model's bytes and a small JSON file; loading rebuilds it
    through spaCy's registry, which costs a fraction of loading a whole pipeline per model."""

    labels: tuple[str, ...]
    model: Model
    architecture: dict

    @classmethod
    def from_nlp(cls, nlp: Language) -> "Classifier":
        textcat = nlp.get_pipe("textcat_multilabel")
        architecture = dict(nlp.config["components"]["textcat_multilabel"]["model"])
        return cls(tuple(textcat.labels), textcat.model, architecture)

    def scores(self, words: list[list[str]]) -> numpy.ndarray:
        if self.architecture.get("@architectures", "").startswith("spacy.TextCatBOW"):
            return bow_scores(self.model, words)
        # other architectures (the design comparison's CNN ensemble) read lexeme attributes
        return self.model.predict([Doc(_english_vocab(), words=w) for w in words])

    def to_disk(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        (path / "classifier.json").write_text(json.dumps(
            {"labels": list(self.labels), "architecture": self.architecture}, indent=1) + "\n",
            "utf-8")
        (path / "model").write_bytes(self.model.to_bytes())

    @classmethod
    def from_disk(cls, path: Path) -> "Classifier":
        if not (path / "classifier.json").exists():
            raise PipelineInputError(f"{path}: an act classifier saved by an older version of "
                                     "the tool; rebuild the models with 'detector train'")
        cfg = json.loads((path / "classifier.json").read_text("utf-8"))
        model = spacy.util.registry.resolve({"model": cfg["architecture"]})["model"]
        return cls(tuple(cfg["labels"]), model.from_bytes((path / "model").read_bytes()),
                   cfg["architecture"])


@lru_cache(maxsize=1)
def _english_vocab():
    return spacy.blank("en").vocab


def context_tokens(prev_role: str | None, prev_acts: tuple[str, ...], prev_text: str) -> str:
    """The previous turn (of either side) as feature tokens: its role and acts, and whether it
    asked something. A rep answering a client's question, or a client answering a change
    question, reads differently from the same words out of the blue."""
    if prev_role is None:
        return "ctx_start"
    tokens = [f"ctx_{prev_role}_{prev_acts[0]}"] + [f"ctx_{prev_role}_also_{a}" for a in prev_acts[1:]]
    if "?" in prev_text:
        tokens.append(f"ctx_{prev_role}_question")
    return " ".join(tokens)


class ActTagger:
    """Each turn's acts from its role's classifier: every act scoring at least `threshold`,
    the best-scoring act first (always at least one).

    Two passes: the first reads each turn alone; the second (``<role>_ctx`` models, when
    trained) reads the turn plus the previous turn's first-pass acts as context tokens.
    `score` (first pass, no context) also serves the flag rule, sentence by sentence."""

    def __init__(self, threshold: float = 0.5, cues: bool = True):
        self.threshold, self.cues = threshold, cues
        self.models: dict[str, Classifier] = {}

    def predict(self, docs: Iterable[Doc]):
        # (role, text) of each turn of each doc; `at` places a role's turns as (doc, turn)
        turns = [list(zip([s.label_ for s in d.spans[TURNS]], turn_texts(d))) for d in docs]
        at = {role: [(i, j) for i, doc in enumerate(turns) for j, (r, _) in enumerate(doc)
                     if r == role] for role in ROLE_ACTS}
        words = {role: [classifier_words(turns[i][j][1], self.cues) for i, j in where]
                 for role, where in at.items() if where}
        first = {role: self._predict(role, w) for role, w in words.items()}
        if not all(f"{role}_ctx" in self.models for role in first):
            return first
        acts = {ij: self._acts(s) for role, scores in first.items()
                for ij, s in zip(at[role], scores)}
        contexts = {}
        for i, doc in enumerate(turns):
            prev = (None, ("other",), "")
            for j, (role, text) in enumerate(doc):
                contexts[i, j] = context_tokens(*prev).split()
                if role in ROLE_ACTS:
                    prev = (role, acts[i, j], text)
        return {role: self._predict(f"{role}_ctx", [w + contexts[ij] for w, ij in zip(ws, at[role])])
                for role, ws in words.items()}

    def _acts(self, s: dict[str, float]) -> tuple[str, ...]:
        ranked = sorted(s, key=s.get, reverse=True)
        return tuple([ranked[0]] + [a for a in ranked[1:] if s[a] >= self.threshold])

    def _predict(self, name: str, words: list[list[str]]) -> list[dict[str, float]]:
        if not words:
            return []
        if name not in self.models:
            raise PipelineInputError("the act classifier is not trained: load the shipped "
                                     "pipeline or run 'detector train'")
        classifier = self.models[name]
        return [dict(zip(classifier.labels, row)) for row in classifier.scores(words).tolist()]

    def score(self, role: str, texts: list[str]) -> list[dict[str, float]]:
        """First-pass act probabilities of `role` for each of `texts` (turns or sentences)."""
        return self._predict(role, [classifier_words(t, self.cues) for t in texts])

    def set_annotations(self, docs: Iterable[Doc], scores) -> None:
        docs = list(docs)
        it = {role: iter(s) for role, s in scores.items()}
        for doc in docs:
            for span in doc.spans[TURNS]:
                if span.label_ not in ROLE_ACTS:
                    span._.acts = ("other",)
                    continue
                s = next(it[span.label_])
                span._.acts = self._acts(s)
                span._.act_scores = s

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64):
        for batch in spacy.util.minibatch(docs, batch_size):
            self.set_annotations(batch, self.predict(batch))
            yield from batch

    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for role, model in self.models.items():
            model.to_disk(path / role)

    def from_disk(self, path, exclude=tuple()):
        for name in [r for role in ROLE_ACTS for r in (role, f"{role}_ctx")]:
            if (Path(path) / name).exists():
                self.models[name] = Classifier.from_disk(Path(path) / name)
        return self


@Language.factory("detector_flags", requires=["doc.spans", "span._.acts"],
                  assigns=["doc._.first_need_turn", "span._.flag", "span._.evidence"])
def make_flags(nlp: Language, name: str):
    return FlagRule(nlp)


class FlagRule:
    """The contract's rule: the client opens the door at their first need or ask; a rep turn
    that pitches or presses before it is flagged (pressure wins), with the sentence that most
    strongly does so as evidence."""

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        turns = doc.spans[TURNS]
        first = next((i for i, s in enumerate(turns) if s.label_ == "client"
                      and ("need" in s._.acts or "ask" in s._.acts)), None)
        doc._.first_need_turn = first
        flagged = []
        for i, span in enumerate(turns):
            span._.flag, span._.evidence = "", ""
            if span.label_ != "rep" or (first is not None and i >= first):
                continue
            act = next((a for a in SELLING if a in span._.acts), None)
            if act:
                span._.flag = f"premature_{act}"
                flagged.append((span, act))
        for (span, _), evidence in zip(flagged, self.evidences(flagged)):
            span._.evidence = evidence
        return doc

    def evidences(self, flagged: list[tuple[Span, str]]) -> list[str]:
        """For each flagged turn, its sentence that most strongly does what it is flagged for
        (the sentences of all the call's flagged turns are scored in one batch)."""
        sentences = [[s.text for s in span.sents] for span, _ in flagged]
        scores = iter(self.nlp.get_pipe("detector_acts").score(
            "rep", [s for ss in sentences if len(ss) > 1 for s in ss]))
        out = []
        for ss, (_, act) in zip(sentences, flagged):
            mine = [next(scores) for _ in ss] if len(ss) > 1 else [{}]
            out.append(ss[max(range(len(ss)), key=lambda k: mine[k].get(act, 0.0))])
        return out
