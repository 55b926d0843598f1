"""Call features for the pacing classifier: one small pure function per feature, each reading
what the annotated Doc says about the call's turns (a `Call`, built from the Doc once).
`FEATURE_NAMES` is saved with the model and checked when it loads."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from . import extensions
from .corpus import DISCOVERY, READY_ASK
from .doc import turn_texts

extensions.register()

_QUESTION_START = ("what", "how", "why", "when", "where", "who", "which", "do you", "does",
                   "are you", "is it", "can you", "could you", "would you", "have you")


@dataclass(frozen=True, slots=True)
class TurnFacts:
    label: str  # the speaker's role
    acts: tuple[str, ...]
    flag: str
    words: int  # tokens that are neither punctuation nor space
    question: bool
    text: str


@dataclass(frozen=True, slots=True)
class Call:
    turns: tuple[TurnFacts, ...]
    first_need_turn: int | None


def facts(doc: Doc) -> Call:
    """The turns as the features read them. Reading spans and tokens through spaCy's Python
    objects once per feature cost more than the classifiers; this reads them once per call."""
    counts = numpy.zeros(len(doc) + 1, dtype="int64")
    if len(doc):
        marks = doc.to_array([IS_PUNCT, IS_SPACE])
        numpy.cumsum(~marks.any(axis=1), out=counts[1:])
    turns = []
    for span, said in zip(doc.spans[extensions.TURNS], turn_texts(doc)):
        turns.append(TurnFacts(span.label_, span._.acts, span._.flag,
                               int(counts[span.end] - counts[span.start]), _is_question(said),
                               said))
    return Call(tuple(turns), doc._.first_need_turn)


def _is_question(text: str) -> bool:
    return "?" in text or text.lower().startswith(_QUESTION_START)


def _first(c: Call, role: str, acts: tuple[str, ...]) -> int | None:
    return next((i for i, s in enumerate(c.turns) if s.label == role
                 and any(a in s.acts for a in acts)), None)


def _position(c: Call, index: int | None) -> float:
    """Where a turn falls in the call, 0 (first) to 1 (last); 1.0 when it never happens."""
    n = len(c.turns)
    return 1.0 if index is None or n <= 1 else index / (n - 1)


def _rep(c: Call) -> list[TurnFacts]:
    return [s for s in c.turns if s.label == "rep"]


def _talk_share(c: Call, role: str) -> float:
    total = sum(s.words for s in c.turns)
    return sum(s.words for s in c.turns if s.label == role) / total if total else 0.0


def rep_talk_share(c: Call) -> float:
    return _talk_share(c, "rep")


def client_talk_share(c: Call) -> float:
    return _talk_share(c, "client")


def rep_questions(c: Call) -> int:
    return sum(1 for s in c.turns if s.label == "rep" and s.question)


def rep_question_rate(c: Call) -> float:
    rep = _rep(c)
    return sum(s.question for s in rep) / len(rep) if rep else 0.0


def rep_questions_before_pitch(c: Call) -> int:
    stop = _first(c, "rep", ("pitch", "pressure"))
    return sum(1 for s in c.turns[:stop] if s.label == "rep" and s.question)


def rep_question_position(c: Call) -> float:
    """Mean position of the rep's questions (low: asked early, before selling)."""
    qs = [i for i, s in enumerate(c.turns) if s.label == "rep" and s.question]
    return sum(_position(c, i) for i in qs) / len(qs) if qs else 1.0


def longest_rep_monologue(c: Call) -> int:
    return max((s.words for s in c.turns if s.label == "rep"), default=0)


def longest_client_stretch(c: Call) -> int:
    return max((s.words for s in c.turns if s.label == "client"), default=0)


def discovery_stages_before_pitch(c: Call) -> int:
    """How many of situation/change/goals/gaps the rep covered before the first pitch or
    pressure (over the whole call when the rep never sells)."""
    stop = _first(c, "rep", ("pitch", "pressure"))
    seen = {a for s in c.turns[:stop] if s.label == "rep" for a in s.acts
            if a in DISCOVERY}
    return len(seen)


def educated_before_pitch(c: Call) -> int:
    stop = _first(c, "rep", ("pitch", "pressure"))
    return int(any("educate" in s.acts for s in c.turns[:stop] if s.label == "rep"))


def first_pitch_position(c: Call) -> float:
    return _position(c, _first(c, "rep", ("pitch",)))


def first_pressure_position(c: Call) -> float:
    return _position(c, _first(c, "rep", ("pressure",)))


def first_need_position(c: Call) -> float:
    return _position(c, c.first_need_turn)


def sells(c: Call) -> int:
    return int(_first(c, "rep", ("pitch", "pressure")) is not None)


def flag_count(c: Call) -> int:
    return sum(1 for s in c.turns if s.flag)


def flag_share(c: Call) -> float:
    rep = len(_rep(c))
    return flag_count(c) / rep if rep else 0.0


def pressure_share(c: Call) -> float:
    rep = _rep(c)
    return sum("pressure" in s.acts for s in rep) / len(rep) if rep else 0.0


def pressure_after_objection(c: Call) -> int:
    turns = c.turns
    return sum(1 for a, b in zip(turns, turns[1:]) if a.label == "client"
               and "objection" in a.acts and b.label == "rep" and "pressure" in b.acts)


def readiness_position(c: Call) -> float:
    """The client's first commit, or ask about price, terms or next steps."""
    ready = next((i for i, s in enumerate(c.turns) if s.label == "client" and (
        "commit" in s.acts or ("ask" in s.acts and READY_ASK.search(s.text.lower())))), None)
    return _position(c, ready)


def pressure_before_readiness(c: Call) -> int:
    ready = readiness_position(c)
    press = first_pressure_position(c)
    return int(press < 1.0 and press < ready)


def pitch_share(c: Call) -> float:
    rep = _rep(c)
    return sum("pitch" in s.acts for s in rep) / len(rep) if rep else 0.0


def client_needs(c: Call) -> int:
    return sum(1 for s in c.turns if s.label == "client" and "need" in s.acts)


def client_asks(c: Call) -> int:
    return sum(1 for s in c.turns if s.label == "client" and "ask" in s.acts)


def client_ready(c: Call) -> int:
    """Whether the client ever committed or asked about price, terms or next steps."""
    return int(readiness_position(c) < 1.0 or any(
        s.label == "client" and "commit" in s.acts for s in c.turns))


def discovery_stages(c: Call) -> int:
    """How many of situation/change/goals/gaps the rep covered anywhere in the call."""
    return len({a for s in c.turns if s.label == "rep" for a in s.acts if a in DISCOVERY})


FEATURES: dict[str, Callable[[Call], float]] = {f.__name__: f for f in (
    rep_talk_share, client_talk_share, rep_questions, rep_question_rate,
    rep_questions_before_pitch, rep_question_position, longest_rep_monologue,
    longest_client_stretch, discovery_stages_before_pitch, educated_before_pitch,
    first_pitch_position, first_pressure_position, first_need_position, sells, flag_count,
    flag_share, pressure_share, pressure_after_objection, readiness_position,
    pressure_before_readiness, pitch_share, client_needs, client_asks, client_ready,
    discovery_stages)}
FEATURE_NAMES = tuple(FEATURES)


def call_features(doc: Doc) -> dict[str, float]:
    c = facts(doc)
    return {name: float(f(c)) for name, f in FEATURES.items()}
